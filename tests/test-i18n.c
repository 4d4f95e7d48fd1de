/* test-i18n.c: reference data and formats in English, French and Spanish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-store.h"

typedef struct
{
  char *dir;
  MaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("ma-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "actions.db", NULL);
  fixture->store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "actions.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_country (Fixture *fixture, const char *code, const char *en, const char *fr, const char *es)
{
  const char *const langs[] = { "en", "fr", "es" };
  const char *const expected[] = { en, fr, es };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *name =
          ma_store_term_name (fixture->store, MA_VOCABULARY_COUNTRY, code, langs[i]);
      if (expected[i] != NULL)
        g_assert_cmpstr (name, ==, expected[i]);
    }
}

/* iso-codes' known faults, corrected by data/country-names.txt. */
static void
test_country_corrections (Fixture *fixture, gconstpointer data)
{
  assert_country (fixture, "CI", "Côte d’Ivoire", "Côte d’Ivoire", "Costa de Marfil");
  assert_country (fixture, "BO", "Bolivia", "Bolivie", "Bolivia");
  assert_country (fixture, "SY", "Syria", "Syrie", "Siria");
  assert_country (fixture, "KR", "South Korea", "Corée du Sud", "Corea del Sur");
  assert_country (fixture, "KP", "North Korea", "Corée du Nord", "Corea del Norte");
  assert_country (fixture, "CD", "Democratic Republic of the Congo",
                  "République démocratique du Congo", "República Democrática del Congo");
  assert_country (fixture, "PS", "Palestine", "Palestine", "Palestina");
  assert_country (fixture, "TR", NULL, "Turquie", "Turquía");
  assert_country (fixture, "TN", NULL, "Tunisie", "Túnez");
  assert_country (fixture, "BF", NULL, "Burkina Faso", "Burkina Faso");
  assert_country (fixture, "XK", "Kosovo", "Kosovo", "Kosovo");
  /* Straight from iso-codes' translations. */
  assert_country (fixture, "MA", "Morocco", "Maroc", "Marruecos");
  assert_country (fixture, "SN", "Senegal", "Sénégal", "Senegal");
}

static gboolean
is_list (const char *name)
{
  return strstr (name, " and ") != NULL || strstr (name, " et ") != NULL ||
         strstr (name, " y ") != NULL;
}

/* No formal "X, Y of" names, and no French or Spanish name left in English. */
static void
test_country_names_scan (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) en =
      ma_store_list_terms (fixture->store, MA_VOCABULARY_COUNTRY, "en", &error);
  g_autoptr (GRegex) english = g_regex_new (
      "\\b(South|North|Republic|Islands?|State|Federation|Kingdom|United|Democratic|People|"
      "Syria|Korea|Ivory)\\b",
      0, 0, NULL);
  const char *const langs[] = { "fr", "es" };
  GString *faults = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (en->len, >, 240);
  for (guint i = 0; i < en->len; i++)
    {
      MaTerm *term = g_ptr_array_index (en, i);
      if (strchr (term->name, ',') != NULL && !is_list (term->name))
        g_string_append_printf (faults, "%s en: %s\n", term->code, term->name);
    }
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (GPtrArray) terms =
          ma_store_list_terms (fixture->store, MA_VOCABULARY_COUNTRY, langs[l], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (terms->len, ==, en->len);
      for (guint i = 0; i < terms->len; i++)
        {
          MaTerm *term = g_ptr_array_index (terms, i);
          g_autofree char *english_name =
              ma_store_term_name (fixture->store, MA_VOCABULARY_COUNTRY, term->code, "en");

          if (strchr (term->name, ',') != NULL && !is_list (term->name))
            g_string_append_printf (faults, "%s %s: formal name %s\n", term->code, langs[l],
                                    term->name);
          if (g_strcmp0 (term->name, english_name) == 0 &&
              g_regex_match (english, term->name, 0, NULL))
            g_string_append_printf (faults, "%s %s: left in English: %s\n", term->code, langs[l],
                                    term->name);
          if (strstr (term->name, "Marfíl") != NULL)
            g_string_append_printf (faults, "%s %s: misspelt: %s\n", term->code, langs[l],
                                    term->name);
        }
    }
  if (faults->len > 0)
    {
      g_auto (GStrv) lines = g_strsplit (faults->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_test_message ("%s", lines[i]);
      g_test_fail_printf ("%s", "formal or English country names (above)");
    }
  g_string_free (faults, TRUE);
}

