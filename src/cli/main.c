/* main.c: mieux-actions-cli, the headless tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ma-cli.h"
#include "ma-i18n.h"

static const MaCliCommand commands[] = {
  { "init", "[--sample-data]", N_ ("Create a database (refuses to overwrite one)"), ma_cli_init },
  { "list", "[FILTER] [--format table|tsv|json]", N_ ("The Actions that match"), ma_cli_list },
  { "show", "CODE-OR-UUID", N_ ("One Action with its activities, partners, outputs"), ma_cli_show },
  { "export", "--format csv|xlsx|json|iati [FILTER] [--columns a,b,c] -o FILE",
    N_ ("Write the Actions that match to a file"), ma_cli_export },
  { "import", "--format csv|xlsx|json|iati [--mode add|update] [--mapping FILE] [--dry-run] FILE",
    N_ ("Read Actions from a file, all or nothing"), ma_cli_import },
  { "map", N_ ("[--by country|region] [FILTER] --format png|svg|pdf --size WxH -o FILE"),
    N_ ("The world map of the Actions that match"), ma_cli_map },
  { "check", "", N_ ("Integrity and consistency report"), ma_cli_check },
  { "backup", "-o FILE", N_ ("Online copy through the SQLite backup API"), ma_cli_backup },
  { "backups", "", N_ ("List the automatic backups (date, Action count)"), ma_cli_backups },
  { "restore", N_ ("FILE"), N_ ("Put a backup back, after backing up the current state"),
    ma_cli_restore },
  { "report", N_ ("[--from DATE] [--to DATE] [FILTER]"), N_ ("Programme figures as sentences"),
    ma_cli_report },
  { "chart", N_ ("--kind KIND [FILTER] [--format png|svg|pdf] [--size WxH] -o OUTPUT"),
    N_ ("Draw a chart of the Actions that match"), ma_cli_chart },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  mieux-actions-cli %s\n\n%s\n", _ ("Usage:"), _ ("COMMAND [OPTIONS…]"),
           _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* The parameters are marked where the command builds its options. */
      g_autofree char *synopsis = g_strdup_printf (
          "%s %s", commands[i].name, commands[i].parameters[0] ? _ (commands[i].parameters) : "");
      /* Pad by characters, not bytes: "CÓDIGO" is one column wider in bytes. */
      int pad = MAX (0, 40 - (int) g_utf8_strlen (synopsis, -1));
      fprintf (out, "  %s%*s %s\n", synopsis, pad, "", _ (commands[i].summary));
    }
  fprintf (out, "\n%s\n",
           _ ("Every command accepts --database FILE and --lang en|fr|es; "
              "“mieux-actions-cli COMMAND --help” describes its options."));
}

/* --lang applies to all a command prints, its --help included: GOption prints the help
 * while it parses, before the command could apply the option. A wrong value is left
 * for the command to report. */
static void
apply_lang_option (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *value = NULL;

      if (strcmp (argv[i], "--") == 0)
        break;
      if (g_str_has_prefix (argv[i], "--lang="))
        value = argv[i] + strlen ("--lang=");
      else if (strcmp (argv[i], "--lang") == 0 && i + 1 < argc)
        value = argv[i + 1];
      if (value != NULL && ma_i18n_normalize (value) != NULL)
        ma_i18n_set_language (value);
    }
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  apply_lang_option (argc, argv);

  if (argc < 2)
    {
      print_usage (stderr);
      return MA_CLI_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return MA_CLI_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("mieux-actions-cli %s\n", PACKAGE_VERSION);
      return MA_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _ ("mieux-actions-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return MA_CLI_USAGE;
}
