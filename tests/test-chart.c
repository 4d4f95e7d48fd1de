/* test-chart.c: chart layout (no overlapping or clipped text), hit testing and
 * the PNG, SVG and PDF exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "ma-i18n.h"
#include "ma-report.h"
#include "ma-store.h"

static char *dir;
static MaStore *store;
static MaActionQuery *query;

static void
setup_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("ma-chart-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "t.db", NULL);
  store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  query = ma_action_query_new (store);
  ma_store_load_sample_data (store, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (path);
}

static void
assert_clean (const MaChartData *data, double width, double height, const char *lang)
{
  g_autoptr (MaChartLayout) layout = ma_chart_compute_layout (width, height, data, lang, NULL);
  g_autofree char *problem = NULL;
  guint texts = 0;

  for (guint i = 0; i < layout->items->len; i++)
    if (g_array_index (layout->items, MaChartItem, i).kind == MA_CHART_ITEM_TEXT)
      texts++;
  g_assert_cmpuint (texts, >, 3);
  if (ma_chart_layout_has_collisions (layout, &problem))
    g_error ("%s chart, %s, %.0f×%.0f: %s", ma_chart_kind_to_string (data->kind), lang, width,
             height, problem);
}

/* Every kind, every language, the sizes a projector uses and a few more. */
static void
test_layout_sample (void)
{
  const double sizes[][2] = { { 640, 360 }, { 3840, 2160 }, { 1280, 720 }, { 1920, 1080 },
                              { 800, 600 }, { 1024, 768 },  { 480, 640 } };
  const char *const langs[] = { "en", "fr", "es" };

  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (MaChartData) data = ma_report_chart_data (query, NULL, kind, langs[l], &error);
        g_assert_no_error (error);
        for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
          assert_clean (data, sizes[s][0], sizes[s][1], langs[l]);
      }
}

/* Long names, many rows and big numbers, at the smallest size. */
static void
test_layout_stress (void)
{
  g_autoptr (MaChartData) data = ma_chart_data_new (MA_CHART_THEMES);
  g_autoptr (MaChartData) stacked = ma_chart_data_new (MA_CHART_REGIONS);
  g_autoptr (MaChartData) timeline = ma_chart_data_new (MA_CHART_TIMELINE);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf (
          "Intégration des réfugiés et des bénéficiaires de la protection subsidiaire %u", i);
      ma_chart_data_add_category (data, name, name);
    }
  ma_chart_data_add_series (data, NULL, NULL);
  ma_chart_data_alloc_values (data);
  for (guint i = 0; i < 40; i++)
    ma_chart_data_set (data, i, 0, 1000000.0 * (i + 1));
  data->total = 40;
  data->subtitle = g_strdup ("Une très longue description du filtre actif · Amérique latine et "
                             "Caraïbes · Afrique de l’Ouest et centrale · 2019 – 2022 · "
                             "Gestion des données migratoires · Recrutement éthique");
  assert_clean (data, 640, 360, "fr");
  assert_clean (data, 3840, 2160, "fr");
  assert_clean (data, 300, 200, "fr");

  for (guint i = 0; i < 5; i++)
    ma_chart_data_add_category (stacked, "x", "Afrique orientale et australe");
  for (guint i = 0; i < 8; i++)
    ma_chart_data_add_series (stacked, "s", "Demande reçue et en cours d’examen");
  ma_chart_data_alloc_values (stacked);
  for (guint c = 0; c < 5; c++)
    for (guint s = 0; s < 8; s++)
      ma_chart_data_set (stacked, c, s, (c + 1) * (s + 1));
  assert_clean (stacked, 640, 360, "fr");
  assert_clean (stacked, 3840, 2160, "es");

  {
    /* Activities: years as columns, or rows when the names cannot fit under them. */
    g_autoptr (MaChartData) activities = ma_chart_data_new (MA_CHART_ACTIVITIES);
    for (guint y = 0; y < 14; y++)
      {
        g_autofree char *year = g_strdup_printf ("%u", 2010 + y);
        ma_chart_data_add_category (activities, year, year);
      }
    ma_chart_data_add_category (activities, NULL, "Date inconnue");
    ma_chart_data_add_series (activities, "online", "En ligne");
    ma_chart_data_add_series (activities, "on-site", "Sur place");
    ma_chart_data_add_series (activities, NULL, "Format inconnu");
    ma_chart_data_alloc_values (activities);
    for (guint y = 0; y < 15; y++)
      for (guint s = 0; s < 3; s++)
        ma_chart_data_set (activities, y, s, (y * 7 + s * 3) % 11 * 120);
    assert_clean (activities, 640, 360, "fr");
    assert_clean (activities, 3840, 2160, "fr");
    assert_clean (activities, 300, 200, "es");
    assert_clean (activities, 1280, 720, "en");
  }

  for (guint i = 0; i < 120; i++)
    {
      MaChartSpan *span = g_new0 (MaChartSpan, 1);
      span->label = g_strdup_printf ("Action numéro %u", i);
      span->series = (int) (i % 3);
      span->start = i % 4 == 0 ? NAN : 2015 + i % 7;
      span->end = i % 5 == 0 ? NAN : 2023 + i % 3;
      g_ptr_array_add (timeline->spans, span);
    }
  for (guint i = 0; i < 3; i++)
    ma_chart_data_add_series (timeline, "r", "Amérique latine et Caraïbes");
  ma_chart_data_alloc_values (timeline);
  timeline->first_year = 2015;
  timeline->last_year = 2025;
  assert_clean (timeline, 640, 360, "fr");
  assert_clean (timeline, 3840, 2160, "fr");
}

