/* ma-generate.c: synthetic MIEUX+ Actions databases for benchmarks and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-generate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ma-generate.h"
#include "ma-store-private.h"

/* ---- Deterministic randomness: xorshift64* --------------------------------- */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 x = rng->state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng->state = x;
  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

static guint
rng_below (Rng *rng, guint n)
{
  return n > 0 ? (guint) (rng_next (rng) % n) : 0;
}

/* Between LO and HI inclusive. */
static guint
rng_range (Rng *rng, guint lo, guint hi)
{
  return lo + rng_below (rng, hi - lo + 1);
}

static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Index in [0, n) with p ~ 1/(rank+1): a few words are frequent, most are rare. */
static guint
rng_zipf (Rng *rng, guint n)
{
  /* Inverse of the harmonic CDF, approximated by exp(u·ln(n+1)) − 1. */
  double r = exp (rng_unit (rng) * log ((double) n + 1.0)) - 1.0;
  guint i = (guint) r;
  return i < n ? i : n - 1;
}

static guint
rng_weighted (Rng *rng, const guint *weights, guint n)
{
  guint total = 0, x, i;

  for (i = 0; i < n; i++)
    total += weights[i];
  x = rng_below (rng, total);
  for (i = 0; i + 1 < n; i++)
    {
      if (x < weights[i])
        break;
      x -= weights[i];
    }
  return i;
}

/* ---- Words ------------------------------------------------------------------ */

enum
{
  LANG_EN,
  LANG_FR,
  LANG_ES,
  N_LANGS
};

static const char *const lang_codes[N_LANGS] = { "en", "fr", "es" };

static const char *const leads[N_LANGS][12] = {
  { "Strengthening", "Supporting", "Improving", "Developing", "Building capacity for",
    "Towards better", "Enhancing", "Mapping", "Assessing", "Harmonising", "Promoting",
    "Reviewing" },
  { "Renforcement de", "Appui à", "Amélioration de", "Développement de", "Capacités pour",
    "Vers une meilleure", "Évaluation de", "Cartographie de", "Harmonisation de", "Promotion de",
    "Révision de", "Élaboration de" },
  { "Fortalecimiento de", "Apoyo a", "Mejora de", "Desarrollo de", "Capacidades para",
    "Hacia una mejor", "Evaluación de", "Mapeo de", "Armonización de", "Promoción de",
    "Revisión de", "Elaboración de" },
};

static const char *const topics[N_LANGS][24] = {
  { "border management",
    "labour migration",
    "diaspora engagement",
    "return and reintegration",
    "victims of trafficking",
    "asylum procedures",
    "migrant workers' rights",
    "consular services",
    "migration data",
    "ethical recruitment",
    "climate-induced displacement",
    "integration of refugees",
    "skills partnerships",
    "remittance flows",
    "unaccompanied minors",
    "legal pathways",
    "visa policy",
    "national referral mechanisms",
    "community resilience",
    "migration governance",
    "health of migrants",
    "smuggling prevention",
    "information campaigns",
    "migration statistics" },
  { "la gestion des frontières",
    "la migration de travail",
    "l'engagement de la diaspora",
    "la réintégration des rapatriés",
    "la protection des victimes de traite",
    "les procédures d'asile",
    "les droits des travailleurs migrants",
    "la protection consulaire",
    "les données migratoires",
    "le recrutement éthique",
    "les déplacements liés au climat",
    "l'intégration des réfugiés",
    "les partenariats de compétences",
    "les envois de fonds",
    "les mineurs non accompagnés",
    "les voies légales",
    "la politique des visas",
    "les mécanismes nationaux d'orientation",
    "la résilience des communautés",
    "la gouvernance migratoire",
    "la santé des migrants",
    "la prévention du trafic",
    "les campagnes de sensibilisation",
    "les statistiques migratoires" },
  { "la gestión de fronteras",
    "la migración laboral",
    "la participación de la diáspora",
    "la reintegración de retornados",
    "las víctimas de trata",
    "los procedimientos de asilo",
    "los derechos de los trabajadores migrantes",
    "la protección consular",
    "los datos migratorios",
    "la contratación ética",
    "el desplazamiento por el clima",
    "la integración de refugiados",
    "las alianzas de competencias",
    "las remesas",
    "los menores no acompañados",
    "las vías legales",
    "la política de visados",
    "los mecanismos nacionales de derivación",
    "la resiliencia comunitaria",
    "la gobernanza migratoria",
    "la salud de los migrantes",
    "la prevención del tráfico",
    "las campañas de información",
    "las estadísticas migratorias" },
};

