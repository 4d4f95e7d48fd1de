/* ma-window-actions.c: what the window does when asked (win.* actions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-application.h"
#include "ma-history-window.h"
#include "ma-window-private.h"

static const char *const sort_names[] = { "title", "code", "start", "status", "region" };

static void
focus_search (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (ma_filter_bar_get_search_entry (self->filter_bar)));
}

static void
show_list (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
clear_filter (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ma_filter_clear (MA_WINDOW (widget)->filter);
}

static void
show_new (MaWindow *self, gint64 id)
{
  if (id <= 0)
    return;
  if (ma_action_list_find (self->list, id) == G_MAXUINT)
    ma_filter_clear (self->filter);
  ma_window_show_action (self, id);
  ma_window_select_current (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  ma_action_detail_focus_title (ma_window_ensure_detail (self));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  gint64 id;

  ma_window_flush_detail (self);
  id = ma_store_create_action (self->store, _ ("New Action"), "request", &error);
  if (id < 0)
    ma_window_toast (self, error->message);
  show_new (self, id);
}

static void
duplicate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (self->current <= 0)
    return;
  ma_window_flush_detail (self);
  id = ma_store_duplicate_action (self->store, self->current, &error);
  if (id < 0)
    ma_window_toast (self, error->message);
  show_new (self, id);
}

static void
on_undo_clicked (MaWindow *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (self->undo_serial != 0)
    {
      guint serial = self->undo_serial;

      self->undo_serial = 0;
      ma_window_flush_detail (self);
      if (ma_undo_stack_undo (self->undo, 0, serial, &error) < 0)
        ma_window_toast (self, error->message);
      return;
    }
  if (self->deletion <= 0)
    return;
  id = ma_store_undo_delete (self->store, self->deletion, &error);
  self->deletion = 0;
  if (id < 0)
    {
      ma_window_toast (self, error->message);
      return;
    }
  ma_window_show_action (self, id);
  ma_window_select_current (self);
}

static void
undo_delete (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  if (self->deletion <= 0)
    return;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  self->undo_serial = 0;
  on_undo_clicked (self);
}

/* Ctrl+Z outside text fields: the last edit of the Action shown, one at a time,
 * also after its toast has gone and after another Action was shown. */
static void
undo_edit (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  gint64 changed;

  if (self->current <= 0)
    return;
  ma_window_flush_detail (self);
  changed = ma_undo_stack_undo (self->undo, self->current, 0, &error);
  if (changed < 0)
    ma_window_toast (self, error->message);
  else if (changed == 0)
    ma_window_toast (self, _ ("Nothing to undo in this Action"));
}

/* One toast, reused: libadwaita 1.2 crashes when toasts come and go quickly. */
static void
show_undo_toast (MaWindow *self, const char *message)
{
  /* Translators: an undo toast; %s says what was deleted or removed */
  g_autofree char *text = g_strdup_printf (_ ("%s. Ctrl+Z undoes it later too."), message);
  g_autofree char *title = g_markup_escape_text (text, -1);

  if (self->undo_toast == NULL)
    {
      self->undo_toast = adw_toast_new (title);
      adw_toast_set_button_label (self->undo_toast, _ ("_Undo"));
      adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_swapped (self->undo_toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                                self);
    }
  else
    adw_toast_set_title (self->undo_toast, title);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->undo_toast));
}

void
ma_window_offer_undo (MaWindow *self, const char *message, guint serial)
{
  g_return_if_fail (MA_IS_WINDOW (self));

  self->deletion = 0;
  self->undo_serial = serial;
  show_undo_toast (self, message);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaAction) action = NULL;
  g_autofree char *title = NULL;
  guint position;
  gint64 deletion;

  if (self->current <= 0)
    return;
  ma_window_flush_detail (self);
  action = ma_store_get_action (self->store, self->current, ma_window_lang (self), NULL);
  position = ma_action_list_find (self->list, self->current);
  deletion = ma_store_delete_action (self->store, self->current, &error);
  if (deletion < 0)
    {
      ma_window_toast (self, error->message);
      return;
    }
  self->deletion = deletion;
  ma_window_show_action (self, 0);
  if (position != G_MAXUINT && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->list)) - 1);
      ma_window_show_action (self, ma_action_list_get_id (self->list, position));
      ma_window_select_current (self);
    }

  /* Translators: %s is the title of the deleted Action */
  title = g_strdup_printf (_ ("“%s” deleted"), action != NULL ? ma_action_get_title (action) : "");
  self->undo_serial = 0;
  show_undo_toast (self, title);
}

