/* ma-map.c: the map renderer (Cairo, Pango), with its caches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ma-i18n.h"
#include "ma-map-private.h"

#define MARGIN 8.0
#define N_RAMP 5
#define MAX_ZOOM 60.0

typedef struct
{
  double bg[3]; /* outside the map's outline */
  double sea[3];
  double land[3];    /* a country without Actions */
  double outline[3]; /* borders and coasts */
  double line_width;
  double ramp[N_RAMP][3]; /* sequential, light to dark (or dark to bright) */
  double text[3];
  double box[4];
  double box_edge[3];
  double bubble[4];
  double bubble_edge[3];
} Palette;

#define RGB(h)                                                                                     \
  {                                                                                                \
    ((h) >> 16 & 0xff) / 255.0, ((h) >> 8 & 0xff) / 255.0, ((h) &0xff) / 255.0                     \
  }

/* ColorBrewer YlGnBu (light, high contrast) and viridis (dark): sequential and
 * readable with every common colour-vision deficiency. */
static const Palette palettes[] = {
  [MA_MAP_STYLE_LIGHT] = {
      .bg = RGB (0xfafafa),
      .sea = RGB (0xe3eef6),
      .land = RGB (0xd4d4d0),
      .outline = RGB (0x7a7a78),
      .line_width = 0.5,
      .ramp = { RGB (0xa1dab4), RGB (0x41b6c4), RGB (0x1d91c0), RGB (0x225ea8), RGB (0x0c2c84) },
      .text = RGB (0x241f31),
      .box = { 1, 1, 1, 0.88 },
      .box_edge = RGB (0xc0bfbc),
      .bubble = { 0.835, 0.369, 0.0, 0.78 }, /* Okabe-Ito vermillion */
      .bubble_edge = RGB (0xffffff),
  },
  [MA_MAP_STYLE_DARK] = {
      .bg = RGB (0x242424),
      .sea = RGB (0x1b2530),
      .land = RGB (0x4a4a4a),
      .outline = RGB (0x1e1e1e),
      .line_width = 0.5,
      .ramp = { RGB (0x3b528b), RGB (0x21918c), RGB (0x3bbb75), RGB (0x9bd93c), RGB (0xfde725) },
      .text = RGB (0xffffff),
      .box = { 0.12, 0.12, 0.12, 0.88 },
      .box_edge = RGB (0x5e5c64),
      .bubble = { 0.902, 0.624, 0.0, 0.85 }, /* Okabe-Ito orange */
      .bubble_edge = RGB (0x000000),
  },
  [MA_MAP_STYLE_HIGH_CONTRAST] = {
      .bg = RGB (0xffffff),
      .sea = RGB (0xffffff),
      .land = RGB (0xeeeeee),
      .outline = RGB (0x000000),
      .line_width = 1.0,
      .ramp = { RGB (0xc7e9b4), RGB (0x41b6c4), RGB (0x1d91c0), RGB (0x225ea8), RGB (0x081d58) },
      .text = RGB (0x000000),
      .box = { 1, 1, 1, 1 },
      .box_edge = RGB (0x000000),
      .bubble = { 0.835, 0.369, 0.0, 0.9 },
      .bubble_edge = RGB (0x000000),
  },
};

/* Okabe-Ito qualitative colours for the programme regions. */
static const double region_colours[][3] = {
  RGB (0x0072b2), RGB (0xe69f00), RGB (0x009e73), RGB (0xcc79a7),
  RGB (0x56b4e9), RGB (0xd55e00), RGB (0xf0e442),
};

typedef struct
{
  guint lo, hi;
  guint ramp;
  guint n_countries;
} Class;

struct _MaMapRenderer
{
  GObject parent_instance;

  MaGeo *geo;
  MaMapData *data;
  MaMapMode mode;
  MaMapStyle style;
  gboolean bubbles;
  double text_scale;
  double zoom, cx, cy;

  /* geometry projected for one size and view */
  gboolean geometry_valid;
  int geo_w, geo_h;
  double geo_zoom, geo_cx, geo_cy;
  cairo_path_t **paths; /* per feature; NULL when outside the view */
  cairo_path_t **arcs;  /* per arc; NULL when outside */

  /* What each pixel of the map layer is made of, for one size, view and style
   * (see build_pixels): a recolour composes the frame from it. */
  guint8 *pixels;           /* the colour index of each pixel */
  struct _EdgePixel *edges; /* the pixels that blend, in order */
  gsize n_edges;
  gboolean pixels_valid;
  int pix_w, pix_h;                   /* the picture */
  int crop_x, crop_y, crop_w, crop_h; /* the part of it the map takes: the frame */
  double pix_zoom, pix_cx, pix_cy;
  cairo_surface_t *frame; /* the last map frame */
  gboolean frame_valid;
  /* legend and caption, each only as large as it is */
  cairo_surface_t *overlay[2];
  int ov_w[2], ov_h[2];
  gboolean overlay_valid[2];
};

G_DEFINE_FINAL_TYPE (MaMapRenderer, ma_map_renderer, G_TYPE_OBJECT)

static void draw_sea (MaMapRenderer *self, cairo_t *cr, int width, int height);

static void
free_geometry (MaMapRenderer *self)
{
  guint n_features = ma_geo_get_n_features (self->geo);
  guint n_arcs = ma_geo_get_n_arcs (self->geo);

  if (self->paths != NULL)
    for (guint i = 0; i < n_features; i++)
      g_clear_pointer (&self->paths[i], cairo_path_destroy);
  if (self->arcs != NULL)
    for (guint i = 0; i < n_arcs; i++)
      g_clear_pointer (&self->arcs[i], cairo_path_destroy);
  g_clear_pointer (&self->paths, g_free);
  g_clear_pointer (&self->arcs, g_free);
  self->geometry_valid = FALSE;
}

static void
ma_map_renderer_finalize (GObject *object)
{
  MaMapRenderer *self = MA_MAP_RENDERER (object);

  free_geometry (self);
  g_clear_pointer (&self->pixels, g_free);
  g_clear_pointer (&self->edges, g_free);
  g_clear_pointer (&self->frame, cairo_surface_destroy);
  g_clear_pointer (&self->overlay[0], cairo_surface_destroy);
  g_clear_pointer (&self->overlay[1], cairo_surface_destroy);
  g_clear_pointer (&self->data, ma_map_data_unref);
  g_clear_pointer (&self->geo, ma_geo_unref);
  G_OBJECT_CLASS (ma_map_renderer_parent_class)->finalize (object);
}

static void
ma_map_renderer_class_init (MaMapRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_map_renderer_finalize;
}

static void
ma_map_renderer_init (MaMapRenderer *self)
{
  self->zoom = 1;
  self->bubbles = FALSE;
  self->text_scale = 1;
}

MaMapRenderer *
ma_map_renderer_new (MaGeo *geo)
{
  MaMapRenderer *self;

  g_return_val_if_fail (geo != NULL, NULL);
  self = g_object_new (MA_TYPE_MAP_RENDERER, NULL);
  self->geo = ma_geo_ref (geo);
  return self;
}

MaGeo *
ma_map_renderer_get_geo (MaMapRenderer *self)
{
  return self->geo;
}

static void
invalidate_colours (MaMapRenderer *self)
{
  self->frame_valid = FALSE;
  self->overlay_valid[0] = self->overlay_valid[1] = FALSE;
}

void
ma_map_renderer_set_data (MaMapRenderer *self, MaMapData *data)
{
  g_return_if_fail (MA_IS_MAP_RENDERER (self));
  if (data == self->data)
    return;
  if (data != NULL)
    ma_map_data_ref (data);
  g_clear_pointer (&self->data, ma_map_data_unref);
  self->data = data;
  invalidate_colours (self);
}

