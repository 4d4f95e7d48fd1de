/* ma-filter-sql.c: a filter's answer through SQL alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-query"

#include "config.h"

#include <json-glib/json-glib.h>

#include "ma-action-result-private.h"
#include "ma-date.h"
#include "ma-filter-sql.h"
#include "ma-store-private.h"

char *
ma_filter_sql_codes (const char *const *codes)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; codes[i] != NULL; i++)
    json_builder_add_string_value (builder, codes[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
ma_filter_sql_condition (MaFilter *filter, GPtrArray *binds)
{
  static const char *const conditions[MA_FILTER_N_DIMENSIONS] = {
    [MA_FILTER_STATUS] = "a.status IN (SELECT value FROM json_each (?))",
    [MA_FILTER_REGION] = "a.region IN (SELECT value FROM json_each (?))",
    [MA_FILTER_COUNTRY] = "EXISTS (SELECT 1 FROM action_country f WHERE f.action = a.id "
                          "AND f.country IN (SELECT value FROM json_each (?)))",
    [MA_FILTER_THEME] = "EXISTS (SELECT 1 FROM action_theme f WHERE f.action = a.id "
                        "AND f.theme IN (SELECT value FROM json_each (?)))",
    [MA_FILTER_TYPE] = "a.type IN (SELECT value FROM json_each (?))",
    [MA_FILTER_PARTNER] = "EXISTS (SELECT 1 FROM action_partner f WHERE f.action = a.id AND "
                          "f.partner IN (SELECT CAST (value AS INTEGER) FROM json_each (?)))",
  };
  g_autofree char *match = NULL;
  GString *sql;

  g_return_val_if_fail (binds != NULL, NULL);

  sql = g_string_new ("1");
  if (filter == NULL)
    return g_string_free (sql, FALSE);

  match = ma_filter_build_match (filter);
  if (match != NULL)
    {
      g_string_append (sql, " AND a.id IN (SELECT rowid FROM action_fts WHERE action_fts MATCH ?)");
      g_ptr_array_add (binds, g_steal_pointer (&match));
    }
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    {
      const char *const *codes = ma_filter_get_codes (filter, i);
      if (codes[0] == NULL)
        continue;
      g_string_append_printf (sql, " AND %s", conditions[i]);
      g_ptr_array_add (binds, ma_filter_sql_codes (codes));
    }
  if (ma_filter_get_date_from (filter) != NULL || ma_filter_get_date_to (filter) != NULL)
    {
      /* The known period [start, end] overlaps [from, to]: an unknown end is still
       * open, an unknown start began at any time, both unknown is no known period. */
      g_string_append (sql, " AND (a.start_date IS NOT NULL OR a.end_date IS NOT NULL)");
      if (ma_filter_get_date_from (filter) != NULL)
        {
          g_string_append (sql, " AND (a.end_hi IS NULL OR a.end_hi >= ?)");
          g_ptr_array_add (binds, ma_date_lower_bound (ma_filter_get_date_from (filter)));
        }
      if (ma_filter_get_date_to (filter) != NULL)
        {
          g_string_append (sql, " AND (a.start_lo IS NULL OR a.start_lo <= ?)");
          g_ptr_array_add (binds, ma_date_upper_bound (ma_filter_get_date_to (filter)));
        }
    }
  return g_string_free (sql, FALSE);
}

gboolean
ma_filter_sql_count (MaStore *self, MaFilter *filter, guint *count, GError **error)
{
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM action a WHERE %s", condition);
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);
  int rc;

  *count = 0;
  if (stmt == NULL)
    return FALSE;
  ma_filter_sql_bind (stmt, 1, binds);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  else
    ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

