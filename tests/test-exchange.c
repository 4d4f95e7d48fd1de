/* test-exchange.c: export and import round trips, IATI validity, bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <string.h>
#include <valgrind/valgrind.h>
#include <unistd.h>
#if HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "ma-test-query.h"
#include "ma-exchange.h"
#include "ma-exchange-private.h"
#include "ma-import-private.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

typedef struct
{
  char *dir;
  MaStore *store; /* with the sample Actions */
} Fixture;

/* libgsf 1.14.50 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

/* Files of tens or hundreds of megabytes take minutes under valgrind: those tests
 * run in the other builds, sanitizers included. */
static gboolean
skip_large_under_valgrind (void)
{
  if (!RUNNING_ON_VALGRIND)
    return FALSE;
  g_test_skip ("large files are not read under valgrind");
  return TRUE;
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static MaStore *
new_store (Fixture *f, const char *name, gboolean sample)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = path_in (f, name);
  MaStore *store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);

  g_assert_no_error (error);
  if (sample)
    {
      ma_store_load_sample_data (store, &error);
      g_assert_no_error (error);
    }
  return store;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ma-exchange-XXXXXX", NULL);
  f->store = new_store (f, "sample.db", TRUE);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = path_in (f, name);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GFile *
file_in (Fixture *f, const char *name)
{
  g_autofree char *path = path_in (f, name);
  return g_file_new_for_path (path);
}

static char *
read_file (GFile *file)
{
  char *contents = NULL;
  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

static void
write_file (GFile *file, const char *text)
{
  g_assert_true (
      g_file_replace_contents (file, text, strlen (text), NULL, FALSE, 0, NULL, NULL, NULL));
}

/* The CSV without the created/updated columns, which differ between databases. */
static char *
stable_csv (MaStore *store, Fixture *f, const char *name)
{
  g_autoptr (GFile) file = file_in (f, name);
  g_autoptr (GError) error = NULL;
  const char *columns[] = { "uuid",      "code",   "title",    "title_fr",  "title_es", "summary",
                            "lang",      "type",   "status",   "start",     "end",      "region",
                            "countries", "themes", "partners", "builds_on", "notes",    NULL };

  ma_export_actions (store, NULL, MA_EXCHANGE_CSV, columns, NULL, file, &error);
  g_assert_no_error (error);
  return read_file (file);
}

static void
test_csv_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (MaStore) copy = new_store (f, "copy.db", FALSE);
  g_autoptr (GFile) file = file_in (f, "all.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;

  ma_export_actions (f->store, NULL, MA_EXCHANGE_CSV, NULL, NULL, file, &error);
  g_assert_no_error (error);
  g_assert_true (
      ma_import_actions (copy, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 15);
  g_assert_cmpuint (ma_test_count (copy, NULL), ==, 15);

  before = stable_csv (f->store, f, "before.csv");
  after = stable_csv (copy, f, "after.csv");
  g_assert_cmpstr (before, ==, after);

  /* The imported Actions are searchable: the index was rebuilt for them. */
  {
    g_autoptr (MaFilter) filter = ma_filter_new ();
    ma_filter_set_search (filter, "rodnik");
    g_assert_cmpuint (ma_test_count (copy, filter), ==, 1);
    ma_filter_set_search (filter, "proteccion");
    g_assert_cmpuint (ma_test_count (copy, filter), ==, ma_test_count (f->store, filter));
  }

  /* Importing the same file again in update mode changes nothing. */
  ma_import_report_clear (&report);
  g_assert_true (
      ma_import_actions (copy, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE, FALSE, file, &report, &error));
  g_assert_cmpuint (report.unchanged, ==, 15);
  again = stable_csv (copy, f, "again.csv");
  g_assert_cmpstr (again, ==, before);
}

static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (MaStore) copy = new_store (f, "copy.db", FALSE);
  g_autoptr (GFile) file = file_in (f, "all.json");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autoptr (GPtrArray) activities = NULL;
  gint64 id;

  ma_export_actions (f->store, NULL, MA_EXCHANGE_JSON, NULL, NULL, file, &error);
  g_assert_no_error (error);
  g_assert_true (
      ma_import_actions (copy, MA_EXCHANGE_JSON, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 15);
  id = ma_store_find_action (copy, "Costa Rica", &error);
  activities = ma_store_list_activities (copy, id, &error);
  g_assert_cmpuint (activities->len, ==, 3);
  {
    g_autoptr (MaAction) chaco =
        ma_store_get_action (copy, ma_store_find_action (copy, "Gran Chaco", NULL), "en", &error);
    g_assert_cmpstr (ma_action_get_builds_on_code (chaco), ==, "Ecuador II");
  }
}

static void
test_filtered_columns (Fixture *f, gconstpointer data)
{
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (GFile) file = file_in (f, "lac.csv");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *columns[] = { "code", "countries", NULL };
  const char *bad[] = { "code", "colour", NULL };

  ma_filter_add_code (filter, MA_FILTER_COUNTRY, "PY");
  ma_export_actions (f->store, filter, MA_EXCHANGE_CSV, columns, NULL, file, &error);
  g_assert_no_error (error);
  text = read_file (file);
  g_assert_cmpstr (text, ==, "code,countries\r\nGran Chaco,AR|BO|PY\r\n");

  /* An unknown column is refused and the file already there stays as it was. */
  g_assert_false (ma_export_actions (f->store, NULL, MA_EXCHANGE_CSV, bad, NULL, file, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_COLUMN);
  g_clear_pointer (&text, g_free);
  text = read_file (file);
  g_assert_cmpstr (text, ==, "code,countries\r\nGran Chaco,AR|BO|PY\r\n");
}

static gboolean
in_codelist (xmlDocPtr list, const char *code)
{
  g_autofree char *xpath = g_strdup_printf ("//codelist-item[code='%s']", code);
  xmlXPathContextPtr context = xmlXPathNewContext (list);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST xpath, context);
  gboolean found = result != NULL && result->nodesetval != NULL && result->nodesetval->nodeNr > 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return found;
}

static void
check_codes (xmlDocPtr doc, const char *xpath, const char *attribute, const char *codelist)
{
  g_autofree char *list_path = g_test_build_filename (G_TEST_DIST, "data", "iati", codelist, NULL);
  xmlDocPtr list = xmlReadFile (list_path, NULL, 0);
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr nodes = xmlXPathEvalExpression (BAD_CAST xpath, context);

  g_assert_nonnull (list);
  g_assert_cmpint (nodes->nodesetval->nodeNr, >, 0);
  for (int i = 0; i < nodes->nodesetval->nodeNr; i++)
    {
      xmlChar *code = xmlGetProp (nodes->nodesetval->nodeTab[i], BAD_CAST attribute);
      if (!in_codelist (list, (const char *) code))
        g_error ("%s is not in %s", code, codelist);
      xmlFree (code);
    }
  xmlXPathFreeObject (nodes);
  xmlXPathFreeContext (context);
  xmlFreeDoc (list);
}

static void
test_iati (Fixture *f, gconstpointer data)
{
  g_autofree char *schema_path =
      g_test_build_filename (G_TEST_DIST, "data", "iati", "iati-activities-schema.xsd", NULL);
  g_autoptr (GFile) file = file_in (f, "iati.xml");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  MaIatiOptions options = { .reporting_org = "XM-TEST-1", .reporting_org_name = "ICMPD" };
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr valid;
  xmlDocPtr doc;
  xmlXPathContextPtr context;
  xmlXPathObjectPtr activities, comesa;

  /* Without a reporting organisation there is no valid identifier. */
  g_assert_false (ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, NULL, file, &error));
  g_clear_error (&error);

  /* Kazakhstan's Action without its country: IATI gets its region instead. */
  g_assert_true (ma_store_set_action_countries (
      f->store, ma_store_find_action (f->store, "Kazakhstan", NULL), NULL, &error));
  g_assert_no_error (error);
  ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &options, file, &error);
  g_assert_no_error (error);
  /* Nine sample Actions have no known date; IATI needs one, so they are left out. */
  g_assert_cmpuint (options.skipped, ==, 9);
  g_strfreev (options.left_out);

  parser = xmlSchemaNewParserCtxt (schema_path);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  valid = xmlSchemaNewValidCtxt (schema);
  doc = xmlReadFile (path, NULL, 0);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlSchemaValidateDoc (valid, doc), ==, 0);

  context = xmlXPathNewContext (doc);
  activities = xmlXPathEvalExpression (BAD_CAST "//iati-activity", context);
  g_assert_cmpint (activities->nodesetval->nodeNr, ==, 6);
  /* COMESA's 21 countries share 100 %. */
  comesa = xmlXPathEvalExpression (
      BAD_CAST "sum(//iati-activity[iati-identifier='XM-TEST-1-a0000000-0000-4000-8000-"
               "000000000003']/recipient-country/@percentage)",
      context);
  g_assert_cmpfloat (comesa->floatval, ==, 100.0);
  check_codes (doc, "//recipient-country", "code", "Country.xml");
  check_codes (doc, "//activity-status", "code", "ActivityStatus.xml");
  check_codes (doc, "//activity-date", "type", "ActivityDateType.xml");
  check_codes (doc, "//participating-org", "role", "OrganisationRole.xml");
  check_codes (doc, "//sector[@vocabulary='1']", "code", "Sector.xml");
  check_codes (doc, "//sector", "vocabulary", "SectorVocabulary.xml");
  check_codes (doc, "//recipient-region", "vocabulary", "RegionVocabulary.xml");

  xmlXPathFreeObject (comesa);
  xmlXPathFreeObject (activities);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

