/* test-map.c: the world map's geometry, projection, hit tests and renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ma-test-query.h"
#include "ma-geo.h"
#include "ma-i18n.h"
#include "ma-map.h"
#include "ma-store.h"

static char *tmpdir;
static MaStore *store;
static MaActionQuery *query;
static MaGeo *geo;

static int
find_feature (const char *name)
{
  for (guint i = 0; i < ma_geo_get_n_features (geo); i++)
    if (g_strcmp0 (ma_geo_feature_get_name (geo, i), name) == 0)
      return (int) i;
  return -1;
}

static void
test_decoder_facts (void)
{
  guint n_036 = 0, without_id = 0;
  int australia = find_feature ("Australia"), ashmore = find_feature ("Ashmore and Cartier Is.");
  int kosovo = find_feature ("Kosovo");

  g_assert_cmpuint (ma_geo_get_n_features (geo), ==, 241);
  g_assert_cmpuint (ma_geo_get_n_arcs (geo), ==, 1959);
  for (guint i = 0; i < ma_geo_get_n_features (geo); i++)
    {
      const char *id = ma_geo_feature_get_id (geo, i);
      if (id == NULL)
        without_id++;
      else
        {
          /* zero-padded ISO 3166-1 numeric */
          g_assert_cmpuint (strlen (id), ==, 3);
          n_036 += strcmp (id, "036") == 0;
        }
    }
  g_assert_cmpuint (without_id, ==, 5);
  g_assert_cmpuint (n_036, ==, 2);
  g_assert_cmpint (australia, >=, 0);
  g_assert_cmpint (ashmore, >=, 0);
  g_assert_cmpstr (ma_geo_feature_get_id (geo, australia), ==, "036");
  g_assert_cmpstr (ma_geo_feature_get_id (geo, ashmore), ==, "036");
  g_assert_cmpint (kosovo, >=, 0);
  g_assert_null (ma_geo_feature_get_id (geo, kosovo));
  g_assert_cmpstr (ma_geo_feature_get_id (geo, find_feature ("France")), ==, "250");
  g_assert_cmpstr (ma_geo_feature_get_id (geo, find_feature ("Kazakhstan")), ==, "398");
}

/* Russia's and Fiji's rings that cross ±180° are cut: no edge of any ring may
 * run across the map (which would draw a band). Antarctica goes round the pole
 * and is kept whole. */
static void
test_antimeridian (void)
{
  double hw, hh;
  int antarctica = find_feature ("Antarctica");

  ma_equal_earth_extent (&hw, &hh);
  g_assert_cmpuint (ma_geo_get_n_cut_rings (geo), ==, 3);
  for (guint f = 0; f < ma_geo_get_n_features (geo); f++)
    {
      if ((int) f == antarctica)
        continue;
      for (guint r = 0; r < ma_geo_feature_get_n_rings (geo, f); r++)
        {
          MaGeoPoints p;
          ma_geo_feature_get_ring (geo, f, r, &p);
          for (guint k = 0; k < p.n; k++)
            {
              guint next = (k + 1) % p.n;
              if (p.unit * fabs ((double) p.xy[2 * next] - p.xy[2 * k]) > hw / 2)
                g_error ("%s: ring %u has an edge across the map", ma_geo_feature_get_name (geo, f),
                         r);
            }
        }
    }
}

static void
assert_same_points (const MaGeoPoints *a, const MaGeoPoints *b)
{
  g_assert_cmpfloat (a->x0, ==, b->x0);
  g_assert_cmpfloat (a->y0, ==, b->y0);
  g_assert_cmpfloat (a->unit, ==, b->unit);
  g_assert_cmpmem (a->xy, a->n * 2 * sizeof (guint16), b->xy, b->n * 2 * sizeof (guint16));
}

/* The geometry the program reads is packed at build time: the same as the
 * TopoJSON it came from, decoded now, point for point. */
