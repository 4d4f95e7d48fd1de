/* ma-cli.c: options, errors and the store, shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "ma-cli.h"
#include "ma-date.h"
#include "ma-i18n.h"

GOptionContext *
ma_cli_context_new (const char *name,
                    const char *parameters,
                    const char *summary,
                    MaCliOptions *options,
                    gboolean with_filter)
{
  const GOptionEntry common[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &options->database,
      N_ ("The database file (default: MIEUX_ACTIONS_DB or the user’s data folder)"), N_ ("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      N_ ("Language of the output: en, fr or es (default: the locale’s)"), N_ ("LANG") },
    { NULL }
  };
  const GOptionEntry filter[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &options->search,
      N_ ("Actions whose title, code, summary, partners or notes contain these words"),
      N_ ("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->statuses,
      N_ ("Only this status (repeatable): request, preparation, ongoing, completed, declined, "
          "withdrawn"),
      N_ ("STATUS") },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->regions,
      N_ ("Only this region (repeatable): asia, esa, eun, lac, wca"), N_ ("REGION") },
    { "country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->countries,
      N_ ("Only Actions in this country (repeatable)"), N_ ("ISO2") },
    { "theme", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->themes,
      N_ ("Only this thematic area (repeatable)"), N_ ("THEME") },
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->types,
      N_ ("Only this type (repeatable): demand-driven, holistic, regional"), N_ ("TYPE") },
    { "partner", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->partners,
      N_ ("Only Actions with this partner, by name (repeatable)"), N_ ("NAME") },
    { "year", 0, 0, G_OPTION_ARG_INT, &options->year,
      N_ ("Only Actions whose known period overlaps this year"), N_ ("YYYY") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_ ("Only Actions whose known period reaches this date or later"), N_ ("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_ ("Only Actions whose known period starts by this date"), N_ ("DATE") },
    { NULL }
  };
  /* GOption prints "PRGNAME [OPTION…] PARAMETERS": "mieux-actions-cli show [OPTION…] CODE". */
  g_autofree char *prgname = g_strdup_printf ("mieux-actions-cli %s", name);
  GOptionContext *context = g_option_context_new (parameters ? parameters : "");
  GOptionGroup *group;

  g_set_prgname (prgname);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ (summary));
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (with_filter)
    {
      group = g_option_group_new ("filter", _ ("Filter options:"), _ ("Show the filter options"),
                                  NULL, NULL);
      g_option_group_add_entries (group, filter);
      g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
      g_option_context_add_group (context, group);
    }
  return context;
}

gboolean
ma_cli_parse (GOptionContext *context, MaCliOptions *options, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ma_cli_usage (context, error->message);
      return FALSE;
    }
  if (options->lang != NULL)
    {
      if (ma_i18n_normalize (options->lang) == NULL)
        {
          g_autofree char *message =
              g_strdup_printf (_ ("“%s” is not a language: use en, fr or es"), options->lang);
          ma_cli_usage (context, message);
          return FALSE;
        }
      ma_i18n_set_language (options->lang);
    }
  return TRUE;
}

void
ma_cli_options_clear (MaCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->search, g_free);
  g_clear_pointer (&options->statuses, g_strfreev);
  g_clear_pointer (&options->regions, g_strfreev);
  g_clear_pointer (&options->countries, g_strfreev);
  g_clear_pointer (&options->themes, g_strfreev);
  g_clear_pointer (&options->types, g_strfreev);
  g_clear_pointer (&options->partners, g_strfreev);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
}

int
ma_cli_fail_message (const char *message)
{
  fprintf (stderr, "mieux-actions-cli: %s\n", message);
  return MA_CLI_USER_ERROR;
}

int
ma_cli_fail (GError *error)
{
  return ma_cli_fail_message (error->message);
}

int
ma_cli_usage (GOptionContext *context, const char *message)
{
  fprintf (stderr, "mieux-actions-cli: %s\n", message);
  fprintf (stderr, _ ("Try “mieux-actions-cli COMMAND --help”.\n"));
  return MA_CLI_USAGE;
}

const char *
ma_cli_lang (MaCliOptions *options)
{
  if (options->lang != NULL)
    return ma_i18n_normalize (options->lang);
  return ma_i18n_get_language ();
}

MaStore *
ma_cli_open_store (MaCliOptions *options, GError **error)
{
  g_autofree char *path =
      options->database != NULL ? g_strdup (options->database) : ma_store_default_path ();
  return ma_store_open (path, MA_STORE_OPEN_DEFAULT, error);
}

static gboolean
check_codes (
    MaStore *store, MaVocabulary vocabulary, char **codes, const char *message, GError **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!ma_store_term_exists (store, vocabulary, codes[i]))
      {
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID, message, codes[i]);
        return FALSE;
      }
  return TRUE;
}

MaFilter *
ma_cli_build_filter (MaCliOptions *options, MaStore *store, GError **error)
{
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  for (guint i = 0; options->countries != NULL && options->countries[i] != NULL; i++)
    {
      char *upper = g_ascii_strup (options->countries[i], -1);
      g_free (options->countries[i]);
      options->countries[i] = upper;
    }
  if (!check_codes (store, MA_VOCABULARY_STATUS, options->statuses, _ ("“%s” is not a status"),
                    error) ||
      !check_codes (store, MA_VOCABULARY_REGION, options->regions, _ ("“%s” is not a region"),
                    error) ||
      !check_codes (store, MA_VOCABULARY_COUNTRY, options->countries,
                    _ ("“%s” is not a country code"), error) ||
      !check_codes (store, MA_VOCABULARY_THEME, options->themes, _ ("“%s” is not a thematic area"),
                    error) ||
      !check_codes (store, MA_VOCABULARY_TYPE, options->types, _ ("“%s” is not a type of Action"),
                    error))
    return NULL;

  ma_filter_set_search (filter, options->search);
  ma_filter_set_codes (filter, MA_FILTER_STATUS, (const char *const *) options->statuses);
  ma_filter_set_codes (filter, MA_FILTER_REGION, (const char *const *) options->regions);
  ma_filter_set_codes (filter, MA_FILTER_THEME, (const char *const *) options->themes);
  ma_filter_set_codes (filter, MA_FILTER_TYPE, (const char *const *) options->types);
  ma_filter_set_codes (filter, MA_FILTER_COUNTRY, (const char *const *) options->countries);
  for (guint i = 0; options->partners != NULL && options->partners[i] != NULL; i++)
    {
      gint64 id = ma_store_find_partner (store, options->partners[i], error);
      g_autofree char *text = NULL;
      if (id < 0)
        return NULL;
      text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      ma_filter_add_code (filter, MA_FILTER_PARTNER, text);
    }
  if (options->year != 0)
    {
      if (options->year < 1900 || options->year > 9999)
        {
          g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID, _ ("“%d” is not a year"),
                       options->year);
          return NULL;
        }
      ma_filter_set_year (filter, options->year);
    }
  if (options->from != NULL || options->to != NULL)
    {
      if (!ma_date_parse (options->from, &from, error) || !ma_date_parse (options->to, &to, error))
        return NULL;
      ma_filter_set_date_range (filter, from, to);
    }
  return g_steal_pointer (&filter);
}

gboolean
ma_cli_parse_size (const char *text, int min, int max, int *width, int *height)
{
  char *end = NULL;
  gint64 w, h;

  if (text == NULL)
    return FALSE;
  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < min || h < min || w > max || h > max)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}
