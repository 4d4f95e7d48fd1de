/* ma-preferences-window.h: Preferences (AdwPreferencesWindow over GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MA_TYPE_PREFERENCES_WINDOW (ma_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (
    MaPreferencesWindow, ma_preferences_window, MA, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* SETTINGS: the application's (APP_ID schema). The window writes each change at
 * once; the views that use a key follow its "changed" signal. A team hub page is
 * added after this with adw_preferences_window_add (). */
GtkWidget *ma_preferences_window_new (GtkWindow *parent, GSettings *settings);

/* For tests */
AdwComboRow *ma_preferences_window_get_language_row (MaPreferencesWindow *self);
GtkSpinButton *ma_preferences_window_get_type_scale (MaPreferencesWindow *self);
AdwComboRow *ma_preferences_window_get_map_style_row (MaPreferencesWindow *self);
GtkEditable *ma_preferences_window_get_iati_ref (MaPreferencesWindow *self);
AdwComboRow *ma_preferences_window_get_iati_type_row (MaPreferencesWindow *self);

G_END_DECLS
