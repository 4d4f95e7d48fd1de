/* ma-report.c: programme figures and chart data from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ma-action-index.h"
#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-report.h"
#include "ma-filter-sql.h"
#include "ma-store-private.h"

/* Lower and upper bound of a partial date column, in SQL. */
#define SQL_LO(x)                                                                                  \
  "(CASE length (" x ") WHEN 4 THEN " x " || '-01-01' WHEN 7 THEN " x " || '-01' ELSE " x " END)"
#define SQL_HI(x)                                                                                  \
  "(CASE length (" x ") WHEN 4 THEN " x " || '-12-31' WHEN 7 THEN date (" x                        \
  " || '-01', '+1 month', '-1 day') ELSE " x " END)"

typedef struct
{
  char *category; /* NULL: unknown */
  char *series;
  double count;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;
  g_free (row->category);
  g_free (row->series);
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* SQL_TEMPLATE with "%s" for the condition of the Actions FILTER selects, prepared,
 * its parameters bound. */
static sqlite3_stmt *
prepare_filtered (MaStore *store, MaFilter *filter, const char *sql_template, GError **error)
{
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autofree char *sql = g_strdup_printf (sql_template, condition);
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, error);

  if (stmt != NULL)
    ma_filter_sql_bind (stmt, 1, binds);
  return stmt;
}

/* Runs SQL (see prepare_filtered (), selecting category, series and a count). */
static GArray *
query_rows (MaStore *store, MaFilter *filter, const char *sql_template, GError **error)
{
  sqlite3_stmt *stmt = prepare_filtered (store, filter, sql_template, error);
  g_autoptr (GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { column_text (stmt, 0), column_text (stmt, 1), sqlite3_column_double (stmt, 2) };
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&rows);
}

/* Appends KEY's text, or a marker for NULL, to KEY. */
static void
append_key_part (GString *key, const unsigned char *text)
{
  if (text == NULL)
    g_string_append_c (key, '\2');
  else
    {
      g_string_append_c (key, '\1');
      g_string_append (key, (const char *) text);
    }
  g_string_append_c (key, '\0');
}

/* Like query_rows (), with SQL selecting a category and a series per row (no
 * GROUP BY), counted here. SQLite's GROUP BY sorts every row first: for the
 * activities of 100,000 Actions (1.5 million) that took 1.8 s of CPU and 1.7 MB
 * in the charts' worker, at the same time as the window's frames; counting them
 * in a hash table takes about a third of that time and no more memory than the
 * counts. */
static GArray *
count_rows (MaStore *store, MaFilter *filter, const char *sql_template, GError **error)
{
  sqlite3_stmt *stmt = prepare_filtered (store, filter, sql_template, error);
  g_autoptr (GHashTable) counts = NULL;
  g_autoptr (GString) key = NULL;
  GArray *rows;
  GHashTableIter iter;
  gpointer k, v;
  int rc;

  if (stmt == NULL)
    return NULL;
  /* key: category then series, each "\1text\0" or "\2\0" for NULL; value: its
   * counter, incremented in place */
  counts =
      g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, g_free);
  key = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GBytes) lookup = NULL;
      guint *count;

      g_string_truncate (key, 0);
      append_key_part (key, sqlite3_column_text (stmt, 0));
      append_key_part (key, sqlite3_column_text (stmt, 1));
      lookup = g_bytes_new_static (key->str, key->len);
      count = g_hash_table_lookup (counts, lookup);
      if (count == NULL)
        {
          count = g_new0 (guint, 1);
          g_hash_table_insert (counts, g_bytes_new (key->str, key->len), count);
        }
      (*count)++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      return NULL;
    }
  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      const char *category = g_bytes_get_data (k, NULL);
      const char *series = category + strlen (category) + 1;
      Row row = { NULL, NULL, *(const guint *) v };

      if (category[0] == '\1')
        row.category = g_strdup (category + 1);
      if (series[0] == '\1')
        row.series = g_strdup (series + 1);
      g_array_append_val (rows, row);
    }
  return rows;
}

