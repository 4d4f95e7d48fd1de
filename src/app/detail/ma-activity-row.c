/* ma-activity-row.c: an activity of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-activity-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ma-activity-row.h"
#include "ma-date.h"
#include "ma-term-model.h"

struct _MaActivityRow
{
  AdwExpanderRow parent_instance;

  AdwComboRow *kind_row;
  AdwComboRow *format_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  AdwEntryRow *place_row;
  AdwEntryRow *participants_row;
  AdwEntryRow *description_row;
  AdwEntryRow *add_expert_row;

  MaVocabularies *vocabularies;
  gint64 id;
  gboolean outside;
  GHashTable *expert_buttons; /* remove button → gint64 * expert id */
  gboolean loading;
};

enum
{
  SIGNAL_FIELD_CHANGED,
  SIGNAL_DELETE,
  SIGNAL_ADD_EXPERT,
  SIGNAL_REMOVE_EXPERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaActivityRow, ma_activity_row, ADW_TYPE_EXPANDER_ROW)

static void
emit_field (MaActivityRow *self, const char *field, const char *value, gpointer editor)
{
  if (!self->loading)
    g_signal_emit (self, signals[SIGNAL_FIELD_CHANGED], 0, field, value, editor);
}

static void
on_entry_changed (MaActivityRow *self, GtkEditable *editable)
{
  const struct
  {
    AdwEntryRow *row;
    const char *field;
  } fields[] = {
    { self->start_row, "start_date" },
    { self->end_row, "end_date" },
    { self->place_row, "place" },
    { self->participants_row, "participants" },
    { self->description_row, "description" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (GTK_EDITABLE (fields[i].row) == editable)
      emit_field (self, fields[i].field, gtk_editable_get_text (editable), editable);
}

static void
on_kind_selected (MaActivityRow *self)
{
  emit_field (self, "kind",
              ma_term_model_code (self->vocabularies, MA_VOCABULARY_ACTIVITY_KIND,
                                  adw_combo_row_get_selected (self->kind_row), TRUE),
              self->kind_row);
}

static void
on_format_selected (MaActivityRow *self)
{
  emit_field (self, "format",
              ma_term_model_code (self->vocabularies, MA_VOCABULARY_ACTIVITY_FORMAT,
                                  adw_combo_row_get_selected (self->format_row), TRUE),
              self->format_row);
}

static void
on_delete_clicked (MaActivityRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
}

static void
on_add_expert (MaActivityRow *self)
{
  g_autofree char *name =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_expert_row))));

  if (name[0] != '\0')
    g_signal_emit (self, signals[SIGNAL_ADD_EXPERT], 0, name);
}

static void
on_remove_expert (GtkButton *button, MaActivityRow *self)
{
  gint64 *expert = g_hash_table_lookup (self->expert_buttons, button);

  if (expert != NULL)
    g_signal_emit (self, signals[SIGNAL_REMOVE_EXPERT], 0, *expert);
}

static void
add_expert_row (MaActivityRow *self, const MaExpert *expert)
{
  g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource ("/eu/mieux_initiative/Actions/ma-expert-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
  GtkWidget *remove = GTK_WIDGET (gtk_builder_get_object (builder, "remove_button"));
  /* Translators: %s is the name of an expert */
  g_autofree char *label = g_strdup_printf (_ ("Remove %s from this activity"), expert->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), expert->name);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_hash_table_insert (self->expert_buttons, remove, g_memdup2 (&expert->id, sizeof expert->id));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_expert), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
}

static void
set_choices (MaActivityRow *self, AdwComboRow *row, MaVocabulary vocabulary, const char *code)
{
  g_autoptr (GtkStringList) model = ma_term_model_new (self->vocabularies, vocabulary, TRUE);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row,
                              ma_term_model_position (self->vocabularies, vocabulary, code, TRUE));
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
ma_activity_row_finalize (GObject *object)
{
  MaActivityRow *self = MA_ACTIVITY_ROW (object);

  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_pointer (&self->expert_buttons, g_hash_table_unref);

  G_OBJECT_CLASS (ma_activity_row_parent_class)->finalize (object);
}

