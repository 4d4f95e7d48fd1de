/* ma-cli-chart.c: chart and report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ma-chart.h"
#include "ma-cli.h"
#include "ma-deck.h"
#include "ma-i18n.h"
#include "ma-report.h"

int
ma_cli_chart (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *kind_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *size = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_ ("The chart: regions, themes, status, types, timeline or activities"), N_ ("KIND") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_ ("File format: png, svg or pdf (default: from the file name)"), N_ ("FORMAT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_ ("Width and height in pixels (PNG) or points (SVG, PDF), default 1280x720"), N_ ("WxH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The file to write"), N_ ("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "chart", N_ ("--kind KIND [FILTER] [--format png|svg|pdf] [--size WxH] -o OUTPUT"),
      N_ ("Draw a chart of the Actions that match."), &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaActionQuery) query = NULL;
  g_autoptr (MaFilter) filter = NULL;
  g_autoptr (MaChartData) data = NULL;
  int kind, width = 1280, height = 720;
  int status = MA_CLI_OK;
  const char *lang;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  lang = ma_cli_lang (&options);

  kind = ma_chart_kind_from_string (kind_name);
  if (kind < 0)
    status = ma_cli_usage (
        context, _ ("--kind must be regions, themes, status, types, timeline or activities"));
  else if (output == NULL)
    status = ma_cli_usage (context, _ ("--output FILE is required"));
  else if (argc > 1)
    status = ma_cli_usage (context, _ ("chart takes no other arguments"));
  else if (size != NULL && !ma_cli_parse_size (size, 16, 20000, &width, &height))
    status = ma_cli_usage (context, _ ("--size must be WIDTHxHEIGHT, from 16 to 20000 each"));
  if (status != MA_CLI_OK)
    {
      ma_cli_options_clear (&options);
      return status;
    }
  if (format == NULL)
    {
      const char *dot = strrchr (output, '.');
      format = g_ascii_strdown (dot != NULL ? dot + 1 : "png", -1);
    }
  if (strcmp (format, "png") != 0 && strcmp (format, "svg") != 0 && strcmp (format, "pdf") != 0)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("--format must be png, svg or pdf"));
    }

  store = ma_cli_open_store (&options, &error);
  if (store != NULL)
    query = ma_action_query_new (store);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      (data = ma_report_chart_data (query, filter, kind, lang, &error)) == NULL ||
      !ma_chart_export (data, lang, NULL, format, width, height, output, &error))
    status = ma_cli_fail (error);
  ma_cli_options_clear (&options);
  return status;
}

int
ma_cli_report (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "report", N_ ("[--from DATE] [--to DATE] [FILTER]"),
      N_ ("The programme’s figures for a period, as sentences."), &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaFilter) filter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Also write the report as a PDF page (A4 landscape) to this file"), N_ ("FILE") },
    { NULL }
  };
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (argc > 1)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("report takes no other arguments"));
    }
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      (text = ma_report_text (store, filter, ma_cli_lang (&options), &error)) == NULL)
    status = ma_cli_fail (error);
  else
    {
      printf ("%s\n", text);
      if (output != NULL)
        {
          g_autoptr (MaDeck) deck = ma_deck_new (NULL);
          const char *const slides[] = { "report", NULL };

          g_strfreev (deck->slides);
          deck->slides = g_strdupv ((char **) slides);
          g_set_object (&deck->filter, filter);
          deck->lang = g_strdup (ma_cli_lang (&options));
          g_autoptr (MaActionQuery) query = ma_action_query_new (store);

          if (!ma_deck_export_pdf (query, deck, 842, 595, output, &error))
            status = ma_cli_fail (error);
        }
    }
  ma_cli_options_clear (&options);
  return status;
}
