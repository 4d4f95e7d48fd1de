/* ma-action-detail.c: every field of one Action, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-detail-private.h"
#include "ma-checklist-dialog.h"
#include "ma-date.h"

enum
{
  SIGNAL_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaActionDetail, ma_action_detail, ADW_TYPE_BIN)

void
ma_action_detail_tell_deleted (MaActionDetail *self, const char *message, guint serial)
{
  if (serial != 0)
    g_signal_emit (self, signals[SIGNAL_DELETED], 0, message, serial);
}

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

void
ma_action_detail_show_error (MaActionDetail *self, GtkWidget *widget, const char *message)
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

/* Whether ACTION has its own title in LANG (not the original's, as a fallback). */
static gboolean
has_translation (MaAction *action, const char *lang)
{
  return action != NULL && g_strcmp0 (ma_action_get_title_lang (action), lang) == 0 &&
         g_strcmp0 (ma_action_get_lang (action), lang) != 0;
}

/* Pushes the edit on the undo stack before it is written: 0 when there is no
 * stack or the edit changes nothing. */
static guint
push_undo (MaActionDetail *self, PendingWrite *write)
{
  if (self->undo == NULL)
    return 0;
  if (strcmp (write->record, "text") == 0)
    return ma_undo_stack_push_text (self->undo, self->id,
                                    ma_vocabularies_get_lang (self->vocabularies));
  return ma_undo_stack_push_field (self->undo, self->id, write->record, write->id, write->field,
                                   write->value);
}

static gboolean
write_one (MaActionDetail *self, PendingWrite *write, GError **error)
{
  g_autoptr (MaAction) before = NULL;
  gboolean ok;
  guint serial;

  if (strcmp (write->record, "text") == 0)
    before = ma_store_get_action (self->store, self->id,
                                  ma_vocabularies_get_lang (self->vocabularies), NULL);
  serial = push_undo (self, write);
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
  if (!ok && serial != 0)
    ma_undo_stack_forget (self->undo, serial);
  else if (ok && strcmp (write->record, "text") == 0 &&
           has_translation (before, ma_vocabularies_get_lang (self->vocabularies)))
    {
      g_autoptr (MaAction) after = ma_store_get_action (
          self->store, self->id, ma_vocabularies_get_lang (self->vocabularies), NULL);

      /* Both fields emptied: the translation is gone (the original shows again). */
      if (after != NULL && !has_translation (after, ma_vocabularies_get_lang (self->vocabularies)))
        ma_action_detail_tell_deleted (self, _ ("Translation deleted"), serial);
    }
  return ok;
}

gboolean
ma_action_detail_flush_pending (MaActionDetail *self)
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
          ma_action_detail_show_error (self, write->widget, error->message);
        }
    }
  return all_ok;
}

static gboolean
flush_timeout (gpointer data)
{
  MaActionDetail *self = data;

  self->flush_source = 0;
  ma_action_detail_flush_pending (self);
  return G_SOURCE_REMOVE;
}

