/* fuzz-date.c: partial dates as a user types them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "ma-date.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *iso = NULL;
  g_autoptr (GError) error = NULL;

  if (!ma_date_parse (text, &iso, &error))
    g_assert_nonnull (error);
  else if (iso != NULL) /* NULL: the date is unknown */
    {
      g_autofree char *low = ma_date_lower_bound (iso);
      g_autofree char *high = ma_date_upper_bound (iso);
      g_autofree char *shown = ma_date_format (iso, "fr");
      g_autoptr (GError) span = NULL;

      g_assert_true (ma_date_is_valid (iso));
      g_assert_true (g_strcmp0 (low, high) <= 0);
      g_assert_nonnull (shown);
      ma_date_check_span (iso, iso, &span);
      g_assert_no_error (span);
    }
  return 0;
}
