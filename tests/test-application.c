/* test-application.c: opening and creating databases, the welcome dialog
 *
 * What File ▸ Open…/New… and the first start do once a file is chosen: a new
 * database offers the sample Actions, an existing one opens as it is, and a file
 * that is not a database is refused with a message and left untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include "ma-application.h"
#include "ma-backups.h"
#include "ma-i18n.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

/* One application for the whole program: it exports itself on the session bus
 * once. Each test opens its own files in it. */
static MaApplication *app;

typedef struct
{
  MaApplication *app;
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ma-app-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->app = app;
}

static void
close_all_windows (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  ma_ui_test_run (50);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  close_all_windows ();
  /* The files the tests made: databases with their WAL and shared-memory files. */
  {
    g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The one window of type TYPE that is shown, or NULL. */
static GtkWindow *
find_window (GType type)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  return found;
}

static void
open_file (Fixture *fixture, const char *name, gboolean create, char **path)
{
  g_autoptr (GFile) file = NULL;

  *path = g_build_filename (fixture->dir, name, NULL);
  file = g_file_new_for_path (*path);
  ma_application_open_file (fixture->app, file, create);
  ma_ui_test_run (100);
}

static guint
count_actions (MaWindow *window)
{
  g_autoptr (GError) error = NULL;
  guint n = ma_action_query_count (ma_window_get_query (window), NULL, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_first_start (Fixture *fixture, gconstpointer data)
{
  const char *const responses[] = { "sample", "empty" };
  const guint expected[] = { 15, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%s.db", responses[i]);
      g_autofree char *path = NULL;
      AdwMessageDialog *dialog;
      MaWindow *window;

      /* A path that holds no file is a new database only once the user says so. */
      open_file (fixture, name, FALSE, &path);
      g_assert_null (find_window (MA_TYPE_WINDOW));
      dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Create a Database?");
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      /* What a click on a response does: respond, then close. */
      adw_message_dialog_response (dialog, i == 0 ? "cancel" : "create");
      gtk_window_close (GTK_WINDOW (dialog));
      ma_ui_test_run (100);
      if (i == 0)
        {
          /* Cancel makes nothing; New Database… makes it without asking. */
          g_assert_null (find_window (MA_TYPE_WINDOW));
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          g_clear_pointer (&path, g_free);
          open_file (fixture, name, TRUE, &path);
        }
      window = MA_WINDOW (find_window (MA_TYPE_WINDOW));
      g_assert_nonnull (window);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Welcome to MIEUX+ Actions");
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "sample");
      g_assert_cmpuint (count_actions (window), ==, 0);

      adw_message_dialog_response (dialog, responses[i]);
      ma_ui_test_run (100);
      g_assert_cmpuint (count_actions (window), ==, expected[i]);
      close_all_windows ();
    }
}

static void
test_open_existing (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = NULL;
  MaWindow *window;

  /* A database made by an earlier session: File ▸ New… on it (the file chooser has
   * asked before replacing it) and File ▸ Open… both open what is there. */
  open_file (fixture, "kept.db", TRUE, &path);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG)),
                               "sample");
  ma_ui_test_run (50);
  close_all_windows ();

  for (int create = 0; create <= 1; create++)
    {
      g_autofree char *again = NULL;

      open_file (fixture, "kept.db", create, &again);
      window = MA_WINDOW (find_window (MA_TYPE_WINDOW));
      g_assert_nonnull (window);
      g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_cmpuint (count_actions (window), ==, 15);
      close_all_windows ();
    }
  /* Opening it made the backup of the day, once. */
  {
    g_autoptr (GPtrArray) backups = ma_backups_list (path, NULL);
    g_autofree char *folder = ma_backups_folder (path);
    g_assert_cmpuint (backups->len, ==, 1);
    g_assert_cmpstr (((MaBackup *) backups->pdata[0])->reason, ==, "daily");
    g_assert_cmpint (((MaBackup *) backups->pdata[0])->n_actions, ==, 15);
    g_unlink (((MaBackup *) backups->pdata[0])->path);
    g_rmdir (folder);
  }
}

