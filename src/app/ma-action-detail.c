/* ma-action-detail.c: every field of one Action, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-detail.h"
#include "ma-checklist-dialog.h"
#include "ma-date.h"

/* One edit waiting for the debounce timeout. */
typedef struct
{
  char *record; /* "action", "activity", "output", "partner" */
  gint64 id;
  char *field;
  char *value;
  GtkWidget *widget; /* weak: where to show an error */
} PendingWrite;

struct _MaActionDetail
{
  AdwBin parent_instance;

  AdwPreferencesPage *page;
  AdwPreferencesGroup *general_group;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  AdwEntryRow *code_row;
  AdwComboRow *status_row;
  AdwComboRow *type_row;
  AdwComboRow *region_row;
  AdwComboRow *lang_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  AdwEntryRow *builds_on_row;
  GtkTextView *summary_view;
  AdwPreferencesGroup *translation_group;
  AdwEntryRow *translation_title_row;
  GtkTextView *translation_summary_view;
  GtkTextView *notes_view;
  AdwActionRow *countries_row;
  AdwActionRow *themes_row;
  AdwPreferencesGroup *partners_group;
  GtkMenuButton *add_partner_button;
  GtkPopover *partner_popover;
  GtkSearchEntry *partner_search;
  GtkListBox *partner_choices;
  AdwPreferencesGroup *activities_group;
  AdwPreferencesGroup *experts_group;
  AdwPreferencesGroup *outputs_group;

  MaStore *store;
  MaVocabularies *vocabularies;
  gulong store_handler;
  gint64 id;
  MaAction *action;
  GPtrArray *partners; /* MaPartner of the Action */
  GPtrArray *rows;     /* dynamic rows: (group, row) pairs to remove on reload */
  GPtrArray *pending;  /* PendingWrite */
  guint flush_source;
  gboolean loading;
  guint writing;
  GtkWidget *error_widget;
  GHashTable *expanded; /* "activity:ID", "output:ID" of open expander rows */
};

G_DEFINE_FINAL_TYPE (MaActionDetail, ma_action_detail, ADW_TYPE_BIN)

static void reload (MaActionDetail *self);
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
static void restore_expanded (MaActionDetail *self, GtkWidget *row, const char *record, gint64 id);

static void
pending_write_free (gpointer data)
{
  PendingWrite *write = data;

  g_free (write->record);
  g_free (write->field);
  g_free (write->value);
  g_clear_weak_pointer (&write->widget);
  g_free (write);
}

/* Errors */

