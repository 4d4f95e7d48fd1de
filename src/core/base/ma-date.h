/* ma-date.h: partial dates (YYYY, YYYY-MM, YYYY-MM-DD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MA_DATE_ERROR (ma_date_error_quark ())

typedef enum
{
  MA_DATE_ERROR_INVALID,
  MA_DATE_ERROR_END_BEFORE_START,
} MaDateError;

GQuark ma_date_error_quark (void);

/* Parses a partial date as a user types it ("2021", "2021-10", "2021-10-19", also
 * "2021-1" and surrounding spaces) into its ISO form of the same precision. An
 * empty or NULL text is an unknown date: TRUE with *iso set to NULL. */
/* TEXT as typed: ISO (2021, 2021-10, 2021-10-19) or day first (10/2021,
 * 19/10/2021, with slashes or dots); empty is NULL. */
gboolean ma_date_parse (const char *text, char **iso, GError **error);
/* How a date field shows ISO, the way people write it: 2021, 10/2021, 19/10/2021. */
char *ma_date_to_entry (const char *iso);
gboolean ma_date_is_valid (const char *iso);
/* Earliest and latest day a partial date can mean, as YYYY-MM-DD. */
char *ma_date_lower_bound (const char *iso);
char *ma_date_upper_bound (const char *iso);
/* FALSE with MA_DATE_ERROR_END_BEFORE_START when the end is before the start at
 * the precision both share; unknown dates never conflict. */
gboolean ma_date_check_span (const char *start, const char *end, GError **error);
int ma_date_get_year (const char *iso);
/* A date for people, at its precision, in the language given ("en", "fr", "es"). */
char *ma_date_format (const char *iso, const char *lang);
/* "2021 – 2022", "October 2021 – …", "… – 2021", "" when both are unknown. */
char *ma_date_format_span (const char *start, const char *end, const char *lang);

G_END_DECLS
