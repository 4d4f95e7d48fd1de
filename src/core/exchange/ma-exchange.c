/* ma-exchange.c: export of Actions to CSV, XLSX, JSON and IATI XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "ma-date.h"
#include "ma-exchange-private.h"
#include "ma-i18n.h"
#include "ma-filter-sql.h"
#include "ma-store-private.h"

GQuark
ma_exchange_error_quark (void)
{
  return g_quark_from_static_string ("ma-exchange-error-quark");
}

/* The columns of CSV and XLSX files: lists are separated by "|", codes are the
 * stable codes, so that a file exported as CSV can be imported again unchanged.
 * A spreadsheet is read by people: it has the label as its header and the names
 * of coded values, in the language of the export (see export_xlsx). */
static const struct
{
  const char *name;
  const char *label;
  MaVocabulary vocabulary; /* names of a coded column, or NO_VOCABULARY */
  const char *sql;
} columns[] = {
#define NO_VOCABULARY ((MaVocabulary) -1)
#define LANGUAGE_NAME ((MaVocabulary) -2)
  { "uuid", N_ ("UUID"), NO_VOCABULARY, "a.uuid" },
  { "code", N_ ("Code"), NO_VOCABULARY, "a.code" },
  { "title", N_ ("Title"), NO_VOCABULARY, "a.title" },
  { "title_fr", N_ ("Title in French"), NO_VOCABULARY,
    "(SELECT title FROM action_text WHERE action = a.id AND lang = 'fr')" },
  { "title_es", N_ ("Title in Spanish"), NO_VOCABULARY,
    "(SELECT title FROM action_text WHERE action = a.id AND lang = 'es')" },
  { "summary", N_ ("Summary"), NO_VOCABULARY, "a.summary" },
  { "summary_fr", N_ ("Summary in French"), NO_VOCABULARY,
    "(SELECT summary FROM action_text WHERE action = a.id AND lang = 'fr')" },
  { "summary_es", N_ ("Summary in Spanish"), NO_VOCABULARY,
    "(SELECT summary FROM action_text WHERE action = a.id AND lang = 'es')" },
  { "lang", N_ ("Language"), LANGUAGE_NAME, "a.lang" },
  { "type", N_ ("Type"), MA_VOCABULARY_TYPE, "a.type" },
  { "status", N_ ("Status"), MA_VOCABULARY_STATUS, "a.status" },
  { "start", N_ ("Start"), NO_VOCABULARY, "a.start_date" },
  { "end", N_ ("End"), NO_VOCABULARY, "a.end_date" },
  { "region", N_ ("Region"), MA_VOCABULARY_REGION, "a.region" },
  { "countries", N_ ("Countries"), MA_VOCABULARY_COUNTRY,
    "(SELECT group_concat (country, '|') FROM (SELECT country FROM action_country "
    "WHERE action = a.id ORDER BY country))" },
  { "themes", N_ ("Themes"), MA_VOCABULARY_THEME,
    "(SELECT group_concat (theme, '|') FROM (SELECT theme FROM action_theme JOIN theme "
    "ON code = theme WHERE action = a.id ORDER BY position))" },
  { "partners", N_ ("Partners"), NO_VOCABULARY,
    "(SELECT group_concat (name, '|') FROM (SELECT p.name FROM action_partner ap JOIN "
    "partner p ON p.id = ap.partner WHERE ap.action = a.id ORDER BY p.name))" },
  { "builds_on", N_ ("Builds on"), NO_VOCABULARY,
    "(SELECT coalesce (b.code, b.uuid) FROM action b WHERE b.id = a.builds_on)" },
  { "notes", N_ ("Notes"), NO_VOCABULARY, "a.notes" },
  { "created", N_ ("Created"), NO_VOCABULARY, "a.created" },
  { "updated", N_ ("Updated"), NO_VOCABULARY, "a.updated" },
};

const char *const *
ma_exchange_columns (void)
{
  static const char *names[G_N_ELEMENTS (columns) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      names[i] = columns[i].name;
  return names;
}

int
ma_exchange_column_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

const char *
ma_exchange_column_label (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (columns), NULL);
  return columns[index].label;
}

