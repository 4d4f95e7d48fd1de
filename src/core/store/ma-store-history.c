/* ma-store-history.c: the whole history of an Action, and bringing back any state
 *
 * The rows come from the triggers of the schema (fields of every record, experts
 * of activities) and from the store's own writes (creations, deletions with a
 * snapshot, links, translations). Restoring goes through the store's usual
 * functions, so it is validated and recorded like any edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ma-store-history.h"
#include "ma-store-private.h"

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static MaHistoryEntry *
read_entry (sqlite3_stmt *stmt)
{
  MaHistoryEntry *entry = g_new0 (MaHistoryEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->record = column_text (stmt, 1);
  entry->record_id = sqlite3_column_int64 (stmt, 2);
  entry->field = column_text (stmt, 3);
  entry->old_value = column_text (stmt, 4);
  entry->new_value = column_text (stmt, 5);
  entry->time = column_text (stmt, 6);
  entry->author = column_text (stmt, 7);
  return entry;
}

#define ENTRY_COLUMNS                                                                              \
  "id, record, record_id, field, old_value, new_value, time,"                                      \
  " (SELECT author FROM history_author WHERE history = history.id)"

GPtrArray *
ma_store_list_action_history (MaStore *self, gint64 action, GError **error)
{
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) ma_history_entry_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self,
                           "SELECT " ENTRY_COLUMNS " FROM history WHERE id IN"
                           " (SELECT history FROM history_action WHERE action = ?1)"
                           " OR (record = 'partner' AND record_id IN"
                           "     (SELECT partner FROM action_partner WHERE action = ?1))"
                           " ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&entries);
}

const char *
ma_store_record_table (const char *record, const char *field)
{
  static const struct
  {
    const char *record;
    const char *const fields[12];
  } fields[] = {
    { "action",
      { "code", "title", "summary", "lang", "type", "status", "region", "builds_on", "notes",
        "start_date", "end_date", NULL } },
    { "activity",
      { "kind", "format", "start_date", "end_date", "place", "participants", "description",
        NULL } },
    { "output", { "kind", "title", NULL } },
    { "partner", { "name", "kind", "country", "notes", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].record, record) == 0 &&
        g_strv_contains ((const char *const *) fields[i].fields, field))
      return fields[i].record;
  return NULL;
}

static gboolean
is_link (const MaHistoryEntry *entry)
{
  if (g_strcmp0 (entry->record, "action") == 0)
    return g_strcmp0 (entry->field, "countries") == 0 || g_strcmp0 (entry->field, "themes") == 0 ||
           g_strcmp0 (entry->field, "partners") == 0;
  return g_strcmp0 (entry->record, "activity") == 0 && g_strcmp0 (entry->field, "experts") == 0;
}

gboolean
ma_store_history_can_restore (const MaHistoryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  if (g_strcmp0 (entry->field, "*deleted*") == 0)
    return TRUE;
  if (g_strcmp0 (entry->field, "*created*") == 0)
    return g_strcmp0 (entry->record, "activity") == 0 || g_strcmp0 (entry->record, "output") == 0;
  if (g_str_has_prefix (entry->field, "text_"))
    return g_strcmp0 (entry->record, "action") == 0;
  return ma_store_record_table (entry->record, entry->field) != NULL || is_link (entry);
}

static MaHistoryEntry *
get_entry (MaStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt =
      ma_store_prepare (self, "SELECT " ENTRY_COLUMNS " FROM history WHERE id = ?", error);
  MaHistoryEntry *entry = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = read_entry (stmt);
  sqlite3_finalize (stmt);
  if (entry == NULL)
    g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                 _ ("There is no change number %lld in the history"), (long long) id);
  return entry;
}

static gint64
query_int (MaStore *self, const char *sql, gint64 id)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GStrv
query_strv (MaStore *self, const char *sql, gint64 id)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return g_strv_builder_end (builder);
}

/* The Action a record of the history belongs to now. */
static gint64
owner_of (MaStore *self, const MaHistoryEntry *entry)
{
  if (g_strcmp0 (entry->record, "action") == 0)
    return entry->record_id;
  if (g_strcmp0 (entry->record, "activity") == 0)
    return query_int (self, "SELECT action FROM activity WHERE id = ?", entry->record_id);
  if (g_strcmp0 (entry->record, "output") == 0)
    return query_int (self, "SELECT action FROM output WHERE id = ?", entry->record_id);
  return 0;
}

/* The set after the link is made again (OLD_VALUE set) or unmade (NEW_VALUE set). */
static GStrv
links_after (GStrv current, const MaHistoryEntry *entry)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; current[i] != NULL; i++)
    if (g_strcmp0 (current[i], entry->new_value) != 0 &&
        g_strcmp0 (current[i], entry->old_value) != 0)
      g_strv_builder_add (builder, current[i]);
  if (entry->old_value != NULL)
    g_strv_builder_add (builder, entry->old_value);
  return g_strv_builder_end (builder);
}

