/* ma-map-data.c: the filtered Actions aggregated per country and region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-map-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ma-action-index.h"
#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-map-private.h"
#include "ma-filter-sql.h"
#include "ma-store-private.h"

static void
country_free (gpointer data)
{
  MaMapCountry *c = data;

  g_free (c->code);
  g_free (c->name);
  g_free (c->region);
  g_free (c->statuses);
  g_free (c);
}

static void
region_free (gpointer data)
{
  MaMapRegion *r = data;

  g_free (r->code);
  g_free (r->name);
  g_free (r);
}

/* Runs SQL (with the filter condition's BINDS) and calls ROW for each row. */
static gboolean
run_query (MaStore *store,
           const char *sql,
           GPtrArray *binds,
           void (*row) (MaMapData *, sqlite3_stmt *),
           MaMapData *data,
           GError **error)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (binds != NULL)
    ma_filter_sql_bind (stmt, 1, binds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (data, stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      return FALSE;
    }
  return TRUE;
}

static const char *
column (sqlite3_stmt *stmt, int i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static void
country_row (MaMapData *data, sqlite3_stmt *stmt)
{
  MaMapCountry *c = g_new0 (MaMapCountry, 1);

  c->code = g_strdup (column (stmt, 0));
  c->numeric = g_intern_string (column (stmt, 1));
  c->region = g_strdup (column (stmt, 2));
  c->name_en = g_intern_string (column (stmt, 3));
  c->name = g_strdup (column (stmt, 4));
  c->statuses = g_new0 (guint, MAX (data->statuses->len, 1));
  g_hash_table_insert (data->countries, c->code, c);
}

static int
status_index (MaMapData *data, const char *code)
{
  for (guint i = 0; code != NULL && i < data->statuses->len; i++)
    if (strcmp (((MaTerm *) g_ptr_array_index (data->statuses, i))->code, code) == 0)
      return (int) i;
  return -1;
}

static void
country_status_row (MaMapData *data, sqlite3_stmt *stmt)
{
  MaMapCountry *c = g_hash_table_lookup (data->countries, column (stmt, 0));
  int status = status_index (data, column (stmt, 1));
  guint count = (guint) sqlite3_column_int64 (stmt, 2);

  if (c == NULL)
    return;
  c->actions += count;
  if (status >= 0)
    c->statuses[status] += count;
}

static void
country_actions_row (MaMapData *data, sqlite3_stmt *stmt)
{
  MaMapCountry *c = g_hash_table_lookup (data->countries, column (stmt, 0));

  /* An Action in two countries counts once in each, once in the total. */
  if (c != NULL)
    c->actions = (guint) sqlite3_column_int64 (stmt, 1);
}

static void
country_activities_row (MaMapData *data, sqlite3_stmt *stmt)
{
  MaMapCountry *c = g_hash_table_lookup (data->countries, column (stmt, 0));

  if (c != NULL)
    c->activities = (guint) sqlite3_column_int64 (stmt, 1);
}

static void
region_row (MaMapData *data, sqlite3_stmt *stmt)
{
  const char *code = column (stmt, 0);
  guint count = (guint) sqlite3_column_int64 (stmt, 1);

  data->n_actions += count;
  for (guint i = 0; code != NULL && i < data->regions->len; i++)
    {
      MaMapRegion *r = g_ptr_array_index (data->regions, i);
      if (strcmp (r->code, code) == 0)
        r->actions = count;
    }
}

static void
total_row (MaMapData *data, sqlite3_stmt *stmt)
{
  data->n_actions = (guint) sqlite3_column_int64 (stmt, 0);
}

/* The same numbers as the aggregate queries, from the index's pass. */
static void
fill_from_result (MaMapData *data, MaActionResult *result)
{
  GHashTableIter iter;
  MaMapCountry *c;

  g_hash_table_iter_init (&iter, data->countries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      c->actions = ma_action_result_get_count (result, MA_FILTER_COUNTRY, c->code);
      c->activities = ma_action_result_get_country_activities (result, c->code);
      for (guint s = 0; s < data->statuses->len; s++)
        {
          MaTerm *term = g_ptr_array_index (data->statuses, s);
          c->statuses[s] = ma_action_result_get_country_status_count (result, c->code, term->code);
        }
    }
  for (guint i = 0; i < data->regions->len; i++)
    {
      MaMapRegion *r = g_ptr_array_index (data->regions, i);
      r->actions = ma_action_result_get_count (result, MA_FILTER_REGION, r->code);
    }
  data->n_actions = ma_action_result_get_n_items (result);
}

/* Feature → country: the zero-padded numeric id; a feature without one by its
 * name (Kosovo → XK); of two features with the same id the one whose name is the
 * country's (Australia, not Ashmore and Cartier Is.) — else the larger. */
static void
join_features (MaMapData *data, MaGeo *geo)
{
  g_autoptr (GHashTable) by_numeric = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  MaMapCountry *c;
  guint n = ma_geo_get_n_features (geo);

  g_hash_table_iter_init (&iter, data->countries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      if (c->numeric != NULL)
        g_hash_table_insert (by_numeric, (gpointer) c->numeric, c);
      if (c->name_en != NULL)
        g_hash_table_insert (by_name, (gpointer) c->name_en, c);
    }
  c = g_hash_table_lookup (data->countries, "XK");
  if (c != NULL)
    g_hash_table_insert (by_name, (gpointer) "Kosovo", c);

  g_ptr_array_set_size (data->feature_country, (gint) n);
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n; i++)
      {
        const char *id = ma_geo_feature_get_id (geo, i);
        const char *name = ma_geo_feature_get_name (geo, i);
        MaMapCountry *match = NULL;

        if (g_ptr_array_index (data->feature_country, i) != NULL)
          continue;
        if (pass == 0 && id != NULL)
          {
            /* first the features whose name agrees with the country's */
            match = g_hash_table_lookup (by_numeric, id);
            if (match != NULL && (name == NULL || g_strcmp0 (match->name_en, name) != 0))
              match = NULL;
          }
        else if (pass == 1 && id != NULL)
          match = g_hash_table_lookup (by_numeric, id);
        else if (pass == 2 && id == NULL && name != NULL)
          match = g_hash_table_lookup (by_name, name);
        if (match == NULL || g_hash_table_contains (taken, match->code))
          continue;
        if (pass == 1)
          {
            /* several features share the id: the largest one takes it */
            double best = -1, x0, y0, x1, y1;
            guint best_i = i;
            for (guint k = 0; k < n; k++)
              if (g_strcmp0 (ma_geo_feature_get_id (geo, k), id) == 0)
                {
                  ma_geo_feature_get_extents (geo, k, &x0, &y0, &x1, &y1);
                  if ((x1 - x0) * (y1 - y0) > best)
                    {
                      best = (x1 - x0) * (y1 - y0);
                      best_i = k;
                    }
                }
            if (best_i != i)
              continue;
          }
        g_ptr_array_index (data->feature_country, i) = match->code;
        g_hash_table_add (taken, match->code);
        g_hash_table_insert (data->country_feature, match->code, GUINT_TO_POINTER (i + 1));
      }
}