/* Row labels of different widths, the widest last: where every one fits on a
 * line, none is wrapped (the labels are measured in another order than they
 * are drawn, to stop early: this caught one measured twice and one skipped). */
static void
test_layout_labels_one_line (void)
{
  static const char *const names[] = { "Asia", "África Oriental y Austral", "Vecindad de la UE",
                                       "América Latina y el Caribe",
                                       "África Occidental y Central" };
  g_autoptr (MaChartData) data = ma_chart_data_new (MA_CHART_REGIONS);
  g_autoptr (MaChartLayout) layout = NULL;
  double line = 0;
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ma_chart_data_add_category (data, names[i], names[i]);
  ma_chart_data_add_series (data, NULL, NULL);
  ma_chart_data_alloc_values (data);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ma_chart_data_set (data, i, 0, i + 1);
  data->total = 15;
  layout = ma_chart_compute_layout (800, 600, data, "es", NULL);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      if (item->kind != MA_CHART_ITEM_TEXT || g_strcmp0 (item->text, names[0]) != 0)
        continue;
      line = item->height;
    }
  g_assert_cmpfloat (line, >, 0);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      if (item->kind != MA_CHART_ITEM_TEXT || !g_strv_contains (names, item->text))
        continue;
      found++;
      if (item->height > line * 1.5)
        g_error ("“%s” is wrapped: %.1f px high, one line is %.1f", item->text, item->height, line);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (names));
}

static void
test_layout_detects_overlap (void)
{
  MaChartLayout layout = { 100, 100, g_array_new (FALSE, TRUE, sizeof (MaChartItem)) };
  MaChartItem a = { MA_CHART_ITEM_TEXT, 10, 10, 30, 10, -1, -1, 0, (char *) "a" };
  MaChartItem b = { MA_CHART_ITEM_TEXT, 35, 15, 30, 10, -1, -1, 0, (char *) "b" };
  MaChartItem c = { MA_CHART_ITEM_TEXT, 80, 50, 30, 10, -1, -1, 0, (char *) "c" };
  g_autofree char *problem = NULL;

  g_array_append_val (layout.items, a);
  g_assert_false (ma_chart_layout_has_collisions (&layout, NULL));
  g_array_append_val (layout.items, b);
  g_assert_true (ma_chart_layout_has_collisions (&layout, &problem));
  g_assert_nonnull (strstr (problem, "overlaps"));
  g_array_set_size (layout.items, 1);
  g_array_append_val (layout.items, c);
  g_clear_pointer (&problem, g_free);
  g_assert_true (ma_chart_layout_has_collisions (&layout, &problem));
  g_assert_nonnull (strstr (problem, "leaves"));
  g_array_unref (layout.items);
}

static void
test_hit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaChartData) data = ma_report_chart_data (query, NULL, MA_CHART_REGIONS, "en", &error);
  g_autoptr (MaChartLayout) layout = ma_chart_compute_layout (640, 360, data, "en", NULL);
  guint bars = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      const MaChartItem *hit;
      MaChartKey *category, *series;

      if (item->kind != MA_CHART_ITEM_BAR)
        continue;
      bars++;
      hit = ma_chart_layout_hit (layout, item->x + item->width / 2, item->y + item->height / 2);
      g_assert_true (hit == item);
      category = g_ptr_array_index (data->categories, item->category);
      series = g_ptr_array_index (data->series, item->series);
      g_assert_cmpfloat (item->value, ==,
                         ma_chart_data_get (data, (guint) item->category, (guint) item->series));
      if (strcmp (category->code, "lac") == 0 && strcmp (series->code, "completed") == 0)
        g_assert_cmpfloat (item->value, ==, 3);
      g_assert_cmpfloat (item->x + item->width, <=, 640);
    }
  /* One bar for each non-empty (region, status). */
  g_assert_cmpuint (bars, ==, 9);
  g_assert_null (ma_chart_layout_hit (layout, 1, 1));
}