/* Reads TEXT (of LENGTH bytes, -1: a string) as FORMAT and previews it. */
static MaImportPlan *
preview (Fixture *f,
         const char *name,
         const char *text,
         gssize length,
         MaImportMode mode,
         MaImport **import_out)
{
  g_autoptr (GFile) file = file_in (f, name);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  MaImportPlan *plan = NULL;

  g_assert_true (g_file_replace_contents (file, text, length < 0 ? strlen (text) : (gsize) length,
                                          NULL, FALSE, 0, NULL, NULL, NULL));
  import = ma_import_new (f->store, file,
                          g_str_has_suffix (name, ".json") ? MA_EXCHANGE_JSON : MA_EXCHANGE_CSV,
                          NULL, &error);
  g_assert_no_error (error);
  ma_import_set_mode (import, mode);
  g_assert_true (ma_import_run (import, TRUE, NULL, NULL, NULL, &plan, &error));
  g_assert_no_error (error);
  if (import_out != NULL)
    *import_out = g_steal_pointer (&import);
  return plan;
}

static char *
issue_text (GPtrArray *issues, guint i)
{
  g_assert_cmpuint (i, <, issues->len);
  return ma_import_issue_to_string (issues->pdata[i]);
}

#define assert_issue(issues, i, text)                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *_s = issue_text (issues, i);                                                  \
    g_assert_cmpstr (_s, ==, text);                                                                \
  }                                                                                                \
  G_STMT_END

static void
test_broken_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "broken.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autoptr (MaImportPlan) plan = NULL;
  g_autofree char *before = stable_csv (f->store, f, "before.csv");
  g_autofree char *after = NULL;
  const char *text = "title,status,start,end,countries\n"
                     "Senegal — diaspora,request,2022,,SN\n"
                     "Bad status,finished,,,\n"
                     "\"Quoted, with comma\",ongoing,2023-02,2022,\n"
                     "Bad date,ongoing,2021-13,,\n"
                     "Bad country,ongoing,,,SN|ZZ\n"
                     ",ongoing,,,\n"
                     "Too,ongoing,,,,,extra\n"
                     "Two faults,finished,2021-02-30,,\n"
                     ",,,,\n"
                     ",,,,\n";

  plan = preview (f, "broken.csv", text, -1, MA_IMPORT_ADD, NULL);
  /* Rows are counted, not messages: the last row has two faults. */
  g_assert_cmpuint (plan->rows, ==, 8);
  g_assert_cmpuint (plan->rejected, ==, 7);
  g_assert_cmpuint (plan->added, ==, 0);
  g_assert_cmpuint (plan->problems->len, ==, 8);
  assert_issue (plan->problems, 0, "row 3, status: “finished” is not a status");
  assert_issue (plan->problems, 1, "row 4, end: The end date is before the start date");
  {
    g_autofree char *date = issue_text (plan->problems, 2);
    g_assert_true (g_str_has_prefix (date, "row 5, start: “2021-13” is not a date"));
  }
  assert_issue (plan->problems, 3, "row 6, countries: “ZZ” is not a country");
  assert_issue (plan->problems, 4, "row 7, title: the title is missing");
  assert_issue (plan->problems, 5,
                "row 8: this row has a value in column 7, beyond the columns of the header");
  assert_issue (plan->problems, 6, "row 9, status: “finished” is not a status");
  {
    g_autofree char *date = issue_text (plan->problems, 7);
    g_assert_true (g_str_has_prefix (date, "row 9, start: “2021-02-30” is not a date"));
  }

  /* Applied, nothing is written, not even the valid first row. */
  write_file (file, text);
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, "7 rows have errors: nothing was imported");
  after = stable_csv (f->store, f, "after.csv");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