static void
assert_same_geometry (MaGeo *a, MaGeo *b)
{
  g_assert_cmpuint (ma_geo_get_n_features (a), ==, ma_geo_get_n_features (b));
  g_assert_cmpuint (ma_geo_get_n_arcs (a), ==, ma_geo_get_n_arcs (b));
  g_assert_cmpuint (ma_geo_get_n_cut_rings (a), ==, ma_geo_get_n_cut_rings (b));
  for (guint f = 0; f < ma_geo_get_n_features (a); f++)
    {
      double ea[4], eb[4], xa, ya, xb, yb;

      g_assert_cmpstr (ma_geo_feature_get_id (a, f), ==, ma_geo_feature_get_id (b, f));
      g_assert_cmpstr (ma_geo_feature_get_name (a, f), ==, ma_geo_feature_get_name (b, f));
      ma_geo_feature_get_extents (a, f, &ea[0], &ea[1], &ea[2], &ea[3]);
      ma_geo_feature_get_extents (b, f, &eb[0], &eb[1], &eb[2], &eb[3]);
      g_assert_cmpmem (ea, sizeof ea, eb, sizeof eb);
      ma_geo_feature_get_anchor (a, f, &xa, &ya);
      ma_geo_feature_get_anchor (b, f, &xb, &yb);
      g_assert_cmpfloat (xa, ==, xb);
      g_assert_cmpfloat (ya, ==, yb);
      g_assert_cmpuint (ma_geo_feature_get_n_rings (a, f), ==, ma_geo_feature_get_n_rings (b, f));
      for (guint r = 0; r < ma_geo_feature_get_n_rings (a, f); r++)
        {
          MaGeoPoints pa, pb;
          ma_geo_feature_get_ring (a, f, r, &pa);
          ma_geo_feature_get_ring (b, f, r, &pb);
          assert_same_points (&pa, &pb);
        }
    }
  for (guint i = 0; i < ma_geo_get_n_arcs (a); i++)
    {
      const guint8 *ba, *bb;
      MaGeoPoints pa, pb;
      ma_geo_get_arc (a, i, &pa, &ba);
      ma_geo_get_arc (b, i, &pb, &bb);
      assert_same_points (&pa, &pb);
      g_assert_cmpmem (ba, pa.n, bb, pb.n);
    }
}

static void
test_packed (void)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "..", "data", "map", "countries-50m.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (MaGeo) decoded = NULL;
  g_autoptr (MaGeo) again = NULL;
  g_autoptr (MaGeo) broken = NULL;
  g_autoptr (GBytes) packed = NULL;
  g_autoptr (GBytes) truncated = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &json, &length, &error));
  decoded = ma_geo_new_from_data (json, length, &error);
  g_assert_no_error (error);
  assert_same_geometry (decoded, geo);

  packed = ma_geo_pack (decoded);
  again = ma_geo_new_from_bytes (packed, &error);
  g_assert_no_error (error);
  assert_same_geometry (again, geo);

  truncated = g_bytes_new_from_bytes (packed, 0, g_bytes_get_size (packed) - 8);
  broken = ma_geo_new_from_bytes (truncated, &error);
  g_assert_error (error, MA_GEO_ERROR, MA_GEO_ERROR_INVALID);
  g_assert_null (broken);
}

/* Points are kept in 16 bits: every arc point lies within half a unit of the
 * projection of its TopoJSON position, and no unit is coarser than the map's
 * width / 65,535. */
static void
test_precision (void)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "..", "data", "map", "countries-50m.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *transform;
  JsonArray *arcs;
  double sx, sy, tx, ty, hw, hh, worst = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  transform = json_object_get_object_member (root, "transform");
  sx = json_array_get_double_element (json_object_get_array_member (transform, "scale"), 0);
  sy = json_array_get_double_element (json_object_get_array_member (transform, "scale"), 1);
  tx = json_array_get_double_element (json_object_get_array_member (transform, "translate"), 0);
  ty = json_array_get_double_element (json_object_get_array_member (transform, "translate"), 1);
  arcs = json_object_get_array_member (root, "arcs");
  ma_equal_earth_extent (&hw, &hh);
  g_assert_cmpuint (json_array_get_length (arcs), ==, ma_geo_get_n_arcs (geo));
  for (guint i = 0; i < ma_geo_get_n_arcs (geo); i++)
    {
      JsonArray *arc = json_array_get_array_element (arcs, i);
      MaGeoPoints p;
      double qx = 0, qy = 0;

      ma_geo_get_arc (geo, i, &p, NULL);
      g_assert_cmpuint (p.n, ==, json_array_get_length (arc));
      g_assert_cmpfloat (p.unit, <=, 2 * hw / MA_GEO_UNIT_STEPS);
      for (guint k = 0; k < p.n; k++)
        {
          JsonArray *point = json_array_get_array_element (arc, k);
          double x, y, error_x, error_y;

          /* delta-encoded, quantized */
          qx += json_array_get_int_element (point, 0);
          qy += json_array_get_int_element (point, 1);
          ma_equal_earth_forward (qx * sx + tx, qy * sy + ty, &x, &y);
          error_x = fabs (p.x0 + p.unit * p.xy[2 * k] - x);
          error_y = fabs (p.y0 + p.unit * p.xy[2 * k + 1] - y);
          g_assert_cmpfloat (error_x, <=, p.unit / 2 + 1e-12);
          g_assert_cmpfloat (error_y, <=, p.unit / 2 + 1e-12);
          worst = MAX (worst, MAX (error_x, error_y));
        }
    }
  /* about 260 m on the ground at most */
  g_assert_cmpfloat (worst, <, 4.2e-5);
}

