/* test-history-window.c: the history window tells every change of an Action with
 * names, when and who, and takes any change back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ma-history-window.h"
#include "ma-i18n.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"

static MaHistoryWindow *
find_history (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (MA_IS_HISTORY_WINDOW (window))
        return MA_HISTORY_WINDOW (window);
    }
  return NULL;
}

/* The row whose title has NEEDLE, or NULL. */
static AdwActionRow *
find_row (GtkListBox *list, const char *needle)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      if (row == NULL)
        return NULL;
      if (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), needle) != NULL)
        return ADW_ACTION_ROW (row);
    }
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_history (void)
{
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&path);
  gint64 action = ma_store_find_action (store, "Costa Rica", NULL);
  g_autoptr (GPtrArray) activities = ma_store_list_activities (store, action, NULL);
  g_autoptr (GPtrArray) partners = NULL;
  gint64 expert = ma_store_create_expert (store, "Ana Pereira", NULL, NULL);
  gint64 partner = ma_store_create_partner (store, "Universidad de Costa Rica", NULL, NULL, NULL);
  MaWindow *window;
  MaHistoryWindow *history;
  GtkListBox *list;
  AdwActionRow *row;

  g_assert_true (ma_store_set_activity_experts (store, ((MaActivity *) activities->pdata[0])->id,
                                                &expert, 1, NULL));
  g_assert_true (ma_store_set_activity_field (store, ((MaActivity *) activities->pdata[0])->id,
                                              "format", "hybrid", NULL));
  g_assert_true (ma_store_set_action_partners (store, action, &partner, 1, NULL));

  window = ma_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  ma_window_select (window, action);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
  ma_ui_test_run (100);
  history = find_history ();
  g_assert_nonnull (history);
  list = ma_history_window_get_list (history);

  /* Names, not ids or codes; which record; who. */
  g_assert_nonnull (find_row (list, "Experts: — → Ana Pereira"));
  row = find_row (list, "Format: Online → Hybrid");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Format: "));
  g_assert_nonnull (find_row (list, "Activity “"));
  row = find_row (list, "Partners: — → Universidad de Costa Rica");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), g_get_user_name ()));

  /* Taking the partner's addition back removes it, and the list shows that too. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (row)), "clicked");
  ma_ui_test_run (50);
  partners = ma_store_list_partners (store, action, NULL);
  for (guint i = 0; i < partners->len; i++)
    g_assert_cmpint (((MaPartner *) partners->pdata[i])->id, !=, partner);
  g_assert_nonnull (
      find_row (ma_history_window_get_list (history), "Partners: Universidad de Costa Rica → —"));

  gtk_window_destroy (GTK_WINDOW (history));
  gtk_window_destroy (GTK_WINDOW (window));
  ma_ui_test_run (10);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  ma_ui_test_init ();
  g_test_add_func ("/history-window/names-who-restore", test_history);
  return g_test_run ();
}
