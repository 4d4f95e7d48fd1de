/* ma-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "ma-i18n.h"

/* glibc's counter of catalogue changes: bumping it makes gettext look again at
 * LANGUAGE instead of answering from its cache. */
extern int _nl_msg_cat_cntr;

struct _MaLanguageScope
{
  char *saved; /* LANGUAGE before the scope, NULL when unset */
  gboolean active;
};

static char *
find_localedir (void)
{
  const char *env = g_getenv ("MIEUX_ACTIONS_LOCALEDIR");
  g_autofree char *built = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  /* Run from the build tree: its catalogues are newer than any installed ones. */
  built = g_build_filename (BUILD_LOCALEDIR, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (g_file_test (built, G_FILE_TEST_EXISTS))
    return g_strdup (BUILD_LOCALEDIR);
  return g_strdup (LOCALEDIR);
}

static void
reload_catalogues (void)
{
  ++_nl_msg_cat_cntr;
}

/* Words about time that come from the C library (the months of GTK's calendar)
 * follow LC_TIME: when it is of another language than CODE, the locale of CODE,
 * if the system has one. */
void
ma_i18n_apply_time_locale (const char *code)
{
  static const struct
  {
    const char *code;
    const char *locales[3];
  } time_locales[] = {
    { "en", { "en_GB.UTF-8", "en_US.UTF-8", "C.UTF-8" } },
    { "fr", { "fr_FR.UTF-8", "fr_BE.UTF-8", "fr_CA.UTF-8" } },
    { "es", { "es_ES.UTF-8", "es_MX.UTF-8", "es_AR.UTF-8" } },
  };
  const char *current = setlocale (LC_TIME, NULL);

  if (current != NULL && g_str_has_prefix (current, code) && current[2] == '_')
    return;
  for (guint i = 0; i < G_N_ELEMENTS (time_locales); i++)
    if (strcmp (time_locales[i].code, code) == 0)
      for (guint j = 0; j < G_N_ELEMENTS (time_locales[i].locales); j++)
        if (setlocale (LC_TIME, time_locales[i].locales[j]) != NULL)
          return;
}

void
ma_i18n_init (void)
{
  g_autofree char *localedir = find_localedir ();
  const char *messages;

  setlocale (LC_ALL, "");
  /* In the plain C locale gettext ignores LANGUAGE; C.UTF-8 honours it. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  bindtextdomain ("iso_3166-1", ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GLib decides once, at the first g_dgettext() call, whether to translate at all,
   * and says no for good when that first call finds no catalogue in a locale such
   * as C.UTF-8 (English session, LANGUAGE=en). Make the first call with a language
   * we ship, so that switching to French or Spanish later (--lang, a presentation
   * in another language) still translates. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
    g_setenv ("LANGUAGE", "fr", TRUE);
    reload_catalogues ();
    (void) g_dgettext (GETTEXT_PACKAGE, "");
    if (saved != NULL)
      g_setenv ("LANGUAGE", saved, TRUE);
    else
      g_unsetenv ("LANGUAGE");
    reload_catalogues ();
  }
  ma_i18n_apply_time_locale (ma_i18n_get_language ());
}

const char *
ma_i18n_normalize (const char *lang)
{
  if (lang == NULL)
    return NULL;
  if (g_str_has_prefix (lang, "fr"))
    return "fr";
  if (g_str_has_prefix (lang, "es"))
    return "es";
  if (g_str_has_prefix (lang, "en") || strcmp (lang, "C") == 0 || g_str_has_prefix (lang, "C.") ||
      strcmp (lang, "POSIX") == 0)
    return "en";
  return NULL;
}

void
ma_i18n_set_language (const char *lang)
{
  const char *code = ma_i18n_normalize (lang);

  g_return_if_fail (code != NULL);
  g_setenv ("LANGUAGE", code, TRUE);
  reload_catalogues ();
  ma_i18n_apply_time_locale (code);
}

const char *
ma_i18n_get_language (void)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (language != NULL && language[0] != '\0')
    {
      g_auto (GStrv) names = g_strsplit (language, ":", -1);
      for (guint i = 0; names[i] != NULL; i++)
        if (ma_i18n_normalize (names[i]) != NULL)
          return ma_i18n_normalize (names[i]);
    }
  if (ma_i18n_normalize (messages) != NULL)
    return ma_i18n_normalize (messages);
  return "en";
}

MaLanguageScope *
ma_language_scope_new (const char *lang)
{
  MaLanguageScope *scope = g_new0 (MaLanguageScope, 1);
  const char *code = ma_i18n_normalize (lang);

  if (code != NULL && strcmp (code, ma_i18n_get_language ()) != 0)
    {
      scope->active = TRUE;
      scope->saved = g_strdup (g_getenv ("LANGUAGE"));
      g_setenv ("LANGUAGE", code, TRUE);
      reload_catalogues ();
    }
  return scope;
}

void
ma_language_scope_free (MaLanguageScope *scope)
{
  if (scope == NULL)
    return;
  if (scope->active)
    {
      if (scope->saved != NULL)
        g_setenv ("LANGUAGE", scope->saved, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      reload_catalogues ();
    }
  g_free (scope->saved);
  g_free (scope);
}

char *
ma_format_int (gint64 value, const char *lang)
{
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  /* French groups with a narrow no-break space, Spanish with a point. */
  const char *separator = g_strcmp0 (code, "fr") == 0   ? "\u202f"
                          : g_strcmp0 (code, "es") == 0 ? "."
                                                        : ",";
  g_autofree char *digits =
      g_strdup_printf ("%" G_GUINT64_FORMAT, value < 0 ? (guint64) -value : (guint64) value);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  /* Spanish leaves four-digit numbers ungrouped (RAE). */
  gboolean group = !(g_strcmp0 (code, "es") == 0 && len <= 4);
  for (gsize i = 0; i < len; i++)
    {
      if (group && i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
ma_collate_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *base;

  if (text == NULL)
    return g_strdup ("");
  /* Accents second: "Évian" sorts with "Evian", before "Zambia", in every locale. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup (text);
  base = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (base, c);
    }
  folded = g_utf8_casefold (base->str, -1);
  g_string_free (base, TRUE);
  return g_utf8_collate_key (folded, -1);
}
