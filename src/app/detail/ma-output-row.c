/* ma-output-row.c: an output of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-output-row"

#include "config.h"

#include "ma-output-row.h"
#include "ma-term-model.h"

struct _MaOutputRow
{
  AdwExpanderRow parent_instance;

  AdwEntryRow *title_row;
  AdwComboRow *kind_row;

  MaVocabularies *vocabularies;
  gint64 id;
  gboolean loading;
};

enum
{
  SIGNAL_FIELD_CHANGED,
  SIGNAL_DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaOutputRow, ma_output_row, ADW_TYPE_EXPANDER_ROW)

static void
on_title_changed (MaOutputRow *self, GtkEditable *editable)
{
  if (!self->loading)
    g_signal_emit (self, signals[SIGNAL_FIELD_CHANGED], 0, "title",
                   gtk_editable_get_text (editable), editable);
}

static void
on_kind_selected (MaOutputRow *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[SIGNAL_FIELD_CHANGED], 0, "kind",
                   ma_term_model_code (self->vocabularies, MA_VOCABULARY_OUTPUT_KIND,
                                       adw_combo_row_get_selected (self->kind_row), TRUE),
                   self->kind_row);
}

static void
on_delete_clicked (MaOutputRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
}

static void
ma_output_row_finalize (GObject *object)
{
  MaOutputRow *self = MA_OUTPUT_ROW (object);

  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);

  G_OBJECT_CLASS (ma_output_row_parent_class)->finalize (object);
}

static void
ma_output_row_class_init (MaOutputRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_output_row_finalize;

  signals[SIGNAL_FIELD_CHANGED] =
      g_signal_new ("field-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, GTK_TYPE_WIDGET);
  signals[SIGNAL_DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-output-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MaOutputRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, MaOutputRow, kind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
ma_output_row_init (MaOutputRow *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_output_row_new (MaVocabularies *vocabularies, const MaOutput *output)
{
  MaOutputRow *self = g_object_new (MA_TYPE_OUTPUT_ROW, NULL);
  g_autoptr (GtkStringList) kinds =
      ma_term_model_new (vocabularies, MA_VOCABULARY_OUTPUT_KIND, TRUE);

  self->vocabularies = ma_vocabularies_ref (vocabularies);
  self->id = output->id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 output->title != NULL ? output->title : "");
  adw_expander_row_set_subtitle (
      ADW_EXPANDER_ROW (self),
      output->kind != NULL
          ? ma_vocabularies_name (vocabularies, MA_VOCABULARY_OUTPUT_KIND, output->kind)
          : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         output->title != NULL ? output->title : "");
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (
      self->kind_row,
      ma_term_model_position (vocabularies, MA_VOCABULARY_OUTPUT_KIND, output->kind, TRUE));
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

gint64
ma_output_row_get_id (MaOutputRow *self)
{
  g_return_val_if_fail (MA_IS_OUTPUT_ROW (self), 0);
  return self->id;
}
