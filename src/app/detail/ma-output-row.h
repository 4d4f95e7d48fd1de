/* ma-output-row.h: an output of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-records.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_OUTPUT_ROW (ma_output_row_get_type ())
G_DECLARE_FINAL_TYPE (MaOutputRow, ma_output_row, MA, OUTPUT_ROW, AdwExpanderRow)

/* Shows OUTPUT. Signals: "field-changed" (field, value or NULL, editor widget) when
 * the user edits a field ("title", "kind"); "delete" for its button. */
GtkWidget *ma_output_row_new (MaVocabularies *vocabularies, const MaOutput *output);
gint64 ma_output_row_get_id (MaOutputRow *self);

G_END_DECLS
