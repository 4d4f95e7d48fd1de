/* ma-import-read.c: the rows of a CSV or JSON file, whatever its encoding and separator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ma-exchange-private.h"
#include "ma-import-private.h"

static void
record_free (MaImportRecord *record)
{
  g_ptr_array_unref (record->cells);
  g_free (record->where);
  g_free (record);
}

MaImportTable *
ma_import_table_new (void)
{
  MaImportTable *table = g_new0 (MaImportTable, 1);

  table->header = g_ptr_array_new_with_free_func (g_free);
  table->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  table->ignored = g_ptr_array_new_with_free_func (g_free);
  table->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_import_issue_free);
  return table;
}

void
ma_import_table_free (MaImportTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->header);
  g_ptr_array_unref (table->records);
  g_ptr_array_unref (table->ignored);
  g_ptr_array_unref (table->problems);
  g_clear_object (&table->parser);
  g_free (table->sheet);
  g_strfreev (table->sheets);
  g_free (table);
}

MaImportRecord *
ma_import_table_add_record (MaImportTable *table, guint row)
{
  MaImportRecord *record = g_new0 (MaImportRecord, 1);

  record->row = row;
  record->cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (table->records, record);
  return record;
}

void
ma_import_record_add_cell (MaImportRecord *record, const char *value)
{
  char *copy = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  g_ptr_array_add (record->cells, copy);
}

MaImportIssue *
ma_import_issue_new (guint row, const char *column, const char *message)
{
  MaImportIssue *issue = g_new0 (MaImportIssue, 1);

  issue->row = row;
  issue->column = g_strdup (column);
  issue->message = g_strdup (message);
  return issue;
}

void
ma_import_issue_free (MaImportIssue *issue)
{
  g_free (issue->column);
  g_free (issue->where);
  g_free (issue->message);
  g_free (issue);
}

char *
ma_import_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

char *
ma_import_repair_double_encoding (const char *text)
{
  g_autofree char *bytes = NULL;
  gboolean wide = FALSE;
  gsize length = 0;

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    wide |= (guchar) *p >= 0x80;
  if (!wide)
    return NULL;
  /* Back to the bytes a Windows-1252 reading made of the text: when these are
   * themselves UTF-8 with letters beyond ASCII, the text was encoded twice. */
  bytes = g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, &length, NULL);
  if (bytes == NULL || !g_utf8_validate (bytes, (gssize) length, NULL) ||
      memchr (bytes, '\0', length) != NULL || strcmp (bytes, text) == 0)
    return NULL;
  for (const char *p = bytes; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_steal_pointer (&bytes);
  return NULL;
}

/* ---- CSV ------------------------------------------------------------------------ */

void
ma_csv_unescape_cell (char *value)
{
  if (value != NULL && value[0] == '\'' && value[1] != '\0' &&
      strchr (MA_CSV_FORMULA_STARTS "'", value[1]) != NULL)
    memmove (value, value + 1, strlen (value));
}

/* The separator of the header line: the most frequent of , ; and tab outside
 * quotes; a tie goes to ; then tab, a line with none of them to ",". */
