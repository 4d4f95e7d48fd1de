/* ma-action-result.c: the counts of a query, from the index or from SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-query"

#include "config.h"

#include "ma-action-result-private.h"
#include "ma-store-private.h"

const MaFilterDimension ma_dim_dimension[N_DIMS] = {
  MA_FILTER_STATUS, MA_FILTER_REGION, MA_FILTER_TYPE, MA_FILTER_COUNTRY, MA_FILTER_THEME,
};

static const char *const dim_vocabulary_sql[N_DIMS] = {
  "SELECT code FROM status ORDER BY position",      "SELECT code FROM region ORDER BY position",
  "SELECT code FROM action_type ORDER BY position", "SELECT code FROM country ORDER BY code",
  "SELECT code FROM theme ORDER BY position",
};

void
ma_dim_clear (MaDim *dim)
{
  g_clear_pointer (&dim->codes, g_ptr_array_unref);
  g_clear_pointer (&dim->lookup, g_hash_table_unref);
}

void
ma_dim_copy (MaDim *to, const MaDim *from)
{
  to->codes = g_ptr_array_ref (from->codes);
  to->lookup = g_hash_table_ref (from->lookup);
}

guint
ma_dim_size (const MaDim *dim)
{
  return dim->codes->len - 1;
}

int
ma_dim_find (const MaDim *dim, const char *code)
{
  gpointer value;

  if (code == NULL || dim->lookup == NULL)
    return -1;
  value = g_hash_table_lookup (dim->lookup, code);
  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

int
ma_dim_of (MaFilterDimension dimension)
{
  for (int d = 0; d < N_DIMS; d++)
    if (ma_dim_dimension[d] == dimension)
      return d;
  return -1;
}

gboolean
ma_dim_load (sqlite3 *db, int d, MaDim *dim, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, dim_vocabulary_sql[d], -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  dim->codes = g_ptr_array_new_with_free_func (g_free);
  dim->lookup = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (dim->codes, code);
      g_hash_table_insert (dim->lookup, code, GUINT_TO_POINTER (dim->codes->len));
    }
  g_ptr_array_add (dim->codes, NULL);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

MaActionResult *
ma_action_result_new (const MaDim *dims)
{
  MaActionResult *result = g_new0 (MaActionResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  for (guint d = 0; d < N_DIMS; d++)
    {
      ma_dim_copy (&result->dims[d], &dims[d]);
      result->counts[d] = g_new0 (guint, ma_dim_size (&dims[d]) + 1);
      result->facets[d] = g_new0 (guint, ma_dim_size (&dims[d]) + 1);
    }
  result->country_status = g_new0 (guint, (ma_dim_size (&dims[DIM_COUNTRY]) + 1) *
                                              (ma_dim_size (&dims[DIM_STATUS]) + 1));
  result->country_activities = g_new0 (guint, ma_dim_size (&dims[DIM_COUNTRY]) + 1);
  result->region_status =
      g_new0 (guint, (ma_dim_size (&dims[DIM_REGION]) + 1) * (ma_dim_size (&dims[DIM_STATUS]) + 1));
  return result;
}

MaActionResult *
ma_action_result_ref (MaActionResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
ma_action_result_free (MaActionResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  g_clear_pointer (&result->ids, g_array_unref);
  for (guint d = 0; d < N_DIMS; d++)
    {
      ma_dim_clear (&result->dims[d]);
      g_free (result->counts[d]);
      g_free (result->facets[d]);
    }
  g_free (result->country_status);
  g_free (result->country_activities);
  g_free (result->region_status);
  g_free (result);
}

guint
ma_action_result_get_n_items (MaActionResult *result)
{
  g_return_val_if_fail (result != NULL, 0);
  return result->n_items;
}

gboolean
ma_action_result_get_from_index (MaActionResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->from_index;
}

const char *const *
ma_action_result_get_codes (MaActionResult *result, MaFilterDimension dimension)
{
  static const char *const none[] = { NULL };
  int d = ma_dim_of (dimension);

  g_return_val_if_fail (result != NULL, none);
  return d >= 0 ? (const char *const *) result->dims[d].codes->pdata : none;
}

guint
ma_action_result_get_count (MaActionResult *result, MaFilterDimension dimension, const char *code)
{
  int d = ma_dim_of (dimension), index;

  g_return_val_if_fail (result != NULL, 0);
  if (d < 0 || (index = ma_dim_find (&result->dims[d], code)) < 0)
    return 0;
  return result->counts[d][index];
}

guint
ma_action_result_get_facet_count (MaActionResult *result,
                                  MaFilterDimension dimension,
                                  const char *code)
{
  int d = ma_dim_of (dimension), index;

  g_return_val_if_fail (result != NULL, 0);
  if (d < 0 || (index = ma_dim_find (&result->dims[d], code)) < 0)
    return 0;
  return result->facets[d][index];
}

guint
ma_action_result_get_country_status_count (MaActionResult *result,
                                           const char *country,
                                           const char *status)
{
  int c, s;

  g_return_val_if_fail (result != NULL, 0);
  c = ma_dim_find (&result->dims[DIM_COUNTRY], country);
  s = ma_dim_find (&result->dims[DIM_STATUS], status);
  if (c < 0 || s < 0)
    return 0;
  return result->country_status[c * ma_dim_size (&result->dims[DIM_STATUS]) + s];
}

guint
ma_action_result_get_country_activities (MaActionResult *result, const char *country)
{
  int c;

  g_return_val_if_fail (result != NULL, 0);
  c = ma_dim_find (&result->dims[DIM_COUNTRY], country);
  return c >= 0 ? result->country_activities[c] : 0;
}

guint
ma_action_result_get_region_status_count (MaActionResult *result,
                                          const char *region,
                                          const char *status)
{
  int r, s;

  g_return_val_if_fail (result != NULL, 0);
  r = region != NULL ? ma_dim_find (&result->dims[DIM_REGION], region)
                     : (int) ma_dim_size (&result->dims[DIM_REGION]);
  s = ma_dim_find (&result->dims[DIM_STATUS], status);
  if (r < 0 || s < 0)
    return 0;
  return result->region_status[r * ma_dim_size (&result->dims[DIM_STATUS]) + s];
}