MaMapData *
ma_map_renderer_get_data (MaMapRenderer *self)
{
  return self->data;
}

void
ma_map_renderer_set_mode (MaMapRenderer *self, MaMapMode mode)
{
  if (self->mode != mode)
    {
      self->mode = mode;
      invalidate_colours (self);
    }
}

MaMapMode
ma_map_renderer_get_mode (MaMapRenderer *self)
{
  return self->mode;
}

void
ma_map_renderer_set_style (MaMapRenderer *self, MaMapStyle style)
{
  g_return_if_fail (style <= MA_MAP_STYLE_HIGH_CONTRAST);
  if (self->style != style)
    {
      self->style = style;
      self->pixels_valid = FALSE;
      invalidate_colours (self);
    }
}

void
ma_map_renderer_set_bubbles (MaMapRenderer *self, gboolean bubbles)
{
  if (self->bubbles != !!bubbles)
    {
      self->bubbles = !!bubbles;
      invalidate_colours (self);
    }
}

void
ma_map_renderer_set_text_scale (MaMapRenderer *self, double scale)
{
  scale = CLAMP (scale, 0.25, 8);
  if (self->text_scale != scale)
    {
      self->text_scale = scale;
      self->pixels_valid = FALSE;
      invalidate_colours (self);
    }
}

void
ma_map_renderer_invalidate (MaMapRenderer *self, gboolean geometry)
{
  if (geometry)
    {
      free_geometry (self);
      self->pixels_valid = FALSE;
    }
  invalidate_colours (self);
}

/* ---- View ----------------------------------------------------------------- */

static double
fit_scale (int width, int height)
{
  double hw, hh;

  ma_equal_earth_extent (&hw, &hh);
  return MAX (1e-6, MIN ((width - 2 * MARGIN) / (2 * hw), (height - 2 * MARGIN) / (2 * hh)));
}

static void
clamp_view (MaMapRenderer *self)
{
  double hw, hh;

  ma_equal_earth_extent (&hw, &hh);
  self->zoom = CLAMP (self->zoom, 1.0, MAX_ZOOM);
  self->cx = CLAMP (self->cx, -hw, hw);
  self->cy = CLAMP (self->cy, -hh, hh);
  if (self->zoom == 1.0)
    self->cx = self->cy = 0;
}

void
ma_map_renderer_set_view (MaMapRenderer *self, double zoom, double center_x, double center_y)
{
  self->zoom = zoom;
  self->cx = center_x;
  self->cy = center_y;
  clamp_view (self);
}

void
ma_map_renderer_get_view (MaMapRenderer *self, double *zoom, double *center_x, double *center_y)
{
  if (zoom != NULL)
    *zoom = self->zoom;
  if (center_x != NULL)
    *center_x = self->cx;
  if (center_y != NULL)
    *center_y = self->cy;
}

double
ma_map_renderer_get_scale (MaMapRenderer *self, int width, int height)
{
  return fit_scale (width, height) * self->zoom;
}

void
ma_map_renderer_get_background (MaMapRenderer *self, double rgb[3])
{
  memcpy (rgb, palettes[self->style].bg, sizeof (double) * 3);
}

void
ma_map_renderer_to_device (
    MaMapRenderer *self, int width, int height, double x, double y, double *px, double *py)
{
  double s = fit_scale (width, height) * self->zoom;

  *px = width / 2.0 + s * (x - self->cx);
  *py = height / 2.0 - s * (y - self->cy);
}

void
ma_map_renderer_from_device (
    MaMapRenderer *self, int width, int height, double px, double py, double *x, double *y)
{
  double s = fit_scale (width, height) * self->zoom;

  *x = self->cx + (px - width / 2.0) / s;
  *y = self->cy - (py - height / 2.0) / s;
}

void
ma_map_renderer_zoom_at (
    MaMapRenderer *self, int width, int height, double px, double py, double factor)
{
  double x, y, zoom = CLAMP (self->zoom * factor, 1.0, MAX_ZOOM), s;

  ma_map_renderer_from_device (self, width, height, px, py, &x, &y);
  s = fit_scale (width, height) * zoom;
  /* keep (x, y) under (px, py) */
  self->zoom = zoom;
  self->cx = x - (px - width / 2.0) / s;
  self->cy = y + (py - height / 2.0) / s;
  clamp_view (self);
}

void
ma_map_renderer_pan (MaMapRenderer *self, int width, int height, double dx, double dy)
{
  double s = fit_scale (width, height) * self->zoom;

  self->cx -= dx / s;
  self->cy += dy / s;
  clamp_view (self);
}

static gboolean
feature_has_data (MaMapRenderer *self, guint feature)
{
  const char *code;
  MaMapCountry *c;

  if (self->data == NULL)
    return FALSE;
  code = ma_map_data_get_feature_country (self->data, feature);
  c = ma_map_data_lookup (self->data, code);
  if (c == NULL)
    return FALSE;
  if (self->mode == MA_MAP_BY_REGION)
    return c->region != NULL && ma_map_data_get_region_actions (self->data, c->region) > 0;
  return c->actions > 0;
}

void
ma_map_renderer_fit_to_data (MaMapRenderer *self, int width, int height)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double hw, hh, s, zoom;

  for (guint i = 0; i < ma_geo_get_n_features (self->geo); i++)
    if (feature_has_data (self, i))
      {
        double a, b, c, d;
        ma_geo_feature_get_extents (self->geo, i, &a, &b, &c, &d);
        x0 = MIN (x0, a);
        y0 = MIN (y0, b);
        x1 = MAX (x1, c);
        y1 = MAX (y1, d);
      }
  if (x0 > x1)
    {
      ma_map_renderer_set_view (self, 1, 0, 0);
      return;
    }
  ma_equal_earth_extent (&hw, &hh);
  s = fit_scale (width, height);
  /* 5 % of room around the countries */
  zoom = MIN ((width - 2 * MARGIN) / (s * (x1 - x0) * 1.1),
              (height - 2 * MARGIN) / (s * (y1 - y0) * 1.1));
  ma_map_renderer_set_view (self, zoom, (x0 + x1) / 2, (y0 + y1) / 2);
}

int
ma_map_renderer_hit_test (MaMapRenderer *self, int width, int height, double px, double py)
{
  double x, y;

  ma_map_renderer_from_device (self, width, height, px, py, &x, &y);
  return ma_geo_hit_test_xy (self->geo, x, y);
}

/* ---- Geometry for one size and view --------------------------------------- */

static gboolean
geometry_current (MaMapRenderer *self, int width, int height)
{
  return self->geometry_valid && self->geo_w == width && self->geo_h == height &&
         self->geo_zoom == self->zoom && self->geo_cx == self->cx && self->geo_cy == self->cy;
}

/* The device transform (scale S, origin OX, OY: y grows down) of P's 16-bit
 * points: device x = *PX + *PS * xy[2k], y = *PY - *PS * xy[2k + 1]. */
static inline void
points_transform (
    const MaGeoPoints *p, double s, double ox, double oy, double *ps, double *px, double *py)
{
  *ps = s * p->unit;
  *px = ox + s * p->x0;
  *py = oy - s * p->y0;
}

/* Appends feature F projected into device space (scale S, origin OX, OY),
 * dropping points closer than half a pixel to the last one kept. FALSE when
 * the feature lies outside the WIDTH×HEIGHT picture. BOXES, when not NULL,
 * gets the device bounds of each ring (int x0, y0, x1, y1, inclusive). */
