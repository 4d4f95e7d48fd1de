/* test-cli.c: mieux-actions-cli as a user runs it: output, exit status, messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

static char *tmpdir;
static char *db;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
cli (Run *run, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  va_list ap;
  int wait_status;

  g_ptr_array_add (args, (char *) g_getenv ("MA_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  env = g_environ_unsetenv (env, "MIEUX_ACTIONS_DB");
  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_init (void)
{
  g_auto (Run) run = { 0 };
  g_auto (Run) again = { 0 };

  cli (&run, "init", "--sample-data", "--database", db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));

  /* init never overwrites: exit 1, one line on stderr. */
  cli (&again, "init", "--database", db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_cmpuint (count_lines (again.err), ==, 1);
  g_assert_true (g_str_has_prefix (again.err, "mieux-actions-cli: "));
  g_assert_nonnull (strstr (again.err, "already exists"));
}

static void
test_list_formats (void)
{
  g_auto (Run) table = { 0 };
  g_auto (Run) tsv = { 0 };
  g_auto (Run) json = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *array;

  cli (&table, "list", "--database", db, NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_cmpuint (count_lines (table.out), ==, 16); /* header + 15 */
  g_assert_nonnull (strstr (table.out, "Gran Chaco"));
  g_assert_nonnull (strstr (table.out, "In preparation"));

  cli (&tsv, "list", "--database", db, "--format", "tsv", "--region", "lac", NULL);
  g_assert_cmpint (tsv.status, ==, 0);
  g_assert_cmpuint (count_lines (tsv.out), ==, 7);
  g_assert_true (g_str_has_prefix (tsv.out, "code\ttitle\tregion\tstatus\t"));

  cli (&json, "list", "--database", db, "--format", "json", "--country", "py", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "code"),
                   ==, "Gran Chaco");
}

static void
test_list_filters (void)
{
  const struct
  {
    const char *option, *value;
    guint rows;
  } cases[] = {
    { "--status", "ongoing", 8 },   { "--region", "asia", 3 },       { "--country", "KZ", 1 },
    { "--theme", "protection", 3 }, { "--type", "regional", 1 },     { "--partner", "UNHCR", 1 },
    { "--year", "2021", 6 },        { "--search", "protección", 2 }, { "--search", "chac", 1 },
    { "--from", "2022", 4 },        { "--to", "2020", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };
      cli (&run, "list", "--database", db, "--format", "tsv", cases[i].option, cases[i].value,
           NULL);
      g_assert_cmpint (run.status, ==, 0);
      if (count_lines (run.out) != cases[i].rows + 1)
        g_error ("%s %s: %u rows, expected %u\n%s", cases[i].option, cases[i].value,
                 count_lines (run.out) - 1, cases[i].rows, run.out);
    }
}