static void
assert_bad_file (Fixture *f, const char *name, const char *text, gssize length, const char *message)
{
  g_autoptr (GFile) file = file_in (f, name);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;

  g_assert_true (g_file_replace_contents (file, text, length < 0 ? strlen (text) : (gsize) length,
                                          NULL, FALSE, 0, NULL, NULL, NULL));
  import = ma_import_new (f->store, file,
                          g_str_has_suffix (name, ".json") ? MA_EXCHANGE_JSON : MA_EXCHANGE_CSV,
                          NULL, &error);
  if (import != NULL)
    g_assert_false (ma_import_run (import, TRUE, NULL, NULL, NULL, &plan, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” does not begin with “%s”", error->message, message);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  assert_bad_file (f, "quote.csv", "title,status\n\"never closed,ongoing\n", -1,
                   "row 2: a quoted cell is never closed");
  assert_bad_file (f, "after.csv", "title,status\n\"closed\" then,ongoing\n", -1,
                   "row 2 (line 2): text after a closing quote");
  assert_bad_file (f, "empty.csv", "", 0, "The file is empty");
  assert_bad_file (f, "blank.csv", "\r\n,,\r\n", -1, "The file is empty");
  assert_bad_file (f, "unknown.csv", "name of the thing,colour\nx,y\n", -1,
                   "No column of the file is known");
  /* A column twice (found by the CSV fuzz target, where it leaked the first value). */
  assert_bad_file (f, "twice.csv", "title,status,title\nOne,ongoing,Two\n", -1,
                   "The header names the column “title” twice");
  /* An empty JSON file (found by the JSON fuzz target: json-glib gives no root). */
  assert_bad_file (f, "empty.json", "", 0, "The file is empty");
  assert_bad_file (f, "binary.csv", "title\0status\n", 13, "The file is not text");
  assert_bad_file (f, "zip.csv", "PK\x03\x04rest", -1, "The file is a zip archive");
  assert_bad_file (f, "list.json", "{\"title\": \"not a list\"}", -1,
                   "The file is not a JSON list of Actions");
  assert_bad_file (f, "broken.json", "[{\"title\": ", -1, "The file is not valid JSON");
}

static gint64
id_of_title (Fixture *f, const char *title)
{
  sqlite3_stmt *stmt = ma_store_prepare (f->store, "SELECT id FROM action WHERE title = ?", NULL);
  gint64 id = 0;

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* A sheet as a French office saves it: Windows-1252, ";", French headers and
 * labels, day-first dates, a month/year date, trailing empty rows. */
static void
test_french_sheet (Fixture *f, gconstpointer data)
{
  const char *utf8 = "Intitulé;Statut;Début;Fin;Pays;Domaines;Région;Remarque;Colonne à nous\r\n"
                     "Formation des agents;En cours;03/04/2022;12/2022;Sénégal, Mali;Traite des "
                     "êtres humains;Afrique de l’Ouest et centrale;Une note;x\r\n"
                     "Deuxième;terminée;25/03/2021;2021;SN|ml;border;;;\r\n"
                     ";;;;;;;;\r\n"
                     ";;;;;;;;\r\n";
  g_autofree char *latin = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autoptr (GError) error = NULL;

  plan = preview (f, "fr.csv", latin, -1, MA_IMPORT_ADD, &import);
  g_assert_cmpstr (ma_import_get_encoding (import), ==, "Windows-1252");
  g_assert_cmpint (ma_import_get_separator (import), ==, ';');
  g_assert_cmpuint (ma_import_get_n_columns (import), ==, 9);
  g_assert_cmpstr (ma_import_get_header (import, 0), ==, "Intitulé");
  g_assert_cmpstr (ma_import_get_target (import, 0), ==, "title");
  g_assert_cmpstr (ma_import_get_target (import, 1), ==, "status");
  g_assert_cmpstr (ma_import_get_target (import, 4), ==, "countries");
  g_assert_cmpstr (ma_import_get_target (import, 5), ==, "themes");
  g_assert_cmpstr (ma_import_get_target (import, 6), ==, "region");
  g_assert_cmpstr (ma_import_get_target (import, 7), ==, "notes");
  g_assert_null (ma_import_get_target (import, 8));
  g_assert_cmpuint (ma_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (plan->rows, ==, 2);
  g_assert_cmpuint (plan->added, ==, 2);
  g_assert_cmpuint (plan->rejected, ==, 0);
  g_assert_null (plan->question);
  /* 25/03/2021 proves the order: the plan says so. */
  assert_issue (plan->warnings, 0, "row 3: dates are read day first, as “25/03/2021” shows");

  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  g_assert_no_error (error);
  g_assert_true (done->written);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 17);
  {
    g_autoptr (MaAction) action =
        ma_store_get_action (f->store, id_of_title (f, "Formation des agents"), "en", NULL);
    const char *const countries[] = { "ML", "SN", NULL };
    const char *const themes[] = { "trafficking", NULL };
    g_assert_nonnull (action);
    g_assert_cmpstr (ma_action_get_status (action), ==, "ongoing");
    g_assert_cmpstr (ma_action_get_start_date (action), ==, "2022-04-03");
    g_assert_cmpstr (ma_action_get_end_date (action), ==, "2022-12");
    g_assert_cmpstr (ma_action_get_region (action), ==, "wca");
    g_assert_cmpstr (ma_action_get_notes (action), ==, "Une note");
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
    g_assert_true (g_strv_equal (ma_action_get_themes (action), themes));
  }
}

static void
test_bom_crlf_tab (Fixture *f, gconstpointer data)
{
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImport) tabs = NULL;
  g_autoptr (MaImportPlan) tab_plan = NULL;

  plan =
      preview (f, "bom.csv",
               "\xef\xbb\xbf"
               "Title,Status,Start\r\nÉchanges,Ongoing,2021-10\r\n\"Deux\r\nlignes\",ongoing,\r\n",
               -1, MA_IMPORT_ADD, &import);
  g_assert_cmpstr (ma_import_get_encoding (import), ==, "UTF-8 with BOM");
  g_assert_cmpint (ma_import_get_separator (import), ==, ',');
  g_assert_cmpstr (ma_import_get_header (import, 0), ==, "Title");
  g_assert_cmpstr (ma_import_get_cell (import, 1, 0), ==, "Deux\r\nlignes");
  g_assert_cmpuint (plan->added, ==, 2);

  tab_plan = preview (f, "tab.csv", "Título\tEstado\tInicio\nUno\tEn curso\t2021\n", -1,
                      MA_IMPORT_ADD, &tabs);
  g_assert_cmpint (ma_import_get_separator (tabs), ==, '\t');
  g_assert_cmpstr (ma_import_get_encoding (tabs), ==, "UTF-8");
  g_assert_cmpuint (tab_plan->added, ==, 1);
}

/* 03/04/2022 is asked, never guessed; once answered it is read that way. */
static void
test_date_question (Fixture *f, gconstpointer data)
{
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) refused = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autoptr (GError) error = NULL;

  plan = preview (f, "dates.csv", "title,status,start\nDates,ongoing,03/04/2022\n", -1,
                  MA_IMPORT_ADD, &import);
  g_assert_cmpstr (plan->question, ==,
                   "Dates such as “03/04/2022” (row 2) can be read day first or month first: "
                   "say which the file uses");
  g_assert_false (ma_import_run (import, FALSE, NULL, NULL, NULL, &refused, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);

  ma_import_set_date_order (import, MA_DATE_ORDER_MONTH_FIRST);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt =
        ma_store_prepare (f->store, "SELECT start_date FROM action WHERE title = 'Dates'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2022-03-04");
    sqlite3_finalize (stmt);
  }
}

static gint64
set_code (Fixture *f, const char *find, const char *code)
{
  gint64 id = ma_store_find_action (f->store, find, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (id, >, 0);
  g_assert_true (ma_store_set_action_field (f->store, id, "code", code, &error));
  g_assert_no_error (error);
  return id;
}

/* A spreadsheet shows the code 007 as 7: it still finds its Action, which keeps
 * its code; in add mode it is found as already there. */
static void
test_mangled_code (Fixture *f, gconstpointer data)
{
  gint64 id = set_code (f, "Brazil", "007");
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) added = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autoptr (GError) error = NULL;

  plan = preview (f, "codes.csv", "code,title\n7,Videos for asylum seekers\n", -1, MA_IMPORT_UPDATE,
                  &import);
  g_assert_cmpuint (plan->updated, ==, 1);
  g_assert_cmpuint (plan->added, ==, 0);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", NULL);
    g_assert_cmpstr (ma_action_get_code (action), ==, "007");
    g_assert_cmpstr (ma_action_get_title (action), ==, "Videos for asylum seekers");
  }
  added = preview (f, "codes.csv", "code,title,status\n7,Again,ongoing\n", -1, MA_IMPORT_ADD, NULL);
  g_assert_cmpuint (added->rejected, ==, 1);
  assert_issue (added->problems, 0, "row 2, code: another Action already has the code “007”");
}

/* A sheet decoded as Windows-1252 and saved again: flagged, and an update that
 * would only change the encoding of a value keeps the value. */
static void
test_double_encoding (Fixture *f, gconstpointer data)
{
  gint64 id = set_code (f, "Mauritius", "MU-1");
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *garbled = NULL;

  g_assert_true (
      ma_store_set_action_field (f->store, id, "title", "Traite des êtres humains", &error));
  {
    g_autofree char *repaired = ma_import_repair_double_encoding ("Ãªtres");
    g_autofree char *right = ma_import_repair_double_encoding ("êtres");
    g_autofree char *plain = ma_import_repair_double_encoding ("plain");
    g_assert_cmpstr (repaired, ==, "êtres");
    g_assert_null (right);
    g_assert_null (plain);
  }
  garbled = g_strdup ("code,title,notes\nMU-1,Traite des Ãªtres humains,\n");
  plan = preview (f, "garbled.csv", garbled, -1, MA_IMPORT_UPDATE, &import);
  g_assert_cmpuint (plan->warnings->len, ==, 2);
  assert_issue (plan->warnings, 0,
                "row 2, title: “Traite des Ãªtres humains” looks encoded twice: it probably was "
                "“Traite des êtres humains”; save the sheet as UTF-8 and import it again");
  assert_issue (plan->warnings, 1,
                "row 2, title: only the encoding of “Traite des êtres humains” differs: the value "
                "is kept");
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Traite des êtres humains");
  }
}

static char *
translation (Fixture *f, gint64 id, const char *lang)
{
  sqlite3_stmt *stmt = ma_store_prepare (
      f->store, "SELECT title FROM action_text WHERE action = ? AND lang = ?", NULL);
  char *title = NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return title;
}

/* An empty cell or a JSON null clears a translation in an update. */
static void
test_clear_translation (Fixture *f, gconstpointer data)
{
  gint64 id = set_code (f, "Mauritius", "MU-1");
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *es = NULL;

  g_assert_true (
      ma_store_set_action_text (f->store, id, "fr", "Lutte contre la traite", NULL, &error));
  g_assert_true (
      ma_store_set_action_text (f->store, id, "es", "Lucha contra la trata", NULL, &error));
  plan = preview (f, "clear.csv", "code,title_fr\nMU-1,\n", -1, MA_IMPORT_UPDATE, &import);
  g_assert_cmpuint (plan->updated, ==, 1);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  fr = translation (f, id, "fr");
  g_assert_null (fr);
  g_clear_pointer (&import, ma_import_free);
  g_clear_pointer (&plan, ma_import_plan_free);
  g_clear_pointer (&done, ma_import_plan_free);

  plan = preview (f, "clear.json", "[{\"code\": \"MU-1\", \"title_es\": null}]", -1,
                  MA_IMPORT_UPDATE, &import);
  g_assert_cmpuint (plan->updated, ==, 1);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  es = translation (f, id, "es");
  g_assert_null (es);
}

