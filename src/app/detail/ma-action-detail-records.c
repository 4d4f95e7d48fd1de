/* ma-action-detail-records.c: partners, activities, experts and outputs of the
 * Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-detail-private.h"
#include "ma-activity-row.h"
#include "ma-output-row.h"
#include "ma-partner-row.h"

static void
add_dynamic_row (MaActionDetail *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (group));
  g_ptr_array_add (self->rows, g_object_ref (row));
}

/* Which record an expander row shows, as "activity:ID", or NULL. */
static char *
expander_key (GObject *row)
{
  if (MA_IS_PARTNER_ROW (row))
    return g_strdup_printf ("partner:%" G_GINT64_FORMAT,
                            ma_partner_row_get_id (MA_PARTNER_ROW (row)));
  if (MA_IS_ACTIVITY_ROW (row))
    return g_strdup_printf ("activity:%" G_GINT64_FORMAT,
                            ma_activity_row_get_id (MA_ACTIVITY_ROW (row)));
  if (MA_IS_OUTPUT_ROW (row))
    return g_strdup_printf ("output:%" G_GINT64_FORMAT, ma_output_row_get_id (MA_OUTPUT_ROW (row)));
  return NULL;
}

/* Expander rows of activities and outputs stay open across a reload. */
static void
remember_expanded (MaActionDetail *self)
{
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 1; i < self->rows->len; i += 2)
    {
      GObject *row = self->rows->pdata[i];
      char *key = expander_key (row);

      if (key != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (self->expanded, key);
      else
        g_free (key);
    }
}

static void
restore_expanded (MaActionDetail *self, GtkWidget *row)
{
  g_autofree char *key = expander_key (G_OBJECT (row));

  if (self->expanded != NULL && key != NULL && g_hash_table_contains (self->expanded, key))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* An edit in a record's row: written after the debounce delay. A new choice in a
 * drop-down is written at once, and the page reloaded after this handler returns:
 * kinds are what the rows are called (the reload replaces the row). */
static void
record_field_changed (MaActionDetail *self,
                      const char *record,
                      gint64 id,
                      const char *field,
                      const char *value,
                      GtkWidget *editor)
{
  ma_action_detail_schedule_write (self, record, id, field, value, editor);
  if (ADW_IS_COMBO_ROW (editor))
    {
      ma_action_detail_flush_pending (self);
      ma_action_detail_reload_later (self);
    }
}

void
ma_action_detail_clear_rows (MaActionDetail *self)
{
  remember_expanded (self);
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (self->rows->pdata[i], self->rows->pdata[i + 1]);
  g_ptr_array_set_size (self->rows, 0);
}

/* Partners */

static const char *
partner_name (MaActionDetail *self, gint64 id)
{
  for (guint i = 0; i < self->partners->len; i++)
    if (((MaPartner *) self->partners->pdata[i])->id == id)
      return ((MaPartner *) self->partners->pdata[i])->name;
  return "";
}

static void
set_partners (MaActionDetail *self, gint64 add, gint64 remove)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autofree char *removed = NULL;
  guint serial = 0;

  for (guint i = 0; i < self->partners->len; i++)
    {
      MaPartner *partner = self->partners->pdata[i];
      if (partner->id != remove && partner->id != add)
        g_array_append_val (ids, partner->id);
    }
  if (add > 0)
    g_array_append_val (ids, add);
  if (remove > 0)
    /* Translators: in an undo toast; %s is a partner institution */
    removed = g_strdup_printf (_ ("“%s” removed from the Action"), partner_name (self, remove));
  if (self->undo != NULL)
    serial = ma_undo_stack_push_links (self->undo, self->id, MA_UNDO_PARTNERS, self->id);
  self->writing++;
  if (!ma_store_set_action_partners (self->store, self->id, (const gint64 *) ids->data, ids->len,
                                     &error))
    {
      ma_action_detail_show_error (self, GTK_WIDGET (self->partners_group), error->message);
      if (serial != 0)
        ma_undo_stack_forget (self->undo, serial);
      serial = 0;
    }
  self->writing--;
  ma_action_detail_reload (self);
  if (removed != NULL)
    ma_action_detail_tell_deleted (self, removed, serial);
}

static void
on_remove_partner (MaPartnerRow *row, MaActionDetail *self)
{
  set_partners (self, 0, ma_partner_row_get_id (row));
}

static void
on_partner_field_changed (MaPartnerRow *row,
                          const char *field,
                          const char *value,
                          GtkWidget *editor,
                          MaActionDetail *self)
{
  record_field_changed (self, "partner", ma_partner_row_get_id (row), field, value, editor);
}

