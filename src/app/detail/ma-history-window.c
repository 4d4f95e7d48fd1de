/* ma-history-window.c: the edit history of one Action, and taking a change back
 *
 * Every change of the Action and of its activities, outputs and partners, newest
 * first, with names instead of stored codes and ids, when and by whom; a button
 * on each change that can be taken back restores the value before it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-history-window"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ma-history-window.h"
#include "ma-store-history.h"

struct _MaHistoryWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkListBox *list_box;

  MaStore *store;
  MaVocabularies *vocabularies;
  gint64 action;
  GHashTable *partners;     /* id (text) → name */
  GHashTable *experts;      /* id (text) → name */
  GHashTable *restore_rows; /* restore button → gint64 * history entry */
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
  { "lang", N_ ("Language of the original") },
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
  { "kind", N_ ("Kind") },
  { "format", N_ ("Format") },
  { "place", N_ ("Place") },
  { "participants", N_ ("Participants") },
  { "description", N_ ("Description") },
  { "experts", N_ ("Experts") },
  { "name", N_ ("Name") },
  { "country", N_ ("Country") },
  { "text_en", N_ ("Title in English") },
  { "text_fr", N_ ("Title in French") },
  { "text_es", N_ ("Title in Spanish") },
};

static void refill (MaHistoryWindow *self);

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _ (field_labels[i].label);
  return field;
}

static GHashTable *
names_of (GPtrArray *records, gboolean experts)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gint64 id =
          experts ? ((MaExpert *) records->pdata[i])->id : ((MaPartner *) records->pdata[i])->id;
      const char *name = experts ? ((MaExpert *) records->pdata[i])->name
                                 : ((MaPartner *) records->pdata[i])->name;
      g_hash_table_insert (names, g_strdup_printf ("%" G_GINT64_FORMAT, id), g_strdup (name));
    }
  return names;
}

/* A stored value as people know it: names for codes and ids. */
static char *
value_label (MaHistoryWindow *self, const MaHistoryEntry *entry, const char *value)
{
  static const struct
  {
    const char *record; /* NULL: any */
    const char *field;
    MaVocabulary vocabulary;
  } vocabularies[] = {
    { "action", "status", MA_VOCABULARY_STATUS },
    { "action", "type", MA_VOCABULARY_TYPE },
    { "action", "region", MA_VOCABULARY_REGION },
    { "action", "countries", MA_VOCABULARY_COUNTRY },
    { "action", "themes", MA_VOCABULARY_THEME },
    { "activity", "kind", MA_VOCABULARY_ACTIVITY_KIND },
    { "activity", "format", MA_VOCABULARY_ACTIVITY_FORMAT },
    { "output", "kind", MA_VOCABULARY_OUTPUT_KIND },
    { "partner", "kind", MA_VOCABULARY_PARTNER_KIND },
    { "partner", "country", MA_VOCABULARY_COUNTRY },
  };
  const char *name;

  if (value == NULL || value[0] == '\0')
    return g_strdup ("—");
  for (guint i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (g_strcmp0 (vocabularies[i].record, entry->record) == 0 &&
        g_strcmp0 (vocabularies[i].field, entry->field) == 0)
      return g_strdup (
          ma_vocabularies_name (self->vocabularies, vocabularies[i].vocabulary, value));
  if (g_strcmp0 (entry->field, "partners") == 0 &&
      (name = g_hash_table_lookup (self->partners, value)) != NULL)
    return g_strdup (name);
  if (g_strcmp0 (entry->field, "experts") == 0 &&
      (name = g_hash_table_lookup (self->experts, value)) != NULL)
    return g_strdup (name);
  if (g_strcmp0 (entry->field, "builds_on") == 0)
    {
      g_autoptr (MaAction) other =
          ma_store_get_action (self->store, g_ascii_strtoll (value, NULL, 10), NULL, NULL);
      if (other != NULL)
        return g_strdup (ma_action_get_code (other) != NULL ? ma_action_get_code (other)
                                                            : ma_action_get_title (other));
    }
  if (g_strcmp0 (entry->field, "lang") == 0)
    {
      if (g_strcmp0 (value, "fr") == 0)
        return g_strdup ("Français");
      if (g_strcmp0 (value, "es") == 0)
        return g_strdup ("Español");
      return g_strdup ("English");
    }
  return g_strdup (value);
}

/* What a deleted record was (its snapshot's MEMBER), or NULL. */
static char *
snapshot_member (const MaHistoryEntry *entry, const char *member)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (entry->old_value == NULL ||
      !json_parser_load_from_data (parser, entry->old_value, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, member) ||
      JSON_NODE_TYPE (json_object_get_member (object, member)) != JSON_NODE_VALUE)
    return NULL;
  return g_strdup (json_object_get_string_member (object, member));
}

/* Which record of the Action a change is about: "Activity “Workshop”", or NULL for
 * the Action itself. */
