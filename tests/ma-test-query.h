/* ma-test-query.h: what tests of other modules ask of the query layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-filter-sql.h"

/* How many Actions FILTER (NULL: all) selects, through SQL alone. */
static inline guint
ma_test_count (MaStore *store, MaFilter *filter)
{
  g_autoptr (GError) error = NULL;
  guint count = 0;

  g_assert_true (ma_filter_sql_count (store, filter, &count, &error));
  g_assert_no_error (error);
  return count;
}
