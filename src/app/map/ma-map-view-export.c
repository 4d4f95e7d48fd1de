/* ma-map-view-export.c: the map's toolbar (modes, zoom) and saving the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-map-view"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "ma-map-view-private.h"

static void
on_mode_toggled (GtkToggleButton *button, MaMapView *self)
{
  if (!gtk_toggle_button_get_active (button) || self->renderer == NULL)
    return;
  ma_map_renderer_set_mode (self->renderer, GTK_WIDGET (button) == self->region_button
                                                ? MA_MAP_BY_REGION
                                                : MA_MAP_BY_COUNTRY);
  ma_map_view_invalidate_colours (self);
}

static void
on_bubbles_toggled (GtkToggleButton *button, MaMapView *self)
{
  if (self->renderer == NULL)
    return;
  ma_map_renderer_set_bubbles (self->renderer, gtk_toggle_button_get_active (button));
  ma_map_view_invalidate_colours (self);
}

static void
zoom_in (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ma_map_view_zoom_at (MA_MAP_VIEW (widget), gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0, ZOOM_STEP);
}

static void
zoom_out (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ma_map_view_zoom_at (MA_MAP_VIEW (widget), gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0, 1 / ZOOM_STEP);
}

static void
fit (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ma_map_view_fit (MA_MAP_VIEW (widget));
}

gboolean
ma_map_view_save (MaMapView *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int dw = 1920, dh = 1080;
  double zoom, cx, cy;

  g_return_val_if_fail (MA_IS_MAP_VIEW (self), FALSE);
  if (self->renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _ ("The map is not loaded yet"));
      return FALSE;
    }
  if (self->export_size != NULL && sscanf (self->export_size, "%dx%d", &dw, &dh) != 2)
    dw = 1920, dh = 1080;
  dw = CLAMP (dw, 100, 8192);
  dh = CLAMP (dh, 100, 8192);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("The map can only be saved to a local file"));
      return FALSE;
    }
  /* The view as shown, at the chosen size. */
  ma_map_renderer_get_view (self->renderer, &zoom, &cx, &cy);
  if (g_str_has_suffix (path, ".svg"))
    surface = cairo_svg_surface_create (path, dw, dh);
  else if (g_str_has_suffix (path, ".pdf"))
    surface = cairo_pdf_surface_create (path, dw, dh);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, dw, dh);
  cr = cairo_create (surface);
  ma_map_renderer_draw (self->renderer, cr, dw, dh, MA_MAP_LAYER_ALL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS &&
      cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* drawing at another size rebuilt the geometry: the view's own is rebuilt on
   * the next frame */
  ma_map_renderer_set_view (self->renderer, zoom, cx, cy);
  self->tex_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is a file name, %2$s the reason */
                   _ ("Could not save %1$s: %2$s"), name, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *dialog, int response, MaMapView *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!ma_map_view_save (self, file, &error))
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (window), _ ("Map not saved"), NULL);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (message), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

static void
export_map (GtkWidget *widget, const char *action, GVariant *parameter)
{
  MaMapView *self = MA_MAP_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkWidget *window = gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW);
  g_autofree char *name = NULL;

  if (self->renderer == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_ ("Save the Map"), GTK_WINDOW (window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), NULL);
  /* Translators: the file name offered when the map is saved; keep the extension */
  name = g_strdup_printf ("%s.%s", _ ("map"), format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
ma_map_view_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "map.export-size", "export-size");
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "map.fit", NULL, fit);
  gtk_widget_class_install_action (widget_class, "map.export", "s", export_map);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "map.zoom-out", NULL);
  gtk_widget_class_bind_template_child (widget_class, MaMapView, country_button);
  gtk_widget_class_bind_template_child (widget_class, MaMapView, region_button);
  gtk_widget_class_bind_template_child (widget_class, MaMapView, bubbles_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_bubbles_toggled);
}
