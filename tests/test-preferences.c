/* test-preferences.c: Preferences change settings that the views follow; the
 * user guide; the first run on an empty database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ma-action-query.h"
#include "ma-application.h"
#include "ma-i18n.h"
#include "ma-presentation.h"
#include "ma-preferences-window.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

static GSettings *
settings_new (void)
{
  g_autoptr (GSettingsSchema) schema =
      g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);

  /* A missing schema fails the test: it never makes it vanish. */
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, NULL, NULL);
}

/* The type size of presentations: set in Preferences, used by the next one. */
static void
test_type_scale (void)
{
  g_autoptr (GSettings) settings = settings_new ();
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&path);
  GtkWidget *window = ma_preferences_window_new (NULL, settings);
  g_autoptr (MaActionQuery) query = ma_action_query_new (store);
  MaPresentation *presentation;

  gtk_window_present (GTK_WINDOW (window));
  gtk_spin_button_set_value (ma_preferences_window_get_type_scale (MA_PREFERENCES_WINDOW (window)),
                             1.8);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "presentation-type-scale"), 1.8,
                                  1e-9);
  presentation = ma_presentation_new (query, NULL, NULL, "en");
  g_assert_cmpfloat_with_epsilon (ma_presentation_get_type_scale (presentation), 1.8, 1e-9);
  gtk_window_destroy (GTK_WINDOW (presentation));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "presentation-type-scale");
  ma_ui_test_run (10);
}

/* Map colours, the language and the IATI reporting organisation go to their keys. */
static void
test_keys (void)
{
  g_autoptr (GSettings) settings = settings_new ();
  GtkWidget *window = ma_preferences_window_new (NULL, settings);
  MaPreferencesWindow *preferences = MA_PREFERENCES_WINDOW (window);
  g_autofree char *style = NULL;
  g_autofree char *language = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *type = NULL;

  gtk_window_present (GTK_WINDOW (window));
  adw_combo_row_set_selected (ma_preferences_window_get_map_style_row (preferences), 3);
  style = g_settings_get_string (settings, "map-style");
  g_assert_cmpstr (style, ==, "high-contrast");
  adw_combo_row_set_selected (ma_preferences_window_get_language_row (preferences), 2);
  language = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language, ==, "fr");
  gtk_editable_set_text (ma_preferences_window_get_iati_ref (preferences), "XI-IATI-EC_INTPA");
  ref = g_settings_get_string (settings, "iati-reporting-org-ref");
  g_assert_cmpstr (ref, ==, "XI-IATI-EC_INTPA");
  /* "Not set", then Government (10), Local Government (11)… */
  adw_combo_row_set_selected (ma_preferences_window_get_iati_type_row (preferences), 1);
  type = g_settings_get_string (settings, "iati-reporting-org-type");
  g_assert_cmpstr (type, ==, "10");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "map-style");
  g_settings_reset (settings, "language");
  ma_ui_test_run (10);
}

/* The guide shipped in the resources, in each language. */
static void
test_help (void)
{
  static const struct
  {
    const char *lang, *title;
  } guides[] = {
    { "en", "User Guide" },
    { "fr", "Guide d’utilisation" },
    { "es", "Guía de uso" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GFile) file = ma_application_write_help (guides[i].lang, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
      g_assert_nonnull (strstr (text, guides[i].title));
      g_assert_nonnull (strstr (text, "Ctrl</kbd>+<kbd>Z"));
    }
}

/* F1 opens the guide, Ctrl+comma Preferences; Help and Quit are in the menu. */
static void
test_accels (void)
{
  g_autoptr (MaApplication) application = ma_application_new ();
  g_auto (GStrv) help = NULL;
  g_auto (GStrv) preferences = NULL;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.help");
  preferences =
      gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.preferences");
  g_assert_true (g_strv_contains ((const char *const *) help, "F1"));
  g_assert_true (g_strv_contains ((const char *const *) preferences, "<Control>comma"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "help"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "quit"));
}

static gboolean
has_rows (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ma_window_get_action_list (data))) == 15;
}

/* An empty database offers the sample Actions on its empty list. */
static void
test_first_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ma-first-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "actions.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  MaWindow *window;

  g_assert_no_error (error);
  window = ma_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ma_ui_test_run (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ma_window_get_list_stack (window)), ==,
                   "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-sample-actions", NULL));
  g_assert_true (ma_ui_test_wait (has_rows, window, 5));
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
  g_clear_object (&store);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();
  g_test_add_func ("/preferences/type-scale", test_type_scale);
  g_test_add_func ("/preferences/keys", test_keys);
  g_test_add_func ("/preferences/help", test_help);
  g_test_add_func ("/preferences/accels", test_accels);
  g_test_add_func ("/preferences/first-run", test_first_run);
  return g_test_run ();
}
