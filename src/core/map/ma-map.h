/* ma-map.h: the world map of the Actions, drawn with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ma-filter.h"
#include "ma-geo.h"
#include "ma-action-query.h"

G_BEGIN_DECLS

typedef enum
{
  MA_MAP_BY_COUNTRY, /* choropleth: Actions per country */
  MA_MAP_BY_REGION,  /* each programme region one colour */
} MaMapMode;

typedef enum
{
  MA_MAP_STYLE_LIGHT,
  MA_MAP_STYLE_DARK,
  MA_MAP_STYLE_HIGH_CONTRAST,
} MaMapStyle;

typedef enum
{
  MA_MAP_LAYER_MAP = 1 << 0,     /* sea, countries, outlines, bubbles */
  MA_MAP_LAYER_LEGEND = 1 << 1,  /* colour classes with counts */
  MA_MAP_LAYER_CAPTION = 1 << 2, /* title, number of Actions, active filter */
  MA_MAP_LAYER_ALL = 0x7,
} MaMapLayers;

/* ---- What the map shows: the filtered Actions aggregated per country ------- */

typedef struct _MaMapData MaMapData;

/* Aggregates the Actions FILTER selects (the same condition as the list) per
 * country and per region, joins the countries to GEO's features, and names
 * everything in LANG. */
MaMapData *ma_map_data_query (
    MaActionQuery *query, MaGeo *geo, MaFilter *filter, const char *lang, GError **error);
MaMapData *ma_map_data_ref (MaMapData *self);
void ma_map_data_unref (MaMapData *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaMapData, ma_map_data_unref)

/* Our country code (ISO 3166-1 alpha-2, XK) of a feature, or NULL. */
const char *ma_map_data_get_feature_country (MaMapData *self, guint feature);
/* The feature whose country is CODE, or -1. */
int ma_map_data_find_country (MaMapData *self, const char *code);
guint ma_map_data_get_n_actions (MaMapData *self);
guint ma_map_data_get_country_actions (MaMapData *self, const char *code);
guint ma_map_data_get_country_activities (MaMapData *self, const char *code);
/* The country's name in the data's language, or NULL for an unknown code. */
const char *ma_map_data_get_country_name (MaMapData *self, const char *code);
/* Region code of a country, or NULL. */
const char *ma_map_data_get_country_region (MaMapData *self, const char *code);
guint ma_map_data_get_region_actions (MaMapData *self, const char *region);
/* "Kazakhstan\n1 Action: 1 ongoing\n2 activities" for a tooltip; NULL for the sea. */
char *ma_map_data_describe_feature (MaMapData *self, guint feature);
/* The active filter in words, or "All Actions". */
const char *ma_map_data_get_filter_description (MaMapData *self);

/* ---- The renderer --------------------------------------------------------- */

#define MA_TYPE_MAP_RENDERER (ma_map_renderer_get_type ())
G_DECLARE_FINAL_TYPE (MaMapRenderer, ma_map_renderer, MA, MAP_RENDERER, GObject)

MaMapRenderer *ma_map_renderer_new (MaGeo *geo);
MaGeo *ma_map_renderer_get_geo (MaMapRenderer *self);
/* New data recolours the cached geometry; nothing is projected again. */
void ma_map_renderer_set_data (MaMapRenderer *self, MaMapData *data);
MaMapData *ma_map_renderer_get_data (MaMapRenderer *self);
void ma_map_renderer_set_mode (MaMapRenderer *self, MaMapMode mode);
MaMapMode ma_map_renderer_get_mode (MaMapRenderer *self);
void ma_map_renderer_set_style (MaMapRenderer *self, MaMapStyle style);
void ma_map_renderer_set_bubbles (MaMapRenderer *self, gboolean bubbles);
/* Multiplies the size of text and lines (1 = default; 1.5 for a projector). */
void ma_map_renderer_set_text_scale (MaMapRenderer *self, double scale);

