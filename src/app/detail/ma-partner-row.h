/* ma-partner-row.h: a partner institution of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-records.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_PARTNER_ROW (ma_partner_row_get_type ())
G_DECLARE_FINAL_TYPE (MaPartnerRow, ma_partner_row, MA, PARTNER_ROW, AdwExpanderRow)

/* Shows PARTNER. Signals: "field-changed" (field, value or NULL, editor widget) when
 * the user edits a field ("name", "kind", "country"); "remove" for its button. */
GtkWidget *ma_partner_row_new (MaVocabularies *vocabularies, const MaPartner *partner);
gint64 ma_partner_row_get_id (MaPartnerRow *self);

G_END_DECLS
