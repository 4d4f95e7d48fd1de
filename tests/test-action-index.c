/* test-action-index.c: the in-memory index answers exactly as SQL does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ma-action-query.h"
#include "ma-filter-sql.h"
#include "ma-action-list.h"
#include "ma-generate.h"
#include "ma-i18n.h"
#include "ma-map-private.h"
#include "ma-map.h"
#include "ma-report.h"
#include "ma-store-private.h"

static const MaFilterDimension count_dims[] = {
  MA_FILTER_STATUS, MA_FILTER_REGION, MA_FILTER_TYPE, MA_FILTER_COUNTRY, MA_FILTER_THEME,
};

typedef struct
{
  char *dir;
  MaStore *store;
  MaActionQuery *query;
  MaActionIndex *index; /* the query's */
} Fixture;

static void
fixture_open (Fixture *fixture, gboolean generated)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("ma-index-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "actions.db", NULL);
  if (generated)
    {
      MaGenerateStats stats;
      g_assert_true (ma_generate_database (path, 400, 7, MA_GENERATE_DEFAULT, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.n_actions, ==, 400);
    }
  fixture->store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->query = ma_action_query_new (fixture->store);
  fixture->index = ma_action_query_get_index (fixture->query);
  if (!generated)
    {
      ma_store_load_sample_data (fixture->store, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_close (Fixture *fixture)
{
  g_autofree char *path = g_strdup (ma_store_get_path (fixture->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  fixture->index = NULL;
  g_clear_object (&fixture->query);
  g_clear_object (&fixture->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* One filter compared under every sort: ids, and counts with facets. */
static guint n_compared;

static void
compare (MaActionQuery *query, MaFilter *filter, const char *what)
{
  MaStore *store = ma_action_query_get_store (query);
  MaActionIndex *index = ma_action_query_get_index (query);
  /* Every sort for one filter in four (SQL sorts with MA_NAME are slow), titles always. */
  MaSortKey last_sort = n_compared++ % 4 == 0 ? MA_SORT_REGION : MA_SORT_TITLE;

  for (MaSortKey sort = MA_SORT_TITLE; sort <= last_sort; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GArray) fast = NULL;
        g_autoptr (GArray) slow = NULL;

        fast = ma_action_index_query_ids (index, filter, sort, descending);
        g_assert_nonnull (fast);
        slow = ma_filter_sql_query_ids (store, filter, sort, descending, &error);
        g_assert_no_error (error);
        if (fast->len != slow->len ||
            (fast->len > 0 && memcmp (fast->data, slow->data, fast->len * sizeof (gint64))))
          g_error ("%s, sort %d%s: the index gives %u ids, SQL %u (or another order)", what, sort,
                   descending ? " desc" : "", fast->len, slow->len);
      }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (MaActionResult) fast = ma_action_query_actions (query, filter, &error);
    g_autoptr (MaActionResult) slow = NULL;

    g_assert_no_error (error);
    g_assert_true (ma_action_result_get_from_index (fast));
    slow = ma_filter_sql_query_actions (store, filter, &error);
    g_assert_no_error (error);
    g_assert_false (ma_action_result_get_from_index (slow));
    g_assert_cmpuint (ma_action_result_get_n_items (fast), ==, ma_action_result_get_n_items (slow));
    g_assert_cmpuint (ma_action_query_count (query, filter, NULL), ==,
                      ma_action_result_get_n_items (slow));
    for (guint d = 0; d < G_N_ELEMENTS (count_dims); d++)
      {
        const char *const *codes = ma_action_result_get_codes (fast, count_dims[d]);
        g_assert_cmpuint (g_strv_length ((char **) codes), >, 0);
        for (guint i = 0; codes[i] != NULL; i++)
          {
            guint a = ma_action_result_get_count (fast, count_dims[d], codes[i]);
            guint b = ma_action_result_get_count (slow, count_dims[d], codes[i]);
            guint fa = ma_action_result_get_facet_count (fast, count_dims[d], codes[i]);
            guint fb = ma_action_result_get_facet_count (slow, count_dims[d], codes[i]);
            if (a != b || fa != fb)
              g_error ("%s: count of %s in dimension %d: index %u/%u, SQL %u/%u", what, codes[i],
                       count_dims[d], a, fa, b, fb);
          }
      }
  }
}

static void
compare_many (MaActionQuery *query)
{
  static const char *const searches[] = {
    "a",    "p",          "pr",       "pro",        "prot",         "mig",  "migr",
    "rei",  "réi",        "ré",       "fro",        "front",        "Côte", "cote",
    "diá",  "dia",        "trafic",   "la gestion", "MX-2020",      "2021", "données",
    "zzzz", "\"quoted\"", "ministry", "Ministère",  "human rights", "e o",  NULL,
  };
  static const char *const statuses[][3] = { { "ongoing" },
                                             { "completed", "declined" },
                                             { "nonexistent" } };
  static const char *const regions[][3] = { { "lac" }, { "wca", "esa" }, { "eun" } };
  static const char *const types[][2] = { { "regional" }, { "holistic" } };
  static const char *const countries[][4] = { { "KZ" }, { "SN", "CI", "BR" }, { "FR" }, { "MX" } };
  static const char *const themes[][3] = { { "labour" }, { "border", "trafficking" } };
  /* with bounds outside the years of the index's packed dates */
  static const char *const dates[][2] = {
    { "2020", NULL },   { NULL, "2016-06" },   { "2018-03-15", "2019" }, { "2021", "2021" },
    { "1950", "2017" }, { "2019-07", "2150" }, { "2100", NULL },         { NULL, "1969-12-31" },
  };
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autoptr (MaFilter) filter = ma_filter_new ();
      ma_filter_set_search (filter, searches[s]);
      compare (query, filter, searches[s] ? searches[s] : "(no search)");
      n++;
      /* The same search with each kind of condition. */
      for (guint k = 0; k < 8; k++)
        {
          g_autoptr (MaFilter) more = ma_filter_copy (filter);
          switch ((s + k) % 8)
            {
              case 0:
                ma_filter_set_codes (more, MA_FILTER_STATUS, statuses[k % 3]);
                break;
              case 1:
                ma_filter_set_codes (more, MA_FILTER_REGION, regions[k % 3]);
                break;
              case 2:
                ma_filter_set_codes (more, MA_FILTER_TYPE, types[k % 2]);
                break;
              case 3:
                ma_filter_set_codes (more, MA_FILTER_COUNTRY, countries[k % 4]);
                break;
              case 4:
                ma_filter_set_codes (more, MA_FILTER_THEME, themes[k % 2]);
                break;
              case 5:
                ma_filter_set_date_range (more, dates[k % G_N_ELEMENTS (dates)][0],
                                          dates[k % G_N_ELEMENTS (dates)][1]);
                break;
              case 6:
                {
                  const char *partners[] = { "1", "2", "3", "17", NULL };
                  ma_filter_set_codes (more, MA_FILTER_PARTNER, partners);
                }
                break;
              default:
                /* Several at once. */
                ma_filter_set_codes (more, MA_FILTER_REGION, regions[1]);
                ma_filter_set_codes (more, MA_FILTER_STATUS, statuses[1]);
                ma_filter_set_codes (more, MA_FILTER_THEME, themes[0]);
                ma_filter_set_date_range (more, "2015", NULL);
                break;
            }
          compare (query, more, searches[s] ? searches[s] : "(conditions)");
          n++;
        }
    }
  g_assert_cmpuint (n, >, 200);
}

static void
test_index_equal (gconstpointer data)
{
  gboolean generated = GPOINTER_TO_INT (data) != 0;
  g_autoptr (GError) error = NULL;
  Fixture fixture = { 0 };

  /* 2: the 400 titles sorted in runs of 64, then merged (as 100,000 are in runs). */
  ma_action_index_set_sort_chunk (GPOINTER_TO_INT (data) == 2 ? 64 : 4096);
  fixture_open (&fixture, generated);
  g_assert_false (ma_action_query_has_index (fixture.query));
  g_assert_null (ma_action_index_query_ids (fixture.index, NULL, MA_SORT_TITLE, FALSE));
  g_assert_true (ma_action_query_load_index (fixture.query, &error));
  g_assert_no_error (error);
  g_assert_true (ma_action_query_has_index (fixture.query));
  /* Searches of up to four letters a word go through it (see MaBits). */
  g_assert_true (ma_store_has_fts_bits (fixture.store));
  compare_many (fixture.query);
  fixture_close (&fixture);
}

/* Edits of one Action keep the index current; a change of language makes SQL answer. */
static void
test_index_edits (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) all = ma_filter_new ();
  g_autoptr (MaFilter) search = ma_filter_new ();
  Fixture fixture = { 0 };
  const char *countries[] = { "SN", "ML", NULL };
  const char *themes[] = { "data", NULL };
  g_autoptr (MaActionList) list = NULL;
  g_autoptr (GArray) expected = NULL;
  g_autoptr (MaActionResult) before = NULL;
  g_autoptr (MaActionResult) after = NULL;
  gint64 created, deletion;

  fixture_open (&fixture, TRUE);
  g_assert_true (ma_action_query_load_index (fixture.query, &error));
  ma_filter_set_search (search, "zèbre");
  list = ma_action_list_new (fixture.query, all, "en");
  before = ma_action_query_actions (fixture.query, all, &error);
  g_assert_no_error (error);
  {
    /* The same question again is answered from the last answer. */
    g_autoptr (MaActionResult) again = ma_action_query_actions (fixture.query, all, &error);
    g_assert_true (again == before);
  }

  ma_store_set_action_field (fixture.store, 10, "title", "Zèbre: a title that sorts last", &error);
  g_assert_no_error (error);
  ma_store_set_action_field (fixture.store, 11, "title", "Aaa first of all", &error);
  g_assert_no_error (error);
  ma_store_set_action_field (fixture.store, 12, "status", "declined", &error);
  g_assert_no_error (error);
  ma_store_set_action_field (fixture.store, 13, "start_date", "2010-02", &error);
  g_assert_no_error (error);
  ma_store_set_action_countries (fixture.store, 14, countries, &error);
  g_assert_no_error (error);
  ma_store_set_action_themes (fixture.store, 15, themes, &error);
  g_assert_no_error (error);
  ma_store_set_action_text (fixture.store, 16, "fr", "Zèbres en français", NULL, &error);
  g_assert_no_error (error);
  created = ma_store_create_action (fixture.store, "Zèbre nouveau", "ongoing", &error);
  g_assert_no_error (error);
  g_assert_cmpint (created, >, 400);
  deletion = ma_store_delete_action (fixture.store, 20, &error);
  g_assert_no_error (error);
  g_assert_true (ma_action_query_has_index (fixture.query));
  /* Edits make the last answer old. */
  after = ma_action_query_actions (fixture.query, all, &error);
  g_assert_no_error (error);
  g_assert_true (after != before);
  g_assert_cmpuint (ma_action_result_get_count (after, MA_FILTER_STATUS, "declined"), !=,
                    ma_action_result_get_count (before, MA_FILTER_STATUS, "declined"));
  compare (fixture.query, all, "after edits");
  /* Titles made equal by edits keep their ids ascending in a descending order: a
   * title joining a group ahead of it, or leaving it from its middle or its head. */
  {
    static const struct
    {
      gint64 id;
      const char *title;
    } edits[] = { { 30, "Même titre" },   { 31, "Même titre" },  { 32, "Même titre" },
                  { 33, "Même titre" },   { 31, "Autre titre" }, { 29, "Même titre" },
                  { 29, "Zzz à la fin" }, { 30, "Aaa au début" } };

    for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
      {
        g_autoptr (GArray) fast = NULL;
        g_autoptr (GArray) slow = NULL;

        ma_store_set_action_field (fixture.store, edits[e].id, "title", edits[e].title, &error);
        g_assert_no_error (error);
        fast = ma_action_index_query_ids (fixture.index, all, MA_SORT_TITLE, TRUE);
        slow = ma_filter_sql_query_ids (fixture.store, all, MA_SORT_TITLE, TRUE, &error);
        g_assert_no_error (error);
        g_assert_nonnull (fast);
        g_assert_cmpmem (fast->data, fast->len * sizeof (gint64), slow->data,
                         slow->len * sizeof (gint64));
      }
  }
  /* The list refreshed on "changed" after the index had taken the edits in. */
  expected = ma_filter_sql_query_ids (fixture.store, all, MA_SORT_TITLE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (ma_action_list_get_id (list, i), ==, g_array_index (expected, gint64, i));
  compare (fixture.query, search, "after edits, search");

  /* Undo is a change of many records: SQL answers until the index is loaded again. */
  ma_store_undo_delete (fixture.store, deletion, &error);
  g_assert_no_error (error);
  if (!ma_action_query_has_index (fixture.query))
    g_assert_true (ma_action_query_load_index (fixture.query, &error));
  compare (fixture.query, all, "after undo");

  ma_i18n_set_language ("fr");
  g_assert_false (ma_action_query_has_index (fixture.query));
  g_assert_true (ma_action_query_load_index (fixture.query, &error));
  compare (fixture.query, search, "in French");
  ma_i18n_set_language ("en");
  fixture_close (&fixture);
}

/* Dates of any year stay in the index: after an Action starts in 1965 and another
 * ends in 2150, the index still answers date filters and the start-date sort, with
 * SQL's answers. */
static void
assert_index_ids_as_sql (Fixture *fixture, MaFilter *filter, MaSortKey sort)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) fast = ma_action_index_query_ids (fixture->index, filter, sort, FALSE);
  g_autoptr (GArray) slow = ma_filter_sql_query_ids (fixture->store, filter, sort, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fast);
  g_assert_cmpuint (fast->len, >, 0);
  g_assert_cmpmem (fast->data, fast->len * sizeof (gint64), slow->data,
                   slow->len * sizeof (gint64));
}

static void
test_index_dates_any_year (void)
{
  Fixture fixture;
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) period = ma_filter_new ();
  g_autoptr (MaFilter) late = ma_filter_new ();
  g_autoptr (MaFilter) all = ma_filter_new ();

  fixture_open (&fixture, TRUE);
  g_assert_true (ma_action_query_load_index (fixture.query, &error));
  ma_store_set_action_field (fixture.store, 13, "start_date", "1965-03-02", &error);
  g_assert_no_error (error);
  ma_store_set_action_field (fixture.store, 14, "end_date", "2150-01-01", &error);
  g_assert_no_error (error);
  g_assert_true (ma_action_query_has_index (fixture.query));
  ma_filter_set_date_range (period, "1960", "1966");
  ma_filter_set_date_range (late, "2149", NULL);
  assert_index_ids_as_sql (&fixture, period, MA_SORT_TITLE);
  assert_index_ids_as_sql (&fixture, late, MA_SORT_START);
  assert_index_ids_as_sql (&fixture, all, MA_SORT_START);
  fixture_close (&fixture);
}

/* The batch read of a list's rows gives what one read per Action gives. */
static void
test_get_actions (void)
{
  const char *const langs[] = { "en", "fr", "es" };
  const gint64 ids[] = { 5, 1, 400, 99999, 37, 5, 250, 12 };
  Fixture fixture = { 0 };

  fixture_open (&fixture, TRUE);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) batch =
          ma_store_get_actions (fixture.store, ids, G_N_ELEMENTS (ids), langs[l], &error);
      guint k = 0;

      g_assert_no_error (error);
      /* 99999 does not exist; 5 is asked twice and given once. */
      g_assert_cmpuint (batch->len, ==, G_N_ELEMENTS (ids) - 2);
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr (MaAction) one = NULL;
          MaAction *two;

          if (ids[i] == 99999 || (i == 5 && ids[i] == 5))
            continue;
          one = ma_store_get_action (fixture.store, ids[i], langs[l], &error);
          g_assert_no_error (error);
          two = batch->pdata[k++];
          g_assert_cmpint (ma_action_get_id (one), ==, ma_action_get_id (two));
          g_assert_cmpstr (ma_action_get_title (one), ==, ma_action_get_title (two));
          g_assert_cmpstr (ma_action_get_title_lang (one), ==, ma_action_get_title_lang (two));
          g_assert_cmpstr (ma_action_get_summary (one), ==, ma_action_get_summary (two));
          g_assert_cmpstr (ma_action_get_code (one), ==, ma_action_get_code (two));
          g_assert_cmpstr (ma_action_get_status (one), ==, ma_action_get_status (two));
          g_assert_cmpstr (ma_action_get_region (one), ==, ma_action_get_region (two));
          g_assert_cmpstr (ma_action_get_start_date (one), ==, ma_action_get_start_date (two));
          g_assert_cmpstr (ma_action_get_end_date (one), ==, ma_action_get_end_date (two));
          g_assert_true (g_strv_equal ((const char *const *) ma_action_get_countries (one),
                                       (const char *const *) ma_action_get_countries (two)));
          g_assert_true (g_strv_equal ((const char *const *) ma_action_get_themes (one),
                                       (const char *const *) ma_action_get_themes (two)));
        }
    }
  fixture_close (&fixture);
}