/* A JSON update changes and removes activities and outputs, and says so. */
static void
test_json_children (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "all.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GPtrArray) activities = NULL;
  g_autofree char *text = NULL;
  gint64 id = ma_store_find_action (f->store, "Costa Rica", NULL);
  JsonArray *actions;

  ma_export_actions (f->store, NULL, MA_EXCHANGE_JSON, NULL, NULL, file, &error);
  g_assert_no_error (error);
  text = read_file (file);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  actions = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      JsonArray *list;
      if (g_strcmp0 (json_object_get_string_member (action, "code"), "Costa Rica") != 0)
        continue;
      list = json_object_get_array_member (action, "activities");
      json_object_set_string_member (json_array_get_object_element (list, 0), "place",
                                     "San José, Costa Rica");
      json_array_remove_element (list, 2);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_clear_pointer (&text, g_free);
  text = json_generator_to_data (generator, NULL);

  plan = preview (f, "children.json", text, -1, MA_IMPORT_UPDATE, &import);
  g_assert_cmpuint (plan->updated, ==, 1);
  g_assert_cmpuint (plan->unchanged, ==, 14);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  activities = ma_store_list_activities (f->store, id, NULL);
  g_assert_cmpuint (activities->len, ==, 2);
}

/* A mapping saved for one file is read back for the next: skips, targets and the
 * order of dates. */
static void
test_mapping_file (Fixture *f, gconstpointer data)
{
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImport) again = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) second = NULL;
  g_autoptr (GFile) mapping = file_in (f, "mapping.ini");
  g_autoptr (GFile) bad = file_in (f, "bad.ini");
  g_autoptr (GError) error = NULL;
  const char *text = "Nom,Statut,Quand,Commentaire libre\nUn,En cours,03/04/2022,a\n";

  plan = preview (f, "map.csv", text, -1, MA_IMPORT_ADD, &import);
  g_assert_null (ma_import_get_target (import, 2));
  g_assert_true (ma_import_set_target (import, 2, "start", &error));
  g_assert_true (ma_import_set_target (import, 3, "notes", &error));
  g_assert_true (ma_import_set_target (import, 0, NULL, &error));
  g_assert_false (ma_import_set_target (import, 0, "colour", &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_COLUMN);
  g_clear_error (&error);
  g_assert_true (ma_import_set_target (import, 0, "title", &error));
  /* One column per field: mapping another to "title" skips the first. */
  g_assert_true (ma_import_set_target (import, 3, "title", &error));
  g_assert_null (ma_import_get_target (import, 0));
  g_assert_true (ma_import_set_target (import, 0, "title", &error));
  g_assert_true (ma_import_set_target (import, 3, "notes", &error));
  ma_import_set_date_order (import, MA_DATE_ORDER_DAY_FIRST);
  g_assert_true (ma_import_save_mapping (import, mapping, &error));
  g_assert_no_error (error);

  second = preview (f, "map.csv", text, -1, MA_IMPORT_ADD, &again);
  g_assert_true (ma_import_load_mapping (again, mapping, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ma_import_get_target (again, 2), ==, "start");
  g_assert_cmpstr (ma_import_get_target (again, 3), ==, "notes");
  g_assert_cmpint (ma_import_get_date_order (again), ==, MA_DATE_ORDER_DAY_FIRST);

  write_file (bad, "[columns]\nNom=colour\n");
  g_assert_false (ma_import_load_mapping (again, bad, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_COLUMN);
}

/* The headers of our own spreadsheets, in each language, map to their columns. */
static void
test_export_labels (Fixture *f, gconstpointer data)
{
  const char *const langs[] = { "en", "fr", "es" };
  const char *const *names = ma_exchange_columns ();

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (GString) header = g_string_new (NULL);
      g_autoptr (MaImport) import = NULL;
      g_autoptr (MaImportPlan) plan = NULL;

      ma_i18n_set_language (langs[l]);
      for (guint i = 0; names[i] != NULL; i++)
        g_string_append_printf (header, "%s\"%s\"", i > 0 ? "," : "",
                                _ (ma_exchange_column_label (i)));
      ma_i18n_set_language ("en");
      g_string_append (header, "\n");
      plan = preview (f, "labels.csv", header->str, -1, MA_IMPORT_ADD, &import);
      for (guint i = 0; names[i] != NULL; i++)
        g_assert_cmpstr (ma_import_get_target (import, i), ==, names[i]);
    }
}

typedef struct
{
  guint calls;
  guint last;
  GCancellable *cancel_at_second;
} Progress;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last = done;
  if (progress->cancel_at_second != NULL && progress->calls == 2)
    g_cancellable_cancel (progress->cancel_at_second);
}

/* Progress is told, and a cancelled import writes nothing. */
static void
test_progress_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("title,status\n");
  g_autoptr (GFile) file = file_in (f, "many.csv");
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) cancelled = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "Action %u,ongoing\n", i);
  write_file (file, text->str);
  import = ma_import_new (f->store, file, MA_EXCHANGE_CSV, NULL, &error);
  g_assert_true (ma_import_run (import, TRUE, NULL, on_progress, &progress, &plan, &error));
  g_assert_cmpuint (plan->added, ==, 1000);
  g_assert_cmpuint (progress.calls, >=, 4);
  g_assert_cmpuint (progress.last, ==, 1000);

  progress = (Progress){ .cancel_at_second = cancellable };
  g_assert_false (
      ma_import_run (import, FALSE, cancellable, on_progress, &progress, &cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

/* Row problems with their row and column: duplicate codes, unknown labels, a cell
 * of 10 MB, a file of 50 MB. */
static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) big = NULL;
  g_autoptr (GString) huge = g_string_new ("title,status\n\"");
  gsize size;

  if (skip_large_under_valgrind ())
    return;

  plan = preview (f, "rows.csv",
                  "Code;Title;Status;Region;Countries\n"
                  "A-1;One;Ongoing;Asie;KZ\n"
                  "A-1;Two;Ongoing;Atlantis;KZ\n"
                  "A-2;Three;Ongoing;;Narnia\n",
                  -1, MA_IMPORT_ADD, NULL);
  g_assert_cmpuint (plan->rejected, ==, 2);
  assert_issue (plan->problems, 0, "row 3, Region: “Atlantis” is not a region");
  assert_issue (plan->problems, 1, "row 3, Code: “A-1” is already used on row 2");
  assert_issue (plan->problems, 2, "row 4, Countries: “Narnia” is not a country");

  /* 10 MB in one cell, then more rows: the cell is refused, the file read. */
  while (huge->len < 10 * 1024 * 1024)
    g_string_append (huge, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (huge, "\",ongoing\nNext,ongoing\n");
  big = preview (f, "huge.csv", huge->str, (gssize) huge->len, MA_IMPORT_ADD, NULL);
  g_assert_cmpuint (big->rejected, ==, 1);
  assert_issue (big->problems, 0, "row 2: the cell of column 1 holds more than 1 MB of text");

  /* 50 MB of rows, each with a large cell in a column the mapping skips: read
   * whole, the rows counted, the large cells never copied into the plan. */
  g_string_assign (huge, "title,status,attachment\n");
  size = 50 * 1024 * 1024;
  {
    g_autofree char *blob = g_strnfill (900 * 1024, 'x');
    for (guint i = 0; huge->len < size; i++)
      g_string_append_printf (huge, "Row %u,ongoing,%s\n", i, blob);
  }
  g_clear_pointer (&big, ma_import_plan_free);
  big = preview (f, "fifty.csv", huge->str, (gssize) huge->len, MA_IMPORT_ADD, NULL);
  g_assert_cmpuint (big->rejected, ==, 0);
  g_assert_cmpuint (big->added, ==, 57);
}

static void
test_update_and_dry_run (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "update.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autoptr (GPtrArray) history = NULL;
  gint64 id = ma_store_find_action (f->store, "Brazil", NULL);

  write_file (file, "code,title,countries\n"
                    "Brazil,Videos for asylum seekers,BR|PY\n"
                    "Nouvelle,Nouvelle Action,SN\n");
  /* Update mode adds an unknown code, but a new Action needs a status. */
  g_assert_false (ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE, FALSE, file,
                                     &report, &error));
  g_clear_error (&error);
  ma_import_report_clear (&report);

  write_file (file, "code,title,countries\nBrazil,Videos for asylum seekers,BR|PY\n");
  g_assert_true (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE, TRUE, file, &report, &error));
  g_assert_cmpuint (report.updated, ==, 1);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Information for asylum seekers");
  }
  ma_import_report_clear (&report);
  g_assert_true (ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE, FALSE, file,
                                    &report, &error));
  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", NULL);
    const char *const countries[] = { "BR", "PY", NULL };
    g_assert_cmpstr (ma_action_get_title (action), ==, "Videos for asylum seekers");
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
    /* The summary, absent from the file, is kept. */
    g_assert_nonnull (ma_action_get_summary (action));
  }
  history = ma_store_list_history (f->store, "action", id, NULL);
  g_assert_cmpuint (history->len, ==, 2); /* title, countries */
}

