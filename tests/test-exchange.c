/* test-exchange.c: export and import round trips, IATI validity, bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <string.h>
#include <unistd.h>

#include "ma-test-query.h"
#include "ma-exchange.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

typedef struct
{
  char *dir;
  MaStore *store; /* with the sample Actions */
} Fixture;

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

  ma_export_actions (f->store, NULL, MA_EXCHANGE_IATI, NULL, &options, file, &error);
  g_assert_no_error (error);
  /* Nine sample Actions have no known date; IATI needs one, so they are left out. */
  g_assert_cmpuint (options.skipped, ==, 9);

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
  check_codes (doc, "//sector", "code", "Sector.xml");

  xmlXPathFreeObject (comesa);
  xmlXPathFreeObject (activities);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

static void
test_broken_rows (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "broken.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };
  g_autofree char *before = stable_csv (f->store, f, "before.csv");
  g_autofree char *after = NULL;

  write_file (file, "title,status,start,end,countries\n"
                    "Senegal — diaspora,request,2022,,SN\n"
                    "Bad status,finished,,,\n"
                    "\"Quoted, with comma\",ongoing,2023-02,2022,\n"
                    "Bad date,ongoing,2021-13,,\n"
                    "Bad country,ongoing,,,SN|ZZ\n"
                    ",ongoing,,,\n"
                    "Too,many,fields,,,,\n");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS);
  g_assert_cmpuint (report.errors->len, ==, 6);
  g_assert_cmpstr (report.errors->pdata[0], ==, "line 3: “finished” is not a status");
  g_assert_cmpstr (report.errors->pdata[1], ==, "line 4: The end date is before the start date");
  g_assert_true (g_str_has_prefix (report.errors->pdata[2], "line 5: “2021-13” is not a date"));
  g_assert_cmpstr (report.errors->pdata[3], ==, "line 6: “ZZ” is not a country code");
  g_assert_cmpstr (report.errors->pdata[4], ==, "line 7: the title is missing");
  g_assert_true (g_str_has_prefix (report.errors->pdata[5], "line 8: "));

  /* Nothing was written, not even the valid first row. */
  after = stable_csv (f->store, f, "after.csv");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = file_in (f, "bad.csv");
  g_autoptr (GError) error = NULL;
  g_auto (MaImportReport) report = { 0 };

  write_file (file, "title,status\n\"never closed,ongoing\n");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_clear_error (&error);
  ma_import_report_clear (&report);

  write_file (file, "title,status\nCaf\xe9,ongoing\n"); /* Latin-1, not UTF-8 */
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_clear_error (&error);
  ma_import_report_clear (&report);

  /* A column twice (found by the CSV fuzz target, where it leaked the first value). */
  write_file (file, "title,status,title\nOne,ongoing,Two\n");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_assert_cmpstr (error->message, ==, "The header names the column “title” twice");
  g_clear_error (&error);
  ma_import_report_clear (&report);

  write_file (file, "name,colour\nx,y\n");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_clear_error (&error);
  ma_import_report_clear (&report);

  /* An empty JSON file (found by the JSON fuzz target: json-glib gives no root). */
  write_file (file, "");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_JSON, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_clear_error (&error);
  ma_import_report_clear (&report);

  write_file (file, "{\"title\": \"not a list\"}");
  g_assert_false (
      ma_import_actions (f->store, MA_EXCHANGE_JSON, MA_IMPORT_ADD, FALSE, file, &report, &error));
  g_assert_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE);
  g_clear_error (&error);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
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
  const char *const self_csv[] = { "line 2: An Action cannot build on itself", NULL };
  const char *const self_json[] = { "[0].builds_on: An Action cannot build on itself", NULL };
  /* Gran Chaco builds on Ecuador II: Ecuador II may not build on Gran Chaco. */
  const char *const chain[] = { "line 2: Ecuador II builds on itself through a chain of Actions",
                                NULL };
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
  g_assert_true (g_str_has_prefix (report.errors->pdata[0], "line "));
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
  return g_test_run ();
}