/* The map's numbers from the index are those of its SQL. */
static void
test_map_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaGeo) geo = ma_geo_get_default (&error);
  const char *const searches[] = { NULL, "pro", "gest", "zzzz" };
  const char *regions[] = { "lac", "wca", NULL };
  Fixture fixture = { 0 };

  g_assert_no_error (error);
  fixture_open (&fixture, TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (searches) * 2; k++)
    {
      g_autoptr (MaFilter) filter = ma_filter_new ();
      g_autoptr (MaMapData) slow = NULL;
      g_autoptr (MaMapData) fast = NULL;
      g_autoptr (GPtrArray) countries = NULL;
      g_autoptr (GPtrArray) statuses = NULL;

      ma_filter_set_search (filter, searches[k % G_N_ELEMENTS (searches)]);
      if (k >= G_N_ELEMENTS (searches))
        ma_filter_set_codes (filter, MA_FILTER_REGION, regions);
      ma_action_index_drop (fixture.index);
      slow = ma_map_data_query (fixture.query, geo, filter, "en", &error);
      g_assert_no_error (error);
      g_assert_true (ma_action_query_load_index (fixture.query, &error));
      fast = ma_map_data_query (fixture.query, geo, filter, "en", &error);
      g_assert_no_error (error);

      g_assert_cmpuint (ma_map_data_get_n_actions (fast), ==, ma_map_data_get_n_actions (slow));
      countries = ma_store_list_terms (fixture.store, MA_VOCABULARY_COUNTRY, "en", &error);
      statuses = ma_store_list_terms (fixture.store, MA_VOCABULARY_STATUS, "en", &error);
      for (guint i = 0; i < countries->len; i++)
        {
          const char *code = ((MaTerm *) countries->pdata[i])->code;
          MaMapCountry *a = ma_map_data_lookup (fast, code);
          MaMapCountry *b = ma_map_data_lookup (slow, code);

          g_assert_cmpuint (ma_map_data_get_country_actions (fast, code), ==,
                            ma_map_data_get_country_actions (slow, code));
          g_assert_cmpuint (ma_map_data_get_country_activities (fast, code), ==,
                            ma_map_data_get_country_activities (slow, code));
          g_assert_true ((a == NULL) == (b == NULL));
          for (guint s = 0; a != NULL && s < statuses->len; s++)
            g_assert_cmpuint (a->statuses[s], ==, b->statuses[s]);
        }
      for (guint r = 0; regions[r] != NULL; r++)
        g_assert_cmpuint (ma_map_data_get_region_actions (fast, regions[r]), ==,
                          ma_map_data_get_region_actions (slow, regions[r]));
    }
  fixture_close (&fixture);
}

