/* test-store.c: schema, migrations, sample data, editing, history and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ma-test-query.h"
#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

typedef struct
{
  char *dir;
  char *path;
  MaStore *store;
} Fixture;

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ma-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "actions.db", NULL);
  fixture->store = ma_store_open (fixture->path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  if (GPOINTER_TO_INT (data))
    {
      ma_store_load_sample_data (fixture->store, &error);
      g_assert_no_error (error);
    }
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
int_query (MaStore *store, const char *sql)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, NULL);
  gint64 value = -1;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
text_query (MaStore *store, const char *sql)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Everything a user edits, as one text: "the database is unchanged" compares it. */
static char *
dump (MaStore *store)
{
  return text_query (store,
                     "SELECT (SELECT json_group_array (json_array (id, code, title, status, "
                     "start_date, end_date, region, type, builds_on, summary, notes)) FROM action) "
                     "|| (SELECT json_group_array (json_array (action, country)) FROM "
                     "action_country) || (SELECT json_group_array (json_array (action, theme)) "
                     "FROM action_theme) || (SELECT json_group_array (json_array (id, action, "
                     "kind, start_date)) FROM activity) || (SELECT count(*) FROM history)");
}

static gint64
find (MaStore *store, const char *code)
{
  g_autoptr (GError) error = NULL;
  gint64 id = ma_store_find_action (store, code, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static guint
count (MaStore *store, MaFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = ma_filter_sql_query_ids (store, filter, MA_SORT_TITLE, FALSE, &error);
  guint n;

  g_assert_no_error (error);
  n = ma_test_count (store, filter);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  return n;
}

static gboolean
has_code (MaStore *store, MaFilter *filter, const char *code)
{
  g_autoptr (GArray) ids = ma_filter_sql_query_ids (store, filter, MA_SORT_TITLE, FALSE, NULL);
  gint64 id = find (store, code);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_schema (Fixture *f, gconstpointer data)
{
  g_autofree char *mode = text_query (f->store, "PRAGMA journal_mode");
  g_autoptr (GPtrArray) regions = NULL;
  g_autoptr (GPtrArray) statuses = NULL;
  g_autofree char *kosovo = NULL;
  g_autofree char *kazakhstan_fr = NULL;

  g_assert_true (ma_store_get_created (f->store));
  g_assert_cmpint (int_query (f->store, "PRAGMA user_version"), ==, MA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (int_query (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpstr (mode, ==, "wal");

  regions = ma_store_list_terms (f->store, MA_VOCABULARY_REGION, "fr", NULL);
  g_assert_cmpuint (regions->len, ==, 5);
  g_assert_cmpstr (((MaTerm *) regions->pdata[3])->code, ==, "lac");
  g_assert_cmpstr (((MaTerm *) regions->pdata[3])->name, ==, "Amérique latine et Caraïbes");

  /* Statuses map to IATI ActivityStatus. */
  statuses = ma_store_list_terms (f->store, MA_VOCABULARY_STATUS, "en", NULL);
  g_assert_cmpuint (statuses->len, ==, 6);
  for (guint i = 0; i < statuses->len; i++)
    {
      MaTerm *term = statuses->pdata[i];
      int expected = g_str_equal (term->code, "ongoing")     ? 2
                     : g_str_equal (term->code, "completed") ? 3
                     : g_str_equal (term->code, "declined") || g_str_equal (term->code, "withdrawn")
                         ? 5
                         : 1;
      g_assert_cmpint (term->iati, ==, expected);
    }

  g_assert_cmpint (int_query (f->store, "SELECT count(*) FROM theme"), ==, 14);
  g_assert_cmpint (int_query (f->store, "SELECT count(*) FROM country"), ==, 250);
  kosovo = text_query (f->store, "SELECT region FROM country WHERE code = 'XK'");
  g_assert_cmpstr (kosovo, ==, "eun");
  kazakhstan_fr = ma_store_term_name (f->store, MA_VOCABULARY_COUNTRY, "KZ", "fr");
  g_assert_cmpstr (kazakhstan_fr, ==, "Kazakhstan");
  {
    g_autofree char *brazil_es = ma_store_term_name (f->store, MA_VOCABULARY_COUNTRY, "BR", "es");
    g_autofree char *numeric =
        text_query (f->store, "SELECT numeric FROM country WHERE code = 'BR'");
    g_assert_cmpstr (brazil_es, ==, "Brasil");
    g_assert_cmpstr (numeric, ==, "076");
  }
}

/* PRAGMA cache_size, in KiB. */
static int
page_cache_kib (MaStore *store)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, "PRAGMA cache_size", NULL);
  int kib = 0;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  kib = -sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return kib;
}

static void
test_reopen_and_refuse (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  MaStore *store;
  sqlite3 *db;

  /* Reopening an existing database migrates nothing and keeps its data. */
  store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (store, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ma_store_get_created (store));
  g_assert_cmpuint (ma_test_count (store, NULL), ==, 15);
  g_assert_cmpint (page_cache_kib (store), ==, 2000);
  g_object_unref (store);

  /* Connections for a worker or for the window keep a smaller page cache. */
  store = ma_store_open (path, MA_STORE_OPEN_SMALL_CACHE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page_cache_kib (store), ==, 256);
  g_assert_cmpuint (ma_test_count (store, NULL), ==, 15);
  g_object_unref (store);

  /* A database from a newer version is refused and left byte for byte as it was. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);

  /* Another program's SQLite file is refused untouched. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ma_store_open (foreign, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* So is a file that is not SQLite at all. */
  g_assert_true (g_file_set_contents (garbage, "name,title\nnot,a database\n", -1, NULL));
  store = ma_store_open (garbage, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (garbage, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "name,title\nnot,a database\n");

  /* A missing file is not created unless asked. */
  store = ma_store_open ("/nonexistent/dir/x.db", MA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* MUST_CREATE (init) refuses to overwrite. */
  store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  remove_tree (dir);
}

static void
test_search_migration (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *schema = NULL;
  g_autoptr (MaFilter) filter = ma_filter_new ();
  MaStore *store;
  sqlite3 *db;

  /* A version 2 file with the old index: the migration rebuilds it, and nothing
   * it held is lost. */
  store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (store, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE action_fts;"
                                 "CREATE VIRTUAL TABLE action_fts USING fts5 (title, code, "
                                 "summary, partners, notes, tokenize = 'unicode61 "
                                 "remove_diacritics 2', prefix = '2 3');"
                                 "INSERT INTO action_fts (rowid, title, code, summary, partners, "
                                 "notes) SELECT * FROM action_fts_row;"
                                 "PRAGMA user_version = 2;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  schema = text_query (store, "SELECT sql FROM sqlite_schema WHERE name = 'action_fts'");
  /* Versions 3 and 4 both ran: one- to four-letter prefixes, no positions. */
  g_assert_nonnull (strstr (schema, "prefix = '1 2 3 4'"));
  g_assert_nonnull (strstr (schema, "detail = none"));
  g_assert_cmpint (int_query (store, "PRAGMA user_version"), ==, MA_STORE_SCHEMA_VERSION);
  ma_filter_set_search (filter, "rodn");
  g_assert_cmpuint (ma_test_count (store, filter), ==, 1);
  ma_filter_set_search (filter, "migr");
  g_assert_cmpuint (ma_test_count (store, filter), ==, 8);
  /* A first letter, two words (each a prefix, all of them in the Action), accents
   * folded both ways. */
  ma_filter_set_search (filter, "k");
  g_assert_cmpuint (ma_test_count (store, filter), ==, 3);
  ma_filter_set_search (filter, "chaco gran");
  g_assert_cmpuint (ma_test_count (store, filter), ==, 1);
  /* The triggers still keep the rebuilt index. */
  ma_store_set_action_field (store, ma_store_find_action (store, "Benin", NULL), "notes",
                             "Zanzibar", &error);
  g_assert_no_error (error);
  ma_filter_set_search (filter, "zanz");
  g_assert_cmpuint (ma_test_count (store, filter), ==, 1);
  g_object_unref (store);
  remove_tree (dir);
}

static void
test_sample_facts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaAction) chaco =
      ma_store_get_action (f->store, find (f->store, "Gran Chaco"), "en", &error);
  g_autoptr (GPtrArray) activities = NULL;
  const char *const chaco_countries[] = { "AR", "BO", "PY", NULL };
  guint online_exchanges = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
  g_assert_true (g_strv_equal (ma_action_get_countries (chaco), chaco_countries));
  g_assert_cmpstr (ma_action_get_builds_on_code (chaco), ==, "Ecuador II");
  g_assert_cmpstr (ma_action_get_type_code (chaco), ==, "regional");
  g_assert_cmpstr (ma_action_get_status (chaco), ==, "preparation");
  g_assert_cmpstr (ma_action_get_region (chaco), ==, "lac");
  /* Unknown stays unknown. */
  g_assert_null (ma_action_get_start_date (chaco));
  g_assert_null (ma_action_get_end_date (chaco));

  activities = ma_store_list_activities (f->store, find (f->store, "Costa Rica"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < activities->len; i++)
    {
      MaActivity *activity = activities->pdata[i];
      if (g_strcmp0 (activity->kind, "exchange") == 0 &&
          g_strcmp0 (activity->format, "online") == 0)
        online_exchanges++;
    }
  g_assert_cmpuint (online_exchanges, ==, 3);

  {
    g_autoptr (MaAction) ukraine =
        ma_store_get_action (f->store, find (f->store, "Ukraine II"), "fr", &error);
    g_autoptr (GPtrArray) partners =
        ma_store_list_partners (f->store, find (f->store, "Kazakhstan"), &error);
    g_assert_cmpstr (ma_action_get_start_date (ukraine), ==, "2021-10");
    g_assert_cmpstr (ma_action_get_title_lang (ukraine), ==, "fr");
    g_assert_cmpuint (partners->len, ==, 2);
  }
  {
    g_autoptr (MaAction) ecuador =
        ma_store_get_action (f->store, find (f->store, "Ecuador II"), "fr", &error);
    /* No French title: the original is shown and says so. */
    g_assert_cmpstr (ma_action_get_title (ecuador), ==, "Ecuador II");
    g_assert_cmpstr (ma_action_get_title_lang (ecuador), ==, "en");
  }
  g_assert_cmpint (int_query (f->store, "SELECT count(*) FROM action_country WHERE action = "
                                        "(SELECT id FROM action WHERE code = 'COMESA')"),
                   ==, 21);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *partner = NULL;
  gint64 unhcr;

  g_assert_cmpuint (count (f->store, filter), ==, 15);

  ma_filter_add_code (filter, MA_FILTER_STATUS, "ongoing");
  g_assert_cmpuint (count (f->store, filter), ==, 8);
  ma_filter_add_code (filter, MA_FILTER_STATUS, "completed");
  g_assert_cmpuint (count (f->store, filter), ==, 11);
  ma_filter_clear (filter);

  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  g_assert_cmpuint (count (f->store, filter), ==, 6);
  ma_filter_add_code (filter, MA_FILTER_REGION, "asia");
  g_assert_cmpuint (count (f->store, filter), ==, 9);
  ma_filter_clear (filter);

  ma_filter_add_code (filter, MA_FILTER_COUNTRY, "CR");
  g_assert_cmpuint (count (f->store, filter), ==, 2); /* Costa Rica and MIRPS */
  g_assert_true (has_code (f->store, filter, "MIRPS"));
  ma_filter_clear (filter);

  ma_filter_add_code (filter, MA_FILTER_THEME, "environment");
  g_assert_cmpuint (count (f->store, filter), ==, 3);
  g_assert_true (has_code (f->store, filter, "Benin"));
  ma_filter_clear (filter);

  ma_filter_add_code (filter, MA_FILTER_TYPE, "regional");
  g_assert_cmpuint (count (f->store, filter), ==, 1);
  g_assert_true (has_code (f->store, filter, "Gran Chaco"));
  ma_filter_clear (filter);

  unhcr = ma_store_find_partner (f->store, "unhcr", &error);
  g_assert_no_error (error);
  partner = g_strdup_printf ("%" G_GINT64_FORMAT, unhcr);
  ma_filter_add_code (filter, MA_FILTER_PARTNER, partner);
  g_assert_cmpuint (count (f->store, filter), ==, 1);
  g_assert_true (has_code (f->store, filter, "MIRPS"));
  ma_filter_clear (filter);

  /* Known periods overlapping 2021: Kazakhstan, COMESA, MIRPS, Dominican Republic,
   * Ukraine II, Georgia. Actions with no known date are not in any year. */
  ma_filter_set_year (filter, 2021);
  g_assert_cmpuint (count (f->store, filter), ==, 6);
  g_assert_false (has_code (f->store, filter, "Brazil"));
  ma_filter_set_year (filter, 2022);
  g_assert_cmpuint (count (f->store, filter), ==, 4); /* the open-ended ones */
  g_assert_false (has_code (f->store, filter, "MIRPS"));
  ma_filter_set_date_range (filter, "2019", "2020-06");
  g_assert_cmpuint (count (f->store, filter), ==, 3); /* COMESA; MIRPS and DR end in 2021 */
  g_assert_true (has_code (f->store, filter, "COMESA"));
  ma_filter_set_date_range (filter, "2021-11", NULL);
  /* An end of "2021" reaches December. */
  g_assert_true (has_code (f->store, filter, "Dominican Republic"));
  ma_filter_clear (filter);

  /* Dimensions combine with AND. */
  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  ma_filter_add_code (filter, MA_FILTER_STATUS, "completed");
  ma_filter_add_code (filter, MA_FILTER_THEME, "protection");
  g_assert_cmpuint (count (f->store, filter), ==, 1);
  g_assert_true (has_code (f->store, filter, "MIRPS"));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (GError) error = NULL;
  gint64 id;

  ma_filter_set_search (filter, "chac");
  g_assert_cmpuint (count (f->store, filter), ==, 1);
  g_assert_true (has_code (f->store, filter, "Gran Chaco"));

  /* Accents folded both ways: the Spanish title "Protección internacional…" is
   * found without its accent, and an unaccented word with one. */
  ma_filter_set_search (filter, "proteccion internacional");
  g_assert_true (has_code (f->store, filter, "MIRPS"));
  id = ma_store_create_action (f->store, "Proteccion de datos migratorios", "request", &error);
  g_assert_no_error (error);
  ma_filter_set_search (filter, "protección");
  g_assert_cmpuint (count (f->store, filter), >=, 2);
  {
    g_autoptr (GArray) ids = ma_filter_sql_query_ids (f->store, filter, MA_SORT_TITLE, FALSE, NULL);
    gboolean found = FALSE;
    for (guint i = 0; i < ids->len; i++)
      found |= g_array_index (ids, gint64, i) == id;
    g_assert_true (found);
  }

  /* Partners and notes are searched too; syntax characters are only separators. */
  ma_filter_set_search (filter, "Rodnik");
  g_assert_true (has_code (f->store, filter, "Kazakhstan"));
  ma_filter_set_search (filter, "pandemic");
  g_assert_true (has_code (f->store, filter, "Ukraine II"));
  ma_filter_set_search (filter, "\"chaco\" OR (");
  g_assert_cmpuint (count (f->store, filter), ==, 1);
  ma_filter_set_search (filter, "zzzzz");
  g_assert_cmpuint (count (f->store, filter), ==, 0);

  /* Renaming a partner reaches the index. */
  {
    gint64 partner = ma_store_find_partner (f->store, "COMESA Secretariat", &error);
    g_assert_no_error (error);
    ma_store_set_partner_field (f->store, partner, "name", "Secrétariat du COMESA", &error);
    g_assert_no_error (error);
    ma_filter_set_search (filter, "secretariat");
    g_assert_true (has_code (f->store, filter, "COMESA"));
  }
  /* Editing a title reaches the index. */
  ma_store_set_action_field (f->store, find (f->store, "Benin"), "title", "Données climat", &error);
  g_assert_no_error (error);
  ma_filter_set_search (filter, "donnees clim");
  g_assert_true (has_code (f->store, filter, "Benin"));
}

static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  gint64 id = find (f->store, "Brazil");
  const char *const countries[] = { "BR", "PY", NULL };
  MaHistoryEntry *last;

  ma_store_set_action_field (f->store, id, "title", "Videos for asylum seekers", &error);
  g_assert_no_error (error);
  ma_store_set_action_field (f->store, id, "start_date", " 2021-3 ", &error);
  g_assert_no_error (error);
  ma_store_set_action_countries (f->store, id, countries, &error);
  g_assert_no_error (error);

  history = ma_store_list_history (f->store, "action", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  last = history->pdata[0];
  g_assert_cmpstr (last->field, ==, "title");
  g_assert_cmpstr (last->old_value, ==, "Information for asylum seekers");
  g_assert_cmpstr (last->new_value, ==, "Videos for asylum seekers");
  g_assert_nonnull (last->time);
  last = history->pdata[1];
  g_assert_cmpstr (last->field, ==, "start_date");
  g_assert_null (last->old_value);
  g_assert_cmpstr (last->new_value, ==, "2021-03"); /* stored at its precision */
  last = history->pdata[2];
  g_assert_cmpstr (last->field, ==, "countries");
  g_assert_cmpstr (last->new_value, ==, "PY");

  /* Writing the same value again adds nothing. */
  ma_store_set_action_field (f->store, id, "title", "Videos for asylum seekers", &error);
  g_assert_no_error (error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = ma_store_list_history (f->store, "action", id, NULL);
  g_assert_cmpuint (history->len, ==, 3);
}

static void
test_undo_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 chaco = find (f->store, "Gran Chaco");
  gint64 costa_rica = find (f->store, "Costa Rica");
  gint64 ecuador = find (f->store, "Ecuador II");
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  gint64 deletion, restored;

  /* Deleting Ecuador II unlinks Gran Chaco; undo links it again. */
  deletion = ma_store_delete_action (f->store, ecuador, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 14);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, chaco, "en", NULL);
    g_assert_cmpint (ma_action_get_builds_on (action), ==, 0);
  }
  restored = ma_store_undo_delete (f->store, deletion, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, ==, ecuador);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, chaco, "en", NULL);
    g_assert_cmpint (ma_action_get_builds_on (action), ==, ecuador);
  }

  /* An Action with activities, outputs, partners, translations comes back whole. */
  deletion = ma_store_delete_action (f->store, costa_rica, &error);
  g_assert_no_error (error);
  g_assert_cmpint (int_query (f->store, "SELECT count(*) FROM activity WHERE action NOT IN "
                                        "(SELECT id FROM action)"),
                   ==, 0);
  ma_store_undo_delete (f->store, deletion, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) activities = ma_store_list_activities (f->store, costa_rica, NULL);
    g_autoptr (GPtrArray) outputs = ma_store_list_outputs (f->store, costa_rica, NULL);
    g_autoptr (MaAction) action = ma_store_get_action (f->store, costa_rica, "es", NULL);
    const char *const themes[] = { "health", "protection", NULL };
    g_assert_cmpuint (activities->len, ==, 3);
    g_assert_cmpuint (outputs->len, ==, 1);
    g_assert_cmpstr (ma_action_get_title (action), ==, "La migración en tiempos de crisis");
    g_assert_true (g_strv_equal (ma_action_get_themes (action), themes));
  }
  /* Search finds it again. */
  {
    g_autoptr (MaFilter) filter = ma_filter_new ();
    ma_filter_set_search (filter, "costa");
    g_assert_true (has_code (f->store, filter, "Costa Rica"));
  }

  /* The data is as before, apart from the history rows the deletions added. */
  after = dump (f->store);
  g_assert_cmpstr (strrchr (before, ']'), !=, NULL);
  *strrchr (before, ']') = '\0';
  *strrchr (after, ']') = '\0';
  g_assert_cmpstr (before, ==, after);

  /* Undoing twice is refused. */
  g_assert_cmpint (ma_store_undo_delete (f->store, deletion, &error), ==, -1);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  gint64 id = find (f->store, "Ukraine II"); /* starts 2021-10 */
  const char *const bad_country[] = { "UA", "ZZ", NULL };
  const char *const bad_theme[] = { "nonsense", NULL };

  g_assert_false (ma_store_set_action_field (f->store, id, "status", "finished", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "finished"));
  g_clear_error (&error);

  g_assert_false (ma_store_set_action_field (f->store, id, "end_date", "2021-09", &error));
  g_assert_error (error, MA_DATE_ERROR, MA_DATE_ERROR_END_BEFORE_START);
  g_clear_error (&error);
  g_assert_false (ma_store_set_action_field (f->store, id, "end_date", "2020", &error));
  g_assert_error (error, MA_DATE_ERROR, MA_DATE_ERROR_END_BEFORE_START);
  g_clear_error (&error);
  /* Same year at a lower precision is not "before". */
  g_assert_true (ma_store_set_action_field (f->store, id, "end_date", "2021", &error));
  g_assert_no_error (error);
  g_assert_true (ma_store_set_action_field (f->store, id, "end_date", "", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 6; i++)
    {
      const char *const malformed[] = { "2021-13", "2021-02-30", "21",
                                        "2021/10", "next year",  "2021-10-1x" };
      g_assert_false (ma_store_set_action_field (f->store, id, "start_date", malformed[i], &error));
      g_assert_error (error, MA_DATE_ERROR, MA_DATE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (ma_store_set_action_field (f->store, id, "title", "   ", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ma_store_set_action_field (f->store, id, "code", "Brazil", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ma_store_set_action_field (f->store, id, "builds_on", "Ukraine II", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ma_store_set_action_countries (f->store, id, bad_country, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ma_store_set_action_themes (f->store, id, bad_theme, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ma_store_create_action (f->store, "New", "finished", &error), ==, -1);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The end_date set and cleared above left two history rows; nothing else changed. */
  after = dump (f->store);
  *strrchr (before, ']') = '\0';
  *strrchr (after, ']') = '\0';
  g_assert_cmpstr (before, ==, after);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *big = g_strnfill (512 * 1024, 'x');
  gint64 id = find (f->store, "Benin");

  /* A file that cannot grow is what a full disk looks like to SQLite. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           int_query (f->store, "PRAGMA page_count"));
  g_assert_cmpint (sqlite3_exec (ma_store_get_db (f->store), limit, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_false (ma_store_set_action_field (f->store, id, "notes", big, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, "The disk is full: the change was not saved");
  g_clear_error (&error);
  g_assert_cmpint (ma_store_create_action (f->store, big, NULL, &error), ==, -1);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL);

  /* Nothing half-written, and the store still works once there is room. */
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (sqlite3_get_autocommit (ma_store_get_db (f->store)));
  sqlite3_exec (ma_store_get_db (f->store), "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
  g_clear_error (&error);
  g_assert_true (ma_store_set_action_field (f->store, id, "notes", "room again", &error));
  g_assert_no_error (error);
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) reader = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  gint64 id = find (f->store, "Benin");

  /* Every commit of a writer is on the disk before it returns. */
  g_assert_cmpint (int_query (f->store, "PRAGMA synchronous"), ==, 2 /* FULL */);

  reader = ma_store_open (f->path, MA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ma_store_get_read_only (reader));
  g_assert_false (ma_store_get_read_only (f->store));

  /* Reading works, every change is refused with its true cause, nothing moves. */
  g_assert_cmpuint (ma_test_count (reader, NULL), ==, 15);
  g_assert_false (ma_store_set_action_field (reader, id, "notes", "lost?", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, "The database is read-only: the change was not saved");
  g_clear_error (&error);
  g_assert_cmpint (ma_store_create_action (reader, "New", NULL, &error), ==, -1);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  problems = ma_store_check (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);

  /* The writer's commits are news to the reader, its own to nobody. */
  g_assert_false (ma_store_check_external_changes (f->store));
  g_assert_false (ma_store_check_external_changes (reader));
  g_assert_true (ma_store_set_action_field (f->store, id, "notes", "news", &error));
  g_assert_true (ma_store_check_external_changes (reader));
  g_assert_false (ma_store_check_external_changes (reader));
  g_assert_false (ma_store_check_external_changes (f->store));

  /* The writer's changes are seen by the reader. */
  g_assert_true (ma_store_set_action_field (f->store, id, "notes", "seen", &error));
  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (reader, id, "en", &error);
    g_assert_cmpstr (ma_action_get_notes (action), ==, "seen");
  }
}

static void
test_create_duplicate (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = ma_store_create_action (f->store, "  Senegal — diaspora  ", NULL, &error);
  gint64 copy;

  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, id, "en", &error);
    g_assert_cmpstr (ma_action_get_title (action), ==, "Senegal — diaspora");
    g_assert_cmpstr (ma_action_get_status (action), ==, "request");
    g_assert_nonnull (ma_action_get_uuid (action));
  }
  copy = ma_store_duplicate_action (f->store, find (f->store, "Gran Chaco"), &error);
  g_assert_no_error (error);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, copy, "en", &error);
    const char *const countries[] = { "AR", "BO", "PY", NULL };
    g_assert_true (g_str_has_prefix (ma_action_get_title (action), "Environmental migration in"));
    g_assert_null (ma_action_get_code (action)); /* codes are unique */
    g_assert_true (g_strv_equal (ma_action_get_countries (action), countries));
  }
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 17);
}

static void
test_saved_views (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaFilter) loaded = NULL;
  g_autoptr (GPtrArray) names = NULL;

  ma_filter_set_search (filter, "migration");
  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  ma_filter_set_year (filter, 2021);
  ma_store_save_view (f->store, "LAC 2021", filter, &error);
  g_assert_no_error (error);
  names = ma_store_list_views (f->store, &error);
  g_assert_cmpuint (names->len, ==, 1);
  loaded = ma_store_load_view (f->store, "LAC 2021", &error);
  g_assert_no_error (error);
  g_assert_true (ma_filter_equal (filter, loaded));
  g_assert_cmpuint (count (f->store, loaded), ==, count (f->store, filter));
  g_assert_false (ma_store_save_view (f->store, " ", filter, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
}

static void
test_check_and_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  g_autoptr (GPtrArray) problems = ma_store_check (f->store, &warnings, &error);
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autoptr (MaStore) copy = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  /* Georgia's thematic areas are not known. */
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "Georgia"));

  g_assert_true (ma_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_false (ma_store_backup (f->store, backup, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  copy = ma_store_open (backup, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ma_test_count (copy, NULL), ==, 15);
}

static void
test_dates (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *upper = ma_date_upper_bound ("2024-02");
  g_autofree char *span = ma_date_format_span ("2021-10", NULL, "en");
  g_autofree char *day = ma_date_format ("2021-10-19", "en");

  g_assert_true (ma_date_parse ("", &iso, &error));
  g_assert_null (iso);
  g_assert_true (ma_date_parse ("2021-1-5", &iso, &error));
  g_assert_cmpstr (iso, ==, "2021-01-05");
  g_clear_pointer (&iso, g_free);
  /* Day first, as written in French and Spanish (and in British English). */
  g_assert_true (ma_date_parse ("31/12/2023", &iso, &error));
  g_assert_cmpstr (iso, ==, "2023-12-31");
  g_clear_pointer (&iso, g_free);
  g_assert_true (ma_date_parse ("12/2023", &iso, &error));
  g_assert_cmpstr (iso, ==, "2023-12");
  g_clear_pointer (&iso, g_free);
  g_assert_true (ma_date_parse ("5.3.2022", &iso, &error));
  g_assert_cmpstr (iso, ==, "2022-03-05");
  g_clear_pointer (&iso, g_free);
  g_assert_false (ma_date_parse ("31/02/2023", &iso, &error));
  g_assert_nonnull (strstr (error->message, "“31/02/2023”"));
  g_clear_error (&error);
  g_assert_false (ma_date_parse ("12/23", &iso, &error));
  g_clear_error (&error);
  {
    g_autofree char *full = ma_date_to_entry ("2023-12-31");
    g_autofree char *month = ma_date_to_entry ("2023-12");
    g_autofree char *year = ma_date_to_entry ("2023");
    g_assert_cmpstr (full, ==, "31/12/2023");
    g_assert_cmpstr (month, ==, "12/2023");
    g_assert_cmpstr (year, ==, "2023");
  }
  g_assert_true (ma_date_parse ("2021-1-5", &iso, &error));
  g_assert_cmpstr (iso, ==, "2021-01-05");
  g_assert_cmpstr (upper, ==, "2024-02-29");
  g_assert_true (ma_date_check_span ("2021", "2021-01", NULL));
  g_assert_false (ma_date_check_span ("2021-10-20", "2021-10-19", NULL));
  g_assert_cmpstr (span, ==, "October 2021 – …");
  g_assert_cmpstr (day, ==, "19 October 2021");
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, sample)                                                                    \
  g_test_add (path, Fixture, GINT_TO_POINTER (sample), fixture_setup, func, fixture_teardown)
  ADD ("/store/schema", test_schema, FALSE);
  g_test_add_func ("/store/reopen-and-refuse", test_reopen_and_refuse);
  g_test_add_func ("/store/search-migration", test_search_migration);
  ADD ("/store/sample-facts", test_sample_facts, TRUE);
  ADD ("/store/filters", test_filters, TRUE);
  ADD ("/store/search", test_search, TRUE);
  ADD ("/store/history", test_history, TRUE);
  ADD ("/store/undo-delete", test_undo_delete, TRUE);
  ADD ("/store/bad-input", test_bad_input, TRUE);
  ADD ("/store/disk-full", test_disk_full, TRUE);
  ADD ("/store/read-only", test_read_only, TRUE);
  ADD ("/store/create-duplicate", test_create_duplicate, TRUE);
  ADD ("/store/saved-views", test_saved_views, TRUE);
  ADD ("/store/check-and-backup", test_check_and_backup, TRUE);
  g_test_add_func ("/date/parse-and-format", test_dates);
  return g_test_run ();
}
