/* test-query.c: the index and SQL give the same answer to any filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A seeded random differential test: filters drawn over every dimension of MaFilter
 * (text, each facet, partners, dates) and their combinations, asked through the
 * in-memory index and through SQL alone, must give the same ids in every order, the
 * same counts and facet counts, and the same aggregates the map and the charts draw.
 * The seed is printed; `--seed` of g_test replays a failure (G_TEST_SEED too).
 */
#define G_LOG_DOMAIN "test-query"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ma-action-query.h"
#include "ma-filter-sql.h"
#include "ma-generate.h"
#include "ma-i18n.h"
#include "ma-report.h"
#include "ma-store-private.h"

/* How many random filters; MA_TEST_QUERY_FILTERS sets another number. */
#define DEFAULT_FILTERS 2000

static const MaFilterDimension counted[] = {
  MA_FILTER_STATUS, MA_FILTER_REGION, MA_FILTER_TYPE, MA_FILTER_COUNTRY, MA_FILTER_THEME,
};

typedef struct
{
  char *dir;
  MaStore *store;
  MaActionQuery *query;
  MaActionIndex *index;
  /* What filters are drawn from: the codes of each dimension (with one that does
   * not exist), partner ids, and words of titles and summaries. */
  GPtrArray *codes[MA_FILTER_N_DIMENSIONS];
  GPtrArray *words;
  GPtrArray *countries; /* every country code of the vocabulary, for the aggregates */
  GPtrArray *statuses;
  GPtrArray *regions;
} Fixture;

