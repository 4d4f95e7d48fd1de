/* ma-store-actions.c: reading and editing Actions and their records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "ma-action-private.h"
#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

#define NOW_SQL "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
step_done (MaStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
run_valist (MaStore *self, GError **error, const char *sql, guint n_params, va_list args)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    sqlite3_bind_text (stmt, (int) i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

/* Runs one statement with text parameters (NULL binds NULL). */
static gboolean
run (MaStore *self, GError **error, const char *sql, guint n_params, ...)
{
  va_list args;
  gboolean ok;

  va_start (args, n_params);
  ok = run_valist (self, error, sql, n_params, args);
  va_end (args);
  return ok;
}

static gboolean
run_id (MaStore *self, GError **error, const char *sql, gint64 id, const char *text)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

static gboolean
record_history (MaStore *self,
                const char *record,
                gint64 id,
                const char *field,
                const char *old_value,
                const char *new_value,
                GError **error)
{
  sqlite3_stmt *stmt = ma_store_prepare (self,
                                         "INSERT INTO history (record, record_id, field, "
                                         "old_value, new_value) VALUES (?, ?, ?, ?, ?)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, new_value, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

static gint64
query_id (MaStore *self, const char *sql, const char *text, gint64 number, GError **error)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    {
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, 1, number);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      id = -1;
    }
  sqlite3_finalize (stmt);
  return id;
}

static char *
query_text (MaStore *self, const char *sql, gint64 id)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  return text;
}

static gboolean
set_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* Inserts one record from text parameters, writes its creation to the history
 * (HISTORY_VALUE as the new value) and emits MaStore::changed for ACTION, all in
 * one transaction. Returns the new id, or -1. */
static gint64
insert_record (MaStore *self,
               const char *record,
               const char *history_value,
               gint64 action,
               GError **error,
               const char *sql,
               guint n_params,
               ...)
{
  va_list args;
  gboolean ok;
  gint64 id;

  if (!ma_store_begin (self, error))
    return -1;
  va_start (args, n_params);
  ok = run_valist (self, error, sql, n_params, args);
  va_end (args);
  if (!ok)
    {
      ma_store_rollback (self);
      return -1;
    }
  id = sqlite3_last_insert_rowid (ma_store_get_db (self));
  if (!record_history (self, record, id, "*created*", NULL, history_value, error) ||
      !ma_store_commit (self, error))
    {
      ma_store_rollback (self);
      return -1;
    }
  /* A new Action is its own subject; a new child record changes its Action. */
  ma_store_emit_changed (self, g_str_equal (record, "action") ? id : action);
  return id;
}

static gboolean
require_action (MaStore *self, gint64 action, GError **error)
{
  if (query_id (self, "SELECT id FROM action WHERE id = ?", NULL, action, NULL) > 0)
    return TRUE;
  g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
               _ ("There is no Action number %lld"), (long long) action);
  return FALSE;
}

/* ---- Vocabularies ---------------------------------------------------------- */

GPtrArray *
ma_store_list_terms (MaStore *self, MaVocabulary vocabulary, const char *lang, GError **error)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_term_free);
  g_autofree char *sql = NULL;
  const char *column = ma_store_lang_column (lang);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);
  g_return_val_if_fail (vocabulary < MA_N_VOCABULARIES, NULL);

  if (vocabulary == MA_VOCABULARY_COUNTRY)
    /* A key per name (ma_sort_key) rather than two per comparison (COLLATE MA_NAME):
     * 250 countries sorted at every start-up, 15 times faster. */
    sql = g_strdup_printf ("SELECT code, name_%s, 0, 0, region FROM country "
                           "ORDER BY ma_sort_key (name_%s)",
                           column, column);
  else
    sql = g_strdup_printf ("SELECT code, name_%s, position, %s, NULL FROM %s ORDER BY position",
                           column, vocabulary == MA_VOCABULARY_STATUS ? "iati_code" : "0",
                           ma_vocabulary_table (vocabulary));
  stmt = ma_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MaTerm *term = g_new0 (MaTerm, 1);
      term->code = column_text (stmt, 0);
      term->name = column_text (stmt, 1);
      term->position = sqlite3_column_int (stmt, 2);
      term->iati = sqlite3_column_int (stmt, 3);
      term->region = column_text (stmt, 4);
      g_ptr_array_add (terms, term);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&terms);
}

char *
ma_store_term_name (MaStore *self, MaVocabulary vocabulary, const char *code, const char *lang)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  if (code == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT name_%s FROM %s WHERE code = ?", ma_store_lang_column (lang),
                         ma_vocabulary_table (vocabulary));
  stmt = ma_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return g_strdup (code);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  return name != NULL ? name : g_strdup (code);
}