static void
assert_same_chart (MaChartData *a, MaChartData *b)
{
  g_assert_cmpuint (a->categories->len, ==, b->categories->len);
  g_assert_cmpuint (a->series->len, ==, b->series->len);
  for (guint i = 0; i < a->categories->len; i++)
    g_assert_cmpstr (((MaChartKey *) a->categories->pdata[i])->code, ==,
                     ((MaChartKey *) b->categories->pdata[i])->code);
  for (guint i = 0; i < a->series->len; i++)
    g_assert_cmpstr (((MaChartKey *) a->series->pdata[i])->code, ==,
                     ((MaChartKey *) b->series->pdata[i])->code);
  for (guint c = 0; c < a->categories->len; c++)
    for (guint k = 0; k < a->series->len; k++)
      g_assert_cmpfloat (ma_chart_data_get (a, c, k), ==, ma_chart_data_get (b, c, k));
  g_assert_cmpuint (a->total, ==, b->total);
}

/* The charts counted from the index are those counted in SQL. */
/* A timeline of more Actions than any size shows keeps the first ones and counts the
 * rest: its data stays small, and the note under it says how many are not shown. */
static void
test_timeline_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-timeline-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "actions.db", NULL);
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaActionQuery) query = NULL;
  g_autoptr (MaChartData) data = NULL;
  g_autoptr (MaChartLayout) layout = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  MaGenerateStats stats;
  guint n = MA_CHART_MAX_SPANS + 100, drawn = 0, hidden = 0;

  g_assert_true (ma_generate_database (path, n, 7, MA_GENERATE_DEFAULT, &stats, &error));
  g_assert_no_error (error);
  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  query = ma_action_query_new (store);
  g_assert_no_error (error);
  data = ma_report_chart_data (query, NULL, MA_CHART_TIMELINE, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->spans->len, ==, MA_CHART_MAX_SPANS);
  g_assert_cmpuint (data->total, ==, n);
  /* Regions and years count every Action, not only those kept. */
  g_assert_cmpuint (data->series->len, >=, 5);

  ma_chart_draw_full (cr, 1920, 1080, data, "en", NULL, &layout);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      if (item->kind == MA_CHART_ITEM_BAR)
        drawn = MAX (drawn, (guint) item->category + 1);
      else if (item->text != NULL && strstr (item->text, "more Actions are not shown") != NULL)
        /* "1,023 more Actions are not shown at this size." */
        for (const char *p = item->text; *p != ' ' && *p != '\0'; p++)
          if (g_ascii_isdigit (*p))
            hidden = hidden * 10 + (guint) (*p - '0');
    }
  g_assert_cmpuint (drawn, >, 10);
  g_assert_cmpuint (drawn + hidden, ==, n);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_chart_data (void)
{
  const char *const searches[] = { NULL, "pro", "gest", "zzzz" };
  const MaChartKind kinds[] = { MA_CHART_REGIONS, MA_CHART_STATUS, MA_CHART_TYPES };
  const char *regions[] = { "lac", "wca", NULL };
  Fixture fixture = { 0 };

  fixture_open (&fixture, TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (searches) * 2; k++)
    for (guint c = 0; c < G_N_ELEMENTS (kinds); c++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (MaFilter) filter = ma_filter_new ();
        g_autoptr (MaChartData) slow = NULL;
        g_autoptr (MaChartData) fast = NULL;

        ma_filter_set_search (filter, searches[k % G_N_ELEMENTS (searches)]);
        if (k >= G_N_ELEMENTS (searches))
          ma_filter_set_codes (filter, MA_FILTER_REGION, regions);
        ma_action_index_drop (fixture.index);
        slow = ma_report_chart_data (fixture.query, filter, kinds[c], "en", &error);
        g_assert_no_error (error);
        g_assert_true (ma_action_query_load_index (fixture.query, &error));
        fast = ma_report_chart_data (fixture.query, filter, kinds[c], "en", &error);
        g_assert_no_error (error);
        assert_same_chart (fast, slow);
      }
  fixture_close (&fixture);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (ma_action_query_load_index_finish (MA_ACTION_QUERY (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_index_async (void)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (MaFilter) filter = ma_filter_new ();
  Fixture fixture = { 0 };

  fixture_open (&fixture, TRUE);
  ma_action_query_load_index_async (fixture.query, NULL, loaded, loop);
  g_main_loop_run (loop);
  g_assert_true (ma_action_query_has_index (fixture.query));
  ma_filter_set_search (filter, "gest");
  compare (fixture.query, filter, "async");
  ma_action_index_drop (fixture.index);
  g_assert_false (ma_action_query_has_index (fixture.query));
  fixture_close (&fixture);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/index/equal/sample", GINT_TO_POINTER (FALSE), test_index_equal);
  g_test_add_data_func ("/index/equal/generated", GINT_TO_POINTER (1), test_index_equal);
  g_test_add_data_func ("/index/equal/merged", GINT_TO_POINTER (2), test_index_equal);
  g_test_add_func ("/index/edits", test_index_edits);
  g_test_add_func ("/index/dates-any-year", test_index_dates_any_year);
  g_test_add_func ("/index/async", test_index_async);
  g_test_add_func ("/store/get-actions", test_get_actions);
  g_test_add_func ("/index/map-data", test_map_data);
  g_test_add_func ("/index/chart-data", test_chart_data);
  g_test_add_func ("/chart/timeline-limit", test_timeline_limit);
  return g_test_run ();
}