static void
test_open_foreign (Fixture *fixture, gconstpointer data)
{
  const char garbage[] = "name,amount\nnot a database,12\n";
  g_autofree char *path = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autofree char *opened = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  gsize length;

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  open_file (fixture, "foreign.db", FALSE, &opened);
  g_assert_null (find_window (MA_TYPE_WINDOW));
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the Database");
  g_assert_cmpuint (strlen (adw_message_dialog_get_body (dialog)), >, 0);

  /* Refused byte for byte untouched, and no side files left behind. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, garbage, strlen (garbage));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_read_only (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  GtkRevealer *banner;
  MaWindow *window;

  open_file (fixture, "read-only.db", TRUE, &path);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG)),
                               "sample");
  ma_ui_test_run (50);
  close_all_windows ();
  {
    char *text = NULL;
    gsize length;
    g_assert_true (g_file_get_contents (path, &text, &length, NULL));
    before = g_bytes_new_take (text, length);
  }

  /* What a file the user may not write opens as (root may write any file, so the
   * test asks for it). */
  store = ma_store_open (path, MA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  window = ma_window_new (GTK_APPLICATION (fixture->app), store);
  gtk_window_present (GTK_WINDOW (window));
  ma_ui_test_run (100);
  banner = GTK_REVEALER (
      gtk_widget_get_template_child (GTK_WIDGET (window), MA_TYPE_WINDOW, "read_only_banner"));
  g_assert_true (gtk_revealer_get_reveal_child (banner));

  /* New does nothing, an Action is shown but its fields cannot be edited. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-action", NULL);
  ma_ui_test_run (50);
  g_assert_cmpuint (count_actions (window), ==, 15);
  ma_window_select (window, ma_store_find_action (store, "Benin", NULL));
  ma_ui_test_run (100);
  g_assert_cmpint (ma_window_get_current (window), >, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ma_window_get_detail (window))));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-action", NULL) &&
                  count_actions (window) != 15);
  g_assert_cmpuint (count_actions (window), ==, 15);
  close_all_windows ();
  g_clear_object (&store);
  {
    char *text = NULL;
    gsize length;
    g_assert_true (g_file_get_contents (path, &text, &length, NULL));
    after = g_bytes_new_take (text, length);
  }
  g_assert_true (g_bytes_equal (before, after));

  /* A window on a writable file shows no banner. */
  open_file (fixture, "read-only.db", FALSE, &path);
  window = MA_WINDOW (find_window (MA_TYPE_WINDOW));
  banner = GTK_REVEALER (
      gtk_widget_get_template_child (GTK_WIDGET (window), MA_TYPE_WINDOW, "read_only_banner"));
  g_assert_false (gtk_revealer_get_reveal_child (banner));
}

static char *
stored_title (const char *path, const char *code)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *title = NULL;

  /* A second connection, as the next start of the program would read it. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT title FROM action WHERE code = ?", -1, &stmt, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return title;
}

static void
test_flush_on_leave_and_sigterm (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  MaActionDetail *detail;
  MaWindow *window;

  open_file (fixture, "typing.db", TRUE, &path);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG)),
                               "sample");
  ma_ui_test_run (50);
  window = MA_WINDOW (find_window (MA_TYPE_WINDOW));
  ma_window_select (window, ma_store_find_action (ma_window_get_store (window), "Benin", NULL));
  ma_ui_test_run (50);
  detail = ma_window_get_detail (window);

  /* Another page of the window: what was typed is written at once, not after the
   * half second an edit waits. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"), "Typed, then the map");
  g_assert_true (ma_action_detail_has_pending (detail));
  ma_window_show_view (window, "map");
  g_assert_false (ma_action_detail_has_pending (detail));
  title = stored_title (path, "Benin");
  g_assert_cmpstr (title, ==, "Typed, then the map");
  g_clear_pointer (&title, g_free);
  ma_window_show_view (window, "list");

  /* SIGTERM in the middle of typing: the window closes and the text is on disk.
   * Without the handler the signal would end this test program. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"), "Typed before SIGTERM");
  g_assert_true (ma_action_detail_has_pending (detail));
  kill (getpid (), SIGTERM);
  ma_ui_test_run (100); /* less than the 500 ms an edit waits */
  g_assert_null (find_window (MA_TYPE_WINDOW));
  title = stored_title (path, "Benin");
  g_assert_cmpstr (title, ==, "Typed before SIGTERM");
}

static gboolean
title_shown (gpointer data)
{
  MaActionDetail *detail = data;
  return g_strcmp0 (gtk_editable_get_text (ma_action_detail_get_entry (detail, "title")),
                    "Changed by the tool") == 0;
}

static void
test_live_refresh (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (MaStore) other = NULL;
  g_autoptr (GError) error = NULL;
  MaActionDetail *detail;
  MaWindow *window;
  gint64 benin;

  open_file (fixture, "live.db", TRUE, &path);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG)),
                               "sample");
  ma_ui_test_run (50);
  window = MA_WINDOW (find_window (MA_TYPE_WINDOW));
  benin = ma_store_find_action (ma_window_get_store (window), "Benin", NULL);
  ma_window_select (window, benin);
  ma_ui_test_run (50);
  detail = ma_window_get_detail (window);

  /* Another process's connection (as the command-line tool's) changes the title. */
  other = ma_store_open (path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ma_store_set_action_field (other, benin, "title", "Changed by the tool", &error));
  g_assert_no_error (error);
  /* Seen within a few seconds: the WAL monitor, or the timer while active. */
  g_assert_true (ma_ui_test_wait (title_shown, detail, 5));
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();
  app = ma_application_new ();
  {
    g_autoptr (GError) error = NULL;
    g_application_register (G_APPLICATION (app), NULL, &error);
    g_assert_no_error (error);
  }

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/application/first-start", test_first_start);
  ADD ("/application/open-existing", test_open_existing);
  ADD ("/application/open-foreign", test_open_foreign);
  ADD ("/application/read-only", test_read_only);
  ADD ("/application/flush-on-leave-and-sigterm", test_flush_on_leave_and_sigterm);
  ADD ("/application/live-refresh", test_live_refresh);
#undef ADD
  {
    int status = g_test_run ();
    g_object_unref (app);
    return status;
  }
}
