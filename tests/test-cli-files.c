/* test-cli-files.c: mieux-actions-cli on files it should not create, cannot write,
 * or that sit on a full disk: a true message each time, and the file untouched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmpdir;
static char *db; /* with the sample Actions */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs PREFIX (NULL, or a command such as setpriv that runs the rest) and the
 * command-line tool with the arguments after FIRST. */
static void
cli_with (const char *const *prefix, Run *run, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  va_list ap;
  int wait_status;

  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (args, (char *) prefix[i]);
  g_ptr_array_add (args, (char *) g_getenv ("MA_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  env = g_environ_unsetenv (env, "MIEUX_ACTIONS_DB");
  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}
#define cli(run, ...) cli_with (NULL, run, __VA_ARGS__)

static char *
path_in (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static GBytes *
contents (const char *path)
{
  char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return g_bytes_new_take (text, length);
}

static void
test_no_surprise_files (void)
{
  g_autofree char *empty = path_in ("empty.db");
  g_autofree char *folder = path_in ("folder.db");
  g_autofree char *typo = path_in ("no-such-folder/actions.db");
  g_autofree char *typo_dir = path_in ("no-such-folder");
  g_autofree char *missing = path_in ("missing.db");
  GStatBuf info;

  /* A 0-byte file stays 0 bytes: it was never a database. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  {
    g_auto (Run) run = { 0 };
    cli (&run, "list", "--database", empty, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is an empty file, not a MIEUX+ Actions database"));
    g_assert_cmpint (g_stat (empty, &info), ==, 0);
    g_assert_cmpint (info.st_size, ==, 0);
  }
  /* A folder and a device are not database files. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_auto (Run) run = { 0 };
    cli (&run, "list", "--database", folder, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is a folder, not a database file"));
  }
  {
    g_auto (Run) run = { 0 };
    cli (&run, "check", "--database", "/dev/null", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is not a regular file"));
  }
  /* A missing file is not created by a command that reads, nor a mistyped folder by
   * init. */
  {
    g_auto (Run) run = { 0 };
    cli (&run, "list", "--database", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no database at"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = { 0 };
    cli (&run, "init", "--database", typo, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no folder"));
    g_assert_false (g_file_test (typo_dir, G_FILE_TEST_EXISTS));
  }
}

/* Another user than root, who may read the files of the test but not write them:
 * root writes any file whatever its mode. */
static const char *const nobody[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                      NULL };

static const char *const *
reader_prefix (void)
{
  return getuid () == 0 ? nobody : NULL;
}

static void
assert_reads_without_writing (const char *path, const char *update_csv)
{
  g_autoptr (GBytes) before = contents (path);
  g_autoptr (GBytes) after = NULL;
  g_autofree char *out = path_in ("out/read-only-export.json");

  {
    g_auto (Run) run = { 0 };
    cli_with (reader_prefix (), &run, "list", "--database", path, "--status", "completed",
              "--format", "tsv", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "MIRPS\t"));
  }
  {
    g_auto (Run) run = { 0 };
    cli_with (reader_prefix (), &run, "check", "--database", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "No problems found"));
  }
  {
    g_auto (Run) run = { 0 };
    cli_with (reader_prefix (), &run, "export", "--format", "json", "--database", path, "-o", out,
              NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    g_unlink (out);
  }
  {
    g_auto (Run) run = { 0 };
    cli_with (reader_prefix (), &run, "import", "--format", "csv", "--mode", "update", "--dry-run",
              "--database", path, update_csv, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "1 updated"));
  }
  {
    g_auto (Run) run = { 0 };
    cli_with (reader_prefix (), &run, "import", "--format", "csv", "--mode", "update", "--database",
              path, update_csv, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==,
                     "mieux-actions-cli: The database is read-only: the change was not saved\n");
  }
  after = contents (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only (void)
{
  g_autofree char *folder = path_in ("ro-folder");
  g_autofree char *file = path_in ("ro.db");
  g_autofree char *in_folder = g_build_filename (folder, "actions.db", NULL);
  g_autofree char *update = path_in ("update.csv");
  g_autoptr (GBytes) sample = contents (db);

  g_assert_true (
      g_file_set_contents (update, "code,title\nBrazil,Videos for asylum seekers\n", -1, NULL));
  g_chmod (update, 0644);

  /* A read-only file in a folder that may be written. */
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (sample, NULL),
                                      (gssize) g_bytes_get_size (sample), NULL));
  g_chmod (file, 0444);
  assert_reads_without_writing (file, update);

  /* A file that may be written in a folder that may not: SQLite cannot put its WAL
   * beside it. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (in_folder, g_bytes_get_data (sample, NULL),
                                      (gssize) g_bytes_get_size (sample), NULL));
  g_chmod (in_folder, 0644);
  g_chmod (folder, 0555);
  assert_reads_without_writing (in_folder, update);
  g_chmod (folder, 0755);
  g_chmod (file, 0644);
}

static void
test_permission (void)
{
  g_autofree char *secret = path_in ("secret.db");
  g_autoptr (GBytes) sample = contents (db);
  g_auto (Run) run = { 0 };
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");

  if (getuid () == 0 && setpriv == NULL)
    {
      g_test_skip ("root reads every file and setpriv is missing");
      return;
    }
  g_assert_true (g_file_set_contents (secret, g_bytes_get_data (sample, NULL),
                                      (gssize) g_bytes_get_size (sample), NULL));
  g_chmod (secret, 0200);
  cli_with (reader_prefix (), &run, "list", "--database", secret, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "You do not have permission to open"));
  g_chmod (secret, 0644);
}

/* A tmpfs of 2 MiB filled to the last block, mounted in a user and mount namespace
 * of the test's own (no root needed, nothing visible outside). */
static void
test_disk_full (void)
{
  g_autofree char *mount_dir = path_in ("full");
  g_autofree char *script = NULL;
  g_autofree char *update = path_in ("full-update.csv");
  g_auto (Run) run = { 0 };
  g_autoptr (GError) error = NULL;
  const char *unshare[] = { "unshare", "--user", "--map-root-user", "--mount", "sh", "-c", NULL,
                            "sh",      NULL };
  char *out = NULL, *err = NULL;
  int wait_status;
  g_autofree char *unshare_path = g_find_program_in_path ("unshare");

  if (unshare_path == NULL)
    {
      g_test_skip ("unshare (util-linux) is missing");
      return;
    }
  g_assert_cmpint (g_mkdir (mount_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (update, "code,title\nBrazil,Videos for all\n", -1, NULL));
  script = g_strdup_printf (
      "mount -t tmpfs -o size=2m tmpfs '%1$s' || exit 77; cp '%2$s' '%1$s/a.db'; "
      "dd if=/dev/zero of='%1$s/fill' bs=4k 2>/dev/null; "
      "'%3$s' list --database '%1$s/a.db' >/dev/null 2>'%1$s/../full-list.err'; echo \"list $?\"; "
      "'%3$s' import --format csv --mode update --database '%1$s/a.db' '%4$s' "
      "  2>'%1$s/../full-import.err'; echo \"import $?\"; "
      "'%3$s' init --database '%1$s/new.db' 2>'%1$s/../full-init.err'; echo \"init $?\"; "
      "test -e '%1$s/new.db' && echo 'new.db left behind'; "
      "cmp -s '%2$s' '%1$s/a.db' && echo 'a.db intact'; exit 0",
      mount_dir, db, g_getenv ("MA_CLI"), update);
  unshare[6] = script;
  g_spawn_sync (NULL, (char **) unshare, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  run.out = out;
  run.err = err;
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) == 77 ||
      strstr (run.err, "unshare") != NULL)
    {
      g_test_skip ("no user namespace to mount a small tmpfs in");
      return;
    }
  g_assert_cmpstr (run.out, ==, "list 1\nimport 1\ninit 1\na.db intact\n");
  {
    const char *const names[] = { "full-list.err", "full-import.err", "full-init.err" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = path_in (names[i]);
        g_autofree char *text = NULL;
        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
        g_assert_true (g_str_has_prefix (text, "mieux-actions-cli: The disk is full: "));
        g_assert_null (strstr (text, "damaged"));
      }
  }
}

static void
test_backups_and_restore (void)
{
  g_autofree char *path = path_in ("backed-up.db");
  g_autofree char *csv = path_in ("backed-up.csv");
  g_autoptr (GBytes) sample = contents (db);
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) fields = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (sample, NULL),
                                      (gssize) g_bytes_get_size (sample), NULL));
  {
    g_auto (Run) run = { 0 };
    cli (&run, "backups", "--database", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "No automatic backup yet"));
  }
  /* An import backs the file up first. */
  g_assert_true (g_file_set_contents (csv, "title,status\nSenegal — diaspora,request\n", -1, NULL));
  {
    g_auto (Run) run = { 0 };
    cli (&run, "import", "--format", "csv", "--database", path, csv, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = { 0 };
    cli (&run, "backups", "--database", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    lines = g_strsplit (run.out, "\n", -1);
  }
  /* date, reason, Action count, file */
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);
  g_assert_true (
      g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$", fields[0], 0, 0));
  g_assert_cmpstr (fields[1], ==, "import");
  g_assert_cmpstr (fields[2], ==, "15 Actions");
  g_assert_true (g_file_test (fields[3], G_FILE_TEST_IS_REGULAR));

  /* restore puts the 15 back, after backing up the 16. */
  {
    g_auto (Run) run = { 0 };
    cli (&run, "restore", "--database", path, fields[3], NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "Restored "));
    g_assert_nonnull (strstr (run.out, ": 15 Actions\nThe state before was backed up as "));
  }
  {
    g_auto (Run) run = { 0 };
    cli (&run, "check", "--database", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = { 0 };
    g_auto (GStrv) after = NULL;
    cli (&run, "backups", "--database", path, NULL);
    after = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (after), ==, 3);
    g_assert_nonnull (strstr (after[0], "\trestore\t16 Actions\t"));
  }
  {
    g_auto (Run) run = { 0 };
    cli (&run, "list", "--database", path, "--format", "tsv", NULL);
    g_assert_null (strstr (run.out, "Senegal"));
  }
  /* Not a backup: refused, one line. */
  {
    g_auto (Run) run = { 0 };
    cli (&run, "restore", "--database", path, csv, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "not a MIEUX+ Actions database"));
  }
}

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

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ma-cli-files-XXXXXX", NULL);
  /* Readable by the other user of test_read_only. */
  g_chmod (tmpdir, 0755);
  db = g_build_filename (tmpdir, "sample.db", NULL);
  {
    g_auto (Run) run = { 0 };
    cli (&run, "init", "--sample-data", "--database", db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_chmod (db, 0644);
  }
  {
    /* Where the other user may write its exports. */
    g_autofree char *out = path_in ("out");
    g_assert_cmpint (g_mkdir (out, 0777), ==, 0);
    g_chmod (out, 0777);
  }

  g_test_add_func ("/cli-files/no-surprise-files", test_no_surprise_files);
  g_test_add_func ("/cli-files/read-only", test_read_only);
  g_test_add_func ("/cli-files/permission", test_permission);
  g_test_add_func ("/cli-files/disk-full", test_disk_full);
  g_test_add_func ("/cli-files/backups-and-restore", test_backups_and_restore);
  status = g_test_run ();

  remove_tree (tmpdir);
  g_free (db);
  g_free (tmpdir);
  return status;
}