static void
show_error (MaActionDetail *self, GtkWidget *widget, const char *message)
{
  if (self->error_widget != NULL && self->error_widget != widget)
    gtk_widget_remove_css_class (self->error_widget, "error");
  g_set_weak_pointer (&self->error_widget, widget);
  if (widget != NULL)
    gtk_widget_add_css_class (widget, "error");
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
clear_error (MaActionDetail *self, GtkWidget *widget)
{
  if (widget != NULL && widget != self->error_widget)
    return;
  if (self->error_widget != NULL)
    gtk_widget_remove_css_class (self->error_widget, "error");
  g_clear_weak_pointer (&self->error_widget);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Writing */

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* "Start date · October 2021": how the typed partial date reads. */
static void
label_date (MaActionDetail *self, AdwEntryRow *row, const char *text)
{
  const char *name = row == self->start_row ? _ ("Start date") : _ ("End date");
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *title = NULL;

  if (text != NULL && ma_date_parse (text, &iso, NULL) && iso != NULL)
    shown = ma_date_format (iso, ma_vocabularies_get_lang (self->vocabularies));
  if (shown != NULL && shown[0] != '\0')
    /* Translators: a date field and how its partial date reads: “Start date · October 2021” */
    title = g_strdup_printf (_ ("%1$s · %2$s"), name, shown);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : name);
}

static gboolean
write_one (MaActionDetail *self, PendingWrite *write, GError **error)
{
  gboolean ok;

  self->writing++;
  if (strcmp (write->record, "action") == 0)
    ok = ma_store_set_action_field (self->store, write->id, write->field, write->value, error);
  else if (strcmp (write->record, "activity") == 0)
    ok = ma_store_set_activity_field (self->store, write->id, write->field, write->value, error);
  else if (strcmp (write->record, "output") == 0)
    ok = ma_store_set_output_field (self->store, write->id, write->field, write->value, error);
  else if (strcmp (write->record, "text") == 0)
    {
      /* Title and summary of the translation go together, as they are now. */
      g_autofree char *summary = buffer_text (self->translation_summary_view);
      ok = ma_store_set_action_text (
          self->store, write->id, ma_vocabularies_get_lang (self->vocabularies),
          gtk_editable_get_text (GTK_EDITABLE (self->translation_title_row)), summary, error);
    }
  else if (strcmp (write->record, "partner") == 0)
    ok = ma_store_set_partner_field (self->store, write->id, write->field, write->value, error);
  else
    g_assert_not_reached ();
  self->writing--;
  return ok;
}

static gboolean
flush_pending (MaActionDetail *self)
{
  g_autoptr (GPtrArray) pending = NULL;
  gboolean all_ok = TRUE;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->store == NULL || self->pending->len == 0)
    return TRUE;
  pending = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (pending_write_free);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingWrite *write = pending->pdata[i];
      g_autoptr (GError) error = NULL;

      if (write_one (self, write, &error))
        {
          clear_error (self, write->widget);
          if (write->widget == GTK_WIDGET (self->start_row) ||
              write->widget == GTK_WIDGET (self->end_row))
            label_date (self, ADW_ENTRY_ROW (write->widget), write->value);
        }
      else
        {
          all_ok = FALSE;
          show_error (self, write->widget, error->message);
        }
    }
  return all_ok;
}

static gboolean
flush_timeout (gpointer data)
{
  MaActionDetail *self = data;

  self->flush_source = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_write (MaActionDetail *self,
                const char *record,
                gint64 id,
                const char *field,
                const char *value,
                GtkWidget *widget)
{
  PendingWrite *write = NULL;

  if (self->loading || id <= 0)
    return;
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingWrite *other = self->pending->pdata[i];
      if (other->id == id && strcmp (other->record, record) == 0 &&
          strcmp (other->field, field) == 0)
        {
          write = other;
          break;
        }
    }
  if (write == NULL)
    {
      write = g_new0 (PendingWrite, 1);
      write->record = g_strdup (record);
      write->id = id;
      write->field = g_strdup (field);
      g_ptr_array_add (self->pending, write);
    }
  g_free (write->value);
  write->value = g_strdup (value);
  g_set_weak_pointer (&write->widget, widget);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  self->flush_source = g_timeout_add (MA_ACTION_DETAIL_SAVE_DELAY_MS, flush_timeout, self);
}

/* Helpers to fill the page */

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static GtkStringList *
term_model (MaVocabularies *vocabularies, MaVocabulary vocabulary, gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);
  GtkStringList *list = gtk_string_list_new (NULL);

  if (with_none)
    /* Translators: the choice of a list when nothing is chosen */
    gtk_string_list_append (list, C_ ("choice", "Not set"));
  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (list, ((MaTerm *) terms->pdata[i])->name);
  return list;
}

static guint
term_position (MaVocabularies *vocabularies,
               MaVocabulary vocabulary,
               const char *code,
               gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);

  if (code != NULL)
    for (guint i = 0; i < terms->len; i++)
      if (g_strcmp0 (((MaTerm *) terms->pdata[i])->code, code) == 0)
        return i + (with_none ? 1 : 0);
  return with_none ? 0 : GTK_INVALID_LIST_POSITION;
}

static const char *
term_code (MaVocabularies *vocabularies,
           MaVocabulary vocabulary,
           guint position,
           gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);

  if (with_none)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  if (position >= terms->len)
    return NULL;
  return ((MaTerm *) terms->pdata[position])->code;
}

static char *
names_of (MaVocabularies *vocabularies, MaVocabulary vocabulary, const char *const *codes)
{
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ma_vocabularies_name (vocabularies, vocabulary, codes[i]));
    }
  if (names->len == 0)
    /* Translators: a list of countries or themes that is empty */
    return g_strdup (_ ("None"));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

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