static void
add_row (GArray *rows, const char *category, const char *series, guint count)
{
  Row row = { NULL, NULL, count };

  if (count == 0)
    return;
  row.category = g_strdup (category);
  row.series = g_strdup (series);
  g_array_append_val (rows, row);
}

/* The rows of the regions, status and types charts from the store's in-memory
 * index (one pass, bench/RESULTS.md) when it is loaded; NULL otherwise. */
static GArray *
index_rows (MaActionQuery *query, MaFilter *filter, MaChartKind kind)
{
  static const MaFilterDimension dims[] = {
    [MA_CHART_REGIONS] = MA_FILTER_REGION,
    [MA_CHART_STATUS] = MA_FILTER_STATUS,
    [MA_CHART_TYPES] = MA_FILTER_TYPE,
  };
  g_autoptr (MaActionResult) result = NULL;
  const char *const *codes;
  const char *const *statuses;
  GArray *rows;
  guint known = 0;

  if ((kind != MA_CHART_REGIONS && kind != MA_CHART_STATUS && kind != MA_CHART_TYPES) ||
      !ma_action_query_has_index (query))
    return NULL;
  result = ma_action_query_actions (query, filter, NULL);
  if (result == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  codes = ma_action_result_get_codes (result, dims[kind]);
  statuses = ma_action_result_get_codes (result, MA_FILTER_STATUS);
  if (kind == MA_CHART_REGIONS)
    {
      for (guint i = 0; i <= g_strv_length ((char **) codes); i++)
        for (guint s = 0; statuses[s] != NULL; s++)
          add_row (rows, codes[i], statuses[s],
                   ma_action_result_get_region_status_count (result, codes[i], statuses[s]));
      return rows;
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      guint count = ma_action_result_get_count (result, dims[kind], codes[i]);
      add_row (rows, codes[i], NULL, count);
      known += count;
    }
  /* One value per Action: the rest have none (NULL type). */
  add_row (rows, NULL, NULL, ma_action_result_get_n_items (result) - known);
  return rows;
}

typedef struct
{
  char *code;
  char *name;
  int color;
  double total;
  int position;
} Key;

static void
key_clear (gpointer data)
{
  Key *key = data;
  g_free (key->code);
  g_free (key->name);
}

static int
compare_keys_by_position (gconstpointer a, gconstpointer b)
{
  const Key *ka = a, *kb = b;
  return ka->position - kb->position;
}

static int
compare_keys_by_total (gconstpointer a, gconstpointer b)
{
  const Key *ka = a, *kb = b;
  if (ka->total != kb->total)
    return ka->total > kb->total ? -1 : 1;
  return ka->position - kb->position;
}

/* The keys that occur in ROWS (category or series column), in the vocabulary's
 * order (or in code order without one), the unknown one last. */
static GArray *
collect_keys (MaStore *store,
              GArray *rows,
              gboolean series,
              int vocabulary,
              const char *unknown_name,
              gboolean by_total,
              const char *lang)
{
  g_autoptr (GPtrArray) terms = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *keys = g_array_new (FALSE, TRUE, sizeof (Key));
  double unknown_total = 0;
  gboolean has_unknown = FALSE;

  g_array_set_clear_func (keys, key_clear);
  if (vocabulary >= 0)
    terms = ma_store_list_terms (store, vocabulary, lang, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      const char *code = series ? row->series : row->category;
      Key *key = NULL;

      if (code == NULL)
        {
          has_unknown = TRUE;
          unknown_total += row->count;
          continue;
        }
      key = g_hash_table_lookup (seen, code);
      if (key == NULL)
        {
          Key fresh = { g_strdup (code), NULL, 0, 0, G_MAXINT };
          g_array_append_val (keys, fresh);
          /* Pointers into the array move when it grows: index instead. */
          g_hash_table_insert (seen, (gpointer) g_array_index (keys, Key, keys->len - 1).code,
                               GUINT_TO_POINTER (keys->len));
          key = &g_array_index (keys, Key, keys->len - 1);
        }
      else
        key = &g_array_index (keys, Key, GPOINTER_TO_UINT (key) - 1);
      key->total += row->count;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = &g_array_index (keys, Key, i);
      for (guint j = 0; terms != NULL && j < terms->len; j++)
        {
          MaTerm *term = g_ptr_array_index (terms, j);
          if (strcmp (term->code, key->code) == 0)
            {
              key->name = g_strdup (term->name);
              key->position = (int) j;
              key->color = (int) j;
              break;
            }
        }
      if (key->name == NULL)
        {
          key->name = g_strdup (key->code);
          key->color = 0;
        }
    }
  if (terms != NULL)
    g_array_sort (keys, by_total ? compare_keys_by_total : compare_keys_by_position);
  else
    {
      /* Years and other free codes: in code order. */
      for (guint i = 0; i < keys->len; i++)
        for (guint j = i + 1; j < keys->len; j++)
          if (strcmp (g_array_index (keys, Key, j).code, g_array_index (keys, Key, i).code) < 0)
            {
              Key tmp = g_array_index (keys, Key, i);
              g_array_index (keys, Key, i) = g_array_index (keys, Key, j);
              g_array_index (keys, Key, j) = tmp;
            }
      if (by_total)
        g_array_sort (keys, compare_keys_by_total);
    }
  if (has_unknown)
    {
      Key key = { NULL, g_strdup (unknown_name), -1, unknown_total, G_MAXINT };
      g_array_append_val (keys, key);
    }
  return keys;
}

static int
key_index (GArray *keys, const char *code)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_array_index (keys, Key, i).code, code) == 0)
      return (int) i;
  return -1;
}

