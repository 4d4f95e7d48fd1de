/* ma-action-list.h: the Actions a filter selects, as a lazy list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ma-action-query.h"

G_BEGIN_DECLS

/* One position of the list. GTK keeps the row widget of a slot when the result
 * set changes; the slot then gets another Action and emits "changed", so a new
 * search re-texts the bound rows instead of rebuilding them (perf-floors README). */
#define MA_TYPE_ACTION_SLOT (ma_action_slot_get_type ())
G_DECLARE_FINAL_TYPE (MaActionSlot, ma_action_slot, MA, ACTION_SLOT, GObject)

#define MA_TYPE_ACTION_LIST (ma_action_list_get_type ())
G_DECLARE_FINAL_TYPE (MaActionList, ma_action_list, MA, ACTION_LIST, GObject)

guint ma_action_slot_get_position (MaActionSlot *self);
gint64 ma_action_slot_get_id (MaActionSlot *self);
/* The Action shown in the slot now, built on demand (a new reference); NULL
 * when the slot is empty or the Action vanished. */
MaAction *ma_action_slot_dup_action (MaActionSlot *self);

/* A GListModel of MaActionSlot over the ids of the Actions FILTER selects,
 * sorted by SORT; it follows the filter's and the query's "changed" signals. */
MaActionList *ma_action_list_new (MaActionQuery *query, MaFilter *filter, const char *lang);
/* The same, empty until the first ma_action_list_refresh () (or filter or store
 * change): for a big database, whose sorted ids cost more than the first frame
 * may wait for; refresh once the query's index is loaded. */
MaActionList *
ma_action_list_new_deferred (MaActionQuery *query, MaFilter *filter, const char *lang);
gboolean ma_action_list_is_loaded (MaActionList *self);
MaStore *ma_action_list_get_store (MaActionList *self);
MaActionQuery *ma_action_list_get_query (MaActionList *self);
MaFilter *ma_action_list_get_filter (MaActionList *self);
void ma_action_list_set_sort (MaActionList *self, MaSortKey sort, gboolean descending);
MaSortKey ma_action_list_get_sort (MaActionList *self);
gboolean ma_action_list_get_descending (MaActionList *self);
gint64 ma_action_list_get_id (MaActionList *self, guint position);
/* The position of an Action in the list, or G_MAXUINT. */
guint ma_action_list_find (MaActionList *self, gint64 id);
/* Re-reads the ids now (the list also does it by itself on "changed"). */
void ma_action_list_refresh (MaActionList *self);
/* A deferred list of a large database, while the index loads: every Action, in the
 * order of entry, read in a worker thread, so that the list is usable before it can
 * be sorted; a search or a facet meanwhile keeps that order. The next refresh once
 * the index is in sorts it. Nothing happens when the list is loaded already. */
void ma_action_list_show_unsorted_async (MaActionList *self);
gboolean ma_action_list_is_unsorted (MaActionList *self);
guint ma_action_list_get_total (MaActionList *self);

G_END_DECLS
