/* test-migrations.c: databases written by every earlier schema version open in
 * this one with their data intact
 *
 * The fixtures in tests/data/migrations were made by the program as it was at each
 * schema version (tests/data/migrations/README.md says how): schema-N.db holds the
 * sample Actions and a few edits, schema-N.csv is what that program exported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ma-exchange.h"
#include "ma-i18n.h"
#include "ma-store-private.h"
#include "ma-test-query.h"

static int
int_query (MaStore *store, const char *sql)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, sql, NULL);
  int value = -1;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_migration (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("schema-%d.db", version);
  g_autofree char *csv_name = g_strdup_printf ("schema-%d.csv", version);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "migrations", name, NULL);
  g_autofree char *expected_path =
      g_test_build_filename (G_TEST_DIST, "data", "migrations", csv_name, NULL);
  g_autofree char *dir = g_dir_make_tmp ("ma-migration-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *out_path = g_build_filename (dir, "now.csv", NULL);
  g_autofree char *fixture_bytes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *now = NULL;
  g_autoptr (GFile) out = g_file_new_for_path (out_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_auto (GStrv) header = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &fixture_bytes, &length, &error));
  g_assert_true (g_file_set_contents (path, fixture_bytes, (gssize) length, &error));
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);

  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (int_query (store, "PRAGMA user_version"), ==, MA_STORE_SCHEMA_VERSION);

  /* Sound, and every value the old program exported is there unchanged, in the
   * columns it had. */
  problems = ma_store_check (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autofree char *first_line = g_strndup (expected, strcspn (expected, "\r\n"));
    header = g_strsplit (first_line, ",", -1);
  }
  g_assert_true (ma_export_actions (store, NULL, MA_EXCHANGE_CSV, (const char *const *) header,
                                    NULL, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &now, NULL, &error));
  g_assert_cmpstr (now, ==, expected);

  /* The search index of the new schema finds what the old file holds. */
  {
    g_autoptr (MaFilter) filter = ma_filter_new ();
    ma_filter_set_search (filter, "proteccion");
    g_assert_cmpuint (ma_test_count (store, filter), >, 0);
    ma_filter_set_search (filter, "chaco");
    g_assert_cmpuint (ma_test_count (store, filter), ==, 1);
  }
  g_clear_object (&store);
  {
    const char *const suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_unlink (out_path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);

  for (int version = 1; version < MA_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-schema-%d", version);
      g_test_add_data_func (name, GINT_TO_POINTER (version), test_migration);
    }
  return g_test_run ();
}
