/* ma-cli-exchange.c: export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ma-backups.h"
#include "ma-cli.h"
#include "ma-exchange.h"
#include "ma-import.h"

int
ma_cli_export (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *format_name = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *output = NULL;
  g_autofree char *org = NULL;
  g_autofree char *org_name = NULL;
  gboolean include_declined = FALSE;
  gboolean spreadsheet = FALSE;
  gboolean labels = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_ ("csv, xlsx, json or iati"),
      N_ ("FORMAT") },
    { "columns", 'c', 0, G_OPTION_ARG_STRING, &columns,
      N_ ("The columns of a CSV or XLSX file, separated by commas (default: all)"), N_ ("A,B,C") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The file to write"), N_ ("FILE") },
    { "reporting-org", 0, 0, G_OPTION_ARG_STRING, &org,
      N_ ("IATI: the organisation identifier of the publisher"), N_ ("REF") },
    { "reporting-org-name", 0, 0, G_OPTION_ARG_STRING, &org_name,
      N_ ("IATI: the name of the publisher"), N_ ("NAME") },
    { "spreadsheet", 0, 0, G_OPTION_ARG_NONE, &spreadsheet,
      N_ ("CSV: for a spreadsheet set up for French or Spanish (UTF-8 with BOM, “;”)"), NULL },
    { "labels", 0, 0, G_OPTION_ARG_NONE, &labels,
      N_ ("CSV: headers and names in the language of --lang instead of codes"), NULL },
    { "include-declined", 0, 0, G_OPTION_ARG_NONE, &include_declined,
      N_ ("IATI: publish declined and withdrawn requests too, as cancelled"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "export", N_ ("--format csv|xlsx|json|iati [FILTER] [--columns a,b,c] -o FILE"),
      N_ ("Write the Actions that match to a file."), &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaFilter) filter = NULL;
  g_autoptr (GFile) file = NULL;
  g_auto (GStrv) names = NULL;
  MaIatiOptions iati = { 0 };
  MaExchangeFormat format;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (format_name == NULL || !ma_exchange_format_from_string (format_name, &format))
    status = ma_cli_usage (context, _ ("The format must be csv, xlsx, json or iati"));
  else if (output == NULL)
    status = ma_cli_usage (context, _ ("export needs -o FILE"));
  if (status != MA_CLI_OK)
    {
      ma_cli_options_clear (&options);
      return status;
    }

  if (columns != NULL)
    names = g_strsplit (columns, ",", -1);
  iati.reporting_org = org;
  iati.reporting_org_name = org_name;
  iati.include_declined = include_declined;
  file = g_file_new_for_commandline_arg (output);
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      !ma_export_actions_csv (store, filter, format, (const char *const *) names,
                              &(MaCsvOptions){ .spreadsheet = spreadsheet, .labels = labels },
                              &iati, file, &error))
    status = ma_cli_fail (error);
  else
    {
      if (iati.skipped > 0)
        fprintf (stderr,
                 g_dngettext (GETTEXT_PACKAGE,
                              "mieux-actions-cli: %u Action without any known date was left out: "
                              "IATI requires a date\n",
                              "mieux-actions-cli: %u Actions without any known date were left "
                              "out: IATI requires a date\n",
                              iati.skipped),
                 iati.skipped);
      for (guint i = 0; iati.left_out != NULL && iati.left_out[i] != NULL; i++)
        fprintf (stderr, "  %s\n", iati.left_out[i]);
      if (iati.declined > 0)
        fprintf (stderr,
                 g_dngettext (GETTEXT_PACKAGE,
                              "mieux-actions-cli: %u declined or withdrawn request was not "
                              "published (--include-declined publishes it as cancelled)\n",
                              "mieux-actions-cli: %u declined or withdrawn requests were not "
                              "published (--include-declined publishes them as cancelled)\n",
                              iati.declined),
                 iati.declined);
    }
  g_strfreev (iati.left_out);
  ma_cli_options_clear (&options);
  return status;
}

static void
print_issues (const char *title, GPtrArray *issues)
{
  if (issues->len == 0)
    return;
  printf ("%s\n", title);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *text = ma_import_issue_to_string (issues->pdata[i]);
      printf ("  %s\n", text);
    }
}

/* The preview, as the import dialog shows it. */
static void
print_plan (MaImport *import, MaImportPlan *plan)
{
  const char *encoding = ma_import_get_encoding (import);
  char separator = ma_import_get_separator (import);
  g_autofree char *added =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", plan->added), plan->added);
  g_autofree char *updated = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", plan->updated), plan->updated);
  g_autofree char *unchanged = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", plan->unchanged),
      plan->unchanged);
  g_autofree char *rejected = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u rejected", "%u rejected", plan->rejected), plan->rejected);

  if (encoding != NULL)
    {
      g_autofree char *shown =
          separator == '\t' ? g_strdup (_ ("tab")) : g_strdup_printf ("“%c”", separator);
      /* Translators: %1$s an encoding such as UTF-8, %2$s a separator such as “;”. */
      printf (_ ("Encoding: %1$s; separator: %2$s\n"), encoding, shown);
    }
  if (ma_import_get_sheet (import) != NULL)
    printf (_ ("Sheet: %s\n"), ma_import_get_sheet (import));
  printf ("%s\n", _ ("Columns:"));
  for (guint i = 0; i < ma_import_get_n_columns (import); i++)
    {
      const char *target = ma_import_get_target (import, i);
      const char *header = ma_import_get_header (import, i);
      g_autofree char *untitled = NULL;
      if (header[0] == '\0')
        /* Translators: a column of the file with no header; %u its number. */
        header = untitled = g_strdup_printf (_ ("column %u"), i + 1);
      printf ("  %s → %s\n", header, target != NULL ? target : _ ("(skipped)"));
    }
  /* Translators: %1$s "3 new", %2$s "1 updated", %3$s "0 unchanged", %4$s "2 rejected". */
  printf (_ ("Summary: %1$s, %2$s, %3$s, %4$s.\n"), added, updated, unchanged, rejected);
  print_issues (_ ("Rejected:"), plan->problems);
  print_issues (_ ("Look at:"), plan->warnings);
  if (plan->ignored->len > 0)
    {
      printf ("%s\n", _ ("Ignored (no place for it here):"));
      for (guint i = 0; i < plan->ignored->len; i++)
        printf ("  %s\n", (char *) plan->ignored->pdata[i]);
    }
  if (plan->question != NULL)
    printf ("%s %s\n", plan->question, _ ("(--dates day-first or --dates month-first)"));
}

