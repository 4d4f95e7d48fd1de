/* test-dates.c: dates typed as people write them (31/12/2023, 12/2023, 2023) and
 * shown the same way, the calendar, number errors that say why, activities
 * outside their Action's period, and no re-sorting under the row edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "ma-activity-row.h"
#include "ma-i18n.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

typedef struct
{
  MaStore *store;
  char *path;
  MaWindow *window;
  MaActionDetail *detail;
  gint64 action; /* Costa Rica: three activities */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  /* In French: the forms of the language, the fr/es case of the issue. */
  ma_i18n_set_language ("fr");
  f->store = ma_ui_test_store (&f->path);
  f->window = ma_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ma_ui_test_wait_window (f->window));
  f->action = ma_store_find_action (f->store, "Costa Rica", NULL);
  f->detail = ma_window_get_detail (f->window);
  ma_window_select (f->window, f->action);
  ma_ui_test_run (50);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ma_ui_test_run (10);
  g_clear_object (&f->store);
  g_free (f->path);
  ma_i18n_set_language ("en");
}

static char *
stored (Fixture *f, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->action);
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

static void
type_date (Fixture *f, const char *field, const char *text)
{
  gtk_editable_set_text (ma_action_detail_get_entry (f->detail, field), text);
  g_assert_true (ma_ui_test_wait (nothing_pending, f->detail, 3));
  ma_ui_test_run (50);
}

static void
test_forms (Fixture *f, gconstpointer data)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  type_date (f, "end_date", "31/12/2023");
  end = stored (f, "SELECT end_date FROM action WHERE id = ?");
  g_assert_cmpstr (end, ==, "2023-12-31");
  type_date (f, "start_date", "3/2021");
  start = stored (f, "SELECT start_date FROM action WHERE id = ?");
  g_assert_cmpstr (start, ==, "2021-03");
  g_assert_null (ma_action_detail_get_error (f->detail));

  /* Shown the same way when the Action is shown again. */
  ma_window_select (f->window, ma_store_find_action (f->store, "COMESA", NULL));
  ma_ui_test_run (50);
  ma_window_select (f->window, f->action);
  ma_ui_test_run (50);
  g_assert_cmpstr (gtk_editable_get_text (ma_action_detail_get_entry (f->detail, "end_date")), ==,
                   "31/12/2023");
  g_assert_cmpstr (gtk_editable_get_text (ma_action_detail_get_entry (f->detail, "start_date")), ==,
                   "03/2021");

  /* A wrong date says how to write one, in the language's forms. */
  type_date (f, "end_date", "31/02/2023");
  g_assert_nonnull (ma_action_detail_get_error (f->detail));
  g_assert_nonnull (strstr (ma_action_detail_get_error (f->detail), "31/02/2023"));
  g_assert_nonnull (strstr (ma_action_detail_get_error (f->detail), "19/10/2021"));
}

static void
test_calendar (Fixture *f, gconstpointer data)
{
  GtkWidget *calendar = find_widget (GTK_WIDGET (f->detail), GTK_TYPE_CALENDAR);
  g_autoptr (GDateTime) day = g_date_time_new_local (2022, 5, 17, 0, 0, 0);
  g_autofree char *start = NULL;

  g_assert_nonnull (calendar);
  /* As a click on the 17th does. */
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_assert_true (ma_ui_test_wait (nothing_pending, f->detail, 3));
  g_assert_cmpstr (gtk_editable_get_text (ma_action_detail_get_entry (f->detail, "start_date")), ==,
                   "17/05/2022");
  start = stored (f, "SELECT start_date FROM action WHERE id = ?");
  g_assert_cmpstr (start, ==, "2022-05-17");
}

static gint64
row_ids (Fixture *f, GArray *ids)
{
  g_array_set_size (ids, 0);
  for (GtkWidget *w = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (MA_IS_ACTIVITY_ROW (w))
      {
        gint64 id = ma_activity_row_get_id (MA_ACTIVITY_ROW (w));
        g_array_append_val (ids, id);
      }
  return ids->len;
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  g_autoptr (GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) after = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 last;
  GtkWidget *row;

  g_assert_cmpint (row_ids (f, before), ==, 3);
  last = g_array_index (before, gint64, 2);
  /* An earlier date for the last one: written, warned about (the Action starts in
   * 2021), and the rows stay where they are. */
  g_assert_true (ma_store_set_action_field (f->store, f->action, "start_date", "2021", NULL));
  g_assert_true (ma_store_set_activity_field (f->store, last, "start_date", "2019-05", NULL));
  ma_ui_test_run (100);
  row_ids (f, after);
  g_assert_cmpint (after->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), ==, g_array_index (before, gint64, i));
  row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);
  while (row != NULL && ma_activity_row_get_id (MA_ACTIVITY_ROW (row)) != last)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);
  g_assert_true (ma_activity_row_is_outside (MA_ACTIVITY_ROW (row)));
  g_assert_true (gtk_widget_has_css_class (row, "warning"));
}

/* "vingt" participants: red, and the page says why. */
static void
test_number (Fixture *f, gconstpointer data)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->detail), MA_TYPE_ACTIVITY_ROW);

  g_signal_emit_by_name (row, "field-changed", "participants", "vingt",
                         ma_activity_row_get_add_expert_row (MA_ACTIVITY_ROW (row)));
  ma_action_detail_flush (f->detail);
  g_assert_nonnull (ma_action_detail_get_error (f->detail));
  g_assert_nonnull (strstr (ma_action_detail_get_error (f->detail), "vingt"));
  g_assert_nonnull (strstr (ma_action_detail_get_error (f->detail), "25"));
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dates/forms", test_forms);
  ADD ("/dates/calendar", test_calendar);
  ADD ("/dates/activities", test_activities);
  ADD ("/dates/number", test_number);
#undef ADD
  return g_test_run ();
}
