/* test-backups.c: automatic backups, how many are kept, free space, restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-test"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ma-backups.h"
#include "ma-i18n.h"
#include "ma-store-private.h"
#include "ma-test-query.h"

static char *home; /* XDG_DATA_HOME of this test */

typedef struct
{
  char *dir;
  char *path;
  MaStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ma-backups-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "actions.db", NULL);
  f->store = ma_store_open (f->path, MA_STORE_OPEN_MUST_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ma_store_load_sample_data (f->store, &error));
  g_unsetenv ("MIEUX_ACTIONS_BACKUP_MIN_FREE");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *folder = ma_backups_folder (f->path);

  g_clear_object (&f->store);
  remove_tree (folder);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
file_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_auto_backup_and_keep (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new ("eu.mieux_initiative.Actions");
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *folder = ma_backups_folder (f->path);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  /* In the user's data folder, one folder per database. */
  g_assert_true (g_str_has_prefix (folder, home));
  g_assert_cmpuint (g_settings_get_uint (settings, "backups-keep"), ==, 10);
  g_assert_cmpuint (ma_backups_keep (), ==, 10);

  first = ma_store_auto_backup (f->store, "import", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, folder));
  g_assert_cmpint (file_int (first, "SELECT count(*) FROM action"), ==, 15);
  /* One self-contained file, sound. */
  {
    g_autofree char *wal = g_strconcat (first, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr (MaStore) copy = ma_store_open (first, MA_STORE_OPEN_READ_ONLY, &error);
    g_autoptr (GPtrArray) problems = ma_store_check (copy, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  g_settings_set_uint (settings, "backups-keep", 3);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Action %u", i);
      g_assert_cmpint (ma_store_create_action (f->store, name, NULL, &error), >, 0);
      g_free (last);
      last = ma_store_auto_backup (f->store, "daily", &error);
      g_assert_no_error (error);
    }
  backups = ma_backups_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  /* Newest first, with their reason and Action count; the oldest went. */
  g_assert_cmpstr (((MaBackup *) backups->pdata[0])->path, ==, last);
  g_assert_cmpstr (((MaBackup *) backups->pdata[0])->reason, ==, "daily");
  g_assert_cmpint (((MaBackup *) backups->pdata[0])->n_actions, ==, 20);
  g_assert_cmpint (((MaBackup *) backups->pdata[2])->n_actions, ==, 18);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_settings_reset (settings, "backups-keep");
}

static void
test_low_space (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *path = NULL;

  /* Less free space than the threshold: no backup, a message that says why. */
  g_setenv ("MIEUX_ACTIONS_BACKUP_MIN_FREE", "1000000000000000000", TRUE);
  path = ma_store_auto_backup (f->store, "import", &error);
  g_assert_null (path);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL);
  g_assert_true (g_str_has_prefix (error->message, "No automatic backup was made: only "));
  backups = ma_backups_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_daily (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = ma_store_backup_daily (f->store, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = ma_store_backup_daily (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (second);
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = ma_store_auto_backup (f->store, "import", &error);
  g_autofree char *saved_as = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (MaStore) other = NULL;
  gint64 benin = ma_store_find_action (f->store, "Benin", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (ma_store_delete_action (f->store, benin, &error), >, 0);
  g_assert_true (ma_store_set_action_field (
      f->store, ma_store_find_action (f->store, "Brazil", NULL), "title", "Changed", &error));
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 14);

  /* A second connection (another window, the tool) on the same file. */
  other = ma_store_open (f->path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_true (ma_store_restore (f->store, backup, &saved_as, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
  g_assert_cmpint (ma_store_find_action (f->store, "Benin", NULL), ==, benin);
  {
    g_autoptr (MaAction) brazil =
        ma_store_get_action (other, ma_store_find_action (other, "Brazil", NULL), "en", &error);
    g_assert_cmpstr (ma_action_get_title (brazil), ==, "Information for asylum seekers");
  }
  problems = ma_store_check (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The state it replaced was kept, and can be put back in turn. */
  g_assert_nonnull (saved_as);
  g_assert_cmpint (file_int (saved_as, "SELECT count(*) FROM action"), ==, 14);
  {
    g_autoptr (GPtrArray) backups = ma_backups_list (f->path, NULL);
    g_assert_cmpstr (((MaBackup *) backups->pdata[0])->reason, ==, "restore");
  }

  /* Not a backup: refused, nothing changes. */
  {
    g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
    g_assert_true (g_file_set_contents (garbage, "not a database at all", -1, NULL));
    g_assert_false (ma_store_restore (f->store, garbage, NULL, &error));
    g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);
    g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
  }
}

static void
test_before_upgrade (void)
{
  g_autofree char *fixture =
      g_test_build_filename (G_TEST_DIST, "data", "migrations", "schema-3.db", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ma-backups-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  store = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  backups = ma_backups_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((MaBackup *) backups->pdata[0])->reason, ==, "upgrade");
  g_assert_cmpint (file_int (((MaBackup *) backups->pdata[0])->path, "PRAGMA user_version"), ==, 3);
  g_clear_object (&store);
  folder = ma_backups_folder (path);
  remove_tree (folder);
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  home = g_dir_make_tmp ("ma-backups-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/backups/auto-and-keep", test_auto_backup_and_keep);
  ADD ("/backups/low-space", test_low_space);
  ADD ("/backups/daily", test_daily);
  ADD ("/backups/restore", test_restore);
  g_test_add_func ("/backups/before-upgrade", test_before_upgrade);
  status = g_test_run ();
  remove_tree (home);
  g_free (home);
  return status;
}