gboolean
ma_store_term_exists (MaStore *self, MaVocabulary vocabulary, const char *code)
{
  g_autofree char *sql = NULL;

  if (code == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE code = ?", ma_vocabulary_table (vocabulary));
  return query_id (self, sql, code, 0, NULL) == 1;
}

static char **
query_strv (MaStore *self, const char *sql, gint64 id)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (values, column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

#define ACTION_COLUMNS                                                                             \
  "SELECT a.id, a.uuid, a.code, a.title, a.summary, a.lang, a.type, a.status, a.start_date, "      \
  "a.end_date, a.region, a.builds_on, (SELECT coalesce (b.code, b.title) FROM action b "           \
  "WHERE b.id = a.builds_on), a.notes, a.created, a.updated, t.title, t.summary "                  \
  "FROM action a LEFT JOIN action_text t ON t.action = a.id AND t.lang = ?2 "

/* An Action from a row of ACTION_COLUMNS, without its countries and themes. */
static MaAction *
read_action_row (sqlite3_stmt *stmt, const char *code)
{
  MaAction *action = ma_action_new ();

  action->id = sqlite3_column_int64 (stmt, 0);
  action->uuid = column_text (stmt, 1);
  action->code = column_text (stmt, 2);
  action->original_title = column_text (stmt, 3);
  action->original_summary = column_text (stmt, 4);
  action->lang = column_text (stmt, 5);
  action->type = column_text (stmt, 6);
  action->status = column_text (stmt, 7);
  action->start_date = column_text (stmt, 8);
  action->end_date = column_text (stmt, 9);
  action->region = column_text (stmt, 10);
  action->builds_on = sqlite3_column_int64 (stmt, 11);
  action->builds_on_code = column_text (stmt, 12);
  action->notes = column_text (stmt, 13);
  action->created = column_text (stmt, 14);
  action->updated = column_text (stmt, 15);
  if (strcmp (code, action->lang) != 0 && sqlite3_column_type (stmt, 16) != SQLITE_NULL)
    {
      action->title = column_text (stmt, 16);
      action->title_lang = g_strdup (code);
    }
  else
    {
      action->title = g_strdup (action->original_title);
      action->title_lang = g_strdup (action->lang);
    }
  if (strcmp (code, action->lang) != 0 && sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    action->summary = column_text (stmt, 17);
  else
    action->summary = g_strdup (action->original_summary);
  return action;
}

MaAction *
ma_store_get_action (MaStore *self, gint64 id, const char *lang, GError **error)
{
  g_autoptr (MaAction) action = NULL;
  const char *code = ma_store_lang_column (lang);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self, ACTION_COLUMNS "WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                     _ ("There is no Action number %lld"), (long long) id);
      else
        ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  action = read_action_row (stmt, code);
  sqlite3_finalize (stmt);

  action->countries = query_strv (self,
                                  "SELECT country FROM action_country WHERE action = ? "
                                  "ORDER BY country",
                                  id);
  action->themes = query_strv (self,
                               "SELECT t.code FROM action_theme at JOIN theme t ON t.code = "
                               "at.theme WHERE at.action = ? ORDER BY t.position",
                               id);
  return g_steal_pointer (&action);
}

/* Fills FIELD (countries or themes) of the Actions in BY_ID from (action, code) rows. */
static gboolean
read_action_links (MaStore *self,
                   const char *sql,
                   const char *ids,
                   GHashTable *by_id,
                   gboolean countries,
                   GError **error)
{
  g_autoptr (GHashTable) lists =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      MaAction *action = g_hash_table_lookup (by_id, &id);
      GPtrArray *list;

      if (action == NULL)
        continue;
      list = g_hash_table_lookup (lists, &action->id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (lists, &action->id, list);
        }
      g_ptr_array_add (list, column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MaAction *action = value;
      GPtrArray *list = g_hash_table_lookup (lists, key);
      char **strv;

      if (list != NULL)
        {
          g_ptr_array_add (list, NULL);
          strv = g_memdup2 (list->pdata, list->len * sizeof (char *));
        }
      else
        strv = g_new0 (char *, 1);
      if (countries)
        action->countries = strv;
      else
        action->themes = strv;
    }
  return TRUE;
}

GPtrArray *
ma_store_get_actions (
    MaStore *self, const gint64 *ids, guint n_ids, const char *lang, GError **error)
{
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GString) json = g_string_new ("[");
  g_autoptr (GPtrArray) ordered = NULL;
  const char *code = ma_store_lang_column (lang);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  stmt = ma_store_prepare (self, ACTION_COLUMNS "WHERE a.id IN (SELECT value FROM json_each (?1))",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MaAction *action = read_action_row (stmt, code);
      g_ptr_array_add (actions, action);
      g_hash_table_insert (by_id, &action->id, action);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      return NULL;
    }
  if (!read_action_links (self,
                          "SELECT action, country FROM action_country WHERE action IN "
                          "(SELECT value FROM json_each (?1)) ORDER BY action, country",
                          json->str, by_id, TRUE, error) ||
      !read_action_links (self,
                          "SELECT at.action, t.code FROM action_theme at JOIN theme t ON t.code = "
                          "at.theme WHERE at.action IN (SELECT value FROM json_each (?1)) "
                          "ORDER BY at.action, t.position",
                          json->str, by_id, FALSE, error))
    return NULL;

  /* In the order asked. */
  ordered = g_ptr_array_new_full (actions->len, g_object_unref);
  for (guint i = 0; i < n_ids; i++)
    {
      MaAction *action = g_hash_table_lookup (by_id, &ids[i]);
      if (action != NULL && g_hash_table_remove (by_id, &ids[i]))
        g_ptr_array_add (ordered, g_object_ref (action));
    }
  return g_steal_pointer (&ordered);
}

gint64
ma_store_find_action (MaStore *self, const char *code_or_uuid, GError **error)
{
  gint64 id;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  id = query_id (self,
                 "SELECT id FROM action WHERE uuid = ?1 OR code = ?1 COLLATE NOCASE "
                 "OR CAST (id AS TEXT) = ?1 ORDER BY uuid = ?1 DESC LIMIT 1",
                 code_or_uuid, 0, error);
  if (id == 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND, _ ("There is no Action “%s”"),
                   code_or_uuid);
      return -1;
    }
  return id;
}

/* ---- Editing Actions ------------------------------------------------------- */

static gboolean
validate_term (
    MaStore *self, MaVocabulary vocabulary, const char *code, const char *message, GError **error)
{
  if (code == NULL || ma_store_term_exists (self, vocabulary, code))
    return TRUE;
  g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID, message, code);
  return FALSE;
}

static gboolean
validate_title (const char *title, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (trimmed[0] == '\0')
    return set_invalid (error, _ ("The title cannot be empty"));
  return TRUE;
}

static char *
empty_to_null (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  return trimmed[0] != '\0' ? g_steal_pointer (&trimmed) : NULL;
}

gint64
ma_store_create_action (MaStore *self, const char *title, const char *status, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (status == NULL)
    status = "request";
  if (!validate_title (title, error) ||
      !validate_term (self, MA_VOCABULARY_STATUS, status, _ ("“%s” is not a status"), error))
    return -1;
  return insert_record (self, "action", title, 0, error,
                        "INSERT INTO action (uuid, title, status, lang) VALUES (?, trim (?), ?, ?)",
                        4, uuid, title, status, ma_store_lang_column (NULL));
}

