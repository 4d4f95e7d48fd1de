/* screenshots.c: PNGs of the main window in English, French and Spanish
 *
 * Writes main-window-LANG.png (an Action open for editing) and
 * search-LANG.png (a search with a facet chip) into MA_SCREENSHOT_DIR (default:
 * the current directory), and at the sizes of a small laptop and of a projector
 * (1024×600, 1920×1080) the Action, the charts and the map:
 * SIZE-PAGE-LANG.png. `ninja -C build screenshots` writes data/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ma-i18n.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0;
}

static void
shoot (MaWindow *window, const char *dir, const char *name, const char *lang)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, lang);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  /* Let the window map, then the frame clock lay out and draw what changed. */
  ma_ui_test_wait (is_drawn, window, 10);
  ma_ui_test_run (400);
  /* Under load (the whole suite in parallel) a frame may not be drawn yet: retry. */
  for (int attempt = 0; attempt < 20; attempt++)
    {
      g_clear_error (&error);
      if (ma_ui_test_screenshot (GTK_WIDGET (window), path, &error))
        break;
      ma_ui_test_run (250);
    }
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  const char *dir = g_getenv ("MA_SCREENSHOT_DIR");
  g_autoptr (MaStore) store = NULL;
  MaWindow *window;
  gint64 id;

  if (dir == NULL || dir[0] == '\0')
    dir = ".";
  g_mkdir_with_parents (dir, 0755);
  ma_i18n_set_language (lang);
  store = ma_ui_test_store (NULL);
  window = ma_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));

  id = ma_store_find_action (store, "Gran Chaco", NULL);
  ma_window_select (window, id);
  shoot (window, dir, "main-window", lang);

  /* Several chips at once: their labels must fit in French and Spanish too. */
  ma_filter_add_code (ma_window_get_filter (window), MA_FILTER_REGION, "lac");
  ma_filter_add_code (ma_window_get_filter (window), MA_FILTER_STATUS, "completed");
  ma_filter_add_code (ma_window_get_filter (window), MA_FILTER_STATUS, "ongoing");
  gtk_editable_set_text (GTK_EDITABLE (ma_window_get_search_entry (window)), "migra");
  /* The search entry waits for its search delay before it filters. */
  ma_ui_test_run (600);
  shoot (window, dir, "search", lang);

  /* A narrow window folds to one pane: the Action, with a back button. */
  if (g_strcmp0 (lang, "en") == 0)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
      ma_ui_test_run (100);
      ma_window_select (window, id);
      shoot (window, dir, "narrow", lang);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

static void
test_sizes (gconstpointer data)
{
  const char *lang = data;
  const char *dir = g_getenv ("MA_SCREENSHOT_DIR");
  static const int sizes[][2] = { { 1024, 600 }, { 1920, 1080 } };
  static const char *const pages[] = { "list", "charts", "map" };
  g_autoptr (MaStore) store = NULL;
  MaWindow *window;

  if (dir == NULL || dir[0] == '\0')
    dir = ".";
  g_mkdir_with_parents (dir, 0755);
  ma_i18n_set_language (lang);
  store = ma_ui_test_store (NULL);
  window = ma_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ma_ui_test_wait_window (window));
  ma_window_select (window, ma_store_find_action (store, "Costa Rica", NULL));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        g_autofree char *name = g_strdup_printf ("%dx%d-%s", sizes[s][0], sizes[s][1], pages[p]);

        gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
        ma_window_show_view (window, pages[p]);
        /* The map and the charts draw once shown and measured. */
        ma_ui_test_run (g_strcmp0 (pages[p], "list") == 0 ? 200 : 1200);
        shoot (window, dir, name, lang);
      }
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();

  g_test_add_data_func ("/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/screenshots/fr", "fr", test_screenshots);
  g_test_add_data_func ("/screenshots/es", "es", test_screenshots);
  g_test_add_data_func ("/screenshots/sizes/en", "en", test_sizes);
  g_test_add_data_func ("/screenshots/sizes/fr", "fr", test_sizes);
  g_test_add_data_func ("/screenshots/sizes/es", "es", test_sizes);
  return g_test_run ();
}