/* Imports TEXT in update mode, expects it refused with EXPECTED errors in that order,
 * and the data left exactly as it was. */
static void
assert_refused (Fixture *f, MaExchangeFormat format, const char *text, const char *const *expected)
{
  g_autoptr (GFile) file = file_in (f, format == MA_EXCHANGE_JSON ? "strict.json" : "strict.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autofree char *before = stable_csv (f->store, f, "before.csv");
  g_autofree char *after = NULL;

  write_file (file, text);
  g_assert_false (
      ma_import_actions (f->store, format, MA_IMPORT_UPDATE, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_cmpuint (i, <, report.errors->len);
      g_assert_cmpstr (report.errors->pdata[i], ==, expected[i]);
    }
  g_assert_cmpuint (report.errors->len, ==, g_strv_length ((char **) expected));
  after = stable_csv (f->store, f, "after.csv");
  g_assert_cmpstr (before, ==, after);
}

static void
test_json_strict_types (Fixture *f, gconstpointer data)
{
  const char *const expected[] = {
    "[0].countries[0]: expected text, found a number",
    "[0].countries[1]: expected text, found a number",
    "[1].themes: expected a list of text, found an object",
    "[2].partners: expected a list of text, found a number",
    "[3]: there is no field “colour”; the fields are: uuid, code, title, title_fr, title_es, "
    "summary, summary_fr, summary_es, lang, type, status, start, end, region, countries, themes, "
    "partners, builds_on, notes, created, updated, activities, outputs",
    "[4].activities[0]: expected an object, found a number",
    "[4].activities[1].participants: expected a whole number from 0, found text",
    "[4].activities[2]: there is no field “when”; the fields are: uuid, kind, format, start, "
    "end, place, participants, description",
    "[5]: expected an object, found a list",
    "[6].title: expected text, found true or false",
    "[7].outputs: expected a list of objects, found text",
    "[8].status: “finished” is not a status",
    "[9].activities[0].kind: “party” is not a kind of activity",
    "[10].code: “Georgia” is already used at [9]",
    NULL,
  };

  assert_refused (f, MA_EXCHANGE_JSON,
                  "[{\"code\": \"Brazil\", \"countries\": [1, 2]},"
                  " {\"code\": \"Brazil\", \"themes\": {\"a\": 1}},"
                  " {\"code\": \"Mauritius\", \"partners\": 7},"
                  " {\"code\": \"Mauritius\", \"colour\": \"red\"},"
                  " {\"code\": \"Georgia\", \"activities\": [5, {\"participants\": \"80\"},"
                  "   {\"when\": \"2021\"}]},"
                  " [\"not an Action\"],"
                  " {\"code\": \"Ukraine II\", \"title\": true},"
                  " {\"code\": \"Kyrgyzstan\", \"outputs\": \"video\"},"
                  " {\"code\": \"Tajikistan\", \"status\": \"finished\"},"
                  " {\"code\": \"Georgia\", \"activities\": [{\"kind\": \"party\"}]},"
                  " {\"code\": \"Georgia\"}]",
                  expected);
}

static void
test_json_depth_and_size (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "deep.json");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autofree char *path = path_in (f, "huge.csv");
  g_autoptr (GString) deep = g_string_new (NULL);
  FILE *huge;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  write_file (file, deep->str);
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_JSON, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "The file nests lists and objects more than 32 levels deep: it is not a file "
                   "of Actions");
  g_clear_error (&error);
  ma_import_report_clear (&report);

  /* Brackets inside strings are text, not nesting. */
  write_file (file, "[{\"title\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\", \"status\": "
                    "\"request\"}]");
  g_assert_true (
      ma_import_actions (f->store, MA_EXCHANGE_JSON, MA_IMPORT_ADD, TRUE, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  ma_import_report_clear (&report);

  /* A sparse file: refused from its size, before it is read. */
  huge = g_fopen (path, "w");
  g_assert_nonnull (huge);
  g_assert_cmpint (ftruncate (fileno (huge), (off_t) 257 * 1024 * 1024), ==, 0);
  fclose (huge);
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "The file is larger than 256 MiB: split it into smaller files");
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

static void
test_builds_on_rules (Fixture *f, gconstpointer data)
{
  const char *const self_csv[] = { "row 2, builds_on: An Action cannot build on itself", NULL };
  const char *const self_json[] = { "[0].builds_on: An Action cannot build on itself", NULL };
  /* Gran Chaco builds on Ecuador II: Ecuador II may not build on Gran Chaco. */
  const char *const chain[] = {
    "row 2, builds_on: Ecuador II builds on itself through a chain of Actions", NULL
  };
  g_autoptr (GPtrArray) problems = NULL;

  assert_refused (f, MA_EXCHANGE_CSV, "code,builds_on\nBrazil,Brazil\n", self_csv);
  assert_refused (f, MA_EXCHANGE_JSON, "[{\"code\": \"Brazil\", \"builds_on\": \"Brazil\"}]",
                  self_json);
  assert_refused (f, MA_EXCHANGE_CSV, "code,builds_on\nEcuador II,Gran Chaco\n", chain);
  problems = ma_store_check (f->store, NULL, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_csv_injection (Fixture *f, gconstpointer data)
{
  const char *const titles[] = {
    "=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)", "'quoted", "'=a", NULL
  };
  g_autoptr (MaStore) copy = new_store (f, "copy.db", FALSE);
  g_autoptr (GFile) file = file_in (f, "formulas.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; titles[i] != NULL; i++)
    {
      gint64 id = ma_store_create_action (f->store, titles[i], "request", &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
  ma_export_actions (f->store, NULL, MA_EXCHANGE_CSV, NULL, NULL, file, &error);
  g_assert_no_error (error);
  csv = read_file (file);
  /* Each cell begins with an apostrophe inside quotes: text for Calc and Excel. */
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","));
  g_assert_nonnull (strstr (csv, ",\"'+1+1\","));
  g_assert_nonnull (strstr (csv, ",\"'-2\","));
  g_assert_nonnull (strstr (csv, ",\"'@SUM(A1)\","));
  g_assert_nonnull (strstr (csv, ",\"''quoted\","));
  g_assert_null (strstr (csv, ",=HYPERLINK"));
  g_assert_null (strstr (csv, ",\"=HYPERLINK"));

  /* And the file imports back to the same titles. */
  before = stable_csv (f->store, f, "before.csv");
  g_assert_true (
      ma_import_actions (copy, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 15 + 6);
  again = stable_csv (copy, f, "again.csv");
  g_assert_cmpstr (again, ==, before);
}

static void
test_if_unchanged (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "exported.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  const char *columns[] = { "code", "title", "updated", NULL };
  gint64 brazil = ma_store_find_action (f->store, "Brazil", NULL);
  g_autofree char *csv = NULL;
  GString *edited;

  /* Times to the second: a known past one, so that a change now differs from it. */
  g_assert_cmpint (sqlite3_exec (ma_store_get_db (f->store),
                                 "UPDATE action SET updated = '2020-01-01T00:00:00Z'", NULL, NULL,
                                 NULL),
                   ==, SQLITE_OK);
  ma_export_actions (f->store, NULL, MA_EXCHANGE_CSV, columns, NULL, file, &error);
  g_assert_no_error (error);
  csv = read_file (file);

  /* Someone else changes Brazil after the export... */
  g_assert_true (
      ma_store_set_action_field (f->store, brazil, "title", "Changed elsewhere", &error));
  /* ...and the file, edited, comes back: Brazil is not overwritten, nor anything else. */
  edited = g_string_new (csv);
  g_string_replace (edited, "Information for asylum seekers", "Edited in the file", 0);
  g_string_replace (edited, "Border management", "Borders edited in the file", 0);
  write_file (file, edited->str);
  g_string_free (edited, TRUE);
  g_assert_false (ma_import_actions_full (f->store, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE,
                                          MA_IMPORT_IF_UNCHANGED, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS);
  for (guint i = 0; i < report.errors->len; i++)
    g_test_message ("%s", (char *) report.errors->pdata[i]);
  g_assert_cmpuint (report.errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (report.errors->pdata[0], "row "));
  g_assert_nonnull (strstr (report.errors->pdata[0],
                            "this Action was changed after the file was exported (changed "));
  g_assert_nonnull (strstr (report.errors->pdata[0], "the file has 2020-01-01T00:00:00Z)"));
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, brazil, "en", NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Changed elsewhere");
  }
  {
    g_autoptr (MaAction) action = ma_store_get_action (
        f->store, ma_store_find_action (f->store, "Dominican Republic", NULL), "en", NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Border management");
  }
  g_clear_error (&error);
  ma_import_report_clear (&report);

  /* Without the check, the file wins (what an update import has always done). */
  g_assert_true (ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_UPDATE, FALSE, file,
                                    &report, &error));
  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, brazil, "en", NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Edited in the file");
  }
}

static MaImport *
open_import (Fixture *f, MaStore *store, GFile *file, MaExchangeFormat format, GError **error)
{
  return ma_import_new (store != NULL ? store : f->store, file, format, NULL, error);
}

static GFile *
test_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  return g_file_new_for_path (path);
}

/* A workbook saved by LibreOffice Calc: a title merged over the columns, a header
 * of two rows (« Dates » over « Début » and « Fin »), shared strings, a code that
 * Calc stores as the number 7, date serials with a day and a month format, a year
 * as a number, empty cells and a second sheet. */
static void
test_xlsx_calc (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = test_data ("calc-fr.xlsx");
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImport) notes = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (MaImportPlan) done = NULL;
  const char *const headers[] = { "Code", "Intitulé", "Statut",      "Début",
                                  "Fin",  "Pays",     "Participants" };
  const char *const targets[] = { "code", "title", "status", "start", "end", "countries", NULL };

  import = open_import (f, NULL, file, MA_EXCHANGE_XLSX, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ma_import_get_sheet (import), ==, "Actions 2023");
  g_assert_cmpuint (g_strv_length ((char **) ma_import_get_sheets (import)), ==, 2);
  g_assert_cmpuint (ma_import_get_n_columns (import), ==, G_N_ELEMENTS (headers));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_assert_cmpstr (ma_import_get_header (import, i), ==, headers[i]);
      g_assert_cmpstr (ma_import_get_target (import, i), ==, targets[i]);
    }
  g_assert_cmpuint (ma_import_get_n_rows (import), ==, 2);
  g_assert_cmpstr (ma_import_get_cell (import, 0, 0), ==, "7");
  g_assert_cmpstr (ma_import_get_cell (import, 0, 3), ==, "2022-04-03");
  g_assert_cmpstr (ma_import_get_cell (import, 0, 4), ==, "2023-06");
  g_assert_cmpstr (ma_import_get_cell (import, 0, 6), ==, "25");
  g_assert_cmpstr (ma_import_get_cell (import, 1, 3), ==, "2021");
  g_assert_null (ma_import_get_cell (import, 1, 4));
  g_assert_null (ma_import_get_encoding (import));
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done->added, ==, 2);
  {
    g_autoptr (MaAction) action = ma_store_get_action (
        f->store, id_of_title (f, "Formation des garde-frontières"), "en", NULL);
    const char *const countries[] = { "SN", NULL };
    g_assert_cmpstr (ma_action_get_code (action), ==, "7");
    g_assert_cmpstr (ma_action_get_title (action), ==, "Formation des garde-frontières");
    g_assert_cmpstr (ma_action_get_status (action), ==, "ongoing");
    g_assert_cmpstr (ma_action_get_start_date (action), ==, "2022-04-03");
    g_assert_cmpstr (ma_action_get_end_date (action), ==, "2023-06");
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
  }
  {
    g_autoptr (MaAction) action =
        ma_store_get_action (f->store, id_of_title (f, "Étude sur la diaspora"), "en", NULL);
    const char *const countries[] = { "ML", "NE", NULL };
    g_assert_cmpstr (ma_action_get_start_date (action), ==, "2021");
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
  }

  /* Another sheet, by name; an unknown one is named with those there are. */
  notes = ma_import_new (f->store, file, MA_EXCHANGE_XLSX, "Notes", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ma_import_get_cell (notes, 0, 0), ==, "Autre feuille");
  g_assert_null (ma_import_new (f->store, file, MA_EXCHANGE_XLSX, "Budget", &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "The workbook has no sheet “Budget”; its sheets are: Actions 2023, Notes");
  (void) plan;
}

#if HAVE_XLSXWRITER
/* Our own workbooks, in each language, import back to the same Actions; again in
 * update mode they change nothing. */
static void
test_xlsx_round_trip (Fixture *f, gconstpointer data)
{
  const char *const langs[] = { "en", "fr", "es" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *db = g_strdup_printf ("copy-%s.db", langs[l]);
      g_autofree char *name = g_strdup_printf ("all-%s.xlsx", langs[l]);
      g_autoptr (MaStore) copy = new_store (f, db, FALSE);
      g_autoptr (GFile) file = file_in (f, name);
      g_autoptr (GError) error = NULL;
      g_autoptr (MaImport) import = NULL;
      g_autoptr (MaImport) again = NULL;
      g_autoptr (MaImportPlan) plan = NULL;
      g_autoptr (MaImportPlan) second = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      ma_i18n_set_language (langs[l]);
      ma_export_actions (f->store, NULL, MA_EXCHANGE_XLSX, NULL, NULL, file, &error);
      ma_i18n_set_language ("en");
      g_assert_no_error (error);
      import = open_import (f, copy, file, MA_EXCHANGE_XLSX, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < ma_import_get_n_columns (import); i++)
        g_assert_nonnull (ma_import_get_target (import, i));
      if (!ma_import_run (import, FALSE, NULL, NULL, NULL, &plan, &error))
        for (guint i = 0; plan != NULL && i < plan->problems->len; i++)
          g_printerr ("%s\n", ma_import_issue_to_string (plan->problems->pdata[i]));
      g_assert_no_error (error);
      g_assert_cmpuint (plan->added, ==, 15);
      before = stable_csv (f->store, f, "before.csv");
      after = stable_csv (copy, f, "after.csv");
      g_assert_cmpstr (before, ==, after);

      again = open_import (f, copy, file, MA_EXCHANGE_XLSX, &error);
      ma_import_set_mode (again, MA_IMPORT_UPDATE);
      g_assert_true (ma_import_run (again, TRUE, NULL, NULL, NULL, &second, &error));
      g_assert_cmpuint (second->unchanged, ==, 15);
    }
}
#endif

/* Files that are not workbooks are named for what they are. */
static void
test_xlsx_bad (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) csv = file_in (f, "renamed.xlsx");
  g_autoptr (GFile) bomb = file_in (f, "bomb.xlsx");
  g_autoptr (GFile) old = file_in (f, "old.xlsx");
  g_autoptr (GError) error = NULL;
  g_autofree char *bomb_path = g_file_get_path (bomb);

  if (skip_large_under_valgrind ())
    return;

  write_file (csv, "title,status\nA,ongoing\n");
  g_assert_null (open_import (f, NULL, csv, MA_EXCHANGE_XLSX, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "The file is not an XLSX workbook: it looks like text, perhaps a CSV file "
                   "renamed; import it as CSV");
  g_clear_error (&error);

  write_file (old, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest of an old workbook");
  g_assert_null (open_import (f, NULL, old, MA_EXCHANGE_XLSX, &error));
  g_assert_true (g_str_has_prefix (error->message, "The file is an old Excel workbook (.xls)"));
  g_clear_error (&error);

  /* A package whose workbook part unpacks to 257 MiB from a few hundred KiB. */
  {
    g_autoptr (GsfOutput) sink = gsf_output_stdio_new (bomb_path, &error);
    g_autoptr (GsfOutfile) zip = gsf_outfile_zip_new (sink, &error);
    g_autoptr (GsfOutput) rels = gsf_outfile_new_child (zip, "_rels", TRUE);
    g_autoptr (GsfOutput) rel = gsf_outfile_new_child (GSF_OUTFILE (rels), ".rels", FALSE);
    g_autoptr (GsfOutput) xl = gsf_outfile_new_child (zip, "xl", TRUE);
    g_autoptr (GsfOutput) book = NULL;
    g_autofree char *spaces = g_strnfill (1024 * 1024, ' ');
    const char *text =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
        "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
        "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>";

    g_assert_no_error (error);
    gsf_output_write (rel, strlen (text), (const guint8 *) text);
    gsf_output_close (rel);
    gsf_output_close (rels);
    book = gsf_outfile_new_child_full (GSF_OUTFILE (xl), "workbook.xml", FALSE, "compression-level",
                                       GSF_ZIP_DEFLATED, NULL);
    for (guint i = 0; i < 257; i++)
      gsf_output_write (book, 1024 * 1024, (const guint8 *) spaces);
    gsf_output_close (book);
    gsf_output_close (xl);
    gsf_output_close (GSF_OUTPUT (zip));
  }
  g_assert_null (open_import (f, NULL, bomb, MA_EXCHANGE_XLSX, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==,
                   "The workbook unpacks to more than 256 MiB: it is refused (a zip bomb, or a "
                   "workbook to split into smaller ones)");
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

#if HAVE_XLSXWRITER
/* Inline strings, as libxlsxwriter's constant-memory mode writes them. */
static void
test_xlsx_inline (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "inline.xlsx");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);

  worksheet_write_string (sheet, 0, 0, "Título", NULL);
  worksheet_write_string (sheet, 0, 1, "Estado", NULL);
  worksheet_write_string (sheet, 1, 0, "Una acción", NULL);
  worksheet_write_string (sheet, 1, 1, "En curso", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  import = open_import (f, NULL, file, MA_EXCHANGE_XLSX, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ma_import_get_target (import, 0), ==, "title");
  g_assert_cmpstr (ma_import_get_cell (import, 0, 0), ==, "Una acción");
  g_assert_cmpstr (ma_import_get_cell (import, 0, 1), ==, "En curso");
}
#endif

/* An IATI file as a real organisation publishes it: what fits is read, what does
 * not is listed as ignored. */
static void
test_iati_import (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = test_data ("iati-foreign.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  g_autoptr (GString) ignored = g_string_new (NULL);
  gint64 id;

  import = open_import (f, NULL, file, MA_EXCHANGE_IATI, &error);
  g_assert_no_error (error);
  g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan->added, ==, 2);
  for (guint i = 0; i < plan->ignored->len; i++)
    g_string_append_printf (ignored, "%s\n", (char *) plan->ignored->pdata[i]);
  g_assert_cmpstr (ignored->str, ==,
                   "title in the language “pt” (1)\n"
                   "description of type 2 (1)\n"
                   "funding organisations (1)\n"
                   "roles of partners other than implementing (1)\n"
                   "other-identifier (1)\n"
                   "contact-info (1)\n"
                   "activity-scope (1)\n"
                   "percentages of recipient countries (2)\n"
                   "recipient regions of vocabulary 1 (1)\n"
                   "location (1)\n"
                   "sectors of vocabulary 1 (1)\n"
                   "policy-marker (1)\n"
                   "default-aid-type (1)\n"
                   "budget (1)\n"
                   "transaction (1)\n"
                   "programme-code (1)\n"
                   "planned dates where the actual ones are known (1)\n");

  id = ma_store_find_action (f->store, "XM-DAC-41114-PROJECT-00123456", NULL);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", NULL);
    g_autofree char *fr = translation (f, id, "fr");
    const char *const countries[] = { "ML", "SN", NULL };
    const char *const themes[] = { "labour", NULL };
    g_autoptr (GPtrArray) partners = ma_store_list_partners (f->store, id, NULL);
    g_assert_cmpstr (ma_action_get_title (action), ==,
                     "Labour migration governance in West Africa");
    g_assert_cmpstr (fr, ==, "Gouvernance de la migration de travail en Afrique de l’Ouest");
    g_assert_cmpstr (ma_action_get_summary (action), ==,
                     "Support to ministries of labour in designing bilateral labour agreements.");
    g_assert_cmpstr (ma_action_get_status (action), ==, "ongoing");
    g_assert_cmpstr (ma_action_get_start_date (action), ==, "2022-03-15");
    g_assert_cmpstr (ma_action_get_end_date (action), ==, "2025-12-31");
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
    g_assert_true (g_strv_equal (ma_action_get_themes (action), themes));
    g_assert_cmpuint (partners->len, ==, 2);
  }
  id = ma_store_find_action (f->store, "XM-DAC-41114-PROJECT-00123457", NULL);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "fr", NULL);
    g_autofree char *es = translation (f, id, "es");
    g_assert_cmpstr (ma_action_get_lang (action), ==, "fr");
    g_assert_cmpstr (ma_action_get_original_title (action), ==, "Étude sur le retour des migrants");
    g_assert_cmpstr (es, ==, "Estudio sobre el retorno de los migrantes");
    g_assert_cmpstr (ma_action_get_status (action), ==, "completed");
    /* The narratives say how precise the dates are. */
    g_assert_cmpstr (ma_action_get_start_date (action), ==, "2021");
    g_assert_cmpstr (ma_action_get_end_date (action), ==, "2021-06");
  }
}

static void
assert_iati_refused (Fixture *f, const char *text, const char *message)
{
  g_autoptr (GFile) file = file_in (f, "refused.xml");
  g_autoptr (GError) error = NULL;

  write_file (file, text);
  g_assert_null (open_import (f, NULL, file, MA_EXCHANGE_IATI, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==, message);
}

/* Version 1, other roots, external entities: refused, nothing fetched. */
static void
test_iati_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *secret = path_in (f, "secret.txt");
  g_autofree char *xxe = NULL;
  g_autoptr (GFile) secret_file = g_file_new_for_path (secret);

  assert_iati_refused (f,
                       "<iati-activities version=\"1.03\"><iati-activity><iati-identifier>X-1"
                       "</iati-identifier></iati-activity></iati-activities>",
                       "The file is of IATI version 1.03: only versions 2.01, 2.02 and 2.03 can "
                       "be read; ask the publisher for a file of version 2");
  assert_iati_refused (f, "<iati-organisations version=\"2.03\"/>",
                       "The file is not an IATI activity file (its root is not iati-activities)");
  assert_iati_refused (f, "title,status\nA,ongoing\n",
                       "The file is not XML: it cannot be an IATI file");
  write_file (secret_file, "TOP SECRET");
  xxe = g_strdup_printf ("<?xml version=\"1.0\"?>\n<!DOCTYPE iati-activities [<!ENTITY xxe "
                         "SYSTEM \"file://%s\">]>\n<iati-activities version=\"2.03\">"
                         "<iati-activity><iati-identifier>X-1</iati-identifier><title>"
                         "<narrative>&xxe;</narrative></title><activity-status code=\"2\"/>"
                         "</iati-activity></iati-activities>",
                         secret);
  assert_iati_refused (f, xxe,
                       "The file declares entities in a DOCTYPE, which IATI files never do: it "
                       "is refused, and nothing in it was fetched");
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

/* Our IATI export, imported again, changes nothing; into an empty database it
 * gives the same Actions, as far as IATI carries them. */
static void
test_iati_round_trip (Fixture *f, gconstpointer data)
{
  const char *const langs[] = { "en", "fr", "es" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *name = g_strdup_printf ("iati-%s.xml", langs[l]);
      g_autoptr (GFile) file = file_in (f, name);
      g_autoptr (GError) error = NULL;
      g_autoptr (MaImport) import = NULL;
      g_autoptr (MaImportPlan) plan = NULL;
      g_autofree char *before = stable_csv (f->store, f, "before.csv");
      g_autofree char *after = NULL;
      MaIatiOptions options = { .reporting_org = "XM-TEST-1", .reporting_org_name = "ICMPD" };

      ma_i18n_set_language (langs[l]);
      ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &options, file, &error);
      ma_i18n_set_language ("en");
      g_strfreev (options.left_out);
      g_assert_no_error (error);
      import = open_import (f, NULL, file, MA_EXCHANGE_IATI, &error);
      g_assert_no_error (error);
      ma_import_set_mode (import, MA_IMPORT_UPDATE);
      g_assert_true (ma_import_run (import, TRUE, NULL, NULL, NULL, &plan, &error));
      g_assert_no_error (error);
      if (plan->updated > 0)
        {
          g_autoptr (GFile) copy = file_in (f, "iati-copy.xml");
          g_autofree char *text = read_file (file);
          g_printerr ("%s\n", text);
        }
      g_assert_cmpuint (plan->updated, ==, 0);
      g_assert_cmpuint (plan->added, ==, 0);
      g_assert_cmpuint (plan->unchanged, >, 0);
      after = stable_csv (f->store, f, "after.csv");
      g_assert_cmpstr (before, ==, after);
    }
}

static double
xpath_number (xmlDocPtr doc, const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expression, context);
  double value = result != NULL ? result->floatval : -1;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

/* What the IATI export says and leaves out, as IATI wants it told. */
static void
test_iati_honest (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "honest.xml");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  MaIatiOptions options = { .reporting_org = "XM-TEST-1", .reporting_org_name = "ICMPD" };
  MaIatiOptions bad = { .reporting_org = "XM TEST 1" };
  gint64 kazakhstan = ma_store_find_action (f->store, "Kazakhstan", NULL);
  gint64 brazil = ma_store_find_action (f->store, "Brazil", NULL);
  xmlDocPtr doc;

  /* A reference with spaces is no IATI identifier. */
  g_assert_false (ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &bad, file, &error));
  g_assert_true (g_str_has_prefix (error->message, "“XM TEST 1” is not an IATI organisation "
                                                   "identifier"));
  g_clear_error (&error);

  /* Kazakhstan: ongoing, starts "2021"; Brazil declined, with a date. */
  g_assert_true (ma_store_set_action_field (f->store, brazil, "start_date", "2022-05", &error));
  g_assert_true (ma_store_set_action_field (f->store, brazil, "status", "declined", &error));
  g_assert_true (ma_store_set_action_field (f->store, kazakhstan, "end_date", "2099", &error));
  g_assert_true (
      ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &options, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options.declined, ==, 1);
  /* Brazil, dated now, is no longer among those without a date. */
  g_assert_cmpuint (options.skipped, ==, 8);
  g_assert_cmpuint (g_strv_length (options.left_out), ==, 8);
  g_assert_nonnull (strstr (options.left_out[0], " — "));
  g_strfreev (options.left_out);
  doc = xmlReadFile (path, NULL, 0);
  g_assert_nonnull (doc);
  g_assert_cmpfloat (xpath_number (doc, "count(//iati-activity)"), ==, 6);
  g_assert_cmpfloat (xpath_number (doc, "count(//iati-activity[contains(iati-identifier, "
                                        "'000000000002')])"),
                     ==, 0);
  /* "2021" is its first day and a narrative; an actual end in 2099 is planned. */
  g_assert_cmpfloat (xpath_number (doc, "count(//activity-date[@iso-date='2021-01-01'][@type='2']"
                                        "[narrative='2021'])"),
                     >=, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//activity-date[@iso-date='2099-01-01'][@type='3']"
                                        "[narrative='2099'])"),
                     ==, 1);
  g_assert_cmpfloat (xpath_number (doc, "count(//activity-date[@type='2' or @type='4']"
                                        "[@iso-date > '2099'])"),
                     ==, 0);
  /* Themes in our vocabulary beside DAC 15190, each vocabulary at 100 %. */
  g_assert_cmpfloat (xpath_number (doc, "count(//sector[@vocabulary='99'][not(@vocabulary-uri)])"),
                     ==, 0);
  g_assert_cmpfloat (xpath_number (doc, "count(//iati-activity[not(sector[@code='15190'])])"), ==,
                     0);
  g_assert_cmpfloat (xpath_number (doc,
                                   "sum(//iati-activity[contains(iati-identifier, '000000000003')]"
                                   "/sector[@vocabulary='99']/@percentage)"),
                     ==, 100);
  g_assert_cmpfloat (xpath_number (doc, "count(//reporting-org/narrative[.='ICMPD'])"), ==, 6);
  xmlFreeDoc (doc);

  /* Asked for, declined requests are published, as cancelled. */
  options = (MaIatiOptions){ .reporting_org = "XM-TEST-1", .include_declined = TRUE };
  g_assert_true (
      ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &options, file, &error));
  g_strfreev (options.left_out);
  doc = xmlReadFile (path, NULL, 0);
  g_assert_cmpfloat (xpath_number (doc, "count(//iati-activity)"), ==, 7);
  g_assert_cmpfloat (xpath_number (doc, "count(//activity-status[@code='5'])"), ==, 1);
  xmlFreeDoc (doc);
}

