/* test-kill-loop.c: mieux-actions-cli killed (SIGKILL) in the middle of imports,
 * again and again: after each kill the file is sound, passes check, and holds
 * exactly the state before the import or the state after it, never a mixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "ma-backups.h"
#include "ma-store-private.h"

/* Each import rewrites the title and notes of every Action: 315 rows, long enough
 * for a kill to land inside the transaction as often as around it. */
#define N_EXTRA 300
#define N_KILLS 200
#define MAX_RUNS 600

static char *dir;
static char *db;

static char *
variant_file (guint variant)
{
  g_autofree char *name = g_strdup_printf ("variant-%u.csv", variant);
  g_autoptr (GString) csv = g_string_new ("code,title,status,notes\n");
  char *path = g_build_filename (dir, name, NULL);
  const char *const codes[] = { "Kazakhstan",         "Mauritius",  "COMESA",     "MIRPS",
                                "Dominican Republic", "Costa Rica", "Benin",      "Brazil",
                                "Ukraine II",         "Georgia",    "Kyrgyzstan", "Tajikistan",
                                "Gran Chaco",         "Ecuador II", "Cameroon" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_string_append_printf (csv, "%s,Variant %u of %s,ongoing,variant %u\n", codes[i], variant,
                            codes[i], variant);
  for (guint i = 0; i < N_EXTRA; i++)
    g_string_append_printf (csv, "extra-%u,Variant %u of extra %u,request,variant %u\n", i, variant,
                            i, variant);
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  return path;
}

static GPid
spawn_cli (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (char *) g_getenv ("MA_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* The variant every Action holds, or -1 when they differ (a torn import). */
static int
current_variant (guint *n_actions)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  int variant = -2;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (conn,
                          "SELECT count(*), min(notes), max(notes), "
                          "sum(title NOT LIKE 'Variant ' || substr(notes, 9) || ' of %') "
                          "FROM action",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *n_actions = (guint) sqlite3_column_int (stmt, 0);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2)) == 0 &&
      sqlite3_column_int (stmt, 3) == 0)
    variant = (int) g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 1) + 8, NULL, 10);
  else
    variant = -1;
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return variant;
}

static void
assert_sound (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = ma_store_open (db, MA_STORE_OPEN_DEFAULT, &error);
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_no_error (error);
  /* ma_store_check runs PRAGMA integrity_check and FTS5's own check first. */
  problems = ma_store_check (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gint64
run_to_end (const char *const *args)
{
  gint64 start = g_get_monotonic_time ();
  int status;
  GPid pid = spawn_cli (args);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (pid);
  return g_get_monotonic_time () - start;
}

static void
test_kill_imports (void)
{
  g_autofree char *files[2] = { variant_file (0), variant_file (1) };
  g_autoptr (GRand) rand = g_rand_new_with_seed (19);
  guint kills = 0, runs = 0, torn_early = 0;
  gint64 duration = 0;
  int committed;
  guint n_actions;

  /* The first import adds the 300 extra Actions; time the next ones untouched. */
  run_to_end ((const char *const[]){ "import", "--format", "csv", "--mode", "update", "--database",
                                     db, files[0], NULL });
  for (guint i = 1; i <= 2; i++)
    duration += run_to_end ((const char *const[]){ "import", "--format", "csv", "--mode", "update",
                                                   "--database", db, files[i % 2], NULL });
  duration /= 2;
  committed = current_variant (&n_actions);
  g_assert_cmpint (committed, ==, 0);
  g_assert_cmpuint (n_actions, ==, 15 + N_EXTRA);

  while (kills < N_KILLS && runs < MAX_RUNS)
    {
      int next = 1 - committed;
      const char *const args[] = { "import",     "--format", "csv",       "--mode", "update",
                                   "--database", db,         files[next], NULL };
      GPid pid = spawn_cli (args);
      int status, now;

      /* Anywhere from the start of the process to a little past its usual end. */
      g_usleep ((gulong) g_rand_int_range (rand, 0, (gint32) (duration * 6 / 5) + 1));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      runs++;
      if (WIFSIGNALED (status))
        kills++;
      else
        g_assert_cmpint (WEXITSTATUS (status), ==, 0);

      now = current_variant (&n_actions);
      g_assert_cmpint (now, >=, 0); /* never a mixture */
      g_assert_cmpuint (n_actions, ==, 15 + N_EXTRA);
      /* An import that ended on its own is there; a killed one is all or nothing. */
      if (!WIFSIGNALED (status))
        g_assert_cmpint (now, ==, next);
      g_assert_true (now == committed || now == next);
      torn_early += now == committed && WIFSIGNALED (status);
      committed = now;
      /* The full check every tenth run and after the last: it costs more than a run. */
      if (runs % 10 == 0 || kills == N_KILLS)
        assert_sound ();
    }
  /* Each import backed the file up first: a kill during a backup left no file that
   * passes for one, and every backup listed is whole. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) backups = ma_backups_list (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (backups->len, ==, ma_backups_keep ());
    for (guint i = 0; i < backups->len; i++)
      g_assert_cmpint (((MaBackup *) backups->pdata[i])->n_actions, ==, 15 + N_EXTRA);
  }
  g_test_message ("%u runs, %u killed, %u killed before their commit", runs, kills, torn_early);
  g_assert_cmpuint (kills, >=, N_KILLS);
  /* Kills landed before commits (the runs that kept the earlier state). */
  g_assert_cmpuint (torn_early, >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ma-kill-loop-XXXXXX", NULL);
  db = g_build_filename (dir, "actions.db", NULL);
  /* The automatic backups of each import go here, not to the user's folder. */
  {
    g_autofree char *home = g_build_filename (dir, "home", NULL);
    g_setenv ("XDG_DATA_HOME", home, TRUE);
  }
  run_to_end ((const char *const[]){ "init", "--sample-data", "--database", db, NULL });

  g_test_add_func ("/kill-loop/imports", test_kill_imports);
  status = g_test_run ();
  remove_tree (dir);
  g_free (db);
  g_free (dir);
  return status;
}
