/* test-window.c: the main window on a test database, driven in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "ma-checklist-dialog.h"
#include "ma-history-window.h"
#include "ma-i18n.h"
#include "ma-action-row.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

typedef struct
{
  MaStore *store;
  char *path;
  MaWindow *window;
} Fixture;

typedef struct
{
  MaWindow *window;
  guint n;
} CountWait;

static guint
n_rows (MaWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (ma_window_get_action_list (window)));
}

static gboolean
has_rows (gpointer data)
{
  CountWait *wait = data;
  return n_rows (wait->window) == wait->n;
}

static void
assert_rows (MaWindow *window, guint n)
{
  CountWait wait = { window, n };

  /* The search entry waits for its search-delay before it tells the window. */
  ma_ui_test_wait (has_rows, &wait, 3);
  g_assert_cmpuint (n_rows (window), ==, n);
}

static gboolean
nothing_pending (gpointer data)
{
  return !ma_action_detail_has_pending (MA_ACTION_DETAIL (data));
}

static char *
sql_text (const char *path, const char *sql, gint64 id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text = NULL;

  /* A second connection, as another program would read the file. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->store = ma_ui_test_store (&fixture->path);
  fixture->window = ma_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (ma_ui_test_wait_window (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  ma_ui_test_run (10);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  GtkEditable *entry = GTK_EDITABLE (ma_window_get_search_entry (window));

  assert_rows (window, 15);
  g_assert_cmpstr (gtk_label_get_text (ma_window_get_count_label (window)), ==, "15 Actions");

  gtk_editable_set_text (entry, "chaco");
  assert_rows (window, 1);
  /* Enter opens the first Action found. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (ma_window_get_current (window), ==,
                   ma_store_find_action (fixture->store, "Gran Chaco", NULL));
  g_assert_cmpstr (ma_filter_get_search (ma_window_get_filter (window)), ==, "chaco");
  g_assert_cmpstr (gtk_label_get_text (ma_window_get_count_label (window)), ==, "1 of 15 Actions");

  /* Accents and case do not matter. */
  gtk_editable_set_text (entry, "asuncion zzzz");
  assert_rows (window, 0);
  gtk_editable_set_text (entry, "");
  assert_rows (window, 15);
}

