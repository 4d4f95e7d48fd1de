/* ma-views-sidebar.c: the saved views under the list of Actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-views-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-view-row.h"
#include "ma-views-sidebar.h"

struct _MaViewsSidebar
{
  AdwBin parent_instance;

  GtkRevealer *revealer;
  GtkListBox *list;

  MaStore *store;
  MaFilter *filter;
};

enum
{
  SIGNAL_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaViewsSidebar, ma_views_sidebar, ADW_TYPE_BIN)

static void
tell (MaViewsSidebar *self, const char *message)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, message);
}

static void
apply_filter (MaViewsSidebar *self, MaFilter *other)
{
  ma_filter_freeze (self->filter);
  ma_filter_clear (self->filter);
  ma_filter_set_search (self->filter, ma_filter_get_search (other));
  for (guint d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    ma_filter_set_codes (self->filter, d, ma_filter_get_codes (other, d));
  ma_filter_set_date_range (self->filter, ma_filter_get_date_from (other),
                            ma_filter_get_date_to (other));
  ma_filter_thaw (self->filter);
}

static void
on_delete_view (MaViewRow *row, MaViewsSidebar *self)
{
  g_autoptr (GError) error = NULL;

  if (!ma_store_delete_view (self->store, ma_view_row_get_name (row), &error))
    tell (self, error->message);
  ma_views_sidebar_refresh (self);
}

static void
on_row_activated (MaViewsSidebar *self, GtkListBoxRow *row)
{
  g_autoptr (GError) error = NULL;

  if (!ma_views_sidebar_load (self, ma_view_row_get_name (MA_VIEW_ROW (row)), &error))
    tell (self, error->message);
}

static void
on_save_response (AdwMessageDialog *dialog, const char *response, MaViewsSidebar *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0')
    return;
  if (!ma_store_save_view (self->store, name, self->filter, &error))
    {
      tell (self, error->message);
      return;
    }
  ma_views_sidebar_refresh (self);
}

static void
on_name_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
ma_views_sidebar_finalize (GObject *object)
{
  MaViewsSidebar *self = MA_VIEWS_SIDEBAR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (ma_views_sidebar_parent_class)->finalize (object);
}

static void
ma_views_sidebar_class_init (MaViewsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_views_sidebar_finalize;

  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-views-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, MaViewsSidebar, revealer);
  gtk_widget_class_bind_template_child (widget_class, MaViewsSidebar, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
ma_views_sidebar_init (MaViewsSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ma_views_sidebar_setup (MaViewsSidebar *self, MaStore *store, MaFilter *filter)
{
  g_return_if_fail (MA_IS_VIEWS_SIDEBAR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->filter = g_object_ref (filter);
  ma_views_sidebar_refresh (self);
}

void
ma_views_sidebar_refresh (MaViewsSidebar *self)
{
  g_autoptr (GPtrArray) names = NULL;
  GtkWidget *child;

  g_return_if_fail (MA_IS_VIEWS_SIDEBAR (self));

  names = ma_store_list_views (self->store, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      GtkWidget *row = ma_view_row_new (names->pdata[i]);

      g_signal_connect (row, "delete", G_CALLBACK (on_delete_view), self);
      gtk_list_box_append (self->list, row);
    }
  gtk_revealer_set_reveal_child (self->revealer, names != NULL && names->len > 0);
}

gboolean
ma_views_sidebar_load (MaViewsSidebar *self, const char *name, GError **error)
{
  g_autoptr (MaFilter) filter = NULL;

  g_return_val_if_fail (MA_IS_VIEWS_SIDEBAR (self), FALSE);

  filter = ma_store_load_view (self->store, name, error);
  if (filter == NULL)
    return FALSE;
  apply_filter (self, filter);
  return TRUE;
}

void
ma_views_sidebar_save (MaViewsSidebar *self, GtkWindow *parent)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  g_return_if_fail (MA_IS_VIEWS_SIDEBAR (self));

  dialog = adw_message_dialog_new (parent, _ ("Save View"),
                                   _ ("Save the search and the filters under a name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save",
                                    _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Name of the view"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkListBox *
ma_views_sidebar_get_list (MaViewsSidebar *self)
{
  g_return_val_if_fail (MA_IS_VIEWS_SIDEBAR (self), NULL);
  return self->list;
}
