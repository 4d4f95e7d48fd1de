/* ma-checklist-dialog.c: choose several codes of a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-checklist-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-checklist-dialog.h"
#include "ma-records.h"

struct _MaChecklistDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkListBox *list_box;

  GPtrArray *checks; /* GtkCheckButton, in the order of the terms */
  GPtrArray *codes;  /* char*, same order */
  GPtrArray *keys;   /* case-folded names, same order */
  MaChecklistCallback callback;
  gpointer user_data;
};

G_DEFINE_FINAL_TYPE (MaChecklistDialog, ma_checklist_dialog, ADW_TYPE_WINDOW)

static void
on_toggled (MaChecklistDialog *self)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_ptr_array_add (chosen, self->codes->pdata[i]);
  g_ptr_array_add (chosen, NULL);
  if (self->callback != NULL)
    self->callback ((const char *const *) chosen->pdata, self->user_data);
}

static gboolean
filter_row (GtkListBoxRow *row, gpointer data)
{
  MaChecklistDialog *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  int index = gtk_list_box_row_get_index (row);

  if (needle[0] == '\0' || index < 0 || (guint) index >= self->keys->len)
    return TRUE;
  return strstr (self->keys->pdata[index], needle) != NULL;
}

static void
on_search_changed (MaChecklistDialog *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
ma_checklist_dialog_finalize (GObject *object)
{
  MaChecklistDialog *self = MA_CHECKLIST_DIALOG (object);

  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->codes);
  g_ptr_array_unref (self->keys);

  G_OBJECT_CLASS (ma_checklist_dialog_parent_class)->finalize (object);
}

static void
ma_checklist_dialog_class_init (MaChecklistDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ma_checklist_dialog_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/eu/mieux_initiative/Actions/ma-checklist-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MaChecklistDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MaChecklistDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MaChecklistDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ma_checklist_dialog_init (MaChecklistDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
}

GtkWidget *
ma_checklist_dialog_new (GtkWindow *parent,
                         const char *title,
                         GPtrArray *terms,
                         const char *const *chosen,
                         MaChecklistCallback callback,
                         gpointer user_data)
{
  MaChecklistDialog *self = g_object_new (MA_TYPE_CHECKLIST_DIALOG, "transient-for", parent,
                                          "title", title, "destroy-with-parent", TRUE, NULL);

  adw_window_title_set_title (self->window_title, title);
  for (guint i = 0; i < terms->len; i++)
    {
      MaTerm *term = terms->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name_key = g_utf8_casefold (term->name, -1);
      g_autofree char *code_key = g_utf8_casefold (term->code, -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), term->name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   chosen != NULL && g_strv_contains (chosen, term->code));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_toggled), self);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->codes, g_strdup (term->code));
      g_ptr_array_add (self->keys, g_strdup_printf ("%s %s", name_key, code_key));
    }
  self->callback = callback;
  self->user_data = user_data;
  return GTK_WIDGET (self);
}

void
ma_checklist_dialog_set_active (MaChecklistDialog *self, const char *code, gboolean active)
{
  g_return_if_fail (MA_IS_CHECKLIST_DIALOG (self));

  for (guint i = 0; i < self->codes->len; i++)
    if (g_strcmp0 (self->codes->pdata[i], code) == 0)
      gtk_check_button_set_active (self->checks->pdata[i], active);
}
