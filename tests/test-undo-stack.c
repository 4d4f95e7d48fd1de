/* test-undo-stack.c: the last edits of each Action, undone one at a time; deleted
 * activities and outputs brought back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ma-i18n.h"
#include "ma-undo-stack.h"

typedef struct
{
  char *dir;
  MaStore *store;
  MaUndoStack *undo;
  gint64 chaco;      /* an Action of the sample data */
  gint64 comesa;     /* another */
  gint64 costa_rica; /* one with activities and an output */
  gint64 kazakhstan; /* one with partners */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ma-undo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "actions.db", NULL);
  f->store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (f->store, &error);
  g_assert_no_error (error);
  f->undo =
      ma_undo_stack_new (f->store, GPOINTER_TO_UINT (data) > 0 ? GPOINTER_TO_UINT (data) : 50);
  f->chaco = ma_store_find_action (f->store, "Gran Chaco", NULL);
  f->comesa = ma_store_find_action (f->store, "COMESA", NULL);
  f->costa_rica = ma_store_find_action (f->store, "Costa Rica", NULL);
  f->kazakhstan = ma_store_find_action (f->store, "Kazakhstan", NULL);
  g_assert_cmpint (f->costa_rica, >, 0);
  g_assert_cmpint (f->kazakhstan, >, 0);
  g_assert_cmpint (f->chaco, >, 0);
  g_assert_cmpint (f->comesa, >, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->undo);
  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static MaActivity *
first_activity (Fixture *f, gint64 action)
{
  g_autoptr (GPtrArray) activities = ma_store_list_activities (f->store, action, NULL);

  g_assert_nonnull (activities);
  g_assert_cmpuint (activities->len, >, 0);
  return g_ptr_array_steal_index (activities, 0);
}

static guint
n_activities_of (Fixture *f, gint64 action)
{
  g_autoptr (GPtrArray) activities = ma_store_list_activities (f->store, action, NULL);
  return activities->len;
}

static guint
n_outputs_of (Fixture *f, gint64 action)
{
  g_autoptr (GPtrArray) outputs = ma_store_list_outputs (f->store, action, NULL);
  return outputs->len;
}

static void
undo_ok (Fixture *f, gint64 action, guint serial, gint64 expected)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (ma_undo_stack_undo (f->undo, action, serial, &error), ==, expected);
  g_assert_no_error (error);
}

/* Two fields of an Action and one of an activity, undone newest first, one each. */
static void
test_fields (Fixture *f, gconstpointer data)
{
  g_autoptr (MaAction) action = ma_store_get_action (f->store, f->chaco, "en", NULL);
  g_autofree char *title = g_strdup (ma_action_get_title (action));
  MaActivity *activity = first_activity (f, f->costa_rica);
  g_autofree char *place = g_strdup (activity->place);
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (MaAction) after = NULL;

  g_assert_cmpuint (
      ma_undo_stack_push_field (f->undo, f->chaco, "action", f->chaco, "title", "Another title"), >,
      0);
  g_assert_true (ma_store_set_action_field (f->store, f->chaco, "title", "Another title", NULL));
  g_assert_cmpuint (
      ma_undo_stack_push_field (f->undo, f->chaco, "activity", activity->id, "place", "Asunción"),
      >, 0);
  g_assert_true (ma_store_set_activity_field (f->store, activity->id, "place", "Asunción", NULL));
  /* Writing what is there already is no edit. */
  g_assert_cmpuint (
      ma_undo_stack_push_field (f->undo, f->chaco, "activity", activity->id, "place", "Asunción"),
      ==, 0);
  g_assert_true (ma_undo_stack_can_undo (f->undo, f->chaco));
  g_assert_false (ma_undo_stack_can_undo (f->undo, f->comesa));

  /* The place first (the newest), then the title. */
  undo_ok (f, f->chaco, 0, f->chaco);
  activities = ma_store_list_activities (f->store, f->costa_rica, NULL);
  g_assert_cmpstr (((MaActivity *) activities->pdata[0])->place, ==, place);
  after = ma_store_get_action (f->store, f->chaco, "en", NULL);
  g_assert_cmpstr (ma_action_get_title (after), ==, "Another title");
  undo_ok (f, f->chaco, 0, f->chaco);
  g_clear_object (&after);
  after = ma_store_get_action (f->store, f->chaco, "en", NULL);
  g_assert_cmpstr (ma_action_get_title (after), ==, title);
  /* Nothing left: 0, no error. */
  undo_ok (f, f->chaco, 0, 0);
  ma_activity_free (activity);
}

