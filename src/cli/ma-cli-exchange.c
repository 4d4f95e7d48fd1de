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

int
ma_cli_export (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *format_name = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *output = NULL;
  g_autofree char *org = NULL;
  g_autofree char *org_name = NULL;
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
  file = g_file_new_for_commandline_arg (output);
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      !ma_export_actions (store, filter, format, (const char *const *) names, &iati, file, &error))
    status = ma_cli_fail (error);
  else if (iati.skipped > 0)
    fprintf (stderr,
             g_dngettext (GETTEXT_PACKAGE,
                          "mieux-actions-cli: %u Action without any known date was left out: "
                          "IATI requires a date\n",
                          "mieux-actions-cli: %u Actions without any known date were left out: "
                          "IATI requires a date\n",
                          iati.skipped),
             iati.skipped);
  ma_cli_options_clear (&options);
  return status;
}

int
ma_cli_import (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *format_name = NULL;
  g_autofree char *mode_name = NULL;
  gboolean dry_run = FALSE;
  gboolean if_unchanged = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_ ("csv or json"), N_ ("FORMAT") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode_name,
      N_ ("add (default: new Actions only) or update (match by UUID, then code)"), N_ ("MODE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Check the file, write nothing"), NULL },
    { "if-unchanged", 0, 0, G_OPTION_ARG_NONE, &if_unchanged,
      N_ ("Update mode: refuse the file if an Action it changes was changed in the database "
          "after the file was exported (its “updated” column)"),
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "import", N_ ("--format csv|json [--mode add|update] [--dry-run] FILE"),
      N_ ("Read Actions from a file: every row is written, or none."), &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  g_auto (MaImportReport) report = { 0 };
  MaExchangeFormat format;
  MaImportMode mode = MA_IMPORT_ADD;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (format_name == NULL || !ma_exchange_format_from_string (format_name, &format) ||
      format == MA_EXCHANGE_IATI)
    status = ma_cli_usage (context, _ ("The format must be csv, xlsx or json"));
  else if (mode_name != NULL && g_strcmp0 (mode_name, "add") != 0 &&
           g_strcmp0 (mode_name, "update") != 0)
    status = ma_cli_usage (context, _ ("The mode must be add or update"));
  else if (argc != 2)
    status = ma_cli_usage (context, _ ("import needs one file"));
  if (status != MA_CLI_OK)
    {
      ma_cli_options_clear (&options);
      return status;
    }
  if (g_strcmp0 (mode_name, "update") == 0)
    mode = MA_IMPORT_UPDATE;

  file = g_file_new_for_commandline_arg (argv[1]);
  store = ma_cli_open_store (&options, &error);
  if (store != NULL && !dry_run && !ma_store_get_read_only (store))
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
  if (store == NULL ||
      !ma_import_actions_full (store, format, mode,
                               if_unchanged ? MA_IMPORT_IF_UNCHANGED : MA_IMPORT_FLAGS_NONE,
                               dry_run, file, &report, &error))
    {
      for (guint i = 0; report.errors != NULL && i < report.errors->len; i++)
        printf ("%s\n", (char *) g_ptr_array_index (report.errors, i));
      status = ma_cli_fail (error);
    }
  else
    {
      g_autofree char *added = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u added", "%u added", report.added), report.added);
      g_autofree char *updated = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", report.updated),
          report.updated);
      g_autofree char *unchanged = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", report.unchanged),
          report.unchanged);
      if (dry_run)
        /* Translators: %1$s "3 added", %2$s "1 updated", %3$s "0 unchanged". */
        printf (_ ("Checked, nothing written: %1$s, %2$s, %3$s.\n"), added, updated, unchanged);
      else
        printf (_ ("Imported: %1$s, %2$s, %3$s.\n"), added, updated, unchanged);
    }
  ma_cli_options_clear (&options);
  return status;
}
