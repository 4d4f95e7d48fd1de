/* ma-cli-commands.c: init, list, show, check and backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ma-cli.h"
#include "ma-date.h"
#include "ma-i18n.h"

int
ma_cli_init (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  gboolean sample = FALSE;
  const GOptionEntry entries[] = { { "sample-data", 0, 0, G_OPTION_ARG_NONE, &sample,
                                     N_ ("Add the sample Actions of the programme’s news items"),
                                     NULL },
                                   { NULL } };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "init", "[--sample-data]", N_ ("Create a new database."), &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autofree char *path = NULL;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (argc > 1)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("init takes no file name: use --database FILE"));
    }

  path = options.database != NULL ? g_strdup (options.database) : ma_store_default_path ();
  store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);
  if (store == NULL || (sample && !ma_store_load_sample_data (store, &error)))
    status = ma_cli_fail (error);
  else
    /* Translators: %s is the path of the new database. */
    printf (_ ("Created %s\n"), path);
  ma_cli_options_clear (&options);
  return status;
}

typedef enum
{
  FORMAT_TABLE,
  FORMAT_TSV,
  FORMAT_JSON,
} ListFormat;

static char *
join_names (MaStore *store, MaVocabulary vocabulary, const char *const *codes, const char *lang)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *name = ma_store_term_name (store, vocabulary, codes[i], lang);
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

/* Pads or cuts TEXT to WIDTH characters on screen. */
static void
append_cell (GString *line, const char *text, guint width, gboolean last)
{
  glong len = g_utf8_strlen (text != NULL ? text : "", -1);

  if (text == NULL)
    text = "";
  if (last)
    {
      g_string_append (line, text);
      return;
    }
  if ((guint) len > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);
      g_string_append_len (line, text, cut - text);
      g_string_append (line, "…");
    }
  else
    {
      g_string_append (line, text);
      for (guint i = (guint) len; i < width; i++)
        g_string_append_c (line, ' ');
    }
  g_string_append (line, "  ");
}

static char *
tsv_escape (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  return g_strdelimit (g_steal_pointer (&copy), "\t\n\r", ' ');
}

