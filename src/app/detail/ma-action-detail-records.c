/* ma-action-detail-records.c: partners, activities, experts and outputs of the
 * Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-detail-private.h"
#include "ma-date.h"

static GtkWidget *sub_entry (MaActionDetail *self,
                             const char *title,
                             const char *record,
                             gint64 id,
                             const char *field,
                             const char *value);
static GtkWidget *sub_combo (MaActionDetail *self,
                             const char *title,
                             const char *record,
                             gint64 id,
                             const char *field,
                             MaVocabulary vocabulary,
                             gboolean with_none,
                             const char *value);

static void
add_dynamic_row (MaActionDetail *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (group));
  g_ptr_array_add (self->rows, g_object_ref (row));
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
      const char *key = g_object_get_data (row, "expander-key");

      if (key != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        g_hash_table_add (self->expanded, g_strdup (key));
    }
}

static void
restore_expanded (MaActionDetail *self, GtkWidget *row, const char *record, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, record, id);

  if (self->expanded != NULL && g_hash_table_contains (self->expanded, key))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "expander-key", g_steal_pointer (&key), g_free);
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

static void
set_partners (MaActionDetail *self, gint64 add, gint64 remove)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < self->partners->len; i++)
    {
      MaPartner *partner = self->partners->pdata[i];
      if (partner->id != remove && partner->id != add)
        g_array_append_val (ids, partner->id);
    }
  if (add > 0)
    g_array_append_val (ids, add);
  self->writing++;
  if (!ma_store_set_action_partners (self->store, self->id, (const gint64 *) ids->data, ids->len,
                                     &error))
    ma_action_detail_show_error (self, GTK_WIDGET (self->partners_group), error->message);
  self->writing--;
  ma_action_detail_reload (self);
}

static void
on_remove_partner (GtkButton *button, MaActionDetail *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "partner-id");

  set_partners (self, 0, *id);
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
      MaPartner *partner = self->partners->pdata[i];
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autoptr (GString) subtitle = g_string_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), partner->name);
      if (partner->kind != NULL)
        g_string_append (
            subtitle,
            ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_PARTNER_KIND, partner->kind));
      if (partner->country != NULL)
        g_string_append_printf (
            subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
            ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_COUNTRY, partner->country));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      /* A partner is shared by Actions: editing it here edits it everywhere. */
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (row),
          sub_entry (self, _ ("Name"), "partner", partner->id, "name", partner->name));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_combo (self, _ ("Kind"), "partner", partner->id, "kind",
                                           MA_VOCABULARY_PARTNER_KIND, TRUE, partner->kind));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_combo (self, _ ("Country"), "partner", partner->id, "country",
                                           MA_VOCABULARY_COUNTRY, TRUE, partner->country));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _ ("Remove this partner from the Action"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Remove this partner from the Action"), -1);
      g_object_set_data_full (G_OBJECT (remove), "partner-id",
                              g_memdup2 (&partner->id, sizeof partner->id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_partner), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      restore_expanded (self, row, "partner", partner->id);
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

static void
on_sub_entry_changed (GtkEditable *editable, MaActionDetail *self)
{
  const char *record = g_object_get_data (G_OBJECT (editable), "record");
  const char *field = g_object_get_data (G_OBJECT (editable), "field");
  gint64 *id = g_object_get_data (G_OBJECT (editable), "record-id");

  ma_action_detail_schedule_write (self, record, *id, field, gtk_editable_get_text (editable),
                                   GTK_WIDGET (editable));
}

static void
on_sub_combo_changed (GObject *combo, GParamSpec *pspec, MaActionDetail *self)
{
  const char *record = g_object_get_data (combo, "record");
  const char *field = g_object_get_data (combo, "field");
  gint64 *id = g_object_get_data (combo, "record-id");
  MaVocabulary vocabulary = GPOINTER_TO_UINT (g_object_get_data (combo, "vocabulary"));
  gboolean with_none = GPOINTER_TO_INT (g_object_get_data (combo, "with-none"));
  guint position = ADW_IS_COMBO_ROW (combo) ? adw_combo_row_get_selected (ADW_COMBO_ROW (combo))
                                            : gtk_drop_down_get_selected (GTK_DROP_DOWN (combo));

  ma_action_detail_schedule_write (
      self, record, *id, field,
      ma_term_model_code (self->vocabularies, vocabulary, position, with_none), GTK_WIDGET (combo));
  /* Kinds are what the rows are called: show the new one once written, after
   * this handler returns (the reload replaces the row). */
  ma_action_detail_flush_pending (self);
  ma_action_detail_reload_later (self);
}

static void
tag_editor (GObject *editor, const char *record, gint64 id, const char *field)
{
  g_object_set_data (editor, "record", (gpointer) record);
  g_object_set_data_full (editor, "record-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (editor, "field", (gpointer) field);
}

static GtkWidget *
sub_entry (MaActionDetail *self,
           const char *title,
           const char *record,
           gint64 id,
           const char *field,
           const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  tag_editor (G_OBJECT (row), record, id, field);
  g_signal_connect (row, "changed", G_CALLBACK (on_sub_entry_changed), self);
  return row;
}

static GtkWidget *
sub_combo (MaActionDetail *self,
           const char *title,
           const char *record,
           gint64 id,
           const char *field,
           MaVocabulary vocabulary,
           gboolean with_none,
           const char *value)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = ma_term_model_new (self->vocabularies, vocabulary, with_none);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (
      ADW_COMBO_ROW (row),
      ma_term_model_position (self->vocabularies, vocabulary, value, with_none));
  tag_editor (G_OBJECT (row), record, id, field);
  g_object_set_data (G_OBJECT (row), "vocabulary", GUINT_TO_POINTER (vocabulary));
  g_object_set_data (G_OBJECT (row), "with-none", GINT_TO_POINTER (with_none));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_sub_combo_changed), self);
  return row;
}