const char *
ma_exchange_column_sql (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (columns), NULL);
  return columns[index].sql;
}

gboolean
ma_exchange_format_from_string (const char *name, MaExchangeFormat *format)
{
  const char *const names[] = { "csv", "xlsx", "json", "iati" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *format = (MaExchangeFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* The Actions as rows of the chosen columns, in creation order. */
static sqlite3_stmt *
prepare_rows (MaStore *store, MaFilter *filter, GArray *chosen, GError **error)
{
  g_autoptr (GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *condition = ma_filter_sql_condition (filter, binds);
  g_autoptr (GString) sql = g_string_new ("SELECT a.id");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < chosen->len; i++)
    g_string_append_printf (sql, ", %s", columns[g_array_index (chosen, int, i)].sql);
  g_string_append_printf (sql, " FROM action a WHERE %s ORDER BY a.id", condition);
  stmt = ma_store_prepare (store, sql->str, error);
  if (stmt != NULL)
    ma_filter_sql_bind (stmt, 1, binds);
  return stmt;
}

static GArray *
choose_columns (const char *const *names, GError **error)
{
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < G_N_ELEMENTS (columns) && names == NULL; i++)
    g_array_append_val (chosen, i);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      int index;

      index = ma_exchange_column_index (name);
      if (index < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ma_exchange_columns ());
          g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_COLUMN,
                       /* Translators: %1$s is a column name, %2$s the list of known ones. */
                       _ ("There is no column “%1$s”; the columns are: %2$s"), name, known);
          g_array_unref (chosen);
          return NULL;
        }
      g_array_append_val (chosen, index);
    }
  return chosen;
}

/* OWASP's rule against CSV injection: a cell that begins with = + - @, a tab or a
 * carriage return would run as a formula in Calc or Excel, so it gets a leading
 * apostrophe and quotes. A cell that begins with an apostrophe gets one more, so the
 * importer (ma_csv_unescape_cell) can take exactly one away and the file imports
 * again unchanged. */
static gboolean
csv_needs_apostrophe (const char *value)
{
  return value[0] != '\0' && strchr (MA_CSV_FORMULA_STARTS "'", value[0]) != NULL;
}

static void
csv_append (GString *out, const char *value, char separator)
{
  const char specials[] = { separator, '"', '\r', '\n', '\0' };
  gboolean apostrophe;

  if (value == NULL)
    return;
  apostrophe = csv_needs_apostrophe (value);
  if (!apostrophe && strpbrk (value, specials) == NULL && value[0] != ' ')
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (apostrophe)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
step_rows (MaStore *store, sqlite3_stmt *stmt, int rc, GError **error)
{
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      return FALSE;
    }
  return TRUE;
}

/* What a spreadsheet cell shows for VALUE of column COLUMN: names in LANG for codes
 * (looked up once per code in NAMES), items of a list one per line. */
static char *
cell_label_text (
    MaStore *store, GHashTable *names, guint column, const char *value, const char *lang)
{
  MaVocabulary vocabulary = columns[column].vocabulary;
  g_auto (GStrv) items = NULL;

  if (vocabulary == NO_VOCABULARY && !g_str_equal (columns[column].name, "partners"))
    return g_strdup (value);
  if (vocabulary == LANGUAGE_NAME)
    {
      const char *const codes[] = { "en", "fr", "es" };
      const char *const languages[] = { N_ ("English"), N_ ("French"), N_ ("Spanish") };
      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        if (g_strcmp0 (value, codes[i]) == 0)
          return g_strdup (_ (languages[i]));
      return g_strdup (value);
    }
  items = g_strsplit (value, "|", -1);
  if (vocabulary != NO_VOCABULARY)
    for (guint i = 0; items[i] != NULL; i++)
      {
        g_autofree char *key = g_strdup_printf ("%d:%s", (int) vocabulary, items[i]);
        const char *name = g_hash_table_lookup (names, key);
        if (name == NULL)
          {
            name = ma_store_term_name (store, vocabulary, items[i], lang);
            g_hash_table_insert (names, g_steal_pointer (&key), (char *) name);
          }
        g_free (items[i]);
        items[i] = g_strdup (name);
      }
  return g_strjoinv ("\n", items);
}