/* Every reference vocabulary has a name of its own in each language for most terms. */
static void
test_vocabularies (Fixture *fixture, gconstpointer data)
{
  g_autofree char *region_fr =
      ma_store_term_name (fixture->store, MA_VOCABULARY_REGION, "eun", "fr");
  g_autofree char *region_es =
      ma_store_term_name (fixture->store, MA_VOCABULARY_REGION, "eun", "es");
  g_autofree char *type_fr =
      ma_store_term_name (fixture->store, MA_VOCABULARY_TYPE, "demand-driven", "fr");
  g_autofree char *type_es =
      ma_store_term_name (fixture->store, MA_VOCABULARY_TYPE, "demand-driven", "es");

  g_assert_cmpstr (region_fr, ==, "Voisinage de l’UE");
  g_assert_cmpstr (region_es, ==, "Vecindad de la UE");
  g_assert_cmpstr (type_fr, ==, "À la demande");
  g_assert_cmpstr (type_es, ==, "Basada en la demanda");

  for (MaVocabulary v = 0; v < MA_N_VOCABULARIES; v++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) en = NULL;
      g_autoptr (GPtrArray) fr = NULL;
      g_autoptr (GPtrArray) es = NULL;
      guint same_fr = 0, same_es = 0;

      if (v == MA_VOCABULARY_COUNTRY)
        continue;
      en = ma_store_list_terms (fixture->store, v, "en", &error);
      g_assert_no_error (error);
      fr = ma_store_list_terms (fixture->store, v, "fr", &error);
      g_assert_no_error (error);
      es = ma_store_list_terms (fixture->store, v, "es", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (en->len, ==, fr->len);
      g_assert_cmpuint (en->len, ==, es->len);
      for (guint i = 0; i < en->len; i++)
        {
          MaTerm *e = g_ptr_array_index (en, i);
          MaTerm *f = g_ptr_array_index (fr, i);
          MaTerm *s = g_ptr_array_index (es, i);
          g_assert_nonnull (f->name);
          g_assert_nonnull (s->name);
          g_assert_cmpstr (f->name, !=, "");
          g_assert_cmpstr (s->name, !=, "");
          same_fr += g_strcmp0 (e->name, f->name) == 0;
          same_es += g_strcmp0 (e->name, s->name) == 0;
        }
      /* A word or two may be the same ("Diaspora", "Regional"), not the list. */
      g_assert_cmpuint (same_fr * 3, <=, en->len);
      g_assert_cmpuint (same_es * 3, <=, en->len);
    }
}

/* Dates in the three languages, whatever the UI's language. */
static void
test_dates (void)
{
  const struct
  {
    const char *iso, *lang, *expected;
  } cases[] = {
    { "2021-10-19", "en", "19 October 2021" },       { "2021-10-19", "fr", "19 octobre 2021" },
    { "2021-10-19", "es", "19 de octubre de 2021" }, { "2021-10", "fr", "octobre 2021" },
    { "2021-10", "es", "octubre de 2021" },          { "2021", "es", "2021" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ma_date_format (cases[i].iso, cases[i].lang);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_cmpstr (ma_i18n_get_language (), ==, "en");
}

static void
test_numbers (void)
{
  g_autofree char *en = ma_format_int (1234567, "en");
  g_autofree char *fr = ma_format_int (1234567, "fr");
  g_autofree char *es = ma_format_int (1234567, "es");
  g_autofree char *es4 = ma_format_int (1234, "es");

  g_assert_cmpstr (en, ==, "1,234,567");
  g_assert_cmpstr (fr, ==, "1\u202f234\u202f567");
  g_assert_cmpstr (es, ==, "1.234.567");
  g_assert_cmpstr (es4, ==, "1234");
}

/* Switching gettext to a language and back. */
static void
test_language_scope (void)
{
  {
    g_autoptr (MaLanguageScope) scope = ma_language_scope_new ("fr");
    g_assert_cmpstr (ma_i18n_get_language (), ==, "fr");
    g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Thematic areas"), ==, "Domaines thématiques");
  }
  {
    g_autoptr (MaLanguageScope) scope = ma_language_scope_new ("es");
    g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Thematic areas"), ==, "Áreas temáticas");
  }
  g_assert_cmpstr (ma_i18n_get_language (), ==, "en");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Thematic areas"), ==, "Thematic areas");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ma_i18n_init ();

  g_test_add ("/i18n/countries/corrections", Fixture, NULL, fixture_set_up,
              test_country_corrections, fixture_tear_down);
  g_test_add ("/i18n/countries/scan", Fixture, NULL, fixture_set_up, test_country_names_scan,
              fixture_tear_down);
  g_test_add ("/i18n/vocabularies", Fixture, NULL, fixture_set_up, test_vocabularies,
              fixture_tear_down);
  g_test_add_func ("/i18n/dates", test_dates);
  g_test_add_func ("/i18n/numbers", test_numbers);
  g_test_add_func ("/i18n/language-scope", test_language_scope);
  return g_test_run ();
}
