/* test-chart-view.c: the charts page of the main window and presentation mode,
 * in-process under Xvfb; with MA_SCREENSHOT_DIR set, also writes screenshots of
 * the view and of presentation mode in English, French and Spanish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ma-chart-view.h"
#include "ma-deck.h"
#include "ma-i18n.h"
#include "ma-presentation.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

static MaChartView *
find_chart_view (GtkWidget *widget)
{
  if (MA_IS_CHART_VIEW (widget))
    return MA_CHART_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MaChartView *found = find_chart_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static MaPresentation *
find_presentation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (MA_IS_PRESENTATION (window))
        return MA_PRESENTATION (window);
    }
  return NULL;
}

static gboolean
no_presentation (gpointer data)
{
  return find_presentation () == NULL;
}

static gboolean
is_drawn (gpointer data)
{
  MaChartView *view = data;
  return gtk_widget_get_mapped (GTK_WIDGET (view)) &&
         gtk_widget_get_width (ma_chart_view_get_drawing_area (view)) > 0 &&
         ma_chart_view_get_layout (view) != NULL;
}

static gboolean
window_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static gboolean
kind_is (gpointer data)
{
  MaChartView *view = data;
  const MaChartData *chart = ma_chart_view_get_data (view);
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "want"));
  return chart != NULL && chart->categories->len == want;
}

/* The chart's total is the view's "want" data. */
static gboolean
total_is (gpointer data)
{
  MaChartView *view = data;
  const MaChartData *chart = ma_chart_view_get_data (view);
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "want"));
  return chart != NULL && chart->total == want;
}

static MaWindow *
open_window (MaStore *store, MaChartView **view)
{
  MaWindow *window = ma_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  ma_window_show_view (window, "charts");
  *view = find_chart_view (GTK_WIDGET (window));
  g_assert_nonnull (*view);
  g_assert_true (ma_ui_test_wait (is_drawn, *view, 10));
  return window;
}