gint64
ma_store_duplicate_action (MaStore *self, gint64 id, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *title = query_text (self, "SELECT title FROM action WHERE id = ?", id);
  g_autofree char *copy_title = NULL;
  gint64 copy;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (title == NULL)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no Action number %lld"), (long long) id);
      return -1;
    }
  /* Translators: the title of a duplicated Action; %s is the original title. */
  copy_title = g_strdup_printf (_ ("%s (copy)"), title);
  if (!ma_store_begin (self, error))
    return -1;
  {
    sqlite3_stmt *stmt = ma_store_prepare (
        self,
        "INSERT INTO action (uuid, title, summary, lang, type, status, start_date, end_date, "
        "region, builds_on, notes) SELECT ?, ?, summary, lang, type, status, start_date, "
        "end_date, region, builds_on, notes FROM action WHERE id = ?",
        error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, copy_title, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, id);
    if (!step_done (self, stmt, error))
      goto fail;
  }
  copy = sqlite3_last_insert_rowid (ma_store_get_db (self));
  {
    g_autofree char *copy_text = g_strdup_printf ("%" G_GINT64_FORMAT, copy);
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    if (!run (self, error,
              "INSERT INTO action_country SELECT ?, country FROM action_country WHERE action = ?",
              2, copy_text, id_text) ||
        !run (self, error,
              "INSERT INTO action_theme SELECT ?, theme FROM action_theme WHERE action = ?", 2,
              copy_text, id_text) ||
        !run (self, error,
              "INSERT INTO action_partner SELECT ?, partner FROM action_partner WHERE action = ?",
              2, copy_text, id_text) ||
        !run (self, error,
              "INSERT INTO action_text SELECT ?, lang, title, summary FROM action_text WHERE "
              "action = ?",
              2, copy_text, id_text) ||
        !record_history (self, "action", copy, "*created*", NULL, copy_title, error) ||
        !ma_store_commit (self, error))
      goto fail;
  }
  ma_store_emit_changed (self, copy);
  return copy;

fail:
  ma_store_rollback (self);
  return -1;
}

gboolean
ma_store_set_action_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error)
{
  static const char *const fields[] = { "code",  "title",      "summary",  "lang",
                                        "type",  "status",     "region",   "builds_on",
                                        "notes", "start_date", "end_date", NULL };
  g_autofree char *stored = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int changes;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  g_return_val_if_fail (field != NULL && g_strv_contains (fields, field), FALSE);

  if (strcmp (field, "title") == 0)
    {
      if (!validate_title (value, error))
        return FALSE;
      stored = empty_to_null (value);
    }
  else if (strcmp (field, "start_date") == 0 || strcmp (field, "end_date") == 0)
    {
      g_autofree char *other = NULL;
      gboolean is_start = strcmp (field, "start_date") == 0;

      if (!ma_date_parse (value, &stored, error))
        return FALSE;
      other = query_text (self,
                          is_start ? "SELECT end_date FROM action WHERE id = ?"
                                   : "SELECT start_date FROM action WHERE id = ?",
                          id);
      if (!ma_date_check_span (is_start ? stored : other, is_start ? other : stored, error))
        return FALSE;
    }
  else if (strcmp (field, "status") == 0)
    {
      stored = empty_to_null (value);
      if (stored == NULL)
        return set_invalid (error, _ ("An Action must have a status"));
      if (!validate_term (self, MA_VOCABULARY_STATUS, stored, _ ("“%s” is not a status"), error))
        return FALSE;
    }
  else if (strcmp (field, "type") == 0)
    {
      stored = empty_to_null (value);
      if (!validate_term (self, MA_VOCABULARY_TYPE, stored, _ ("“%s” is not a type of Action"),
                          error))
        return FALSE;
    }
  else if (strcmp (field, "region") == 0)
    {
      stored = empty_to_null (value);
      if (!validate_term (self, MA_VOCABULARY_REGION, stored, _ ("“%s” is not a region"), error))
        return FALSE;
    }
  else if (strcmp (field, "lang") == 0)
    {
      if (value == NULL ||
          !g_strv_contains ((const char *const[]){ "en", "fr", "es", NULL }, value))
        return set_invalid (error, _ ("The language must be English, French or Spanish"));
      stored = g_strdup (value);
    }
  else if (strcmp (field, "builds_on") == 0)
    {
      stored = empty_to_null (value);
      if (stored != NULL)
        {
          gint64 other = ma_store_find_action (self, stored, error);
          if (other < 0)
            return FALSE;
          if (other == id)
            return set_invalid (error, _ ("An Action cannot build on itself"));
          g_free (stored);
          stored = g_strdup_printf ("%" G_GINT64_FORMAT, other);
        }
    }
  else if (strcmp (field, "code") == 0)
    {
      stored = empty_to_null (value);
      if (stored != NULL &&
          query_id (self, "SELECT id FROM action WHERE code = ?", stored, 0, NULL) > 0)
        {
          gint64 owner = query_id (self, "SELECT id FROM action WHERE code = ?", stored, 0, NULL);
          if (owner != id)
            {
              g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID,
                           _ ("Another Action already has the code “%s”"), stored);
              return FALSE;
            }
        }
    }
  else
    stored = empty_to_null (value);

  sql = g_strconcat ("UPDATE action SET ", field, " = ?, updated = " NOW_SQL " WHERE id = ? AND ",
                     field, " IS NOT ?", NULL);
  if (!ma_store_begin (self, error))
    return FALSE;
  stmt = ma_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      ma_store_rollback (self);
      return FALSE;
    }
  if (strcmp (field, "builds_on") == 0 && stored != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (stored, NULL, 10));
      sqlite3_bind_int64 (stmt, 3, g_ascii_strtoll (stored, NULL, 10));
    }
  else
    {
      sqlite3_bind_text (stmt, 1, stored, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, stored, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  changes = sqlite3_changes (ma_store_get_db (self));
  if (changes == 0 && query_id (self, "SELECT id FROM action WHERE id = ?", NULL, id, NULL) == 0)
    {
      ma_store_rollback (self);
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no Action number %lld"), (long long) id);
      return FALSE;
    }
  if (!ma_store_commit (self, error))
    return FALSE;
  if (changes > 0)
    ma_store_emit_changed (self, id);
  return TRUE;
}

gboolean
ma_store_set_action_text (MaStore *self,
                          gint64 id,
                          const char *lang,
                          const char *title,
                          const char *summary,
                          GError **error)
{
  g_autofree char *t = empty_to_null (title);
  g_autofree char *s = empty_to_null (summary);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *old_title = NULL;
  const char *code = ma_i18n_normalize (lang);
  gboolean ok;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  if (code == NULL)
    return set_invalid (error, _ ("The language must be English, French or Spanish"));

  if (!ma_store_begin (self, error))
    return FALSE;
  {
    sqlite3_stmt *stmt = ma_store_prepare (
        self, "SELECT title FROM action_text WHERE action = ? AND lang = ?", NULL);
    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          old_title = column_text (stmt, 0);
        sqlite3_finalize (stmt);
      }
  }
  if (t == NULL && s == NULL)
    ok = run (self, error, "DELETE FROM action_text WHERE action = ? AND lang = ?", 2, id_text,
              code);
  else
    ok = run (self, error,
              "INSERT INTO action_text (action, lang, title, summary) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (action, lang) DO UPDATE SET title = excluded.title, "
              "summary = excluded.summary",
              4, id_text, code, t, s);
  if (ok)
    {
      g_autofree char *field = g_strdup_printf ("text_%s", code);
      ok = record_history (self, "action", id, field, old_title, t, error) &&
           run (self, error, "UPDATE action SET updated = " NOW_SQL " WHERE id = ?", 1, id_text);
    }
  if (!ok || !ma_store_commit (self, error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  ma_store_emit_changed (self, id);
  return TRUE;
}

/* Replaces the set of linked codes, writing one history row per addition or
 * removal, all in one transaction. */
static gboolean
set_links (MaStore *self,
           gint64 id,
           const char *link_table,
           const char *column,
           const char *history_field,
           const char *const *values,
           GError **error)
{
  g_autofree char *select_sql =
      g_strdup_printf ("SELECT %s FROM %s WHERE action = ?", column, link_table);
  g_autofree char *insert_sql =
      g_strdup_printf ("INSERT INTO %s (action, %s) VALUES (?1, ?2)", link_table, column);
  g_autofree char *delete_sql =
      g_strdup_printf ("DELETE FROM %s WHERE action = ?1 AND %s = ?2", link_table, column);
  g_auto (GStrv) current = NULL;
  gboolean changed = FALSE;

  if (query_id (self, "SELECT id FROM action WHERE id = ?", NULL, id, NULL) == 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no Action number %lld"), (long long) id);
      return FALSE;
    }
  if (!ma_store_begin (self, error))
    return FALSE;
  current = query_strv (self, select_sql, id);
  for (guint i = 0; current[i] != NULL; i++)
    if (values == NULL || !g_strv_contains (values, current[i]))
      {
        if (!run_id (self, error, delete_sql, id, current[i]) ||
            !record_history (self, "action", id, history_field, current[i], NULL, error))
          goto fail;
        changed = TRUE;
      }
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) current, values[i]))
      {
        if (!run_id (self, error, insert_sql, id, values[i]) ||
            !record_history (self, "action", id, history_field, NULL, values[i], error))
          goto fail;
        changed = TRUE;
      }
  if (changed &&
      !run_id (self, error, "UPDATE action SET updated = " NOW_SQL " WHERE id = ?", id, NULL))
    goto fail;
  if (!ma_store_commit (self, error))
    return FALSE;
  if (changed)
    ma_store_emit_changed (self, id);
  return TRUE;