/* Fills DATA from ROWS: categories × series. SERIES_VOCABULARY -2: no series. */
static void
fill_grid (MaChartData *data,
           MaStore *store,
           GArray *rows,
           int category_vocabulary,
           const char *unknown_category,
           gboolean by_total,
           int series_vocabulary,
           const char *unknown_series,
           const char *lang)
{
  g_autoptr (GArray) categories =
      collect_keys (store, rows, FALSE, category_vocabulary, unknown_category, by_total, lang);
  g_autoptr (GArray) series = NULL;

  for (guint i = 0; i < categories->len; i++)
    {
      Key *key = &g_array_index (categories, Key, i);
      MaChartKey *added = ma_chart_data_add_category (data, key->code, key->name);
      added->color = key->color;
    }
  if (series_vocabulary == -2)
    ma_chart_data_add_series (data, NULL, NULL);
  else
    {
      series = collect_keys (store, rows, TRUE, series_vocabulary, unknown_series, FALSE, lang);
      for (guint i = 0; i < series->len; i++)
        {
          Key *key = &g_array_index (series, Key, i);
          MaChartKey *added = ma_chart_data_add_series (data, key->code, key->name);
          added->color = key->color;
        }
    }
  ma_chart_data_alloc_values (data);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      int c = key_index (categories, row->category);
      int s = series != NULL ? key_index (series, row->series) : 0;
      if (c >= 0 && s >= 0)
        ma_chart_data_set (data, (guint) c, (guint) s,
                           ma_chart_data_get (data, (guint) c, (guint) s) + row->count);
    }
}

static double
fractional_year (const char *iso, gboolean end_of_day)
{
  GDate date;
  int year;
  guint days;

  if (iso == NULL || strlen (iso) < 10)
    return NAN;
  year = atoi (iso);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) atoi (iso + 8), (GDateMonth) atoi (iso + 5), (GDateYear) year);
  if (!g_date_valid (&date))
    return NAN;
  days = g_date_is_leap_year ((GDateYear) year) ? 366 : 365;
  return year + (g_date_get_day_of_year (&date) - (end_of_day ? 0 : 1)) / (double) days;
}