/* The centre of the bar of CATEGORY (and SERIES, or any when NULL). */
static gboolean
bar_center (MaChartView *view, const char *category, const char *series, double *x, double *y)
{
  const MaChartData *data = ma_chart_view_get_data (view);
  const MaChartLayout *layout = ma_chart_view_get_layout (view);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      MaChartKey *c, *s;
      if (item->kind != MA_CHART_ITEM_BAR)
        continue;
      c = g_ptr_array_index (data->categories, item->category);
      s = item->series >= 0 ? g_ptr_array_index (data->series, item->series) : NULL;
      if (g_strcmp0 (c->code, category) == 0 &&
          (series == NULL || (s != NULL && g_strcmp0 (s->code, series) == 0)))
        {
          *x = item->x + item->width / 2;
          *y = item->y + item->height / 2;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_view (void)
{
  g_autoptr (MaStore) store = ma_ui_test_store (NULL);
  MaChartView *view = NULL;
  MaWindow *window = open_window (store, &view);
  MaFilter *filter = ma_window_get_filter (window);
  const MaChartData *data = ma_chart_view_get_data (view);
  g_autofree char *tooltip = NULL;
  double x, y;

  g_assert_cmpint (data->kind, ==, MA_CHART_REGIONS);
  g_assert_cmpuint (data->total, ==, 15);
  g_assert_true (g_str_has_prefix (ma_chart_view_get_report_text (view),
                                   "Overall, MIEUX+ implemented 15 Actions, 3 of which were "
                                   "completed, and organised 10 activities."));

  /* The report for a period of its own. */
  ma_chart_view_set_report_period (view, "2021", "2021");
  g_assert_true (g_str_has_prefix (ma_chart_view_get_report_text (view),
                                   "In 2021, MIEUX+ implemented 9 Actions, 2 of which were "
                                   "completed, and organised 10 activities."));
  ma_chart_view_set_report_period (view, "2021-13", NULL);
  g_assert_true (g_str_has_prefix (ma_chart_view_get_report_text (view), "Overall"));
  ma_chart_view_set_report_period (view, NULL, NULL);

  /* Hover: the exact figures. */
  g_assert_true (bar_center (view, "lac", "completed", &x, &y));
  tooltip = ma_chart_view_describe_at (view, x, y);
  g_assert_nonnull (strstr (tooltip, "Latin America and the Caribbean: 6 Actions"));
  g_assert_nonnull (strstr (tooltip, "Completed: 3 Actions"));
  g_assert_null (ma_chart_view_describe_at (view, 2, 2));

  /* Click: the window's filter, so the list follows. */
  g_assert_true (ma_chart_view_activate_at (view, x, y));
  g_assert_true (ma_filter_has_code (filter, MA_FILTER_REGION, "lac"));
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (1));
  g_assert_true (ma_ui_test_wait (kind_is, view, 5));
  g_assert_true (g_str_has_prefix (ma_chart_view_get_report_text (view),
                                   "Overall, MIEUX+ implemented 6 Actions"));

  /* The filter changed elsewhere: the chart follows. */
  ma_filter_clear (filter);
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (5));
  g_assert_true (ma_ui_test_wait (kind_is, view, 5));

  /* A hidden page does no work; shown again, it catches up. */
  ma_window_show_view (window, "list");
  ma_filter_add_code (filter, MA_FILTER_REGION, "asia");
  ma_ui_test_run (100);
  g_assert_cmpuint (ma_chart_view_get_data (view)->categories->len, ==, 5);
  ma_window_show_view (window, "charts");
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (1));
  g_assert_true (ma_ui_test_wait (kind_is, view, 5));
  ma_filter_clear (filter);
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (5));
  g_assert_true (ma_ui_test_wait (kind_is, view, 5));

  /* Years of the activities chart filter by year. */
  ma_chart_view_set_kind (view, MA_CHART_ACTIVITIES);
  ma_ui_test_wait (is_drawn, view, 5);
  ma_ui_test_run (200);
  g_assert_true (bar_center (view, "2021", NULL, &x, &y));
  g_assert_true (ma_chart_view_activate_at (view, x, y));
  g_assert_cmpstr (ma_filter_get_date_from (filter), ==, "2021");
  ma_filter_clear (filter);

  /* Every kind lays out cleanly at the page's size. */
  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    {
      g_autofree char *problem = NULL;
      ma_chart_view_set_kind (view, kind);
      g_assert_nonnull (ma_chart_view_get_layout (view));
      if (ma_chart_layout_has_collisions (ma_chart_view_get_layout (view), &problem))
        g_error ("%s: %s", ma_chart_kind_to_string (kind), problem);
    }

  /* A store change (a new Action) is seen too. */
  ma_chart_view_set_kind (view, MA_CHART_STATUS);
  ma_store_create_action (store, "New", "declined", NULL);
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (16));
  g_assert_true (ma_ui_test_wait (total_is, view, 5));

  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

static void
test_async (void)
{
  g_autoptr (MaStore) store = ma_ui_test_store (NULL);
  MaChartView *view = NULL;
  MaWindow *window = open_window (store, &view);
  MaFilter *filter = ma_window_get_filter (window);
  const char *const lac[] = { "lac", NULL };
  const char *const esa[] = { "esa", NULL };

  /* As on a large database: the data and the report come from a worker thread, the
   * page keeps the old ones meanwhile, and only the newest answer is shown. */
  ma_chart_view_set_async_threshold (view, 0);
  ma_chart_view_set_kind (view, MA_CHART_ACTIVITIES);
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (10));
  g_assert_true (ma_ui_test_wait (total_is, view, 5));
  g_assert_cmpint (ma_chart_view_get_data (view)->kind, ==, MA_CHART_ACTIVITIES);

  ma_chart_view_set_kind (view, MA_CHART_THEMES);
  ma_filter_set_codes (filter, MA_FILTER_REGION, esa);
  ma_filter_set_codes (filter, MA_FILTER_REGION, lac);
  g_assert_cmpint (ma_chart_view_get_data (view)->kind, ==, MA_CHART_ACTIVITIES);
  g_assert_true (ma_chart_view_is_pending (view));
  g_object_set_data (G_OBJECT (view), "want", GUINT_TO_POINTER (6));
  g_assert_true (ma_ui_test_wait (total_is, view, 5));
  g_assert_cmpint (ma_chart_view_get_data (view)->kind, ==, MA_CHART_THEMES);
  ma_ui_test_run (200);
  g_assert_false (ma_chart_view_is_pending (view));
  g_assert_cmpuint (ma_chart_view_get_data (view)->total, ==, 6);
  g_assert_true (g_str_has_prefix (ma_chart_view_get_report_text (view),
                                   "Overall, MIEUX+ implemented 6 Actions"));

  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