static void
clear_dynamic_rows (MaActionDetail *self)
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
    show_error (self, GTK_WIDGET (self->partners_group), error->message);
  self->writing--;
  reload (self);
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

static void
fill_partners (MaActionDetail *self)
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
          show_error (self, GTK_WIDGET (self->partners_group), error->message);
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
reload_idle (gpointer data)
{
  MaActionDetail *self = data;

  reload (self);
  g_object_unref (self);
}

static void
on_sub_entry_changed (GtkEditable *editable, MaActionDetail *self)
{
  const char *record = g_object_get_data (G_OBJECT (editable), "record");
  const char *field = g_object_get_data (G_OBJECT (editable), "field");
  gint64 *id = g_object_get_data (G_OBJECT (editable), "record-id");

  schedule_write (self, record, *id, field, gtk_editable_get_text (editable),
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

  schedule_write (self, record, *id, field,
                  term_code (self->vocabularies, vocabulary, position, with_none),
                  GTK_WIDGET (combo));
  /* Kinds are what the rows are called: show the new one once written, after
   * this handler returns (the reload replaces the row). */
  flush_pending (self);
  g_idle_add_once (reload_idle, g_object_ref (self));
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
  g_autoptr (GtkStringList) model = term_model (self->vocabularies, vocabulary, with_none);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              term_position (self->vocabularies, vocabulary, value, with_none));
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

  flush_pending (self);
  self->writing++;
  if (!ma_store_delete_activity (self->store, *id, &error))
    show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  reload (self);
}

static void
on_delete_output (GtkButton *button, MaActionDetail *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr (GError) error = NULL;

  flush_pending (self);
  self->writing++;
  if (!ma_store_delete_output (self->store, *id, &error))
    show_error (self, GTK_WIDGET (self->outputs_group), error->message);
  self->writing--;
  reload (self);
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
  flush_pending (self);
  self->writing++;
  if (!ma_store_set_activity_experts (self->store, activity, (const gint64 *) ids->data, ids->len,
                                      &error))
    show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  g_idle_add_once (reload_idle, g_object_ref (self));
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
      show_error (self, GTK_WIDGET (row), error->message);
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

static void
fill_activities (MaActionDetail *self)
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

static void
fill_outputs (MaActionDetail *self)
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

static void
fill_experts (MaActionDetail *self)
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

  flush_pending (self);
  self->writing++;
  if (ma_store_create_activity (self->store, self->id, "workshop", &error) < 0)
    show_error (self, GTK_WIDGET (self->activities_group), error->message);
  self->writing--;
  reload (self);
}

static void
on_add_output (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;

  flush_pending (self);
  self->writing++;
  if (ma_store_create_output (self->store, self->id, NULL, _ ("New output"), &error) < 0)
    show_error (self, GTK_WIDGET (self->outputs_group), error->message);
  self->writing--;
  reload (self);
}

/* Countries and themes */

static void
on_codes_chosen (const char *const *codes, gpointer user_data)
{
  MaActionDetail *self = user_data;
  MaVocabulary vocabulary = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "choosing"));
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (self->id <= 0)
    return;
  self->writing++;
  if (vocabulary == MA_VOCABULARY_COUNTRY)
    ok = ma_store_set_action_countries (self->store, self->id, codes, &error);
  else
    ok = ma_store_set_action_themes (self->store, self->id, codes, &error);
  self->writing--;
  if (!ok)
    show_error (self, NULL, error->message);
  reload (self);
}