static gboolean
timeline_data (
    MaStore *store, MaFilter *filter, const char *lang, MaChartData *data, GError **error)
{
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autofree char *sql = g_strdup_printf (
      "SELECT a.id, coalesce (a.code, (SELECT t.title FROM action_text t WHERE t.action = a.id "
      "AND t.lang = ?), a.title), a.region, a.start_lo, a.end_hi, a.start_date, a.end_date, "
      "(SELECT position FROM region r WHERE r.code = a.region) AS p "
      "FROM action a WHERE %s "
      "ORDER BY p IS NULL, p, a.start_lo IS NULL, a.start_lo, a.end_hi IS NULL, a.end_hi, 2",
      condition);
  g_autoptr (GPtrArray) regions = ma_store_list_terms (store, MA_VOCABULARY_REGION, lang, NULL);
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, error);
  g_autoptr (GHashTable) regions_seen =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double first = INFINITY, last = -INFINITY;
  gboolean unknown_region = FALSE;
  guint n_actions = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ma_store_lang_column (lang), -1, SQLITE_TRANSIENT);
  ma_filter_sql_bind (stmt, 2, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *region = (const char *) sqlite3_column_text (stmt, 2);
      double start = fractional_year ((const char *) sqlite3_column_text (stmt, 3), FALSE);
      double end = fractional_year ((const char *) sqlite3_column_text (stmt, 4), TRUE);
      MaChartSpan *span;

      n_actions++;
      if (!isnan (start))
        {
          first = MIN (first, start);
          last = MAX (last, start);
        }
      if (!isnan (end))
        {
          first = MIN (first, end);
          last = MAX (last, end);
        }
      if (region == NULL)
        unknown_region = TRUE;
      else if (!g_hash_table_contains (regions_seen, region))
        g_hash_table_add (regions_seen, g_strdup (region));
      /* The years and the regions count every Action; the spans stop at what a
       * chart can show. */
      if (data->spans->len >= MA_CHART_MAX_SPANS)
        continue;
      span = g_new0 (MaChartSpan, 1);
      span->id = sqlite3_column_int64 (stmt, 0);
      span->label = column_text (stmt, 1);
      span->region = g_strdup (region);
      span->start = start;
      span->end = end;
      span->start_date = column_text (stmt, 5);
      span->end_date = column_text (stmt, 6);
      span->series = -1;
      g_ptr_array_add (data->spans, span);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      return FALSE;
    }

  /* Series: the regions that occur, in their order. */
  for (guint r = 0; regions != NULL && r < regions->len; r++)
    {
      MaTerm *term = g_ptr_array_index (regions, r);
      MaChartKey *key;
      int index;

      if (!g_hash_table_contains (regions_seen, term->code))
        continue;
      key = ma_chart_data_add_series (data, term->code, term->name);
      key->color = (int) r;
      index = (int) data->series->len - 1;
      for (guint i = 0; i < data->spans->len; i++)
        {
          MaChartSpan *span = g_ptr_array_index (data->spans, i);
          if (g_strcmp0 (span->region, term->code) == 0)
            span->series = index;
        }
    }
  if (unknown_region)
    {
      MaChartKey *key = ma_chart_data_add_series (data, NULL, _ ("Region unknown"));
      key->color = -1;
      for (guint i = 0; i < data->spans->len; i++)
        {
          MaChartSpan *span = g_ptr_array_index (data->spans, i);
          if (span->region == NULL)
            span->series = (int) data->series->len - 1;
        }
    }
  ma_chart_data_alloc_values (data);
  data->total = n_actions;
  if (first <= last)
    {
      data->first_year = (int) floor (first);
      /* An end on 31 December is 1.0 into the next year: it still ends that year. */
      data->last_year = (int) floor (last - 1e-9);
      if (data->last_year < data->first_year)
        data->last_year = data->first_year;
    }
  return TRUE;
}

