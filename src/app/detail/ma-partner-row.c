/* ma-partner-row.c: a partner institution of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-partner-row"

#include "config.h"

#include "ma-partner-row.h"
#include "ma-term-model.h"

struct _MaPartnerRow
{
  AdwExpanderRow parent_instance;

  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwComboRow *country_row;

  MaVocabularies *vocabularies;
  gint64 id;
  gboolean loading;
};

enum
{
  SIGNAL_FIELD_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaPartnerRow, ma_partner_row, ADW_TYPE_EXPANDER_ROW)

static void
emit_field (MaPartnerRow *self, const char *field, const char *value, gpointer editor)
{
  if (!self->loading)
    g_signal_emit (self, signals[SIGNAL_FIELD_CHANGED], 0, field, value, editor);
}

static void
on_name_changed (MaPartnerRow *self, GtkEditable *editable)
{
  emit_field (self, "name", gtk_editable_get_text (editable), editable);
}

static void
on_kind_selected (MaPartnerRow *self)
{
  emit_field (self, "kind",
              ma_term_model_code (self->vocabularies, MA_VOCABULARY_PARTNER_KIND,
                                  adw_combo_row_get_selected (self->kind_row), TRUE),
              self->kind_row);
}

static void
on_country_selected (MaPartnerRow *self)
{
  emit_field (self, "country",
              ma_term_model_code (self->vocabularies, MA_VOCABULARY_COUNTRY,
                                  adw_combo_row_get_selected (self->country_row), TRUE),
              self->country_row);
}

static void
on_remove_clicked (MaPartnerRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
set_choices (MaPartnerRow *self, AdwComboRow *row, MaVocabulary vocabulary, const char *code)
{
  g_autoptr (GtkStringList) model = ma_term_model_new (self->vocabularies, vocabulary, TRUE);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row,
                              ma_term_model_position (self->vocabularies, vocabulary, code, TRUE));
}

static void
ma_partner_row_finalize (GObject *object)
{
  MaPartnerRow *self = MA_PARTNER_ROW (object);

  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);

  G_OBJECT_CLASS (ma_partner_row_parent_class)->finalize (object);
}

static void
ma_partner_row_class_init (MaPartnerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_partner_row_finalize;

  signals[SIGNAL_FIELD_CHANGED] =
      g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, GTK_TYPE_WIDGET);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-partner-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MaPartnerRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MaPartnerRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MaPartnerRow, country_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_country_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
ma_partner_row_init (MaPartnerRow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_partner_row_new (MaVocabularies *vocabularies, const MaPartner *partner)
{
  MaPartnerRow *self = g_object_new (MA_TYPE_PARTNER_ROW, NULL);
  g_autoptr (GString) subtitle = g_string_new (NULL);

  self->vocabularies = ma_vocabularies_ref (vocabularies);
  self->id = partner->id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), partner->name);
  if (partner->kind != NULL)
    g_string_append (
        subtitle, ma_vocabularies_name (vocabularies, MA_VOCABULARY_PARTNER_KIND, partner->kind));
  if (partner->country != NULL)
    g_string_append_printf (
        subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
        ma_vocabularies_name (vocabularies, MA_VOCABULARY_COUNTRY, partner->country));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), partner->name);
  set_choices (self, self->kind_row, MA_VOCABULARY_PARTNER_KIND, partner->kind);
  set_choices (self, self->country_row, MA_VOCABULARY_COUNTRY, partner->country);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

gint64
ma_partner_row_get_id (MaPartnerRow *self)
{
  g_return_val_if_fail (MA_IS_PARTNER_ROW (self), 0);
  return self->id;
}