/* Edits of two Actions interleaved: each Action undoes its own. */
static void
test_per_action (Fixture *f, gconstpointer data)
{
  g_autoptr (MaAction) chaco = NULL;
  g_autoptr (MaAction) comesa = NULL;

  ma_undo_stack_push_field (f->undo, f->chaco, "action", f->chaco, "notes", "one");
  g_assert_true (ma_store_set_action_field (f->store, f->chaco, "notes", "one", NULL));
  ma_undo_stack_push_field (f->undo, f->comesa, "action", f->comesa, "notes", "two");
  g_assert_true (ma_store_set_action_field (f->store, f->comesa, "notes", "two", NULL));

  undo_ok (f, f->chaco, 0, f->chaco);
  chaco = ma_store_get_action (f->store, f->chaco, "en", NULL);
  comesa = ma_store_get_action (f->store, f->comesa, "en", NULL);
  g_assert_cmpstr (ma_action_get_notes (chaco), !=, "one");
  g_assert_cmpstr (ma_action_get_notes (comesa), ==, "two");
  g_assert_cmpuint (ma_undo_stack_get_length (f->undo), ==, 1);
}

/* The stack keeps the newest LIMIT entries. */
static void
test_bounded (Fixture *f, gconstpointer data)
{
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *notes = g_strdup_printf ("notes %d", i);
      ma_undo_stack_push_field (f->undo, f->chaco, "action", f->chaco, "notes", notes);
      g_assert_true (ma_store_set_action_field (f->store, f->chaco, "notes", notes, NULL));
    }
  g_assert_cmpuint (ma_undo_stack_get_length (f->undo), ==, 3);
  for (int i = 0; i < 3; i++)
    undo_ok (f, f->chaco, 0, f->chaco);
  {
    g_autoptr (MaAction) action = ma_store_get_action (f->store, f->chaco, "en", NULL);
    g_assert_cmpstr (ma_action_get_notes (action), ==, "notes 4");
  }
  undo_ok (f, f->chaco, 0, 0);
}

/* A deleted activity comes back with its id, fields and experts; an output too. */
static void
test_deletions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  MaActivity *activity = first_activity (f, f->costa_rica);
  g_autoptr (GPtrArray) outputs = ma_store_list_outputs (f->store, f->costa_rica, NULL);
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) restored_experts = NULL;
  g_autoptr (GPtrArray) restored_outputs = NULL;
  gint64 ids[2];
  guint n_activities, n_outputs;
  MaOutput *output;
  g_autofree char *output_title = NULL;
  gint64 deletion;
  guint serial;

  /* Two experts on the activity, so that their return is seen. */
  ids[0] = ma_store_create_expert (f->store, "Ana Pereira", NULL, NULL);
  ids[1] = ma_store_create_expert (f->store, "Jonas Weber", NULL, NULL);
  g_assert_cmpint (ids[0], >, 0);
  g_assert_cmpint (ids[1], >, 0);
  g_assert_true (ma_store_set_activity_experts (f->store, activity->id, ids, 2, NULL));
  n_activities = n_activities_of (f, f->costa_rica);

  deletion = ma_store_delete_activity (f->store, activity->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deletion, >, 0);
  serial = ma_undo_stack_push_deletion (f->undo, f->costa_rica, deletion);
  activities = ma_store_list_activities (f->store, f->costa_rica, NULL);
  g_assert_cmpuint (activities->len, ==, n_activities - 1);

  /* The toast's Undo names its entry. */
  undo_ok (f, 0, serial, f->costa_rica);
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = ma_store_list_activities (f->store, f->costa_rica, NULL);
  g_assert_cmpuint (activities->len, ==, n_activities);
  g_assert_cmpint (((MaActivity *) activities->pdata[0])->id, ==, activity->id);
  g_assert_cmpstr (((MaActivity *) activities->pdata[0])->place, ==, activity->place);
  g_assert_cmpstr (((MaActivity *) activities->pdata[0])->start_date, ==, activity->start_date);
  restored_experts = ma_store_list_activity_experts (f->store, activity->id, NULL);
  g_assert_cmpuint (restored_experts->len, ==, 2);
  /* Twice is refused, clearly. */
  g_assert_cmpint (ma_store_undo_delete (f->store, deletion, &error), ==, -1);
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpuint (outputs->len, >, 0);
  n_outputs = outputs->len;
  output = outputs->pdata[0];
  output_title = g_strdup (output->title);
  deletion = ma_store_delete_output (f->store, output->id, &error);
  g_assert_no_error (error);
  ma_undo_stack_push_deletion (f->undo, f->costa_rica, deletion);
  g_assert_cmpuint (n_outputs_of (f, f->costa_rica), ==, n_outputs - 1);
  undo_ok (f, f->costa_rica, 0, f->costa_rica);
  restored_outputs = ma_store_list_outputs (f->store, f->costa_rica, NULL);
  g_assert_cmpuint (restored_outputs->len, ==, n_outputs);
  g_assert_cmpstr (((MaOutput *) restored_outputs->pdata[0])->title, ==, output_title);
  ma_activity_free (activity);
}