MaChartData *
ma_report_chart_data (
    MaActionQuery *query, MaFilter *filter, MaChartKind kind, const char *lang, GError **error)
{
  MaStore *store;
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (lang);
  g_autoptr (MaChartData) data = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());

  g_return_val_if_fail (MA_IS_ACTION_QUERY (query), NULL);
  g_return_val_if_fail (kind < MA_CHART_N_KINDS, NULL);

  store = ma_action_query_get_store (query);

  data = ma_chart_data_new (kind);
  switch (kind)
    {
      case MA_CHART_REGIONS:
        rows = index_rows (query, filter, kind);
        if (rows == NULL)
          rows = query_rows (store, filter,
                             "SELECT a.region, a.status, count(*) FROM action a WHERE %s "
                             "GROUP BY 1, 2",
                             error);
        if (rows == NULL)
          return NULL;
        data->category_dimension = MA_FILTER_REGION;
        data->series_dimension = MA_FILTER_STATUS;
        fill_grid (data, store, rows, MA_VOCABULARY_REGION, _ ("Region unknown"), FALSE,
                   MA_VOCABULARY_STATUS, NULL, code);
        break;
      case MA_CHART_THEMES:
        /* (action, theme) is unique: one row per Action and theme, or one per
         * Action with none. */
        rows = count_rows (store, filter,
                           "SELECT t.theme, NULL FROM action a "
                           "LEFT JOIN action_theme t ON t.action = a.id WHERE %s",
                           error);
        if (rows == NULL)
          return NULL;
        data->category_dimension = MA_FILTER_THEME;
        fill_grid (data, store, rows, MA_VOCABULARY_THEME, _ ("No thematic area"), TRUE, -2, NULL,
                   code);
        break;
      case MA_CHART_STATUS:
        rows = index_rows (query, filter, kind);
        if (rows == NULL)
          rows = query_rows (store, filter,
                             "SELECT a.status, NULL, count(*) FROM action a WHERE %s GROUP BY 1",
                             error);
        if (rows == NULL)
          return NULL;
        data->category_dimension = MA_FILTER_STATUS;
        data->color_by_category = TRUE;
        fill_grid (data, store, rows, MA_VOCABULARY_STATUS, NULL, FALSE, -2, NULL, code);
        break;
      case MA_CHART_TYPES:
        rows = index_rows (query, filter, kind);
        if (rows == NULL)
          rows =
              query_rows (store, filter,
                          "SELECT a.type, NULL, count(*) FROM action a WHERE %s GROUP BY 1", error);
        if (rows == NULL)
          return NULL;
        data->category_dimension = MA_FILTER_TYPE;
        fill_grid (data, store, rows, MA_VOCABULARY_TYPE, _ ("Type unknown"), FALSE, -2, NULL,
                   code);
        break;
      case MA_CHART_ACTIVITIES:
        rows = count_rows (store, filter,
                           "SELECT substr (v.start_date, 1, 4), v.format "
                           "FROM activity v JOIN action a ON a.id = v.action WHERE %s",
                           error);
        if (rows == NULL)
          return NULL;
        data->category_dimension = MA_CHART_DIMENSION_YEAR;
        fill_grid (data, store, rows, -1, _ ("Date unknown"), FALSE, MA_VOCABULARY_ACTIVITY_FORMAT,
                   _ ("Format unknown"), code);
        break;
      case MA_CHART_TIMELINE:
        data->series_dimension = MA_FILTER_REGION;
        if (!timeline_data (store, filter, code, data, error))
          return NULL;
        break;
      case MA_CHART_N_KINDS:
      default:
        g_assert_not_reached ();
    }

  if (kind == MA_CHART_ACTIVITIES)
    {
      for (guint i = 0; i < rows->len; i++)
        data->total += (guint) g_array_index (rows, Row, i).count;
    }
  else if (kind != MA_CHART_TIMELINE)
    data->total = ma_action_query_count (query, filter, NULL);
  data->subtitle = ma_report_describe_filter (query, filter, code);
  return g_steal_pointer (&data);
}

static void
describe_codes (GPtrArray *parts,
                MaStore *store,
                MaFilter *filter,
                MaFilterDimension dimension,
                MaVocabulary vocabulary,
                const char *lang)
{
  const char *const *codes = ma_filter_get_codes (filter, dimension);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      char *name = ma_store_term_name (store, vocabulary, codes[i], lang);
      g_ptr_array_add (names, name != NULL ? name : g_strdup (codes[i]));
    }
  if (names->len == 0)
    return;
  g_ptr_array_add (names, NULL);
  /* Translators: separates the names of one filter dimension: "Asia, Ongoing". */
  g_ptr_array_add (parts, g_strjoinv (_ (", "), (char **) names->pdata));
}