void
ma_action_detail_schedule_write (MaActionDetail *self,
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

/* A day chosen in a date field's calendar: written as people write it. */
static void
on_day_selected (GtkCalendar *calendar, MaActionDetail *self)
{
  g_autoptr (GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%d/%m/%Y");
  AdwEntryRow *row = calendar == self->start_calendar ? self->start_row : self->end_row;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (self->loading)
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Helpers to fill the page */

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* A date as people write it (19/10/2021), not as it is stored. */
static void
set_date_text (AdwEntryRow *row, const char *iso)
{
  g_autofree char *text = ma_date_to_entry (iso);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
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
reload_later_cb (gpointer data)
{
  MaActionDetail *self = data;

  ma_action_detail_reload (self);
  g_object_unref (self);
}

/* After the handler that asks for it returns: a reload replaces that handler's row. */
void
ma_action_detail_reload_later (MaActionDetail *self)
{
  g_idle_add_once (reload_later_cb, g_object_ref (self));
}

/* Countries and themes */

static void
on_codes_chosen (const char *const *codes, gpointer user_data)
{
  MaActionDetail *self = user_data;
  MaVocabulary vocabulary = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "choosing"));
  g_autoptr (GError) error = NULL;
  guint serial = 0;
  gboolean ok;

  if (self->id <= 0)
    return;
  if (self->undo != NULL)
    serial = ma_undo_stack_push_links (
        self->undo, self->id,
        vocabulary == MA_VOCABULARY_COUNTRY ? MA_UNDO_COUNTRIES : MA_UNDO_THEMES, self->id);
  self->writing++;
  if (vocabulary == MA_VOCABULARY_COUNTRY)
    ok = ma_store_set_action_countries (self->store, self->id, codes, &error);
  else
    ok = ma_store_set_action_themes (self->store, self->id, codes, &error);
  self->writing--;
  if (!ok)
    {
      if (serial != 0)
        ma_undo_stack_forget (self->undo, serial);
      ma_action_detail_show_error (self, NULL, error->message);
    }
  ma_action_detail_reload (self);
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
  ma_action_detail_schedule_write (self, "action", self->id, field_of (self, editable),
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
    code = ma_term_model_code (self->vocabularies, MA_VOCABULARY_STATUS, position, FALSE);
  else if (row == self->type_row)
    code = ma_term_model_code (self->vocabularies, MA_VOCABULARY_TYPE, position, TRUE);
  else
    code = ma_term_model_code (self->vocabularies, MA_VOCABULARY_REGION, position, TRUE);
  ma_action_detail_schedule_write (self, "action", self->id, field_of (self, row), code,
                                   GTK_WIDGET (row));
  if (row == self->lang_row && !self->loading)
    {
      /* The title row says which language it holds. */
      ma_action_detail_flush_pending (self);
      ma_action_detail_reload_later (self);
    }
}

static void
on_translation_changed (MaActionDetail *self)
{
  ma_action_detail_schedule_write (self, "text", self->id, "text", NULL,
                                   GTK_WIDGET (self->translation_title_row));
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
  ma_action_detail_schedule_write (self, "action", self->id,
                                   view == GTK_WIDGET (self->summary_view) ? "summary" : "notes",
                                   text, view);
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

void
ma_action_detail_reload (MaActionDetail *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *themes = NULL;

  g_clear_object (&self->action);
  ma_action_detail_clear_rows (self);
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
  set_date_text (self->start_row, ma_action_get_start_date (self->action));
  set_date_text (self->end_row, ma_action_get_end_date (self->action));
  label_date (self, self->start_row, ma_action_get_start_date (self->action));
  label_date (self, self->end_row, ma_action_get_end_date (self->action));
  set_entry_text (self->builds_on_row, ma_action_get_builds_on_code (self->action));
  adw_combo_row_set_selected (self->status_row,
                              ma_term_model_position (self->vocabularies, MA_VOCABULARY_STATUS,
                                                      ma_action_get_status (self->action), FALSE));
  adw_combo_row_set_selected (
      self->type_row, ma_term_model_position (self->vocabularies, MA_VOCABULARY_TYPE,
                                              ma_action_get_type_code (self->action), TRUE));
  adw_combo_row_set_selected (self->region_row,
                              ma_term_model_position (self->vocabularies, MA_VOCABULARY_REGION,
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
  ma_action_detail_fill_partners (self);
  ma_action_detail_fill_activities (self);
  ma_action_detail_fill_experts (self);
  ma_action_detail_fill_outputs (self);
  self->loading = FALSE;
}

static void
on_store_changed (MaActionDetail *self, gint64 action)
{
  /* Our own writes are already on screen; reload for undo, imports, other windows. */
  if (self->writing > 0 || self->pending->len > 0)
    return;
  if (action == 0 || action == self->id)
    ma_action_detail_reload (self);
}

static void
ma_action_detail_dispose (GObject *object)
{
  MaActionDetail *self = MA_ACTION_DETAIL (object);

  ma_action_detail_flush_pending (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_handler, self->store);
  g_clear_weak_pointer (&self->error_widget);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->activity_order, g_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_object (&self->action);
  g_clear_object (&self->store);
  g_clear_object (&self->undo);

  G_OBJECT_CLASS (ma_action_detail_parent_class)->dispose (object);
}

static void
ma_action_detail_class_init (MaActionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_action_detail_dispose;

  signals[SIGNAL_DELETED] =
      g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

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
  BIND (start_calendar);
  BIND (end_calendar);
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
  ma_action_detail_records_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_translation_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_countries_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_themes_activated);
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
  statuses = ma_term_model_new (vocabularies, MA_VOCABULARY_STATUS, FALSE);
  types = ma_term_model_new (vocabularies, MA_VOCABULARY_TYPE, TRUE);
  regions = ma_term_model_new (vocabularies, MA_VOCABULARY_REGION, TRUE);
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

  ma_action_detail_flush_pending (self);
  if (id == self->id && self->action != NULL)
    return;
  self->id = id;
  clear_error (self, NULL);
  ma_action_detail_reload (self);
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
  return ma_action_detail_flush_pending (self);
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

void
ma_action_detail_set_undo_stack (MaActionDetail *self, MaUndoStack *undo)
{
  g_return_if_fail (MA_IS_ACTION_DETAIL (self));

  g_set_object (&self->undo, undo);
}

GtkTextBuffer *
ma_action_detail_get_translation_summary (MaActionDetail *self)
{
  g_return_val_if_fail (MA_IS_ACTION_DETAIL (self), NULL);
  return gtk_text_view_get_buffer (self->translation_summary_view);
}
