/* test-map-view.c: the map view in a window and in the main window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "ma-test-query.h"
#include "ma-i18n.h"
#include "ma-map-view.h"
#include "ma-ui-test.h"

typedef struct
{
  MaStore *store;
  MaActionQuery *query;
  char *path;
  MaFilter *filter;
  GtkWidget *window;
  MaMapView *view;
} Fixture;

static gboolean
view_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
view_ready (gpointer data)
{
  return ma_map_view_is_ready (MA_MAP_VIEW (data));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->store = ma_ui_test_store (&fixture->path);
  fixture->query = ma_action_query_new (fixture->store);
  fixture->filter = ma_filter_new ();
  fixture->view = MA_MAP_VIEW (ma_map_view_new (fixture->query, fixture->filter));
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 620);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ma_ui_test_wait (view_ready, fixture->view, 10));
  ma_ui_test_run (100);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ma_ui_test_run (10);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->query);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static void
test_hover_click (Fixture *fixture, gconstpointer data)
{
  double x, y;
  g_autofree char *tip = NULL;

  ma_map_view_lonlat_to_widget (fixture->view, 2.35, 48.86, &x, &y); /* Paris */
  g_assert_cmpstr (ma_map_view_country_at (fixture->view, x, y), ==, "FR");
  ma_map_view_lonlat_to_widget (fixture->view, 76.95, 43.24, &x, &y); /* Almaty */
  g_assert_cmpstr (ma_map_view_country_at (fixture->view, x, y), ==, "KZ");
  tip = ma_map_view_describe_at (fixture->view, x, y);
  g_assert_nonnull (strstr (tip, "Kazakhstan"));
  g_assert_nonnull (strstr (tip, "1 Action"));
  ma_map_view_lonlat_to_widget (fixture->view, -150, 0, &x, &y); /* Pacific */
  g_assert_null (ma_map_view_country_at (fixture->view, x, y));
  g_assert_null (ma_map_view_describe_at (fixture->view, x, y));

  /* A click on a country filters by it; a second click takes it out. */
  ma_map_view_lonlat_to_widget (fixture->view, 76.95, 43.24, &x, &y);
  ma_map_view_click_at (fixture->view, x, y);
  g_assert_true (ma_filter_has_code (fixture->filter, MA_FILTER_COUNTRY, "KZ"));
  ma_map_view_click_at (fixture->view, x, y);
  g_assert_false (ma_filter_has_code (fixture->filter, MA_FILTER_COUNTRY, "KZ"));
  /* The sea does nothing. */
  ma_map_view_lonlat_to_widget (fixture->view, -150, 0, &x, &y);
  ma_map_view_click_at (fixture->view, x, y);
  g_assert_true (ma_filter_is_empty (fixture->filter));
}

static void
test_zoom_pan (Fixture *fixture, gconstpointer data)
{
  MaMapRenderer *renderer = ma_map_view_get_renderer (fixture->view);
  double x, y, x2, y2, zoom;

  /* Zoom (scroll, pinch and +/- all call this) keeps Paris under the pointer. */
  ma_map_view_lonlat_to_widget (fixture->view, 2.35, 48.86, &x, &y);
  ma_map_view_zoom_at (fixture->view, x, y, 4);
  ma_map_renderer_get_view (renderer, &zoom, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (zoom, 4, 1e-9);
  ma_map_view_lonlat_to_widget (fixture->view, 2.35, 48.86, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x, x2, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, y2, 1e-6);
  g_assert_cmpstr (ma_map_view_country_at (fixture->view, x, y), ==, "FR");
  /* During the gesture the last raster is moved; the frame still draws. */
  ma_ui_test_run (20);
  ma_map_view_settle (fixture->view);
  ma_ui_test_run (50);

  /* Drag by 100 px to the right: the same place moved 100 px. */
  ma_map_view_pan_by (fixture->view, 100, 0);
  ma_map_view_lonlat_to_widget (fixture->view, 2.35, 48.86, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x + 100, 1e-6);

  /* Fit to the regions with Actions: zoomed in, the whole of them in view. */
  ma_map_view_fit (fixture->view);
  ma_map_renderer_get_view (renderer, &zoom, NULL, NULL);
  g_assert_cmpfloat (zoom, >, 1);
  ma_map_view_lonlat_to_widget (fixture->view, -47.9, -15.8, &x, &y); /* Brasília */
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (fixture->view)));
  ma_map_view_lonlat_to_widget (fixture->view, 76.95, 43.24, &x, &y); /* Almaty */
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (fixture->view)));
  ma_map_view_settle (fixture->view);
  ma_ui_test_run (50);
}

