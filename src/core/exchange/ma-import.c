/* ma-import.c: Actions from CSV and JSON files, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ma-date.h"
#include "ma-exchange-private.h"
#include "ma-store-private.h"

enum
{
  COL_UUID,
  COL_CODE,
  COL_TITLE,
  COL_TITLE_FR,
  COL_TITLE_ES,
  COL_SUMMARY,
  COL_SUMMARY_FR,
  COL_SUMMARY_ES,
  COL_LANG,
  COL_TYPE,
  COL_STATUS,
  COL_START,
  COL_END,
  COL_REGION,
  COL_COUNTRIES,
  COL_THEMES,
  COL_PARTNERS,
  COL_BUILDS_ON,
  COL_NOTES,
  COL_CREATED,
  COL_UPDATED,
  N_COLS
};

/* Scalar columns and the fields of the action table they write. */
static const char *const action_fields[N_COLS] = {
  [COL_CODE] = "code",        [COL_TITLE] = "title",  [COL_SUMMARY] = "summary",
  [COL_LANG] = "lang",        [COL_TYPE] = "type",    [COL_STATUS] = "status",
  [COL_START] = "start_date", [COL_END] = "end_date", [COL_REGION] = "region",
  [COL_NOTES] = "notes",
};

typedef struct
{
  guint line;
  gboolean bad_shape; /* not as many fields as the header, or not an object */
  gboolean present[N_COLS];
  char *values[N_COLS];  /* trimmed; NULL when empty */
  JsonArray *activities; /* JSON only, borrowed */
  JsonArray *outputs;
  gint64 id;
} Row;

typedef struct
{
  MaStore *store;
  MaImportMode mode;
  MaImportReport *report;
  GHashTable *codes[MA_N_VOCABULARIES];
  GHashTable *partners;   /* name → id */
  GHashTable *file_codes; /* codes and uuids met in the file → line */
  char *current_sql;      /* reads an Action's values as the file has them */
  sqlite3_stmt *insert_action;
  sqlite3_stmt *insert_country;
  sqlite3_stmt *insert_theme;
  sqlite3_stmt *insert_partner_link;
  sqlite3_stmt *insert_text;
  sqlite3_stmt *history;
} Import;

void
ma_import_report_clear (MaImportReport *report)
{
  g_clear_pointer (&report->errors, g_ptr_array_unref);
}

static void
row_free (Row *row)
{
  for (guint i = 0; i < N_COLS; i++)
    g_free (row->values[i]);
  g_free (row);
}

static void
row_error (Import *import, Row *row, const char *message)
{
  /* Translators: an error of one row of an imported file: %1$u the line, %2$s the message. */
  g_ptr_array_add (import->report->errors,
                   g_strdup_printf (_ ("line %1$u: %2$s"), row->line, message));
}

/* ---- CSV ------------------------------------------------------------------------ */

static GPtrArray *
parse_csv (const char *text, gsize length, GArray *lines, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;
  GString *field = g_string_new (NULL);
  const char *p = text, *end = text + length;
  guint line = 1, row_line = 1;
  gboolean quoted = FALSE, was_quoted = FALSE;

  while (p < end)
    {
      char c = *p++;

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          row_line = line;
        }
      if (quoted)
        {
          if (c == '"' && p < end && *p == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      if (c == ',' || c == '\n' || c == '\r')
        {
          if (c == '\r' && p < end && *p == '\n')
            p++;
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          if (c != ',')
            {
              g_ptr_array_add (rows, row);
              if (lines != NULL)
                g_array_append_val (lines, row_line);
              row = NULL;
              line++;
            }
          continue;
        }
      if (was_quoted)
        {
          g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                       _ ("line %u: text after a closing quote"), line);
          g_string_free (field, TRUE);
          g_clear_pointer (&row, g_ptr_array_unref);
          return NULL;
        }
      g_string_append_c (field, c);
    }
  if (quoted)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("line %u: a quoted field is never closed"), row_line);
      g_string_free (field, TRUE);
      g_clear_pointer (&row, g_ptr_array_unref);
      return NULL;
    }
  if (row != NULL)
    {
      g_ptr_array_add (row, g_strdup (field->str));
      g_ptr_array_add (rows, row);
      if (lines != NULL)
        g_array_append_val (lines, row_line);
    }
  g_string_free (field, TRUE);
  return g_steal_pointer (&rows);
}

