/* ma-filter-chip.c: one facet in force, shown under the search entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-filter-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-filter-chip.h"

struct _MaFilterChip
{
  GtkButton parent_instance;

  GtkLabel *label;

  char *key;
  char *code;
};

G_DEFINE_FINAL_TYPE (MaFilterChip, ma_filter_chip, GTK_TYPE_BUTTON)

static void
ma_filter_chip_finalize (GObject *object)
{
  MaFilterChip *self = MA_FILTER_CHIP (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (ma_filter_chip_parent_class)->finalize (object);
}

static void
ma_filter_chip_class_init (MaFilterChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_filter_chip_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-filter-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, MaFilterChip, label);
}

static void
ma_filter_chip_init (MaFilterChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_filter_chip_new (const char *text, const char *key, const char *code)
{
  MaFilterChip *self = g_object_new (MA_TYPE_FILTER_CHIP, NULL);
  /* Translators: the accessible name of a button that removes a filter */
  g_autofree char *remove = g_strdup_printf (_ ("Remove the filter “%s”"), text);

  self->key = g_strdup (key);
  self->code = g_strdup (code);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  return GTK_WIDGET (self);
}

const char *
ma_filter_chip_get_key (MaFilterChip *self)
{
  g_return_val_if_fail (MA_IS_FILTER_CHIP (self), NULL);
  return self->key;
}

const char *
ma_filter_chip_get_code (MaFilterChip *self)
{
  g_return_val_if_fail (MA_IS_FILTER_CHIP (self), NULL);
  return self->code;
}