static GtkWidget *
choose (MaActionDetail *self, MaVocabulary vocabulary, const char *title)
{
  GtkWidget *dialog;

  if (self->action == NULL)
    return NULL;
  g_object_set_data (G_OBJECT (self), "choosing", GUINT_TO_POINTER (vocabulary));
  dialog = ma_checklist_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                    ma_vocabularies_terms (self->vocabularies, vocabulary),
                                    vocabulary == MA_VOCABULARY_COUNTRY
                                        ? ma_action_get_countries (self->action)
                                        : ma_action_get_themes (self->action),
                                    on_codes_chosen, self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_countries_activated (MaActionDetail *self)
{
  choose (self, MA_VOCABULARY_COUNTRY, _ ("Countries"));
}

static void
on_themes_activated (MaActionDetail *self)
{
  choose (self, MA_VOCABULARY_THEME, _ ("Thematic areas"));
}

/* Fields of the Action */

static const char *
field_of (MaActionDetail *self, gpointer widget)
{
  if (widget == self->title_row)
    return "title";
  if (widget == self->code_row)
    return "code";
  if (widget == self->start_row)
    return "start_date";
  if (widget == self->end_row)
    return "end_date";
  if (widget == self->builds_on_row)
    return "builds_on";
  if (widget == self->status_row)
    return "status";
  if (widget == self->type_row)
    return "type";
  if (widget == self->region_row)
    return "region";
  if (widget == self->lang_row)
    return "lang";
  return NULL;
}

static void
on_entry_changed (GtkEditable *editable, MaActionDetail *self)
{
  schedule_write (self, "action", self->id, field_of (self, editable),
                  gtk_editable_get_text (editable), GTK_WIDGET (editable));
}

static const char *const languages[] = { "en", "fr", "es" };

static void
on_combo_changed (AdwComboRow *row, GParamSpec *pspec, MaActionDetail *self)
{
  guint position = adw_combo_row_get_selected (row);
  const char *code;

  if (row == self->lang_row)
    code = position < G_N_ELEMENTS (languages) ? languages[position] : "en";
  else if (row == self->status_row)
    code = term_code (self->vocabularies, MA_VOCABULARY_STATUS, position, FALSE);
  else if (row == self->type_row)
    code = term_code (self->vocabularies, MA_VOCABULARY_TYPE, position, TRUE);
  else
    code = term_code (self->vocabularies, MA_VOCABULARY_REGION, position, TRUE);
  schedule_write (self, "action", self->id, field_of (self, row), code, GTK_WIDGET (row));
  if (row == self->lang_row && !self->loading)
    {
      /* The title row says which language it holds. */
      flush_pending (self);
      g_idle_add_once (reload_idle, g_object_ref (self));
    }
}

static void
on_translation_changed (MaActionDetail *self)
{
  schedule_write (self, "text", self->id, "text", NULL, GTK_WIDGET (self->translation_title_row));
}

static void
on_buffer_changed (GtkTextBuffer *buffer, MaActionDetail *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  GtkWidget *view;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  view = buffer == gtk_text_view_get_buffer (self->summary_view) ? GTK_WIDGET (self->summary_view)
                                                                 : GTK_WIDGET (self->notes_view);
  schedule_write (self, "action", self->id,
                  view == GTK_WIDGET (self->summary_view) ? "summary" : "notes", text, view);
}

static void
set_buffer_text (GtkTextView *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* Whole sentences, not "Title in %s": French and Spanish write a language name in
 * lower case inside a sentence and capitalised alone (the language list below). */
static const char *
original_title_label (const char *lang)
{
  if (g_strcmp0 (lang, "fr") == 0)
    return _ ("Title in French (original)");
  if (g_strcmp0 (lang, "es") == 0)
    return _ ("Title in Spanish (original)");
  return _ ("Title in English (original)");
}

/* The list shows titles in the application's language where translated; the
 * page edits the original, so say which language that is. */
static void
label_original (MaActionDetail *self)
{
  const char *original = ma_action_get_lang (self->action);
  const char *shown = ma_vocabularies_get_lang (self->vocabularies);

  if (original != NULL && g_strcmp0 (original, shown) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row),
                                   original_title_label (original));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _ ("Title"));
}

/* The title and summary in the application's language, when the original is in
 * another: French staff write the French text beside the English original. */