int
ma_cli_list (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *format_name = NULL;
  g_autofree char *sort_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_ ("Output format: table (default), tsv or json"), N_ ("FORMAT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      N_ ("Order: title (default), code, start, status or region"), N_ ("KEY") },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
      ma_cli_context_new ("list", N_ ("[FILTER] [--format table|tsv|json]"),
                          N_ ("List the Actions that match."), &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaActionQuery) query = NULL;
  g_autoptr (MaFilter) filter = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (JsonBuilder) json = NULL;
  ListFormat format = FORMAT_TABLE;
  MaSortKey sort = MA_SORT_TITLE;
  const char *lang;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  lang = ma_cli_lang (&options);

  if (format_name == NULL || strcmp (format_name, "table") == 0)
    format = FORMAT_TABLE;
  else if (strcmp (format_name, "tsv") == 0)
    format = FORMAT_TSV;
  else if (strcmp (format_name, "json") == 0)
    format = FORMAT_JSON;
  else
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("The format must be table, tsv or json"));
    }
  if (sort_name != NULL)
    {
      const char *const keys[] = { "title", "code", "start", "status", "region", NULL };
      guint i;
      for (i = 0; keys[i] != NULL && strcmp (keys[i], sort_name) != 0; i++)
        ;
      if (keys[i] == NULL)
        {
          ma_cli_options_clear (&options);
          return ma_cli_usage (context,
                               _ ("The order must be title, code, start, status or region"));
        }
      sort = (MaSortKey) i;
    }

  store = ma_cli_open_store (&options, &error);
  if (store != NULL)
    query = ma_action_query_new (store);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      (ids = ma_action_query_ids (query, filter, sort, FALSE, &error)) == NULL)
    {
      status = ma_cli_fail (error);
      ma_cli_options_clear (&options);
      return status;
    }

  if (format == FORMAT_TABLE)
    {
      g_autoptr (GString) line = g_string_new (NULL);
      append_cell (line, _ ("CODE"), 18, FALSE);
      append_cell (line, _ ("TITLE"), 44, FALSE);
      append_cell (line, _ ("REGION"), 22, FALSE);
      append_cell (line, _ ("STATUS"), 16, FALSE);
      append_cell (line, _ ("DATES"), 24, FALSE);
      append_cell (line, _ ("COUNTRIES"), 0, TRUE);
      printf ("%s\n", line->str);
    }
  else if (format == FORMAT_TSV)
    printf ("code\ttitle\tregion\tstatus\tstart\tend\tcountries\tthemes\tuuid\n");
  else
    {
      json = json_builder_new ();
      json_builder_begin_array (json);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (MaAction) action =
          ma_store_get_action (store, g_array_index (ids, gint64, i), lang, &error);
      g_autofree char *region = NULL;
      g_autofree char *state = NULL;

      if (action == NULL)
        {
          status = ma_cli_fail (error);
          break;
        }
      region =
          ma_store_term_name (store, MA_VOCABULARY_REGION, ma_action_get_region (action), lang);
      state = ma_store_term_name (store, MA_VOCABULARY_STATUS, ma_action_get_status (action), lang);

      if (format == FORMAT_TABLE)
        {
          g_autoptr (GString) line = g_string_new (NULL);
          g_autofree char *dates = ma_date_format_span (ma_action_get_start_date (action),
                                                        ma_action_get_end_date (action), lang);
          g_autofree char *countries = g_strjoinv (" ", (char **) ma_action_get_countries (action));
          append_cell (line, ma_action_get_code (action), 18, FALSE);
          append_cell (line, ma_action_get_title (action), 44, FALSE);
          append_cell (line, region, 22, FALSE);
          append_cell (line, state, 16, FALSE);
          append_cell (line, dates, 24, FALSE);
          append_cell (line, countries, 0, TRUE);
          printf ("%s\n", line->str);
        }
      else if (format == FORMAT_TSV)
        {
          g_autofree char *code = tsv_escape (ma_action_get_code (action));
          g_autofree char *title = tsv_escape (ma_action_get_title (action));
          g_autofree char *countries = g_strjoinv (",", (char **) ma_action_get_countries (action));
          g_autofree char *themes = g_strjoinv (",", (char **) ma_action_get_themes (action));
          printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", code, title,
                  ma_action_get_region (action) ? ma_action_get_region (action) : "",
                  ma_action_get_status (action),
                  ma_action_get_start_date (action) ? ma_action_get_start_date (action) : "",
                  ma_action_get_end_date (action) ? ma_action_get_end_date (action) : "", countries,
                  themes, ma_action_get_uuid (action));
        }
      else
        {
          json_builder_begin_object (json);
          json_builder_set_member_name (json, "uuid");
          json_builder_add_string_value (json, ma_action_get_uuid (action));
          json_builder_set_member_name (json, "code");
          json_builder_add_string_value (json, ma_action_get_code (action));
          json_builder_set_member_name (json, "title");
          json_builder_add_string_value (json, ma_action_get_title (action));
          json_builder_set_member_name (json, "region");
          json_builder_add_string_value (json, ma_action_get_region (action));
          json_builder_set_member_name (json, "region_name");
          json_builder_add_string_value (json, ma_action_get_region (action) ? region : NULL);
          json_builder_set_member_name (json, "status");
          json_builder_add_string_value (json, ma_action_get_status (action));
          json_builder_set_member_name (json, "status_name");
          json_builder_add_string_value (json, state);
          json_builder_set_member_name (json, "type");
          json_builder_add_string_value (json, ma_action_get_type_code (action));
          json_builder_set_member_name (json, "start");
          json_builder_add_string_value (json, ma_action_get_start_date (action));
          json_builder_set_member_name (json, "end");
          json_builder_add_string_value (json, ma_action_get_end_date (action));
          json_builder_set_member_name (json, "countries");
          json_builder_begin_array (json);
          for (const char *const *c = ma_action_get_countries (action); *c != NULL; c++)
            json_builder_add_string_value (json, *c);
          json_builder_end_array (json);
          json_builder_set_member_name (json, "themes");
          json_builder_begin_array (json);
          for (const char *const *t = ma_action_get_themes (action); *t != NULL; t++)
            json_builder_add_string_value (json, *t);
          json_builder_end_array (json);
          json_builder_end_object (json);
        }
    }

  if (status == MA_CLI_OK && format == FORMAT_JSON)
    {
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_builder_end_array (json);
      root = json_builder_get_root (json);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }
  ma_cli_options_clear (&options);
  return status;
}

static void
print_field (const char *label, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  /* Translators: a field of an Action in "show": %s the label, %s the value. The
   * colon follows the typography of the language (French: a space before it). */
  printf (_ ("%s: %s\n"), label, value);
}