GPtrArray *
ma_csv_parse (const char *text, gsize length, GError **error)
{
  return parse_csv (text, length, NULL, error);
}

static char *
clean_value (const char *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value != NULL ? value : ""));
  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

static GPtrArray *
rows_from_csv (const char *text, gsize length, GError **error)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) table = parse_csv (text, length, lines, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  int map[128];
  GPtrArray *header;

  if (table == NULL)
    return NULL;
  if (table->len == 0)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is empty"));
      return NULL;
    }
  header = table->pdata[0];
  if (header->len > G_N_ELEMENTS (map))
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The first line is not a header of Action columns"));
      return NULL;
    }
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = clean_value (header->pdata[i]);
      map[i] = ma_exchange_column_index (name);
      if (map[i] < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ma_exchange_columns ());
          g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                       _ ("The header names an unknown column “%1$s”; the columns are: %2$s"),
                       name != NULL ? name : "", known);
          return NULL;
        }
    }

  for (guint r = 1; r < table->len; r++)
    {
      GPtrArray *fields = table->pdata[r];
      Row *row = g_new0 (Row, 1);
      gboolean empty = TRUE;

      row->line = g_array_index (lines, guint, r);
      for (guint i = 0; i < fields->len && i < header->len; i++)
        {
          row->present[map[i]] = TRUE;
          row->values[map[i]] = clean_value (fields->pdata[i]);
          empty &= row->values[map[i]] == NULL;
        }
      if (empty && fields->len <= 1)
        {
          row_free (row);
          continue;
        }
      row->bad_shape = fields->len != header->len;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* ---- JSON ----------------------------------------------------------------------- */

static GPtrArray *
rows_from_json (const char *text, gsize length, JsonParser *parser, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (GError) local = NULL;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, text, (gssize) length, &local))
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The file is not valid JSON: %s"), local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not a JSON list of Actions"));
      return NULL;
    }
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint r = 0; r < json_array_get_length (array); r++)
    {
      JsonNode *node = json_array_get_element (array, r);
      Row *row = g_new0 (Row, 1);
      JsonObject *object;

      /* JSON has no lines worth naming: number the Actions from 1. */
      row->line = r + 1;
      g_ptr_array_add (rows, row);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          row->bad_shape = TRUE;
          continue;
        }
      object = json_node_get_object (node);
      for (guint i = 0; i < N_COLS; i++)
        {
          const char *name = ma_exchange_columns ()[i];
          JsonNode *member = json_object_get_member (object, name);

          if (member == NULL)
            continue;
          row->present[i] = TRUE;
          if (JSON_NODE_HOLDS_ARRAY (member))
            {
              JsonArray *items = json_node_get_array (member);
              g_autoptr (GString) joined = g_string_new (NULL);
              for (guint j = 0; j < json_array_get_length (items); j++)
                {
                  const char *item = json_node_get_string (json_array_get_element (items, j));
                  if (item == NULL)
                    continue;
                  if (joined->len > 0)
                    g_string_append_c (joined, '|');
                  g_string_append (joined, item);
                }
              row->values[i] = clean_value (joined->str);
            }
          else if (JSON_NODE_HOLDS_VALUE (member))
            {
              GValue value = G_VALUE_INIT;
              GValue string = G_VALUE_INIT;
              json_node_get_value (member, &value);
              g_value_init (&string, G_TYPE_STRING);
              if (g_value_transform (&value, &string))
                row->values[i] = clean_value (g_value_get_string (&string));
              g_value_unset (&value);
              g_value_unset (&string);
            }
        }
      if (json_object_has_member (object, "activities") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "activities")))
        row->activities = json_object_get_array_member (object, "activities");
      if (json_object_has_member (object, "outputs") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "outputs")))
        row->outputs = json_object_get_array_member (object, "outputs");
    }
  return g_steal_pointer (&rows);
}