/* The view: ZOOM 1 shows the whole world; CENTER in projected units. */
void ma_map_renderer_set_view (MaMapRenderer *self, double zoom, double center_x, double center_y);
void
ma_map_renderer_get_view (MaMapRenderer *self, double *zoom, double *center_x, double *center_y);
/* Zooms by FACTOR keeping the point under device (PX, PY) in place. */
void ma_map_renderer_zoom_at (
    MaMapRenderer *self, int width, int height, double px, double py, double factor);
/* Moves the view by device pixels. */
void ma_map_renderer_pan (MaMapRenderer *self, int width, int height, double dx, double dy);
/* Fits the view to the countries (country mode) or regions (region mode) that
 * have Actions; the whole world when there are none. */
void ma_map_renderer_fit_to_data (MaMapRenderer *self, int width, int height);

/* Pixels per projected unit of a WIDTH×HEIGHT picture in the current view. */
double ma_map_renderer_get_scale (MaMapRenderer *self, int width, int height);
/* The colour around the map in the current style. */
void ma_map_renderer_get_background (MaMapRenderer *self, double rgb[3]);

void ma_map_renderer_to_device (
    MaMapRenderer *self, int width, int height, double x, double y, double *px, double *py);
void ma_map_renderer_from_device (
    MaMapRenderer *self, int width, int height, double px, double py, double *x, double *y);
/* Feature under a device point of a WIDTH×HEIGHT picture, or -1. */
int ma_map_renderer_hit_test (MaMapRenderer *self, int width, int height, double px, double py);

/* The outline of one feature in device coordinates of a WIDTH×HEIGHT picture
 * in the current view (for a hover highlight), and its device bounds. */
void ma_map_renderer_append_feature_path (
    MaMapRenderer *self, cairo_t *cr, int width, int height, guint feature);
void ma_map_renderer_get_feature_bounds (MaMapRenderer *self,
                                         int width,
                                         int height,
                                         guint feature,
                                         double *x0,
                                         double *y0,
                                         double *x1,
                                         double *y1);

/* Draws the picture onto any cairo_t (image, SVG, PDF, print) at WIDTH×HEIGHT,
 * as vectors: what exports and the command-line tool use. */
void
ma_map_renderer_draw (MaMapRenderer *self, cairo_t *cr, int width, int height, MaMapLayers layers);

/* For widgets: the map layer rastered into an image surface, owned by the
 * renderer and kept until the size, the view, the data or the style change.
 * The surface covers only the part of the WIDTH×HEIGHT picture the map takes
 * (the rest is the background, ma_map_renderer_get_background ()): like an
 * overlay, it is placed by its device offset.
 * What each pixel is made of (colour indices and antialiasing weights) is
 * rastered once per size, view and style, so a data change only looks colours
 * up (about 1 ms at 1280×800); an unchanged call costs nothing. A new surface
 * is made when the last one is still referenced (a texture sharing it). */
cairo_surface_t *ma_map_renderer_get_frame (MaMapRenderer *self, int width, int height);
/* The legend (LAYER MA_MAP_LAYER_LEGEND) or the caption (MA_MAP_LAYER_CAPTION)
 * on a transparent image surface, cached the same way. The surface covers only
 * the part of the WIDTH×HEIGHT picture its box takes: its device offset is
 * minus its position (cairo_surface_get_device_offset ()), so that it draws in
 * place with cairo_set_source_surface (cr, overlay, 0, 0). Each change makes a
 * new surface. */
cairo_surface_t *
ma_map_renderer_get_overlay (MaMapRenderer *self, int width, int height, MaMapLayers layer);

/* Benchmark helpers: drop the caches (so the next get_frame re-projects) or only
 * the last frame (so the next get_frame recolours). */
void ma_map_renderer_invalidate (MaMapRenderer *self, gboolean geometry);

G_END_DECLS