static char
detect_separator (const char *text, gsize length)
{
  const char candidates[] = { ';', '\t', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = G_N_ELEMENTS (candidates) - 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += c == candidates[k];
    }
  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

static void
too_long (MaImportTable *table, guint row, guint column)
{
  g_autofree char *message =
      g_strdup_printf (_ ("the cell of column %u holds more than %u MB of text"), column + 1,
                       MA_IMPORT_MAX_CELL / (1024 * 1024));
  g_ptr_array_add (table->problems, ma_import_issue_new (row, NULL, message));
}

/* RFC 4180 with SEPARATOR; a row is numbered as a spreadsheet numbers it. */
static gboolean
parse_csv (MaImportTable *table, const char *text, gsize length, char separator, GError **error)
{
  MaImportRecord *record = NULL;
  GString *field = g_string_new (NULL);
  const char *p = text, *end = text + length;
  guint row = 0, line = 1;
  gboolean quoted = FALSE, was_quoted = FALSE, overflow = FALSE;

  while (p < end)
    {
      char c = *p++;

      if (record == NULL)
        {
          record = ma_import_table_add_record (table, ++row);
          overflow = FALSE;
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
              if (field->len < MA_IMPORT_MAX_CELL)
                g_string_append_c (field, c);
              else
                overflow = TRUE;
            }
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      if (c == separator || c == '\n' || c == '\r')
        {
          if (c == '\r' && p < end && *p == '\n')
            p++;
          if (overflow)
            {
              too_long (table, row, record->cells->len);
              g_string_truncate (field, 0);
              overflow = FALSE;
            }
          ma_import_record_add_cell (record, field->str);
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          if (c != separator)
            {
              record = NULL;
              line++;
            }
          continue;
        }
      if (was_quoted)
        {
          /* Translators: %1$u is a row of the file, %2$u a line of the file. */
          g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                       _ ("row %1$u (line %2$u): text after a closing quote; a quote inside "
                          "a quoted cell is written twice"),
                       row, line);
          g_string_free (field, TRUE);
          return FALSE;
        }
      if (field->len < MA_IMPORT_MAX_CELL)
        g_string_append_c (field, c);
      else
        overflow = TRUE;
    }
  if (quoted)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("row %u: a quoted cell is never closed"), row);
      g_string_free (field, TRUE);
      return FALSE;
    }
  if (record != NULL)
    {
      if (overflow)
        {
          too_long (table, row, record->cells->len);
          g_string_truncate (field, 0);
        }
      ma_import_record_add_cell (record, field->str);
    }
  g_string_free (field, TRUE);
  return TRUE;
}

static gboolean
record_is_empty (MaImportRecord *record)
{
  for (guint i = 0; i < record->cells->len; i++)
    if (record->cells->pdata[i] != NULL)
      return FALSE;
  return TRUE;
}

gboolean
ma_import_table_split_header (MaImportTable *table, GError **error)
{
  MaImportRecord *first;

  while (table->records->len > 0 && record_is_empty (table->records->pdata[0]))
    g_ptr_array_remove_index (table->records, 0);
  if (table->records->len == 0)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is empty: it has no header and no Actions"));
      return FALSE;
    }
  first = table->records->pdata[0];
  for (guint i = 0; i < first->cells->len; i++)
    g_ptr_array_add (table->header,
                     g_strdup (first->cells->pdata[i] != NULL ? first->cells->pdata[i] : ""));
  g_ptr_array_remove_index (table->records, 0);
  for (guint i = table->records->len; i > 0; i--)
    if (record_is_empty (table->records->pdata[i - 1]))
      g_ptr_array_remove_index (table->records, i - 1);
  return TRUE;
}

MaImportTable *
ma_import_read_csv (const char *data, gsize length, GError **error)
{
  g_autoptr (MaImportTable) table = ma_import_table_new ();
  g_autofree char *converted = NULL;
  const char *text = data;

  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is a zip archive, not CSV text: if it is a workbook, "
                              "import it as XLSX"));
      return NULL;
    }
  if (length >= 2 && ((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe))
    {
      /* “Unicode text” of Excel: UTF-16, little-endian, tab-separated. */
      converted =
          g_convert (data + 2, (gssize) length - 2, "UTF-8", "UTF-16LE", NULL, &length, NULL);
      table->encoding = "UTF-16";
      text = converted;
    }
  else if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      table->encoding = N_ ("UTF-8 with BOM");
      text = data + 3;
      length -= 3;
    }
  else if (g_utf8_validate (data, (gssize) length, NULL))
    table->encoding = "UTF-8";
  else
    {
      /* Not UTF-8: what Windows and old spreadsheets write for Western languages.
       * Five bytes have no character in Windows-1252; Latin-1 takes those. */
      converted = g_convert (data, (gssize) length, "UTF-8", "WINDOWS-1252", NULL, &length, NULL);
      if (converted == NULL)
        converted = g_convert (data, (gssize) length, "UTF-8", "ISO-8859-1", NULL, &length, NULL);
      table->encoding = "Windows-1252";
      text = converted;
    }
  if (text == NULL || memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not text: save the sheet as CSV"));
      return NULL;
    }
  table->separator = detect_separator (text, length);
  if (!parse_csv (table, text, length, table->separator, error) ||
      !ma_import_table_split_header (table, error))
    return NULL;
  /* What the export guarded against formulas ("'=…") comes back as it was. */
  for (guint r = 0; r < table->records->len; r++)
    {
      MaImportRecord *record = table->records->pdata[r];
      for (guint c = 0; c < record->cells->len; c++)
        ma_csv_unescape_cell (record->cells->pdata[c]);
    }
  return g_steal_pointer (&table);
}

