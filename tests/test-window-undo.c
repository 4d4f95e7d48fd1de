/* test-window-undo.c: every deletion inside an Action has an undo toast, and
 * Ctrl+Z (win.undo) undoes the last edits of the Action shown, one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "ma-activity-row.h"
#include "ma-i18n.h"
#include "ma-output-row.h"
#include "ma-partner-row.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

typedef struct
{
  MaStore *store;
  char *path;
  MaWindow *window;
  MaActionDetail *detail;
  gint64 chaco;      /* every Action here is of the sample data */
  gint64 costa_rica; /* with activities and an output */
  gint64 kazakhstan; /* with partners */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = ma_ui_test_store (&f->path);
  f->window = ma_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ma_ui_test_wait_window (f->window));
  f->chaco = ma_store_find_action (f->store, "Gran Chaco", NULL);
  f->costa_rica = ma_store_find_action (f->store, "Costa Rica", NULL);
  f->kazakhstan = ma_store_find_action (f->store, "Kazakhstan", NULL);
  f->detail = ma_window_get_detail (f->window);
  ma_window_select (f->window, f->costa_rica);
  ma_ui_test_run (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ma_ui_test_run (10);
  g_clear_object (&f->store);
  g_free (f->path);
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count (Fixture *f, const char *sql, gint64 action)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n = 0;

  /* A second connection, as another program would read the file. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, action);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
text (Fixture *f, const char *sql, gint64 id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gboolean
nothing_pending (gpointer data)
{
  return !ma_action_detail_has_pending (MA_ACTION_DETAIL (data));
}

/* The toast is up, says what went and that Ctrl+Z works later too. */
static AdwToast *
assert_toast (Fixture *f, const char *what)
{
  AdwToast *toast = ma_window_get_undo_toast (f->window);

  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), what));
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Ctrl+Z"));
  return toast;
}

static void
undo_key (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  ma_ui_test_run (50);
}

#define ACTIVITIES "SELECT count (*) FROM activity WHERE action = ?"
#define OUTPUTS "SELECT count (*) FROM output WHERE action = ?"
#define PARTNERS "SELECT count (*) FROM action_partner WHERE action = ?"
#define EXPERTS                                                                                    \
  "SELECT count (*) FROM activity_expert WHERE activity IN (SELECT id FROM activity WHERE "        \
  "action = ?)"

static void
test_activity (Fixture *f, gconstpointer data)
{
  guint n = count (f, ACTIVITIES, f->costa_rica);
  guint experts = count (f, EXPERTS, f->costa_rica);
  GtkWidget *row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);

  g_assert_cmpuint (n, >, 0);
  g_assert_nonnull (row);
  /* As its trash button does. */
  g_signal_emit_by_name (row, "delete");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, ACTIVITIES, f->costa_rica), ==, n - 1);
  g_signal_emit_by_name (assert_toast (f, "deleted"), "button-clicked");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, ACTIVITIES, f->costa_rica), ==, n);
  g_assert_cmpuint (count (f, EXPERTS, f->costa_rica), ==, experts);

  /* Once the toast has gone, Ctrl+Z still brings it back. */
  row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);
  g_signal_emit_by_name (row, "delete");
  ma_ui_test_run (50);
  adw_toast_dismiss (ma_window_get_undo_toast (f->window));
  g_assert_cmpuint (count (f, ACTIVITIES, f->costa_rica), ==, n - 1);
  undo_key (f);
  g_assert_cmpuint (count (f, ACTIVITIES, f->costa_rica), ==, n);
  g_assert_cmpuint (count (f, EXPERTS, f->costa_rica), ==, experts);
  /* The page shows it again. */
  g_assert_nonnull (find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW));
}

static void
test_output (Fixture *f, gconstpointer data)
{
  guint n = count (f, OUTPUTS, f->costa_rica);
  GtkWidget *row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_OUTPUT_ROW);

  g_assert_cmpuint (n, >, 0);
  g_signal_emit_by_name (row, "delete");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, OUTPUTS, f->costa_rica), ==, n - 1);
  g_signal_emit_by_name (assert_toast (f, "deleted"), "button-clicked");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, OUTPUTS, f->costa_rica), ==, n);
}

static void
test_partner (Fixture *f, gconstpointer data)
{
  guint n = count (f, PARTNERS, f->kazakhstan);
  GtkWidget *row;

  ma_window_select (f->window, f->kazakhstan);
  ma_ui_test_run (50);
  row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_PARTNER_ROW);
  g_assert_cmpuint (n, >, 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "remove");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, PARTNERS, f->kazakhstan), ==, n - 1);
  g_signal_emit_by_name (assert_toast (f, "removed from the Action"), "button-clicked");
  ma_ui_test_run (50);
  g_assert_cmpuint (count (f, PARTNERS, f->kazakhstan), ==, n);
}