fail:
  ma_store_rollback (self);
  return FALSE;
}

gboolean
ma_store_set_action_countries (MaStore *self, gint64 id, const char *const *codes, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!validate_term (self, MA_VOCABULARY_COUNTRY, codes[i], _ ("“%s” is not a country code"),
                        error))
      return FALSE;
  return set_links (self, id, "action_country", "country", "countries", codes, error);
}

gboolean
ma_store_set_action_themes (MaStore *self, gint64 id, const char *const *codes, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!validate_term (self, MA_VOCABULARY_THEME, codes[i], _ ("“%s” is not a thematic area"),
                        error))
      return FALSE;
  return set_links (self, id, "action_theme", "theme", "themes", codes, error);
}

gboolean
ma_store_set_action_partners (
    MaStore *self, gint64 id, const gint64 *partners, guint n_partners, GError **error)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  for (guint i = 0; i < n_partners; i++)
    {
      if (query_id (self, "SELECT id FROM partner WHERE id = ?", NULL, partners[i], NULL) <= 0)
        {
          g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID,
                       _ ("There is no partner number %lld"), (long long) partners[i]);
          return FALSE;
        }
      g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, partners[i]));
    }
  g_ptr_array_add (values, NULL);
  return set_links (self, id, "action_partner", "partner", "partners",
                    (const char *const *) values->pdata, error);
}

/* ---- Deleting and restoring -------------------------------------------------- */

static const char snapshot_sql[] =
    "SELECT json_object ("
    " 'action', (SELECT json_object ('id', id, 'uuid', uuid, 'code', code, 'title', title,"
    "   'summary', summary, 'lang', lang, 'type', type, 'status', status, 'start_date',"
    "   start_date, 'end_date', end_date, 'region', region, 'builds_on', builds_on, 'notes',"
    "   notes, 'created', created, 'updated', updated) FROM action WHERE id = ?1),"
    " 'texts', json ((SELECT json_group_array (json_object ('lang', lang, 'title', title,"
    "   'summary', summary)) FROM action_text WHERE action = ?1)),"
    " 'countries', json ((SELECT json_group_array (country) FROM action_country"
    "   WHERE action = ?1)),"
    " 'themes', json ((SELECT json_group_array (theme) FROM action_theme WHERE action = ?1)),"
    " 'partners', json ((SELECT json_group_array (partner) FROM action_partner"
    "   WHERE action = ?1)),"
    " 'activities', json ((SELECT json_group_array (json_object ('id', id, 'uuid', uuid,"
    "   'kind', kind, 'format', format, 'start_date', start_date, 'end_date', end_date,"
    "   'place', place, 'participants', participants, 'description', description,"
    "   'experts', json ((SELECT json_group_array (expert) FROM activity_expert e"
    "     WHERE e.activity = v.id)))) FROM activity v WHERE action = ?1)),"
    " 'outputs', json ((SELECT json_group_array (json_object ('id', id, 'uuid', uuid, 'kind',"
    "   kind, 'title', title)) FROM output WHERE action = ?1)),"
    " 'built_on_by', json ((SELECT json_group_array (id) FROM action WHERE builds_on = ?1)))";