/* The first run's "Add the Sample Actions". */
static void
add_sample_actions (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!ma_store_load_sample_data (self->store, &error))
    ma_window_toast (self, error->message);
}

static void
show_history (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  GtkWidget *history;

  if (self->current <= 0)
    return;
  ma_window_flush_detail (self);
  history =
      ma_history_window_new (GTK_WINDOW (self), self->store, self->current, self->vocabularies);
  gtk_window_present (GTK_WINDOW (history));
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, MaWindow *self)
{
  gboolean create =
      gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  ma_window_flush_detail (self);
  ma_application_open_file (MA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), file,
                            create);
}

static void
choose_database (MaWindow *self, gboolean create)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    return;
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
      create ? _ ("New Database") : _ ("Open Database"), GTK_WINDOW (self),
      create ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
      create ? _ ("_Create") : _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Databases of MIEUX+ Actions"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _ ("actions.db"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_database (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_database (MA_WINDOW (widget), FALSE);
}

static void
new_database (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_database (MA_WINDOW (widget), TRUE);
}

static void
change_sort (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  MaWindow *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (strcmp (sort_names[i], name) == 0)
      {
        g_simple_action_set_state (action, value);
        ma_action_list_set_sort (self->list, i, ma_action_list_get_descending (self->list));
      }
}

static void
change_descending (GSimpleAction *action, GVariant *value, gpointer user_data)
{
  MaWindow *self = user_data;

  g_simple_action_set_state (action, value);
  ma_action_list_set_sort (self->list, ma_action_list_get_sort (self->list),
                           g_variant_get_boolean (value));
}

static const GActionEntry win_entries[] = {
  { .name = "sort", .parameter_type = "s", .state = "'title'", .change_state = change_sort },
  { .name = "sort-descending", .state = "false", .change_state = change_descending },
};

/* The shortcuts window (Ctrl+?), built when first asked for: GtkApplication would
 * build it from gtk/help-overlay.ui with the window, before its first frame, and
 * keep it (about 1 MiB). GtkApplicationWindow still takes it, to show the
 * application's accelerators in it. */
static void
show_help_overlay (GtkWidget *widget, const char *action, GVariant *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr (GtkBuilder) builder =
          gtk_builder_new_from_resource ("/eu/mieux_initiative/Actions/ma-help-overlay.ui");

      gtk_application_window_set_help_overlay (
          self, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (self)));
}

static void
save_view (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  ma_views_sidebar_save (self->views_sidebar, GTK_WINDOW (self));
}

void
ma_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter);
  gtk_widget_class_install_action (widget_class, "win.new-action", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-action", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete-action", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_edit);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history);
  gtk_widget_class_install_action (widget_class, "win.add-sample-actions", NULL,
                                   add_sample_actions);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay);
}

void
ma_window_actions_init (MaWindow *self)
{
  /* Delete in the list deletes the Action (in text fields it deletes text). */
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                        gtk_named_action_new ("win.delete-action")));
  /* …and Ctrl+Z there brings the last deleted one back (in text fields it
   * undoes typing). */
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                        gtk_named_action_new ("win.undo-delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
  /* Ctrl+Z on the Action's page, when no text field takes it first (they undo
   * their own typing): the last edit of the Action. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                        gtk_named_action_new ("win.undo")));
  gtk_widget_add_controller (self->content, shortcuts);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries),
                                   self);
}

void
ma_window_actions_dispose (MaWindow *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}