/* CSV as our importer reads it by default (UTF-8, ",", names and codes), or, for
 * a spreadsheet set up for French or Spanish users, with a BOM and ";"; LABELS
 * writes the headers and the names of coded values in the language of the export. */
static GBytes *
export_csv (
    MaStore *store, MaFilter *filter, GArray *chosen, const MaCsvOptions *options, GError **error)
{
  sqlite3_stmt *stmt = prepare_rows (store, filter, chosen, error);
  gboolean spreadsheet = options != NULL && options->spreadsheet;
  gboolean labels = options != NULL && options->labels;
  char separator = spreadsheet ? ';' : ',';
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *lang = ma_i18n_get_language ();
  GString *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_string_new (spreadsheet ? "\xef\xbb\xbf" : NULL);
  for (guint i = 0; i < chosen->len; i++)
    {
      guint column = (guint) g_array_index (chosen, int, i);
      if (i > 0)
        g_string_append_c (out, separator);
      csv_append (out, labels ? _ (columns[column].label) : columns[column].name, separator);
    }
  g_string_append (out, "\r\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < chosen->len; i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, (int) i + 1);
          g_autofree char *text = NULL;
          if (i > 0)
            g_string_append_c (out, separator);
          if (labels && value != NULL)
            value = text =
                cell_label_text (store, names, (guint) g_array_index (chosen, int, i), value, lang);
          csv_append (out, value, separator);
        }
      g_string_append (out, "\r\n");
    }
  sqlite3_finalize (stmt);
  if (!step_rows (store, stmt, rc, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (out);
}

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static GBytes *
export_json (MaStore *store, MaFilter *filter, GError **error)
{
  g_autoptr (GArray) chosen = choose_columns (NULL, NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  sqlite3_stmt *stmt = prepare_rows (store, filter, chosen, error);
  gsize length;
  char *text;
  int rc;

  if (stmt == NULL)
    return NULL;
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr (GPtrArray) activities = ma_store_list_activities (store, id, NULL);
      g_autoptr (GPtrArray) outputs = ma_store_list_outputs (store, id, NULL);

      json_builder_begin_object (builder);
      for (guint i = 0; i < chosen->len; i++)
        {
          const char *name = columns[g_array_index (chosen, int, i)].name;
          const char *value = (const char *) sqlite3_column_text (stmt, (int) i + 1);

          if (g_str_equal (name, "countries") || g_str_equal (name, "themes") ||
              g_str_equal (name, "partners"))
            {
              g_auto (GStrv) items = g_strsplit (value != NULL ? value : "", "|", -1);
              json_builder_set_member_name (builder, name);
              json_builder_begin_array (builder);
              for (guint j = 0; items[j] != NULL; j++)
                if (items[j][0] != '\0')
                  json_builder_add_string_value (builder, items[j]);
              json_builder_end_array (builder);
            }
          else
            add_string_member (builder, name, value);
        }
      json_builder_set_member_name (builder, "activities");
      json_builder_begin_array (builder);
      for (guint i = 0; activities != NULL && i < activities->len; i++)
        {
          MaActivity *activity = activities->pdata[i];
          json_builder_begin_object (builder);
          add_string_member (builder, "uuid", activity->uuid);
          add_string_member (builder, "kind", activity->kind);
          add_string_member (builder, "format", activity->format);
          add_string_member (builder, "start", activity->start_date);
          add_string_member (builder, "end", activity->end_date);
          add_string_member (builder, "place", activity->place);
          json_builder_set_member_name (builder, "participants");
          if (activity->participants >= 0)
            json_builder_add_int_value (builder, activity->participants);
          else
            json_builder_add_null_value (builder);
          add_string_member (builder, "description", activity->description);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "outputs");
      json_builder_begin_array (builder);
      for (guint i = 0; outputs != NULL && i < outputs->len; i++)
        {
          MaOutput *output = outputs->pdata[i];
          json_builder_begin_object (builder);
          add_string_member (builder, "uuid", output->uuid);
          add_string_member (builder, "kind", output->kind);
          add_string_member (builder, "title", output->title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  sqlite3_finalize (stmt);
  if (!step_rows (store, stmt, rc, error))
    return NULL;
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

/* ---- IATI 2.03 ---------------------------------------------------------------- */

static void
write_narrative (xmlTextWriterPtr writer, const char *lang, const char *text)
{
  xmlTextWriterStartElement (writer, BAD_CAST "narrative");
  if (lang != NULL)
    xmlTextWriterWriteAttribute (writer, BAD_CAST "xml:lang", BAD_CAST lang);
  xmlTextWriterWriteString (writer, BAD_CAST text);
  xmlTextWriterEndElement (writer);
}

/* IATI needs a day: a date known only to the year or month is written as its
 * first day, with a narrative that says what is really known ("2023"). An
 * "actual" date still to come is a planned one. */
static void
write_activity_date (
    xmlTextWriterPtr writer, const char *date, gboolean actual, gboolean start, const char *today)
{
  g_autofree char *day = ma_date_lower_bound (date);
  const char *type;

  if (actual && strcmp (day, today) > 0)
    actual = FALSE;
  type = start ? (actual ? "2" : "1") : (actual ? "4" : "3");
  xmlTextWriterStartElement (writer, BAD_CAST "activity-date");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "iso-date", BAD_CAST day);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "type", BAD_CAST type);
  if (strlen (date) < 10)
    write_narrative (writer, NULL, date);
  xmlTextWriterEndElement (writer);
}

/* An organisation identifier as IATI wants it: an agency prefix ("XM-DAC",
 * "GB-COH"), a hyphen, then letters, digits and - . _ without spaces. */
static gboolean
valid_org_ref (const char *ref)
{
  gsize n = ref != NULL ? strlen (ref) : 0;
  const char *hyphen = ref != NULL ? strchr (ref, '-') : NULL;

  if (n < 4 || hyphen == NULL || hyphen - ref < 2 || hyphen[1] == '\0')
    return FALSE;
  for (const char *p = ref; p < hyphen; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  for (const char *p = hyphen + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;
  return TRUE;
}

/* Equal shares in whole percent that add up to exactly 100: the K-th of N. */
static char *
share_of (guint k, guint n)
{
  return g_strdup_printf ("%u", 100 / n + (k < 100 % n ? 1 : 0));
}

static void
write_org (xmlTextWriterPtr writer, const char *role, const char *ref, const char *name)
{
  xmlTextWriterStartElement (writer, BAD_CAST "participating-org");
  if (ref != NULL)
    xmlTextWriterWriteAttribute (writer, BAD_CAST "ref", BAD_CAST ref);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "role", BAD_CAST role);
  write_narrative (writer, NULL, name);
  xmlTextWriterEndElement (writer);
}

static GBytes *
export_iati (MaStore *store, MaFilter *filter, MaIatiOptions *options, GError **error)
{
  const char *const names[] = { "uuid",       "title",    "title_fr", "title_es",   "summary",
                                "summary_fr", "lang",     "status",   "start",      "end",
                                "countries",  "partners", "updated",  "summary_es", "code",
                                "region",     "themes",   NULL };
  g_autoptr (GArray) chosen = choose_columns (names, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) left_out = g_ptr_array_new ();
  xmlBufferPtr buffer;
  xmlTextWriterPtr writer;
  sqlite3_stmt *stmt;
  GBytes *bytes;
  int rc;

  if (options == NULL || options->reporting_org == NULL || options->reporting_org[0] == '\0')
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_FAILED,
                           _ ("An IATI file needs the IATI identifier of the reporting "
                              "organisation (--reporting-org)"));
      return NULL;
    }
  if (!valid_org_ref (options->reporting_org))
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_FAILED,
                   /* Translators: %s an organisation identifier as the user gave it. */
                   _ ("“%s” is not an IATI organisation identifier: it is an agency prefix and "
                      "a number, joined by a hyphen, without spaces (XM-DAC-41114, "
                      "GB-COH-123456)"),
                   options->reporting_org);
      return NULL;
    }
  stmt = prepare_rows (store, filter, chosen, error);
  if (stmt == NULL)
    return NULL;
  options->skipped = 0;
  options->declined = 0;

  buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "iati-activities");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "version", BAD_CAST "2.03");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "generated-datetime", BAD_CAST generated);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define COL(n) ((const char *) sqlite3_column_text (stmt, (n) + 1))
      const char *uuid = COL (0), *title = COL (1), *summary = COL (4), *lang = COL (6);
      const char *status = COL (7), *start = COL (8), *end = COL (9), *updated = COL (12);
      const char *code = COL (14), *region = COL (15);
      g_auto (GStrv) themes = g_strsplit (COL (16) != NULL ? COL (16) : "", "|", -1);
      guint n_themes = 0;
      g_auto (GStrv) countries = g_strsplit (COL (10) != NULL ? COL (10) : "", "|", -1);
      g_auto (GStrv) partners = g_strsplit (COL (11) != NULL ? COL (11) : "", "|", -1);
      g_autofree char *identifier = g_strdup_printf ("%s-%s", options->reporting_org, uuid);
      g_autofree char *iati_status = NULL;
      gboolean started = g_strcmp0 (status, "ongoing") == 0 || g_strcmp0 (status, "completed") == 0;
      guint n_countries = 0;

      /* IATI needs at least one date, and only full days: a partial start is its
       * first day, a partial end its last, and an Action with no known date is
       * left out rather than given an invented one. */
      if (!options->include_declined &&
          (g_strcmp0 (status, "declined") == 0 || g_strcmp0 (status, "withdrawn") == 0))
        {
          /* A request that never became an activity is not published as cancelled. */
          options->declined++;
          continue;
        }
      if (start == NULL && end == NULL)
        {
          options->skipped++;
          g_ptr_array_add (left_out, code != NULL ? g_strdup_printf ("%s — %s", code, title)
                                                  : g_strdup (title));
          continue;
        }
      {
        sqlite3_stmt *code_stmt =
            ma_store_prepare (store, "SELECT iati_code FROM status WHERE code = ?", NULL);
        sqlite3_bind_text (code_stmt, 1, status, -1, SQLITE_STATIC);
        if (sqlite3_step (code_stmt) == SQLITE_ROW)
          iati_status = g_strdup ((const char *) sqlite3_column_text (code_stmt, 0));
        sqlite3_finalize (code_stmt);
      }

      xmlTextWriterStartElement (writer, BAD_CAST "iati-activity");
      if (updated != NULL)
        xmlTextWriterWriteAttribute (writer, BAD_CAST "last-updated-datetime", BAD_CAST updated);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "xml:lang", BAD_CAST lang);
      xmlTextWriterWriteElement (writer, BAD_CAST "iati-identifier", BAD_CAST identifier);

      xmlTextWriterStartElement (writer, BAD_CAST "reporting-org");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "ref", BAD_CAST options->reporting_org);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "type", BAD_CAST "40");
      write_narrative (writer, NULL,
                       options->reporting_org_name ? options->reporting_org_name
                                                   : options->reporting_org);
      xmlTextWriterEndElement (writer);

      xmlTextWriterStartElement (writer, BAD_CAST "title");
      write_narrative (writer, NULL, title);
      if (COL (2) != NULL && g_strcmp0 (lang, "fr") != 0)
        write_narrative (writer, "fr", COL (2));
      if (COL (3) != NULL && g_strcmp0 (lang, "es") != 0)
        write_narrative (writer, "es", COL (3));
      xmlTextWriterEndElement (writer);

      /* A description is required: the title stands in for an unknown summary. */
      xmlTextWriterStartElement (writer, BAD_CAST "description");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "type", BAD_CAST "1");
      write_narrative (writer, NULL, summary != NULL ? summary : title);
      if (COL (5) != NULL && g_strcmp0 (lang, "fr") != 0)
        write_narrative (writer, "fr", COL (5));
      if (COL (13) != NULL && g_strcmp0 (lang, "es") != 0)
        write_narrative (writer, "es", COL (13));
      xmlTextWriterEndElement (writer);

      write_org (writer, "1", NULL, "European Union");
      write_org (writer, "4", options->reporting_org,
                 options->reporting_org_name ? options->reporting_org_name
                                             : options->reporting_org);
      for (guint i = 0; partners[i] != NULL; i++)
        if (partners[i][0] != '\0')
          write_org (writer, "4", NULL, partners[i]);

      xmlTextWriterStartElement (writer, BAD_CAST "activity-status");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST iati_status);
      xmlTextWriterEndElement (writer);
      if (start != NULL)
        write_activity_date (writer, start, started, TRUE, today);
      if (end != NULL)
        write_activity_date (writer, end, g_strcmp0 (status, "completed") == 0, FALSE, today);

      for (guint i = 0; countries[i] != NULL; i++)
        n_countries += countries[i][0] != '\0';
      for (guint i = 0, k = 0; countries[i] != NULL; i++)
        {
          g_autofree char *percentage = NULL;
          if (countries[i][0] == '\0')
            continue;
          percentage = share_of (k++, n_countries);
          xmlTextWriterStartElement (writer, BAD_CAST "recipient-country");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST countries[i]);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "percentage", BAD_CAST percentage);
          xmlTextWriterEndElement (writer);
        }
      /* An Action with a region and no country is about its region. */
      if (n_countries == 0 && region != NULL)
        {
          xmlTextWriterStartElement (writer, BAD_CAST "recipient-region");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST region);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "vocabulary", BAD_CAST "99");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "vocabulary-uri",
                                       BAD_CAST MA_REGION_VOCABULARY_URI);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "percentage", BAD_CAST "100");
          xmlTextWriterEndElement (writer);
        }
      /* DAC 5 15190: facilitation of orderly, safe, regular and responsible migration. */
      xmlTextWriterStartElement (writer, BAD_CAST "sector");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "vocabulary", BAD_CAST "1");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST "15190");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "percentage", BAD_CAST "100");
      xmlTextWriterEndElement (writer);
      /* The thematic areas, in our own vocabulary (99, with its URI). */
      for (guint i = 0; themes[i] != NULL; i++)
        n_themes += themes[i][0] != '\0';
      for (guint i = 0, k = 0; themes[i] != NULL; i++)
        {
          g_autofree char *percentage = NULL;
          if (themes[i][0] == '\0')
            continue;
          percentage = share_of (k++, n_themes);
          xmlTextWriterStartElement (writer, BAD_CAST "sector");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "vocabulary", BAD_CAST "99");
          xmlTextWriterWriteAttribute (writer, BAD_CAST "vocabulary-uri",
                                       BAD_CAST MA_THEME_VOCABULARY_URI);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "code", BAD_CAST themes[i]);
          xmlTextWriterWriteAttribute (writer, BAD_CAST "percentage", BAD_CAST percentage);
          xmlTextWriterEndElement (writer);
        }
      xmlTextWriterEndElement (writer); /* iati-activity */
