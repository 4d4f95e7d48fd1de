/* ma-filter.h: the one filter that drives the list, the map and the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MA_TYPE_FILTER (ma_filter_get_type ())
G_DECLARE_FINAL_TYPE (MaFilter, ma_filter, MA, FILTER, GObject)

/* The dimensions that hold sets of codes. */
typedef enum
{
  MA_FILTER_STATUS,
  MA_FILTER_REGION,
  MA_FILTER_COUNTRY,
  MA_FILTER_THEME,
  MA_FILTER_TYPE,
  MA_FILTER_PARTNER, /* partner ids, as decimal text */
  MA_FILTER_N_DIMENSIONS
} MaFilterDimension;

MaFilter *ma_filter_new (void);
MaFilter *ma_filter_copy (MaFilter *self);
gboolean ma_filter_equal (MaFilter *a, MaFilter *b);
gboolean ma_filter_is_empty (MaFilter *self);
void ma_filter_clear (MaFilter *self);

const char *ma_filter_get_search (MaFilter *self);
void ma_filter_set_search (MaFilter *self, const char *search);

/* Codes in the order they were added; NULL-terminated, never NULL. */
const char *const *ma_filter_get_codes (MaFilter *self, MaFilterDimension dimension);
gboolean ma_filter_has_code (MaFilter *self, MaFilterDimension dimension, const char *code);
void ma_filter_add_code (MaFilter *self, MaFilterDimension dimension, const char *code);
void ma_filter_remove_code (MaFilter *self, MaFilterDimension dimension, const char *code);
void ma_filter_set_codes (MaFilter *self, MaFilterDimension dimension, const char *const *codes);

/* Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) or NULL for an open end. Actions
 * whose known period overlaps the range match. */
const char *ma_filter_get_date_from (MaFilter *self);
const char *ma_filter_get_date_to (MaFilter *self);
void ma_filter_set_date_range (MaFilter *self, const char *from, const char *to);
void ma_filter_set_year (MaFilter *self, int year);

/* FTS5 query for the search text: every word a prefix, all words required.
 * NULL when there is nothing to search. */
char *ma_filter_build_match (MaFilter *self);

/* Saved views store a filter as JSON. */
char *ma_filter_to_json (MaFilter *self);
MaFilter *ma_filter_new_from_json (const char *json, GError **error);

/* Groups several changes into one "changed" signal. */
void ma_filter_freeze (MaFilter *self);
void ma_filter_thaw (MaFilter *self);

G_END_DECLS
