/* ma-history-window.c: the edit history of one Action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-history-window.h"

struct _MaHistoryWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (MaHistoryWindow, ma_history_window, ADW_TYPE_WINDOW)

static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "*created*", N_ ("Created") },
  { "*deleted*", N_ ("Deleted") },
  { "*restored*", N_ ("Restored") },
  { "title", N_ ("Title") },
  { "code", N_ ("Short code") },
  { "summary", N_ ("Summary") },
  { "type", N_ ("Type") },
  { "status", N_ ("Status") },
  { "region", N_ ("Region") },
  { "start_date", N_ ("Start date") },
  { "end_date", N_ ("End date") },
  { "builds_on", N_ ("Builds on") },
  { "notes", N_ ("Notes") },
  { "countries", N_ ("Countries") },
  { "themes", N_ ("Thematic areas") },
  { "partners", N_ ("Partners") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _ (field_labels[i].label);
  return field;
}

/* Codes of vocabularies as their names; other values as stored. */
static const char *
value_label (MaVocabularies *vocabularies, const char *field, const char *value)
{
  if (value == NULL)
    return "—";
  if (g_strcmp0 (field, "status") == 0)
    return ma_vocabularies_name (vocabularies, MA_VOCABULARY_STATUS, value);
  if (g_strcmp0 (field, "type") == 0)
    return ma_vocabularies_name (vocabularies, MA_VOCABULARY_TYPE, value);
  if (g_strcmp0 (field, "region") == 0)
    return ma_vocabularies_name (vocabularies, MA_VOCABULARY_REGION, value);
  return value;
}

/* "2026-11-23T21:10:13.678Z" in local time, to the minute. */
static char *
time_label (const char *iso)
{
  g_autoptr (GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
ma_history_window_class_init (MaHistoryWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ma_history_window_init (MaHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_history_window_new (GtkWindow *parent,
                       MaStore *store,
                       gint64 action,
                       MaVocabularies *vocabularies)
{
  MaHistoryWindow *self = g_object_new (MA_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ma_store_list_history (store, "action", action, &error);
  g_autoptr (MaAction) record =
      ma_store_get_action (store, action, ma_vocabularies_get_lang (vocabularies), NULL);

  if (record != NULL)
    adw_window_title_set_subtitle (self->window_title, ma_action_get_title (record));
  if (entries == NULL)
    {
      g_warning ("Cannot read the history: %s", error->message);
      return GTK_WIDGET (self);
    }
  /* Newest first: what people look for is the last change. */
  for (guint i = entries->len; i > 0; i--)
    {
      MaHistoryEntry *entry = entries->pdata[i - 1];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *change = NULL;
      const char *old_value = value_label (vocabularies, entry->field, entry->old_value);
      const char *new_value = value_label (vocabularies, entry->field, entry->new_value);
      g_autofree char *when = time_label (entry->time);

      if (entry->field != NULL && entry->field[0] == '*')
        change = g_strdup (field_label (entry->field));
      else
        /* Translators: a change in the history: field, old value, new value */
        change = g_strdup_printf (_ ("%1$s: %2$s → %3$s"), field_label (entry->field), old_value,
                                  new_value);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->list_box, row);
    }
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
  return GTK_WIDGET (self);
}