gint64
ma_store_delete_action (MaStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *snapshot = NULL;
  gint64 deletion;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (!ma_store_begin (self, error))
    return -1;
  stmt = ma_store_prepare (self, snapshot_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snapshot = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  if (snapshot == NULL ||
      query_id (self, "SELECT id FROM action WHERE id = ?", NULL, id, NULL) <= 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no Action number %lld"), (long long) id);
      goto fail;
    }
  if (!record_history (self, "action", id, "*deleted*", snapshot, NULL, error))
    goto fail;
  deletion = sqlite3_last_insert_rowid (ma_store_get_db (self));
  if (!run_id (self, error, "DELETE FROM action WHERE id = ?", id, NULL) ||
      !ma_store_commit (self, error))
    goto fail;
  ma_store_emit_changed (self, id);
  return deletion;

fail:
  ma_store_rollback (self);
  return -1;
}

static const char *const restore_sql[] = {
  "INSERT INTO action (id, uuid, code, title, summary, lang, type, status, start_date,"
  " end_date, region, builds_on, notes, created, updated)"
  " SELECT j->>'id', j->>'uuid', j->>'code', j->>'title', j->>'summary', j->>'lang',"
  " j->>'type', j->>'status', j->>'start_date', j->>'end_date', j->>'region',"
  " (SELECT id FROM action WHERE id = j->>'builds_on'), j->>'notes', j->>'created',"
  " j->>'updated' FROM (SELECT ?1 -> '$.action' AS j)",
  "INSERT INTO action_text (action, lang, title, summary) SELECT ?2, value->>'lang',"
  " value->>'title', value->>'summary' FROM json_each (?1, '$.texts')",
  "INSERT INTO action_country (action, country) SELECT ?2, value FROM json_each (?1,"
  " '$.countries') WHERE value IN (SELECT code FROM country)",
  "INSERT INTO action_theme (action, theme) SELECT ?2, value FROM json_each (?1, '$.themes')"
  " WHERE value IN (SELECT code FROM theme)",
  "INSERT INTO action_partner (action, partner) SELECT ?2, value FROM json_each (?1,"
  " '$.partners') WHERE value IN (SELECT id FROM partner)",
  "INSERT INTO activity (id, uuid, action, kind, format, start_date, end_date, place,"
  " participants, description) SELECT value->>'id', value->>'uuid', ?2, value->>'kind',"
  " value->>'format', value->>'start_date', value->>'end_date', value->>'place',"
  " value->>'participants', value->>'description' FROM json_each (?1, '$.activities')",
  "INSERT INTO activity_expert (activity, expert) SELECT a.value->>'id', e.value FROM"
  " json_each (?1, '$.activities') AS a, json_each (a.value, '$.experts') AS e"
  " WHERE e.value IN (SELECT id FROM expert)",
  "INSERT INTO output (id, uuid, action, kind, title) SELECT value->>'id', value->>'uuid', ?2,"
  " value->>'kind', value->>'title' FROM json_each (?1, '$.outputs')",
  "UPDATE action SET builds_on = ?2 WHERE builds_on IS NULL AND id IN (SELECT value FROM"
  " json_each (?1, '$.built_on_by'))",
};

/* Brings back a deleted activity or output from its SNAPSHOT (activity_snapshot_sql,
 * output_snapshot_sql), inside a transaction; returns its Action. */
static const char *const restore_activity_sql[] = {
  "INSERT INTO activity (id, uuid, action, kind, format, start_date, end_date, place,"
  " participants, description) SELECT j->>'id', j->>'uuid', j->>'action', j->>'kind',"
  " j->>'format', j->>'start_date', j->>'end_date', j->>'place', j->>'participants',"
  " j->>'description' FROM (SELECT json (?1) AS j)",
  "INSERT INTO activity_expert (activity, expert) SELECT ?1 ->> 'id', value FROM"
  " json_each (?1, '$.experts') WHERE value IN (SELECT id FROM expert)",
};
static const char *const restore_output_sql[] = {
  "INSERT INTO output (id, uuid, action, kind, title) SELECT j->>'id', j->>'uuid',"
  " j->>'action', j->>'kind', j->>'title' FROM (SELECT json (?1) AS j)",
};

static gint64
undo_delete_child (
    MaStore *self, const char *record, gint64 id, const char *snapshot, GError **error)
{
  gboolean activity = strcmp (record, "activity") == 0;
  const char *const *sql = activity ? restore_activity_sql : restore_output_sql;
  guint n = activity ? G_N_ELEMENTS (restore_activity_sql) : G_N_ELEMENTS (restore_output_sql);
  g_autofree char *exists = g_strdup_printf ("SELECT id FROM %s WHERE id = ?", record);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gint64 action;

  if (!json_parser_load_from_data (parser, snapshot, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                           _ ("There is no deletion to undo"));
      return -1;
    }
  action = json_object_get_int_member_with_default (
      json_node_get_object (json_parser_get_root (parser)), "action", 0);
  if (query_id (self, exists, NULL, id, NULL) > 0)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS,
                           _ ("The record has already been restored"));
      return -1;
    }
  if (!require_action (self, action, error))
    return -1;
  if (!ma_store_begin (self, error))
    return -1;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = ma_store_prepare (self, sql[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, snapshot, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!record_history (self, record, id, "*restored*", NULL, NULL, error) ||
      !run_id (self, error, "UPDATE action SET updated = " NOW_SQL " WHERE id = ?", action, NULL) ||
      !ma_store_commit (self, error))
    goto fail;
  ma_store_emit_changed (self, action);
  return action;

fail:
  ma_store_rollback (self);
  return -1;
}