/* ---- JSON ----------------------------------------------------------------------- */

/* An Action of a JSON file sits at depth 2 and its activities' fields at 4: deeper
 * nesting is refused before json-glib, whose recursive parser would run out of
 * stack on a file nested 100,000 deep. */
#define MAX_JSON_DEPTH 32

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

/* A problem at WHERE ("[3].countries[0]") of the Action of row ROW. */
static void
json_issue (MaImportTable *table, guint row, const char *where, const char *message)
{
  MaImportIssue *issue = ma_import_issue_new (row, NULL, message);

  issue->where = g_strdup (where);
  g_ptr_array_add (table->problems, issue);
}

static void
json_problem (
    MaImportTable *table, guint row, const char *where, const char *expected, JsonNode *node)
{
  /* Translators: %1$s what was expected ("text"), %2$s what was found ("a number"). */
  g_autofree char *message =
      g_strdup_printf (_ ("expected %1$s, found %2$s"), expected, json_kind (node));
  json_issue (table, row, where, message);
}

static void
json_unknown_key (
    MaImportTable *table, guint row, const char *where, const char *key, const char *const *known)
{
  g_autofree char *list = g_strjoinv (", ", (char **) known);
  /* Translators: %1$s the unknown key, %2$s the known ones. */
  g_autofree char *message =
      g_strdup_printf (_ ("there is no field “%1$s”; the fields are: %2$s"), key, list);
  json_issue (table, row, where, message);
}

/* The fields of an activity or an output: text or null, except PARTICIPANTS (a
 * whole number or null); anything else is a problem. */
static void
check_json_children (
    MaImportTable *table, guint row, JsonNode *node, const char *where, const char *const *known)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      json_problem (table, row, where, _ ("a list of objects"), node);
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          json_problem (table, row, item_where, _ ("an object"), item);
          continue;
        }
      members = json_object_get_members (json_node_get_object (item));
      for (GList *m = members; m != NULL; m = m->next)
        {
          const char *key = m->data;
          JsonNode *value = json_object_get_member (json_node_get_object (item), key);
          g_autofree char *value_where = g_strdup_printf ("%s.%s", item_where, key);

          if (!g_strv_contains (known, key))
            json_unknown_key (table, row, item_where, key, known);
          else if (JSON_NODE_HOLDS_NULL (value))
            continue;
          else if (g_str_equal (key, "participants"))
            {
              if (!JSON_NODE_HOLDS_VALUE (value) ||
                  json_node_get_value_type (value) != G_TYPE_INT64 ||
                  json_node_get_int (value) < 0 || json_node_get_int (value) > G_MAXINT)
                json_problem (table, row, value_where, _ ("a whole number from 0"), value);
            }
          else if (!json_is_text (value))
            json_problem (table, row, value_where, _ ("text"), value);
          else if (g_str_equal (key, "uuid") &&
                   !g_uuid_string_is_valid (json_node_get_string (value)))
            {
              g_autofree char *message =
                  g_strdup_printf (_ ("“%s” is not a UUID"), json_node_get_string (value));
              json_issue (table, row, value_where, message);
            }
        }
    }
}

/* One Action of a JSON file into RECORD: every value has its type (text or null;
 * lists of text for countries, themes and partners), no key is unknown; each
 * departure is a problem with its path, so that a wrong type can never erase data. */