/* The CSV for spreadsheets: a BOM and ";"; with labels, the headers and names in
 * the language of the export; both import back unchanged. */
static void
test_csv_dialects (Fixture *f, gconstpointer data)
{
  const char *const langs[] = { "en", "fr", "es" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint labels = 0; labels < 2; labels++)
      {
        g_autofree char *db = g_strdup_printf ("copy-%s-%u.db", langs[l], labels);
        g_autoptr (MaStore) copy = new_store (f, db, FALSE);
        g_autoptr (GFile) file = file_in (f, "sheet.csv");
        g_autoptr (GError) error = NULL;
        g_autoptr (MaImport) import = NULL;
        g_autoptr (MaImportPlan) plan = NULL;
        g_autofree char *text = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        MaCsvOptions options = { .spreadsheet = TRUE, .labels = labels };

        ma_i18n_set_language (langs[l]);
        g_assert_true (ma_export_actions_csv (f->store, NULL, MA_EXCHANGE_CSV, NULL, &options, NULL,
                                              file, &error));
        ma_i18n_set_language ("en");
        g_assert_no_error (error);
        text = read_file (file);
        g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
        if (labels && g_str_equal (langs[l], "fr"))
          {
            g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfUUID;Code;Titre;"));
            g_assert_nonnull (strstr (text, ";En cours;"));
          }
        else if (!labels)
          g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfuuid;code;title;"));
        import = ma_import_new (copy, file, MA_EXCHANGE_CSV, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (ma_import_get_separator (import), ==, ';');
        g_assert_cmpstr (ma_import_get_encoding (import), ==, "UTF-8 with BOM");
        g_assert_true (ma_import_run (import, FALSE, NULL, NULL, NULL, &plan, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (plan->added, ==, 15);
        before = stable_csv (f->store, f, "before.csv");
        after = stable_csv (copy, f, "after.csv");
        g_assert_cmpstr (before, ==, after);
      }
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/exchange/csv-round-trip", test_csv_round_trip);
  ADD ("/exchange/json-round-trip", test_json_round_trip);
  ADD ("/exchange/filtered-columns", test_filtered_columns);
  ADD ("/exchange/iati", test_iati);
  ADD ("/exchange/broken-rows", test_broken_rows);
  ADD ("/exchange/bad-files", test_bad_files);
  ADD ("/exchange/update-and-dry-run", test_update_and_dry_run);
  ADD ("/exchange/json-strict-types", test_json_strict_types);
  ADD ("/exchange/json-depth-and-size", test_json_depth_and_size);
  ADD ("/exchange/builds-on-rules", test_builds_on_rules);
  ADD ("/exchange/csv-injection", test_csv_injection);
  ADD ("/exchange/if-unchanged", test_if_unchanged);
  ADD ("/exchange/csv-dialects", test_csv_dialects);
  ADD ("/exchange/xlsx/calc", test_xlsx_calc);
#if HAVE_XLSXWRITER
  ADD ("/exchange/xlsx/round-trip", test_xlsx_round_trip);
#endif
  ADD ("/exchange/xlsx/bad", test_xlsx_bad);
#if HAVE_XLSXWRITER
  ADD ("/exchange/xlsx/inline", test_xlsx_inline);
#endif
  ADD ("/exchange/iati/import", test_iati_import);
  ADD ("/exchange/iati/refused", test_iati_refused);
  ADD ("/exchange/iati/round-trip", test_iati_round_trip);
  ADD ("/exchange/iati/honest", test_iati_honest);
  ADD ("/exchange/import/french-sheet", test_french_sheet);
  ADD ("/exchange/import/bom-crlf-tab", test_bom_crlf_tab);
  ADD ("/exchange/import/date-question", test_date_question);
  ADD ("/exchange/import/mangled-code", test_mangled_code);
  ADD ("/exchange/import/double-encoding", test_double_encoding);
  ADD ("/exchange/import/clear-translation", test_clear_translation);
  ADD ("/exchange/import/json-children", test_json_children);
  ADD ("/exchange/import/mapping-file", test_mapping_file);
  ADD ("/exchange/import/export-labels", test_export_labels);
  ADD ("/exchange/import/progress-cancel", test_progress_cancel);
  ADD ("/exchange/import/bad-rows", test_bad_rows);
  return g_test_run ();
}