gint64
ma_store_undo_delete (MaStore *self, gint64 deletion, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *snapshot = NULL;
  g_autofree char *record = NULL;
  gint64 id = 0;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  stmt = ma_store_prepare (self,
                           "SELECT old_value, record_id, record FROM history WHERE id = ? AND "
                           "record IN ('action', 'activity', 'output') AND field = '*deleted*'",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, deletion);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      snapshot = column_text (stmt, 0);
      id = sqlite3_column_int64 (stmt, 1);
      record = column_text (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (snapshot == NULL)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                           _ ("There is no deletion to undo"));
      return -1;
    }
  if (strcmp (record, "action") != 0)
    return undo_delete_child (self, record, id, snapshot, error);
  if (query_id (self, "SELECT id FROM action WHERE id = ?", NULL, id, NULL) > 0)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS,
                           _ ("The Action has already been restored"));
      return -1;
    }

  if (!ma_store_begin (self, error))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (restore_sql); i++)
    {
      stmt = ma_store_prepare (self, restore_sql[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, snapshot, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!record_history (self, "action", id, "*restored*", NULL, NULL, error) ||
      !ma_store_commit (self, error))
    goto fail;
  ma_store_emit_changed (self, 0);
  return id;

fail:
  ma_store_rollback (self);
  return -1;
}

/* ---- Partners ------------------------------------------------------------------ */

static MaPartner *
read_partner (sqlite3_stmt *stmt)
{
  MaPartner *partner = g_new0 (MaPartner, 1);

  partner->id = sqlite3_column_int64 (stmt, 0);
  partner->uuid = column_text (stmt, 1);
  partner->name = column_text (stmt, 2);
  partner->kind = column_text (stmt, 3);
  partner->country = column_text (stmt, 4);
  partner->notes = column_text (stmt, 5);
  return partner;
}

GPtrArray *
ma_store_list_partners (MaStore *self, gint64 action, GError **error)
{
  g_autoptr (GPtrArray) partners =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ma_partner_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt =
      ma_store_prepare (self,
                        action > 0 ? "SELECT p.id, p.uuid, p.name, p.kind, p.country, p.notes FROM "
                                     "partner p JOIN action_partner ap ON ap.partner = p.id WHERE "
                                     "ap.action = ? ORDER BY p.name COLLATE MA_NAME"
                                   : "SELECT id, uuid, name, kind, country, notes FROM partner "
                                     "ORDER BY ma_sort_key (name)",
                        error);
  if (stmt == NULL)
    return NULL;
  if (action > 0)
    sqlite3_bind_int64 (stmt, 1, action);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (partners, read_partner (stmt));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&partners);
}

gint64
ma_store_find_partner (MaStore *self, const char *name_or_uuid, GError **error)
{
  gint64 id;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  id = query_id (self,
                 "SELECT id FROM partner WHERE uuid = ?1 OR name = ?1 COLLATE NOCASE "
                 "OR CAST (id AS TEXT) = ?1 LIMIT 1",
                 name_or_uuid, 0, error);
  if (id == 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND, _ ("There is no partner “%s”"),
                   name_or_uuid);
      return -1;
    }
  return id;
}

gint64
ma_store_create_partner (
    MaStore *self, const char *name, const char *kind, const char *country, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *trimmed = empty_to_null (name);

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (trimmed == NULL)
    {
      set_invalid (error, _ ("The name of the partner cannot be empty"));
      return -1;
    }
  if (!validate_term (self, MA_VOCABULARY_PARTNER_KIND, kind, _ ("“%s” is not a kind of partner"),
                      error) ||
      !validate_term (self, MA_VOCABULARY_COUNTRY, country, _ ("“%s” is not a country code"),
                      error))
    return -1;
  return insert_record (self, "partner", trimmed, 0, error,
                        "INSERT INTO partner (uuid, name, kind, country) VALUES (?, ?, ?, ?)", 4,
                        uuid, trimmed, kind, country);
}

/* One field of a record other than an Action, validated by the caller. */
static gboolean
update_field (MaStore *self,
              const char *table,
              gint64 id,
              const char *field,
              const char *value,
              gboolean as_integer,
              GError **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, field);
  sqlite3_stmt *stmt;
  gint64 action = 0;

  if (!ma_store_begin (self, error))
    return FALSE;
  stmt = ma_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  if (as_integer && value != NULL)
    sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (value, NULL, 10));
  else
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (ma_store_get_db (self)) == 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("The record was deleted in the meantime"));
      goto fail;
    }
  if (strcmp (table, "activity") == 0 || strcmp (table, "output") == 0)
    {
      g_autofree char *find = g_strdup_printf ("SELECT action FROM %s WHERE id = ?", table);
      action = query_id (self, find, NULL, id, NULL);
      if (!run_id (self, error, "UPDATE action SET updated = " NOW_SQL " WHERE id = ?", action,
                   NULL))
        goto fail;
    }
  if (!ma_store_commit (self, error))
    return FALSE;
  ma_store_emit_changed (self, action);
  return TRUE;

fail:
  ma_store_rollback (self);
  return FALSE;
}

gboolean
ma_store_set_partner_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error)
{
  g_autofree char *stored = empty_to_null (value);

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  if (strcmp (field, "name") == 0 && stored == NULL)
    return set_invalid (error, _ ("The name of the partner cannot be empty"));
  if (strcmp (field, "kind") == 0 && !validate_term (self, MA_VOCABULARY_PARTNER_KIND, stored,
                                                     _ ("“%s” is not a kind of partner"), error))
    return FALSE;
  if (strcmp (field, "country") == 0 &&
      !validate_term (self, MA_VOCABULARY_COUNTRY, stored, _ ("“%s” is not a country code"), error))
    return FALSE;
  g_return_val_if_fail (
      g_strv_contains ((const char *const[]){ "name", "kind", "country", "notes", NULL }, field),
      FALSE);
  return update_field (self, "partner", id, field, stored, FALSE, error);
}

/* ---- Activities ---------------------------------------------------------------- */

GPtrArray *
ma_store_list_activities (MaStore *self, gint64 action, GError **error)
{
  g_autoptr (GPtrArray) activities =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ma_activity_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self,
                           "SELECT id, uuid, action, kind, format, start_date, end_date, place, "
                           "participants, description FROM activity WHERE action = ? "
                           "ORDER BY start_date NULLS LAST, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MaActivity *activity = g_new0 (MaActivity, 1);
      activity->id = sqlite3_column_int64 (stmt, 0);
      activity->uuid = column_text (stmt, 1);
      activity->action = sqlite3_column_int64 (stmt, 2);
      activity->kind = column_text (stmt, 3);
      activity->format = column_text (stmt, 4);
      activity->start_date = column_text (stmt, 5);
      activity->end_date = column_text (stmt, 6);
      activity->place = column_text (stmt, 7);
      activity->participants =
          sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 8);
      activity->description = column_text (stmt, 9);
      g_ptr_array_add (activities, activity);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&activities);
}