static void
record_from_json_object (MaImportTable *table, MaImportRecord *record, JsonObject *object)
{
  static const char *const activity_keys[] = { "uuid",         "kind",        "format",
                                               "start",        "end",         "place",
                                               "participants", "description", NULL };
  static const char *const output_keys[] = { "uuid", "kind", "title", NULL };
  const char *const *names = ma_exchange_columns ();
  g_autoptr (GList) members = json_object_get_members (object);
  g_autoptr (GPtrArray) known = g_ptr_array_new ();
  guint n_columns = g_strv_length ((char **) names);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (known, (gpointer) names[i]);
  g_ptr_array_add (known, (gpointer) "activities");
  g_ptr_array_add (known, (gpointer) "outputs");
  g_ptr_array_add (known, NULL);

  record->object = object;
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (record->cells, NULL);
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      JsonNode *member = json_object_get_member (object, key);
      g_autofree char *where = g_strdup_printf ("%s.%s", record->where, key);
      int column = ma_exchange_column_index (key);
      const char *name = column >= 0 ? names[column] : NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (key, "activities") || g_str_equal (key, "outputs"))
        {
          check_json_children (table, record->row, member, where,
                               g_str_equal (key, "activities") ? activity_keys : output_keys);
          continue;
        }
      if (column < 0)
        {
          json_unknown_key (table, record->row, record->where, key,
                            (const char *const *) known->pdata);
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (g_str_equal (name, "countries") || g_str_equal (name, "themes") ||
          g_str_equal (name, "partners"))
        {
          GString *joined;
          JsonArray *items;

          if (!JSON_NODE_HOLDS_ARRAY (member))
            {
              json_problem (table, record->row, where, _ ("a list of text"), member);
              continue;
            }
          items = json_node_get_array (member);
          joined = g_string_new (NULL);
          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonNode *item = json_array_get_element (items, j);
              g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, j);

              if (!json_is_text (item))
                {
                  json_problem (table, record->row, item_where, _ ("text"), item);
                  continue;
                }
              if (strpbrk (json_node_get_string (item), "|\n") != NULL)
                {
                  json_issue (table, record->row, item_where,
                              _ ("a name in a list cannot contain “|”"));
                  continue;
                }
              if (joined->len > 0)
                g_string_append_c (joined, '|');
              g_string_append (joined, json_node_get_string (item));
            }
          value = g_string_free (joined, FALSE);
        }
      else if (json_is_text (member))
        value = g_strdup (json_node_get_string (member));
      else
        {
          json_problem (table, record->row, where, _ ("text"), member);
          continue;
        }
      g_strstrip (value);
      if (value[0] != '\0')
        record->cells->pdata[column] = g_steal_pointer (&value);
    }
}

MaImportTable *
ma_import_read_json (const char *data, gsize length, GError **error)
{
  g_autoptr (MaImportTable) table = ma_import_table_new ();
  g_autoptr (GError) local = NULL;
  const char *const *names = ma_exchange_columns ();
  JsonArray *array;

  if (!check_json_depth (data, length, error))
    return NULL;
  table->parser = json_parser_new ();
  table->by_name = TRUE;
  if (!json_parser_load_from_data (table->parser, data, (gssize) length, &local))
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The file is not valid JSON: %s"), local->message);
      return NULL;
    }
  /* An empty file parses, with no root (found by the JSON fuzz target). */
  if (json_parser_get_root (table->parser) == NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is empty: it has no header and no Actions"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (table->parser)))
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not a JSON list of Actions"));
      return NULL;
    }
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (table->header, g_strdup (names[i]));
  array = json_node_get_array (json_parser_get_root (table->parser));
  for (guint r = 0; r < json_array_get_length (array); r++)
    {
      JsonNode *node = json_array_get_element (array, r);
      /* JSON has no rows: the Actions are numbered from 1 for counting, and
       * named by their path, which counts from 0 as JSONPath and jq do. */
      MaImportRecord *record = ma_import_table_add_record (table, r + 1);

      record->where = g_strdup_printf ("[%u]", r);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          json_problem (table, r + 1, record->where, _ ("an object"), node);
          continue;
        }
      record_from_json_object (table, record, json_node_get_object (node));
    }
  return g_steal_pointer (&table);
}