static void
append_names (GString *out,
              const char *label,
              MaStore *store,
              MaVocabulary vocabulary,
              const char *const *codes,
              const char *lang)
{
  g_autoptr (GString) names = g_string_new (NULL);

  if (codes == NULL || codes[0] == NULL)
    return;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *name = ma_store_term_name (store, vocabulary, codes[i], lang);
      if (i > 0)
        /* Translators: separates the names in a list of the map's caption. */
        g_string_append (names, _ (", "));
      g_string_append (names, name);
    }
  if (out->len > 0)
    /* Translators: separates the parts of the filter in the map's caption. */
    g_string_append (out, _ (" · "));
  /* Translators: "Status: Ongoing, Completed" in the map's caption; %1$s is the
   * name of the filter, %2$s the list of values. */
  g_string_append_printf (out, _ ("%1$s: %2$s"), label, names->str);
}

static char *
describe_filter (MaStore *store, MaFilter *filter, const char *lang)
{
  GString *out = g_string_new (NULL);
  const char *search;
  const char *from, *to;

  if (filter == NULL || ma_filter_is_empty (filter))
    {
      g_string_free (out, TRUE);
      return g_strdup (_ ("All Actions"));
    }
  search = ma_filter_get_search (filter);
  if (search != NULL && *search != '\0')
    /* Translators: the search text in the map's caption. */
    g_string_append_printf (out, _ ("Search: “%s”"), search);
  append_names (out, _ ("Status"), store, MA_VOCABULARY_STATUS,
                ma_filter_get_codes (filter, MA_FILTER_STATUS), lang);
  append_names (out, _ ("Region"), store, MA_VOCABULARY_REGION,
                ma_filter_get_codes (filter, MA_FILTER_REGION), lang);
  append_names (out, _ ("Country"), store, MA_VOCABULARY_COUNTRY,
                ma_filter_get_codes (filter, MA_FILTER_COUNTRY), lang);
  append_names (out, _ ("Thematic area"), store, MA_VOCABULARY_THEME,
                ma_filter_get_codes (filter, MA_FILTER_THEME), lang);
  append_names (out, _ ("Type"), store, MA_VOCABULARY_TYPE,
                ma_filter_get_codes (filter, MA_FILTER_TYPE), lang);
  {
    const char *const *partners = ma_filter_get_codes (filter, MA_FILTER_PARTNER);
    guint n = partners != NULL ? g_strv_length ((char **) partners) : 0;
    if (n > 0)
      {
        if (out->len > 0)
          g_string_append (out, _ (" · "));
        g_string_append_printf (out,
                                /* Translators: in the map's caption */
                                g_dngettext (GETTEXT_PACKAGE, "%u partner", "%u partners", n), n);
      }
  }
  from = ma_filter_get_date_from (filter);
  to = ma_filter_get_date_to (filter);
  if (from != NULL || to != NULL)
    {
      g_autofree char *span = ma_date_format_span (from, to, lang);
      if (out->len > 0)
        g_string_append (out, _ (" · "));
      g_string_append (out, span);
    }
  return g_string_free (out, FALSE);
}