GArray *
ma_filter_sql_query_ids (
    MaStore *self, MaFilter *filter, MaSortKey sort, gboolean descending, GError **error)
{
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autofree char *sql = NULL;
  const char *dir = descending ? "DESC" : "ASC";
  const char *key;
  GArray *ids;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  switch (sort)
    {
      case MA_SORT_CODE:
        key = "ma_sort_key (a.code) %s NULLS LAST";
        break;
      case MA_SORT_START:
        key = "a.start_lo %s NULLS LAST";
        break;
      case MA_SORT_STATUS:
        key = "(SELECT position FROM status s WHERE s.code = a.status) %s";
        break;
      case MA_SORT_REGION:
        key = "(SELECT position FROM region r WHERE r.code = a.region) %s NULLS LAST";
        break;
      case MA_SORT_TITLE:
      default:
        key = "ma_sort_key (shown_title) %s";
        break;
    }
  {
    /* Titles sort as shown: in the language of the application where translated. */
    g_autofree char *order = g_strdup_printf (key, dir);
    g_autofree char *shown = g_strdup_printf (
        "coalesce ((SELECT t.title FROM action_text t WHERE t.action = a.id AND t.lang = '%s' "
        "AND a.lang <> '%s'), a.title)",
        ma_store_lang_column (NULL), ma_store_lang_column (NULL));
    sql = g_strdup_printf ("SELECT a.id, %s AS shown_title FROM action a WHERE %s ORDER BY %s, "
                           "ma_sort_key (shown_title), a.id",
                           shown, condition, order);
  }
  stmt = ma_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  ma_filter_sql_bind (stmt, 1, binds);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

static gboolean
sql_counts (MaStore *self, MaFilter *filter, int d, guint *counts, GError **error)
{
  static const char *const sql[N_DIMS] = {
    "SELECT a.status, count(*) FROM action a WHERE %s GROUP BY 1",
    "SELECT a.region, count(*) FROM action a WHERE %s GROUP BY 1",
    "SELECT a.type, count(*) FROM action a WHERE %s GROUP BY 1",
    "SELECT f.country, count(*) FROM action a JOIN action_country f ON f.action = a.id "
    "WHERE %s GROUP BY 1",
    "SELECT f.theme, count(*) FROM action a JOIN action_theme f ON f.action = a.id "
    "WHERE %s GROUP BY 1",
  };
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autofree char *text = g_strdup_printf (sql[d], condition);
  sqlite3_stmt *stmt = ma_store_prepare (self, text, error);
  MaDim dim = { 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  ma_filter_sql_bind (stmt, 1, binds);
  if (!ma_dim_load (ma_store_get_db (self), d, &dim, error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = ma_dim_find (&dim, (const char *) sqlite3_column_text (stmt, 0));
      if (index >= 0)
        counts[index] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  ma_dim_clear (&dim);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      return FALSE;
    }
  return TRUE;
}

/* Statuses and activities per country of the selected Actions, as the map's SQL. */
static gboolean
sql_country_aggregates (MaStore *self, MaFilter *filter, MaActionResult *result, GError **error)
{
  static const char *const sql[3] = {
    "SELECT ac.country, a.status, count(*) FROM action a JOIN action_country ac ON "
    "ac.action = a.id WHERE %s GROUP BY ac.country, a.status",
    "SELECT ac.country, NULL, count(*) FROM action a JOIN action_country ac ON ac.action = a.id "
    "JOIN activity v ON v.action = a.id WHERE %s GROUP BY ac.country",
    "SELECT a.region, a.status, count(*) FROM action a WHERE %s GROUP BY 1, 2",
  };
  guint n_status = ma_dim_size (&result->dims[DIM_STATUS]);

  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *condition = ma_filter_sql_condition (filter, binds);
      g_autofree char *text = g_strdup_printf (sql[q], condition);
      sqlite3_stmt *stmt = ma_store_prepare (self, text, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      ma_filter_sql_bind (stmt, 1, binds);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int country = ma_dim_find (&result->dims[DIM_COUNTRY],
                                     (const char *) sqlite3_column_text (stmt, 0));
          int status =
              ma_dim_find (&result->dims[DIM_STATUS], (const char *) sqlite3_column_text (stmt, 1));
          guint count = (guint) sqlite3_column_int64 (stmt, 2);
          if (q == 2)
            {
              int region = ma_dim_find (&result->dims[DIM_REGION],
                                        (const char *) sqlite3_column_text (stmt, 0));
              guint row = region >= 0 ? (guint) region : ma_dim_size (&result->dims[DIM_REGION]);
              if (status >= 0 && (region >= 0 || sqlite3_column_type (stmt, 0) == SQLITE_NULL))
                result->region_status[row * n_status + status] = count;
              continue;
            }
          if (country < 0)
            continue;
          if (q == 1)
            result->country_activities[country] = count;
          else if (status >= 0)
            result->country_status[country * n_status + status] = count;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
          return FALSE;
        }
    }
  return TRUE;
}

MaActionResult *
ma_filter_sql_query_actions (MaStore *self, MaFilter *filter, GError **error)
{
  g_autoptr (MaActionResult) result = NULL;
  MaDim dims[N_DIMS] = { { 0 } };
  guint n_items;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  /* An answer with counts keeps the number of matches, not their ids in order. */
  if (!ma_filter_sql_count (self, filter, &n_items, error))
    return NULL;
  for (int d = 0; d < N_DIMS; d++)
    if (!ma_dim_load (ma_store_get_db (self), d, &dims[d], error))
      {
        for (int k = 0; k <= d; k++)
          ma_dim_clear (&dims[k]);
        return NULL;
      }
  result = ma_action_result_new (dims);
  for (int d = 0; d < N_DIMS; d++)
    ma_dim_clear (&dims[d]);
  result->n_items = n_items;
  if (!sql_country_aggregates (self, filter, result, error))
    return NULL;
  for (int d = 0; d < N_DIMS; d++)
    {
      g_autoptr (MaFilter) others = filter != NULL ? ma_filter_copy (filter) : NULL;
      if (!sql_counts (self, filter, d, result->counts[d], error))
        return NULL;
      if (others != NULL)
        ma_filter_set_codes (others, ma_dim_dimension[d], NULL);
      if (!sql_counts (self, others, d, result->facets[d], error))
        return NULL;
    }
  return g_steal_pointer (&result);
}

void
ma_filter_sql_bind (sqlite3_stmt *stmt, int first, GPtrArray *binds)
{
  for (guint i = 0; binds != NULL && i < binds->len; i++)
    sqlite3_bind_text (stmt, first + (int) i, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
}