int
ma_cli_show (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "show", _ ("CODE-OR-UUID"), N_ ("Show one Action with its activities, partners and outputs."),
      &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaAction) action = NULL;
  g_autoptr (GPtrArray) partners = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) outputs = NULL;
  const char *lang;
  gint64 id;
  int status = MA_CLI_OK;

  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (argc != 2)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("show needs the code or the UUID of one Action"));
    }
  lang = ma_cli_lang (&options);

  store = ma_cli_open_store (&options, &error);
  if (store == NULL || (id = ma_store_find_action (store, argv[1], &error)) < 0 ||
      (action = ma_store_get_action (store, id, lang, &error)) == NULL ||
      (partners = ma_store_list_partners (store, id, &error)) == NULL ||
      (activities = ma_store_list_activities (store, id, &error)) == NULL ||
      (outputs = ma_store_list_outputs (store, id, &error)) == NULL)
    {
      status = ma_cli_fail (error);
      ma_cli_options_clear (&options);
      return status;
    }

  {
    g_autofree char *type =
        ma_store_term_name (store, MA_VOCABULARY_TYPE, ma_action_get_type_code (action), lang);
    g_autofree char *state =
        ma_store_term_name (store, MA_VOCABULARY_STATUS, ma_action_get_status (action), lang);
    g_autofree char *region =
        ma_store_term_name (store, MA_VOCABULARY_REGION, ma_action_get_region (action), lang);
    g_autofree char *countries =
        join_names (store, MA_VOCABULARY_COUNTRY, ma_action_get_countries (action), lang);
    g_autofree char *themes =
        join_names (store, MA_VOCABULARY_THEME, ma_action_get_themes (action), lang);
    g_autofree char *start = ma_date_format (ma_action_get_start_date (action), lang);
    g_autofree char *end = ma_date_format (ma_action_get_end_date (action), lang);

    printf ("%s\n", ma_action_get_title (action));
    print_field (_ ("Code"), ma_action_get_code (action));
    print_field (_ ("UUID"), ma_action_get_uuid (action));
    print_field (_ ("Type"), type);
    print_field (_ ("Status"), state);
    print_field (_ ("Start"), start);
    print_field (_ ("End"), end);
    print_field (_ ("Region"), region);
    print_field (_ ("Countries"), countries);
    print_field (_ ("Thematic areas"), themes);
    print_field (_ ("Builds on"), ma_action_get_builds_on_code (action));
    print_field (_ ("Summary"), ma_action_get_summary (action));
    print_field (_ ("Notes"), ma_action_get_notes (action));
  }

  if (partners->len > 0)
    {
      printf ("\n%s\n", _ ("Partners"));
      for (guint i = 0; i < partners->len; i++)
        {
          MaPartner *partner = g_ptr_array_index (partners, i);
          g_autofree char *kind =
              ma_store_term_name (store, MA_VOCABULARY_PARTNER_KIND, partner->kind, lang);
          printf ("  • %s%s%s%s\n", partner->name, kind ? " (" : "", kind ? kind : "",
                  kind ? ")" : "");
        }
    }
  if (activities->len > 0)
    {
      printf ("\n%s\n", _ ("Activities"));
      for (guint i = 0; i < activities->len; i++)
        {
          MaActivity *activity = g_ptr_array_index (activities, i);
          g_autofree char *kind =
              ma_store_term_name (store, MA_VOCABULARY_ACTIVITY_KIND, activity->kind, lang);
          g_autofree char *format =
              ma_store_term_name (store, MA_VOCABULARY_ACTIVITY_FORMAT, activity->format, lang);
          g_autofree char *dates =
              ma_date_format_span (activity->start_date, activity->end_date, lang);
          printf ("  • %s", kind ? kind : _ ("Activity"));
          if (format != NULL)
            printf (" · %s", format);
          if (dates[0] != '\0')
            printf (" · %s", dates);
          if (activity->participants >= 0)
            {
              g_autofree char *n = ma_format_int (activity->participants, lang);
              printf (" · ");
              printf (g_dngettext (GETTEXT_PACKAGE, "%s participant", "%s participants",
                                   (gulong) activity->participants),
                      n);
            }
          printf ("\n");
          if (activity->description != NULL)
            printf ("    %s\n", activity->description);
        }
    }
  if (outputs->len > 0)
    {
      printf ("\n%s\n", _ ("Outputs"));
      for (guint i = 0; i < outputs->len; i++)
        {
          MaOutput *output = g_ptr_array_index (outputs, i);
          g_autofree char *kind =
              ma_store_term_name (store, MA_VOCABULARY_OUTPUT_KIND, output->kind, lang);
          printf ("  • %s%s%s\n", kind ? kind : "", kind ? " — " : "", output->title);
        }
    }
  ma_cli_options_clear (&options);
  return status;
}

int
ma_cli_check (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "check", NULL, N_ ("Check the integrity and consistency of the database."), &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  int status = MA_CLI_OK;

  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || (problems = ma_store_check (store, &warnings, &error)) == NULL)
    {
      status = ma_cli_fail (error);
      ma_cli_options_clear (&options);
      return status;
    }
  for (guint i = 0; i < warnings->len; i++)
    /* Translators: a gap in the data found by "check"; %s describes it. */
    printf (_ ("Warning: %s\n"), (char *) g_ptr_array_index (warnings, i));
  if (problems->len == 0)
    printf ("%s\n", _ ("No problems found."));
  else
    {
      for (guint i = 0; i < problems->len; i++)
        printf ("%s\n", (char *) g_ptr_array_index (problems, i));
      fprintf (stderr, "mieux-actions-cli: ");
      fprintf (
          stderr,
          g_dngettext (GETTEXT_PACKAGE, "%u problem found\n", "%u problems found\n", problems->len),
          problems->len);
      status = MA_CLI_USER_ERROR;
    }
  ma_cli_options_clear (&options);
  return status;
}

int
ma_cli_backup (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                                     N_ ("The backup file to write"), N_ ("FILE") },
                                   { NULL } };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "backup", N_ ("-o FILE"), N_ ("Copy the database while it may be in use (SQLite backup)."),
      &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (output == NULL)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("backup needs -o FILE"));
    }
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || !ma_store_backup (store, output, &error))
    status = ma_cli_fail (error);
  else
    printf (_ ("Backed up to %s\n"), output);
  ma_cli_options_clear (&options);
  return status;
}