static GPtrArray *
column (MaStore *store, const char *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return values;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  MaGenerateStats stats;

  f->dir = g_dir_make_tmp ("ma-query-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "actions.db", NULL);
  g_assert_true (ma_generate_database (path, 300, 11, MA_GENERATE_DEFAULT, &stats, &error));
  g_assert_no_error (error);
  f->store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->query = ma_action_query_new (f->store);
  f->index = ma_action_query_get_index (f->query);
  g_assert_true (ma_action_query_load_index (f->query, &error));
  g_assert_no_error (error);

  for (int d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    {
      const char *sql = NULL;

      /* No default: a dimension added to MaFilter must say here what it draws from. */
      switch ((MaFilterDimension) d)
        {
          case MA_FILTER_STATUS:
            sql = "SELECT code FROM status UNION ALL SELECT 'no-such-status'";
            break;
          case MA_FILTER_REGION:
            sql = "SELECT code FROM region UNION ALL SELECT 'no-such-region'";
            break;
          case MA_FILTER_COUNTRY:
            sql = "SELECT DISTINCT country FROM action_country UNION ALL SELECT 'AQ'";
            break;
          case MA_FILTER_THEME:
            sql = "SELECT code FROM theme UNION ALL SELECT 'no-such-theme'";
            break;
          case MA_FILTER_TYPE:
            sql = "SELECT code FROM action_type UNION ALL SELECT 'no-such-type'";
            break;
          case MA_FILTER_PARTNER:
            sql = "SELECT CAST (id AS TEXT) FROM partner UNION ALL SELECT '999999'";
            break;
          case MA_FILTER_N_DIMENSIONS:
            g_assert_not_reached ();
        }
      f->codes[d] = column (f->store, sql);
      g_assert_cmpuint (f->codes[d]->len, >, 1);
    }
  f->countries = column (f->store, "SELECT code FROM country ORDER BY code");
  f->statuses = column (f->store, "SELECT code FROM status ORDER BY position");
  f->regions = column (f->store, "SELECT code FROM region ORDER BY position");

  /* Words as users type them: whole, or their first letters. */
  f->words = g_ptr_array_new_with_free_func (g_free);
  texts =
      column (f->store, "SELECT title FROM action WHERE id % 7 = 0 UNION ALL "
                        "SELECT summary FROM action WHERE id % 29 = 0 AND summary IS NOT NULL "
                        "UNION ALL SELECT code FROM action WHERE id % 31 = 0 AND code IS NOT NULL");
  for (guint i = 0; i < texts->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit_set (g_ptr_array_index (texts, i), " ,.;:()'", -1);
      for (guint k = 0; parts[k] != NULL; k++)
        if (g_utf8_validate (parts[k], -1, NULL) && g_utf8_strlen (parts[k], -1) >= 2)
          g_ptr_array_add (f->words, g_strdup (parts[k]));
    }
  g_assert_cmpuint (f->words->len, >, 100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (ma_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  for (int d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    g_ptr_array_unref (f->codes[d]);
  g_ptr_array_unref (f->words);
  g_ptr_array_unref (f->countries);
  g_ptr_array_unref (f->statuses);
  g_ptr_array_unref (f->regions);
  f->index = NULL;
  g_clear_object (&f->query);
  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const char *
pick (GPtrArray *values)
{
  return g_ptr_array_index (values, g_test_rand_int_range (0, (gint32) values->len));
}

/* A word, often cut to a prefix of 1 to 5 letters, sometimes with its accents
 * stripped or in capitals: what a user types. */
static char *
random_term (Fixture *f)
{
  const char *word = pick (f->words);
  glong length = g_utf8_strlen (word, -1);
  g_autofree char *cut = NULL;

  if (g_test_rand_int_range (0, 3) > 0)
    {
      glong keep = g_test_rand_int_range (1, 6);

      keep = MIN (keep, length);
      cut = g_utf8_substring (word, 0, keep);
    }
  else
    cut = g_strdup (word);
  switch (g_test_rand_int_range (0, 6))
    {
      case 0:
        return g_utf8_strup (cut, -1);
      case 1:
        return g_str_to_ascii (cut, NULL);
      default:
        return g_steal_pointer (&cut);
    }
}

static char *
random_date (void)
{
  int year = g_test_rand_int_range (1960, 2040);

  /* Some years beyond what the index packs into its dates, some outside any Action. */
  if (g_test_rand_int_range (0, 20) == 0)
    year = g_test_rand_bit () ? 1900 : 2200;
  switch (g_test_rand_int_range (0, 3))
    {
      case 0:
        return g_strdup_printf ("%04d", year);
      case 1:
        return g_strdup_printf ("%04d-%02d", year, g_test_rand_int_range (1, 13));
      default:
        return g_strdup_printf ("%04d-%02d-%02d", year, g_test_rand_int_range (1, 13),
                                g_test_rand_int_range (1, 29));
    }
}

static MaFilter *
random_filter (Fixture *f)
{
  MaFilter *filter = ma_filter_new ();

  if (g_test_rand_int_range (0, 5) < 3)
    {
      GString *search = g_string_new (NULL);
      guint terms = g_test_rand_int_range (0, 4) == 0 ? 2 : 1;

      for (guint t = 0; t < terms; t++)
        {
          g_autofree char *term = random_term (f);
          if (search->len > 0)
            g_string_append_c (search, ' ');
          g_string_append (search, term);
        }
      ma_filter_set_search (filter, search->str);
      g_string_free (search, TRUE);
    }
  for (int d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    {
      guint n;

      if (g_test_rand_int_range (0, 4) != 0)
        continue;
      n = g_test_rand_int_range (1, 4);
      for (guint i = 0; i < n; i++)
        ma_filter_add_code (filter, d, pick (f->codes[d]));
    }
  if (g_test_rand_int_range (0, 4) == 0)
    {
      g_autofree char *from = g_test_rand_bit () ? random_date () : NULL;
      g_autofree char *to = g_test_rand_bit () || from == NULL ? random_date () : NULL;
      ma_filter_set_date_range (filter, from, to);
    }
  return filter;
}

static char *
describe (MaFilter *filter)
{
  g_autofree char *json = ma_filter_to_json (filter);
  return g_strdup_printf ("%s", json);
}

static void
compare_ids (Fixture *f, MaFilter *filter, MaSortKey sort, gboolean descending)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) fast = ma_action_index_query_ids (f->index, filter, sort, descending);
  g_autoptr (GArray) slow = ma_filter_sql_query_ids (f->store, filter, sort, descending, &error);
  g_autoptr (GArray) asked = ma_action_query_ids (f->query, filter, sort, descending, &error);

  g_assert_no_error (error);
  g_assert_nonnull (slow);
  g_assert_nonnull (asked);
  /* The index declines only what its packed dates cannot order or bound; then the
   * query asks SQL. */
  if (fast == NULL)
    g_assert_true (sort == MA_SORT_START || ma_filter_get_date_from (filter) != NULL ||
                   ma_filter_get_date_to (filter) != NULL);
  else if (fast->len != slow->len ||
           (fast->len > 0 && memcmp (fast->data, slow->data, fast->len * sizeof (gint64)) != 0))
    {
      g_autofree char *text = describe (filter);
      g_error ("%s, sort %d%s: the index gives %u ids, SQL %u (or another order)", text, sort,
               descending ? " desc" : "", fast->len, slow->len);
    }
  g_assert_cmpuint (asked->len, ==, slow->len);
  if (slow->len > 0)
    g_assert_cmpint (memcmp (asked->data, slow->data, slow->len * sizeof (gint64)), ==, 0);
}

static void
compare_counts (Fixture *f, MaFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaActionResult) fast = ma_action_index_query_actions (f->index, filter);
  g_autoptr (MaActionResult) slow = ma_filter_sql_query_actions (f->store, filter, &error);
  g_autofree char *text = describe (filter);

  g_assert_no_error (error);
  g_assert_nonnull (slow);
  g_assert_false (ma_action_result_get_from_index (slow));
  if (fast == NULL)
    {
      g_assert_true (ma_filter_get_date_from (filter) != NULL ||
                     ma_filter_get_date_to (filter) != NULL);
      return;
    }
  g_assert_true (ma_action_result_get_from_index (fast));
  if (ma_action_result_get_n_items (fast) != ma_action_result_get_n_items (slow))
    g_error ("%s: the index counts %u, SQL %u", text, ma_action_result_get_n_items (fast),
             ma_action_result_get_n_items (slow));
  g_assert_cmpuint (ma_action_query_count (f->query, filter, NULL), ==,
                    ma_action_result_get_n_items (slow));

  /* Counts and facet counts of every code of every counted dimension. */
  for (guint d = 0; d < G_N_ELEMENTS (counted); d++)
    {
      const char *const *codes = ma_action_result_get_codes (slow, counted[d]);

      g_assert_cmpstrv (codes, ma_action_result_get_codes (fast, counted[d]));
      for (guint i = 0; codes[i] != NULL; i++)
        {
          guint a = ma_action_result_get_count (fast, counted[d], codes[i]);
          guint b = ma_action_result_get_count (slow, counted[d], codes[i]);
          guint fa = ma_action_result_get_facet_count (fast, counted[d], codes[i]);
          guint fb = ma_action_result_get_facet_count (slow, counted[d], codes[i]);

          if (a != b || fa != fb)
            g_error ("%s: %s in dimension %d: index %u (facet %u), SQL %u (facet %u)", text,
                     codes[i], counted[d], a, fa, b, fb);
        }
    }
  /* What the map colours and the regions chart stacks. */
  for (guint c = 0; c < f->countries->len; c++)
    {
      const char *country = g_ptr_array_index (f->countries, c);

      if (ma_action_result_get_country_activities (fast, country) !=
          ma_action_result_get_country_activities (slow, country))
        g_error ("%s: activities in %s differ", text, country);
      for (guint s = 0; s < f->statuses->len; s++)
        if (ma_action_result_get_country_status_count (fast, country,
                                                       g_ptr_array_index (f->statuses, s)) !=
            ma_action_result_get_country_status_count (slow, country,
                                                       g_ptr_array_index (f->statuses, s)))
          g_error ("%s: Actions of %s with status %s differ", text, country,
                   (const char *) g_ptr_array_index (f->statuses, s));
    }
  for (guint r = 0; r <= f->regions->len; r++)
    for (guint s = 0; s < f->statuses->len; s++)
      {
        const char *region = r < f->regions->len ? g_ptr_array_index (f->regions, r) : NULL;
        const char *status = g_ptr_array_index (f->statuses, s);

        if (ma_action_result_get_region_status_count (fast, region, status) !=
            ma_action_result_get_region_status_count (slow, region, status))
          g_error ("%s: Actions of region %s with status %s differ", text,
                   region != NULL ? region : "(none)", status);
      }
}

static guint
n_filters (void)
{
  const char *value = g_getenv ("MA_TEST_QUERY_FILTERS");

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : DEFAULT_FILTERS;
}

static void
test_random_filters (Fixture *f, gconstpointer data)
{
  guint n = n_filters ();
  guint answered = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MaFilter) filter = random_filter (f);
      MaSortKey sort = g_test_rand_int_range (0, MA_SORT_REGION + 1);

      compare_ids (f, filter, sort, g_test_rand_bit ());
      compare_counts (f, filter);
      if (ma_action_query_count (f->query, filter, NULL) > 0)
        answered++;
    }
  /* The filters find something often enough to compare more than empty answers. */
  g_assert_cmpuint (answered, >, n / 4);
}

/* The charts the index can draw alone give the same data through SQL. */
static void
test_random_charts (Fixture *f, gconstpointer data)
{
  static const MaChartKind kinds[] = { MA_CHART_REGIONS, MA_CHART_STATUS, MA_CHART_TYPES };
  g_autoptr (MaActionQuery) sql_only = ma_action_query_new (f->store);

  for (guint i = 0; i < n_filters () / 20; i++)
    {
      g_autoptr (MaFilter) filter = random_filter (f);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (MaChartData) fast =
              ma_report_chart_data (f->query, filter, kinds[k], "en", &error);
          g_autoptr (MaChartData) slow =
              ma_report_chart_data (sql_only, filter, kinds[k], "en", &error);
          g_autofree char *text = describe (filter);

          g_assert_no_error (error);
          g_assert_cmpuint (fast->total, ==, slow->total);
          g_assert_cmpuint (fast->categories->len, ==, slow->categories->len);
          g_assert_cmpuint (fast->series->len, ==, slow->series->len);
          for (guint c = 0; c < fast->categories->len * fast->series->len; c++)
            if (fast->values[c] != slow->values[c])
              g_error ("%s: chart %d, value %u: index %g, SQL %g", text, kinds[k], c,
                       fast->values[c], slow->values[c]);
        }
    }
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/query/random-filters", Fixture, NULL, fixture_set_up, test_random_filters,
              fixture_tear_down);
  g_test_add ("/query/random-charts", Fixture, NULL, fixture_set_up, test_random_charts,
              fixture_tear_down);
  return g_test_run ();
}