static void
on_delete_activity (GtkButton *button, MaActionDetail *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr (GError) error = NULL;

  ma_action_detail_flush_pending (self);
  self->writing++;
  if (!ma_store_delete_activity (self->store, *id, &error))
    ma_action_detail_show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  ma_action_detail_reload (self);
}

static void
on_delete_output (GtkButton *button, MaActionDetail *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr (GError) error = NULL;

  ma_action_detail_flush_pending (self);
  self->writing++;
  if (!ma_store_delete_output (self->store, *id, &error))
    ma_action_detail_show_error (self, GTK_WIDGET (self->outputs_group), error->message);
  self->writing--;
  ma_action_detail_reload (self);
}

static GtkWidget *
delete_button (const char *label, gint64 id, GCallback callback, MaActionDetail *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "record-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
set_activity_experts (MaActionDetail *self, gint64 activity, gint64 add, gint64 remove)
{
  g_autoptr (GPtrArray) current = ma_store_list_activity_experts (self->store, activity, NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  for (guint i = 0; current != NULL && i < current->len; i++)
    {
      MaExpert *expert = current->pdata[i];
      if (expert->id != remove && expert->id != add)
        g_array_append_val (ids, expert->id);
    }
  if (add > 0)
    g_array_append_val (ids, add);
  ma_action_detail_flush_pending (self);
  self->writing++;
  if (!ma_store_set_activity_experts (self->store, activity, (const gint64 *) ids->data, ids->len,
                                      &error))
    ma_action_detail_show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  ma_action_detail_reload_later (self);
}

static void
on_remove_expert (GtkButton *button, MaActionDetail *self)
{
  gint64 *activity = g_object_get_data (G_OBJECT (button), "record-id");
  gint64 *expert = g_object_get_data (G_OBJECT (button), "expert-id");

  set_activity_experts (self, *activity, 0, *expert);
}

/* An expert by name: the one of the roster with that name, or a new one. */
static void
on_add_expert (AdwEntryRow *row, MaActionDetail *self)
{
  gint64 *activity = g_object_get_data (G_OBJECT (row), "record-id");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autoptr (GPtrArray) roster = NULL;
  g_autoptr (GError) error = NULL;
  gint64 expert = 0;

  if (name[0] == '\0')
    return;
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
      ma_action_detail_show_error (self, GTK_WIDGET (row), error->message);
      return;
    }
  set_activity_experts (self, *activity, expert, 0);
}

static void
add_activity_experts (MaActionDetail *self, AdwExpanderRow *expander, gint64 activity)
{
  g_autoptr (GPtrArray) experts = ma_store_list_activity_experts (self->store, activity, NULL);
  GtkWidget *add = adw_entry_row_new ();

  for (guint i = 0; experts != NULL && i < experts->len; i++)
    {
      MaExpert *expert = experts->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: %s is the name of an expert */
      g_autofree char *label = g_strdup_printf (_ ("Remove %s from this activity"), expert->name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), expert->name);
      /* Translators: a person who takes part in an activity */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Expert"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "record-id",
                              g_memdup2 (&activity, sizeof activity), g_free);
      g_object_set_data_full (G_OBJECT (remove), "expert-id",
                              g_memdup2 (&expert->id, sizeof expert->id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_expert), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (expander, row);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (add), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _ ("Add an expert by name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  g_object_set_data_full (G_OBJECT (add), "record-id", g_memdup2 (&activity, sizeof activity),
                          g_free);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_expert), self);
  adw_expander_row_add_row (expander, add);
}