static const char *const places_prefix[N_LANGS] = { "in", "en", "en" };

/* Words for summaries; drawn with a Zipf-like law. */
static const char *const words[N_LANGS][48] = {
  { "the",      "of",         "and",       "to",        "national",    "authorities",
    "ministry", "training",   "officers",  "migrants",  "protection",  "workshop",
    "exchange", "experts",    "Member",    "States",    "peer",        "learning",
    "strategy", "action",     "plan",      "framework", "cooperation", "regional",
    "partners", "civil",      "society",   "needs",     "assessment",  "recommendations",
    "toolkit",  "curriculum", "study",     "visit",     "data",        "collection",
    "referral", "victims",    "returnees", "labour",    "market",      "skills",
    "youth",    "women",      "consular",  "diaspora",  "policy",      "review" },
  { "de",          "la",          "les",         "et",        "des",         "autorités",
    "nationales",  "ministère",   "formation",   "agents",    "migrants",    "protection",
    "atelier",     "échange",     "experts",     "États",     "membres",     "pairs",
    "stratégie",   "plan",        "d'action",    "cadre",     "coopération", "régionale",
    "partenaires", "société",     "civile",      "besoins",   "évaluation",  "recommandations",
    "boîte",       "à",           "outils",      "programme", "étude",       "visite",
    "données",     "collecte",    "orientation", "victimes",  "rapatriés",   "marché",
    "travail",     "compétences", "jeunes",      "femmes",    "consulaire",  "diaspora" },
  { "de",          "la",           "los",          "y",           "las",
    "autoridades", "nacionales",   "ministerio",   "formación",   "funcionarios",
    "migrantes",   "protección",   "taller",       "intercambio", "expertos",
    "Estados",     "miembros",     "pares",        "estrategia",  "plan",
    "acción",      "marco",        "cooperación",  "regional",    "socios",
    "sociedad",    "civil",        "necesidades",  "evaluación",  "recomendaciones",
    "caja",        "herramientas", "currículo",    "estudio",     "visita",
    "datos",       "recopilación", "derivación",   "víctimas",    "retornados",
    "mercado",     "laboral",      "competencias", "jóvenes",     "mujeres",
    "consular",    "diáspora",     "política" },
};

static const char *const partner_words[] = {
  "Ministry of Labour",
  "Ministry of Foreign Affairs",
  "Ministerio del Interior",
  "Ministère de l'Intérieur",
  "National Institute for Migration",
  "Instituto Nacional de Migración",
  "Observatoire national",
  "Defensoría del Pueblo",
  "Commission nationale des droits",
  "Université",
  "Universidad",
  "Centre de formation",
  "Red de organizaciones",
  "Association des rapatriés",
  "Migrant Resource Centre",
  "Agence nationale pour l'emploi",
};

static const char *const places[] = { "Dakar", "Abidjan",  "Bogotá",        "Quito",     "Tunis",
                                      "Amman", "Beyrouth", "Almaty",        "Nairobi",   "Yaoundé",
                                      "Lomé",  "Brasília", "Santo Domingo", "Bruxelles", "online" };

/* ---- Reference data read from the database ---------------------------------- */

typedef struct
{
  GPtrArray *codes; /* char* */
} Vocab;

typedef struct
{
  char *code;
  GPtrArray *countries; /* char*, country codes of the region */
} Region;

typedef struct
{
  GPtrArray *regions; /* Region* */
  Vocab status, type, theme, partner_kind, activity_kind, activity_format, output_kind;
  GHashTable *country_names; /* "CODE/lang" -> name */
} Reference;