char *
ma_report_describe_filter (MaActionQuery *query, MaFilter *filter, const char *lang)
{
  return ma_report_describe_filter_full (query, filter, lang, TRUE);
}

char *
ma_report_describe_filter_full (MaActionQuery *query,
                                MaFilter *filter,
                                const char *lang,
                                gboolean with_count)
{
  MaStore *store = ma_action_query_get_store (query);
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (lang);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint count = ma_action_query_count (query, filter, NULL);
  g_autofree char *number = ma_format_int (count, lang);
  static const struct
  {
    MaFilterDimension dimension;
    MaVocabulary vocabulary;
  } dimensions[] = {
    { MA_FILTER_REGION, MA_VOCABULARY_REGION }, { MA_FILTER_COUNTRY, MA_VOCABULARY_COUNTRY },
    { MA_FILTER_THEME, MA_VOCABULARY_THEME },   { MA_FILTER_TYPE, MA_VOCABULARY_TYPE },
    { MA_FILTER_STATUS, MA_VOCABULARY_STATUS },
  };

  if (with_count)
    g_ptr_array_add (
        parts,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Action", "%s Actions", count), number));
  if (filter != NULL)
    {
      const char *search = ma_filter_get_search (filter);
      guint n_partners = g_strv_length ((char **) ma_filter_get_codes (filter, MA_FILTER_PARTNER));

      if (search != NULL && search[0] != '\0')
        /* Translators: the search text of the filter, in quotes. */
        g_ptr_array_add (parts, g_strdup_printf (_ ("“%s”"), search));
      for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
        describe_codes (parts, store, filter, dimensions[i].dimension, dimensions[i].vocabulary,
                        lang);
      if (n_partners > 0)
        {
          g_autofree char *n = ma_format_int (n_partners, lang);
          g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s partner",
                                                                "%s partners", n_partners),
                                                   n));
        }
      if (ma_filter_get_date_from (filter) != NULL || ma_filter_get_date_to (filter) != NULL)
        g_ptr_array_add (parts, ma_date_format_span (ma_filter_get_date_from (filter),
                                                     ma_filter_get_date_to (filter), lang));
    }
  if (parts->len == 0)
    /* Translators: the subtitle of the report when no filter is set. */
    g_ptr_array_add (parts, g_strdup (_ ("All Actions")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

gboolean
ma_report_compute (MaStore *store, MaFilter *filter, MaReportFigures *figures, GError **error)
{
  g_autoptr (MaFilter) base = filter != NULL ? ma_filter_copy (filter) : ma_filter_new ();
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  const char *from = filter != NULL ? ma_filter_get_date_from (filter) : NULL;
  const char *to = filter != NULL ? ma_filter_get_date_to (filter) : NULL;
  gboolean period = from != NULL || to != NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (store), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  memset (figures, 0, sizeof *figures);
  /* The period is applied here, not by the filter: an Action with unknown dates
   * but an activity in the period was implemented in it. */
  ma_filter_set_date_range (base, NULL, NULL);
  condition = ma_filter_sql_condition (base, binds);
  lo = from != NULL ? ma_date_lower_bound (from) : g_strdup ("0000-01-01");
  hi = to != NULL ? ma_date_upper_bound (to) : g_strdup ("9999-12-31");

#define ACTIVITY_IN_PERIOD                                                                         \
  "(v.start_date IS NOT NULL AND " SQL_HI (                                                        \
      "coalesce (v.end_date, v.start_date)") " >= :lo AND " SQL_LO ("v.start_date") " <= :hi)"
  /* impl is not materialized and the activities are joined to it: a table of the
   * implemented Actions, and one per "IN (SELECT id FROM impl)", took 5.6 MB at
   * 100,000 Actions (in the charts' worker, at the same time as the window's
   * frames); this way SQLite needs 0.4 MB. */
  sql = g_strdup_printf (
      "WITH impl AS NOT MATERIALIZED (SELECT a.id, a.status, a.region, a.start_lo, a.end_date, "
      "a.end_hi "
      "FROM action a WHERE %s AND (%s)) "
      "SELECT (SELECT count(*) FROM impl), "
      "(SELECT count(*) FROM impl WHERE status = 'completed' %s), "
      "(SELECT count(*) FROM impl WHERE start_lo IS NOT NULL AND start_lo >= :lo "
      "AND start_lo <= :hi), "
      "(SELECT count(*) FROM impl JOIN activity v ON v.action = impl.id WHERE 1 %s), "
      "(SELECT count(DISTINCT c.country) FROM impl JOIN action_country c ON c.action = impl.id), "
      "(SELECT count(DISTINCT region) FROM impl), "
      "(SELECT coalesce (sum (v.participants), 0) FROM impl JOIN activity v ON v.action = impl.id "
      "WHERE 1 %s)",
      condition,
      period ? "((a.start_date IS NOT NULL OR a.end_date IS NOT NULL) "
               "AND (a.end_hi IS NULL OR a.end_hi >= :lo) "
               "AND (a.start_lo IS NULL OR a.start_lo <= :hi)) "
               "OR EXISTS (SELECT 1 FROM activity v WHERE v.action = a.id AND " ACTIVITY_IN_PERIOD
               ")"
             : "1",
      period ? "AND end_date IS NOT NULL AND end_hi >= :lo AND " SQL_LO ("end_date") " <= :hi" : "",
      period ? "AND " ACTIVITY_IN_PERIOD : "", period ? "AND " ACTIVITY_IN_PERIOD : "");
#undef ACTIVITY_IN_PERIOD

  stmt = ma_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  ma_filter_sql_bind (stmt, 1, binds);
  if (sqlite3_bind_parameter_index (stmt, ":lo") > 0)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":lo"), lo, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_index (stmt, ":hi") > 0)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":hi"), hi, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  figures->actions = (guint) sqlite3_column_int64 (stmt, 0);
  figures->completed = (guint) sqlite3_column_int64 (stmt, 1);
  figures->started = (guint) sqlite3_column_int64 (stmt, 2);
  figures->activities = (guint) sqlite3_column_int64 (stmt, 3);
  figures->countries = (guint) sqlite3_column_int64 (stmt, 4);
  figures->regions = (guint) sqlite3_column_int64 (stmt, 5);
  figures->participants = sqlite3_column_int64 (stmt, 6);
  sqlite3_finalize (stmt);
  return TRUE;
}

