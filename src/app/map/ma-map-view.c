/* ma-map-view.c: the world map of the filtered Actions, with pan and zoom
 *
 * The map is rastered by MaMapRenderer into an image and shown as it is.
 * During a gesture (drag, scroll, pinch, keys) the last image is moved and
 * scaled, which costs no drawing; the map is rastered again when the gesture
 * has been still for a moment. A filter change only recolours (the colour
 * indices of the pixels stay), and the legend is a second image that does not
 * move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-map-view"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ma-i18n.h"
#include "ma-map-view.h"

#define SETTLE_MS 160
#define ZOOM_STEP 1.25

/* An image the renderer made, held (so that the renderer makes a new one
 * rather than drawing into it), and for the GL renderer a texture sharing its
 * pixels. */
typedef struct
{
  cairo_surface_t *surface;
  GdkTexture *texture;
} Picture;

struct _MaMapView
{
  GtkWidget parent_instance;

  MaStore *store;
  MaFilter *filter;
  MaGeo *geo;
  MaMapRenderer *renderer;
  gboolean data_dirty;

  /* the last raster and the view it was made for (device pixels) */
  Picture frame;
  int tex_w, tex_h;
  double tex_scale, tex_cx, tex_cy;
  gboolean tex_stale;
  Picture overlay[2]; /* legend, caption */
  GPtrArray *retired; /* Picture: see picture_retire () */
  guint release_id;
  int ov_w, ov_h;
  double ov_x[2], ov_y[2]; /* where the overlays lie, device pixels */
  gboolean overlay_stale;

  gboolean interacting;
  guint settle_id;

  /* gestures */
  double drag_zoom, drag_cx, drag_cy;
  gboolean dragged;
  double pinch_last;
  double pointer_x, pointer_y;
  gboolean has_pointer;
  int hover; /* feature under the pointer, or -1 */

  GtkWidget *toolbar;
  GtkWidget *country_button;
  GtkWidget *region_button;
  GtkWidget *bubbles_button;
  GtkFileChooserNative *chooser;
  char *export_size; /* "WxH" */
};

G_DEFINE_FINAL_TYPE (MaMapView, ma_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_EXPORT_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
scale_factor (MaMapView *self)
{
  return MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static void
device_size (MaMapView *self, int *w, int *h)
{
  int s = scale_factor (self);

  *w = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)) * s);
  *h = MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) * s);
}

static void
invalidate_colours (MaMapView *self)
{
  self->tex_stale = TRUE;
  self->overlay_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
refresh_data (MaMapView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaMapData) data = NULL;

  self->data_dirty = FALSE;
  if (self->renderer == NULL)
    return;
  data = ma_map_data_query (self->store, self->geo, self->filter, ma_i18n_get_language (), &error);
  if (data == NULL)
    {
      g_debug ("map: %s", error->message);
      return;
    }
  ma_map_renderer_set_data (self->renderer, data);
  invalidate_colours (self);
}

static void
on_data_changed (MaMapView *self)
{
  self->data_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_style (MaMapView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  MaMapStyle style = MA_MAP_STYLE_LIGHT;

  if (self->renderer == NULL)
    return;
  if (adw_style_manager_get_high_contrast (manager))
    style = MA_MAP_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (manager))
    style = MA_MAP_STYLE_DARK;
  ma_map_renderer_set_style (self->renderer, style);
  invalidate_colours (self);
}

/* ---- Loading -------------------------------------------------------------- */

/* The packed geometry takes 0.3 ms to open (no JSON to parse): it is opened when
 * the view is first shown, so that its first frame is the map. A "Loading" frame
 * before it cost a second upload of the whole view to the X server (3 MiB more
 * peak memory, bench). */
static void
ensure_renderer (MaMapView *self)
{
  g_autoptr (GError) error = NULL;

  if (self->renderer != NULL)
    return;
  self->geo = ma_geo_get_default (&error);
  if (self->geo == NULL)
    {
      g_critical ("map: %s", error->message);
      return;
    }
  self->renderer = ma_map_renderer_new (self->geo);
  ma_map_renderer_set_mode (self->renderer,
                            gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->region_button))
                                ? MA_MAP_BY_REGION
                                : MA_MAP_BY_COUNTRY);
  ma_map_renderer_set_bubbles (
      self->renderer, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->bubbles_button)));
  update_style (self);
  self->data_dirty = TRUE;
  gtk_widget_set_sensitive (self->toolbar, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ma_map_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ma_map_view_parent_class)->map (widget);
  ensure_renderer (MA_MAP_VIEW (widget));
}

