/* ma-exchange-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-exchange.h"

G_BEGIN_DECLS

/* Position of a CSV column in ma_exchange_columns (), or -1. */
int ma_exchange_column_index (const char *name);
/* Its header in a spreadsheet, untranslated (N_). */
const char *ma_exchange_column_label (guint index);
/* The SQL expression of a column over the action table aliased "a". */
const char *ma_exchange_column_sql (guint index);

/* The IATI vocabularies (99, "reporting organisation") of our thematic areas and
 * programme regions, named by these URIs in sector and recipient-region. */
#define MA_THEME_VOCABULARY_URI "https://www.mieux-initiative.eu/actions/vocabulary/themes"
#define MA_REGION_VOCABULARY_URI "https://www.mieux-initiative.eu/actions/vocabulary/regions"

/* The first characters that make a spreadsheet read a cell as a formula. */
#define MA_CSV_FORMULA_STARTS "=+-@\t\r"

/* Takes away the apostrophe that the CSV export put before a cell beginning with a
 * formula character or an apostrophe; other text is left alone. In place. */
void ma_csv_unescape_cell (char *value);

G_END_DECLS
