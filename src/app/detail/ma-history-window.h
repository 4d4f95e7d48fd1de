/* ma-history-window.h: the edit history of one Action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-store.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_HISTORY_WINDOW (ma_history_window_get_type ())
G_DECLARE_FINAL_TYPE (MaHistoryWindow, ma_history_window, MA, HISTORY_WINDOW, AdwWindow)

GtkWidget *ma_history_window_new (GtkWindow *parent,
                                  MaStore *store,
                                  gint64 action,
                                  MaVocabularies *vocabularies);
/* For tests: the rows of the changes, newest first. */
GtkListBox *ma_history_window_get_list (MaHistoryWindow *self);

G_END_DECLS