gboolean
ma_map_view_is_ready (MaMapView *self)
{
  return self->renderer != NULL;
}

MaMapRenderer *
ma_map_view_get_renderer (MaMapView *self)
{
  return self->renderer;
}

/* ---- Drawing -------------------------------------------------------------- */

/* The texture holds the surface's pixels without copying them: the renderer
 * never draws into a surface someone else still references. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr (GBytes) bytes = g_bytes_new_with_free_func (
      cairo_image_surface_get_data (surface), (gsize) stride * (gsize) h,
      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: premultiplied, native endian. */
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
}

static void
picture_clear (Picture *picture)
{
  g_clear_object (&picture->texture);
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

static void
picture_free (Picture *picture)
{
  picture_clear (picture);
  g_free (picture);
}

static gboolean
release_retired (gpointer data)
{
  MaMapView *self = data;

  self->release_id = 0;
  g_ptr_array_set_size (self->retired, 0);
  return G_SOURCE_REMOVE;
}

/* A picture the view stops showing is still in the render nodes of the frame
 * being painted, and a cairo node records the image without copying it: cairo
 * would copy it (4 MB) if it were drawn into or freed while recorded. It is
 * held until that frame has been painted, so the renderer makes a new image
 * meanwhile, and then released. */
static void
picture_retire (MaMapView *self, Picture *picture)
{
  if (picture->surface != NULL)
    {
      g_ptr_array_add (self->retired, g_memdup2 (picture, sizeof *picture));
      if (self->release_id == 0)
        self->release_id = g_idle_add (release_retired, self);
    }
  picture->surface = NULL;
  picture->texture = NULL;
}

/* Appends the picture at RECT (widget coordinates). GTK 4.8's cairo renderer
 * copies a texture into a new image at every frame: it gets cairo nodes that
 * paint the image itself. It also replays each cairo node into an image of the
 * node's size before drawing that: one node per tile keeps that image small
 * (one node for the whole map made it 1.5 MB at the peak of the window's memory).
 * The GL renderer uploads a texture once. */
#define TILE 256
static void
append_picture (MaMapView *self,
                GtkSnapshot *snapshot,
                Picture *picture,
                const graphene_rect_t *rect)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (self)));

  if (renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer))
    {
      double ox, oy;

      /* (an overlay's device offset places it; here it starts at 0, 0) */
      cairo_surface_get_device_offset (picture->surface, &ox, &oy);
      /* Tiles meet on whole pixels, where no seam can show. */
      for (double y = floor (rect->origin.y); y < rect->origin.y + rect->size.height; y += TILE)
        for (double x = floor (rect->origin.x); x < rect->origin.x + rect->size.width; x += TILE)
          {
            graphene_rect_t tile = GRAPHENE_RECT_INIT (x, y, TILE, TILE);
            cairo_t *cr;

            graphene_rect_intersection (&tile, rect, &tile);
            cr = gtk_snapshot_append_cairo (snapshot, &tile);
            cairo_translate (cr, rect->origin.x, rect->origin.y);
            cairo_scale (cr, rect->size.width / cairo_image_surface_get_width (picture->surface),
                         rect->size.height / cairo_image_surface_get_height (picture->surface));
            cairo_set_source_surface (cr, picture->surface, ox, oy);
            cairo_paint (cr);
            cairo_destroy (cr);
          }
      return;
    }
  if (picture->texture == NULL)
    picture->texture = texture_for_surface (picture->surface);
  gtk_snapshot_append_texture (snapshot, picture->texture, rect);
}

static void
raster (MaMapView *self, int dw, int dh)
{
  picture_retire (self, &self->frame);
  self->frame.surface =
      cairo_surface_reference (ma_map_renderer_get_frame (self->renderer, dw, dh));
  self->tex_w = dw;
  self->tex_h = dh;
  self->tex_scale = ma_map_renderer_get_scale (self->renderer, dw, dh);
  ma_map_renderer_get_view (self->renderer, NULL, &self->tex_cx, &self->tex_cy);
  self->tex_stale = FALSE;
}

static gboolean
texture_matches_view (MaMapView *self, int dw, int dh)
{
  double cx, cy;

  ma_map_renderer_get_view (self->renderer, NULL, &cx, &cy);
  return self->tex_w == dw && self->tex_h == dh &&
         self->tex_scale == ma_map_renderer_get_scale (self->renderer, dw, dh) &&
         self->tex_cx == cx && self->tex_cy == cy;
}

