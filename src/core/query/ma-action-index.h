/* ma-action-index.h: the in-memory index that answers searches and facet counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 100,000 Actions, sorting titles with the MA_NAME collation and counting facets
 * with GROUP BY over full-text matches cost hundreds of milliseconds in SQL. The index
 * keeps the ids in title order, the status, region, type, dates, countries and themes
 * of every Action in arrays (a few MB); a query is then one FTS5 "SELECT rowid … MATCH"
 * into a bitmap and one pass over the title order that yields the ordered ids and
 * every facet count (the "S3" design of the performance floors: bench/RESULTS.md).
 *
 * Loading it is O(n): do it after the first frame (ma_store_load_index_async). Until
 * it is loaded, and after a change to many Actions until it is loaded again, the
 * queries below answer through SQL with the same results. Edits of one Action keep
 * it current without a reload.
 */
#pragma once

#include <gio/gio.h>

#include "ma-filter.h"
#include "ma-store.h"

G_BEGIN_DECLS

/* Builds the index now, in this thread. */
gboolean ma_store_load_index (MaStore *self, GError **error);
/* Builds the index in a worker thread over its own connection, installed in the
 * thread-default main context of the caller. */
void ma_store_load_index_async (MaStore *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean ma_store_load_index_finish (MaStore *self, GAsyncResult *result, GError **error);
/* Whether queries go through the index now. */
gboolean ma_store_has_index (MaStore *self);
/* Forgets the index: every query goes through SQL again (tests, benchmarks). */
void ma_store_drop_index (MaStore *self);

/* How many Actions a filter selects, with counts for the dimensions
 * MA_FILTER_STATUS, REGION, TYPE, COUNTRY and THEME (no order: the list reads
 * the ids in order through MaActionList). */
typedef struct _MaActionResult MaActionResult;

MaActionResult *ma_store_query_actions (MaStore *self, MaFilter *filter, GError **error);
/* The same through SQL alone, whether an index is loaded or not. */
MaActionResult *ma_store_query_actions_sql (MaStore *self, MaFilter *filter, GError **error);

/* For tests: titles are sorted TITLES at a time, then merged (4,096 by default). */
void ma_action_index_set_sort_chunk (guint titles);

void ma_action_result_free (MaActionResult *result);
/* How many Actions match. */
guint ma_action_result_get_n_items (MaActionResult *result);
/* Whether the index answered (FALSE: SQL did). */
gboolean ma_action_result_get_from_index (MaActionResult *result);
/* The codes of a dimension that have counts, in the vocabulary's order (countries
 * by code); NULL-terminated, owned by the result. Empty for MA_FILTER_PARTNER. */
const char *const *ma_action_result_get_codes (MaActionResult *result, MaFilterDimension dimension);
/* Selected Actions that have CODE (for countries and themes: among theirs). */
guint
ma_action_result_get_count (MaActionResult *result, MaFilterDimension dimension, const char *code);
/* The same as if the filter had no condition on DIMENSION: what selecting CODE in
 * that dimension would show (facet counts). */
guint ma_action_result_get_facet_count (MaActionResult *result,
                                        MaFilterDimension dimension,
                                        const char *code);

/* For the map: selected Actions of COUNTRY with STATUS, and their activities. */
guint ma_action_result_get_country_status_count (MaActionResult *result,
                                                 const char *country,
                                                 const char *status);
guint ma_action_result_get_country_activities (MaActionResult *result, const char *country);
/* For the regions chart: selected Actions of REGION (NULL: none) with STATUS. */
guint ma_action_result_get_region_status_count (MaActionResult *result,
                                                const char *region,
                                                const char *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaActionResult, ma_action_result_free)

G_END_DECLS
