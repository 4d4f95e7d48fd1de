/* test-history.c: every change of every record of an Action is in its history,
 * and any change can be taken back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ma-i18n.h"
#include "ma-store-history.h"

typedef struct
{
  char *dir;
  MaStore *store;
  gint64 action; /* Costa Rica: activities and an output */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ma-history-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "actions.db", NULL);
  f->store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (f->store, &error);
  g_assert_no_error (error);
  f->action = ma_store_find_action (f->store, "Costa Rica", NULL);
  g_assert_cmpint (f->action, >, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The newest entry of the Action's history about RECORD's FIELD, or NULL. */
static MaHistoryEntry *
find (GPtrArray *entries, const char *record, const char *field)
{
  for (guint i = entries->len; i > 0; i--)
    {
      MaHistoryEntry *entry = entries->pdata[i - 1];
      if (g_strcmp0 (entry->record, record) == 0 && g_strcmp0 (entry->field, field) == 0)
        return entry;
    }
  return NULL;
}

static GPtrArray *
history (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = ma_store_list_action_history (f->store, f->action, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static gint64
first_activity (Fixture *f)
{
  g_autoptr (GPtrArray) activities = ma_store_list_activities (f->store, f->action, NULL);

  g_assert_cmpuint (activities->len, >, 0);
  return ((MaActivity *) activities->pdata[0])->id;
}

static void
restore_ok (Fixture *f, MaHistoryEntry *entry)
{
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (entry);
  g_assert_true (ma_store_history_can_restore (entry));
  g_assert_cmpint (ma_store_restore_history (f->store, entry->id, &error), >=, 0);
  g_assert_no_error (error);
}

/* Activities: a field, an expert who joins and leaves, a new one, a deleted one. */
static void
test_activities (Fixture *f, gconstpointer data)
{
  gint64 activity = first_activity (f);
  gint64 expert = ma_store_create_expert (f->store, "Ana Pereira", NULL, NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) experts = NULL;
  MaHistoryEntry *entry;
  gint64 created;
  guint n;

  g_assert_true (ma_store_set_activity_field (f->store, activity, "place", "Liberia", NULL));
  g_assert_true (ma_store_set_activity_experts (f->store, activity, &expert, 1, NULL));
  g_assert_true (ma_store_set_activity_experts (f->store, activity, NULL, 0, NULL));
  created = ma_store_create_activity (f->store, f->action, "webinar", NULL);
  g_assert_cmpint (ma_store_delete_activity (f->store, created, NULL), >, 0);

  entries = history (f);
  entry = find (entries, "activity", "place");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->new_value, ==, "Liberia");
  /* A change made on this computer has no colleague as its author. */
  g_assert_null (entry->author);
  entry = find (entries, "activity", "experts");
  g_assert_nonnull (entry);
  g_assert_null (entry->new_value); /* the newest: the expert left */
  g_assert_cmpint (g_ascii_strtoll (entry->old_value, NULL, 10), ==, expert);
  g_assert_nonnull (find (entries, "activity", "*created*"));
  g_assert_nonnull (find (entries, "activity", "*deleted*"));

  /* Taking back: the expert comes back, the place is what it was. */
  restore_ok (f, find (entries, "activity", "experts"));
  experts = ma_store_list_activity_experts (f->store, activity, NULL);
  g_assert_cmpuint (experts->len, ==, 1);
  restore_ok (f, find (entries, "activity", "place"));
  activities = ma_store_list_activities (f->store, f->action, NULL);
  n = activities->len;
  for (guint i = 0; i < activities->len; i++)
    if (((MaActivity *) activities->pdata[i])->id == activity)
      g_assert_cmpstr (((MaActivity *) activities->pdata[i])->place, !=, "Liberia");
  /* …and the deleted activity comes back. */
  restore_ok (f, find (entries, "activity", "*deleted*"));
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = ma_store_list_activities (f->store, f->action, NULL);
  g_assert_cmpuint (activities->len, ==, n + 1);
}

/* Outputs, partners and the Action's own links and fields. */
static void
test_outputs_partners (Fixture *f, gconstpointer data)
{
  gint64 partner =
      ma_store_create_partner (f->store, "Universidad de Costa Rica", NULL, NULL, NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) outputs = NULL;
  g_autoptr (GPtrArray) partners = NULL;
  g_autoptr (MaAction) action = NULL;
  gint64 output;

  output = ma_store_create_output (f->store, f->action, NULL, "Handbook", NULL);
  g_assert_true (ma_store_set_output_field (f->store, output, "title", "Field handbook", NULL));
  g_assert_true (ma_store_set_action_partners (f->store, f->action, &partner, 1, NULL));
  g_assert_true (ma_store_set_partner_field (f->store, partner, "name", "UCR", NULL));
  g_assert_true (ma_store_set_action_field (f->store, f->action, "status", "completed", NULL));

  entries = history (f);
  g_assert_nonnull (find (entries, "output", "*created*"));
  g_assert_cmpstr (find (entries, "output", "title")->new_value, ==, "Field handbook");
  g_assert_cmpint (g_ascii_strtoll (find (entries, "action", "partners")->new_value, NULL, 10), ==,
                   partner);
  /* A partner's own change is in the history of the Actions it works with. */
  g_assert_cmpstr (find (entries, "partner", "name")->new_value, ==, "UCR");
  g_assert_cmpstr (find (entries, "action", "status")->new_value, ==, "completed");

  restore_ok (f, find (entries, "output", "title"));
  outputs = ma_store_list_outputs (f->store, f->action, NULL);
  for (guint i = 0; i < outputs->len; i++)
    if (((MaOutput *) outputs->pdata[i])->id == output)
      g_assert_cmpstr (((MaOutput *) outputs->pdata[i])->title, ==, "Handbook");
  restore_ok (f, find (entries, "action", "partners"));
  partners = ma_store_list_partners (f->store, f->action, NULL);
  for (guint i = 0; i < partners->len; i++)
    g_assert_cmpint (((MaPartner *) partners->pdata[i])->id, !=, partner);
  restore_ok (f, find (entries, "action", "status"));
  action = ma_store_get_action (f->store, f->action, "en", NULL);
  g_assert_cmpstr (ma_action_get_status (action), !=, "completed");
  /* The creation of an output is taken back by deleting it. */
  restore_ok (f, find (entries, "output", "*created*"));
  g_clear_pointer (&outputs, g_ptr_array_unref);
  outputs = ma_store_list_outputs (f->store, f->action, NULL);
  for (guint i = 0; i < outputs->len; i++)
    g_assert_cmpint (((MaOutput *) outputs->pdata[i])->id, !=, output);
  /* Taking back is itself in the history. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = history (f);
  g_assert_cmpstr (find (entries, "action", "status")->old_value, ==, "completed");
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/history/activities", Fixture, NULL, fixture_setup, test_activities,
              fixture_teardown);
  g_test_add ("/history/outputs-partners", Fixture, NULL, fixture_setup, test_outputs_partners,
              fixture_teardown);
  return g_test_run ();
}