gint64
ma_store_create_activity (MaStore *self, gint64 action, const char *kind, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *action_text = g_strdup_printf ("%" G_GINT64_FORMAT, action);

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (!validate_term (self, MA_VOCABULARY_ACTIVITY_KIND, kind, _ ("“%s” is not a kind of activity"),
                      error))
    return -1;
  if (!require_action (self, action, error))
    return -1;
  return insert_record (self, "activity", kind, action, error,
                        "INSERT INTO activity (uuid, action, kind) VALUES (?, ?, ?)", 3, uuid,
                        action_text, kind);
}

gboolean
ma_store_set_activity_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  g_return_val_if_fail (
      g_strv_contains ((const char *const[]){ "kind", "format", "start_date", "end_date", "place",
                                              "participants", "description", NULL },
                       field),
      FALSE);

  if (strcmp (field, "start_date") == 0 || strcmp (field, "end_date") == 0)
    {
      gboolean is_start = strcmp (field, "start_date") == 0;
      g_autofree char *other = NULL;

      if (!ma_date_parse (value, &stored, error))
        return FALSE;
      other = query_text (self,
                          is_start ? "SELECT end_date FROM activity WHERE id = ?"
                                   : "SELECT start_date FROM activity WHERE id = ?",
                          id);
      if (!ma_date_check_span (is_start ? stored : other, is_start ? other : stored, error))
        return FALSE;
      return update_field (self, "activity", id, field, stored, FALSE, error);
    }
  stored = empty_to_null (value);
  if (strcmp (field, "kind") == 0 && !validate_term (self, MA_VOCABULARY_ACTIVITY_KIND, stored,
                                                     _ ("“%s” is not a kind of activity"), error))
    return FALSE;
  if (strcmp (field, "format") == 0 &&
      !validate_term (self, MA_VOCABULARY_ACTIVITY_FORMAT, stored,
                      _ ("“%s” is not a format of activity"), error))
    return FALSE;
  if (strcmp (field, "participants") == 0 && stored != NULL)
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (stored, &end, 10);
      if (end == stored || *end != '\0' || n < 0 || n > G_MAXINT)
        {
          g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID,
                       _ ("“%s” is not a number of participants: write it in digits, such as 25"),
                       stored);
          return FALSE;
        }
      return update_field (self, "activity", id, field, stored, TRUE, error);
    }
  return update_field (self, "activity", id, field, stored, FALSE, error);
}

/* What a deleted activity or output was, for ma_store_undo_delete (). */
static const char activity_snapshot_sql[] =
    "SELECT json_object ('id', id, 'action', action, 'uuid', uuid, 'kind', kind, 'format',"
    " format, 'start_date', start_date, 'end_date', end_date, 'place', place, 'participants',"
    " participants, 'description', description, 'experts', json ((SELECT json_group_array"
    " (expert) FROM activity_expert e WHERE e.activity = v.id))) FROM activity v WHERE id = ?";
static const char output_snapshot_sql[] =
    "SELECT json_object ('id', id, 'action', action, 'uuid', uuid, 'kind', kind, 'title', title)"
    " FROM output WHERE id = ?";

/* Deletes the activity or output ID; returns the history entry of the deletion. */
static gint64
delete_child (MaStore *self, const char *table, gint64 id, GError **error)
{
  g_autofree char *find = g_strdup_printf ("SELECT action FROM %s WHERE id = ?", table);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  g_autofree char *snapshot = NULL;
  gint64 action, deletion;

  if (!ma_store_begin (self, error))
    return -1;
  action = query_id (self, find, NULL, id, NULL);
  snapshot = query_text (
      self, strcmp (table, "activity") == 0 ? activity_snapshot_sql : output_snapshot_sql, id);
  if (action <= 0)
    {
      ma_store_rollback (self);
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("The record was deleted in the meantime"));
      return -1;
    }
  if (!record_history (self, table, id, "*deleted*", snapshot, NULL, error))
    {
      ma_store_rollback (self);
      return -1;
    }
  deletion = sqlite3_last_insert_rowid (ma_store_get_db (self));
  if (!run_id (self, error, delete, id, NULL) ||
      !run_id (self, error, "UPDATE action SET updated = " NOW_SQL " WHERE id = ?", action, NULL) ||
      !ma_store_commit (self, error))
    {
      ma_store_rollback (self);
      return -1;
    }
  ma_store_emit_changed (self, action);
  return deletion;
}

gint64
ma_store_delete_activity (MaStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), -1);
  return delete_child (self, "activity", id, error);
}

/* ---- Outputs ------------------------------------------------------------------- */

GPtrArray *
ma_store_list_outputs (MaStore *self, gint64 action, GError **error)
{
  g_autoptr (GPtrArray) outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_output_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self,
                           "SELECT id, uuid, action, kind, title FROM output WHERE action = ? "
                           "ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MaOutput *output = g_new0 (MaOutput, 1);
      output->id = sqlite3_column_int64 (stmt, 0);
      output->uuid = column_text (stmt, 1);
      output->action = sqlite3_column_int64 (stmt, 2);
      output->kind = column_text (stmt, 3);
      output->title = column_text (stmt, 4);
      g_ptr_array_add (outputs, output);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&outputs);
}

gint64
ma_store_create_output (
    MaStore *self, gint64 action, const char *kind, const char *title, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *action_text = g_strdup_printf ("%" G_GINT64_FORMAT, action);
  g_autofree char *trimmed = empty_to_null (title);

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (trimmed == NULL)
    {
      set_invalid (error, _ ("The title cannot be empty"));
      return -1;
    }
  if (!validate_term (self, MA_VOCABULARY_OUTPUT_KIND, kind, _ ("“%s” is not a kind of output"),
                      error))
    return -1;
  if (!require_action (self, action, error))
    return -1;
  return insert_record (self, "output", trimmed, action, error,
                        "INSERT INTO output (uuid, action, kind, title) VALUES (?, ?, ?, ?)", 4,
                        uuid, action_text, kind, trimmed);
}

gboolean
ma_store_set_output_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error)
{
  g_autofree char *stored = empty_to_null (value);

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_strv_contains ((const char *const[]){ "kind", "title", NULL }, field),
                        FALSE);

  if (strcmp (field, "title") == 0 && stored == NULL)
    return set_invalid (error, _ ("The title cannot be empty"));
  if (strcmp (field, "kind") == 0 && !validate_term (self, MA_VOCABULARY_OUTPUT_KIND, stored,
                                                     _ ("“%s” is not a kind of output"), error))
    return FALSE;
  return update_field (self, "output", id, field, stored, FALSE, error);
}