static gboolean
read_codes (sqlite3 *db, const char *table, Vocab *vocab, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT code FROM %s ORDER BY position", table);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  vocab->codes = g_ptr_array_new_with_free_func (g_free);
  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (vocab->codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return TRUE;
}

static void
region_free (Region *region)
{
  g_free (region->code);
  g_ptr_array_unref (region->countries);
  g_free (region);
}

static gboolean
read_reference (sqlite3 *db, Reference *ref, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  ref->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  ref->country_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_codes (db, "status", &ref->status, error) ||
      !read_codes (db, "action_type", &ref->type, error) ||
      !read_codes (db, "theme", &ref->theme, error) ||
      !read_codes (db, "partner_kind", &ref->partner_kind, error) ||
      !read_codes (db, "activity_kind", &ref->activity_kind, error) ||
      !read_codes (db, "activity_format", &ref->activity_format, error) ||
      !read_codes (db, "output_kind", &ref->output_kind, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT r.code, c.code, c.name_en, c.name_fr, c.name_es FROM region r "
                           "JOIN country c ON c.region = r.code ORDER BY r.position, c.code",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *region_code = (const char *) sqlite3_column_text (stmt, 0);
      const char *country = (const char *) sqlite3_column_text (stmt, 1);
      Region *region =
          ref->regions->len > 0 ? g_ptr_array_index (ref->regions, ref->regions->len - 1) : NULL;

      if (region == NULL || strcmp (region->code, region_code) != 0)
        {
          region = g_new0 (Region, 1);
          region->code = g_strdup (region_code);
          region->countries = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (ref->regions, region);
        }
      g_ptr_array_add (region->countries, g_strdup (country));
      for (guint l = 0; l < N_LANGS; l++)
        g_hash_table_insert (ref->country_names, g_strdup_printf ("%s/%s", country, lang_codes[l]),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 2 + (int) l)));
    }
  sqlite3_finalize (stmt);
  if (ref->regions->len == 0 || ref->status.codes->len == 0 || ref->theme.codes->len == 0)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED,
                           "the reference vocabularies are empty");
      return FALSE;
    }
  return TRUE;
}

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->regions, g_ptr_array_unref);
  g_clear_pointer (&ref->country_names, g_hash_table_unref);
  Vocab *vocabs[] = { &ref->status,       &ref->type,          &ref->theme,
                      &ref->partner_kind, &ref->activity_kind, &ref->activity_format,
                      &ref->output_kind };
  for (guint i = 0; i < G_N_ELEMENTS (vocabs); i++)
    g_clear_pointer (&vocabs[i]->codes, g_ptr_array_unref);
}

static const char *
pick (Rng *rng, Vocab *vocab)
{
  return g_ptr_array_index (vocab->codes, rng_below (rng, vocab->codes->len));
}

/* ---- Text -------------------------------------------------------------------- */

static void
append_uuid (GString *out, Rng *rng)
{
  guint64 a = rng_next (rng), b = rng_next (rng);

  g_string_append_printf (out, "%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x", (guint) (a >> 32),
                          (guint) (a >> 16) & 0xffff, (guint) a & 0xfff,
                          0x8000 | ((guint) (b >> 48) & 0x3fff),
                          b & G_GUINT64_CONSTANT (0xffffffffffff));
}

static void
make_title (GString *out, Rng *rng, guint lang, const char *place)
{
  guint topic = rng_zipf (rng, G_N_ELEMENTS (topics[0]));

  g_string_truncate (out, 0);
  g_string_append (out, leads[lang][rng_below (rng, G_N_ELEMENTS (leads[0]))]);
  g_string_append_c (out, ' ');
  g_string_append (out, topics[lang][topic]);
  if (rng_below (rng, 3) == 0)
    {
      /* A second topic, for longer titles. */
      g_string_append (out, lang == LANG_EN ? " and " : lang == LANG_FR ? " et " : " y ");
      g_string_append (out, topics[lang][rng_zipf (rng, G_N_ELEMENTS (topics[0]))]);
    }
  if (place != NULL)
    g_string_append_printf (out, " %s %s", places_prefix[lang], place);
}

static void
make_summary (GString *out, Rng *rng, guint lang, const char *place)
{
  guint n_words = rng_range (rng, 24, 40);

  g_string_truncate (out, 0);
  g_string_append (out, topics[lang][rng_zipf (rng, G_N_ELEMENTS (topics[0]))]);
  out->str[0] = g_ascii_toupper (out->str[0]);
  for (guint w = 0; w < n_words; w++)
    {
      g_string_append_c (out, ' ');
      if (w % 11 == 5)
        g_string_append (out, topics[lang][rng_zipf (rng, G_N_ELEMENTS (topics[0]))]);
      else
        g_string_append (out, words[lang][rng_zipf (rng, G_N_ELEMENTS (words[0]))]);
    }
  if (place != NULL)
    g_string_append_printf (out, " %s %s", places_prefix[lang], place);
  g_string_append_c (out, '.');
}