static char *
read_file (const char *path, gsize *length)
{
  char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_exports (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaChartData) data = ma_report_chart_data (query, NULL, MA_CHART_REGIONS, "fr", &error);
  g_autofree char *png = g_build_filename (dir, "r.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "r.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  g_assert_no_error (error);

  /* PNG: read back, the asked size, not blank. */
  g_assert_true (ma_chart_export (data, "fr", NULL, "png", 1920, 1080, png, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
    guint32 *pixels;
    int stride;
    guint dark = 0;

    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1920);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1080);
    pixels = (guint32 *) (void *) cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface) / 4;
    for (int y = 0; y < 1080; y += 3)
      for (int x = 0; x < 1920; x += 3)
        if ((pixels[y * stride + x] & 0xff) < 0x80)
          dark++;
    g_assert_cmpuint (dark, >, 1000);
    cairo_surface_destroy (surface);
  }

  /* SVG: well-formed XML with the asked size. */
  g_assert_true (ma_chart_export (data, "fr", NULL, "svg", 640, 360, svg, &error));
  g_assert_no_error (error);
  {
    xmlDocPtr doc = xmlReadFile (svg, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    xmlNodePtr root;
    xmlChar *width, *height;

    g_assert_nonnull (doc);
    root = xmlDocGetRootElement (doc);
    g_assert_cmpstr ((const char *) root->name, ==, "svg");
    width = xmlGetProp (root, (const xmlChar *) "width");
    height = xmlGetProp (root, (const xmlChar *) "height");
    g_assert_cmpfloat (g_ascii_strtod ((const char *) width, NULL), ==, 640);
    g_assert_cmpfloat (g_ascii_strtod ((const char *) height, NULL), ==, 360);
    xmlFree (width);
    xmlFree (height);
    xmlFreeDoc (doc);
  }

  /* PDF: a PDF file, one page of the asked size. */
  g_assert_true (ma_chart_export (data, "fr", NULL, "pdf", 842, 595, pdf, &error));
  g_assert_no_error (error);
  {
    gsize length = 0;
    g_autofree char *contents = read_file (pdf, &length);
    g_assert_cmpuint (length, >, 100);
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));
  }
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, pdf, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (out, "Pages:           1"));
      g_assert_nonnull (strstr (out, "Page size:       842 x 595 pts"));
    }

  /* Refusals */
  g_assert_false (ma_chart_export (data, "fr", NULL, "gif", 640, 360, png, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ma_chart_export (data, "fr", NULL, "png", 0, 360, png, &error));
  g_assert_nonnull (error);
}

static void
test_kinds (void)
{
  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    g_assert_cmpint (ma_chart_kind_from_string (ma_chart_kind_to_string (kind)), ==, kind);
  g_assert_cmpint (ma_chart_kind_from_string ("pie"), ==, -1);
  g_assert_cmpint (ma_chart_kind_from_string (NULL), ==, -1);
}

static void
test_palette_greyscale (void)
{
  /* Neighbouring series differ in lightness, or in hatching, or both. */
  for (guint i = 0; i + 1 < 8; i++)
    {
      double r1, g1, b1, r2, g2, b2;
      int p1, p2;
      ma_chart_palette (i, &r1, &g1, &b1, &p1);
      ma_chart_palette (i + 1, &r2, &g2, &b2, &p2);
      if (p1 == p2)
        g_assert_cmpfloat (
            fabs ((0.299 * r1 + 0.587 * g1 + 0.114 * b1) - (0.299 * r2 + 0.587 * g2 + 0.114 * b2)),
            >, 0.15);
    }
  /* Any two solid colours are apart in grey too. */
  for (guint i = 0; i < 8; i++)
    for (guint j = i + 1; j < 8; j++)
      {
        double r1, g1, b1, r2, g2, b2;
        int p1, p2;
        ma_chart_palette (i, &r1, &g1, &b1, &p1);
        ma_chart_palette (j, &r2, &g2, &b2, &p2);
        if (p1 == 0 && p2 == 0)
          g_assert_cmpfloat (fabs ((0.299 * r1 + 0.587 * g1 + 0.114 * b1) -
                                   (0.299 * r2 + 0.587 * g2 + 0.114 * b2)),
                             >, 0.15);
        if (p1 != 0 && p2 != 0)
          g_assert_cmpint (p1, !=, p2);
      }
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  setup_store ();

  g_test_add_func ("/chart/kinds", test_kinds);
  g_test_add_func ("/chart/palette-greyscale", test_palette_greyscale);
  g_test_add_func ("/chart/layout/detects-overlap", test_layout_detects_overlap);
  g_test_add_func ("/chart/layout/sample", test_layout_sample);
  g_test_add_func ("/chart/layout/stress", test_layout_stress);
  g_test_add_func ("/chart/layout/labels-one-line", test_layout_labels_one_line);
  g_test_add_func ("/chart/hit", test_hit);
  g_test_add_func ("/chart/exports", test_exports);
  status = g_test_run ();

  g_clear_object (&query);
  g_clear_object (&store);
  remove_tree (dir);
  g_free (dir);
  return status;
}
