/* ma-action-index.h: the in-memory index that answers searches and facet counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 100,000 Actions, sorting titles with the MA_NAME collation and counting facets
 * with GROUP BY over full-text matches cost hundreds of milliseconds in SQL. The index
 * keeps the ids in title order, the status, region, type, dates, countries and themes
 * of every Action in arrays (a few MB); a query is then one FTS5 "SELECT rowid … MATCH"
 * into a bitmap and one pass over the title order that yields the ordered ids and
 * every facet count (bench/RESULTS.md measures it against the SQL path).
 *
 * Loading it is O(n): do it after the first frame (ma_action_index_load_async). Until
 * it is loaded, and after a change to many Actions until it is loaded again, it
 * answers nothing (NULL) and MaActionQuery asks SQL instead, with the same results.
 * MaActionQuery tells it of every committed write; edits of one Action keep it current
 * without a reload.
 */
#pragma once

#include <gio/gio.h>

#include "ma-action-result.h"
#include "ma-filter.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_ACTION_INDEX (ma_action_index_get_type ())
G_DECLARE_FINAL_TYPE (MaActionIndex, ma_action_index, MA, ACTION_INDEX, GObject)

MaActionIndex *ma_action_index_new (MaStore *store);
/* Builds the index now, in this thread. */
gboolean ma_action_index_load (MaActionIndex *self, GError **error);
/* Builds the index in a worker thread over its own connection, installed in the
 * thread-default main context of the caller. Once loaded this way, it reloads itself
 * in the background after a change to many Actions or a change of language. */
void ma_action_index_load_async (MaActionIndex *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean ma_action_index_load_finish (MaActionIndex *self, GAsyncResult *result, GError **error);
/* Whether it answers now. */
gboolean ma_action_index_is_loaded (MaActionIndex *self);
/* Forgets what it loaded: it answers nothing until loaded again. */
void ma_action_index_drop (MaActionIndex *self);
/* A write to ACTION (0: to many) was committed. */
void ma_action_index_changed (MaActionIndex *self, gint64 action);

/* The ids FILTER selects in order (gint64), or NULL when the index cannot answer. */
GArray *ma_action_index_query_ids (MaActionIndex *self,
                                   MaFilter *filter,
                                   MaSortKey sort,
                                   gboolean descending);
/* The answer with counts (a new reference), or NULL when the index cannot answer. */
MaActionResult *ma_action_index_query_actions (MaActionIndex *self, MaFilter *filter);

/* For tests: titles are sorted TITLES at a time, then merged (4,096 by default). */
void ma_action_index_set_sort_chunk (guint titles);

G_END_DECLS
