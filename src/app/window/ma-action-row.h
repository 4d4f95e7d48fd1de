/* ma-action-row.h: one row of the list of Actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-action-list.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_ACTION_ROW (ma_action_row_get_type ())
G_DECLARE_FINAL_TYPE (MaActionRow, ma_action_row, MA, ACTION_ROW, GtkBox)

GtkWidget *ma_action_row_new (MaVocabularies *vocabularies);
/* Shows the slot's Action and follows the slot until unbound. */
void ma_action_row_bind (MaActionRow *self, MaActionSlot *slot);
void ma_action_row_unbind (MaActionRow *self);
/* For tests: the slot shown and the title the row shows now. */
MaActionSlot *ma_action_row_get_slot (MaActionRow *self);
const char *ma_action_row_get_shown_title (MaActionRow *self);

G_END_DECLS
