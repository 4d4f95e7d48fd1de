/* ma-view-row.c: one saved view in the list of views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-view-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-view-row.h"

struct _MaViewRow
{
  GtkListBoxRow parent_instance;

  GtkLabel *label;
  GtkButton *delete_button;

  char *name;
};

enum
{
  SIGNAL_DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaViewRow, ma_view_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_delete_clicked (MaViewRow *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
}

static void
ma_view_row_finalize (GObject *object)
{
  g_clear_pointer (&MA_VIEW_ROW (object)->name, g_free);

  G_OBJECT_CLASS (ma_view_row_parent_class)->finalize (object);
}

static void
ma_view_row_class_init (MaViewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_view_row_finalize;

  signals[SIGNAL_DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-view-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MaViewRow, label);
  gtk_widget_class_bind_template_child (widget_class, MaViewRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
ma_view_row_init (MaViewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ma_view_row_new (const char *name)
{
  MaViewRow *self = g_object_new (MA_TYPE_VIEW_ROW, NULL);
  /* Translators: %s is the name of a saved view */
  g_autofree char *tip = g_strdup_printf (_ ("Delete the view “%s”"), name);

  self->name = g_strdup (name);
  gtk_label_set_text (self->label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  return GTK_WIDGET (self);
}

const char *
ma_view_row_get_name (MaViewRow *self)
{
  g_return_val_if_fail (MA_IS_VIEW_ROW (self), NULL);
  return self->name;
}
