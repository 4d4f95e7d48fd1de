/* ma-filter-sql.h: a filter's answer through SQL alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL form of MaFilter's semantics, and the reference the in-memory index is
 * tested against (tests/test-query.c draws random filters and compares the two).
 */
#pragma once

#include <sqlite3.h>

#include "ma-action-result.h"
#include "ma-filter.h"
#include "ma-store.h"

G_BEGIN_DECLS

/* An SQL condition on the Actions table aliased "a" that FILTER selects, with its
 * parameters appended to BINDS (text, positional "?"). NULL filter: "1". */
char *ma_filter_sql_condition (MaFilter *filter, GPtrArray *binds);
/* CODES as a JSON array, for "IN (SELECT value FROM json_each (?))". */
char *ma_filter_sql_codes (const char *const *codes);
/* Binds BINDS as text to STMT from parameter FIRST on. */
void ma_filter_sql_bind (sqlite3_stmt *stmt, int first, GPtrArray *binds);

/* The ids FILTER selects (gint64), in the order of SORT. */
GArray *ma_filter_sql_query_ids (
    MaStore *store, MaFilter *filter, MaSortKey sort, gboolean descending, GError **error);
/* How many Actions FILTER selects. */
gboolean ma_filter_sql_count (MaStore *store, MaFilter *filter, guint *count, GError **error);
/* The answer with counts. */
MaActionResult *ma_filter_sql_query_actions (MaStore *store, MaFilter *filter, GError **error);

G_END_DECLS