static void
test_projection (void)
{
  static const double points[][2] = {
    { 0, 0 },        { 2.35, 48.86 },   { 76.95, 43.24 }, { -47.9, -15.8 },
    { 179.9, 89.9 }, { -179.9, -89.9 }, { 120, -60 },     { -73.9, 40.7 },
  };
  double hw, hh, x, y, lon, lat;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      ma_equal_earth_forward (points[i][0], points[i][1], &x, &y);
      g_assert_true (ma_equal_earth_inverse (x, y, &lon, &lat));
      g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-7);
      g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-7);
    }
  /* Known values of Equal Earth on the unit sphere (Šavrič et al. 2018). */
  ma_equal_earth_extent (&hw, &hh);
  g_assert_cmpfloat_with_epsilon (hw, 2.7066, 1e-3);
  g_assert_cmpfloat_with_epsilon (hh, 1.3174, 1e-3);
  /* Outside the map's outline there is nothing to invert. */
  g_assert_false (ma_equal_earth_inverse (hw * 1.01, 0, &lon, &lat));
  g_assert_false (ma_equal_earth_inverse (0, hh * 1.01, &lon, &lat));
}

static void
test_hit (void)
{
  int france = find_feature ("France"), kazakhstan = find_feature ("Kazakhstan");

  g_assert_cmpint (ma_geo_hit_test (geo, 2.35, 48.86), ==, france);      /* Paris */
  g_assert_cmpint (ma_geo_hit_test (geo, 76.95, 43.24), ==, kazakhstan); /* Almaty */
  g_assert_cmpint (ma_geo_hit_test (geo, -47.9, -15.8), ==, find_feature ("Brazil"));
  g_assert_cmpint (ma_geo_hit_test (geo, 0, 0), ==, -1);    /* Gulf of Guinea */
  g_assert_cmpint (ma_geo_hit_test (geo, -150, 0), ==, -1); /* Pacific */
  g_assert_cmpint (ma_geo_hit_test (geo, -30, 40), ==, -1); /* Atlantic */
  /* The Caspian Sea is no country. */
  g_assert_cmpint (ma_geo_hit_test (geo, 50.5, 42.0), ==, -1);
  /* Lesotho inside South Africa */
  g_assert_cmpint (ma_geo_hit_test (geo, 28.2, -29.6), ==, find_feature ("Lesotho"));
  /* Both sides of the antimeridian in Russia's Chukotka */
  g_assert_cmpint (ma_geo_hit_test (geo, 178, 66), ==, find_feature ("Russia"));
  g_assert_cmpint (ma_geo_hit_test (geo, -172.5, 66.5), ==, find_feature ("Russia"));
}

