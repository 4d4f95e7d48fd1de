/* ma-action-query.h: which Actions, how many, grouped how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one thing the list, the map, the charts, the reports, the facets, the exports
 * and the command-line tool ask about a filter. It owns a store and an in-memory
 * index (MaActionIndex), and answers from the index when it is loaded and from SQL
 * (ma-filter-sql.h) otherwise, with the same results. It listens to the store's
 * "changed" signal, brings the index up to date, then emits its own "changed": connect
 * to the query's signal, not the store's, so that what a handler asks is current.
 */
#pragma once

#include <gio/gio.h>

#include "ma-action-index.h"
#include "ma-action-result.h"
#include "ma-filter.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_ACTION_QUERY (ma_action_query_get_type ())
G_DECLARE_FINAL_TYPE (MaActionQuery, ma_action_query, MA, ACTION_QUERY, GObject)

MaActionQuery *ma_action_query_new (MaStore *store);
MaStore *ma_action_query_get_store (MaActionQuery *self);
MaActionIndex *ma_action_query_get_index (MaActionQuery *self);

/* The index: ma-action-index.h. Until it is loaded, SQL answers. */
gboolean ma_action_query_load_index (MaActionQuery *self, GError **error);
void ma_action_query_load_index_async (MaActionQuery *self,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean
ma_action_query_load_index_finish (MaActionQuery *self, GAsyncResult *result, GError **error);
gboolean ma_action_query_has_index (MaActionQuery *self);

/* The ids FILTER (NULL: none) selects, in order (gint64). */
GArray *ma_action_query_ids (
    MaActionQuery *self, MaFilter *filter, MaSortKey sort, gboolean descending, GError **error);
/* How many Actions FILTER selects; 0 with ERROR set when SQLite fails. */
guint ma_action_query_count (MaActionQuery *self, MaFilter *filter, GError **error);
/* How many, with counts per dimension, per country and per region (a new reference). */
MaActionResult *ma_action_query_actions (MaActionQuery *self, MaFilter *filter, GError **error);

G_END_DECLS