static void
ma_activity_row_class_init (MaActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_activity_row_finalize;

  signals[SIGNAL_FIELD_CHANGED] =
      g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, GTK_TYPE_WIDGET);
  signals[SIGNAL_DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ADD_EXPERT] =
      g_signal_new ("add-expert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_REMOVE_EXPERT] =
      g_signal_new ("remove-expert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-activity-row.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MaActivityRow, name)
  BIND (kind_row);
  BIND (format_row);
  BIND (start_row);
  BIND (end_row);
  BIND (place_row);
  BIND (participants_row);
  BIND (description_row);
  BIND (add_expert_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_format_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_expert);
}

static void
ma_activity_row_init (MaActivityRow *self)
{
  self->loading = TRUE;
  self->expert_buttons = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Whether the activity's dates fall outside the Action's period. */
static gboolean
outside_period (const MaActivity *activity, const char *action_start, const char *action_end)
{
  g_autofree char *first = ma_date_lower_bound (action_start);
  g_autofree char *last = ma_date_upper_bound (action_end);
  g_autofree char *start = ma_date_lower_bound (activity->start_date);
  g_autofree char *end =
      ma_date_upper_bound (activity->end_date != NULL ? activity->end_date : activity->start_date);

  return (first != NULL && end != NULL && strcmp (end, first) < 0) ||
         (last != NULL && start != NULL && strcmp (start, last) > 0);
}

GtkWidget *
ma_activity_row_new (MaVocabularies *vocabularies,
                     const MaActivity *activity,
                     GPtrArray *experts,
                     const char *action_start,
                     const char *action_end)
{
  MaActivityRow *self = g_object_new (MA_TYPE_ACTIVITY_ROW, NULL);
  const char *lang = ma_vocabularies_get_lang (vocabularies);
  g_autofree char *span = ma_date_format_span (activity->start_date, activity->end_date, lang);
  g_autofree char *participants = NULL;
  g_autoptr (GString) subtitle = g_string_new (span);

  self->vocabularies = ma_vocabularies_ref (vocabularies);
  self->id = activity->id;
  if (activity->place != NULL && activity->place[0] != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", activity->place);
  self->outside = outside_period (activity, action_start, action_end);
  if (self->outside)
    {
      /* Translators: after the dates of an activity that falls outside its Action's period */
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                              _ ("outside the Action’s period"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
    }
  adw_preferences_row_set_title (
      ADW_PREFERENCES_ROW (self),
      activity->kind != NULL
          ? ma_vocabularies_name (vocabularies, MA_VOCABULARY_ACTIVITY_KIND, activity->kind)
          : _ ("Activity"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
  if (activity->participants >= 0)
    participants = g_strdup_printf ("%d", activity->participants);

  set_choices (self, self->kind_row, MA_VOCABULARY_ACTIVITY_KIND, activity->kind);
  set_choices (self, self->format_row, MA_VOCABULARY_ACTIVITY_FORMAT, activity->format);
  {
    g_autofree char *start = ma_date_to_entry (activity->start_date);
    g_autofree char *end = ma_date_to_entry (activity->end_date);

    set_text (self->start_row, start);
    set_text (self->end_row, end);
  }
  set_text (self->place_row, activity->place);
  set_text (self->participants_row, participants);
  set_text (self->description_row, activity->description);
  for (guint i = 0; experts != NULL && i < experts->len; i++)
    add_expert_row (self, experts->pdata[i]);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->add_expert_row));
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

gint64
ma_activity_row_get_id (MaActivityRow *self)
{
  g_return_val_if_fail (MA_IS_ACTIVITY_ROW (self), 0);
  return self->id;
}

GtkWidget *
ma_activity_row_get_add_expert_row (MaActivityRow *self)
{
  g_return_val_if_fail (MA_IS_ACTIVITY_ROW (self), NULL);
  return GTK_WIDGET (self->add_expert_row);
}

gboolean
ma_activity_row_is_outside (MaActivityRow *self)
{
  g_return_val_if_fail (MA_IS_ACTIVITY_ROW (self), FALSE);
  return self->outside;
}