static void
test_join (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaMapData) data = ma_map_data_query (query, geo, NULL, "en", &error);
  int kosovo = find_feature ("Kosovo");

  g_assert_no_error (error);
  g_assert_cmpstr (ma_map_data_get_feature_country (data, find_feature ("France")), ==, "FR");
  g_assert_cmpstr (ma_map_data_get_feature_country (data, find_feature ("Australia")), ==, "AU");
  g_assert_null (ma_map_data_get_feature_country (data, find_feature ("Ashmore and Cartier Is.")));
  g_assert_cmpstr (ma_map_data_get_feature_country (data, kosovo), ==, "XK");
  g_assert_cmpint (ma_map_data_find_country (data, "XK"), ==, kosovo);
  g_assert_null (ma_map_data_get_feature_country (data, find_feature ("N. Cyprus")));

  /* the sample: 15 Actions, Costa Rica in two */
  g_assert_cmpuint (ma_map_data_get_n_actions (data), ==, 15);
  g_assert_cmpuint (ma_map_data_get_country_actions (data, "CR"), ==, 2);
  g_assert_cmpuint (ma_map_data_get_country_actions (data, "KZ"), ==, 1);
  g_assert_cmpuint (ma_map_data_get_country_actions (data, "FR"), ==, 0);
  g_assert_cmpstr (ma_map_data_get_filter_description (data), ==, "All Actions");
}

static void
test_filtered (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaMapData) data = NULL;
  g_autofree char *tip = NULL;

  ma_filter_add_code (filter, MA_FILTER_REGION, "asia");
  data = ma_map_data_query (query, geo, filter, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ma_map_data_get_n_actions (data), ==, ma_test_count (store, filter));
  g_assert_cmpuint (ma_map_data_get_country_actions (data, "KZ"), ==, 1);
  g_assert_cmpuint (ma_map_data_get_country_actions (data, "BR"), ==, 0);
  g_assert_nonnull (strstr (ma_map_data_get_filter_description (data), "Asia"));

  tip = ma_map_data_describe_feature (data, find_feature ("Kazakhstan"));
  g_assert_nonnull (strstr (tip, "Kazakhstan"));
  g_assert_nonnull (strstr (tip, "1 Action"));
  g_assert_null (ma_map_data_describe_feature (data, find_feature ("N. Cyprus")));
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double ox, oy;

  /* a frame covers only the map's part of the picture */
  cairo_surface_get_device_offset (surface, &ox, &oy);
  x += (int) ox;
  y += (int) oy;
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + y * stride + 4 * x);
}

/* The pixel at a country's anchor in the frame of a W×H picture. */
static guint32
country_pixel (MaMapRenderer *renderer, cairo_surface_t *surface, int w, int h, const char *name)
{
  int f = find_feature (name);
  double x, y, px, py;

  ma_geo_feature_get_anchor (geo, f, &x, &y);
  g_assert_cmpint (ma_geo_hit_test_xy (geo, x, y), ==, f);
  ma_map_renderer_to_device (renderer, w, h, x, y, &px, &py);
  g_assert_cmpint (ma_map_renderer_hit_test (renderer, w, h, px, py), ==, f);
  return pixel_at (surface, (int) px, (int) py);
}

static void
test_renderer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaMapData) data = ma_map_data_query (query, geo, NULL, "en", &error);
  g_autoptr (MaMapData) none = NULL;
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaMapRenderer) renderer = ma_map_renderer_new (geo);
  cairo_surface_t *frame, *again;
  guint32 kz, br, fr, de;

  ma_map_renderer_set_data (renderer, data);
  frame = ma_map_renderer_get_frame (renderer, 1280, 800);
  kz = country_pixel (renderer, frame, 1280, 800, "Kazakhstan");
  br = country_pixel (renderer, frame, 1280, 800, "Brazil");
  fr = country_pixel (renderer, frame, 1280, 800, "France");
  de = country_pixel (renderer, frame, 1280, 800, "Germany");
  g_assert_cmphex (kz, !=, fr);
  g_assert_cmphex (br, !=, fr);
  g_assert_cmphex (kz, ==, br); /* one Action each */
  g_assert_cmphex (fr, ==, de); /* none */

  /* Only the map's part of the picture: the whole world is not as high as
   * 1280×800, the rest is the background. */
  g_assert_cmpint (cairo_image_surface_get_width (frame), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (frame), <, 700);

  /* Unchanged: the cached frame itself. */
  again = ma_map_renderer_get_frame (renderer, 1280, 800);
  g_assert_true (again == frame);

  /* New data recolours: Brazil is out of an Asia filter. */
  ma_filter_add_code (filter, MA_FILTER_REGION, "asia");
  none = ma_map_data_query (query, geo, filter, "en", &error);
  g_assert_no_error (error);
  ma_map_renderer_set_data (renderer, none);
  frame = ma_map_renderer_get_frame (renderer, 1280, 800);
  g_assert_cmphex (country_pixel (renderer, frame, 1280, 800, "Brazil"), ==,
                   country_pixel (renderer, frame, 1280, 800, "France"));
  g_assert_cmphex (country_pixel (renderer, frame, 1280, 800, "Kazakhstan"), !=,
                   country_pixel (renderer, frame, 1280, 800, "France"));

  /* Region mode colours Kazakhstan's whole region: China too. */
  ma_map_renderer_set_mode (renderer, MA_MAP_BY_REGION);
  frame = ma_map_renderer_get_frame (renderer, 1280, 800);
  g_assert_cmphex (country_pixel (renderer, frame, 1280, 800, "China"), ==,
                   country_pixel (renderer, frame, 1280, 800, "Kazakhstan"));

  /* Zoom keeps the point under the pointer. */
  {
    double px, py, x0, y0, x1, y1;
    ma_map_renderer_to_device (renderer, 1280, 800, 1.0, 0.5, &px, &py);
    ma_map_renderer_from_device (renderer, 1280, 800, px, py, &x0, &y0);
    ma_map_renderer_zoom_at (renderer, 1280, 800, px, py, 3);
    ma_map_renderer_from_device (renderer, 1280, 800, px, py, &x1, &y1);
    g_assert_cmpfloat_with_epsilon (x0, x1, 1e-9);
    g_assert_cmpfloat_with_epsilon (y0, y1, 1e-9);
    frame = ma_map_renderer_get_frame (renderer, 1280, 800);
    g_assert_cmphex (country_pixel (renderer, frame, 1280, 800, "China"), ==,
                     country_pixel (renderer, frame, 1280, 800, "Kazakhstan"));
  }
}