static void
fill_translation (MaActionDetail *self)
{
  const char *shown = ma_vocabularies_get_lang (self->vocabularies);
  const char *original = ma_action_get_lang (self->action);
  gboolean other = g_strcmp0 (original, shown) != 0;
  gboolean translated = g_strcmp0 (ma_action_get_title_lang (self->action), shown) == 0;
  const char *summary = ma_action_get_summary (self->action);
  const char *title;

  gtk_widget_set_visible (GTK_WIDGET (self->translation_group), other);
  if (!other)
    return;
  /* Whole phrases: French and Spanish write a language name in lower case here. */
  if (g_strcmp0 (shown, "fr") == 0)
    title = _ ("In French");
  else if (g_strcmp0 (shown, "es") == 0)
    title = _ ("In Spanish");
  else
    title = _ ("In English");
  adw_preferences_group_set_title (self->translation_group, title);
  set_entry_text (self->translation_title_row,
                  translated ? ma_action_get_title (self->action) : NULL);
  /* A summary equal to the original's is the fallback, not a translation. */
  set_buffer_text (self->translation_summary_view,
                   g_strcmp0 (summary, ma_action_get_original_summary (self->action)) != 0 ? summary
                                                                                           : NULL);
}

static void
reload (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *themes = NULL;

  g_clear_object (&self->action);
  clear_dynamic_rows (self);
  if (self->store == NULL || self->id <= 0)
    return;
  self->action = ma_store_get_action (self->store, self->id,
                                      ma_vocabularies_get_lang (self->vocabularies), &error);
  if (self->action == NULL)
    {
      g_debug ("Cannot show Action %" G_GINT64_FORMAT ": %s", self->id, error->message);
      return;
    }

  self->loading = TRUE;
  label_original (self);
  set_entry_text (self->title_row, ma_action_get_original_title (self->action));
  set_entry_text (self->code_row, ma_action_get_code (self->action));
  set_entry_text (self->start_row, ma_action_get_start_date (self->action));
  set_entry_text (self->end_row, ma_action_get_end_date (self->action));
  label_date (self, self->start_row, ma_action_get_start_date (self->action));
  label_date (self, self->end_row, ma_action_get_end_date (self->action));
  set_entry_text (self->builds_on_row, ma_action_get_builds_on_code (self->action));
  adw_combo_row_set_selected (self->status_row,
                              term_position (self->vocabularies, MA_VOCABULARY_STATUS,
                                             ma_action_get_status (self->action), FALSE));
  adw_combo_row_set_selected (self->type_row,
                              term_position (self->vocabularies, MA_VOCABULARY_TYPE,
                                             ma_action_get_type_code (self->action), TRUE));
  adw_combo_row_set_selected (self->region_row,
                              term_position (self->vocabularies, MA_VOCABULARY_REGION,
                                             ma_action_get_region (self->action), TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], ma_action_get_lang (self->action)) == 0)
      adw_combo_row_set_selected (self->lang_row, i);
  set_buffer_text (self->summary_view, ma_action_get_original_summary (self->action));
  set_buffer_text (self->notes_view, ma_action_get_notes (self->action));
  fill_translation (self);
  countries =
      names_of (self->vocabularies, MA_VOCABULARY_COUNTRY, ma_action_get_countries (self->action));
  themes = names_of (self->vocabularies, MA_VOCABULARY_THEME, ma_action_get_themes (self->action));
  adw_action_row_set_subtitle (self->countries_row, countries);
  adw_action_row_set_subtitle (self->themes_row, themes);
  fill_partners (self);
  fill_activities (self);
  fill_experts (self);
  fill_outputs (self);
  self->loading = FALSE;
}

static void
on_store_changed (MaActionDetail *self, gint64 action)
{
  /* Our own writes are already on screen; reload for undo, imports, other windows. */
  if (self->writing > 0 || self->pending->len > 0)
    return;
  if (action == 0 || action == self->id)
    reload (self);
}

static void
ma_action_detail_dispose (GObject *object)
{
  MaActionDetail *self = MA_ACTION_DETAIL (object);

  flush_pending (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_handler, self->store);
  g_clear_weak_pointer (&self->error_widget);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_object (&self->action);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ma_action_detail_parent_class)->dispose (object);
}