MaMapData *
ma_map_data_query (
    MaActionQuery *query, MaGeo *geo, MaFilter *filter, const char *lang, GError **error)
{
  MaStore *store;
  g_autoptr (MaMapData) data = NULL;
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (GPtrArray) regions = NULL;
  const char *col = ma_store_lang_column (lang);

  g_return_val_if_fail (MA_IS_ACTION_QUERY (query), NULL);
  g_return_val_if_fail (geo != NULL, NULL);

  store = ma_action_query_get_store (query);
  data = g_new0 (MaMapData, 1);
  g_atomic_ref_count_init (&data->ref_count);
  data->lang = g_strdup (col);
  data->countries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, country_free);
  data->country_feature = g_hash_table_new (g_str_hash, g_str_equal);
  data->feature_country = g_ptr_array_new ();
  data->regions = g_ptr_array_new_with_free_func (region_free);

  data->statuses = ma_store_list_terms (store, MA_VOCABULARY_STATUS, lang, error);
  if (data->statuses == NULL)
    return NULL;
  regions = ma_store_list_terms (store, MA_VOCABULARY_REGION, lang, error);
  if (regions == NULL)
    return NULL;
  for (guint i = 0; i < regions->len; i++)
    {
      MaTerm *t = g_ptr_array_index (regions, i);
      MaMapRegion *r = g_new0 (MaMapRegion, 1);
      r->code = g_strdup (t->code);
      r->name = g_strdup (t->name);
      r->index = i;
      g_ptr_array_add (data->regions, r);
    }

  sql = g_strdup_printf ("SELECT code, numeric, region, name_en, name_%s FROM country", col);
  if (!run_query (store, sql, NULL, country_row, data, error))
    return NULL;
  join_features (data, geo);

  /* The in-memory index counts all of it in one pass (5 ms instead of ~0.5 s at
   * 100,000 Actions, bench/RESULTS.md), with the same results as the SQL below. */
  if (ma_action_query_has_index (query))
    {
      g_autoptr (MaActionResult) result = ma_action_query_actions (query, filter, error);
      if (result == NULL)
        return NULL;
      fill_from_result (data, result);
      data->filter_description = describe_filter (store, filter, lang);
      return g_steal_pointer (&data);
    }

  condition = ma_filter_sql_condition (filter, binds);
  g_free (sql);
  sql = g_strdup_printf ("SELECT ac.country, a.status, count(*) FROM action a "
                         "JOIN action_country ac ON ac.action = a.id "
                         "WHERE %s GROUP BY ac.country, a.status",
                         condition);
  if (!run_query (store, sql, binds, country_status_row, data, error))
    return NULL;
  g_free (sql);
  sql = g_strdup_printf ("SELECT ac.country, count(DISTINCT a.id) FROM action a "
                         "JOIN action_country ac ON ac.action = a.id "
                         "WHERE %s GROUP BY ac.country",
                         condition);
  if (!run_query (store, sql, binds, country_actions_row, data, error))
    return NULL;
  g_free (sql);
  sql = g_strdup_printf ("SELECT ac.country, count(*) FROM action a "
                         "JOIN action_country ac ON ac.action = a.id "
                         "JOIN activity v ON v.action = a.id "
                         "WHERE %s GROUP BY ac.country",
                         condition);
  if (!run_query (store, sql, binds, country_activities_row, data, error))
    return NULL;
  g_free (sql);
  sql = g_strdup_printf ("SELECT a.region, count(*) FROM action a WHERE %s GROUP BY a.region",
                         condition);
  if (!run_query (store, sql, binds, region_row, data, error))
    return NULL;
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM action a WHERE %s", condition);
  if (!run_query (store, sql, binds, total_row, data, error))
    return NULL;

  data->filter_description = describe_filter (store, filter, lang);
  return g_steal_pointer (&data);
}