static char *
record_label (MaHistoryWindow *self, const MaHistoryEntry *entry)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (entry->record, "activity") == 0)
    {
      g_autoptr (GPtrArray) activities = ma_store_list_activities (self->store, self->action, NULL);
      g_autofree char *kind = snapshot_member (entry, "kind");

      for (guint i = 0; activities != NULL && i < activities->len && kind == NULL; i++)
        if (((MaActivity *) activities->pdata[i])->id == entry->record_id)
          kind = g_strdup (((MaActivity *) activities->pdata[i])->kind);
      if (kind == NULL)
        return g_strdup (_ ("Activity"));
      /* Translators: which record a change of the history is about; %s is its kind */
      return g_strdup_printf (
          _ ("Activity “%s”"),
          ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_ACTIVITY_KIND, kind));
    }
  if (g_strcmp0 (entry->record, "output") == 0)
    {
      g_autoptr (GPtrArray) outputs = ma_store_list_outputs (self->store, self->action, NULL);

      name = snapshot_member (entry, "title");
      for (guint i = 0; outputs != NULL && i < outputs->len && name == NULL; i++)
        if (((MaOutput *) outputs->pdata[i])->id == entry->record_id)
          name = g_strdup (((MaOutput *) outputs->pdata[i])->title);
      /* Translators: which record a change of the history is about; %s is its title */
      return g_strdup_printf (_ ("Output “%s”"), name != NULL ? name : "");
    }
  if (g_strcmp0 (entry->record, "partner") == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->record_id);
      const char *partner = g_hash_table_lookup (self->partners, id);

      /* Translators: which record a change of the history is about; %s is its name */
      return g_strdup_printf (_ ("Partner “%s”"), partner != NULL ? partner : "");
    }
  return NULL;
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

static char *
change_label (MaHistoryWindow *self, const MaHistoryEntry *entry)
{
  g_autofree char *record = record_label (self, entry);
  g_autofree char *change = NULL;

  if (entry->field != NULL && entry->field[0] == '*')
    change = g_strdup (field_label (entry->field));
  else
    {
      g_autofree char *old_value = value_label (self, entry, entry->old_value);
      g_autofree char *new_value = value_label (self, entry, entry->new_value);

      /* Translators: a change in the history: field, old value, new value */
      change = g_strdup_printf (_ ("%1$s: %2$s → %3$s"), field_label (entry->field), old_value,
                                new_value);
    }
  if (record == NULL)
    return g_steal_pointer (&change);
  /* Translators: a change of a record of the Action: “Activity “Workshop” · Place: — → Quito” */
  return g_strdup_printf (_ ("%1$s · %2$s"), record, change);
}

static void
on_restore (GtkButton *button, MaHistoryWindow *self)
{
  gint64 *entry = g_hash_table_lookup (self->restore_rows, button);
  g_autoptr (GError) error = NULL;

  if (entry == NULL)
    return;
  if (ma_store_restore_history (self->store, *entry, &error) < 0)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  refill (self);
}

static void
add_row (MaHistoryWindow *self, const MaHistoryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *change = change_label (self, entry);
  g_autofree char *when = time_label (entry->time);
  g_autofree char *subtitle = NULL;

  /* Translators: when and who made a change of the history: “2026-11-23 21:10 · jdupont” */
  subtitle = g_strdup_printf (_ ("%1$s · %2$s"), when,
                              entry->author != NULL ? entry->author : g_get_user_name ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (ma_store_history_can_restore (entry))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _ ("Take this change back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Take this change back"), -1);
      g_hash_table_insert (self->restore_rows, button, g_memdup2 (&entry->id, sizeof entry->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_list_box_append (self->list_box, row);
}

static void
refill (MaHistoryWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = ma_store_list_action_history (self->store, self->action, &error);
  g_autoptr (GPtrArray) partners = ma_store_list_partners (self->store, 0, NULL);
  g_autoptr (GPtrArray) experts = ma_store_list_experts (self->store, 0, NULL);
  GtkWidget *child;

  g_hash_table_remove_all (self->restore_rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->partners, g_hash_table_unref);
  g_clear_pointer (&self->experts, g_hash_table_unref);
  self->partners = names_of (partners, FALSE);
  self->experts = names_of (experts, TRUE);
  if (entries == NULL)
    {
      g_warning ("Cannot read the history: %s", error->message);
      return;
    }
  /* Newest first: what people look for is the last change. */
  for (guint i = entries->len; i > 0; i--)
    add_row (self, entries->pdata[i - 1]);
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

static void
ma_history_window_finalize (GObject *object)
{
  MaHistoryWindow *self = MA_HISTORY_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_pointer (&self->partners, g_hash_table_unref);
  g_clear_pointer (&self->experts, g_hash_table_unref);
  g_clear_pointer (&self->restore_rows, g_hash_table_unref);

  G_OBJECT_CLASS (ma_history_window_parent_class)->finalize (object);
}

static void
ma_history_window_class_init (MaHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_history_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MaHistoryWindow, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ma_history_window_init (MaHistoryWindow *self)
{
  self->restore_rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_history_window_new (GtkWindow *parent,
                       MaStore *store,
                       gint64 action,
                       MaVocabularies *vocabularies)
{
  MaHistoryWindow *self = g_object_new (MA_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  g_autoptr (MaAction) record =
      ma_store_get_action (store, action, ma_vocabularies_get_lang (vocabularies), NULL);

  self->store = g_object_ref (store);
  self->vocabularies = ma_vocabularies_ref (vocabularies);
  self->action = action;
  if (record != NULL)
    adw_window_title_set_subtitle (self->window_title, ma_action_get_title (record));
  refill (self);
  return GTK_WIDGET (self);
}

GtkListBox *
ma_history_window_get_list (MaHistoryWindow *self)
{
  g_return_val_if_fail (MA_IS_HISTORY_WINDOW (self), NULL);
  return self->list_box;
}