static void
snapshot_placeholder (MaMapView *self, GtkSnapshot *snapshot, int width, int height)
{
  g_autoptr (PangoLayout) layout =
      gtk_widget_create_pango_layout (GTK_WIDGET (self), _ ("Loading the map…"));
  GdkRGBA color;
  int lw, lh;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((width - lw) / 2.0f, (height - lh) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* The country under the pointer, outlined: a cairo node only as large as the
 * country, so that the GL renderer uploads little. */
static void
snapshot_hover (MaMapView *self, GtkSnapshot *snapshot, int dw, int dh, double s)
{
  GdkRGBA color;
  double x0, y0, x1, y1;
  cairo_t *cr;

  ma_map_renderer_get_feature_bounds (self->renderer, dw, dh, (guint) self->hover, &x0, &y0, &x1,
                                      &y1);
  x0 = MAX (x0 - 4, 0);
  y0 = MAX (y0 - 4, 0);
  x1 = MIN (x1 + 4, dw);
  y1 = MIN (y1 + 4, dh);
  if (x1 <= x0 || y1 <= y0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  cr = gtk_snapshot_append_cairo (
      snapshot, &GRAPHENE_RECT_INIT (x0 / s, y0 / s, (x1 - x0) / s, (y1 - y0) / s));
  cairo_scale (cr, 1 / s, 1 / s);
  ma_map_renderer_append_feature_path (self->renderer, cr, dw, dh, (guint) self->hover);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5 * s);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
ma_map_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  MaMapView *self = MA_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double s = scale_factor (self), bg[3];
  int dw, dh;

  if (width <= 0 || height <= 0)
    return;
  if (self->renderer == NULL)
    {
      snapshot_placeholder (self, snapshot, width, height);
      gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
      return;
    }
  if (self->data_dirty)
    refresh_data (self);
  device_size (self, &dw, &dh);

  if (self->frame.surface == NULL ||
      (!self->interacting && (self->tex_stale || !texture_matches_view (self, dw, dh))))
    raster (self, dw, dh);

  ma_map_renderer_get_background (self->renderer, bg);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ bg[0], bg[1], bg[2], 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    /* Where the last raster lies in the current view. */
    double scale = ma_map_renderer_get_scale (self->renderer, dw, dh), cx, cy;
    double k = scale / self->tex_scale, tx, ty;

    ma_map_renderer_get_view (self->renderer, NULL, &cx, &cy);
    tx = dw / 2.0 - k * self->tex_w / 2.0 + scale * (self->tex_cx - cx);
    ty = dh / 2.0 - k * self->tex_h / 2.0 - scale * (self->tex_cy - cy);
    double fx, fy, fw = cairo_image_surface_get_width (self->frame.surface),
                   fh = cairo_image_surface_get_height (self->frame.surface);

    /* the image covers only the map's part of the raster */
    cairo_surface_get_device_offset (self->frame.surface, &fx, &fy);
    append_picture (
        self, snapshot, &self->frame,
        &GRAPHENE_RECT_INIT ((tx - k * fx) / s, (ty - k * fy) / s, k * fw / s, k * fh / s));
  }

  if (self->hover >= 0 && !self->interacting)
    snapshot_hover (self, snapshot, dw, dh, s);

  if (self->overlay[0].surface == NULL || self->overlay_stale || self->ov_w != dw ||
      self->ov_h != dh)
    {
      for (int i = 0; i < 2; i++)
        {
          cairo_surface_t *overlay;

          picture_retire (self, &self->overlay[i]);
          overlay = ma_map_renderer_get_overlay (
              self->renderer, dw, dh, i == 0 ? MA_MAP_LAYER_LEGEND : MA_MAP_LAYER_CAPTION);
          self->overlay[i].surface = cairo_surface_reference (overlay);
          /* each covers only its box */
          cairo_surface_get_device_offset (overlay, &self->ov_x[i], &self->ov_y[i]);
          self->ov_x[i] = -self->ov_x[i];
          self->ov_y[i] = -self->ov_y[i];
        }
      self->ov_w = dw;
      self->ov_h = dh;
      self->overlay_stale = FALSE;
    }
  for (int i = 0; i < 2; i++)
    append_picture (
        self, snapshot, &self->overlay[i],
        &GRAPHENE_RECT_INIT (self->ov_x[i] / s, self->ov_y[i] / s,
                             cairo_image_surface_get_width (self->overlay[i].surface) / s,
                             cairo_image_surface_get_height (self->overlay[i].surface) / s));
  gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
}

static void
ma_map_view_measure (GtkWidget *widget,
                     GtkOrientation orientation,
                     int for_size,
                     int *minimum,
                     int *natural,
                     int *minimum_baseline,
                     int *natural_baseline)
{
  MaMapView *self = MA_MAP_VIEW (widget);
  int min = 0, nat = 0;

  gtk_widget_measure (self->toolbar, orientation, -1, &min, &nat, NULL, NULL);
  *minimum = min + 24;
  *natural = MAX (nat + 24, orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 400);
}

static void
ma_map_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  MaMapView *self = MA_MAP_VIEW (widget);
  int w, h;

  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
  w = MIN (w, width - 24);
  h = MIN (h, MAX (height - 24, 1));
  gtk_widget_size_allocate (
      self->toolbar,
      &(GtkAllocation){ MAX (12, width - w - 12), MAX (12, height - h - 12), MAX (w, 1), h }, -1);
}