static void
test_errors (void)
{
  g_auto (Run) status = { 0 };
  g_auto (Run) usage = { 0 };
  g_auto (Run) missing = { 0 };
  g_auto (Run) show = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (Run) date = { 0 };
  g_autofree char *nowhere = g_build_filename (tmpdir, "none.db", NULL);

  cli (&status, "list", "--database", db, "--status", "finished", NULL);
  g_assert_cmpint (status.status, ==, 1);
  g_assert_cmpstr (status.err, ==, "mieux-actions-cli: “finished” is not a status\n");

  cli (&usage, "list", "--database", db, "--format", "xml", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  cli (&missing, "list", "--database", nowhere, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpuint (count_lines (missing.err), ==, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  cli (&show, "show", "Atlantis", "--database", db, NULL);
  g_assert_cmpint (show.status, ==, 1);
  g_assert_cmpstr (show.err, ==, "mieux-actions-cli: There is no Action “Atlantis”\n");

  cli (&date, "list", "--database", db, "--from", "2021-13", NULL);
  g_assert_cmpint (date.status, ==, 1);
  g_assert_cmpuint (count_lines (date.err), ==, 1);
}

static void
test_show_check_backup (void)
{
  g_auto (Run) show = { 0 };
  g_auto (Run) check = { 0 };
  g_auto (Run) backup = { 0 };
  g_auto (Run) listed = { 0 };
  g_autofree char *copy = g_build_filename (tmpdir, "copy.db", NULL);

  cli (&show, "show", "costa rica", "--database", db, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_str_has_prefix (show.out, "Migration in times of crisis\n"));
  g_assert_nonnull (strstr (show.out, "Thematic areas: Migration and health, International "
                                      "protection and asylum\n"));
  g_assert_nonnull (strstr (show.out, "Knowledge and practice exchange session · Online · 2021"));
  g_assert_nonnull (strstr (show.out, "Protocol — Protocol to assist"));

  cli (&check, "check", "--database", db, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, "No problems found."));

  cli (&backup, "backup", "-o", copy, "--database", db, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  cli (&listed, "list", "--database", copy, "--format", "tsv", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_cmpuint (count_lines (listed.out), ==, 16);
}

/* import prints the preview the dialog shows; --mapping and --dates answer what
 * it cannot decide; nothing is written until the file is clean. */
static void
test_import (void)
{
  g_autofree char *csv = g_build_filename (tmpdir, "import.csv", NULL);
  g_autofree char *mapping = g_build_filename (tmpdir, "import.ini", NULL);
  g_auto (Run) dry = { 0 };
  g_auto (Run) ambiguous = { 0 };
  g_auto (Run) mapped = { 0 };
  g_auto (Run) listed = { 0 };
  g_auto (Run) bad = { 0 };
  const char *text = "Intitulé;Statut;Début;Colonne libre\n"
                     "Importée du tableur;En cours;03/04/2022;x\n"
                     ";;;\n";

  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  cli (&dry, "import", "--database", db, "--format", "csv", "--dry-run", csv, "--save-mapping",
       mapping, NULL);
  /* The date cannot be read without being told: exit 1, nothing written. */
  g_assert_cmpint (dry.status, ==, 1);
  g_assert_nonnull (strstr (dry.out, "Encoding: UTF-8; separator: “;”\n"));
  g_assert_nonnull (strstr (dry.out, "  Intitulé → title\n"));
  g_assert_nonnull (strstr (dry.out, "  Colonne libre → (skipped)\n"));
  g_assert_nonnull (strstr (dry.out, "Summary: 1 new, 0 updated, 0 unchanged, 0 rejected.\n"));
  g_assert_nonnull (strstr (dry.out, "Dates such as “03/04/2022” (row 2)"));

  g_assert_true (g_file_set_contents (
      mapping, "[columns]\nColonne libre=notes\n[options]\ndates=day-first\n", -1, NULL));
  cli (&mapped, "import", "--database", db, "--format", "csv", "--mapping", mapping, csv, NULL);
  g_assert_cmpint (mapped.status, ==, 0);
  g_assert_nonnull (strstr (mapped.out, "  Colonne libre → notes\n"));
  g_assert_nonnull (strstr (mapped.out, "Imported.\n"));
  cli (&listed, "list", "--database", db, "--format", "tsv", "--search", "tableur", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "Importée du tableur"));

  /* Again in add mode: the Action is new each time, but a bad status is not. */
  g_assert_true (g_file_set_contents (csv, "title,status\nX,finished\n", -1, NULL));
  cli (&bad, "import", "--database", db, "--format", "csv", csv, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.out, "Rejected:\n  row 2, status: “finished” is not a status\n"));
  g_assert_nonnull (strstr (bad.err, "1 row has errors: nothing was imported"));

  cli (&ambiguous, "import", "--database", db, "--format", "csv", "--dates", "sideways", csv, NULL);
  g_assert_cmpint (ambiguous.status, ==, 2);
}

/* A workbook and an IATI file through the same preview; an IATI export names the
 * Actions it leaves out. */
static void
test_import_xlsx_iati (void)
{
  g_autofree char *xlsx =
      g_test_build_filename (G_TEST_DIST, "data", "import", "calc-fr.xlsx", NULL);
  g_autofree char *iati =
      g_test_build_filename (G_TEST_DIST, "data", "import", "iati-foreign.xml", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "export.xml", NULL);
  g_auto (Run) book = { 0 };
  g_auto (Run) published = { 0 };
  g_auto (Run) exported = { 0 };

  cli (&book, "import", "--database", db, "--format", "xlsx", "--dry-run", xlsx, NULL);
  g_assert_cmpint (book.status, ==, 0);
  g_assert_nonnull (strstr (book.out, "Sheet: Actions 2023\n"));
  g_assert_nonnull (strstr (book.out, "  Début → start\n"));
  g_assert_nonnull (strstr (book.out, "  Participants → (skipped)\n"));
  g_assert_nonnull (strstr (book.out, "Summary: 2 new, 0 updated, 0 unchanged, 0 rejected.\n"));

  cli (&published, "import", "--database", db, "--format", "iati", "--dry-run", iati, NULL);
  g_assert_cmpint (published.status, ==, 0);
  g_assert_nonnull (strstr (published.out, "Summary: 2 new,"));
  g_assert_nonnull (strstr (published.out, "Ignored (no place for it here):\n"));
  g_assert_nonnull (strstr (published.out, "  budget (1)\n"));

  cli (&exported, "export", "--database", db, "--format", "iati", "--reporting-org", "XM-TEST-1",
       "-o", out, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_nonnull (strstr (exported.err, "were left out: IATI requires a date"));
  g_assert_nonnull (strstr (exported.err, " — "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("MA_CLI"));

  tmpdir = g_dir_make_tmp ("ma-cli-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "actions.db", NULL);

  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/list-formats", test_list_formats);
  g_test_add_func ("/cli/list-filters", test_list_filters);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/show-check-backup", test_show_check_backup);
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/import-xlsx-iati", test_import_xlsx_iati);
  return g_test_run ();
}
