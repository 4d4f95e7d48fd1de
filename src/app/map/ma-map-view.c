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

#include <glib/gi18n.h>
#include <math.h>

#include "ma-i18n.h"
#include "ma-map-view-private.h"

G_DEFINE_FINAL_TYPE (MaMapView, ma_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_QUERY,
  PROP_FILTER,
  PROP_EXPORT_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
ma_map_view_scale_factor (MaMapView *self)
{
  return MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

void
ma_map_view_device_size (MaMapView *self, int *w, int *h)
{
  int s = ma_map_view_scale_factor (self);

  *w = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)) * s);
  *h = MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) * s);
}

void
ma_map_view_invalidate_colours (MaMapView *self)
{
  self->tex_stale = TRUE;
  self->overlay_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ma_map_view_refresh_data (MaMapView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaMapData) data = NULL;

  self->data_dirty = FALSE;
  if (self->renderer == NULL)
    return;
  data = ma_map_data_query (self->query, self->geo, self->filter, ma_i18n_get_language (), &error);
  if (data == NULL)
    {
      g_debug ("map: %s", error->message);
      return;
    }
  ma_map_renderer_set_data (self->renderer, data);
  ma_map_view_invalidate_colours (self);
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

  g_autofree char *chosen = NULL;

  if (self->renderer == NULL)
    return;
  /* Preferences ▸ Map ▸ Colours, else the system's style. */
  if (self->settings != NULL)
    chosen = g_settings_get_string (self->settings, "map-style");
  if (g_strcmp0 (chosen, "dark") == 0)
    style = MA_MAP_STYLE_DARK;
  else if (g_strcmp0 (chosen, "high-contrast") == 0)
    style = MA_MAP_STYLE_HIGH_CONTRAST;
  else if (g_strcmp0 (chosen, "light") == 0)
    style = MA_MAP_STYLE_LIGHT;
  else if (adw_style_manager_get_high_contrast (manager))
    style = MA_MAP_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (manager))
    style = MA_MAP_STYLE_DARK;
  ma_map_renderer_set_style (self->renderer, style);
  ma_map_view_invalidate_colours (self);
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
  double s = ma_map_view_scale_factor (self), bg[3];
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
    ma_map_view_refresh_data (self);
  ma_map_view_device_size (self, &dw, &dh);

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
  g_signal_connect_object (self->query, "changed", G_CALLBACK (on_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (update_style), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_style), self,
                           G_CONNECT_SWAPPED);
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr (GSettingsSchema) schema = NULL;

    /* g_settings_new () aborts on a missing schema (uninstalled runs). */
    if (source != NULL)
      schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
    if (schema != NULL && g_settings_schema_has_key (schema, "map-style"))
      {
        self->settings = g_settings_new_full (schema, NULL, NULL);
        g_signal_connect_object (self->settings, "changed::map-style", G_CALLBACK (update_style),
                                 self, G_CONNECT_SWAPPED);
      }
  }
}

static void
ma_map_view_dispose (GObject *object)
{
  MaMapView *self = MA_MAP_VIEW (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MA_TYPE_MAP_VIEW);
  self->toolbar = NULL;
  picture_clear (&self->frame);
  picture_clear (&self->overlay[0]);
  picture_clear (&self->overlay[1]);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_object (&self->renderer);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->geo, ma_geo_unref);
  g_clear_object (&self->filter);
  self->store = NULL;
  g_clear_object (&self->query);
  g_clear_pointer (&self->export_size, g_free);
  G_OBJECT_CLASS (ma_map_view_parent_class)->dispose (object);
}

static void
ma_map_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MaMapView *self = MA_MAP_VIEW (object);

  switch (prop_id)
    {
      case PROP_QUERY:
        self->query = g_value_dup_object (value);
        self->store = self->query != NULL ? ma_action_query_get_store (self->query) : NULL;
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
      case PROP_QUERY:
        g_value_set_object (value, self->query);
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

  properties[PROP_QUERY] =
      g_param_spec_object ("query", NULL, NULL, MA_TYPE_ACTION_QUERY,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
      g_param_spec_object ("filter", NULL, NULL, MA_TYPE_FILTER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_SIZE] =
      g_param_spec_string ("export-size", NULL, NULL, "1920x1080",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MaMapView, toolbar);
  ma_map_view_input_class_init (widget_class);
  ma_map_view_export_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ma_map_view_init (MaMapView *self)
{
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) picture_free);
  self->export_size = g_strdup ("1920x1080");
  self->hover = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_map_view_new (MaActionQuery *query, MaFilter *filter)
{
  g_return_val_if_fail (MA_IS_ACTION_QUERY (query), NULL);
  return g_object_new (MA_TYPE_MAP_VIEW, "query", query, "filter", filter, NULL);
}