#undef COL
    }
  sqlite3_finalize (stmt);
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  if (!step_rows (store, stmt, rc, error))
    {
      xmlBufferFree (buffer);
      return NULL;
    }
  g_ptr_array_add (left_out, NULL);
  g_strfreev (options->left_out);
  options->left_out = (char **) g_ptr_array_free (g_steal_pointer (&left_out), FALSE);
  bytes = g_bytes_new (xmlBufferContent (buffer), (gsize) xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

#if HAVE_XLSXWRITER
static gboolean
export_xlsx (MaStore *store, MaFilter *filter, GArray *chosen, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold, *wrap;
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *lang = ma_i18n_get_language ();
  sqlite3_stmt *stmt;
  lxw_error written;
  guint32 row = 1;
  int rc, fd;

  if (path == NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                           _ ("A spreadsheet can only be written to a local file"));
      return FALSE;
    }
  /* Written beside the target, then renamed over it: a failure leaves it intact. */
  dir = g_path_get_dirname (path);
  temp = g_build_filename (dir, ".mieux-actions-XXXXXX.xlsx", NULL);
  fd = g_mkstemp (temp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("The file could not be written: %s"), g_strerror (saved));
      return FALSE;
    }
  close (fd);

  stmt = prepare_rows (store, filter, chosen, error);
  if (stmt == NULL)
    {
      g_unlink (temp);
      return FALSE;
    }
  workbook = workbook_new (temp);
  sheet = workbook_add_worksheet (workbook, _ ("Actions"));
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  for (guint i = 0; i < chosen->len; i++)
    {
      guint column = (guint) g_array_index (chosen, int, i);
      worksheet_write_string (sheet, 0, (lxw_col_t) i, _ (columns[column].label), bold);
      /* Long texts get a wide column; every cell wraps inside its column. */
      worksheet_set_column (sheet, (lxw_col_t) i, (lxw_col_t) i,
                            g_str_has_prefix (columns[column].name, "summary") ||
                                    g_str_equal (columns[column].name, "notes")
                                ? 60
                                : 24,
                            wrap);
    }
  worksheet_freeze_panes (sheet, 1, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < chosen->len; i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, (int) i + 1);
          g_autofree char *text = NULL;
          if (value == NULL)
            continue;
          text =
              cell_label_text (store, names, (guint) g_array_index (chosen, int, i), value, lang);
          worksheet_write_string (sheet, row, (lxw_col_t) i, text, NULL);
        }
      row++;
    }
  sqlite3_finalize (stmt);
  if (row > 1)
    worksheet_autofilter (sheet, 0, 0, row - 1, (lxw_col_t) (chosen->len - 1));
  written = workbook_close (workbook);
  if (!step_rows (store, stmt, rc, error))
    {
      g_unlink (temp);
      return FALSE;
    }
  if (written != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("The file could not be written: %s"),
                   lxw_strerror (written));
      g_unlink (temp);
      return FALSE;
    }
  {
    /* mkstemp made it private; give it the permissions of any new file. */
    mode_t mask = umask (0);
    umask (mask);
    g_chmod (temp, 0666 & ~mask);
  }
  if (g_rename (temp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("The file could not be written: %s"), g_strerror (saved));
      g_unlink (temp);
      return FALSE;
    }
  return TRUE;
}
#endif