gint64
ma_store_delete_output (MaStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), -1);
  return delete_child (self, "output", id, error);
}

/* ---- Experts ------------------------------------------------------------------- */

/* Experts from SQL selecting id, uuid, name, member_state, institution, expertise,
 * with ID bound to its parameter when it has one. */
static GPtrArray *
query_experts (MaStore *self, const char *sql, gint64 id, GError **error)
{
  g_autoptr (GPtrArray) experts = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_expert_free);
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MaExpert *expert = g_new0 (MaExpert, 1);
      expert->id = sqlite3_column_int64 (stmt, 0);
      expert->uuid = column_text (stmt, 1);
      expert->name = column_text (stmt, 2);
      expert->member_state = column_text (stmt, 3);
      expert->institution = column_text (stmt, 4);
      expert->expertise = column_text (stmt, 5);
      g_ptr_array_add (experts, expert);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&experts);
}

GPtrArray *
ma_store_list_experts (MaStore *self, gint64 action, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  return query_experts (self,
                        action > 0
                            ? "SELECT DISTINCT e.id, e.uuid, e.name, e.member_state, "
                              "e.institution, e.expertise FROM expert e JOIN activity_expert ae "
                              "ON ae.expert = e.id JOIN activity v ON v.id = ae.activity WHERE "
                              "v.action = ? ORDER BY e.name COLLATE MA_NAME"
                            : "SELECT id, uuid, name, member_state, institution, expertise "
                              "FROM expert ORDER BY ma_sort_key (name)",
                        action, error);
}

GPtrArray *
ma_store_list_activity_experts (MaStore *self, gint64 activity, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  return query_experts (self,
                        "SELECT e.id, e.uuid, e.name, e.member_state, e.institution, "
                        "e.expertise FROM expert e JOIN activity_expert ae ON ae.expert = e.id "
                        "WHERE ae.activity = ? ORDER BY e.name COLLATE MA_NAME",
                        activity, error);
}

gint64
ma_store_create_expert (MaStore *self, const char *name, const char *member_state, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *trimmed = empty_to_null (name);

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  if (trimmed == NULL)
    {
      set_invalid (error, _ ("The name of the expert cannot be empty"));
      return -1;
    }
  if (!validate_term (self, MA_VOCABULARY_COUNTRY, member_state, _ ("“%s” is not a country code"),
                      error))
    return -1;
  return insert_record (self, "expert", trimmed, 0, error,
                        "INSERT INTO expert (uuid, name, member_state) VALUES (?, ?, ?)", 3, uuid,
                        trimmed, member_state);
}

gboolean
ma_store_set_activity_experts (
    MaStore *self, gint64 activity, const gint64 *experts, guint n_experts, GError **error)
{
  g_auto (GStrv) current = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  if (!ma_store_begin (self, error))
    return FALSE;
  /* Only who leaves and who comes: the history records each of them. */
  current = query_strv (self, "SELECT expert FROM activity_expert WHERE activity = ?", activity);
  for (guint i = 0; current[i] != NULL; i++)
    {
      gint64 expert = g_ascii_strtoll (current[i], NULL, 10);
      gboolean kept = FALSE;

      for (guint j = 0; j < n_experts && !kept; j++)
        kept = experts[j] == expert;
      if (!kept &&
          !run_id (self, error, "DELETE FROM activity_expert WHERE activity = ?1 AND expert = ?2",
                   activity, current[i]))
        goto fail;
    }
  for (guint i = 0; i < n_experts; i++)
    {
      stmt = ma_store_prepare (
          self, "INSERT OR IGNORE INTO activity_expert (activity, expert) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, activity);
      sqlite3_bind_int64 (stmt, 2, experts[i]);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  if (!ma_store_commit (self, error))
    return FALSE;
  ma_store_emit_changed (self, 0);
  return TRUE;

fail:
  ma_store_rollback (self);
  return FALSE;
}

/* ---- History ------------------------------------------------------------------- */

GPtrArray *
ma_store_list_history (MaStore *self, const char *record, gint64 record_id, GError **error)
{
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ma_history_entry_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self,
                           "SELECT id, record, record_id, field, old_value, new_value, time "
                           "FROM history WHERE record = ? AND record_id = ? ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, record_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MaHistoryEntry *entry = g_new0 (MaHistoryEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->record = column_text (stmt, 1);
      entry->record_id = sqlite3_column_int64 (stmt, 2);
      entry->field = column_text (stmt, 3);
      entry->old_value = column_text (stmt, 4);
      entry->new_value = column_text (stmt, 5);
      entry->time = column_text (stmt, 6);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

/* ---- Saved views --------------------------------------------------------------- */

gboolean
ma_store_save_view (MaStore *self, const char *name, MaFilter *filter, GError **error)
{
  g_autofree char *trimmed = empty_to_null (name);
  g_autofree char *json = NULL;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  g_return_val_if_fail (MA_IS_FILTER (filter), FALSE);

  if (trimmed == NULL)
    return set_invalid (error, _ ("A saved view needs a name"));
  json = ma_filter_to_json (filter);
  if (!ma_store_begin (self, error))
    return FALSE;
  if (!run (self, error,
            "INSERT INTO saved_view (name, filter) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
            "SET filter = excluded.filter",
            2, trimmed, json) ||
      !ma_store_commit (self, error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ma_store_list_views (MaStore *self, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt =
      ma_store_prepare (self, "SELECT name FROM saved_view ORDER BY name COLLATE MA_NAME", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&names);
}

MaFilter *
ma_store_load_view (MaStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *json = NULL;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self, "SELECT filter FROM saved_view WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    json = column_text (stmt, 0);
  sqlite3_finalize (stmt);
  if (json == NULL)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no saved view “%s”"), name);
      return NULL;
    }
  return ma_filter_new_from_json (json, error);
}

gboolean
ma_store_delete_view (MaStore *self, const char *name, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  if (!ma_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "DELETE FROM saved_view WHERE name = ?", 1, name) ||
      !ma_store_commit (self, error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