/* A partial date: YYYY, YYYY-MM or YYYY-MM-DD (days up to 28: always valid). */
static void
make_date (GString *out, Rng *rng, guint year, guint precision)
{
  g_string_truncate (out, 0);
  g_string_append_printf (out, "%04u", year);
  if (precision >= 1)
    g_string_append_printf (out, "-%02u", rng_range (rng, 1, 12));
  if (precision >= 2)
    g_string_append_printf (out, "-%02u", rng_range (rng, 1, 28));
}

/* ---- Statements -------------------------------------------------------------- */

enum
{
  ST_PARTNER,
  ST_ACTION,
  ST_TEXT,
  ST_COUNTRY,
  ST_THEME,
  ST_ACTION_PARTNER,
  ST_ACTIVITY,
  ST_OUTPUT,
  N_STATEMENTS
};

static const char *const statement_sql[N_STATEMENTS] = {
  [ST_PARTNER] = "INSERT INTO partner (id, uuid, name, kind, country) VALUES (?, ?, ?, ?, ?)",
  [ST_ACTION] = "INSERT INTO action (id, uuid, code, title, summary, lang, type, status, "
                "start_date, end_date, region, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [ST_TEXT] = "INSERT INTO action_text (action, lang, title, summary) VALUES (?, ?, ?, ?)",
  [ST_COUNTRY] = "INSERT INTO action_country (action, country) VALUES (?, ?)",
  [ST_THEME] = "INSERT INTO action_theme (action, theme) VALUES (?, ?)",
  [ST_ACTION_PARTNER] = "INSERT INTO action_partner (action, partner) VALUES (?, ?)",
  [ST_ACTIVITY] = "INSERT INTO activity (uuid, action, kind, format, start_date, end_date, place, "
                  "participants, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [ST_OUTPUT] = "INSERT INTO output (uuid, action, kind, title) VALUES (?, ?, ?, ?)",
};

typedef struct
{
  sqlite3 *db;
  sqlite3_stmt *stmt[N_STATEMENTS];
  int rc;
} Writer;

/* Binds text (NULL binds NULL) or, for "#"-prefixed values, nothing special. */
static void
bind_text (Writer *w, int st, int column, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (w->stmt[st], column);
  else
    sqlite3_bind_text (w->stmt[st], column, text, -1, SQLITE_TRANSIENT);
}

