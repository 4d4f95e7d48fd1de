/* ma-map-view-input.c: what the map does with the pointer, gestures and keys
 *
 * A gesture moves and scales the last raster (no drawing); the map is rastered
 * again once the view has been still for SETTLE_MS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-map-view"

#include "config.h"

#include <math.h>

#include "ma-map-view-private.h"

static gboolean
settle (gpointer data)
{
  MaMapView *self = data;

  self->settle_id = 0;
  self->interacting = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The view moved: show the last raster moved, raster again once it is still. */
static void
view_changed (MaMapView *self)
{
  self->interacting = TRUE;
  self->hover = -1;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ma_map_view_settle (MaMapView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  settle (self);
}

void
ma_map_view_zoom_at (MaMapView *self, double x, double y, double factor)
{
  int dw, dh, s = ma_map_view_scale_factor (self);

  if (self->renderer == NULL)
    return;
  ma_map_view_device_size (self, &dw, &dh);
  ma_map_renderer_zoom_at (self->renderer, dw, dh, x * s, y * s, factor);
  view_changed (self);
}

void
ma_map_view_pan_by (MaMapView *self, double dx, double dy)
{
  int dw, dh, s = ma_map_view_scale_factor (self);

  if (self->renderer == NULL)
    return;
  ma_map_view_device_size (self, &dw, &dh);
  ma_map_renderer_pan (self->renderer, dw, dh, dx * s, dy * s);
  view_changed (self);
}

void
ma_map_view_fit (MaMapView *self)
{
  int dw, dh;

  if (self->renderer == NULL)
    return;
  if (self->data_dirty)
    ma_map_view_refresh_data (self);
  ma_map_view_device_size (self, &dw, &dh);
  ma_map_renderer_fit_to_data (self->renderer, dw, dh);
  view_changed (self);
}

static int
feature_at (MaMapView *self, double x, double y)
{
  int dw, dh, s = ma_map_view_scale_factor (self);

  if (self->renderer == NULL || ma_map_renderer_get_data (self->renderer) == NULL)
    return -1;
  ma_map_view_device_size (self, &dw, &dh);
  return ma_map_renderer_hit_test (self->renderer, dw, dh, x * s, y * s);
}

const char *
ma_map_view_country_at (MaMapView *self, double x, double y)
{
  int feature = feature_at (self, x, y);

  if (feature < 0)
    return NULL;
  return ma_map_data_get_feature_country (ma_map_renderer_get_data (self->renderer),
                                          (guint) feature);
}

char *
ma_map_view_describe_at (MaMapView *self, double x, double y)
{
  int feature = feature_at (self, x, y);

  if (feature < 0)
    return NULL;
  return ma_map_data_describe_feature (ma_map_renderer_get_data (self->renderer), (guint) feature);
}

void
ma_map_view_click_at (MaMapView *self, double x, double y)
{
  const char *code = ma_map_view_country_at (self, x, y);

  if (code == NULL || self->filter == NULL)
    return;
  if (ma_filter_has_code (self->filter, MA_FILTER_COUNTRY, code))
    ma_filter_remove_code (self->filter, MA_FILTER_COUNTRY, code);
  else
    ma_filter_add_code (self->filter, MA_FILTER_COUNTRY, code);
}

void
ma_map_view_lonlat_to_widget (MaMapView *self, double lon, double lat, double *x, double *y)
{
  int dw, dh, s = ma_map_view_scale_factor (self);
  double px, py, mx, my;

  g_return_if_fail (self->renderer != NULL);
  ma_map_view_device_size (self, &dw, &dh);
  ma_equal_earth_forward (lon, lat, &mx, &my);
  ma_map_renderer_to_device (self->renderer, dw, dh, mx, my, &px, &py);
  *x = px / s;
  *y = py / s;
}

void
ma_map_view_set_mode (MaMapView *self, MaMapMode mode)
{
  gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (mode == MA_MAP_BY_REGION ? self->region_button : self->country_button),
      TRUE);
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, MaMapView *self)
{
  if (self->renderer == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  ma_map_renderer_get_view (self->renderer, &self->drag_zoom, &self->drag_cx, &self->drag_cy);
  self->dragged = FALSE;
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, MaMapView *self)
{
  int dw, dh, s = ma_map_view_scale_factor (self);

  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  self->dragged = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  ma_map_view_device_size (self, &dw, &dh);
  ma_map_renderer_set_view (self->renderer, self->drag_zoom, self->drag_cx, self->drag_cy);
  ma_map_renderer_pan (self->renderer, dw, dh, dx * s, dy * s);
  view_changed (self);
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, MaMapView *self)
{
  double x, y;

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (self->dragged || self->renderer == NULL)
    return;
  /* A press without a move is a click on a country. */
  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    ma_map_view_click_at (self, x, y);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, MaMapView *self)
{
  double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (dy == 0)
    return TRUE;
  ma_map_view_zoom_at (self, x, y, pow (ZOOM_STEP, -dy));
  /* Handled: AdwLeaflet's swipe tracker must not see it. */
  return TRUE;
}

static void
set_hover (MaMapView *self, int feature)
{
  if (self->hover != feature)
    {
      self->hover = feature;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, MaMapView *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
  set_hover (self, self->interacting ? -1 : feature_at (self, x, y));
}

void
ma_map_view_hover_at (MaMapView *self, double x, double y)
{
  on_motion (NULL, x, y, self);
}

static void
on_leave (GtkEventControllerMotion *controller, MaMapView *self)
{
  self->has_pointer = FALSE;
  set_hover (self, -1);
}

static void
pinch_begin (GtkGesture *gesture, GdkEventSequence *sequence, MaMapView *self)
{
  self->pinch_last = 1;
}

static void
pinch_scale_changed (GtkGestureZoom *gesture, double scale, MaMapView *self)
{
  double x, y;

  if (scale <= 0 || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  ma_map_view_zoom_at (self, x, y, scale / self->pinch_last);
  self->pinch_last = scale;
}

static gboolean
on_key (GtkEventControllerKey *controller,
        guint keyval,
        guint keycode,
        GdkModifierType state,
        MaMapView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)),
         h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->renderer == NULL || (state & (GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
      case GDK_KEY_Left:
      case GDK_KEY_KP_Left:
        ma_map_view_pan_by (self, w / 8, 0);
        return TRUE;
      case GDK_KEY_Right:
      case GDK_KEY_KP_Right:
        ma_map_view_pan_by (self, -w / 8, 0);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        ma_map_view_pan_by (self, 0, h / 8);
        return TRUE;
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        ma_map_view_pan_by (self, 0, -h / 8);
        return TRUE;
      case GDK_KEY_plus:
      case GDK_KEY_equal:
      case GDK_KEY_KP_Add:
        ma_map_view_zoom_at (self, w / 2, h / 2, ZOOM_STEP);
        return TRUE;
      case GDK_KEY_minus:
      case GDK_KEY_KP_Subtract:
        ma_map_view_zoom_at (self, w / 2, h / 2, 1 / ZOOM_STEP);
        return TRUE;
      case GDK_KEY_0:
      case GDK_KEY_KP_0:
      case GDK_KEY_Home:
        ma_map_renderer_set_view (self->renderer, 1, 0, 0);
        view_changed (self);
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
ma_map_view_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  MaMapView *self = MA_MAP_VIEW (widget);
  g_autofree char *text = NULL;

  if (keyboard || self->interacting)
    return FALSE;
  text = ma_map_view_describe_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
ma_map_view_input_class_init (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = ma_map_view_query_tooltip;
  gtk_widget_class_bind_template_callback (widget_class, drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, drag_update);
  gtk_widget_class_bind_template_callback (widget_class, drag_end);
  gtk_widget_class_bind_template_callback (widget_class, pinch_begin);
  gtk_widget_class_bind_template_callback (widget_class, pinch_scale_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_scroll);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_key);
}