char *
ma_report_period_phrase (const char *from, const char *to, const char *lang)
{
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (lang);
  g_autofree char *start = from != NULL ? ma_date_format (from, lang) : NULL;
  g_autofree char *end = to != NULL ? ma_date_format (to, lang) : NULL;

  if (from == NULL && to == NULL)
    /* Translators: starts a sentence of the report when no period is chosen:
     * "Overall, MIEUX+ implemented 15 Actions…" */
    return g_strdup (C_ ("report period", "Overall"));
  if (from != NULL && to != NULL && strcmp (from, to) == 0)
    {
      if (strlen (from) >= 10)
        /* Translators: starts a sentence of the report: "On 19 October 2021, MIEUX+ …" */
        return g_strdup_printf (C_ ("report period", "On %s"), start);
      /* Translators: starts a sentence of the report: "In 2021, MIEUX+ …", "In April 2021, …" */
      return g_strdup_printf (C_ ("report period", "In %s"), start);
    }
  if (from != NULL && to != NULL)
    /* Translators: starts a sentence of the report: "From April 2021 to May 2022, MIEUX+ …" */
    return g_strdup_printf (C_ ("report period", "From %1$s to %2$s"), start, end);
  if (from != NULL)
    /* Translators: starts a sentence of the report: "Since 2020, MIEUX+ …" */
    return g_strdup_printf (C_ ("report period", "Since %s"), start);
  /* Translators: starts a sentence of the report: "Until 2021, MIEUX+ …" */
  return g_strdup_printf (C_ ("report period", "Until %s"), end);
}

