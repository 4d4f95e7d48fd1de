/* ma-exchange-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-exchange.h"

G_BEGIN_DECLS

/* Position of a CSV column in ma_exchange_columns (), or -1. */
int ma_exchange_column_index (const char *name);
/* The SQL expression of a column over the action table aliased "a". */
const char *ma_exchange_column_sql (guint index);

G_END_DECLS
