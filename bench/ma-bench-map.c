/* ma-bench-map.c: what the world map costs to decode, raster, recolour and show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ma-bench-map.h"
#include "ma-map-private.h"

typedef struct
{
  double min, median, max;
  int n;
} Stats;

typedef void (*BenchFunc) (gpointer data);

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static Stats
run (BenchFunc func, gpointer data, int warm, int reps)
{
  g_autofree double *t = g_new (double, reps);
  Stats s;

  for (int i = 0; i < warm; i++)
    func (data);
  for (int i = 0; i < reps; i++)
    {
      gint64 start = g_get_monotonic_time ();
      func (data);
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (t, reps, sizeof (double), compare_doubles);
  s.min = t[0];
  s.max = t[reps - 1];
  s.median = reps % 2 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
  s.n = reps;
  return s;
}

static void
print (FILE *out, int w, int h, const char *name, Stats s)
{
  fprintf (out, "map %dx%d %s: %.2f / %.2f / %.2f ms (n=%d)\n", w, h, name, s.min, s.median, s.max,
           s.n);
}

typedef struct
{
  MaActionQuery *query;
  MaGeo *geo;
  MaMapRenderer *renderer;
  MaMapData *data[2];
  MaFilter *filter;
  cairo_surface_t *target;
  int w, h;
  guint turn;
} Ctx;

static void
decode (gpointer data)
{
  g_autoptr (MaGeo) geo =
      ma_geo_new_from_resource ("/eu/mieux_initiative/Actions/map/countries-50m.bin", NULL);
  g_assert (geo != NULL);
}

static void
aggregate (gpointer data)
{
  Ctx *c = data;
  g_autoptr (MaMapData) d = ma_map_data_query (c->query, c->geo, c->filter, "en", NULL);
  g_assert (d != NULL);
}

/* What the view does when a gesture ends: the view moved, so the paths are
 * projected again, the outline layer redrawn, the countries filled. */
static void
full_raster (gpointer data)
{
  Ctx *c = data;
  c->turn++;
  ma_map_renderer_set_view (c->renderer, 1.0001 + (c->turn % 2) * 0.0001, 0, 0);
  ma_map_renderer_get_frame (c->renderer, c->w, c->h);
}

/* The same without projecting again: outline layer + fills (a style change). */
static void
layers_raster (gpointer data)
{
  Ctx *c = data;
  ma_map_renderer_invalidate_layers (c->renderer);
  ma_map_renderer_get_frame (c->renderer, c->w, c->h);
}

static void
bare (gpointer data)
{
  Ctx *c = data;
  cairo_t *cr = cairo_create (c->target);
  ma_map_renderer_draw_bare (c->renderer, cr, c->w, c->h);
  cairo_destroy (cr);
  cairo_surface_flush (c->target);
}

static void
recolour (gpointer data)
{
  Ctx *c = data;
  c->turn++;
  ma_map_renderer_set_data (c->renderer, c->data[c->turn % 2]);
  ma_map_renderer_get_frame (c->renderer, c->w, c->h);
}

/* A frame that changes no data: the cached frame, copied once (what a
 * texture upload or a cairo renderer's blit costs). */
static void
cached (gpointer data)
{
  Ctx *c = data;
  cairo_surface_t *frame = ma_map_renderer_get_frame (c->renderer, c->w, c->h);
  cairo_t *cr = cairo_create (c->target);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, frame, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (c->target);
}

static void
overlay (gpointer data)
{
  Ctx *c = data;
  ma_map_renderer_invalidate (c->renderer, FALSE);
  ma_map_renderer_get_overlay (c->renderer, c->w, c->h, MA_MAP_LAYER_LEGEND);
  ma_map_renderer_get_overlay (c->renderer, c->w, c->h, MA_MAP_LAYER_CAPTION);
}

static void
vector (gpointer data)
{
  Ctx *c = data;
  cairo_t *cr = cairo_create (c->target);
  ma_map_renderer_draw (c->renderer, cr, c->w, c->h, MA_MAP_LAYER_ALL);
  cairo_destroy (cr);
  cairo_surface_flush (c->target);
}

gboolean
ma_bench_map (MaStore *store, int width, int height, int reps, FILE *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) asia = ma_filter_new ();
  g_autoptr (MaActionQuery) query = ma_action_query_new (store);
  Ctx c = { .query = query, .w = width, .h = height };
  Stats s, raster_s, layers_s, bare_s;
  int warm = 3;

  reps = MAX (reps, 3);
  c.geo = ma_geo_get_default (&error);
  if (c.geo == NULL)
    {
      fprintf (out, "map: %s\n", error->message);
      return FALSE;
    }
  ma_filter_add_code (asia, MA_FILTER_REGION, "asia");
  c.data[0] = ma_map_data_query (query, c.geo, NULL, "en", &error);
  c.data[1] = c.data[0] != NULL ? ma_map_data_query (query, c.geo, asia, "en", &error) : NULL;
  if (c.data[1] == NULL)
    {
      fprintf (out, "map: %s\n", error->message);
      g_clear_pointer (&c.data[0], ma_map_data_unref);
      ma_geo_unref (c.geo);
      return FALSE;
    }
  c.renderer = ma_map_renderer_new (c.geo);
  ma_map_renderer_set_data (c.renderer, c.data[0]);
  c.target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  print (out, width, height, "read the geometry packed at build time",
         run (decode, &c, 1, reps / 3 + 1));
  c.filter = asia;
  print (out, width, height, "aggregate the filtered Actions per country (SQL)",
         run (aggregate, &c, warm, reps));
  raster_s = run (full_raster, &c, warm, reps);
  print (out, width, height, "full re-raster after a view change (project + outlines + fills)",
         raster_s);
  layers_s = run (layers_raster, &c, warm, reps);
  print (out, width, height, "full re-raster, same view (outlines + fills into colour indices)",
         layers_s);
  bare_s = run (bare, &c, warm, reps);
  print (out, width, height, "bare Cairo fill + 0.5 px stroke per country, same paths", bare_s);
  s = run (recolour, &c, warm, reps);
  print (out, width, height, "recolour after a filter change (a colour per pixel looked up)", s);
  s = run (cached, &c, warm, reps);
  print (out, width, height, "frame without data change (cached frame, one blit)", s);
  s = run (overlay, &c, warm, reps);
  print (out, width, height, "legend and caption (Pango) into their overlays", s);
  ma_map_renderer_set_view (c.renderer, 1, 0, 0);
  s = run (vector, &c, warm, reps);
  print (out, width, height, "export picture: fills + stroked outlines + legend + caption", s);
  fprintf (out,
           "map %dx%d full re-raster / bare Cairo (medians): %.2f with projection, %.2f without "
           "(target <= 1.3)\n",
           width, height, raster_s.median / bare_s.median, layers_s.median / bare_s.median);

  cairo_surface_destroy (c.target);
  g_object_unref (c.renderer);
  ma_map_data_unref (c.data[0]);
  ma_map_data_unref (c.data[1]);
  ma_geo_unref (c.geo);
  return TRUE;
}