/* ---- Validation and writing ------------------------------------------------------- */

static GHashTable *
load_codes (MaStore *store, MaVocabulary vocabulary)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) terms = ma_store_list_terms (store, vocabulary, "en", NULL);

  for (guint i = 0; terms != NULL && i < terms->len; i++)
    g_hash_table_add (set, g_strdup (((MaTerm *) terms->pdata[i])->code));
  return set;
}

static char **
split_list (const char *value, gboolean upper)
{
  g_auto (GStrv) parts = g_strsplit_set (value != NULL ? value : "", "|;,", -1);
  g_autoptr (GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);
      if (item[0] != '\0')
        g_ptr_array_add (items, upper ? g_ascii_strup (item, -1) : g_strdup (item));
    }
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

static gboolean
check_code (
    Import *import, Row *row, MaVocabulary vocabulary, const char *code, const char *message)
{
  g_autofree char *text = NULL;

  if (code == NULL || g_hash_table_contains (import->codes[vocabulary], code))
    return TRUE;
  text = g_strdup_printf (message, code);
  row_error (import, row, text);
  return FALSE;
}

/* Checks a row and normalizes its dates; FALSE after reporting what is wrong. */
static gboolean
validate_row (Import *import, Row *row)
{
  gboolean ok = TRUE;

  if (row->bad_shape)
    {
      row_error (import, row, _ ("the number of fields differs from the header"));
      return FALSE;
    }
  if (import->mode == MA_IMPORT_ADD || row->present[COL_TITLE])
    if (row->values[COL_TITLE] == NULL)
      {
        row_error (import, row, _ ("the title is missing"));
        ok = FALSE;
      }
  if (import->mode == MA_IMPORT_ADD || row->present[COL_STATUS])
    if (row->values[COL_STATUS] == NULL)
      {
        row_error (import, row, _ ("the status is missing"));
        ok = FALSE;
      }
  ok &= check_code (import, row, MA_VOCABULARY_STATUS, row->values[COL_STATUS],
                    _ ("“%s” is not a status"));
  ok &= check_code (import, row, MA_VOCABULARY_TYPE, row->values[COL_TYPE],
                    _ ("“%s” is not a type of Action"));
  ok &= check_code (import, row, MA_VOCABULARY_REGION, row->values[COL_REGION],
                    _ ("“%s” is not a region"));
  if (row->values[COL_LANG] != NULL &&
      !g_strv_contains ((const char *const[]){ "en", "fr", "es", NULL }, row->values[COL_LANG]))
    {
      row_error (import, row, _ ("The language must be English, French or Spanish"));
      ok = FALSE;
    }
  if (row->values[COL_UUID] != NULL && !g_uuid_string_is_valid (row->values[COL_UUID]))
    {
      g_autofree char *text = g_strdup_printf (_ ("“%s” is not a UUID"), row->values[COL_UUID]);
      row_error (import, row, text);
      ok = FALSE;
    }
  for (guint c = COL_START; c <= COL_END; c++)
    {
      g_autoptr (GError) error = NULL;
      char *iso = NULL;
      if (!ma_date_parse (row->values[c], &iso, &error))
        {
          row_error (import, row, error->message);
          ok = FALSE;
          continue;
        }
      g_free (row->values[c]);
      row->values[c] = iso;
    }
  if (ok)
    {
      g_autoptr (GError) error = NULL;
      if (!ma_date_check_span (row->values[COL_START], row->values[COL_END], &error))
        {
          row_error (import, row, error->message);
          ok = FALSE;
        }
    }
  {
    g_auto (GStrv) countries = split_list (row->values[COL_COUNTRIES], TRUE);
    g_auto (GStrv) themes = split_list (row->values[COL_THEMES], FALSE);
    for (guint i = 0; countries[i] != NULL; i++)
      ok &= check_code (import, row, MA_VOCABULARY_COUNTRY, countries[i],
                        _ ("“%s” is not a country code"));
    for (guint i = 0; themes[i] != NULL; i++)
      ok &= check_code (import, row, MA_VOCABULARY_THEME, themes[i],
                        _ ("“%s” is not a thematic area"));
  }
  for (guint c = COL_UUID; c <= COL_CODE; c++)
    if (row->values[c] != NULL)
      {
        g_autofree char *key = g_strdup_printf ("%u:%s", c, row->values[c]);
        gpointer first = g_hash_table_lookup (import->file_codes, key);
        if (first != NULL)
          {
            g_autofree char *text =
                /* Translators: %1$s a code or UUID, %2$u the line where it was first seen. */
                g_strdup_printf (_ ("“%1$s” is already used on line %2$u"), row->values[c],
                                 GPOINTER_TO_UINT (first));
            row_error (import, row, text);
            ok = FALSE;
          }
        else
          g_hash_table_insert (import->file_codes, g_steal_pointer (&key),
                               GUINT_TO_POINTER (row->line));
      }
  return ok;
}