static gint64 *
ids_of (GStrv values, guint *n)
{
  gint64 *ids = g_new0 (gint64, g_strv_length (values) + 1);

  *n = 0;
  for (guint i = 0; values[i] != NULL; i++)
    ids[(*n)++] = g_ascii_strtoll (values[i], NULL, 10);
  return ids;
}

static gboolean
restore_link (MaStore *self, const MaHistoryEntry *entry, GError **error)
{
  g_auto (GStrv) current = NULL;
  g_auto (GStrv) after = NULL;
  g_autofree gint64 *ids = NULL;
  guint n = 0;

  if (g_strcmp0 (entry->field, "countries") == 0)
    {
      current = query_strv (self, "SELECT country FROM action_country WHERE action = ?",
                            entry->record_id);
      after = links_after (current, entry);
      return ma_store_set_action_countries (self, entry->record_id, (const char *const *) after,
                                            error);
    }
  if (g_strcmp0 (entry->field, "themes") == 0)
    {
      current =
          query_strv (self, "SELECT theme FROM action_theme WHERE action = ?", entry->record_id);
      after = links_after (current, entry);
      return ma_store_set_action_themes (self, entry->record_id, (const char *const *) after,
                                         error);
    }
  if (g_strcmp0 (entry->field, "partners") == 0)
    {
      current = query_strv (self, "SELECT partner FROM action_partner WHERE action = ?",
                            entry->record_id);
      after = links_after (current, entry);
      ids = ids_of (after, &n);
      return ma_store_set_action_partners (self, entry->record_id, ids, n, error);
    }
  current =
      query_strv (self, "SELECT expert FROM activity_expert WHERE activity = ?", entry->record_id);
  after = links_after (current, entry);
  ids = ids_of (after, &n);
  return ma_store_set_activity_experts (self, entry->record_id, ids, n, error);
}

static gboolean
restore_field (MaStore *self, const MaHistoryEntry *entry, GError **error)
{
  g_autofree char *value = NULL;

  if (g_strcmp0 (entry->record, "action") == 0)
    {
      /* builds_on is stored as the other Action's id, and written as its code. */
      if (g_strcmp0 (entry->field, "builds_on") == 0 && entry->old_value != NULL)
        {
          sqlite3_stmt *stmt = ma_store_prepare (
              self, "SELECT coalesce (code, uuid) FROM action WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (entry->old_value, NULL, 10));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            value = column_text (stmt, 0);
          sqlite3_finalize (stmt);
          if (value == NULL)
            {
              g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                                   _ ("The Action it built on no longer exists"));
              return FALSE;
            }
        }
      return ma_store_set_action_field (self, entry->record_id, entry->field,
                                        value != NULL ? value : entry->old_value, error);
    }
  if (g_strcmp0 (entry->record, "activity") == 0)
    return ma_store_set_activity_field (self, entry->record_id, entry->field, entry->old_value,
                                        error);
  if (g_strcmp0 (entry->record, "output") == 0)
    return ma_store_set_output_field (self, entry->record_id, entry->field, entry->old_value,
                                      error);
  return ma_store_set_partner_field (self, entry->record_id, entry->field, entry->old_value, error);
}

gint64
ma_store_restore_history (MaStore *self, gint64 id, GError **error)
{
  g_autoptr (MaHistoryEntry) entry = NULL;
  gint64 action;
  gboolean ok;

  g_return_val_if_fail (MA_IS_STORE (self), -1);

  entry = get_entry (self, id, error);
  if (entry == NULL)
    return -1;
  if (!ma_store_history_can_restore (entry))
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID,
                           _ ("This change cannot be taken back"));
      return -1;
    }
  if (strcmp (entry->field, "*deleted*") == 0)
    return ma_store_undo_delete (self, id, error);

  action = owner_of (self, entry);
  if (strcmp (entry->field, "*created*") == 0)
    {
      if (action <= 0)
        {
          g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                               _ ("The record was deleted in the meantime"));
          return -1;
        }
      if (strcmp (entry->record, "activity") == 0)
        ok = ma_store_delete_activity (self, entry->record_id, error) > 0;
      else
        ok = ma_store_delete_output (self, entry->record_id, error) > 0;
      return ok ? action : -1;
    }
  if (g_strcmp0 (entry->record, "partner") != 0 && action <= 0)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                           _ ("The record was deleted in the meantime"));
      return -1;
    }
  if (g_str_has_prefix (entry->field, "text_"))
    {
      /* The translated title as it was; the summary stays as it is now. */
      const char *lang = entry->field + strlen ("text_");
      g_autofree char *summary = NULL;
      sqlite3_stmt *stmt = ma_store_prepare (
          self, "SELECT summary FROM action_text WHERE action = ? AND lang = ?", error);

      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, entry->record_id);
      sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        summary = column_text (stmt, 0);
      sqlite3_finalize (stmt);
      ok =
          ma_store_set_action_text (self, entry->record_id, lang, entry->old_value, summary, error);
    }
  else if (is_link (entry))
    ok = restore_link (self, entry, error);
  else
    ok = restore_field (self, entry, error);
  return ok ? action : -1;
}