static void
test_save (Fixture *fixture, gconstpointer data)
{
  static const char *const names[] = { "map-view-export.png", "map-view-export.svg",
                                       "map-view-export.pdf" };
  g_autofree char *dir = g_dir_make_tmp ("ma-map-view-XXXXXX", NULL);

  g_object_set (fixture->view, "export-size", "1280x720", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;

      g_assert_true (ma_map_view_save (fixture->view, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      if (i == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1280);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 720);
          cairo_surface_destroy (png);
        }
      g_unlink (path);
    }
  g_rmdir (dir);
  /* the view draws again after an export at another size */
  ma_ui_test_run (50);
}

static void
test_filter_follows (Fixture *fixture, gconstpointer data)
{
  MaMapRenderer *renderer = ma_map_view_get_renderer (fixture->view);

  ma_filter_add_code (fixture->filter, MA_FILTER_REGION, "asia");
  ma_ui_test_run (50);
  g_assert_cmpuint (ma_map_data_get_n_actions (ma_map_renderer_get_data (renderer)), ==,
                    ma_test_count (fixture->store, fixture->filter));
  g_assert_cmpuint (ma_map_data_get_country_actions (ma_map_renderer_get_data (renderer), "BR"), ==,
                    0);
}

static char *
screenshot_path (const char *name)
{
  const char *dir = g_getenv ("MA_MAP_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("%s.png", name);

  return g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), file, NULL);
}

/* The map in the main window, beside the list, in each language. */
static void
test_window_languages (void)
{
  static const char *const langs[] = { "en", "fr", "es" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("map-window-%s", langs[i]);
      g_autoptr (GError) error = NULL;
      g_autofree char *file = screenshot_path (name);
      MaStore *store;
      MaWindow *window;
      GtkWidget *view;

      ma_i18n_set_language (langs[i]);
      store = ma_ui_test_store (&path);
      window = ma_window_new (NULL, store);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      ma_window_show_view (window, "map");
      ma_ui_test_run (50);
      view = gtk_widget_get_first_child (GTK_WIDGET (window));
      /* find the view */
      {
        GtkWidget *w = GTK_WIDGET (window);
        GSList *stack = g_slist_prepend (NULL, w);
        view = NULL;
        while (stack != NULL && view == NULL)
          {
            w = stack->data;
            stack = g_slist_delete_link (stack, stack);
            if (MA_IS_MAP_VIEW (w))
              view = w;
            for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
                 c = gtk_widget_get_next_sibling (c))
              stack = g_slist_prepend (stack, c);
          }
        g_slist_free (stack);
      }
      g_assert_nonnull (view);
      /* Mapped when the window has drawn once: a condition, not a fixed wait. */
      g_assert_true (ma_ui_test_wait (view_mapped, view, 10));
      g_assert_true (ma_ui_test_wait (view_ready, view, 10));
      ma_ui_test_run (150);
      {
        double x, y;
        /* the pointer over Kazakhstan: outlined */
        ma_map_view_lonlat_to_widget (MA_MAP_VIEW (view), 67, 48, &x, &y);
        ma_map_view_hover_at (MA_MAP_VIEW (view), x, y);
        ma_ui_test_run (50);
      }
      g_assert_true (ma_ui_test_screenshot (GTK_WIDGET (window), file, &error));
      g_assert_no_error (error);
      g_test_message ("screenshot %s", file);
      gtk_window_destroy (GTK_WINDOW (window));
      ma_ui_test_run (10);
      g_object_unref (store);
    }
  ma_i18n_set_language ("en");
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/map-view/hover-click", test_hover_click);
  ADD ("/map-view/zoom-pan", test_zoom_pan);
  ADD ("/map-view/filter", test_filter_follows);
  ADD ("/map-view/save", test_save);
#undef ADD
  g_test_add_func ("/map-view/window-languages", test_window_languages);
  return g_test_run ();
}