void
ma_action_detail_fill_activities (MaActionDetail *self)
{
  g_autoptr (GPtrArray) activities = ma_store_list_activities (self->store, self->id, NULL);
  const char *lang = ma_vocabularies_get_lang (self->vocabularies);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      MaActivity *activity = activities->pdata[i];
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *span = ma_date_format_span (activity->start_date, activity->end_date, lang);
      g_autofree char *participants = NULL;
      g_autoptr (GString) subtitle = g_string_new (span);

      if (activity->place != NULL && activity->place[0] != '\0')
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", activity->place);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     activity->kind != NULL
                                         ? ma_vocabularies_name (self->vocabularies,
                                                                 MA_VOCABULARY_ACTIVITY_KIND,
                                                                 activity->kind)
                                         : _ ("Activity"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      if (activity->participants >= 0)
        participants = g_strdup_printf ("%d", activity->participants);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_combo (self, _ ("Kind"), "activity", activity->id, "kind",
                                           MA_VOCABULARY_ACTIVITY_KIND, TRUE, activity->kind));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_combo (self, _ ("Format"), "activity", activity->id, "format",
                                           MA_VOCABULARY_ACTIVITY_FORMAT, TRUE, activity->format));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_entry (self, _ ("Start date"), "activity", activity->id,
                                           "start_date", activity->start_date));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_entry (self, _ ("End date"), "activity", activity->id,
                                           "end_date", activity->end_date));
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (row),
          sub_entry (self, _ ("Place"), "activity", activity->id, "place", activity->place));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_entry (self, _ ("Participants"), "activity", activity->id,
                                           "participants", participants));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_entry (self, _ ("Description"), "activity", activity->id,
                                           "description", activity->description));
      add_activity_experts (self, ADW_EXPANDER_ROW (row), activity->id);
      restore_expanded (self, row, "activity", activity->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   delete_button (_ ("Delete this activity"), activity->id,
                                                  G_CALLBACK (on_delete_activity), self));
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
      MaOutput *output = outputs->pdata[i];
      GtkWidget *row = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     output->title != NULL ? output->title : "");
      adw_expander_row_set_subtitle (
          ADW_EXPANDER_ROW (row),
          output->kind != NULL
              ? ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_OUTPUT_KIND, output->kind)
              : "");
      adw_expander_row_add_row (
          ADW_EXPANDER_ROW (row),
          sub_entry (self, _ ("Title"), "output", output->id, "title", output->title));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sub_combo (self, _ ("Kind"), "output", output->id, "kind",
                                           MA_VOCABULARY_OUTPUT_KIND, TRUE, output->kind));
      restore_expanded (self, row, "output", output->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   delete_button (_ ("Delete this output"), output->id,
                                                  G_CALLBACK (on_delete_output), self));
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

  ma_action_detail_flush_pending (self);
  self->writing++;
  if (ma_store_create_activity (self->store, self->id, "workshop", &error) < 0)
    ma_action_detail_show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  ma_action_detail_reload (self);
}

static void
on_add_output (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;

  ma_action_detail_flush_pending (self);
  self->writing++;
  if (ma_store_create_output (self->store, self->id, NULL, _ ("New output"), &error) < 0)
    ma_action_detail_show_error (self, GTK_WIDGET (self->outputs_group), error->message);
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