gboolean
ma_export_actions (MaStore *store,
                   MaFilter *filter,
                   MaExchangeFormat format,
                   const char *const *names,
                   MaIatiOptions *iati,
                   GFile *file,
                   GError **error)
{
  return ma_export_actions_csv (store, filter, format, names, NULL, iati, file, error);
}

gboolean
ma_export_actions_csv (MaStore *store,
                       MaFilter *filter,
                       MaExchangeFormat format,
                       const char *const *names,
                       const MaCsvOptions *csv,
                       MaIatiOptions *iati,
                       GFile *file,
                       GError **error)
{
  g_autoptr (GArray) chosen = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (MA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == MA_EXCHANGE_CSV || format == MA_EXCHANGE_XLSX)
    {
      chosen = choose_columns (names, error);
      if (chosen == NULL)
        return FALSE;
    }
  switch (format)
    {
      case MA_EXCHANGE_CSV:
        bytes = export_csv (store, filter, chosen, csv, error);
        break;
      case MA_EXCHANGE_JSON:
        bytes = export_json (store, filter, error);
        break;
      case MA_EXCHANGE_IATI:
        bytes = export_iati (store, filter, iati, error);
        break;
      case MA_EXCHANGE_XLSX:
#if HAVE_XLSXWRITER
        return export_xlsx (store, filter, chosen, file, error);
#else
        g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                             _ ("This build cannot write spreadsheets (no libxlsxwriter)"));
        return FALSE;
#endif
      default:
        g_return_val_if_reached (FALSE);
    }
  if (bytes == NULL)
    return FALSE;
  /* GIO writes a temporary file and renames it: a full disk leaves the old file. */
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &local))
    {
      g_set_error (error, local->domain, local->code, _ ("The file could not be written: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}
