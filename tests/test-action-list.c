/* test-action-list.c: the lazy list model of Actions (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ma-action-list.h"
#include "ma-i18n.h"

typedef struct
{
  guint position, removed, added, calls;
} ItemsChanged;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  ItemsChanged *changed = data;

  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->calls++;
}

static void
on_slot_changed (MaActionSlot *slot, gpointer data)
{
  (*(guint *) data)++;
}

static MaStore *
sample_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-list-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "actions.db", NULL);
  MaStore *store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (ma_store_load_sample_data (store, &error));
  return store;
}

static void
test_slots (void)
{
  g_autoptr (MaStore) store = sample_store ();
  g_autoptr (MaActionQuery) query = ma_action_query_new (store);
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaActionList) list = ma_action_list_new (query, filter, "en");
  g_autoptr (MaActionSlot) first = NULL;
  g_autoptr (MaActionSlot) last = NULL;
  g_autoptr (MaAction) action = NULL;
  ItemsChanged changed = { 0 };
  guint first_changes = 0;
  gint64 chaco = ma_store_find_action (store, "Gran Chaco", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 15);
  g_assert_cmpuint (ma_action_list_get_total (list), ==, 15);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MA_TYPE_ACTION_SLOT);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), 14);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 15));
  g_assert_cmpuint (ma_action_slot_get_position (last), ==, 14);
  action = ma_action_slot_dup_action (first);
  g_assert_nonnull (action);
  g_assert_cmpint (ma_action_get_id (action), ==, ma_action_slot_get_id (first));
  g_clear_object (&action);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_signal_connect (first, "changed", G_CALLBACK (on_slot_changed), &first_changes);

  /* A search announces only the tail; the kept slot shows another Action. */
  ma_filter_set_search (filter, "chaco");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 14);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpint (ma_action_slot_get_id (first), ==, chaco);
  g_assert_cmpuint (first_changes, ==, 1);
  g_assert_cmpint (ma_action_slot_get_id (last), ==, 0);
  g_assert_cmpuint (ma_action_list_find (list, chaco), ==, 0);
  action = ma_action_slot_dup_action (first);
  g_assert_cmpstr (ma_action_get_code (action), ==, "Gran Chaco");
  g_clear_object (&action);

  /* An edit of the shown Action re-texts its slot. */
  g_assert_true (ma_store_set_action_field (store, chaco, "title", "Chaco edited", NULL));
  g_assert_cmpuint (first_changes, ==, 2);
  action = ma_action_slot_dup_action (first);
  g_assert_cmpstr (ma_action_get_title (action), ==, "Chaco edited");
  g_clear_object (&action);

  ma_filter_set_search (filter, NULL);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 14);

  /* Region facet and sorting. */
  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  ma_action_list_set_sort (list, MA_SORT_CODE, FALSE);
  {
    gint64 a = ma_action_list_get_id (list, 0);
    ma_action_list_set_sort (list, MA_SORT_CODE, TRUE);
    g_assert_cmpint (ma_action_list_get_id (list, 5), ==, a);
  }
  g_assert_cmpuint (ma_action_list_find (list, 999999), ==, G_MAXUINT);
}

static void
test_deferred (void)
{
  g_autoptr (MaStore) store = sample_store ();
  g_autoptr (MaActionQuery) query = ma_action_query_new (store);
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaActionList) list = ma_action_list_new_deferred (query, filter, "en");

  g_assert_false (ma_action_list_is_loaded (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (ma_action_list_get_total (list), ==, 15);
  ma_action_list_refresh (list);
  g_assert_true (ma_action_list_is_loaded (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 15);
}

static void
on_refreshed (MaActionList *list, gpointer data)
{
  (*(guint *) data)++;
}

static GArray *
list_ids (MaActionList *list)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      gint64 id = ma_action_list_get_id (list, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The same ids, in any order. */
static void
assert_same_set (GArray *a, GArray *b)
{
  g_autoptr (GArray) x = g_array_copy (a);
  g_autoptr (GArray) y = g_array_copy (b);

  g_array_sort (x, compare_ids);
  g_array_sort (y, compare_ids);
  g_assert_cmpmem (x->data, x->len * sizeof (gint64), y->data, y->len * sizeof (gint64));
}

/* While the index loads, a deferred list shows every Action in the order of entry,
 * read in a worker thread; a facet keeps that order and selects what SQL selects;
 * once the index is in, a refresh sorts the list as a loaded one. */
static void
test_unsorted (void)
{
  g_autoptr (MaStore) store = sample_store ();
  g_autoptr (MaActionQuery) query = ma_action_query_new (store);
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaFilter) other = ma_filter_new ();
  g_autoptr (MaActionList) list = ma_action_list_new_deferred (query, filter, "en");
  g_autoptr (MaActionList) sorted = NULL;
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) some = NULL;
  g_autoptr (GArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  guint refreshed = 0, next = 0;

  g_signal_connect (list, "refreshed", G_CALLBACK (on_refreshed), &refreshed);
  ma_action_list_show_unsorted_async (list);
  g_assert_false (ma_action_list_is_loaded (list));
  while (refreshed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ma_action_list_is_loaded (list));
  g_assert_true (ma_action_list_is_unsorted (list));
  all = list_ids (list);
  g_assert_cmpuint (all->len, ==, 15);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (g_array_index (all, gint64, i - 1), <, g_array_index (all, gint64, i));

  /* A facet: what a sorted list selects, in the order of entry. */
  ma_filter_add_code (filter, MA_FILTER_REGION, "lac");
  ma_filter_add_code (other, MA_FILTER_REGION, "lac");
  g_assert_true (ma_action_list_is_unsorted (list));
  some = list_ids (list);
  g_assert_cmpuint (some->len, ==, 6);
  for (guint i = 0; i < all->len && next < some->len; i++)
    if (g_array_index (all, gint64, i) == g_array_index (some, gint64, next))
      next++;
  g_assert_cmpuint (next, ==, some->len);
  sorted = ma_action_list_new (query, other, "en");
  expected = list_ids (sorted);
  assert_same_set (some, expected);

  /* The index in: the list sorts as the other, and stays sorted. */
  g_assert_true (ma_action_query_load_index (query, &error));
  g_assert_no_error (error);
  ma_action_list_refresh (list);
  g_assert_false (ma_action_list_is_unsorted (list));
  g_clear_pointer (&some, g_array_unref);
  some = list_ids (list);
  g_assert_cmpmem (some->data, some->len * sizeof (gint64), expected->data,
                   expected->len * sizeof (gint64));

  /* Too late to show it unsorted: nothing happens. */
  refreshed = 0;
  ma_action_list_show_unsorted_async (list);
  g_assert_false (ma_action_list_is_unsorted (list));
  g_assert_cmpuint (refreshed, ==, 0);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks its directory lists (LeakSanitizer). */
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/action-list/slots", test_slots);
  g_test_add_func ("/action-list/deferred", test_deferred);
  g_test_add_func ("/action-list/unsorted", test_unsorted);
  return g_test_run ();
}