/* An empty list says so, under its title. */
static void
describe_empty (AdwPreferencesGroup *group, guint n, const char *empty)
{
  adw_preferences_group_set_description (group, n == 0 ? empty : NULL);
}

void
ma_action_detail_fill_partners (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->partners, g_ptr_array_unref);
  self->partners = ma_store_list_partners (self->store, self->id, &error);
  if (self->partners == NULL)
    {
      g_warning ("Cannot list the partners: %s", error->message);
      self->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_partner_free);
    }
  for (guint i = 0; i < self->partners->len; i++)
    {
      GtkWidget *row = ma_partner_row_new (self->vocabularies, self->partners->pdata[i]);

      g_signal_connect (row, "field-changed", G_CALLBACK (on_partner_field_changed), self);
      g_signal_connect (row, "remove", G_CALLBACK (on_remove_partner), self);
      restore_expanded (self, row);
      add_dynamic_row (self, self->partners_group, row);
    }
  describe_empty (self->partners_group, self->partners->len,
                  _ ("No partner institution yet: add one with the + button."));
}

static gboolean
has_partner (MaActionDetail *self, gint64 id)
{
  for (guint i = 0; i < self->partners->len; i++)
    if (((MaPartner *) self->partners->pdata[i])->id == id)
      return TRUE;
  return FALSE;
}

static void
fill_partner_choices (MaActionDetail *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->partner_search));
  g_autofree char *stripped_text = g_strstrip (g_strdup (text));
  g_autofree char *needle = g_utf8_casefold (stripped_text, -1);
  g_autoptr (GPtrArray) all = ma_store_list_partners (self->store, 0, NULL);
  gboolean exact = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->partner_choices))) != NULL)
    gtk_list_box_remove (self->partner_choices, child);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      MaPartner *partner = all->pdata[i];
      g_autofree char *name = g_utf8_casefold (partner->name, -1);
      GtkWidget *label;

      if (g_strcmp0 (name, needle) == 0)
        exact = TRUE;
      if (has_partner (self, partner->id) || (needle[0] != '\0' && strstr (name, needle) == NULL))
        continue;
      label = gtk_label_new (partner->name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      g_object_set_data_full (G_OBJECT (label), "partner-id",
                              g_memdup2 (&partner->id, sizeof partner->id), g_free);
      gtk_list_box_append (self->partner_choices, label);
    }
  if (needle[0] != '\0' && !exact)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      /* Translators: %s is the name of a new partner institution */
      g_autofree char *create = g_strdup_printf (_ ("Create “%s”"), stripped);
      GtkWidget *label = gtk_label_new (create);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      g_object_set_data_full (G_OBJECT (label), "partner-name", g_steal_pointer (&stripped),
                              g_free);
      gtk_list_box_prepend (self->partner_choices, label);
    }
}

static void
on_partner_popover_show (MaActionDetail *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->partner_search), "");
  fill_partner_choices (self);
}

static void
on_partner_search_changed (MaActionDetail *self)
{
  fill_partner_choices (self);
}

static void
on_partner_chosen (MaActionDetail *self, GtkListBoxRow *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);
  gint64 *id = g_object_get_data (G_OBJECT (label), "partner-id");
  const char *name = g_object_get_data (G_OBJECT (label), "partner-name");
  gint64 partner = id != NULL ? *id : 0;

  if (name != NULL)
    {
      g_autoptr (GError) error = NULL;

      partner = ma_store_create_partner (self->store, name, NULL, NULL, &error);
      if (partner < 0)
        {
          ma_action_detail_show_error (self, GTK_WIDGET (self->partners_group), error->message);
          return;
        }
    }
  gtk_popover_popdown (self->partner_popover);
  set_partners (self, partner, 0);
}

static void
on_partner_search_activate (MaActionDetail *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->partner_choices, 0);

  if (first != NULL)
    on_partner_chosen (self, first);
}

/* Activities, outputs, experts */

/* After the deletion DELETION (or -1 and ERROR): the undo entry, the page, the toast. */
static void
deleted (
    MaActionDetail *self, gint64 deletion, GError *error, GtkWidget *group, const char *message)
{
  guint serial = 0;

  self->writing--;
  if (deletion < 0)
    ma_action_detail_show_error (self, group, error->message);
  else if (self->undo != NULL)
    serial = ma_undo_stack_push_deletion (self->undo, self->id, deletion);
  ma_action_detail_reload (self);
  ma_action_detail_tell_deleted (self, message, serial);
}