static void
test_first_frame (void)
{
  static const char *const menu_buttons[] = { "primary_menu_button", "sort_button",
                                              "action_menu_button" };
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&path);
  MaWindow *window = ma_window_new (NULL, store);
  GtkStack *stack = ma_window_get_list_stack (window);

  /* Before its first frame the window has not listed anything yet: it says so,
   * rather than "no Actions" or "no match". */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_label_get_text (ma_window_get_count_label (window)), ==, "Loading Actions…");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  ma_ui_test_run (100);
  assert_rows (window, 15);
  g_assert_cmpstr (gtk_label_get_text (ma_window_get_count_label (window)), ==, "15 Actions");

  /* The detail pane and the shortcuts window wait until they are wanted. */
  g_assert_null (ma_window_peek_detail (window));
  g_assert_null (ma_window_peek_help_overlay (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (ma_window_peek_help_overlay (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ma_window_peek_help_overlay (window))));
  gtk_window_close (ma_window_peek_help_overlay (window));
  ma_ui_test_run (10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ma_window_peek_help_overlay (window))));
  ma_window_select (window, ma_store_find_action (store, "Gran Chaco", NULL));
  g_assert_nonnull (ma_window_peek_detail (window));
  g_assert_cmpint (ma_window_get_current (window), >, 0);

  /* So do the menus of ma-window.ui: each button gets its menu as it first opens. */
  for (guint i = 0; i < G_N_ELEMENTS (menu_buttons); i++)
    {
      GtkMenuButton *button = GTK_MENU_BUTTON (
          gtk_widget_get_template_child (GTK_WIDGET (window), MA_TYPE_WINDOW, menu_buttons[i]));

      g_assert_null (gtk_menu_button_get_menu_model (button));
      gtk_menu_button_popup (button);
      g_assert_true (G_IS_MENU_MODEL (gtk_menu_button_get_menu_model (button)));
      g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (button)), >, 0);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
      gtk_menu_button_popdown (button);
    }

  /* The empty states are built when first needed, and the other views exist. */
  gtk_editable_set_text (GTK_EDITABLE (ma_window_get_search_entry (window)), "zzzz");
  assert_rows (window, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  ma_window_show_view (window, "map");
  ma_ui_test_run (20);
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

/* Rows whose title differs from their Action's; only rows GTK shows when VISIBLE. */
static guint
count_wrong_rows (GtkWidget *widget, gboolean visible, guint *checked)
{
  guint wrong = 0;

  if (MA_IS_ACTION_ROW (widget) && ma_action_row_get_slot (MA_ACTION_ROW (widget)) != NULL &&
      (!visible || gtk_widget_get_height (widget) > 0))
    {
      g_autoptr (MaAction) action =
          ma_action_slot_dup_action (ma_action_row_get_slot (MA_ACTION_ROW (widget)));
      const char *title = action != NULL ? ma_action_get_title (action) : "";
      (*checked)++;
      return g_strcmp0 (title, ma_action_row_get_shown_title (MA_ACTION_ROW (widget))) != 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wrong += count_wrong_rows (child, visible, checked);
  return wrong;
}

static void
test_rows_retexted (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  GtkEditable *entry = GTK_EDITABLE (ma_window_get_search_entry (window));
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  guint checked = 0;

  /* A short window: most bound rows are outside the list's visible part. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 300);
  ma_ui_test_run (100);
  gtk_editable_set_text (entry, "mi");
  assert_rows (window, 11);
  gtk_editable_set_text (entry, "");
  assert_rows (window, 15);
  ma_ui_test_run (30);
  /* What shows is right at once… */
  g_assert_cmpuint (count_wrong_rows (GTK_WIDGET (window), TRUE, &checked), ==, 0);
  g_assert_cmpuint (checked, >, 0);
  /* …and a scroll shows the others right too, before typing pauses. */
  scrolled = gtk_stack_get_child_by_name (ma_window_get_list_stack (window), "list");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_editable_set_text (entry, "a");
  assert_rows (window, 13);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  checked = 0;
  g_assert_cmpuint (count_wrong_rows (GTK_WIDGET (window), FALSE, &checked), ==, 0);
  g_assert_cmpuint (checked, >=, 13);
  /* Once typing pauses every bound row is right, scrolled or not. */
  gtk_editable_set_text (entry, "e");
  ma_ui_test_run (600);
  checked = 0;
  g_assert_cmpuint (count_wrong_rows (GTK_WIDGET (window), FALSE, &checked), ==, 0);
}

static void
test_facet (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  GtkMenuButton *button = ma_window_get_filter_button (window);
  GtkWidget *chip;

  /* Through the facet menu, as a click on "Region › Latin America…" does. */
  gtk_menu_button_popup (button);
  ma_ui_test_run (20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "facet.region.lac", NULL));
  gtk_menu_button_popdown (button);
  assert_rows (window, 6);
  g_assert_true (ma_filter_has_code (ma_window_get_filter (window), MA_FILTER_REGION, "lac"));

  /* A chip shows the facet; clicking it removes the facet. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ma_window_get_chips (window))));
  chip = gtk_flow_box_child_get_child (
      gtk_flow_box_get_child_at_index (ma_window_get_chips (window), 0));
  g_assert_true (GTK_IS_BUTTON (chip));
  g_signal_emit_by_name (chip, "clicked");
  assert_rows (window, 15);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ma_window_get_chips (window))));

  /* A year and a status together; search on top. */
  ma_filter_set_year (ma_window_get_filter (window), 2021);
  ma_filter_add_code (ma_window_get_filter (window), MA_FILTER_STATUS, "completed");
  g_assert_cmpuint (n_rows (window), <, 15);
}

static void
test_saved_view (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  MaFilter *filter = ma_window_get_filter (window);
  g_autoptr (GError) error = NULL;

  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  g_assert_true (ma_store_save_view (fixture->store, "Latin America", filter, &error));
  g_assert_no_error (error);
  ma_filter_clear (filter);
  assert_rows (window, 15);
  g_assert_true (ma_window_load_view (window, "Latin America", &error));
  g_assert_no_error (error);
  assert_rows (window, 6);
}

static void
test_edit_title (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  MaActionDetail *detail = ma_window_get_detail (window);
  gint64 id = ma_store_find_action (fixture->store, "Gran Chaco", NULL);
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;

  g_assert_cmpint (id, >, 0);
  ma_window_select (window, id);
  g_assert_cmpint (ma_window_get_current (window), ==, id);
  g_assert_cmpuint (gtk_single_selection_get_selected (ma_window_get_selection (window)), !=,
                    GTK_INVALID_LIST_POSITION);

  /* Markup characters are text, not Pango markup. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"),
                         "Climate & migration <Gran Chaco>");
  g_assert_true (ma_action_detail_has_pending (detail));
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  title = sql_text (fixture->path, "SELECT title FROM action WHERE id = ?", id);
  g_assert_cmpstr (title, ==, "Climate & migration <Gran Chaco>");
  g_assert_null (ma_action_detail_get_error (detail));

  /* An empty title is refused, shown and not written. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"), "");
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  g_assert_nonnull (ma_action_detail_get_error (detail));
  g_clear_pointer (&title, g_free);
  title = sql_text (fixture->path, "SELECT title FROM action WHERE id = ?", id);
  g_assert_cmpstr (title, ==, "Climate & migration <Gran Chaco>");

  /* End before start: refused too. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"), "Gran Chaco");
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "start_date"), "2022-03");
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "end_date"), "2021");
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  g_assert_nonnull (ma_action_detail_get_error (detail));
  start = sql_text (fixture->path, "SELECT start_date FROM action WHERE id = ?", id);
  g_assert_cmpstr (start, ==, "2022-03");
  g_clear_pointer (&start, g_free);
  start = sql_text (fixture->path, "SELECT end_date FROM action WHERE id = ?", id);
  g_assert_null (start);

  /* The list row shows the new title once written. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "end_date"), "2023");
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  g_assert_null (ma_action_detail_get_error (detail));

  /* The history lists the change, with the field's name. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *history = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
    ma_ui_test_run (50);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (MA_IS_HISTORY_WINDOW (toplevel))
          history = toplevel;
      }
    g_assert_nonnull (history);
    gtk_window_destroy (history);
  }

  /* Closing the window writes what is pending at once. */
  gtk_editable_set_text (ma_action_detail_get_entry (detail, "title"), "Written on close");
  g_assert_true (ma_action_detail_has_pending (detail));
  gtk_window_close (GTK_WINDOW (window));
  fixture->window = NULL;
  g_clear_pointer (&title, g_free);
  title = sql_text (fixture->path, "SELECT title FROM action WHERE id = ?", id);
  g_assert_cmpstr (title, ==, "Written on close");
}

static void
test_translation (void)
{
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&path);
  gint64 id = ma_store_find_action (store, "Gran Chaco", NULL);
  g_autofree char *title = NULL;
  MaWindow *window;
  MaActionDetail *detail;
  GtkEditable *entry;

  /* A French window shows the French text beside the English original. */
  ma_i18n_set_language ("fr");
  window = ma_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  detail = ma_window_get_detail (window);
  ma_window_select (window, id);
  entry = ma_action_detail_get_translation_entry (detail);
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "Migrations climatiques dans le Gran Chaco");
  g_assert_true (ma_ui_test_wait (nothing_pending, detail, 3));
  g_assert_null (ma_action_detail_get_error (detail));
  title = sql_text (path, "SELECT title FROM action_text WHERE action = ? AND lang = 'fr'", id);
  g_assert_cmpstr (title, ==, "Migrations climatiques dans le Gran Chaco");
  g_clear_pointer (&title, g_free);
  /* The original is untouched. */
  title = sql_text (path, "SELECT title FROM action WHERE id = ?", id);
  g_assert_cmpstr (title, ==, "Environmental migration in the Gran Chaco");
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
  ma_i18n_set_language ("en");
}