static void
test_exports (void)
{
  g_autoptr (MaStore) store = ma_ui_test_store (NULL);
  MaChartView *view = NULL;
  MaWindow *window = open_window (store, &view);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-chart-view-XXXXXX", &error);
  const char *formats[] = { "png", "svg", "pdf" };

  g_assert_no_error (error);
  ma_chart_view_set_kind (view, MA_CHART_THEMES);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("themes.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_true (ma_chart_view_export (view, formats[i], 1920, 1080, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (i == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1920);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1080);
          cairo_surface_destroy (png);
        }
      g_remove (path);
    }
  {
    /* The deck as one PDF, and printing (to a file) through GtkPrintOperation. */
    g_autofree char *deck = g_build_filename (dir, "deck.pdf", NULL);
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (ma_chart_view_export (view, "deck", 842, 595, deck, &error));
    g_assert_no_error (error);
    g_assert_true (ma_chart_view_print_to_file (view, printed, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_remove (deck);
    g_remove (printed);
  }
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

/* Activates the window's F11 shortcut as GTK would on the key press. */
static gboolean
press_f11 (GtkWidget *window)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_F11 &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window,
                                                 NULL);
        }
    }
  return FALSE;
}

static void
test_presentation (void)
{
  g_autoptr (MaStore) store = ma_ui_test_store (NULL);
  MaChartView *view = NULL;
  MaWindow *window = open_window (store, &view);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaDeck) deck = ma_deck_new ("Réunion");
  const char *const slides[] = { "map", "regions", NULL };
  MaPresentation *presentation;

  ma_chart_view_set_kind (view, MA_CHART_THEMES);
  ma_filter_add_code (ma_window_get_filter (window), MA_FILTER_REGION, "lac");
  /* F11 works from the list page too. */
  ma_window_show_view (window, "list");
  g_assert_true (press_f11 (GTK_WIDGET (window)));
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  /* It begins with the chart that was on screen. */
  g_assert_cmpstr (ma_presentation_get_slide_name (presentation), ==, "themes");
  g_assert_cmpuint (ma_presentation_get_n_slides (presentation), ==, 8);
  g_assert_true (ma_presentation_handle_key (presentation, GDK_KEY_Right));
  g_assert_cmpstr (ma_presentation_get_slide_name (presentation), ==, "status");
  ma_presentation_handle_key (presentation, GDK_KEY_Left);
  ma_presentation_handle_key (presentation, GDK_KEY_Left);
  ma_presentation_handle_key (presentation, GDK_KEY_Left);
  g_assert_cmpuint (ma_presentation_get_slide (presentation), ==, 0);
  ma_presentation_handle_key (presentation, GDK_KEY_End);
  g_assert_cmpstr (ma_presentation_get_slide_name (presentation), ==, "report");
  ma_presentation_handle_key (presentation, GDK_KEY_space);
  g_assert_cmpstr (ma_presentation_get_slide_name (presentation), ==, "report");
  ma_presentation_handle_key (presentation, GDK_KEY_Home);
  g_assert_cmpuint (ma_presentation_get_slide (presentation), ==, 0);
  ma_ui_test_run (200);
  g_assert_true (ma_presentation_handle_key (presentation, GDK_KEY_Escape));
  g_assert_true (ma_ui_test_wait (no_presentation, NULL, 5));

  /* The presentation language may differ from the application's. */
  g_assert_null (ma_chart_view_get_presentation_language (view));
  g_settings_set_string (settings, "presentation-language", "fr");
  g_assert_cmpstr (ma_chart_view_get_presentation_language (view), ==, "fr");
  g_settings_reset (settings, "presentation-language");

  /* Save as Deck: a name in the dialog, the current filter and language. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;
    g_autoptr (MaDeck) saved = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "charts.save-deck", NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (item))
          dialog = ADW_MESSAGE_DIALOG (item);
      }
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "name-entry")),
                           "Latin America 2021");
    /* Leave the timeline out. */
    {
      GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "slide-checks");
      for (guint i = 0; i < checks->len; i++)
        if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "slide"), "timeline") == 0)
          gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
    }
    adw_message_dialog_response (dialog, "save");
    gtk_window_destroy (GTK_WINDOW (dialog));
    saved = ma_store_load_deck (store, "Latin America 2021", &error);
    g_assert_no_error (error);
    g_assert_true (ma_filter_has_code (saved->filter, MA_FILTER_REGION, "lac"));
    g_assert_cmpuint (g_strv_length (saved->slides), ==, 7);
    g_assert_false (g_strv_contains ((const char *const *) saved->slides, "timeline"));
  }

  /* A saved deck keeps its slides, filter and language. */
  g_strfreev (deck->slides);
  deck->slides = g_strdupv ((char **) slides);
  deck->lang = g_strdup ("es");
  g_assert_true (ma_store_save_deck (store, deck, &error));
  g_assert_no_error (error);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "charts.present-deck", "s", "Réunion"));
  presentation = find_presentation ();
  g_assert_nonnull (presentation);
  g_assert_cmpuint (ma_presentation_get_n_slides (presentation), ==, 2);
  g_assert_cmpstr (ma_presentation_get_slide_name (presentation), ==, "map");
  ma_ui_test_run (200);
  gtk_window_destroy (GTK_WINDOW (presentation));
  g_assert_null (ma_chart_view_present (view, "nothing", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND);

  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

static void
shoot (GtkWidget *widget, const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  ma_ui_test_wait (window_drawn, widget, 10);
  ma_ui_test_run (400);
  ma_ui_test_screenshot (widget, path, &error);
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  const char *dir = g_getenv ("MA_SCREENSHOT_DIR");
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  MaChartView *view = NULL;
  MaWindow *window;
  MaPresentation *presentation;
  g_autofree char *name = NULL;

  if (dir == NULL || dir[0] == '\0')
    {
      g_test_skip ("MA_SCREENSHOT_DIR is not set");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  ma_i18n_set_language (lang);
  store = ma_ui_test_store (NULL);
  window = open_window (store, &view);
  name = g_strdup_printf ("charts-%s.png", lang);
  shoot (GTK_WIDGET (window), dir, name);

  {
    /* The Save as Deck dialog. */
    GListModel *toplevels = gtk_window_get_toplevels ();
    gtk_widget_activate_action (GTK_WIDGET (view), "charts.save-deck", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (item))
          {
            g_free (name);
            name = g_strdup_printf ("save-deck-%s.png", lang);
            shoot (GTK_WIDGET (item), dir, name);
            gtk_window_destroy (GTK_WINDOW (item));
            break;
          }
      }
  }

  ma_chart_view_set_kind (view, MA_CHART_TIMELINE);
  g_free (name);
  name = g_strdup_printf ("charts-timeline-%s.png", lang);
  shoot (GTK_WIDGET (window), dir, name);

  /* Presentation of the regions chart; in French from an English session too. */
  ma_chart_view_set_kind (view, MA_CHART_REGIONS);
  for (guint pass = 0; pass < (strcmp (lang, "en") == 0 ? 2 : 1); pass++)
    {
      if (pass == 1)
        g_settings_set_string (settings, "presentation-language", "fr");
      presentation = MA_PRESENTATION (ma_chart_view_present (view, NULL, NULL));
      gtk_window_unfullscreen (GTK_WINDOW (presentation));
      gtk_window_set_default_size (GTK_WINDOW (presentation), 1280, 800);
      g_free (name);
      name = g_strdup_printf ("presentation-%s%s.png", pass == 1 ? "fr-from-" : "", lang);
      shoot (GTK_WIDGET (presentation), dir, name);
      if (pass == 0)
        {
          ma_presentation_handle_key (presentation, GDK_KEY_End);
          g_free (name);
          name = g_strdup_printf ("presentation-report-%s.png", lang);
          shoot (GTK_WIDGET (presentation), dir, name);
          ma_presentation_handle_key (presentation, GDK_KEY_Left);
          g_free (name);
          name = g_strdup_printf ("presentation-map-%s.png", lang);
          shoot (GTK_WIDGET (presentation), dir, name);
        }
      gtk_window_destroy (GTK_WINDOW (presentation));
    }
  g_settings_reset (settings, "presentation-language");
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();

  g_test_add_func ("/chart-view/view", test_view);
  g_test_add_func ("/chart-view/async", test_async);
  g_test_add_func ("/chart-view/exports", test_exports);
  g_test_add_func ("/chart-view/presentation", test_presentation);
  g_test_add_data_func ("/chart-view/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/chart-view/screenshots/fr", "fr", test_screenshots);
  g_test_add_data_func ("/chart-view/screenshots/es", "es", test_screenshots);
  return g_test_run ();
}