MaMapData *
ma_map_data_ref (MaMapData *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ma_map_data_unref (MaMapData *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->feature_country, g_ptr_array_unref);
  g_clear_pointer (&self->country_feature, g_hash_table_unref);
  g_clear_pointer (&self->countries, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_free (self->filter_description);
  g_free (self->lang);
  g_free (self);
}

MaMapCountry *
ma_map_data_lookup (MaMapData *self, const char *code)
{
  return code != NULL ? g_hash_table_lookup (self->countries, code) : NULL;
}

MaMapRegion *
ma_map_data_lookup_region (MaMapData *self, const char *code)
{
  for (guint i = 0; code != NULL && i < self->regions->len; i++)
    {
      MaMapRegion *r = g_ptr_array_index (self->regions, i);
      if (strcmp (r->code, code) == 0)
        return r;
    }
  return NULL;
}

const char *
ma_map_data_get_feature_country (MaMapData *self, guint feature)
{
  if (feature >= self->feature_country->len)
    return NULL;
  return g_ptr_array_index (self->feature_country, feature);
}

int
ma_map_data_find_country (MaMapData *self, const char *code)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->country_feature, code)) - 1;
}

guint
ma_map_data_get_n_actions (MaMapData *self)
{
  return self->n_actions;
}

guint
ma_map_data_get_country_actions (MaMapData *self, const char *code)
{
  MaMapCountry *c = ma_map_data_lookup (self, code);
  return c != NULL ? c->actions : 0;
}

guint
ma_map_data_get_country_activities (MaMapData *self, const char *code)
{
  MaMapCountry *c = ma_map_data_lookup (self, code);
  return c != NULL ? c->activities : 0;
}

const char *
ma_map_data_get_country_name (MaMapData *self, const char *code)
{
  MaMapCountry *c = ma_map_data_lookup (self, code);
  return c != NULL ? c->name : NULL;
}

const char *
ma_map_data_get_country_region (MaMapData *self, const char *code)
{
  MaMapCountry *c = ma_map_data_lookup (self, code);
  return c != NULL ? c->region : NULL;
}

guint
ma_map_data_get_region_actions (MaMapData *self, const char *region)
{
  MaMapRegion *r = ma_map_data_lookup_region (self, region);
  return r != NULL ? r->actions : 0;
}

const char *
ma_map_data_get_filter_description (MaMapData *self)
{
  return self->filter_description;
}

char *
ma_map_data_describe_feature (MaMapData *self, guint feature)
{
  const char *code = ma_map_data_get_feature_country (self, feature);
  MaMapCountry *c = ma_map_data_lookup (self, code);
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (self->lang);
  g_autofree char *count = NULL;
  GString *out;

  if (c == NULL)
    return NULL;
  out = g_string_new (c->name);
  if (c->region != NULL)
    {
      MaMapRegion *r = ma_map_data_lookup_region (self, c->region);
      if (r != NULL)
        g_string_append_printf (out, "\n%s", r->name);
    }
  count = ma_format_int (c->actions, self->lang);
  g_string_append_c (out, '\n');
  if (c->actions == 0)
    g_string_append (out, _ ("No Actions"));
  else
    {
      gboolean first = TRUE;
      /* Translators: number of Actions in a country, in the map's tooltip */
      g_string_append_printf (
          out, g_dngettext (GETTEXT_PACKAGE, "%s Action", "%s Actions", c->actions), count);
      g_string_append (out, _ (": "));
      for (guint i = 0; i < self->statuses->len; i++)
        {
          MaTerm *t = g_ptr_array_index (self->statuses, i);
          if (c->statuses[i] == 0)
            continue;
          if (!first)
            g_string_append (out, _ (", "));
          /* Translators: a status and its number of Actions: "Ongoing 2" */
          g_string_append_printf (out, _ ("%1$s %2$u"), t->name, c->statuses[i]);
          first = FALSE;
        }
    }
  if (c->activities > 0)
    {
      g_autofree char *n = ma_format_int (c->activities, self->lang);
      g_string_append_c (out, '\n');
      /* Translators: number of activities in a country, in the map's tooltip */
      g_string_append_printf (
          out, g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", c->activities), n);
    }
  return g_string_free (out, FALSE);
}
