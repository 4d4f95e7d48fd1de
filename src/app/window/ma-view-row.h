/* ma-view-row.h: one saved view in the list of views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MA_TYPE_VIEW_ROW (ma_view_row_get_type ())
G_DECLARE_FINAL_TYPE (MaViewRow, ma_view_row, MA, VIEW_ROW, GtkListBoxRow)

/* Emits "delete" when its button is clicked. */
GtkWidget *ma_view_row_new (const char *name);
const char *ma_view_row_get_name (MaViewRow *self);

G_END_DECLS