/* Links (partners, experts, countries), a translation and a new activity. */
static void
test_links_text_creation (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) partners = ma_store_list_partners (f->store, f->kazakhstan, NULL);
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (MaAction) action = NULL;
  guint n_partners = partners->len;
  guint n_activities;
  gint64 created;

  g_assert_cmpuint (n_partners, >, 1);
  ma_undo_stack_push_links (f->undo, f->kazakhstan, MA_UNDO_PARTNERS, f->kazakhstan);
  g_assert_true (ma_store_set_action_partners (f->store, f->kazakhstan, NULL, 0, NULL));
  undo_ok (f, f->kazakhstan, 0, f->kazakhstan);
  after = ma_store_list_partners (f->store, f->kazakhstan, NULL);
  g_assert_cmpuint (after->len, ==, n_partners);

  ma_undo_stack_push_links (f->undo, f->chaco, MA_UNDO_COUNTRIES, f->chaco);
  g_assert_true (
      ma_store_set_action_countries (f->store, f->chaco, (const char *[]){ "FR", NULL }, NULL));
  undo_ok (f, f->chaco, 0, f->chaco);
  action = ma_store_get_action (f->store, f->chaco, "en", NULL);
  g_assert_cmpuint (g_strv_length ((GStrv) ma_action_get_countries (action)), ==, 3);

  ma_undo_stack_push_text (f->undo, f->chaco, "fr");
  g_assert_true (ma_store_set_action_text (f->store, f->chaco, "fr", NULL, NULL, NULL));
  g_clear_object (&action);
  action = ma_store_get_action (f->store, f->chaco, "fr", NULL);
  g_assert_cmpstr (ma_action_get_title (action), ==, "Environmental migration in the Gran Chaco");
  undo_ok (f, f->chaco, 0, f->chaco);
  g_clear_object (&action);
  action = ma_store_get_action (f->store, f->chaco, "fr", NULL);
  g_assert_cmpstr (ma_action_get_title (action), ==,
                   "La migration environnementale dans le Gran Chaco");

  n_activities = n_activities_of (f, f->chaco);
  created = ma_store_create_activity (f->store, f->chaco, "webinar", NULL);
  g_assert_cmpint (created, >, 0);
  ma_undo_stack_push_creation (f->undo, f->chaco, "activity", created);
  undo_ok (f, f->chaco, 0, f->chaco);
  activities = ma_store_list_activities (f->store, f->chaco, NULL);
  g_assert_cmpuint (activities->len, ==, n_activities);
}

int
main (int argc, char **argv)
{
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func, limit)                                                                     \
  g_test_add (name, Fixture, GUINT_TO_POINTER (limit), fixture_setup, func, fixture_teardown)
  ADD ("/undo/fields", test_fields, 0);
  ADD ("/undo/per-action", test_per_action, 0);
  ADD ("/undo/bounded", test_bounded, 3);
  ADD ("/undo/deletions", test_deletions, 0);
  ADD ("/undo/links-text-creation", test_links_text_creation, 0);
  return g_test_run ();
}
