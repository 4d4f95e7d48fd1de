/* ma-action-result.h: which Actions a filter selects, how many, grouped how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same answer comes from the in-memory index and from SQL (ma-filter-sql.h);
 * MaActionQuery picks one. A test compares both on random filters.
 */
#pragma once

#include <glib.h>

#include "ma-filter.h"

G_BEGIN_DECLS

/* How many Actions a filter selects, with counts for the dimensions
 * MA_FILTER_STATUS, REGION, TYPE, COUNTRY and THEME (no order: the list reads
 * the ids in order through MaActionList). */
typedef struct _MaActionResult MaActionResult;

MaActionResult *ma_action_result_ref (MaActionResult *result);
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