static gboolean
step (Writer *w, int st)
{
  int rc = sqlite3_step (w->stmt[st]);

  sqlite3_reset (w->stmt[st]);
  if (rc != SQLITE_DONE)
    {
      w->rc = rc;
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Drops the full-text index and the triggers: the floor of MA_GENERATE_PLAIN. Indexes
 * stay: without them each deferred foreign-key check would scan a table. */
static gboolean
drop_extras (sqlite3 *db, GError **error)
{
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', "
                          "'view') OR name = 'action_fts' ORDER BY type = 'table'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, sqlite3_errcode (db));
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (drops, g_strdup_printf ("DROP %s IF EXISTS \"%s\"",
                                             (const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < drops->len; i++)
    if (!exec (db, g_ptr_array_index (drops, i), error))
      return FALSE;
  return TRUE;
}

gboolean
ma_generate_database (const char *path,
                      guint n_actions,
                      guint64 seed,
                      MaGenerateFlags flags,
                      MaGenerateStats *stats,
                      GError **error)
{
  g_autoptr (MaStore) store = NULL;
  Reference ref = { 0 };
  Writer w = { 0 };
  Rng rng = { seed != 0 ? seed : 0x9E3779B97F4A7C15 };
  MaGenerateStats counts = { 0 };
  g_autoptr (GString) uuid = g_string_new (NULL);
  g_autoptr (GString) title = g_string_new (NULL);
  g_autoptr (GString) summary = g_string_new (NULL);
  g_autoptr (GString) start = g_string_new (NULL);
  g_autoptr (GString) end = g_string_new (NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  static const guint region_weights[] = { 25, 20, 25, 20, 10 };
  static const guint status_weights[] = { 8, 12, 35, 35, 5, 5 };
  static const guint lang_weights[N_LANGS] = { 55, 30, 15 };
  guint n_partners;
  gint64 t0;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, error);
  if (store == NULL)
    return FALSE;
  w.db = ma_store_get_db (store);
  if (!read_reference (w.db, &ref, error))
    goto out;
  if ((flags & MA_GENERATE_PLAIN) && !drop_extras (w.db, error))
    goto out;
  for (guint i = 0; i < N_STATEMENTS; i++)
    {
      int rc = sqlite3_prepare_v3 (w.db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &w.stmt[i], NULL);
      if (rc != SQLITE_OK)
        {
          ma_store_set_sqlite_error (error, w.db, rc);
          goto out;
        }
    }

  /* One big transaction into a new file: with the journal in memory the pages go
   * straight to the file (it only journals the few pages of the empty schema), where
   * the WAL would take every page and a checkpoint copy them again: at 1,000,000
   * Actions that is 5 GB written twice. The file is WAL again after the commit. */
  if (!exec (w.db, "PRAGMA cache_size = -262144; PRAGMA journal_mode = MEMORY", error))
    goto out;
  t0 = g_get_monotonic_time ();
  if (!ma_store_begin (store, error))
    goto out;
  /* Children are written before their Action (foreign keys checked at the commit).
   * The full-text index is filled once at the end, from the same view the triggers
   * read: per row, each translation's and partner link's trigger deletes and
   * re-reads its Action, three times the cost of all the inserts together. */
  if (!exec (w.db, "PRAGMA defer_foreign_keys = ON", error))
    goto rollback;
  if (!(flags & MA_GENERATE_PLAIN) &&
      !exec (w.db, "INSERT OR IGNORE INTO store_flag (name) VALUES ('defer-fts')", error))
    goto rollback;

  n_partners = CLAMP (n_actions / 8, 40, 20000);
  for (guint p = 1; p <= n_partners; p++)
    {
      Region *region = g_ptr_array_index (ref.regions, rng_below (&rng, ref.regions->len));
      const char *country =
          g_ptr_array_index (region->countries, rng_below (&rng, region->countries->len));
      g_autofree char *key = g_strdup_printf ("%s/%s", country, lang_codes[rng_below (&rng, 3)]);

      g_string_truncate (uuid, 0);
      append_uuid (uuid, &rng);
      g_string_printf (text, "%s (%s) %u",
                       partner_words[rng_below (&rng, G_N_ELEMENTS (partner_words))],
                       (const char *) g_hash_table_lookup (ref.country_names, key), p);
      sqlite3_bind_int64 (w.stmt[ST_PARTNER], 1, p);
      bind_text (&w, ST_PARTNER, 2, uuid->str);
      bind_text (&w, ST_PARTNER, 3, text->str);
      bind_text (&w, ST_PARTNER, 4, pick (&rng, &ref.partner_kind));
      bind_text (&w, ST_PARTNER, 5, country);
      if (!step (&w, ST_PARTNER))
        goto sql_error;
    }

  for (guint id = 1; id <= n_actions; id++)
    {
      Region *region = g_ptr_array_index (
          ref.regions, rng_weighted (&rng, region_weights,
                                     MIN (ref.regions->len, G_N_ELEMENTS (region_weights))));
      guint lang = rng_weighted (&rng, lang_weights, N_LANGS);
      guint n_countries = MIN (rng_range (&rng, 1, 5), region->countries->len);
      guint n_themes = rng_range (&rng, 1, 3);
      guint n_links = rng_below (&rng, 11);
      guint n_activities = rng_below (&rng, 31);
      guint year = rng_range (&rng, 2012, 2027);
      const char *chosen[5];
      guint first_country = rng_below (&rng, region->countries->len);
      g_autofree char *place_key = NULL;
      const char *place;
      guint64 used_partners[11];
      guint date_kind, first_year = year, end_year = 0;

      /* Countries: a run of the region's list from a random start, distinct. */
      for (guint c = 0; c < n_countries; c++)
        chosen[c] =
            g_ptr_array_index (region->countries, (first_country + c * 7) % region->countries->len);
      for (guint c = 1; c < n_countries; c++)
        for (guint d = 0; d < c; d++)
          if (chosen[c] == chosen[d])
            {
              n_countries = c;
              break;
            }

      place_key = g_strdup_printf ("%s/%s", chosen[0], lang_codes[lang]);
      place = g_hash_table_lookup (ref.country_names, place_key);

      /* Translations: about half the Actions have one or two. */
      for (guint l = 0; l < N_LANGS; l++)
        {
          if (l == lang || rng_below (&rng, 4) != 0)
            continue;
          g_autofree char *key = g_strdup_printf ("%s/%s", chosen[0], lang_codes[l]);
          const char *other_place = g_hash_table_lookup (ref.country_names, key);
          make_title (title, &rng, l, other_place);
          make_summary (summary, &rng, l, other_place);
          sqlite3_bind_int64 (w.stmt[ST_TEXT], 1, id);
          bind_text (&w, ST_TEXT, 2, lang_codes[l]);
          bind_text (&w, ST_TEXT, 3, title->str);
          bind_text (&w, ST_TEXT, 4, rng_below (&rng, 3) != 0 ? summary->str : NULL);
          if (!step (&w, ST_TEXT))
            goto sql_error;
          counts.n_texts++;
        }

      for (guint k = 0; k < n_links; k++)
        {
          guint64 partner = 1 + rng_zipf (&rng, n_partners);
          gboolean seen = FALSE;
          for (guint j = 0; j < k; j++)
            seen = seen || used_partners[j] == partner;
          used_partners[k] = seen ? 0 : partner;
          if (seen)
            continue;
          sqlite3_bind_int64 (w.stmt[ST_ACTION_PARTNER], 1, id);
          sqlite3_bind_int64 (w.stmt[ST_ACTION_PARTNER], 2, (sqlite3_int64) partner);
          if (!step (&w, ST_ACTION_PARTNER))
            goto sql_error;
          counts.n_partners++;
        }

      /* The Action itself: its insert trigger indexes it with the rows above. */
      g_string_truncate (uuid, 0);
      append_uuid (uuid, &rng);
      make_title (title, &rng, lang, rng_below (&rng, 5) != 0 ? place : NULL);
      make_summary (summary, &rng, lang, place);
      date_kind = rng_below (&rng, 10);
      g_string_truncate (start, 0);
      g_string_truncate (end, 0);
      if (date_kind > 0)
        {
          make_date (start, &rng, year, rng_below (&rng, 3));
          /* Ends a later year, so any precision of the end is after the start. */
          if (date_kind > 3)
            {
              end_year = year + rng_range (&rng, 1, 3);
              make_date (end, &rng, end_year, rng_below (&rng, 3));
            }
        }
      else if (rng_below (&rng, 2) == 0)
        {
          end_year = year;
          first_year = year - 2;
          make_date (end, &rng, year, rng_below (&rng, 3));
        }

      g_string_printf (text, "MX-%04u-%06u", year, id);
      sqlite3_bind_int64 (w.stmt[ST_ACTION], 1, id);
      bind_text (&w, ST_ACTION, 2, uuid->str);
      bind_text (&w, ST_ACTION, 3, rng_below (&rng, 50) != 0 ? text->str : NULL);
      bind_text (&w, ST_ACTION, 4, title->str);
      bind_text (&w, ST_ACTION, 5, rng_below (&rng, 20) != 0 ? summary->str : NULL);
      bind_text (&w, ST_ACTION, 6, lang_codes[lang]);
      bind_text (&w, ST_ACTION, 7,
                 ref.type.codes->len > 0 && rng_below (&rng, 10) != 0 ? pick (&rng, &ref.type)
                                                                      : NULL);
      bind_text (&w, ST_ACTION, 8,
                 g_ptr_array_index (
                     ref.status.codes,
                     rng_weighted (&rng, status_weights,
                                   MIN (ref.status.codes->len, G_N_ELEMENTS (status_weights)))));
      bind_text (&w, ST_ACTION, 9, start->len > 0 ? start->str : NULL);
      bind_text (&w, ST_ACTION, 10, end->len > 0 ? end->str : NULL);
      bind_text (&w, ST_ACTION, 11, rng_below (&rng, 50) != 0 ? region->code : NULL);
      bind_text (&w, ST_ACTION, 12,
                 rng_below (&rng, 6) == 0 ? "Suivi assuré par la délégation; échéance à revoir."
                                          : NULL);
      if (!step (&w, ST_ACTION))
        goto sql_error;

      for (guint c = 0; c < n_countries; c++)
        {
          sqlite3_bind_int64 (w.stmt[ST_COUNTRY], 1, id);
          bind_text (&w, ST_COUNTRY, 2, chosen[c]);
          if (!step (&w, ST_COUNTRY))
            goto sql_error;
        }
      counts.n_countries += n_countries;

      {
        guint first_theme = rng_zipf (&rng, ref.theme.codes->len);
        for (guint t = 0; t < n_themes && t < ref.theme.codes->len; t++)
          {
            sqlite3_bind_int64 (w.stmt[ST_THEME], 1, id);
            bind_text (
                &w, ST_THEME, 2,
                g_ptr_array_index (ref.theme.codes, (first_theme + t * 5) % ref.theme.codes->len));
            if (!step (&w, ST_THEME))
              goto sql_error;
            counts.n_themes++;
          }
      }

      for (guint a = 0; a < n_activities; a++)
        {
          /* Activities start before the Action's end year: never after its end. */
          guint activity_year = end_year > 0 ? rng_range (&rng, first_year, end_year - 1)
                                             : year + rng_below (&rng, 3);
          g_string_truncate (uuid, 0);
          append_uuid (uuid, &rng);
          make_date (start, &rng, activity_year, rng_below (&rng, 3));
          g_string_truncate (end, 0);
          if (rng_below (&rng, 3) == 0)
            make_date (end, &rng, activity_year + 1, rng_below (&rng, 3));
          sqlite3_bind_text (w.stmt[ST_ACTIVITY], 1, uuid->str, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (w.stmt[ST_ACTIVITY], 2, id);
          bind_text (&w, ST_ACTIVITY, 3,
                     ref.activity_kind.codes->len ? pick (&rng, &ref.activity_kind) : NULL);
          bind_text (&w, ST_ACTIVITY, 4,
                     ref.activity_format.codes->len ? pick (&rng, &ref.activity_format) : NULL);
          bind_text (&w, ST_ACTIVITY, 5, rng_below (&rng, 8) != 0 ? start->str : NULL);
          bind_text (&w, ST_ACTIVITY, 6, end->len > 0 ? end->str : NULL);
          bind_text (&w, ST_ACTIVITY, 7, places[rng_below (&rng, G_N_ELEMENTS (places))]);
          if (rng_below (&rng, 4) != 0)
            sqlite3_bind_int (w.stmt[ST_ACTIVITY], 8, (int) rng_range (&rng, 5, 120));
          else
            sqlite3_bind_null (w.stmt[ST_ACTIVITY], 8);
          bind_text (&w, ST_ACTIVITY, 9,
                     rng_below (&rng, 4) == 0
                         ? words[lang][rng_zipf (&rng, G_N_ELEMENTS (words[0]))]
                         : NULL);
          if (!step (&w, ST_ACTIVITY))
            goto sql_error;
        }
      counts.n_activities += n_activities;

      for (guint o = rng_below (&rng, 4); o > 0; o--)
        {
          g_string_truncate (uuid, 0);
          append_uuid (uuid, &rng);
          sqlite3_bind_text (w.stmt[ST_OUTPUT], 1, uuid->str, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (w.stmt[ST_OUTPUT], 2, id);
          bind_text (&w, ST_OUTPUT, 3,
                     ref.output_kind.codes->len ? pick (&rng, &ref.output_kind) : NULL);
          bind_text (&w, ST_OUTPUT, 4, title->str);
          if (!step (&w, ST_OUTPUT))
            goto sql_error;
        }
      counts.n_actions++;
    }

  if (!ma_store_commit (store, error))
    goto out;
  /* The full-text index in a transaction of its own: within the first one, once the
   * rows outgrow the page cache (beyond ~50,000 Actions), every page FTS5 writes
   * pushed a dirty page of the rows out to the file, and 100,000 Actions took 8.8x
   * the rows alone; after the commit those pages are clean and simply dropped. A
   * failure here leaves a file without its full-text index, reported as an error. */
  if (!(flags & MA_GENERATE_PLAIN))
    {
      if (!ma_store_begin (store, error))
        goto out;
      if (!exec (w.db,
                 "DELETE FROM store_flag WHERE name = 'defer-fts';"
                 "INSERT INTO action_fts (rowid, title, code, summary, partners, notes)"
                 "  SELECT * FROM action_fts_row",
                 error))
        goto rollback;
      if (!ma_store_commit (store, error))
        goto out;
    }
  counts.insert_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  if (stats != NULL)
    *stats = counts;
  ok = TRUE;
  goto out;

sql_error:
  ma_store_set_sqlite_error (error, w.db, w.rc);
rollback:
  ma_store_rollback (store);
out:
  for (guint i = 0; i < N_STATEMENTS; i++)
    sqlite3_finalize (w.stmt[i]);
  reference_clear (&ref);
  if (ok)
    {
      /* Back in WAL mode, as the store makes its files. */
      sqlite3_exec (w.db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    }
  return ok;
}