static gboolean
append_feature (MaGeo *geo,
                cairo_t *cr,
                guint f,
                double s,
                double ox,
                double oy,
                int width,
                int height,
                GArray *boxes)
{
  double x0, y0, x1, y1;

  ma_geo_feature_get_extents (geo, f, &x0, &y0, &x1, &y1);
  if (ox + s * x1 < -1 || ox + s * x0 > width + 1 || oy - s * y0 < -1 || oy - s * y1 > height + 1)
    return FALSE;
  for (guint r = 0; r < ma_geo_feature_get_n_rings (geo, f); r++)
    {
      MaGeoPoints p;
      double px, py, ps, lx, ly, bx0, by0, bx1, by1;

      ma_geo_feature_get_ring (geo, f, r, &p);
      points_transform (&p, s, ox, oy, &ps, &px, &py);
      lx = bx0 = bx1 = px + ps * p.xy[0];
      ly = by0 = by1 = py - ps * p.xy[1];
      cairo_move_to (cr, lx, ly);
      for (guint k = 1; k < p.n; k++)
        {
          double x = px + ps * p.xy[2 * k], y = py - ps * p.xy[2 * k + 1];
          if (k < p.n - 1 && (x - lx) * (x - lx) + (y - ly) * (y - ly) < 0.25)
            continue;
          cairo_line_to (cr, x, y);
          lx = x;
          ly = y;
          bx0 = MIN (bx0, x);
          bx1 = MAX (bx1, x);
          by0 = MIN (by0, y);
          by1 = MAX (by1, y);
        }
      cairo_close_path (cr);
      if (boxes != NULL && bx1 >= 0 && bx0 < width && by1 >= 0 && by0 < height)
        {
          int box[4] = { MAX (0, (int) floor (bx0) - 1), MAX (0, (int) floor (by0) - 1),
                         MIN (width - 1, (int) ceil (bx1) + 1),
                         MIN (height - 1, (int) ceil (by1) + 1) };
          g_array_append_vals (boxes, box, 4);
        }
    }
  return TRUE;
}

/* The same for arc A (each shared border once), broken where it jumps across
 * ±180°. */
static gboolean
append_arc (MaGeo *geo, cairo_t *cr, guint a, double s, double ox, double oy, int width, int height)
{
  const guint8 *breaks;
  MaGeoPoints p;
  double px, py, ps, lx = 0, ly = 0, bx0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by0 = G_MAXDOUBLE,
                     by1 = -G_MAXDOUBLE;

  ma_geo_get_arc (geo, a, &p, &breaks);
  points_transform (&p, s, ox, oy, &ps, &px, &py);
  for (guint k = 0; k < p.n; k++)
    {
      double x = px + ps * p.xy[2 * k], y = py - ps * p.xy[2 * k + 1];
      bx0 = MIN (bx0, x);
      bx1 = MAX (bx1, x);
      by0 = MIN (by0, y);
      by1 = MAX (by1, y);
    }
  if (p.n < 2 || bx1 < -1 || bx0 > width + 1 || by1 < -1 || by0 > height + 1)
    return FALSE;
  for (guint k = 0; k < p.n; k++)
    {
      double x = px + ps * p.xy[2 * k], y = py - ps * p.xy[2 * k + 1];
      if (breaks[k])
        cairo_move_to (cr, x, y);
      else
        {
          if (k < p.n - 1 && !breaks[k + 1] && (x - lx) * (x - lx) + (y - ly) * (y - ly) < 0.25)
            continue;
          cairo_line_to (cr, x, y);
        }
      lx = x;
      ly = y;
    }
  return TRUE;
}

static void
device_transform (MaMapRenderer *self, int width, int height, double *s, double *ox, double *oy)
{
  *s = fit_scale (width, height) * self->zoom;
  *ox = width / 2.0 - *s * self->cx;
  *oy = height / 2.0 + *s * self->cy;
}

/* Projects every ring and arc into device space once as cairo paths, skipping
 * what is outside the view: for vector pictures (export, slides). */
