/* ma-ui-test.c: helpers shared by the UI tests (in-process, under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ma-action-list.h"
#include "ma-i18n.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

void
ma_ui_test_init (void)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  ma_window_ensure_resources ();
  /* What AdwApplication does for the real program. */
  gtk_css_provider_load_from_resource (css, "/eu/mieux_initiative/Actions/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

MaStore *
ma_ui_test_store (char **path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-ui-XXXXXX", &error);
  g_autofree char *file = NULL;
  MaStore *store;

  g_assert_no_error (error);
  file = g_build_filename (dir, "actions.db", NULL);
  store = ma_store_open (file, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ma_store_load_sample_data (store, &error));
  g_assert_no_error (error);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return store;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ma_ui_test_wait (gboolean (*condition) (gpointer), gpointer data, double seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add ((guint) (seconds * 1000), on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return condition (data);
}

static gboolean
window_ready (gpointer data)
{
  MaActionList *list = ma_window_get_action_list (MA_WINDOW (data));

  return list != NULL && ma_action_list_is_loaded (list);
}

gboolean
ma_ui_test_wait_window (MaWindow *window)
{
  /* The list is filled after the first frame, which a loaded machine may take
   * seconds to draw. */
  return ma_ui_test_wait (window_ready, window, 30);
}

void
ma_ui_test_run (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_drawable (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

static GskRenderNode *
snapshot_node (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

gboolean
ma_ui_test_screenshot (GtkWidget *widget, const char *path, GError **error)
{
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer;

  /* On a busy machine the window may not be mapped or drawn yet: give it time. */
  ma_ui_test_wait (is_drawable, widget, 10);
  for (guint tries = 0; (node = snapshot_node (widget)) == NULL && tries < 50; tries++)
    ma_ui_test_run (100);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing was drawn");
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (
      renderer, node,
      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}