/* Every style and language draws onto image, recording (vector) surfaces. */
static void
test_styles (void)
{
  static const char *const langs[] = { "en", "fr", "es" };
  g_autoptr (MaMapRenderer) renderer = ma_map_renderer_new (geo);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (MaMapData) data = ma_map_data_query (query, geo, NULL, langs[l], &error);
      g_assert_no_error (error);
      ma_map_renderer_set_data (renderer, data);
      ma_map_renderer_set_bubbles (renderer, l == 1);
      for (int style = MA_MAP_STYLE_LIGHT; style <= MA_MAP_STYLE_HIGH_CONTRAST; style++)
        {
          cairo_surface_t *surface =
              cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
          cairo_t *cr = cairo_create (surface);
          cairo_surface_t *overlay;

          ma_map_renderer_set_style (renderer, style);
          ma_map_renderer_set_mode (renderer, style % 2);
          ma_map_renderer_draw (renderer, cr, 800, 450, MA_MAP_LAYER_ALL);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          overlay = ma_map_renderer_get_overlay (renderer, 800, 450, MA_MAP_LAYER_LEGEND);
          g_assert_cmpint (cairo_surface_status (overlay), ==, CAIRO_STATUS_SUCCESS);
          overlay = ma_map_renderer_get_overlay (renderer, 800, 450, MA_MAP_LAYER_CAPTION);
          g_assert_cmpint (cairo_surface_status (overlay), ==, CAIRO_STATUS_SUCCESS);
        }
    }
  /* Fitting to the data zooms in. */
  {
    double zoom;
    ma_map_renderer_fit_to_data (renderer, 800, 450);
    ma_map_renderer_get_view (renderer, &zoom, NULL, NULL);
    g_assert_cmpfloat (zoom, >=, 1.0);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("ma-test-map-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "actions.db", NULL);
  store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  query = ma_action_query_new (store);
  g_assert_true (ma_store_load_sample_data (store, &error));
  geo = ma_geo_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/map/decoder", test_decoder_facts);
  g_test_add_func ("/map/antimeridian", test_antimeridian);
  g_test_add_func ("/map/packed", test_packed);
  g_test_add_func ("/map/precision", test_precision);
  g_test_add_func ("/map/projection", test_projection);
  g_test_add_func ("/map/hit", test_hit);
  g_test_add_func ("/map/join", test_join);
  g_test_add_func ("/map/filtered", test_filtered);
  g_test_add_func ("/map/renderer", test_renderer);
  g_test_add_func ("/map/styles", test_styles);
  status = g_test_run ();

  g_clear_object (&query);
  g_clear_object (&store);
  ma_geo_unref (geo);
  g_unlink (path);
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