/* ---- Interaction ---------------------------------------------------------- */

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
  int dw, dh, s = scale_factor (self);

  if (self->renderer == NULL)
    return;
  device_size (self, &dw, &dh);
  ma_map_renderer_zoom_at (self->renderer, dw, dh, x * s, y * s, factor);
  view_changed (self);
}

void
ma_map_view_pan_by (MaMapView *self, double dx, double dy)
{
  int dw, dh, s = scale_factor (self);

  if (self->renderer == NULL)
    return;
  device_size (self, &dw, &dh);
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
    refresh_data (self);
  device_size (self, &dw, &dh);
  ma_map_renderer_fit_to_data (self->renderer, dw, dh);
  view_changed (self);
}

static int
feature_at (MaMapView *self, double x, double y)
{
  int dw, dh, s = scale_factor (self);

  if (self->renderer == NULL || ma_map_renderer_get_data (self->renderer) == NULL)
    return -1;
  device_size (self, &dw, &dh);
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
  int dw, dh, s = scale_factor (self);
  double px, py, mx, my;

  g_return_if_fail (self->renderer != NULL);
  device_size (self, &dw, &dh);
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
  int dw, dh, s = scale_factor (self);

  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  self->dragged = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  device_size (self, &dw, &dh);
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

/* ---- Toolbar and export --------------------------------------------------- */

static void
on_mode_toggled (GtkToggleButton *button, MaMapView *self)
{
  if (!gtk_toggle_button_get_active (button) || self->renderer == NULL)
    return;
  ma_map_renderer_set_mode (self->renderer, GTK_WIDGET (button) == self->region_button
                                                ? MA_MAP_BY_REGION
                                                : MA_MAP_BY_COUNTRY);
  invalidate_colours (self);
}

static void
on_bubbles_toggled (GtkToggleButton *button, MaMapView *self)
{
  if (self->renderer == NULL)
    return;
  ma_map_renderer_set_bubbles (self->renderer, gtk_toggle_button_get_active (button));
  invalidate_colours (self);
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

static GtkWidget *
icon_button (const char *icon, const char *tooltip, const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static GtkWidget *
build_toolbar (MaMapView *self)
{
  /* A row at the bottom right, over the southern ocean: the caption is at the
   * top left, the legend at the bottom left, and a column on the right hid east
   * Asia and the Pacific in a window of ordinary width. */
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *zoom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *export_button = gtk_menu_button_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) formats = g_menu_new ();
  g_autoptr (GMenu) sizes = g_menu_new ();

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "osd");
  gtk_widget_add_css_class (modes, "linked");
  gtk_widget_add_css_class (zoom, "linked");

  /* Translators: map mode: each country coloured by its number of Actions */
  self->country_button = gtk_toggle_button_new_with_label (_ ("Countries"));
  /* Translators: map mode: each programme region one colour */
  self->region_button = gtk_toggle_button_new_with_label (_ ("Regions"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->region_button),
                               GTK_TOGGLE_BUTTON (self->country_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->country_button), TRUE);
  g_signal_connect (self->country_button, "toggled", G_CALLBACK (on_mode_toggled), self);
  g_signal_connect (self->region_button, "toggled", G_CALLBACK (on_mode_toggled), self);
  gtk_box_append (GTK_BOX (modes), self->country_button);
  gtk_box_append (GTK_BOX (modes), self->region_button);

  /* Translators: a toggle that shows bubbles sized by the number of activities */
  self->bubbles_button = gtk_toggle_button_new_with_label (_ ("Activities"));
  gtk_widget_set_tooltip_text (self->bubbles_button,
                               _ ("Bubbles sized by the number of activities"));
  g_signal_connect (self->bubbles_button, "toggled", G_CALLBACK (on_bubbles_toggled), self);

  gtk_box_append (GTK_BOX (zoom),
                  icon_button ("zoom-out-symbolic", _ ("Zoom Out"), "map.zoom-out"));
  gtk_box_append (GTK_BOX (zoom), icon_button ("zoom-in-symbolic", _ ("Zoom In"), "map.zoom-in"));
  gtk_box_append (GTK_BOX (zoom), icon_button ("zoom-fit-best-symbolic",
                                               _ ("Fit to the Regions in View"), "map.fit"));

  g_menu_append (formats, _ ("Save as _PNG…"), "map.export::png");
  g_menu_append (formats, _ ("Save as _SVG…"), "map.export::svg");
  g_menu_append (formats, _ ("Save as P_DF…"), "map.export::pdf");
  g_menu_append (sizes, _ ("1280 × 720 (screen)"), "map.export-size::1280x720");
  g_menu_append (sizes, _ ("1920 × 1080 (full HD projector)"), "map.export-size::1920x1080");
  g_menu_append (sizes, _ ("3840 × 2160 (4K)"), "map.export-size::3840x2160");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (formats));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (sizes));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export_button), "document-save-symbolic");
  gtk_widget_set_tooltip_text (export_button, _ ("Save the Map"));

  gtk_box_append (GTK_BOX (bar), modes);
  gtk_box_append (GTK_BOX (bar), self->bubbles_button);
  gtk_box_append (GTK_BOX (bar), zoom);
  gtk_box_append (GTK_BOX (bar), export_button);
  gtk_widget_set_sensitive (bar, FALSE);
  return bar;
}