static void
ma_action_detail_class_init (MaActionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_action_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-action-detail.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MaActionDetail, name)
  BIND (page);
  BIND (general_group);
  BIND (error_label);
  BIND (title_row);
  BIND (code_row);
  BIND (status_row);
  BIND (type_row);
  BIND (region_row);
  BIND (lang_row);
  BIND (start_row);
  BIND (end_row);
  BIND (builds_on_row);
  BIND (summary_view);
  BIND (translation_group);
  BIND (translation_title_row);
  BIND (translation_summary_view);
  BIND (notes_view);
  BIND (countries_row);
  BIND (themes_row);
  BIND (partners_group);
  BIND (add_partner_button);
  BIND (partner_popover);
  BIND (partner_search);
  BIND (partner_choices);
  BIND (activities_group);
  BIND (experts_group);
  BIND (outputs_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_translation_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_countries_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_themes_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_partner_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activity);
  gtk_widget_class_bind_template_callback (widget_class, on_add_output);
}

static void
ma_action_detail_init (MaActionDetail *self)
{
  self->pending = g_ptr_array_new_with_free_func (pending_write_free);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_partner_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Add a partner"), -1);
  g_signal_connect (gtk_text_view_get_buffer (self->summary_view), "changed",
                    G_CALLBACK (on_buffer_changed), self);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->translation_summary_view), "changed",
                            G_CALLBACK (on_translation_changed), self);
}

GtkWidget *
ma_action_detail_new (void)
{
  return g_object_new (MA_TYPE_ACTION_DETAIL, NULL);
}

void
ma_action_detail_set_store (MaActionDetail *self, MaStore *store, MaVocabularies *vocabularies)
{
  g_autoptr (GtkStringList) statuses = NULL;
  g_autoptr (GtkStringList) types = NULL;
  g_autoptr (GtkStringList) regions = NULL;

  g_return_if_fail (MA_IS_ACTION_DETAIL (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->vocabularies = ma_vocabularies_ref (vocabularies);
  self->store_handler =
      g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  statuses = term_model (vocabularies, MA_VOCABULARY_STATUS, FALSE);
  types = term_model (vocabularies, MA_VOCABULARY_TYPE, TRUE);
  regions = term_model (vocabularies, MA_VOCABULARY_REGION, TRUE);
  self->loading = TRUE;
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
  self->loading = FALSE;
}

void
ma_action_detail_set_action (MaActionDetail *self, gint64 id)
{
  g_return_if_fail (MA_IS_ACTION_DETAIL (self));

  flush_pending (self);
  if (id == self->id && self->action != NULL)
    return;
  self->id = id;
  clear_error (self, NULL);
  reload (self);
}

gint64
ma_action_detail_get_action (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), 0);
  return self->action != NULL ? self->id : 0;
}

gboolean
ma_action_detail_flush (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), FALSE);
  return flush_pending (self);
}

gboolean
ma_action_detail_has_pending (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), FALSE);
  return self->pending->len > 0;
}

const char *
ma_action_detail_get_error (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
ma_action_detail_focus_title (MaActionDetail *self)
{
  g_return_if_fail (MA_IS_ACTION_DETAIL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

GtkEditable *
ma_action_detail_get_entry (MaActionDetail *self, const char *field)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);

  if (g_strcmp0 (field, "title") == 0)
    return GTK_EDITABLE (self->title_row);
  if (g_strcmp0 (field, "code") == 0)
    return GTK_EDITABLE (self->code_row);
  if (g_strcmp0 (field, "start_date") == 0)
    return GTK_EDITABLE (self->start_row);
  if (g_strcmp0 (field, "end_date") == 0)
    return GTK_EDITABLE (self->end_row);
  return NULL;
}

GtkEditable *
ma_action_detail_get_partner_search (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);
  return GTK_EDITABLE (self->partner_search);
}

GtkEditable *
ma_action_detail_get_translation_entry (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->translation_group)))
    return NULL;
  return GTK_EDITABLE (self->translation_title_row);
}

GtkWidget *
ma_action_detail_choose (MaActionDetail *self, MaVocabulary vocabulary)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);
  return choose (self, vocabulary,
                 vocabulary == MA_VOCABULARY_COUNTRY ? _ ("Countries") : _ ("Thematic areas"));
}
