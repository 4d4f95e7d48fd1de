/* ma-window-private.h: what the tests look at inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-action-detail.h"
#include "ma-action-list.h"
#include "ma-window.h"

G_BEGIN_DECLS

GtkSearchEntry *ma_window_get_search_entry (MaWindow *self);
MaActionList *ma_window_get_action_list (MaWindow *self);
GtkSingleSelection *ma_window_get_selection (MaWindow *self);
MaActionDetail *ma_window_get_detail (MaWindow *self);
/* The detail pane and the shortcuts window if they were built, else NULL. */
MaActionDetail *ma_window_peek_detail (MaWindow *self);
GtkWindow *ma_window_peek_help_overlay (MaWindow *self);
GtkLabel *ma_window_get_count_label (MaWindow *self);
GtkStack *ma_window_get_list_stack (MaWindow *self);
/* The view added under NAME (ma_window_add_view ()), or NULL. */
GtkWidget *ma_window_get_view (MaWindow *self, const char *name);
GtkFlowBox *ma_window_get_chips (MaWindow *self);
GtkMenuButton *ma_window_get_filter_button (MaWindow *self);
/* The Action shown in the detail, or 0. */
gint64 ma_window_get_current (MaWindow *self);
void ma_window_select (MaWindow *self, gint64 id);
/* The undo toast of the last deletion, or NULL. */
AdwToast *ma_window_get_undo_toast (MaWindow *self);
/* Loads a saved view into the window's filter. */
gboolean ma_window_load_view (MaWindow *self, const char *name, GError **error);

G_END_DECLS