static void
test_expert (Fixture *f, gconstpointer data)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);
  gint64 activity = ma_activity_row_get_id (MA_ACTIVITY_ROW (row));
  g_autoptr (GPtrArray) experts = NULL;
  guint n;

  /* An expert by name, as typed in the activity's last row. */
  g_signal_emit_by_name (row, "add-expert", "Ana Pereira");
  ma_ui_test_run (100);
  experts = ma_store_list_activity_experts (f->store, activity, NULL);
  n = experts->len;
  g_assert_cmpuint (n, >, 0);
  row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);
  g_signal_emit_by_name (row, "remove-expert", ((MaExpert *) experts->pdata[n - 1])->id);
  ma_ui_test_run (100);
  g_clear_pointer (&experts, g_ptr_array_unref);
  experts = ma_store_list_activity_experts (f->store, activity, NULL);
  g_assert_cmpuint (experts->len, ==, n - 1);
  g_signal_emit_by_name (assert_toast (f, "removed from the activity"), "button-clicked");
  ma_ui_test_run (50);
  g_clear_pointer (&experts, g_ptr_array_unref);
  experts = ma_store_list_activity_experts (f->store, activity, NULL);
  g_assert_cmpuint (experts->len, ==, n);
  /* Ctrl+Z: the addition goes, too. */
  undo_key (f);
  g_clear_pointer (&experts, g_ptr_array_unref);
  experts = ma_store_list_activity_experts (f->store, activity, NULL);
  g_assert_cmpuint (experts->len, ==, n - 1);
}

/* Field by field, newest first; other Actions' edits stay; switching keeps them. */
static void
test_fields (Fixture *f, gconstpointer data)
{
  gint64 comesa = ma_store_find_action (f->store, "COMESA", NULL);
  g_autofree char *title = text (f, "SELECT title FROM action WHERE id = ?", f->chaco);
  g_autofree char *code = text (f, "SELECT code FROM action WHERE id = ?", f->chaco);
  g_autofree char *comesa_title = NULL;
  g_autofree char *now = NULL;

  ma_window_select (f->window, f->chaco);
  ma_ui_test_run (50);
  gtk_editable_set_text (ma_action_detail_get_entry (f->detail, "title"), "A new title");
  g_assert_true (ma_ui_test_wait (nothing_pending, f->detail, 3));
  gtk_editable_set_text (ma_action_detail_get_entry (f->detail, "code"), "GC-2");
  g_assert_true (ma_ui_test_wait (nothing_pending, f->detail, 3));

  ma_window_select (f->window, comesa);
  ma_ui_test_run (50);
  gtk_editable_set_text (ma_action_detail_get_entry (f->detail, "title"), "COMESA renamed");
  g_assert_true (ma_ui_test_wait (nothing_pending, f->detail, 3));
  ma_window_select (f->window, f->chaco);
  ma_ui_test_run (50);

  undo_key (f);
  now = text (f, "SELECT code FROM action WHERE id = ?", f->chaco);
  g_assert_cmpstr (now, ==, code);
  g_clear_pointer (&now, g_free);
  now = text (f, "SELECT title FROM action WHERE id = ?", f->chaco);
  g_assert_cmpstr (now, ==, "A new title");
  undo_key (f);
  g_clear_pointer (&now, g_free);
  now = text (f, "SELECT title FROM action WHERE id = ?", f->chaco);
  g_assert_cmpstr (now, ==, title);
  /* The page shows what was written back. */
  g_assert_cmpstr (gtk_editable_get_text (ma_action_detail_get_entry (f->detail, "title")), ==,
                   title);
  comesa_title = text (f, "SELECT title FROM action WHERE id = ?", comesa);
  g_assert_cmpstr (comesa_title, ==, "COMESA renamed");
  /* Nothing more for this Action: it says so, and changes nothing. */
  undo_key (f);
  g_clear_pointer (&now, g_free);
  now = text (f, "SELECT title FROM action WHERE id = ?", f->chaco);
  g_assert_cmpstr (now, ==, title);
}

/* In French, emptying both fields of the translation deletes it: toast, undo. */
static void
test_translation (void)
{
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&path);
  gint64 id = ma_store_find_action (store, "Gran Chaco", NULL);
  MaWindow *window;
  MaActionDetail *detail;
  g_autoptr (MaAction) action = NULL;
  AdwToast *toast;

  ma_i18n_set_language ("fr");
  window = ma_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  detail = ma_window_get_detail (window);
  ma_window_select (window, id);
  gtk_editable_set_text (ma_action_detail_get_translation_entry (detail), "");
  gtk_text_buffer_set_text (ma_action_detail_get_translation_summary (detail), "", -1);
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  action = ma_store_get_action (store, id, "fr", NULL);
  g_assert_cmpstr (ma_action_get_title_lang (action), ==, "en");
  toast = ma_window_get_undo_toast (window);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  ma_ui_test_run (50);
  g_clear_object (&action);
  action = ma_store_get_action (store, id, "fr", NULL);
  g_assert_cmpstr (ma_action_get_title (action), ==,
                   "La migration environnementale dans le Gran Chaco");
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
  ma_i18n_set_language ("en");
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-undo/activity", test_activity);
  ADD ("/window-undo/output", test_output);
  ADD ("/window-undo/partner", test_partner);
  ADD ("/window-undo/expert", test_expert);
  ADD ("/window-undo/fields", test_fields);
  g_test_add_func ("/window-undo/translation", test_translation);
#undef ADD
  return g_test_run ();
}
