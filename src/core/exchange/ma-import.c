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

/* An Action of a JSON file sits at depth 2 and its activities' fields at 4: deeper
 * nesting is refused before json-glib, whose recursive parser would run out of
 * stack on a file nested 100,000 deep. */
#define MAX_JSON_DEPTH 32
/* Larger files are refused before they are read into memory (json-glib needs
 * about ten times a JSON file's size). */
#define MAX_IMPORT_BYTES (G_GUINT64_CONSTANT (256) * 1024 * 1024)

typedef struct
{
  guint line;
  char *where;         /* JSON: the path of the Action, "[3]"; NULL for CSV */
  GPtrArray *problems; /* JSON: wrong types and unknown keys, with their paths */
  gboolean bad_shape;  /* not as many fields as the header, or not an object */
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
  MaImportFlags flags;
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
  g_free (row->where);
  g_clear_pointer (&row->problems, g_ptr_array_unref);
  g_free (row);
}

static void
row_error (Import *import, Row *row, const char *message)
{
  if (row->where != NULL)
    /* Translators: an error in a JSON file: %1$s where ("[3].countries[0]"), %2$s the message. */
    g_ptr_array_add (import->report->errors,
                     g_strdup_printf (_ ("%1$s: %2$s"), row->where, message));
  else
    /* Translators: an error of one row of an imported file: %1$u the line, %2$s the message. */
    g_ptr_array_add (import->report->errors,
                     g_strdup_printf (_ ("line %1$u: %2$s"), row->line, message));
}

/* An error about a part of a JSON Action: "[3].activities[0].kind: …". */
static void
row_error_at (Import *import, Row *row, const char *part, const char *message)
{
  g_autofree char *where = g_strconcat (row->where != NULL ? row->where : "", part, NULL);

  if (row->where == NULL)
    {
      row_error (import, row, message);
      return;
    }
  g_ptr_array_add (import->report->errors, g_strdup_printf (_ ("%1$s: %2$s"), where, message));
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

void
ma_csv_unescape_cell (char *value)
{
  if (value != NULL && value[0] == '\'' && value[1] != '\0' &&
      strchr (MA_CSV_FORMULA_STARTS "'", value[1]) != NULL)
    memmove (value, value + 1, strlen (value));
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
      for (guint j = 0; map[i] >= 0 && j < i; j++)
        if (map[j] == map[i])
          {
            /* Which of the two would be the value? Neither is taken. */
            g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                         _ ("The header names the column “%s” twice"), name);
            return NULL;
          }
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
          ma_csv_unescape_cell (row->values[map[i]]);
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

/* Refuses nesting deeper than MAX_JSON_DEPTH by counting brackets outside strings,
 * before json-glib sees the text. */
static gboolean
check_json_depth (const char *text, gsize length, GError **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           /* Translators: %u is a number of levels, such as 32. */
                           _ ("The file nests lists and objects more than %u levels deep: it is "
                              "not a file of Actions"),
                           MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* What a JSON value is, for messages: "found a number". */
static const char *
json_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
      case JSON_NODE_OBJECT:
        return _ ("an object");
      case JSON_NODE_ARRAY:
        return _ ("a list");
      case JSON_NODE_NULL:
        return _ ("null");
      case JSON_NODE_VALUE:
      default:
        break;
    }
  switch (json_node_get_value_type (node))
    {
      case G_TYPE_STRING:
        return _ ("text");
      case G_TYPE_BOOLEAN:
        return _ ("true or false");
      default:
        return _ ("a number");
    }
}

