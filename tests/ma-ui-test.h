/* ma-ui-test.h: helpers shared by the UI tests (in-process, under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-store.h"
#include "ma-window.h"

/* gtk_init, libadwaita, the app's style sheet; call after g_test_init. */
void ma_ui_test_init (void);
/* A new database with the sample Actions in a temporary directory. */
MaStore *ma_ui_test_store (char **path);
/* Runs the main loop until CONDITION is true or SECONDS pass; returns CONDITION. */
gboolean ma_ui_test_wait (gboolean (*condition) (gpointer), gpointer data, double seconds);
/* Runs the main loop until WINDOW shows its list of Actions (TRUE), or times out. */
gboolean ma_ui_test_wait_window (MaWindow *window);
/* Runs the main loop for a while (lets timeouts such as the search delay fire). */
void ma_ui_test_run (guint milliseconds);
/* Writes a PNG of WIDGET as it is drawn now. */
gboolean ma_ui_test_screenshot (GtkWidget *widget, const char *path, GError **error);