static void
build_geometry (MaMapRenderer *self, int width, int height)
{
  guint n_features = ma_geo_get_n_features (self->geo);
  guint n_arcs = ma_geo_get_n_arcs (self->geo);
  double s, ox, oy;
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  device_transform (self, width, height, &s, &ox, &oy);
  free_geometry (self);
  self->paths = g_new0 (cairo_path_t *, n_features);
  self->arcs = g_new0 (cairo_path_t *, n_arcs);
  for (guint f = 0; f < n_features; f++)
    {
      cairo_new_path (cr);
      if (append_feature (self->geo, cr, f, s, ox, oy, width, height, NULL))
        self->paths[f] = cairo_copy_path (cr);
    }
  for (guint a = 0; a < n_arcs; a++)
    {
      cairo_new_path (cr);
      if (append_arc (self->geo, cr, a, s, ox, oy, width, height))
        self->arcs[a] = cairo_copy_path (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  self->geometry_valid = TRUE;
  self->geo_w = width;
  self->geo_h = height;
  self->geo_zoom = self->zoom;
  self->geo_cx = self->cx;
  self->geo_cy = self->cy;
}

static void
ensure_geometry (MaMapRenderer *self, int width, int height)
{
  if (!geometry_current (self, width, height))
    build_geometry (self, width, height);
}

static double
line_width (MaMapRenderer *self)
{
  return palettes[self->style].line_width * MAX (1.0, self->text_scale * 0.8);
}

static void
stroke_arcs (MaMapRenderer *self, cairo_t *cr)
{
  const Palette *p = &palettes[self->style];

  cairo_save (cr);
  cairo_set_source_rgb (cr, p->outline[0], p->outline[1], p->outline[2]);
  cairo_set_line_width (cr, line_width (self));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint a = 0; a < ma_geo_get_n_arcs (self->geo); a++)
    if (self->arcs[a] != NULL)
      {
        cairo_new_path (cr);
        cairo_append_path (cr, self->arcs[a]);
        cairo_stroke (cr);
      }
  cairo_restore (cr);
}

/* ---- Colours -------------------------------------------------------------- */

/* Classes of Actions per country: one per value up to 5, else 5 classes on a
 * geometric scale (the data are skewed: many countries have one Action). */
static guint
compute_classes (MaMapRenderer *self, Class classes[N_RAMP])
{
  guint max = 0, n = 0;
  GHashTableIter iter;
  MaMapCountry *c;

  if (self->data == NULL)
    return 0;
  g_hash_table_iter_init (&iter, self->data->countries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    max = MAX (max, c->actions);
  if (max == 0)
    return 0;
  if (max <= N_RAMP)
    for (guint v = 1; v <= max; v++)
      {
        classes[n].lo = classes[n].hi = v;
        n++;
      }
  else
    {
      guint lo = 1;
      for (guint i = 1; i <= N_RAMP && lo <= max; i++)
        {
          guint hi = i == N_RAMP ? max : (guint) round (pow (max, (double) i / N_RAMP));
          if (hi < lo)
            continue;
          classes[n].lo = lo;
          classes[n].hi = hi;
          n++;
          lo = hi + 1;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      classes[i].ramp = n == 1 ? N_RAMP / 2 : (guint) round (i * (N_RAMP - 1.0) / (n - 1));
      classes[i].n_countries = 0;
    }
  g_hash_table_iter_init (&iter, self->data->countries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    for (guint i = 0; i < n; i++)
      if (c->actions >= classes[i].lo && c->actions <= classes[i].hi)
        classes[i].n_countries++;
  return n;
}

static const double *
feature_colour (MaMapRenderer *self, guint feature, const Class *classes, guint n_classes)
{
  const Palette *p = &palettes[self->style];
  MaMapCountry *c;

  if (self->data == NULL)
    return p->land;
  c = ma_map_data_lookup (self->data, ma_map_data_get_feature_country (self->data, feature));
  if (c == NULL)
    return p->land;
  if (self->mode == MA_MAP_BY_REGION)
    {
      MaMapRegion *r = ma_map_data_lookup_region (self->data, c->region);
      if (r == NULL || r->actions == 0)
        return p->land;
      return region_colours[r->index % G_N_ELEMENTS (region_colours)];
    }
  for (guint i = 0; i < n_classes; i++)
    if (c->actions >= classes[i].lo && c->actions <= classes[i].hi)
      return p->ramp[classes[i].ramp];
  return p->land;
}

/* The outline of the whole Equal Earth map (the globe's edge). */
static void
sphere_path (MaMapRenderer *self, cairo_t *cr, int width, int height)
{
  double x, y, px, py;

  cairo_new_path (cr);
  for (int lat = -90; lat <= 90; lat++)
    {
      ma_equal_earth_forward (180, lat, &x, &y);
      ma_map_renderer_to_device (self, width, height, x, y, &px, &py);
      cairo_line_to (cr, px, py);
    }
  for (int lat = 90; lat >= -90; lat--)
    {
      ma_equal_earth_forward (-180, lat, &x, &y);
      ma_map_renderer_to_device (self, width, height, x, y, &px, &py);
      cairo_line_to (cr, px, py);
    }
  cairo_close_path (cr);
}

static void
draw_sea (MaMapRenderer *self, cairo_t *cr, int width, int height)
{
  const Palette *p = &palettes[self->style];

  cairo_set_source_rgb (cr, p->bg[0], p->bg[1], p->bg[2]);
  cairo_paint (cr);
  sphere_path (self, cr, width, height);
  cairo_set_source_rgb (cr, p->sea[0], p->sea[1], p->sea[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, p->outline[0], p->outline[1], p->outline[2]);
  cairo_set_line_width (cr, line_width (self));
  cairo_stroke (cr);
}

/* Fills the countries, one fill per colour (the features do not overlap, so
 * the even-odd rule over all their rings keeps holes as holes). */
static void
draw_countries (MaMapRenderer *self, cairo_t *cr)
{
  Class classes[N_RAMP];
  guint n_classes = compute_classes (self, classes);
  guint n = ma_geo_get_n_features (self->geo);
  g_autofree const double **colours = g_new0 (const double *, n);
  g_autofree guint8 *done = g_new0 (guint8, n);

  for (guint f = 0; f < n; f++)
    if (self->paths[f] != NULL)
      colours[f] = feature_colour (self, f, classes, n_classes);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint f = 0; f < n; f++)
    {
      const double *rgb = colours[f];
      if (rgb == NULL || done[f])
        continue;
      cairo_new_path (cr);
      for (guint g = f; g < n; g++)
        if (colours[g] == rgb)
          {
            cairo_append_path (cr, self->paths[g]);
            done[g] = 1;
          }
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill (cr);
    }
}

static void
draw_fills (MaMapRenderer *self, cairo_t *cr, int width, int height)
{
  draw_sea (self, cr, width, height);
  draw_countries (self, cr);
}

static double
font_px (MaMapRenderer *self, int width, int height)
{
  return self->text_scale * CLAMP (MIN (width, height) / 48.0, 9.0, 32.0);
}

static double
bubble_max_radius (MaMapRenderer *self, int width, int height)
{
  return font_px (self, width, height) * 1.2;
}

static guint
max_activities (MaMapRenderer *self)
{
  GHashTableIter iter;
  MaMapCountry *c;
  guint max = 0;

  g_hash_table_iter_init (&iter, self->data->countries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    max = MAX (max, c->activities);
  return max;
}

static void
draw_bubbles (MaMapRenderer *self, cairo_t *cr, int width, int height)
{
  const Palette *p = &palettes[self->style];
  guint max;
  double rmax = bubble_max_radius (self, width, height);

  if (!self->bubbles || self->data == NULL || (max = max_activities (self)) == 0)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.0, line_width (self) * 2));
  for (guint f = 0; f < ma_geo_get_n_features (self->geo); f++)
    {
      const char *code = ma_map_data_get_feature_country (self->data, f);
      guint n = ma_map_data_get_country_activities (self->data, code);
      double x, y, px, py, r;

      if (n == 0)
        continue;
      ma_geo_feature_get_anchor (self->geo, f, &x, &y);
      ma_map_renderer_to_device (self, width, height, x, y, &px, &py);
      r = MAX (2.0, rmax * sqrt ((double) n / max));
      if (px + r < 0 || px - r > width || py + r < 0 || py - r > height)
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, px, py, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, p->bubble[0], p->bubble[1], p->bubble[2], p->bubble[3]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, p->bubble_edge[0], p->bubble_edge[1], p->bubble_edge[2]);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ---- Legend and caption --------------------------------------------------- */

typedef struct
{
  const double *swatch; /* NULL: a bubble */
  double bubble_r;
  char *label;
  gboolean bold;
} LegendRow;

static PangoLayout *
text_layout (cairo_t *cr, const char *text, double px, gboolean bold, double max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics must not depend on the target's hinting: the same picture in PNG,
   * SVG and PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
rounded_box (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_box (MaMapRenderer *self, cairo_t *cr, double x, double y, double w, double h, double r)
{
  const Palette *p = &palettes[self->style];

  rounded_box (cr, x, y, w, h, r);
  cairo_set_source_rgba (cr, p->box[0], p->box[1], p->box[2], p->box[3]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, p->box_edge[0], p->box_edge[1], p->box_edge[2]);
  cairo_set_line_width (cr, self->style == MA_MAP_STYLE_HIGH_CONTRAST ? 2 : 1);
  cairo_stroke (cr);
}

/* FORMAT has one %s for N with the language's digit grouping. */
static char *
count_label (guint n, const char *lang, const char *format)
{
  g_autofree char *number = ma_format_int (n, lang);
  return g_strdup_printf (format, number);
}

static GArray *
legend_rows (MaMapRenderer *self, int width, int height)
{
  const Palette *p = &palettes[self->style];
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (LegendRow));
  const char *lang = self->data->lang;
  LegendRow row = { 0 };

  if (self->mode == MA_MAP_BY_REGION)
    {
      row.label = g_strdup (_ ("Actions per region"));
      row.bold = TRUE;
      g_array_append_val (rows, row);
      for (guint i = 0; i < self->data->regions->len; i++)
        {
          MaMapRegion *r = g_ptr_array_index (self->data->regions, i);
          g_autofree char *count = ma_format_int (r->actions, lang);
          LegendRow item = { 0 };
          item.swatch =
              r->actions > 0 ? region_colours[r->index % G_N_ELEMENTS (region_colours)] : p->land;
          /* Translators: a region and its number of Actions in the map's legend */
          item.label = g_strdup_printf (_ ("%1$s (%2$s)"), r->name, count);
          g_array_append_val (rows, item);
        }
    }
  else
    {
      Class classes[N_RAMP];
      guint n = compute_classes (self, classes);
      guint without = 0;
      GHashTableIter iter;
      MaMapCountry *c;

      row.label = g_strdup (_ ("Actions per country"));
      row.bold = TRUE;
      g_array_append_val (rows, row);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *range = NULL;
          g_autofree char *countries =
              /* Translators: number of countries in a class of the map's legend */
              count_label (classes[i].n_countries, lang,
                           g_dngettext (GETTEXT_PACKAGE, "%s country", "%s countries",
                                        classes[i].n_countries));
          LegendRow item = { 0 };

          if (classes[i].lo == classes[i].hi)
            range = ma_format_int (classes[i].lo, lang);
          else
            {
              g_autofree char *lo = ma_format_int (classes[i].lo, lang);
              g_autofree char *hi = ma_format_int (classes[i].hi, lang);
              /* Translators: a range of numbers of Actions in the map's legend */
              range = g_strdup_printf (_ ("%1$s–%2$s"), lo, hi);
            }
          item.swatch = p->ramp[classes[i].ramp];
          /* Translators: "2 Actions: 3 countries" in the map's legend; %1$s is the
           * number of Actions per country, %2$s the number of countries. */
          item.label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s Action: %2$s",
                                                     "%1$s Actions: %2$s", classes[i].hi),
                                        range, countries);
          g_array_append_val (rows, item);
        }
      g_hash_table_iter_init (&iter, self->data->countries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
        if (c->actions == 0 && ma_map_data_find_country (self->data, c->code) >= 0)
          without++;
      {
        LegendRow item = { 0 };
        g_autofree char *countries = count_label (
            without, lang, g_dngettext (GETTEXT_PACKAGE, "%s country", "%s countries", without));
        item.swatch = p->land;
        /* Translators: %s is "12 countries" in the map's legend */
        item.label = g_strdup_printf (_ ("No Actions: %s"), countries);
        g_array_append_val (rows, item);
      }
    }
  if (self->bubbles)
    {
      guint max = max_activities (self);
      if (max > 0)
        {
          LegendRow item = { 0 };
          item.bubble_r = bubble_max_radius (self, width, height);
          /* Translators: the largest bubble of the map's legend */
          item.label = count_label (
              max, lang, g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", max));
          g_array_append_val (rows, item);
        }
    }
  return rows;
}

/* Draws the legend (or only measures it when PAINT is FALSE); BOX gets its
 * bounds. */
static void
draw_legend (
    MaMapRenderer *self, cairo_t *cr, int width, int height, gboolean paint, cairo_rectangle_t *box)
{
  const Palette *p = &palettes[self->style];
  double px = font_px (self, width, height), pad = px * 0.6, sw = px * 1.2, gap = px * 0.35;
  g_autoptr (GArray) rows = legend_rows (self, width, height);
  g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double box_w = 0, box_h = pad, x, y;

  for (guint i = 0; i < rows->len; i++)
    {
      LegendRow *row = &g_array_index (rows, LegendRow, i);
      PangoLayout *layout = text_layout (cr, row->label, px, row->bold, width * 0.4);
      int lw, lh;
      double indent = row->bold ? 0 : (row->swatch != NULL ? sw : 2 * row->bubble_r) + gap * 2;
      double h;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      h = MAX (lh, row->swatch == NULL && !row->bold ? 2 * row->bubble_r : sw);
      box_w = MAX (box_w, indent + lw);
      box_h += h + gap;
      g_ptr_array_add (layouts, layout);
    }
  box_w += 2 * pad;
  box_h += pad - gap;
  x = MARGIN + pad;
  y = height - MARGIN - pad - box_h;
  *box = (cairo_rectangle_t){ x, y, box_w, box_h };
  if (!paint)
    {
      for (guint i = 0; i < rows->len; i++)
        g_free (g_array_index (rows, LegendRow, i).label);
      return;
    }
  draw_box (self, cr, x, y, box_w, box_h, pad);

  y += pad;
  for (guint i = 0; i < rows->len; i++)
    {
      LegendRow *row = &g_array_index (rows, LegendRow, i);
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      int lw, lh;
      double h, tx = x + pad;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      h = MAX (lh, row->swatch == NULL && !row->bold ? 2 * row->bubble_r : sw);
      if (!row->bold && row->swatch != NULL)
        {
          cairo_rectangle (cr, tx, y + (h - sw) / 2, sw, sw);
          cairo_set_source_rgb (cr, row->swatch[0], row->swatch[1], row->swatch[2]);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, p->outline[0], p->outline[1], p->outline[2]);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          tx += sw + gap * 2;
        }
      else if (!row->bold)
        {
          cairo_new_path (cr);
          cairo_arc (cr, tx + row->bubble_r, y + h / 2, row->bubble_r, 0, 2 * G_PI);
          cairo_set_source_rgba (cr, p->bubble[0], p->bubble[1], p->bubble[2], p->bubble[3]);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, p->bubble_edge[0], p->bubble_edge[1], p->bubble_edge[2]);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          tx += 2 * row->bubble_r + gap * 2;
        }
      cairo_set_source_rgb (cr, p->text[0], p->text[1], p->text[2]);
      cairo_move_to (cr, tx, y + (h - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      y += h + gap;
      g_free (row->label);
    }
}

static void
draw_caption (
    MaMapRenderer *self, cairo_t *cr, int width, int height, gboolean paint, cairo_rectangle_t *box)
{
  const Palette *p = &palettes[self->style];
  double px = font_px (self, width, height), pad = px * 0.6;
  g_autofree char *count = ma_format_int (self->data->n_actions, self->data->lang);
  g_autofree char *subtitle = NULL;
  g_autoptr (PangoLayout) title = NULL;
  g_autoptr (PangoLayout) sub = NULL;
  int tw, th, sw, sh;
  double w, h;

  /* Translators: the map's subtitle: "15 Actions · Status: Ongoing" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s Action · %2$s",
                                           "%1$s Actions · %2$s", self->data->n_actions),
                              count, self->data->filter_description);
  title = text_layout (cr,
                       self->mode == MA_MAP_BY_REGION ? _ ("MIEUX+ Actions by region")
                                                      : _ ("MIEUX+ Actions by country"),
                       px * 1.25, TRUE, width - 2 * MARGIN - 4 * pad);
  sub = text_layout (cr, subtitle, px, FALSE, width - 2 * MARGIN - 4 * pad);
  pango_layout_get_pixel_size (title, &tw, &th);
  pango_layout_get_pixel_size (sub, &sw, &sh);
  w = MAX (tw, sw) + 2 * pad;
  h = th + sh + 2 * pad;
  *box = (cairo_rectangle_t){ MARGIN + pad, MARGIN + pad, w, h };
  if (!paint)
    return;
  draw_box (self, cr, MARGIN + pad, MARGIN + pad, w, h, pad);
  cairo_set_source_rgb (cr, p->text[0], p->text[1], p->text[2]);
  cairo_move_to (cr, MARGIN + 2 * pad, MARGIN + 2 * pad);
  pango_cairo_show_layout (cr, title);
  cairo_move_to (cr, MARGIN + 2 * pad, MARGIN + 2 * pad + th);
  pango_cairo_show_layout (cr, sub);
}

/* Draws the legend and caption, or only measures them (PAINT FALSE): EXTENTS,
 * when not NULL, gets the union of their boxes (empty without data). */
static void
draw_decorations (MaMapRenderer *self,
                  cairo_t *cr,
                  int width,
                  int height,
                  MaMapLayers layers,
                  gboolean paint,
                  cairo_rectangle_t *extents)
{
  g_autoptr (MaLanguageScope) scope = NULL;
  cairo_rectangle_t box, all = { 0, 0, 0, 0 };

  if (extents != NULL)
    *extents = all;
  if (self->data == NULL)
    return;
  /* Labels in the data's language, whatever the UI's. */
  scope = ma_language_scope_new (self->data->lang);
  cairo_save (cr);
  for (int which = 0; which < 2; which++)
    {
      if (which == 0 && (layers & MA_MAP_LAYER_LEGEND))
        draw_legend (self, cr, width, height, paint, &box);
      else if (which == 1 && (layers & MA_MAP_LAYER_CAPTION))
        draw_caption (self, cr, width, height, paint, &box);
      else
        continue;
      if (all.width <= 0)
        all = box;
      else
        {
          double x1 = MAX (all.x + all.width, box.x + box.width);
          double y1 = MAX (all.y + all.height, box.y + box.height);
          all.x = MIN (all.x, box.x);
          all.y = MIN (all.y, box.y);
          all.width = x1 - all.x;
          all.height = y1 - all.y;
        }
    }
  cairo_restore (cr);
  if (extents != NULL)
    *extents = all;
}

/* ---- The map layer as pixels made of colour indices ----------------------- */

/* A recolour must not fill the countries again (≈ 9 ms at 1280×800): the map
 * layer is rastered once per size, view and style into what each pixel is
 * made of, and a recolour only looks colours up. A pixel is two colour indices
 * A and B, the weight of A (0–255, the rest is B's), and the coverage of the
 * outlines on top (0–255). Indices: the background around the map, the sea,
 * the globe's edge, then one per feature. Inside a country a pixel is one
 * index at weight 255 and no outline: only A is kept for every pixel (one
 * byte), and the few pixels along coasts, borders and the map's edge that
 * blend (5 % at 1280×800) are listed apart. Their weights are the
 * antialiasing coverage cairo computes for the same fills and strokes as a
 * vector picture. */
typedef struct _EdgePixel
{
  guint32 offset; /* y × the frame's width + x */
  guint8 b, w, l; /* index B, weight of A, outline coverage */
} EdgePixel;

/* While rastering, every pixel as 0x00WWBBAA (PIX (A, B, W, 0)); the
 * outlines' coverage is read from the mask at the end. */
#define PIX_BG 0
#define PIX_SEA 1
#define PIX_EDGE 2
#define PIX_FEATURE0 3
#define PIX_MAX_FEATURES (256 - PIX_FEATURE0)

#define PIX(a, b, w, l)                                                                            \
  ((guint32) (a) | (guint32) (b) << 8 | (guint32) (w) << 16 | (guint32) (l) << 24)

static gboolean
pixels_current (MaMapRenderer *self, int width, int height)
{
  return self->pixels_valid && self->pix_w == width && self->pix_h == height &&
         self->pix_zoom == self->zoom && self->pix_cx == self->cx && self->pix_cy == self->cy;
}

/* Puts index E with coverage C (1–254) over a pixel. The background, the sea
 * and the globe's edge are layers, each over the last; countries do not
 * overlap: their coverages add up and take the place of what lies under them
 * (so that two countries sharing a border leave no seam of sea between them).
 * Of the three colours, the two with the largest weights are kept. */
static guint32
pixel_merge (guint32 v, guint e, guint c)
{
  guint idx[3] = { v & 0xff, v >> 8 & 0xff, e };
  int w[3] = { v >> 16 & 0xff, 255 - (int) (v >> 16 & 0xff), (int) c };
  int under = 0, best, second;

  if (idx[0] == idx[1])
    {
      w[0] = 255;
      w[1] = 0;
    }
  for (int k = 0; k < 2; k++)
    if (e < PIX_FEATURE0 || idx[k] < PIX_FEATURE0)
      under += w[k];
  for (int k = 0; k < 2; k++)
    {
      gboolean is_under = e < PIX_FEATURE0 || idx[k] < PIX_FEATURE0;
      if (under >= (int) c)
        {
          /* what lies under shrinks in proportion */
          if (is_under && under > 0)
            w[k] = w[k] * (under - (int) c) / under;
        }
      else if (is_under)
        w[k] = 0;
      else
        /* rounding left too little under: the other country gives way */
        w[k] = w[k] * (255 - (int) c) / MAX (1, 255 - under);
    }
  for (int k = 0; k < 2; k++)
    if (idx[k] == e)
      {
        w[k] += w[2];
        w[2] = 0;
      }
  best = w[0] >= w[1] ? 0 : 1;
  if (w[2] > w[best])
    best = 2;
  second = -1;
  for (int k = 0; k < 3; k++)
    if (k != best && (second < 0 || w[k] > w[second]))
      second = k;
  if (w[best] + w[second] <= 0)
    return PIX (e, e, 255, v >> 24);
  return PIX (idx[best], idx[second],
              (255 * w[best] + (w[best] + w[second]) / 2) / (w[best] + w[second]), v >> 24);
}

static inline guint64
mask_word (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* Moves the coverage left in the scratch mask inside BOX into the pixels as
 * index E (features: added; the sea: over the background), clearing the mask. */
static void
take_coverage (guint32 *pixels, int width, guint8 *mask, int stride, const int box[4], guint e)
{
  const guint32 full = PIX (e, e, 255, 0);

  for (int y = box[1]; y <= box[3]; y++)
    {
      guint8 *row = mask + (gsize) y * stride;
      guint32 *out = pixels + (gsize) y * width;
      int x = box[0];

      while (x <= box[2])
        {
          guint c;

          /* eight at a time where the mask is empty or full (most of it) */
          if ((x & 7) == 0 && x + 7 <= box[2])
            {
              guint64 word = mask_word (row + x);
              if (word == 0)
                {
                  x += 8;
                  continue;
                }
              if (word == G_MAXUINT64)
                {
                  for (int k = 0; k < 8; k++)
                    out[x + k] = full;
                  memset (row + x, 0, 8);
                  x += 8;
                  continue;
                }
            }
          c = row[x];
          if (c != 0)
            {
              row[x] = 0;
              out[x] = c == 255 ? full : pixel_merge (out[x], e, c);
            }
          x++;
        }
    }
}

/* A pixel of the sea (coverage C) over the background. */
static inline guint32
sea_pixel (guint c)
{
  return c == 255 ? PIX (PIX_SEA, PIX_SEA, 255, 0)
         : c == 0 ? PIX (PIX_BG, PIX_BG, 255, 0)
                  : PIX (PIX_SEA, PIX_BG, c, 0);
}

static void
index_row_apart (guint8 *restrict index, const guint32 *restrict in, int width)
{
  for (int x = 0; x < width; x++)
    index[x] = (guint8) in[x];
}

/* The colour indices of a row of pixels. The index plane is written over the
 * pixels: only the first row's indices land on their own pixels (each on one
 * already read), the others' on rows above. */
static void
index_row (guint8 *index, const guint32 *in, int width)
{
  if (index < (const guint8 *) (in + width) && (const guint8 *) in < index + width)
    for (int x = 0; x < width; x++)
      index[x] = (guint8) in[x];
  else
    index_row_apart (index, in, width);
}

/* The part of a WIDTH×HEIGHT picture the globe (with room for its outline and
 * the bubbles) takes: the rest is the background. In the window's map view at
 * the whole world's zoom, the globe is half as high as the view. */
static void
map_extent (MaMapRenderer *self, int width, int height, int rect[4])
{
  double hw, hh, x0, y0, x1, y1;
  double pad = bubble_max_radius (self, width, height) + line_width (self) + 2;

  ma_equal_earth_extent (&hw, &hh);
  ma_map_renderer_to_device (self, width, height, -hw, hh, &x0, &y0);
  ma_map_renderer_to_device (self, width, height, hw, -hh, &x1, &y1);
  rect[0] = (int) CLAMP (floor (x0 - pad), 0, width);
  rect[1] = (int) CLAMP (floor (y0 - pad), 0, height);
  rect[2] = (int) CLAMP (ceil (x1 + pad), 0, width) - rect[0];
  rect[3] = (int) CLAMP (ceil (y1 + pad), 0, height) - rect[1];
  if (rect[2] <= 0 || rect[3] <= 0)
    {
      rect[0] = rect[1] = 0;
      rect[2] = rect[3] = 1;
    }
}

/* Rasters the pixels of the part of the PICTURE_W×PICTURE_H picture that
 * self->crop_* says. */
static void
build_pixels (MaMapRenderer *self, int picture_w, int picture_h)
{
  guint n_features = ma_geo_get_n_features (self->geo);
  guint n_arcs = ma_geo_get_n_arcs (self->geo);
  int width = self->crop_w, height = self->crop_h;
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  cairo_t *cr = cairo_create (scratch);
  guint8 *mask = cairo_image_surface_get_data (scratch);
  int stride = cairo_image_surface_get_stride (scratch);
  g_autoptr (GArray) boxes = g_array_new (FALSE, FALSE, sizeof (int));
  const int all[4] = { 0, 0, width - 1, height - 1 };
  gsize n = (gsize) width * height;
  guint32 *pixels;
  guint8 *index;
  GArray *edges;
  double s, ox, oy;

  device_transform (self, picture_w, picture_h, &s, &ox, &oy);
  ox -= self->crop_x;
  oy -= self->crop_y;
  g_clear_pointer (&self->pixels, g_free);
  g_clear_pointer (&self->edges, g_free);
  pixels = g_new (guint32, n);

  /* the sea: the globe's outline filled, over the background */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_translate (cr, -self->crop_x, -self->crop_y);
  sphere_path (self, cr, picture_w, picture_h);
  cairo_identity_matrix (cr);
  cairo_fill (cr);
  cairo_surface_flush (scratch);
  for (int y = 0; y < height; y++)
    {
      guint8 *row = mask + (gsize) y * stride;
      guint32 *out = pixels + (gsize) y * width;
      int x = 0;

      for (; x + 8 <= width; x += 8)
        {
          guint64 word = mask_word (row + x);
          if (word == 0 || word == G_MAXUINT64)
            {
              guint32 v = word == 0 ? PIX (PIX_BG, PIX_BG, 255, 0) : PIX (PIX_SEA, PIX_SEA, 255, 0);
              for (int k = 0; k < 8; k++)
                out[x + k] = v;
            }
          else
            for (int k = 0; k < 8; k++)
              out[x + k] = sea_pixel (row[x + k]);
        }
      for (; x < width; x++)
        out[x] = sea_pixel (row[x]);
      memset (row, 0, width);
    }
  cairo_surface_mark_dirty (scratch);
  cairo_set_line_width (cr, line_width (self));
  cairo_translate (cr, -self->crop_x, -self->crop_y);
  sphere_path (self, cr, picture_w, picture_h);
  cairo_identity_matrix (cr);
  cairo_stroke (cr);
  cairo_surface_flush (scratch);
  take_coverage (pixels, width, mask, stride, all, PIX_EDGE);
  cairo_surface_mark_dirty (scratch);

  /* each country, alone in the mask, then taken out of it ring box by ring box */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint f = 0; f < n_features; f++)
    {
      g_array_set_size (boxes, 0);
      cairo_new_path (cr);
      if (!append_feature (self->geo, cr, f, s, ox, oy, width, height, boxes))
        continue;
      cairo_fill (cr);
      cairo_surface_flush (scratch);
      for (guint b = 0; b < boxes->len; b += 4)
        take_coverage (pixels, width, mask, stride, &g_array_index (boxes, int, b),
                       PIX_FEATURE0 + f);
      cairo_surface_mark_dirty (scratch);
    }

  /* outlines over everything: every border and coast once */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint a = 0; a < n_arcs; a++)
    {
      cairo_new_path (cr);
      if (append_arc (self->geo, cr, a, s, ox, oy, width, height))
        cairo_stroke (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (scratch);

  /* kept: the index of every pixel (written over the pixels, which are read
   * first), and the pixels that blend */
  index = (guint8 *) pixels;
  edges = g_array_sized_new (FALSE, FALSE, sizeof (EdgePixel), n / 16 + 1);
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = mask + (gsize) y * stride;
      const guint32 *in = pixels + (gsize) y * width;
      int x = 0;

      while (x < width)
        {
          /* eight at a time where none blends (most of the picture) */
          if (x + 8 <= width && mask_word (row + x) == 0 &&
              (in[x] & in[x + 1] & in[x + 2] & in[x + 3] & in[x + 4] & in[x + 5] & in[x + 6] &
               in[x + 7] & 0x00ff0000) == 0x00ff0000)
            {
              x += 8;
              continue;
            }
          if ((in[x] >> 16 & 0xff) != 0xff || row[x] != 0)
            {
              EdgePixel e = { (guint32) ((gsize) y * width + x), in[x] >> 8 & 0xff,
                              in[x] >> 16 & 0xff, row[x] };
              g_array_append_val (edges, e);
            }
          x++;
        }
      /* the row's indices land on pixels already read (rows above, or this
       * row's own start for the first one) */
      index_row (index + (gsize) y * width, in, width);
    }
  cairo_surface_destroy (scratch);
  self->pixels = g_realloc (index, n);
  self->n_edges = edges->len;
  self->edges =
      g_realloc (g_array_free (edges, FALSE), MAX (self->n_edges, 1) * sizeof (EdgePixel));
}

static inline guint
div255 (guint x)
{
  x += 128;
  return (x + (x >> 8)) >> 8;
}

/* The frame from the pixels: a colour per index, blended where a pixel is
 * made of two, the outline colour over it. */
static void
compose_pixels (MaMapRenderer *self, cairo_surface_t *frame)
{
  const Palette *p = &palettes[self->style];
  guint n_features = ma_geo_get_n_features (self->geo);
  guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  guint32 lut[256] = { 0 };
  guint outline[3];
  Class classes[N_RAMP];
  guint n_classes = compute_classes (self, classes);

#define RGB32(c)                                                                                   \
  (0xff000000u | (guint32) lround ((c)[0] * 255) << 16 | (guint32) lround ((c)[1] * 255) << 8 |    \
   (guint32) lround ((c)[2] * 255))
  lut[PIX_BG] = RGB32 (p->bg);
  lut[PIX_SEA] = RGB32 (p->sea);
  lut[PIX_EDGE] = RGB32 (p->outline);
  for (guint f = 0; f < n_features; f++)
    lut[PIX_FEATURE0 + f] = RGB32 (feature_colour (self, f, classes, n_classes));
#undef RGB32
  for (int k = 0; k < 3; k++)
    outline[k] = (guint) lround (p->outline[2 - k] * 255); /* blue, green, red */

  /* before writing into it: a snapshot someone took of it keeps its pixels */
  cairo_surface_flush (frame);
  for (int y = 0; y < self->crop_h; y++)
    {
      const guint8 *in = self->pixels + (gsize) y * self->crop_w;
      guint32 *out = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < self->crop_w; x++)
        out[x] = lut[in[x]];
    }
  for (gsize i = 0; i < self->n_edges; i++)
    {
      const EdgePixel *e = &self->edges[i];
      guint32 ca = lut[self->pixels[e->offset]], cb = lut[e->b], rgb = 0;
      guint32 *out = (guint32 *) (data + (gsize) (e->offset / self->crop_w) * stride) +
                     e->offset % self->crop_w;

      for (int k = 0; k < 3; k++)
        {
          guint c = div255 ((ca >> 8 * k & 0xff) * e->w + (cb >> 8 * k & 0xff) * (255 - e->w));
          c = div255 (c * (255 - e->l) + outline[k] * e->l);
          rgb |= c << 8 * k;
        }
      *out = 0xff000000u | rgb;
    }
  cairo_surface_mark_dirty (frame);
}

/* ---- Entry points --------------------------------------------------------- */

void
ma_map_renderer_draw (MaMapRenderer *self, cairo_t *cr, int width, int height, MaMapLayers layers)
{
  g_return_if_fail (MA_IS_MAP_RENDERER (self));
  g_return_if_fail (width > 0 && height > 0);

  ensure_geometry (self, width, height);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (layers & MA_MAP_LAYER_MAP)
    {
      draw_fills (self, cr, width, height);
      stroke_arcs (self, cr);
      draw_bubbles (self, cr, width, height);
    }
  draw_decorations (self, cr, width, height, layers, TRUE, NULL);
  cairo_restore (cr);
}

cairo_surface_t *
ma_map_renderer_get_frame (MaMapRenderer *self, int width, int height)
{
  cairo_t *cr;

  g_return_val_if_fail (MA_IS_MAP_RENDERER (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (!pixels_current (self, width, height))
    {
      self->frame_valid = FALSE;
      int rect[4] = { 0, 0, width, height };

      /* the frame goes first: the pixels are built without it */
      g_clear_pointer (&self->frame, cairo_surface_destroy);
      if (ma_geo_get_n_features (self->geo) <= PIX_MAX_FEATURES)
        {
          map_extent (self, width, height, rect);
          self->crop_x = rect[0];
          self->crop_y = rect[1];
          self->crop_w = rect[2];
          self->crop_h = rect[3];
          build_pixels (self, width, height);
        }
      else
        {
          g_clear_pointer (&self->pixels, g_free);
          g_clear_pointer (&self->edges, g_free);
          self->crop_x = self->crop_y = 0;
          self->crop_w = width;
          self->crop_h = height;
        }
      self->pixels_valid = TRUE;
      self->pix_w = width;
      self->pix_h = height;
      self->pix_zoom = self->zoom;
      self->pix_cx = self->cx;
      self->pix_cy = self->cy;
    }
  if (self->frame_valid && self->frame != NULL)
    return self->frame;
  /* A frame still held by someone else (a texture made of its pixels) is left
   * to them. */
  if (self->frame != NULL && (cairo_image_surface_get_width (self->frame) != self->crop_w ||
                              cairo_image_surface_get_height (self->frame) != self->crop_h ||
                              cairo_surface_get_reference_count (self->frame) > 1))
    g_clear_pointer (&self->frame, cairo_surface_destroy);
  if (self->frame == NULL)
    {
      /* only the map's part of the picture; drawn in place through the offset */
      self->frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->crop_w, self->crop_h);
      cairo_surface_set_device_offset (self->frame, -self->crop_x, -self->crop_y);
    }
  if (self->pixels != NULL)
    compose_pixels (self, self->frame);
  else
    {
      /* more features than indices: fills and outlines as vectors, every time */
      cr = cairo_create (self->frame);
      ensure_geometry (self, width, height);
      draw_fills (self, cr, width, height);
      stroke_arcs (self, cr);
      cairo_destroy (cr);
    }
  cr = cairo_create (self->frame);
  draw_bubbles (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (self->frame);
  self->frame_valid = TRUE;
  return self->frame;
}

cairo_surface_t *
ma_map_renderer_get_overlay (MaMapRenderer *self, int width, int height, MaMapLayers layer)
{
  guint which = layer == MA_MAP_LAYER_CAPTION;
  cairo_surface_t *scratch;
  cairo_rectangle_t ext;
  int x0, y0, x1, y1;
  cairo_t *cr;

  g_return_val_if_fail (MA_IS_MAP_RENDERER (self), NULL);
  g_return_val_if_fail (layer == MA_MAP_LAYER_LEGEND || layer == MA_MAP_LAYER_CAPTION, NULL);
  if (self->overlay_valid[which] && self->overlay[which] != NULL && self->ov_w[which] == width &&
      self->ov_h[which] == height)
    return self->overlay[which];
  /* Only as large as the box: a full-size layer would be 4 MB of mostly
   * transparent pixels at 1280×800. */
  g_clear_pointer (&self->overlay[which], cairo_surface_destroy);
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  draw_decorations (self, cr, width, height, layer, FALSE, &ext);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  /* room for the box's edge (up to 2 px wide) */
  x0 = MAX (0, (int) floor (ext.x) - 2);
  y0 = MAX (0, (int) floor (ext.y) - 2);
  x1 = MIN (width, (int) ceil (ext.x + ext.width) + 2);
  y1 = MIN (height, (int) ceil (ext.y + ext.height) + 2);
  if (ext.width <= 0 || x1 <= x0 || y1 <= y0)
    {
      x0 = y0 = 0;
      x1 = y1 = 1;
    }
  self->overlay[which] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, x1 - x0, y1 - y0);
  cairo_surface_set_device_offset (self->overlay[which], -x0, -y0);
  cr = cairo_create (self->overlay[which]);
  draw_decorations (self, cr, width, height, layer, TRUE, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (self->overlay[which]);
  self->ov_w[which] = width;
  self->ov_h[which] = height;
  self->overlay_valid[which] = TRUE;
  return self->overlay[which];
}

void
ma_map_renderer_draw_bare (MaMapRenderer *self, cairo_t *cr, int width, int height)
{
  const Palette *p = &palettes[self->style];
  Class classes[N_RAMP];
  guint n_classes;

  ensure_geometry (self, width, height);
  n_classes = compute_classes (self, classes);
  cairo_save (cr);
  cairo_set_source_rgb (cr, p->bg[0], p->bg[1], p->bg[2]);
  cairo_paint (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, 0.5);
  for (guint f = 0; f < ma_geo_get_n_features (self->geo); f++)
    {
      const double *rgb;
      if (self->paths[f] == NULL)
        continue;
      rgb = feature_colour (self, f, classes, n_classes);
      cairo_new_path (cr);
      cairo_append_path (cr, self->paths[f]);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, p->outline[0], p->outline[1], p->outline[2]);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
ma_map_renderer_invalidate_layers (MaMapRenderer *self)
{
  self->pixels_valid = FALSE;
  invalidate_colours (self);
}

void
ma_map_renderer_append_feature_path (
    MaMapRenderer *self, cairo_t *cr, int width, int height, guint feature)
{
  double s = fit_scale (width, height) * self->zoom;
  double ox = width / 2.0 - s * self->cx, oy = height / 2.0 + s * self->cy;

  g_return_if_fail (feature < ma_geo_get_n_features (self->geo));
  for (guint r = 0; r < ma_geo_feature_get_n_rings (self->geo, feature); r++)
    {
      MaGeoPoints p;
      double px, py, ps;

      ma_geo_feature_get_ring (self->geo, feature, r, &p);
      points_transform (&p, s, ox, oy, &ps, &px, &py);
      cairo_move_to (cr, px + ps * p.xy[0], py - ps * p.xy[1]);
      for (guint k = 1; k < p.n; k++)
        cairo_line_to (cr, px + ps * p.xy[2 * k], py - ps * p.xy[2 * k + 1]);
      cairo_close_path (cr);
    }
}

void
ma_map_renderer_get_feature_bounds (MaMapRenderer *self,
                                    int width,
                                    int height,
                                    guint feature,
                                    double *x0,
                                    double *y0,
                                    double *x1,
                                    double *y1)
{
  double a, b, c, d;

  g_return_if_fail (feature < ma_geo_get_n_features (self->geo));
  ma_geo_feature_get_extents (self->geo, feature, &a, &b, &c, &d);
  ma_map_renderer_to_device (self, width, height, a, d, x0, y0);
  ma_map_renderer_to_device (self, width, height, c, b, x1, y1);
}