static gboolean
json_is_text (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
json_problem (GPtrArray *problems, const char *where, const char *expected, JsonNode *node)
{
  /* Translators: %1$s where in the file ("[3].countries[0]"), %2$s what was expected
   * ("text"), %3$s what was found ("a number"). */
  g_ptr_array_add (problems, g_strdup_printf (_ ("%1$s: expected %2$s, found %3$s"), where,
                                              expected, json_kind (node)));
}

static void
json_unknown_key (GPtrArray *problems, const char *where, const char *key, const char *const *known)
{
  g_autofree char *list = g_strjoinv (", ", (char **) known);

  /* Translators: %1$s where in the file ("[3]"), %2$s the unknown key, %3$s the known ones. */
  g_ptr_array_add (problems, g_strdup_printf (_ ("%1$s: there is no field “%2$s”; the fields "
                                                 "are: %3$s"),
                                              where, key, list));
}

/* The fields of an activity or an output: text or null, except PARTICIPANTS (a
 * whole number or null); anything else is a problem. */
static gboolean
check_json_children (JsonNode *node,
                     const char *where,
                     const char *const *known,
                     GPtrArray *problems)
{
  guint before = problems->len;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_problem (problems, where, _ ("a list of objects"), node);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          json_problem (problems, item_where, _ ("an object"), item);
          continue;
        }
      members = json_object_get_members (json_node_get_object (item));
      for (GList *m = members; m != NULL; m = m->next)
        {
          const char *key = m->data;
          JsonNode *value = json_object_get_member (json_node_get_object (item), key);
          g_autofree char *value_where = g_strdup_printf ("%s.%s", item_where, key);

          if (!g_strv_contains (known, key))
            json_unknown_key (problems, item_where, key, known);
          else if (JSON_NODE_HOLDS_NULL (value))
            continue;
          else if (g_str_equal (key, "participants"))
            {
              if (!JSON_NODE_HOLDS_VALUE (value) ||
                  json_node_get_value_type (value) != G_TYPE_INT64 ||
                  json_node_get_int (value) < 0 || json_node_get_int (value) > G_MAXINT)
                json_problem (problems, value_where, _ ("a whole number from 0"), value);
            }
          else if (!json_is_text (value))
            json_problem (problems, value_where, _ ("text"), value);
          else if (g_str_equal (key, "uuid") &&
                   !g_uuid_string_is_valid (json_node_get_string (value)))
            {
              g_autofree char *message =
                  g_strdup_printf (_ ("“%s” is not a UUID"), json_node_get_string (value));
              g_ptr_array_add (problems, g_strdup_printf (_ ("%1$s: %2$s"), value_where, message));
            }
        }
    }
  return problems->len == before;
}

/* One Action of a JSON file into ROW: every value has its type (text or null; lists
 * of text for countries, themes and partners), no key is unknown; each departure is
 * a problem with its path, so that a wrong type can never erase data. */
static void
row_from_json_object (Row *row, JsonObject *object)
{
  static const char *const activity_keys[] = { "uuid",         "kind",        "format",
                                               "start",        "end",         "place",
                                               "participants", "description", NULL };
  static const char *const output_keys[] = { "uuid", "kind", "title", NULL };
  g_autoptr (GList) members = json_object_get_members (object);
  g_autoptr (GPtrArray) known = g_ptr_array_new ();

  for (guint i = 0; i < N_COLS; i++)
    g_ptr_array_add (known, (gpointer) ma_exchange_columns ()[i]);
  g_ptr_array_add (known, (gpointer) "activities");
  g_ptr_array_add (known, (gpointer) "outputs");
  g_ptr_array_add (known, NULL);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      JsonNode *member = json_object_get_member (object, key);
      g_autofree char *where = g_strdup_printf ("%s.%s", row->where, key);
      int column = ma_exchange_column_index (key);

      if (g_str_equal (key, "activities") || g_str_equal (key, "outputs"))
        {
          gboolean activities = g_str_equal (key, "activities");
          if (check_json_children (member, where, activities ? activity_keys : output_keys,
                                   row->problems) &&
              JSON_NODE_HOLDS_ARRAY (member))
            {
              if (activities)
                row->activities = json_node_get_array (member);
              else
                row->outputs = json_node_get_array (member);
            }
          continue;
        }
      if (column < 0)
        {
          json_unknown_key (row->problems, row->where, key, (const char *const *) known->pdata);
          continue;
        }
      row->present[column] = TRUE;
      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (column == COL_COUNTRIES || column == COL_THEMES || column == COL_PARTNERS)
        {
          g_autoptr (GString) joined = g_string_new (NULL);
          JsonArray *items;

          if (!JSON_NODE_HOLDS_ARRAY (member))
            {
              json_problem (row->problems, where, _ ("a list of text"), member);
              continue;
            }
          items = json_node_get_array (member);
          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonNode *item = json_array_get_element (items, j);
              g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, j);

              if (!json_is_text (item))
                {
                  json_problem (row->problems, item_where, _ ("text"), item);
                  continue;
                }
              if (strchr (json_node_get_string (item), '|') != NULL)
                {
                  g_ptr_array_add (row->problems,
                                   g_strdup_printf (_ ("%1$s: %2$s"), item_where,
                                                    _ ("a name in a list cannot contain “|”")));
                  continue;
                }
              if (joined->len > 0)
                g_string_append_c (joined, '|');
              g_string_append (joined, json_node_get_string (item));
            }
          row->values[column] = clean_value (joined->str);
        }
      else if (json_is_text (member))
        row->values[column] = clean_value (json_node_get_string (member));
      else
        json_problem (row->problems, where, _ ("text"), member);
    }
}