static void
test_countries (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  MaActionDetail *detail = ma_window_get_detail (window);
  gint64 id = ma_store_find_action (fixture->store, "Gran Chaco", NULL);
  g_autofree char *countries = NULL;
  GtkWidget *dialog;

  ma_window_select (window, id);
  dialog = ma_action_detail_choose (detail, MA_VOCABULARY_COUNTRY);
  g_assert_true (MA_IS_CHECKLIST_DIALOG (dialog));
  /* Each click is written at once: add Ecuador, remove Bolivia. */
  ma_checklist_dialog_set_active (MA_CHECKLIST_DIALOG (dialog), "EC", TRUE);
  ma_checklist_dialog_set_active (MA_CHECKLIST_DIALOG (dialog), "BO", FALSE);
  countries = sql_text (fixture->path,
                        "SELECT group_concat (country, ' ') FROM (SELECT country FROM "
                        "action_country WHERE action = ? ORDER BY country)",
                        id);
  g_assert_cmpstr (countries, ==, "AR EC PY");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_partner_picker (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  MaActionDetail *detail = ma_window_get_detail (window);
  GtkEditable *search = ma_action_detail_get_partner_search (detail);
  gint64 id = ma_store_find_action (fixture->store, "Gran Chaco", NULL);
  g_autoptr (GPtrArray) before = ma_store_list_partners (fixture->store, id, NULL);
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *linked = NULL;

  ma_window_select (window, id);
  /* A name nobody has: Enter creates the partner and links it. */
  gtk_editable_set_text (search, "Red Chaco & Asociados");
  ma_ui_test_run (300);
  g_signal_emit_by_name (search, "activate");
  ma_ui_test_run (50);
  after = ma_store_list_partners (fixture->store, id, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  linked = sql_text (fixture->path,
                     "SELECT p.name FROM partner p JOIN action_partner ap ON ap.partner = p.id "
                     "WHERE ap.action = ? AND p.name LIKE 'Red Chaco%'",
                     id);
  g_assert_cmpstr (linked, ==, "Red Chaco & Asociados");
}

static void
test_delete_undo (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  gint64 id = ma_store_find_action (fixture->store, "Gran Chaco", NULL);
  g_autofree char *countries = NULL;
  AdwToast *toast;
  gint64 restored;

  ma_window_select (window, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-action", NULL));
  assert_rows (window, 14);
  g_assert_cmpint (ma_window_get_current (window), !=, id);
  toast = ma_window_get_undo_toast (window);
  g_assert_nonnull (toast);

  g_signal_emit_by_name (toast, "button-clicked");
  assert_rows (window, 15);
  restored = ma_window_get_current (window);
  g_assert_cmpint (restored, >, 0);
  countries = sql_text (fixture->path,
                        "SELECT group_concat (country, ' ') FROM (SELECT country FROM "
                        "action_country WHERE action = ? ORDER BY country)",
                        restored);
  g_assert_cmpstr (countries, ==, "AR BO PY");

  /* The second deletion reuses the same toast; Ctrl+Z in the list undoes too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-action", NULL));
  g_assert_true (ma_window_get_undo_toast (window) == toast);
  assert_rows (window, 14);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  assert_rows (window, 15);
}

static void
test_new_duplicate (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  gint64 id;
  g_autofree char *title = NULL;

  gtk_editable_set_text (GTK_EDITABLE (ma_window_get_search_entry (window)), "chaco");
  assert_rows (window, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-action", NULL));
  /* The new Action did not match the search: the search was cleared to show it. */
  assert_rows (window, 16);
  id = ma_window_get_current (window);
  g_assert_cmpint (id, >, 0);
  title = sql_text (fixture->path, "SELECT title FROM action WHERE id = ?", id);
  g_assert_cmpstr (title, ==, "New Action");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-action", NULL));
  assert_rows (window, 17);
  g_assert_cmpint (ma_window_get_current (window), !=, id);
}

static void
test_sort (Fixture *fixture, gconstpointer data)
{
  MaWindow *window = fixture->window;
  MaActionList *list = ma_window_get_action_list (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort", "s", "code"));
  g_assert_cmpint (ma_action_list_get_sort (list), ==, MA_SORT_CODE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-descending", NULL));
  g_assert_true (ma_action_list_get_descending (list));
  assert_rows (window, 15);
}

/* Icon-only buttons of the app say what they do (tooltip and accessible name set
 * together in the templates and the code). */
static guint n_icon_buttons;

static void
collect_unnamed (GtkWidget *widget, GPtrArray *unnamed)
{
  gboolean icon_only = FALSE;

  if (GTK_IS_MENU_BUTTON (widget))
    icon_only = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL;
  else if (GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
           gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) == NULL)
    icon_only = gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL;
  if (icon_only)
    n_icon_buttons++;
  if (icon_only && gtk_widget_get_visible (widget) && gtk_widget_get_tooltip_text (widget) == NULL)
    g_ptr_array_add (unnamed, (gpointer) G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
test_icon_buttons (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) unnamed = g_ptr_array_new ();
  gint64 id = ma_store_find_action (fixture->store, "COMESA", NULL);

  ma_window_select (fixture->window, id);
  ma_ui_test_run (50);
  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("icon-only button without a name in %s", (char *) unnamed->pdata[i]);
  g_assert_cmpuint (unnamed->len, ==, 0);
  /* New, filter, sort, back, menus, partner/activity/output buttons, removals… */
  g_assert_cmpuint (n_icon_buttons, >=, 10);
}

static void
test_settings (void)
{
  g_autoptr (MaStore) store = ma_ui_test_store (NULL);
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  MaWindow *window;

  /* The size on close comes back next time; so does the last view. */
  window = ma_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  ma_ui_test_run (50);
  gtk_window_close (GTK_WINDOW (window));
  ma_ui_test_run (10);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), >=, 300);

  window = ma_window_new (NULL, store);
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  /* Private XDG_*_HOME come from the test environment (tests/meson.build):
   * G_TEST_OPTION_ISOLATE_DIRS also hides XDG_DATA_DIRS, where the MIME
   * database that gdk-pixbuf needs to load SVG icons lives. */
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/search", test_search);
  ADD ("/window/rows-retexted", test_rows_retexted);
  ADD ("/window/facet", test_facet);
  ADD ("/window/saved-view", test_saved_view);
  ADD ("/window/edit-title", test_edit_title);
  ADD ("/window/partner-picker", test_partner_picker);
  ADD ("/window/countries", test_countries);
  ADD ("/window/delete-undo", test_delete_undo);
  ADD ("/window/new-duplicate", test_new_duplicate);
  ADD ("/window/sort", test_sort);
  ADD ("/window/icon-buttons", test_icon_buttons);
  g_test_add_func ("/window/translation", test_translation);
  g_test_add_func ("/window/first-frame", test_first_frame);
  {
    g_autoptr (GSettingsSchema) schema =
        g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
    if (schema != NULL)
      g_test_add_func ("/window/settings", test_settings);
  }
#undef ADD
  return g_test_run ();
}