static void
on_delete_activity (MaActivityRow *row, MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 deletion;

  ma_action_detail_flush_pending (self);
  /* Translators: in an undo toast; %s is what the activity is (“Workshop”) */
  message = g_strdup_printf (_ ("Activity “%s” deleted"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  self->writing++;
  deletion = ma_store_delete_activity (self->store, ma_activity_row_get_id (row), &error);
  deleted (self, deletion, error, GTK_WIDGET (self->activities_group), message);
}

static void
on_delete_output (MaOutputRow *row, MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 deletion;

  ma_action_detail_flush_pending (self);
  /* Translators: in an undo toast; %s is the title of an output */
  message = g_strdup_printf (_ ("Output “%s” deleted"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  self->writing++;
  deletion = ma_store_delete_output (self->store, ma_output_row_get_id (row), &error);
  deleted (self, deletion, error, GTK_WIDGET (self->outputs_group), message);
}

static void
on_activity_field_changed (MaActivityRow *row,
                           const char *field,
                           const char *value,
                           GtkWidget *editor,
                           MaActionDetail *self)
{
  record_field_changed (self, "activity", ma_activity_row_get_id (row), field, value, editor);
}

static void
on_output_field_changed (
    MaOutputRow *row, const char *field, const char *value, GtkWidget *editor, MaActionDetail *self)
{
  record_field_changed (self, "output", ma_output_row_get_id (row), field, value, editor);
}

static void
set_activity_experts (MaActionDetail *self, gint64 activity, gint64 add, gint64 remove)
{
  g_autoptr (GPtrArray) current = ma_store_list_activity_experts (self->store, activity, NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autofree char *removed = NULL;
  guint serial = 0;

  for (guint i = 0; current != NULL && i < current->len; i++)
    {
      MaExpert *expert = current->pdata[i];
      if (expert->id != remove && expert->id != add)
        g_array_append_val (ids, expert->id);
      else if (expert->id == remove)
        /* Translators: in an undo toast; %s is the name of an expert */
        removed = g_strdup_printf (_ ("%s removed from the activity"), expert->name);
    }
  if (add > 0)
    g_array_append_val (ids, add);
  ma_action_detail_flush_pending (self);
  if (self->undo != NULL)
    serial = ma_undo_stack_push_links (self->undo, self->id, MA_UNDO_EXPERTS, activity);
  self->writing++;
  if (!ma_store_set_activity_experts (self->store, activity, (const gint64 *) ids->data, ids->len,
                                      &error))
    {
      ma_action_detail_show_error (self, GTK_WIDGET (self->activities_group), error->message);
      if (serial != 0)
        ma_undo_stack_forget (self->undo, serial);
      serial = 0;
    }
  self->writing--;
  ma_action_detail_reload_later (self);
  if (removed != NULL)
    ma_action_detail_tell_deleted (self, removed, serial);
}

static void
on_remove_expert (MaActivityRow *row, gint64 expert, MaActionDetail *self)
{
  set_activity_experts (self, ma_activity_row_get_id (row), 0, expert);
}

/* An expert by name: the one of the roster with that name, or a new one. */
static void
on_add_expert (MaActivityRow *row, const char *name, MaActionDetail *self)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autoptr (GPtrArray) roster = NULL;
  g_autoptr (GError) error = NULL;
  gint64 expert = 0;

  roster = ma_store_list_experts (self->store, 0, NULL);
  for (guint i = 0; roster != NULL && i < roster->len && expert == 0; i++)
    {
      MaExpert *known = roster->pdata[i];
      g_autofree char *known_folded = g_utf8_casefold (known->name, -1);
      if (strcmp (known_folded, folded) == 0)
        expert = known->id;
    }
  if (expert == 0)
    expert = ma_store_create_expert (self->store, name, NULL, &error);
  if (expert < 0)
    {
      ma_action_detail_show_error (self, ma_activity_row_get_add_expert_row (row), error->message);
      return;
    }
  set_activity_experts (self, ma_activity_row_get_id (row), expert, 0);
}

/* The activities in the order they were shown, new ones after: a date changed in
 * a row must not move the row away under the pointer. A new Action starts over. */
static void
keep_order (MaActionDetail *self, GPtrArray *activities)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  if (self->activity_order != NULL && self->activity_order_of == self->id)
    {
      for (guint i = 0; i < self->activity_order->len; i++)
        for (guint j = 0; j < activities->len; j++)
          if (((MaActivity *) activities->pdata[j])->id ==
              g_array_index (self->activity_order, gint64, i))
            g_ptr_array_add (sorted, activities->pdata[j]);
      for (guint j = 0; j < activities->len; j++)
        if (!g_ptr_array_find (sorted, activities->pdata[j], NULL))
          g_ptr_array_add (sorted, activities->pdata[j]);
      for (guint j = 0; j < sorted->len; j++)
        activities->pdata[j] = sorted->pdata[j];
    }
  g_clear_pointer (&self->activity_order, g_array_unref);
  self->activity_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->activity_order_of = self->id;
  for (guint j = 0; j < activities->len; j++)
    g_array_append_val (self->activity_order, ((MaActivity *) activities->pdata[j])->id);
}

void
ma_action_detail_fill_activities (MaActionDetail *self)
{
  g_autoptr (GPtrArray) activities = ma_store_list_activities (self->store, self->id, NULL);

  if (activities != NULL)
    keep_order (self, activities);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      MaActivity *activity = activities->pdata[i];
      g_autoptr (GPtrArray) experts =
          ma_store_list_activity_experts (self->store, activity->id, NULL);
      GtkWidget *row = ma_activity_row_new (
          self->vocabularies, activity, experts,
          self->action != NULL ? ma_action_get_start_date (self->action) : NULL,
          self->action != NULL ? ma_action_get_end_date (self->action) : NULL);

      g_signal_connect (row, "field-changed", G_CALLBACK (on_activity_field_changed), self);
      g_signal_connect (row, "delete", G_CALLBACK (on_delete_activity), self);
      g_signal_connect (row, "add-expert", G_CALLBACK (on_add_expert), self);
      g_signal_connect (row, "remove-expert", G_CALLBACK (on_remove_expert), self);
      restore_expanded (self, row);
      add_dynamic_row (self, self->activities_group, row);
    }
  describe_empty (self->activities_group, activities != NULL ? activities->len : 0,
                  _ ("No activity yet: workshops, webinars, missions… add one with the + button."));
}

void
ma_action_detail_fill_outputs (MaActionDetail *self)
{
  g_autoptr (GPtrArray) outputs = ma_store_list_outputs (self->store, self->id, NULL);

  for (guint i = 0; outputs != NULL && i < outputs->len; i++)
    {
      GtkWidget *row = ma_output_row_new (self->vocabularies, outputs->pdata[i]);

      g_signal_connect (row, "field-changed", G_CALLBACK (on_output_field_changed), self);
      g_signal_connect (row, "delete", G_CALLBACK (on_delete_output), self);
      restore_expanded (self, row);
      add_dynamic_row (self, self->outputs_group, row);
    }
  describe_empty (
      self->outputs_group, outputs != NULL ? outputs->len : 0,
      _ ("No output yet: training courses, protocols, videos… add one with the + button."));
}

void
ma_action_detail_fill_experts (MaActionDetail *self)
{
  g_autoptr (GPtrArray) experts = ma_store_list_experts (self->store, self->id, NULL);

  for (guint i = 0; experts != NULL && i < experts->len; i++)
    {
      MaExpert *expert = experts->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr (GString) subtitle = g_string_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), expert->name);
      if (expert->member_state != NULL)
        g_string_append (subtitle, ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_COUNTRY,
                                                         expert->member_state));
      if (expert->institution != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                expert->institution);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      add_dynamic_row (self, self->experts_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->experts_group), experts != NULL && experts->len > 0);
}

static void
on_add_activity (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  gint64 created;

  ma_action_detail_flush_pending (self);
  self->writing++;
  created = ma_store_create_activity (self->store, self->id, "workshop", &error);
  if (created < 0)
    ma_action_detail_show_error (self, GTK_WIDGET (self->activities_group), error->message);
  else if (self->undo != NULL)
    ma_undo_stack_push_creation (self->undo, self->id, "activity", created);
  self->writing--;
  ma_action_detail_reload (self);
}

static void
on_add_output (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  gint64 created;

  ma_action_detail_flush_pending (self);
  self->writing++;
  created = ma_store_create_output (self->store, self->id, NULL, _ ("New output"), &error);
  if (created < 0)
    ma_action_detail_show_error (self, GTK_WIDGET (self->outputs_group), error->message);
  else if (self->undo != NULL)
    ma_undo_stack_push_creation (self->undo, self->id, "output", created);
  self->writing--;
  ma_action_detail_reload (self);
}

void
ma_action_detail_records_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_partner_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activity);
  gtk_widget_class_bind_template_callback (widget_class, on_add_output);
}