static GPtrArray *
rows_from_json (const char *text, gsize length, JsonParser *parser, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (GError) local = NULL;
  JsonArray *array;

  if (!check_json_depth (text, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local))
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The file is not valid JSON: %s"), local->message);
      return NULL;
    }
  /* An empty file parses, with no root (found by the JSON fuzz target). */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is empty"));
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

      row->line = r + 1;
      /* Paths count from 0, as in JSONPath and jq: the first Action is [0]. */
      row->where = g_strdup_printf ("[%u]", r);
      row->problems = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (rows, row);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          json_problem (row->problems, row->where, _ ("an object"), node);
          continue;
        }
      row_from_json_object (row, json_node_get_object (node));
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

/* Reports CODE unless it is one of VOCABULARY's; PART is the path of the field in a
 * JSON Action (".activities[0].kind"), unused for CSV rows. */
static gboolean
check_code_at (Import *import,
               Row *row,
               const char *part,
               MaVocabulary vocabulary,
               const char *code,
               const char *message)
{
  g_autofree char *text = NULL;

  if (code == NULL || g_hash_table_contains (import->codes[vocabulary], code))
    return TRUE;
  text = g_strdup_printf (message, code);
  row_error_at (import, row, part, text);
  return FALSE;
}

/* Checks a row and normalizes its dates; FALSE after reporting what is wrong. */
static gboolean
validate_row (Import *import, Row *row)
{
  gboolean ok = TRUE;

  if (row->problems != NULL && row->problems->len > 0)
    {
      for (guint i = 0; i < row->problems->len; i++)
        g_ptr_array_add (import->report->errors, g_strdup (row->problems->pdata[i]));
      return FALSE;
    }
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
  ok &= check_code_at (import, row, ".status", MA_VOCABULARY_STATUS, row->values[COL_STATUS],
                       _ ("“%s” is not a status"));
  ok &= check_code_at (import, row, ".type", MA_VOCABULARY_TYPE, row->values[COL_TYPE],
                       _ ("“%s” is not a type of Action"));
  ok &= check_code_at (import, row, ".region", MA_VOCABULARY_REGION, row->values[COL_REGION],
                       _ ("“%s” is not a region"));
  if (row->values[COL_LANG] != NULL &&
      !g_strv_contains ((const char *const[]){ "en", "fr", "es", NULL }, row->values[COL_LANG]))
    {
      row_error_at (import, row, ".lang", _ ("The language must be English, French or Spanish"));
      ok = FALSE;
    }
  if (row->values[COL_UUID] != NULL && !g_uuid_string_is_valid (row->values[COL_UUID]))
    {
      g_autofree char *text = g_strdup_printf (_ ("“%s” is not a UUID"), row->values[COL_UUID]);
      row_error_at (import, row, ".uuid", text);
      ok = FALSE;
    }
  for (guint c = COL_START; c <= COL_END; c++)
    {
      g_autoptr (GError) error = NULL;
      char *iso = NULL;
      if (!ma_date_parse (row->values[c], &iso, &error))
        {
          row_error_at (import, row, c == COL_START ? ".start" : ".end", error->message);
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
      ok &= check_code_at (import, row, ".countries", MA_VOCABULARY_COUNTRY, countries[i],
                           _ ("“%s” is not a country code"));
    for (guint i = 0; themes[i] != NULL; i++)
      ok &= check_code_at (import, row, ".themes", MA_VOCABULARY_THEME, themes[i],
                           _ ("“%s” is not a thematic area"));
  }
  for (guint c = COL_UUID; c <= COL_CODE; c++)
    if (row->values[c] != NULL)
      {
        g_autofree char *key = g_strdup_printf ("%u:%s", c, row->values[c]);
        Row *first = g_hash_table_lookup (import->file_codes, key);
        if (first != NULL)
          {
            g_autofree char *text =
                first->where != NULL
                    /* Translators: %1$s a code or UUID, %2$s where it was first seen ("[3]"). */
                    ? g_strdup_printf (_ ("“%1$s” is already used at %2$s"), row->values[c],
                                       first->where)
                    /* Translators: %1$s a code or UUID, %2$u the line where it was first seen. */
                    : g_strdup_printf (_ ("“%1$s” is already used on line %2$u"), row->values[c],
                                       first->line);
            row_error_at (import, row, c == COL_UUID ? ".uuid" : ".code", text);
            ok = FALSE;
          }
        else
          g_hash_table_insert (import->file_codes, g_steal_pointer (&key), row);
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
      g_autofree char *part = g_strdup_printf (".activities[%u]", i);
      g_autofree char *kind_part = g_strconcat (part, ".kind", NULL);
      g_autofree char *format_part = g_strconcat (part, ".format", NULL);
      sqlite3_stmt *stmt;
      gboolean ok;

      if (a == NULL)
        continue;
      uuid = json_object_get_string_member_with_default (a, "uuid", NULL);
      if (uuid != NULL && lookup_id (import->store, "SELECT id FROM activity WHERE uuid = ?", uuid))
        continue;
      kind = json_object_get_string_member_with_default (a, "kind", NULL);
      format = json_object_get_string_member_with_default (a, "format", NULL);
      if (!check_code_at (import, row, kind_part, MA_VOCABULARY_ACTIVITY_KIND, kind,
                          _ ("“%s” is not a kind of activity")) ||
          !check_code_at (import, row, format_part, MA_VOCABULARY_ACTIVITY_FORMAT, format,
                          _ ("“%s” is not a format of activity")))
        return FALSE;
      if (!ma_date_parse (json_object_get_string_member_with_default (a, "start", NULL), &start,
                          &error) ||
          !ma_date_parse (json_object_get_string_member_with_default (a, "end", NULL), &end,
                          &error) ||
          !ma_date_check_span (start, end, &error))
        {
          row_error_at (import, row, part, error->message);
          return FALSE;
        }
      stmt = ma_store_prepare (import->store,
                               "INSERT INTO activity (uuid, action, kind, format, start_date, "
                               "end_date, place, participants, description) VALUES (?, ?, ?, ?, "
                               "?, ?, ?, ?, ?)",
                               NULL);
      sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : fresh, -1, SQLITE_TRANSIENT);
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
      g_autofree char *kind_part = g_strdup_printf (".outputs[%u].kind", i);
      sqlite3_stmt *stmt;
      gboolean ok;

      if (o == NULL)
        continue;
      uuid = json_object_get_string_member_with_default (o, "uuid", NULL);
      if (uuid != NULL && lookup_id (import->store, "SELECT id FROM output WHERE uuid = ?", uuid))
        continue;
      kind = json_object_get_string_member_with_default (o, "kind", NULL);
      title = json_object_get_string_member_with_default (o, "title", NULL);
      if (!check_code_at (import, row, kind_part, MA_VOCABULARY_OUTPUT_KIND, kind,
                          _ ("“%s” is not a kind of output")))
        return FALSE;
      stmt = ma_store_prepare (import->store,
                               "INSERT INTO output (uuid, action, kind, title) VALUES (?, ?, ?, ?)",
                               NULL);
      sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : fresh, -1, SQLITE_TRANSIENT);
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

/* Links each row to the Action it builds on, once every row is written (it may
 * name an Action further down the file), with the rules the window applies: never
 * on itself, and no chain of Actions that comes back to where it started. */
static gboolean
resolve_builds_on (Import *import, GPtrArray *rows)
{
  sqlite3_stmt *stmt = ma_store_prepare (
      import->store,
      "UPDATE action SET builds_on = (SELECT id FROM action WHERE code = ?1 OR uuid = ?1 LIMIT 1) "
      "WHERE id = ?2 AND builds_on IS NOT (SELECT id FROM action WHERE code = ?1 OR uuid = ?1 "
      "LIMIT 1)",
      NULL);
  /* UNION keeps each Action once, so a cycle ends the walk. */
  sqlite3_stmt *cycle = ma_store_prepare (
      import->store,
      "WITH RECURSIVE chain (id) AS (SELECT builds_on FROM action WHERE id = ?1 UNION SELECT "
      "a.builds_on FROM chain JOIN action a ON a.id = chain.id WHERE a.builds_on IS NOT NULL) "
      "SELECT count(*) FROM chain WHERE id = ?1",
      NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      gint64 target = 0;

      if (row->id <= 0 || !row->present[COL_BUILDS_ON])
        continue;
      if (row->values[COL_BUILDS_ON] != NULL &&
          (target = lookup_id (import->store, "SELECT id FROM action WHERE code = ?1 OR uuid = ?1",
                               row->values[COL_BUILDS_ON])) == 0)
        {
          g_autofree char *text =
              g_strdup_printf (_ ("There is no Action “%s”"), row->values[COL_BUILDS_ON]);
          row_error_at (import, row, ".builds_on", text);
          ok = FALSE;
          continue;
        }
      if (target == row->id)
        {
          row_error_at (import, row, ".builds_on", _ ("An Action cannot build on itself"));
          ok = FALSE;
          continue;
        }
      sqlite3_bind_text (stmt, 1, row->values[COL_BUILDS_ON], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, row->id);
      ok &= exec_stmt (import, row, stmt);
    }
  for (guint i = 0; ok && i < rows->len; i++)
    {
      Row *row = rows->pdata[i];

      if (row->id <= 0 || !row->present[COL_BUILDS_ON] || row->values[COL_BUILDS_ON] == NULL)
        continue;
      sqlite3_bind_int64 (cycle, 1, row->id);
      if (sqlite3_step (cycle) == SQLITE_ROW && sqlite3_column_int (cycle, 0) > 0)
        {
          const char *name =
              row->values[COL_CODE] != NULL ? row->values[COL_CODE] : row->values[COL_TITLE];
          g_autofree char *text = g_strdup_printf (
              _ ("%1$s builds on itself through a chain of Actions"), name != NULL ? name : "");
          row_error_at (import, row, ".builds_on", text);
          ok = FALSE;
        }
      sqlite3_reset (cycle);
    }
  sqlite3_finalize (cycle);
  sqlite3_finalize (stmt);
  return ok;
}

/* With MA_IMPORT_IF_UNCHANGED: FALSE (reported) when the Action ID was changed
 * since ROW was exported, its "updated" time then and now differing. */
static gboolean
check_unchanged (Import *import, Row *row, gint64 id)
{
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;

  if (!(import->flags & MA_IMPORT_IF_UNCHANGED))
    return TRUE;
  if (row->values[COL_UPDATED] == NULL)
    {
      row_error_at (import, row, ".updated",
                    _ ("--if-unchanged needs the “updated” time of each Action, as exported"));
      return FALSE;
    }
  stmt = ma_store_prepare (import->store, "SELECT updated FROM action WHERE id = ?", NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (stored, row->values[COL_UPDATED]) == 0)
    return TRUE;
  {
    g_autofree char *text =
        /* Translators: %1$s the time of the last change in the database, %2$s the one in the
         * file. */
        g_strdup_printf (_ ("this Action was changed after the file was exported (changed %1$s, "
                            "the file has %2$s): it was not overwritten"),
                         stored != NULL ? stored : "", row->values[COL_UPDATED]);
    row_error_at (import, row, ".updated", text);
  }
  return FALSE;
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
  return ma_import_actions_full (store, format, mode, MA_IMPORT_FLAGS_NONE, dry_run, file, report,
                                 error);
}

gboolean
ma_import_actions_full (MaStore *store,
                        MaExchangeFormat format,
                        MaImportMode mode,
                        MaImportFlags flags,
                        gboolean dry_run,
                        GFile *file,
                        MaImportReport *report,
                        GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (MaStore) scratch = NULL;
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
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      (guint64) g_file_info_get_size (info) > MAX_IMPORT_BYTES)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   /* Translators: %u is a size in mebibytes (MiB), such as 256. */
                   _ ("The file is larger than %u MiB: split it into smaller files"),
                   (guint) (MAX_IMPORT_BYTES / (1024 * 1024)));
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

  /* A dry run writes into a private copy, never into the database. */
  if (dry_run)
    {
      scratch = ma_store_open_scratch_copy (store, error);
      if (scratch == NULL)
        return FALSE;
      store = scratch;
    }
  import.store = store;
  import.mode = mode;
  import.flags = flags;
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
      if (existing > 0 && !check_unchanged (&import, row, existing))
        continue;
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