static gint64
lookup_id (MaStore *store, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL || value == NULL)
    {
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static gboolean
exec_stmt (Import *import, Row *row, sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autoptr (GError) error = NULL;
      ma_store_set_sqlite_error (&error, ma_store_get_db (import->store), rc);
      row_error (import, row, error->message);
      return FALSE;
    }
  return TRUE;
}

static gint64
partner_id (Import *import, Row *row, const char *name)
{
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (import->partners, name));
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;

  if (id > 0)
    return id;
  uuid = g_uuid_string_random ();
  stmt = ma_store_prepare (import->store, "INSERT INTO partner (uuid, name) VALUES (?, ?)", NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      row_error (import, row, sqlite3_errmsg (ma_store_get_db (import->store)));
      return 0;
    }
  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (ma_store_get_db (import->store));
  g_hash_table_insert (import->partners, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
write_links (Import *import, Row *row, gboolean replace)
{
  const struct
  {
    int column;
    const char *delete_sql;
    sqlite3_stmt *insert;
  } links[] = {
    { COL_COUNTRIES, "DELETE FROM action_country WHERE action = ?", import->insert_country },
    { COL_THEMES, "DELETE FROM action_theme WHERE action = ?", import->insert_theme },
    { COL_PARTNERS, "DELETE FROM action_partner WHERE action = ?", import->insert_partner_link },
  };

  for (guint l = 0; l < G_N_ELEMENTS (links); l++)
    {
      g_auto (GStrv) items = NULL;

      if (!row->present[links[l].column])
        continue;
      items = links[l].column == COL_PARTNERS
                  ? g_strsplit (row->values[COL_PARTNERS] ? row->values[COL_PARTNERS] : "", "|", -1)
                  : split_list (row->values[links[l].column], links[l].column == COL_COUNTRIES);
      if (replace)
        {
          sqlite3_stmt *stmt = ma_store_prepare (import->store, links[l].delete_sql, NULL);
          sqlite3_bind_int64 (stmt, 1, row->id);
          if (!exec_stmt (import, row, stmt))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          sqlite3_finalize (stmt);
        }
      for (guint i = 0; items[i] != NULL; i++)
        {
          g_strstrip (items[i]);
          if (items[i][0] == '\0')
            continue;
          sqlite3_bind_int64 (links[l].insert, 1, row->id);
          if (links[l].column == COL_PARTNERS)
            {
              gint64 partner = partner_id (import, row, items[i]);
              if (partner <= 0)
                return FALSE;
              sqlite3_bind_int64 (links[l].insert, 2, partner);
            }
          else
            sqlite3_bind_text (links[l].insert, 2, items[i], -1, SQLITE_TRANSIENT);
          if (!exec_stmt (import, row, links[l].insert))
            return FALSE;
        }
    }
  for (guint lang = 0; lang < 2; lang++)
    {
      int title = lang == 0 ? COL_TITLE_FR : COL_TITLE_ES;
      int summary = lang == 0 ? COL_SUMMARY_FR : COL_SUMMARY_ES;
      if (row->values[title] == NULL && row->values[summary] == NULL)
        continue;
      sqlite3_bind_int64 (import->insert_text, 1, row->id);
      sqlite3_bind_text (import->insert_text, 2, lang == 0 ? "fr" : "es", -1, SQLITE_STATIC);
      sqlite3_bind_text (import->insert_text, 3, row->values[title], -1, SQLITE_STATIC);
      sqlite3_bind_text (import->insert_text, 4, row->values[summary], -1, SQLITE_STATIC);
      if (!exec_stmt (import, row, import->insert_text))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_children (Import *import, Row *row)
{
  for (guint i = 0; row->activities != NULL && i < json_array_get_length (row->activities); i++)
    {
      JsonObject *a = json_array_get_object_element (row->activities, i);
      const char *uuid, *kind, *format;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *fresh = g_uuid_string_random ();
      sqlite3_stmt *stmt;
      gboolean ok;

      if (a == NULL)
        continue;
      uuid = json_object_get_string_member_with_default (a, "uuid", NULL);
      if (uuid != NULL && lookup_id (import->store, "SELECT id FROM activity WHERE uuid = ?", uuid))
        continue;
      kind = json_object_get_string_member_with_default (a, "kind", NULL);
      format = json_object_get_string_member_with_default (a, "format", NULL);
      if (!check_code (import, row, MA_VOCABULARY_ACTIVITY_KIND, kind,
                       _ ("“%s” is not a kind of activity")) ||
          !check_code (import, row, MA_VOCABULARY_ACTIVITY_FORMAT, format,
                       _ ("“%s” is not a format of activity")))
        return FALSE;
      if (!ma_date_parse (json_object_get_string_member_with_default (a, "start", NULL), &start,
                          &error) ||
          !ma_date_parse (json_object_get_string_member_with_default (a, "end", NULL), &end,
                          &error) ||
          !ma_date_check_span (start, end, &error))
        {
          row_error (import, row, error->message);
          return FALSE;
        }
      stmt = ma_store_prepare (import->store,
                               "INSERT INTO activity (uuid, action, kind, format, start_date, "
                               "end_date, place, participants, description) VALUES (?, ?, ?, ?, "
                               "?, ?, ?, ?, ?)",
                               NULL);
      sqlite3_bind_text (stmt, 1, uuid != NULL && g_uuid_string_is_valid (uuid) ? uuid : fresh, -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, format, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, start, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, end, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, json_object_get_string_member_with_default (a, "place", NULL), -1,
                         SQLITE_TRANSIENT);
      if (json_object_has_member (a, "participants") &&
          !json_object_get_null_member (a, "participants"))
        sqlite3_bind_int64 (stmt, 8, json_object_get_int_member (a, "participants"));
      sqlite3_bind_text (stmt, 9,
                         json_object_get_string_member_with_default (a, "description", NULL), -1,
                         SQLITE_TRANSIENT);
      ok = exec_stmt (import, row, stmt);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; row->outputs != NULL && i < json_array_get_length (row->outputs); i++)
    {
      JsonObject *o = json_array_get_object_element (row->outputs, i);
      const char *uuid, *kind, *title;
      g_autofree char *fresh = g_uuid_string_random ();
      sqlite3_stmt *stmt;
      gboolean ok;

      if (o == NULL)
        continue;
      uuid = json_object_get_string_member_with_default (o, "uuid", NULL);
      if (uuid != NULL && lookup_id (import->store, "SELECT id FROM output WHERE uuid = ?", uuid))
        continue;
      kind = json_object_get_string_member_with_default (o, "kind", NULL);
      title = json_object_get_string_member_with_default (o, "title", NULL);
      if (!check_code (import, row, MA_VOCABULARY_OUTPUT_KIND, kind,
                       _ ("“%s” is not a kind of output")))
        return FALSE;
      stmt = ma_store_prepare (import->store,
                               "INSERT INTO output (uuid, action, kind, title) VALUES (?, ?, ?, ?)",
                               NULL);
      sqlite3_bind_text (stmt, 1, uuid != NULL && g_uuid_string_is_valid (uuid) ? uuid : fresh, -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, row->id);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, title, -1, SQLITE_TRANSIENT);
      ok = exec_stmt (import, row, stmt);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The current values of an Action in the file's terms, to see what a row changes. */
static char **
current_values (Import *import, gint64 id)
{
  sqlite3_stmt *stmt;
  char **values = g_new0 (char *, N_COLS + 1);

  if (import->current_sql == NULL)
    {
      GString *text = g_string_new ("SELECT ");
      for (guint i = 0; i < N_COLS; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", ma_exchange_column_sql (i));
      g_string_append (text, " FROM action a WHERE a.id = ?");
      import->current_sql = g_string_free (text, FALSE);
    }
  stmt = ma_store_prepare (import->store, import->current_sql, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint i = 0; i < N_COLS; i++)
      values[i] = g_strdup ((const char *) sqlite3_column_text (stmt, (int) i));
  sqlite3_finalize (stmt);
  return values;
}

static gboolean
same_list (const char *a, const char *b, gboolean upper)
{
  g_auto (GStrv) x = split_list (a, upper);
  g_auto (GStrv) y = split_list (b, upper);

  if (g_strv_length (x) != g_strv_length (y))
    return FALSE;
  for (guint i = 0; x[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) y, x[i]))
      return FALSE;
  return TRUE;
}

static gboolean
update_row (Import *import, Row *row)
{
  char **current = current_values (import, row->id);
  gboolean ok = FALSE;
  gboolean changed = FALSE, links_changed = FALSE;

  for (guint c = 0; c < N_COLS; c++)
    {
      gboolean differs;
      if (!row->present[c] || c == COL_UUID || c == COL_CREATED || c == COL_UPDATED)
        continue;
      if (c == COL_COUNTRIES || c == COL_THEMES || c == COL_PARTNERS)
        differs = !same_list (row->values[c], current[c], c == COL_COUNTRIES);
      else
        differs = g_strcmp0 (row->values[c], current[c]) != 0;
      if (!differs)
        continue;
      changed = TRUE;
      if (action_fields[c] != NULL)
        {
          g_autofree char *sql = g_strdup_printf (
              "UPDATE action SET %s = ?, updated = strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now') "
              "WHERE id = ?",
              action_fields[c]);
          sqlite3_stmt *stmt = ma_store_prepare (import->store, sql, NULL);
          gboolean done;
          sqlite3_bind_text (stmt, 1, row->values[c], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, row->id);
          done = exec_stmt (import, row, stmt);
          sqlite3_finalize (stmt);
          if (!done)
            {
              ok = FALSE;
              goto out;
            }
        }
      else
        links_changed = TRUE;
      if (c == COL_COUNTRIES || c == COL_THEMES || c == COL_PARTNERS)
        {
          sqlite3_bind_text (import->history, 1, ma_exchange_columns ()[c], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (import->history, 2, row->id);
          sqlite3_bind_text (import->history, 3, current[c], -1, SQLITE_STATIC);
          sqlite3_bind_text (import->history, 4, row->values[c], -1, SQLITE_STATIC);
          if (!exec_stmt (import, row, import->history))
            {
              ok = FALSE;
              goto out;
            }
        }
    }
  if (links_changed && !write_links (import, row, TRUE))
    {
      ok = FALSE;
      goto out;
    }
  if (changed)
    import->report->updated++;
  else
    import->report->unchanged++;
  ok = write_children (import, row);
out:
  /* Values may be NULL in the middle: g_strfreev would stop at the first. */
  for (guint i = 0; i < N_COLS; i++)
    g_free (current[i]);
  g_free (current);
  return ok;
}

static gboolean
insert_row (Import *import, Row *row)
{
  g_autofree char *uuid =
      row->values[COL_UUID] != NULL ? g_strdup (row->values[COL_UUID]) : g_uuid_string_random ();
  sqlite3_stmt *stmt = import->insert_action;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->values[COL_CODE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->values[COL_TITLE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->values[COL_SUMMARY], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->values[COL_LANG] ? row->values[COL_LANG] : "en", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->values[COL_TYPE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->values[COL_STATUS], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->values[COL_START], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->values[COL_END], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, row->values[COL_REGION], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->values[COL_NOTES], -1, SQLITE_STATIC);
  if (!exec_stmt (import, row, stmt))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (ma_store_get_db (import->store));

  sqlite3_bind_text (import->history, 1, "*created*", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (import->history, 2, row->id);
  sqlite3_bind_null (import->history, 3);
  sqlite3_bind_text (import->history, 4, "import", -1, SQLITE_STATIC);
  if (!exec_stmt (import, row, import->history) || !write_links (import, row, FALSE))
    return FALSE;
  import->report->added++;
  return write_children (import, row);
}

static gboolean
resolve_builds_on (Import *import, GPtrArray *rows)
{
  sqlite3_stmt *stmt = ma_store_prepare (
      import->store,
      "UPDATE action SET builds_on = (SELECT id FROM action WHERE code = ?1 OR uuid = ?1 LIMIT 1) "
      "WHERE id = ?2 AND builds_on IS NOT (SELECT id FROM action WHERE code = ?1 OR uuid = ?1 "
      "LIMIT 1)",
      NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      if (row->id <= 0 || !row->present[COL_BUILDS_ON])
        continue;
      if (row->values[COL_BUILDS_ON] != NULL &&
          lookup_id (import->store, "SELECT id FROM action WHERE code = ?1 OR uuid = ?1",
                     row->values[COL_BUILDS_ON]) == 0)
        {
          g_autofree char *text =
              g_strdup_printf (_ ("There is no Action “%s”"), row->values[COL_BUILDS_ON]);
          row_error (import, row, text);
          ok = FALSE;
          continue;
        }
      sqlite3_bind_text (stmt, 1, row->values[COL_BUILDS_ON], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, row->id);
      ok &= exec_stmt (import, row, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
ma_import_actions (MaStore *store,
                   MaExchangeFormat format,
                   MaImportMode mode,
                   gboolean dry_run,
                   GFile *file,
                   MaImportReport *report,
                   GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) partners = NULL;
  Import import = { 0 };
  const char *text;
  gsize length;
  gboolean ok = FALSE;

  g_return_val_if_fail (MA_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->errors = g_ptr_array_new_with_free_func (g_free);

  if (format != MA_EXCHANGE_CSV && format != MA_EXCHANGE_JSON)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                           _ ("Actions can be imported from CSV and JSON files; save a "
                              "spreadsheet as CSV first"));
      return FALSE;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  text = contents;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate (text, (gssize) length, NULL) || memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not UTF-8 text: save it as UTF-8 CSV or JSON"));
      return FALSE;
    }
  rows = format == MA_EXCHANGE_CSV ? rows_from_csv (text, length, error)
                                   : rows_from_json (text, length, parser, error);
  if (rows == NULL)
    return FALSE;

  import.store = store;
  import.mode = mode;
  import.report = report;
  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    import.codes[v] = load_codes (store, v);
  import.partners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.file_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  partners = ma_store_list_partners (store, 0, NULL);
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      MaPartner *partner = partners->pdata[i];
      g_hash_table_insert (import.partners, g_strdup (partner->name),
                           GSIZE_TO_POINTER ((gsize) partner->id));
    }

  if (!ma_store_begin (store, error))
    goto out;
  if (!ma_store_defer_search_index (store, error))
    goto rollback;
  import.insert_action = ma_store_prepare (store,
                                           "INSERT INTO action (uuid, code, title, summary, lang, "
                                           "type, status, start_date, end_date, region, notes) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                           error);
  import.insert_country = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_country (action, country) VALUES (?, ?)", error);
  import.insert_theme = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_theme (action, theme) VALUES (?, ?)", error);
  import.insert_partner_link = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_partner (action, partner) VALUES (?, ?)", error);
  import.insert_text = ma_store_prepare (
      store,
      "INSERT INTO action_text (action, lang, title, summary) VALUES (?, ?, ?, ?) ON CONFLICT "
      "(action, lang) DO UPDATE SET title = excluded.title, summary = excluded.summary",
      error);
  import.history = ma_store_prepare (store,
                                     "INSERT INTO history (record, field, record_id, old_value, "
                                     "new_value) VALUES ('action', ?, ?, ?, ?)",
                                     error);
  if (!import.insert_action || !import.insert_country || !import.insert_theme ||
      !import.insert_partner_link || !import.insert_text || !import.history)
    goto rollback;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      gint64 existing = 0;

      if (!validate_row (&import, row))
        continue;
      if (row->values[COL_UUID] != NULL)
        existing = lookup_id (store, "SELECT id FROM action WHERE uuid = ?", row->values[COL_UUID]);
      if (existing == 0 && mode == MA_IMPORT_UPDATE && row->values[COL_CODE] != NULL)
        existing = lookup_id (store, "SELECT id FROM action WHERE code = ?", row->values[COL_CODE]);
      if (existing > 0 && mode == MA_IMPORT_ADD)
        {
          row_error (&import, row,
                     _ ("this Action is already in the database (use the update mode)"));
          continue;
        }
      if (row->values[COL_CODE] != NULL)
        {
          gint64 owner =
              lookup_id (store, "SELECT id FROM action WHERE code = ?", row->values[COL_CODE]);
          if (owner > 0 && owner != existing)
            {
              g_autofree char *message = g_strdup_printf (
                  _ ("Another Action already has the code “%s”"), row->values[COL_CODE]);
              row_error (&import, row, message);
              continue;
            }
        }
      row->id = existing;
      if (existing > 0 ? !update_row (&import, row) : !insert_row (&import, row))
        continue;
      if (!ma_store_touch_action (store, row->id, error))
        goto rollback;
    }
  resolve_builds_on (&import, rows);

  if (report->errors->len > 0)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u row has errors: nothing was imported",
                                "%u rows have errors: nothing was imported", report->errors->len),
                   report->errors->len);
      goto rollback;
    }
  if (dry_run)
    {
      ma_store_rollback (store);
      ok = TRUE;
      goto out;
    }
  if (!ma_store_reindex_touched (store, error) || !ma_store_commit (store, error))
    goto rollback;
  ma_store_emit_changed (store, 0);
  ok = TRUE;
  goto out;

rollback:
  ma_store_rollback (store);
out:
  sqlite3_finalize (import.insert_action);
  sqlite3_finalize (import.insert_country);
  sqlite3_finalize (import.insert_theme);
  sqlite3_finalize (import.insert_partner_link);
  sqlite3_finalize (import.insert_text);
  sqlite3_finalize (import.history);
  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    g_clear_pointer (&import.codes[v], g_hash_table_unref);
  g_clear_pointer (&import.partners, g_hash_table_unref);
  g_clear_pointer (&import.file_codes, g_hash_table_unref);
  g_free (import.current_sql);
  if (!ok)
    {
      report->added = report->updated = report->unchanged = 0;
    }
  return ok;
}