int
ma_cli_import (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *format_name = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *save_mapping = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *sheet = NULL;
  gboolean dry_run = FALSE;
  gboolean if_unchanged = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_ ("csv, xlsx, json or iati"),
      N_ ("FORMAT") },
    { "if-unchanged", 0, 0, G_OPTION_ARG_NONE, &if_unchanged,
      N_ ("Update mode: refuse the file if an Action it changes was changed in the database "
          "after the file was exported (its “updated” column)"),
      NULL },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name,
      N_ ("add (default: new Actions only) or update (match by UUID, then code)"), N_ ("MODE") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping,
      N_ ("Which column of the file goes where (a mapping saved by the import dialog)"),
      N_ ("FILE") },
    { "save-mapping", 0, 0, G_OPTION_ARG_FILENAME, &save_mapping,
      N_ ("Save the mapping used, to reuse it with --mapping"), N_ ("FILE") },
    { "dates", 0, 0, G_OPTION_ARG_STRING, &dates,
      N_ ("How to read dates such as 03/04/2022: day-first or month-first"), N_ ("ORDER") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_ ("XLSX: the sheet to read (default: the first)"), N_ ("NAME") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Show what would be done, write nothing"),
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "import",
      N_ ("--format csv|xlsx|json|iati [--mode add|update] [--mapping FILE] [--dry-run] FILE"),
      N_ ("Read Actions from a file: every row is written, or none."), &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  MaExchangeFormat format;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (format_name == NULL || !ma_exchange_format_from_string (format_name, &format))
    status = ma_cli_usage (context, _ ("The format must be csv, xlsx, json or iati"));
  else if (mode_name != NULL && g_strcmp0 (mode_name, "add") != 0 &&
           g_strcmp0 (mode_name, "update") != 0)
    status = ma_cli_usage (context, _ ("The mode must be add or update"));
  else if (dates != NULL && g_strcmp0 (dates, "day-first") != 0 &&
           g_strcmp0 (dates, "month-first") != 0)
    status = ma_cli_usage (context, _ ("--dates must be day-first or month-first"));
  else if (argc != 2)
    status = ma_cli_usage (context, _ ("import needs one file"));
  if (status != MA_CLI_OK)
    {
      ma_cli_options_clear (&options);
      return status;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  store = ma_cli_open_store (&options, &error);
  if (store != NULL)
    import = ma_import_new (store, file, format, sheet, &error);
  if (import != NULL && mapping != NULL)
    {
      g_autoptr (GFile) mapping_file = g_file_new_for_commandline_arg (mapping);
      if (!ma_import_load_mapping (import, mapping_file, &error))
        g_clear_pointer (&import, ma_import_free);
    }
  if (import == NULL)
    {
      status = ma_cli_fail (error);
      ma_cli_options_clear (&options);
      return status;
    }
  ma_import_set_mode (import,
                      g_strcmp0 (mode_name, "update") == 0 ? MA_IMPORT_UPDATE : MA_IMPORT_ADD);
  ma_import_set_flags (import, if_unchanged ? MA_IMPORT_IF_UNCHANGED : MA_IMPORT_FLAGS_NONE);
  if (dates != NULL)
    ma_import_set_date_order (import, g_str_equal (dates, "day-first") ? MA_DATE_ORDER_DAY_FIRST
                                                                       : MA_DATE_ORDER_MONTH_FIRST);
  if (save_mapping != NULL)
    {
      g_autoptr (GFile) mapping_file = g_file_new_for_commandline_arg (save_mapping);
      if (!ma_import_save_mapping (import, mapping_file, &error))
        {
          status = ma_cli_fail (error);
          ma_cli_options_clear (&options);
          return status;
        }
    }
  if (!dry_run && !ma_store_get_read_only (store))
    {
      /* A way back from an import that was a mistake: restore puts it back. */
      g_autoptr (GError) skipped = NULL;
      g_autofree char *saved = ma_store_auto_backup (store, "import", &skipped);
      if (saved == NULL)
        {
          if (!g_error_matches (skipped, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL))
            {
              status = ma_cli_fail (skipped);
              ma_cli_options_clear (&options);
              return status;
            }
          /* Translators: a warning; %s says why no backup was made. */
          fprintf (stderr, _ ("mieux-actions-cli: warning: %s\n"), skipped->message);
        }
    }
  if (!ma_import_run (import, dry_run, NULL, NULL, NULL, &plan, &error))
    {
      if (plan != NULL)
        print_plan (import, plan);
      status = ma_cli_fail (error);
    }
  else
    {
      print_plan (import, plan);
      if (dry_run && (plan->rejected > 0 || plan->question != NULL))
        status = ma_cli_fail_message (_ ("The file cannot be imported as it is"));
      else if (dry_run)
        printf ("%s\n", _ ("Checked, nothing written."));
      else
        printf ("%s\n", _ ("Imported."));
    }
  ma_cli_options_clear (&options);
  return status;
}