/* FORMAT (from g_dngettext) with N in the language's digit grouping for its "%s". */
static char *
with_number (const char *format, gint64 n, const char *lang)
{
  g_autofree char *number = ma_format_int (n, lang);
  return g_strdup_printf (format, number);
}

char *
ma_report_format (const MaReportFigures *figures,
                  const char *from,
                  const char *to,
                  const char *lang)
{
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (lang);
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  g_autofree char *period = ma_report_period_phrase (from, to, code);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (figures != NULL, NULL);

  {
    /* Translators: part of “In 2021, MIEUX+ implemented 11 Actions, 2 of which were
     * completed, and organised 30 activities.” %s is a number. */
    g_autofree char *actions =
        with_number (g_dngettext (GETTEXT_PACKAGE, "%s Action", "%s Actions", figures->actions),
                     figures->actions, code);
    /* Translators: part of “In 2021, MIEUX+ implemented 11 Actions, 2 of which were
     * completed, and organised 30 activities.” %s is a number of activities. */
    g_autofree char *activities = with_number (
        g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", figures->activities),
        figures->activities, code);

    if (figures->completed > 0)
      {
        /* Translators: part of “In 2021, MIEUX+ implemented 11 Actions, 2 of which were
         * completed, and organised 30 activities.” %s is the number of completed Actions. */
        g_autofree char *completed =
            with_number (g_dngettext (GETTEXT_PACKAGE, "%s of which was completed",
                                      "%s of which were completed", figures->completed),
                         figures->completed, code);
        /* Translators: the first sentence of the programme report: %1$s the period
         * (“In 2021”), %2$s “11 Actions”, %3$s “2 of which were completed”, %4$s
         * “30 activities”. */
        g_string_append_printf (out, _ ("%1$s, MIEUX+ implemented %2$s, %3$s, and organised %4$s."),
                                period, actions, completed, activities);
      }
    else
      /* Translators: the first sentence of the programme report when no Action was
       * completed: %1$s the period (“In 2021”), %2$s “11 Actions”, %3$s “30 activities”. */
      g_string_append_printf (out, _ ("%1$s, MIEUX+ implemented %2$s and organised %3$s."), period,
                              actions, activities);
  }

  if ((from != NULL || to != NULL) && figures->started > 0)
    {
      g_autofree char *started = with_number (
          g_dngettext (GETTEXT_PACKAGE, "%s new Action was launched in this period.",
                       "%s new Actions were launched in this period.", figures->started),
          figures->started, code);
      g_string_append_c (out, '\n');
      g_string_append (out, started);
    }
  if (figures->countries > 0)
    {
      /* Translators: part of “They took place in 36 countries, in 5 regions.” */
      g_autofree char *regions =
          with_number (g_dngettext (GETTEXT_PACKAGE, "%s region", "%s regions", figures->regions),
                       figures->regions, code);
      g_autofree char *countries = ma_format_int (figures->countries, code);
      g_string_append_c (out, '\n');
      /* Translators: %1$s the number of countries, %2$s “5 regions”. */
      g_string_append_printf (
          out,
          g_dngettext (GETTEXT_PACKAGE, "The Actions took place in %1$s country, in %2$s.",
                       "The Actions took place in %1$s countries, in %2$s.", figures->countries),
          countries, regions);
    }
  if (figures->participants > 0)
    {
      g_autofree char *participants = with_number (
          g_dngettext (GETTEXT_PACKAGE,
                       "Activities with a known attendance brought together %s participant.",
                       "Activities with a known attendance brought together %s participants.",
                       figures->participants),
          figures->participants, code);
      g_string_append_c (out, '\n');
      g_string_append (out, participants);
    }
  return g_string_free (out, FALSE);
}

char *
ma_report_text (MaStore *store, MaFilter *filter, const char *lang, GError **error)
{
  MaReportFigures figures;

  if (!ma_report_compute (store, filter, &figures, error))
    return NULL;
  return ma_report_format (&figures, filter != NULL ? ma_filter_get_date_from (filter) : NULL,
                           filter != NULL ? ma_filter_get_date_to (filter) : NULL, lang);
}