/* ---- GObject -------------------------------------------------------------- */

static void
ma_map_view_constructed (GObject *object)
{
  MaMapView *self = MA_MAP_VIEW (object);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  G_OBJECT_CLASS (ma_map_view_parent_class)->constructed (object);
  g_return_if_fail (self->store != NULL);
  if (self->filter == NULL)
    self->filter = ma_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (update_style), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_style), self,
                           G_CONNECT_SWAPPED);
}

static void
ma_map_view_dispose (GObject *object)
{
  MaMapView *self = MA_MAP_VIEW (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  picture_clear (&self->frame);
  picture_clear (&self->overlay[0]);
  picture_clear (&self->overlay[1]);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->geo, ma_geo_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->export_size, g_free);
  G_OBJECT_CLASS (ma_map_view_parent_class)->dispose (object);
}

static void
ma_map_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MaMapView *self = MA_MAP_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_FILTER:
        self->filter = g_value_dup_object (value);
        break;
      case PROP_EXPORT_SIZE:
        g_free (self->export_size);
        self->export_size = g_value_dup_string (value);
        g_object_notify_by_pspec (object, pspec);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_map_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MaMapView *self = MA_MAP_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_FILTER:
        g_value_set_object (value, self->filter);
        break;
      case PROP_EXPORT_SIZE:
        g_value_set_string (value, self->export_size);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_map_view_class_init (MaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ma_map_view_constructed;
  object_class->dispose = ma_map_view_dispose;
  object_class->set_property = ma_map_view_set_property;
  object_class->get_property = ma_map_view_get_property;
  widget_class->snapshot = ma_map_view_snapshot;
  widget_class->measure = ma_map_view_measure;
  widget_class->size_allocate = ma_map_view_size_allocate;
  widget_class->map = ma_map_view_map;
  widget_class->query_tooltip = ma_map_view_query_tooltip;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, MA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
      g_param_spec_object ("filter", NULL, NULL, MA_TYPE_FILTER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_SIZE] =
      g_param_spec_string ("export-size", NULL, NULL, "1920x1080",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ma_map_view_init (MaMapView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (
      GTK_EVENT_CONTROLLER_SCROLL_VERTICAL | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);

  self->export_size = g_strdup ("1920x1080");
  self->hover = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("World map of the Actions"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  /* no kinetic scrolling: it is not cancelled during a pinch */
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  self->toolbar = build_toolbar (self);
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));
}

GtkWidget *
ma_map_view_new (MaStore *store, MaFilter *filter)
{
  g_return_val_if_fail (MA_IS_STORE (store), NULL);
  return g_object_new (MA_TYPE_MAP_VIEW, "store", store, "filter", filter, NULL);
}
