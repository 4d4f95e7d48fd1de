/* ma-window.c: the main window: list of Actions, detail and other views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-index.h"
#include "ma-action-row.h"
#include "ma-app-resources.h"
#include "ma-chart-view.h"
#include "ma-i18n.h"
#include "ma-map-view.h"
#include "ma-window-private.h"

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MaWindow, ma_window, ADW_TYPE_APPLICATION_WINDOW)

const char *
ma_window_lang (MaWindow *self)
{
  return ma_vocabularies_get_lang (self->vocabularies);
}

/* Showing an Action */

void
ma_window_update_action_sensitivity (MaWindow *self)
{
  gboolean has = self->current > 0;
  gboolean writable = !ma_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-action", has && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-action", has && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", has);
}

/* The detail pane is built when an Action is first shown: it is hidden at the
 * start, its widgets would be built and measured before the first frame, and they
 * take about 1 MiB that a user who only searches, charts or maps never needs
 * (bench/RESULTS.md). */
MaActionDetail *
ma_window_ensure_detail (MaWindow *self)
{
  if (self->detail == NULL && self->detail_stack != NULL)
    {
      self->detail = MA_ACTION_DETAIL (ma_action_detail_new ());
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->detail), "detail");
      ma_action_detail_set_store (self->detail, self->store, self->vocabularies);
      /* A read-only file: the Action is shown, its fields cannot be edited. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->detail), !ma_store_get_read_only (self->store));
      ma_action_detail_set_undo_stack (self->detail, self->undo);
      g_signal_connect_object (self->detail, "deleted", G_CALLBACK (ma_window_offer_undo), self,
                               G_CONNECT_SWAPPED);
    }
  return self->detail;
}

void
ma_window_flush_detail (MaWindow *self)
{
  if (self->detail != NULL)
    ma_action_detail_flush (self->detail);
}

void
ma_window_show_action (MaWindow *self, gint64 id)
{
  if (id <= 0 && self->detail == NULL)
    {
      self->current = 0;
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      ma_window_update_action_sensitivity (self);
      return;
    }
  ma_action_detail_set_action (ma_window_ensure_detail (self), id);
  self->current = ma_action_detail_get_action (self->detail);
  gtk_stack_set_visible_child_name (self->detail_stack, self->current > 0 ? "detail" : "none");
  ma_window_update_action_sensitivity (self);
}

void
ma_window_select_current (MaWindow *self)
{
  guint position = self->current > 0 ? ma_action_list_find (self->list, self->current) : G_MAXUINT;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
  self->selecting = FALSE;
  if (position != G_MAXUINT && gtk_grid_view_get_model (self->list_view) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_selected_changed (MaWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION || self->selecting)
    return;
  ma_window_show_action (self, ma_action_list_get_id (self->list, position));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_list_activate (MaWindow *self, guint position)
{
  ma_window_show_action (self, ma_action_list_get_id (self->list, position));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_folded_changed (MaWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && self->current <= 0)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* The list, or one of its empty states: those are built the first time they are
 * shown (ma-list-status.ui), not with the window before its first frame. */
static void
show_list_page (MaWindow *self, const char *name)
{
  if (gtk_stack_get_child_by_name (self->list_stack, name) == NULL)
    {
      g_autoptr (GtkBuilder) builder =
          gtk_builder_new_from_resource ("/eu/mieux_initiative/Actions/ma-list-status.ui");
      const char *const pages[][2] = { { "empty", "empty_page" }, { "no-match", "no_match_page" } };

      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        gtk_stack_add_named (self->list_stack,
                             GTK_WIDGET (gtk_builder_get_object (builder, pages[i][1])),
                             pages[i][0]);
    }
  gtk_stack_set_visible_child_name (self->list_stack, name);
}

static void
on_list_refreshed (MaWindow *self)
{
  guint n, total;
  g_autofree char *n_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *count = NULL;

  if (!ma_action_list_is_loaded (self->list))
    {
      /* Until the list is there (just after the first frame, or once the index of a
       * large database is built), neither "no Actions" nor "no match" is true. */
      gtk_label_set_text (self->count_label, _ ("Loading Actions…"));
      show_list_page (self, "list");
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  total = ma_action_list_get_total (self->list);
  n_text = ma_format_int (n, ma_window_lang (self));
  total_text = ma_format_int (total, ma_window_lang (self));
  if (n == total)
    /* Translators: %s is a number of Actions */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Action", "%s Actions", n), n_text);
  else
    /* Translators: the count of Actions that match the search and filters */
    count = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%1$s of %2$s Action", "%1$s of %2$s Actions", total), n_text,
        total_text);
  gtk_label_set_text (self->count_label, count);
  show_list_page (self, total == 0 ? "empty" : n == 0 ? "no-match" : "list");
  ma_window_select_current (self);
}

/* Enter in the search entry opens the first Action found. */
static void
on_search_activate (MaFilterBar *bar, MaWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;
  ma_window_select (self, ma_action_list_get_id (self->list, 0));
}

/* Views */

static void
on_view_message (MaViewsSidebar *sidebar, const char *message, MaWindow *self)
{
  ma_window_toast (self, message);
}

static void
on_view_changed (MaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Leaving the page of the Action: what was typed there is written now. */
  ma_window_flush_detail (self);
  if (self->settings != NULL && name != NULL && self->last_view == NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

/* Writes of other processes (the command-line tool, another window): the list, the
 * open Action, the map and the charts read the file again. */
static gboolean
check_external_changes (gpointer data)
{
  MaWindow *self = data;

  ma_store_check_external_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
on_wal_changed (
    MaWindow *self, GFile *file, GFile *other, GFileMonitorEvent event, GFileMonitor *monitor)
{
  check_external_changes (self);
}

static void
on_active_changed (MaWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    {
      ma_window_flush_detail (self);
      g_clear_handle_id (&self->external_poll, g_source_remove);
      return;
    }
  /* Looked at as soon as the window comes back, then every second while in use. */
  check_external_changes (self);
  if (self->external_poll == 0)
    self->external_poll = g_timeout_add_seconds (1, check_external_changes, self);
}

/* Window state */

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* g_settings_new () aborts on a missing schema (uninstalled runs). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
ma_window_close_request (GtkWindow *window)
{
  MaWindow *self = MA_WINDOW (window);

  ma_window_flush_detail (self);
  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int (self->settings, "sidebar-width",
                          gtk_widget_get_width (self->sidebar) > 0
                              ? gtk_widget_get_width (self->sidebar)
                              : g_settings_get_int (self->settings, "sidebar-width"));
      g_settings_apply (self->settings);
    }
  return GTK_WINDOW_CLASS (ma_window_parent_class)->close_request (window);
}

static void
setup_row (GtkListItemFactory *factory, GtkListItem *item, MaWindow *self)
{
  gtk_list_item_set_child (item, ma_action_row_new (self->vocabularies));
}

static void
bind_row (GtkListItemFactory *factory, GtkListItem *item, MaWindow *self)
{
  ma_action_row_bind (MA_ACTION_ROW (gtk_list_item_get_child (item)),
                      MA_ACTION_SLOT (gtk_list_item_get_item (item)));
}

static void
unbind_row (GtkListItemFactory *factory, GtkListItem *item, MaWindow *self)
{
  ma_action_row_unbind (MA_ACTION_ROW (gtk_list_item_get_child (item)));
}

/* The in-memory index (search and facets at 100,000 Actions) costs O(n) to build:
 * it starts in the background after the first frame, and until it is there the
 * list answers through SQL with the same results (bench/RESULTS.md). A small
 * database sorts its list in SQL right after the first frame (before it, the sort
 * cost 12 ms of a 1,000-Action database's first frame); a larger one would hold the
 * main loop for that sort (10,000 Actions: 100 ms and more), so it shows its
 * Actions in the order of entry, read in a worker thread, until the index sorts
 * them: seconds at a million. */
#define MA_WINDOW_DEFER_LIST 5000

static void
on_index_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (MaWindow) self = data;
  g_autoptr (GError) error = NULL;

  if (!ma_action_query_load_index_finish (MA_ACTION_QUERY (source), result, &error))
    g_debug ("No index: %s", error->message);
  if (self->list != NULL &&
      (!ma_action_list_is_loaded (self->list) || ma_action_list_is_unsorted (self->list)))
    ma_action_list_refresh (self->list);
}

/* Other views: one ma_window_add_view () line each, here (see ma-window.h). Their
 * widgets, measured with the rest of the window even when hidden, cost a quarter of
 * the first frame's work over a bare window (callgrind): they are added after it,
 * or as soon as a view is asked for by name. */
static void
add_other_views (MaWindow *self)
{
  if (self->other_views_added)
    return;
  self->other_views_added = TRUE;
  ma_window_add_view (self, ma_chart_view_new (self->query, self->filter), "charts", _ ("Charts"),
                      "ma-charts-symbolic");
  ma_window_add_view (self, ma_map_view_new (self->query, self->filter), "map", _ ("Map"),
                      "mark-location-symbolic");
}

/* The list view gets its model after the first frame: building and binding its
 * rows cost more than the bare window's whole first frame (bench/RESULTS.md). */
static gboolean
attach_list_model (gpointer data)
{
  MaWindow *self = data;

  if (!ma_action_list_is_loaded (self->list) && !ma_action_query_has_index (self->query))
    {
      if (ma_action_list_get_total (self->list) <= MA_WINDOW_DEFER_LIST)
        ma_action_list_refresh (self->list);
      else
        ma_action_list_show_unsorted_async (self->list);
    }
  if (self->list_view != NULL && self->selection != NULL &&
      gtk_grid_view_get_model (self->list_view) == NULL)
    {
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      ma_window_select_current (self);
    }
  add_other_views (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock, MaWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, attach_list_model, g_object_ref (self),
                   g_object_unref);
  if (!ma_action_query_has_index (self->query))
    ma_action_query_load_index_async (self->query, NULL, on_index_loaded, g_object_ref (self));
}

static void
on_realize (MaWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_frame), self, 0);
}

/* Dragging the line between the panes sets the list's width (kept in GSettings). */
static void
on_pane_drag_begin (GtkGestureDrag *gesture, double x, double y, MaWindow *self)
{
  self->drag_start_width = gtk_widget_get_width (self->sidebar);
}

static void
on_pane_drag_update (GtkGestureDrag *gesture, double dx, double dy, MaWindow *self)
{
  int width = CLAMP (self->drag_start_width + (int) dx, 280, 700);

  gtk_widget_set_size_request (self->sidebar, width, -1);
}

/* Menus of ma-window.ui that a button gets when it first opens: their item widgets
 * cost 2 % of the instructions up to the first frame, for menus not open yet. */
static const struct
{
  const char *button;
  const char *menu;
} lazy_menus[] = {
  { "primary_menu_button", "primary_menu" },
  { "sort_button", "sort_menu" },
  { "action_menu_button", "action_menu" },
};

static void
give_menu (GtkMenuButton *button, gpointer menu)
{
  gtk_menu_button_set_menu_model (button, menu);
}

static void
ma_window_constructed (GObject *object)
{
  MaWindow *self = MA_WINDOW (object);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (ma_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->query = ma_action_query_new (self->store);
  self->vocabularies = ma_vocabularies_new (self->store, ma_i18n_get_language ());
  self->filter = ma_filter_new ();
  self->undo = ma_undo_stack_new (self->store, MA_WINDOW_UNDO_LIMIT);
  if (!ma_action_query_has_index (self->query))
    self->list = ma_action_list_new_deferred (self->query, self->filter, ma_window_lang (self));
  else
    self->list = ma_action_list_new (self->query, self->filter, ma_window_lang (self));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* Another window or program takes the focus: the edits waiting their half
   * second are written at once. */
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  {
    g_autofree char *wal_path = g_strconcat (ma_store_get_path (self->store), "-wal", NULL);
    g_autoptr (GFile) wal = g_file_new_for_path (wal_path);
    self->wal_monitor = g_file_monitor_file (wal, G_FILE_MONITOR_NONE, NULL, NULL);
    if (self->wal_monitor != NULL)
      g_signal_connect_object (self->wal_monitor, "changed", G_CALLBACK (on_wal_changed), self,
                               G_CONNECT_SWAPPED);
  }
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_changed),
                            self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list, "refreshed", G_CALLBACK (on_list_refreshed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  {
    /* Which file is open: several windows may show several databases. */
    g_autofree char *file = g_path_get_basename (ma_store_get_path (self->store));
    adw_view_switcher_title_set_subtitle (self->switcher_title, file);
  }
  ma_filter_bar_setup (self->filter_bar, self->query, self->filter, self->vocabularies,
                       self->filter_button);
  g_signal_connect (self->filter_bar, "activate", G_CALLBACK (on_search_activate), self);
  ma_views_sidebar_setup (self->views_sidebar, self->store, self->filter);
  g_signal_connect (self->views_sidebar, "message", G_CALLBACK (on_view_message), self);
  for (guint i = 0; i < G_N_ELEMENTS (lazy_menus); i++)
    gtk_menu_button_set_create_popup_func (
        GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), MA_TYPE_WINDOW,
                                                        lazy_menus[i].button)),
        give_menu,
        gtk_widget_get_template_child (GTK_WIDGET (self), MA_TYPE_WINDOW, lazy_menus[i].menu),
        NULL);
  gtk_search_entry_set_key_capture_widget (ma_filter_bar_get_search_entry (self->filter_bar),
                                           GTK_WIDGET (self));
  {
    GtkGesture *drag = gtk_gesture_drag_new ();
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_pane_drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_pane_drag_update), self);
    gtk_widget_add_controller (self->pane_handle, GTK_EVENT_CONTROLLER (drag));
    gtk_widget_set_cursor_from_name (self->pane_handle, "col-resize");
  }
  ma_window_actions_init (self);
  if (ma_store_get_read_only (self->store))
    {
      const char *const writes[] = { "win.new-action", "win.duplicate-action", "win.delete-action",
                                     "win.undo-delete", "win.save-view" };
      for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), writes[i], FALSE);
      gtk_revealer_set_reveal_child (self->read_only_banner, TRUE);
    }

  self->settings = lookup_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_widget_set_size_request (
          self->sidebar, CLAMP (g_settings_get_int (self->settings, "sidebar-width"), 300, 600),
          -1);
      self->last_view = g_settings_get_string (self->settings, "last-view");
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);

  /* A window that reopens on the Charts or Map page builds it now; otherwise they
   * come after the first frame (attach_list_model). */
  if (self->last_view != NULL && g_strcmp0 (self->last_view, "list") != 0)
    add_other_views (self);

  on_list_refreshed (self);
  ma_window_show_action (self, 0);
  if (self->last_view != NULL)
    ma_window_show_view (self, self->last_view);
}

static void
ma_window_dispose (GObject *object)
{
  MaWindow *self = MA_WINDOW (object);

  ma_window_flush_detail (self);
  ma_window_actions_dispose (self);
  g_clear_handle_id (&self->external_poll, g_source_remove);
  if (self->wal_monitor != NULL)
    g_file_monitor_cancel (self->wal_monitor);
  g_clear_object (&self->wal_monitor);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->query);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_view, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), MA_TYPE_WINDOW);
  self->detail = NULL; /* the detail stack's child */

  G_OBJECT_CLASS (ma_window_parent_class)->dispose (object);
}

static void
ma_window_finalize (GObject *object)
{
  MaWindow *self = MA_WINDOW (object);

  g_clear_object (&self->filter);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ma_window_parent_class)->finalize (object);
}

static void
ma_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MaWindow *self = MA_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MaWindow *self = MA_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_window_class_init (MaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  ma_window_ensure_resources ();

  object_class->constructed = ma_window_constructed;
  object_class->dispose = ma_window_dispose;
  object_class->finalize = ma_window_finalize;
  object_class->set_property = ma_window_set_property;
  object_class->get_property = ma_window_get_property;
  window_class->close_request = ma_window_close_request;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, MA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MA_TYPE_ACTION_DETAIL);
  g_type_ensure (MA_TYPE_FILTER_BAR);
  g_type_ensure (MA_TYPE_VIEWS_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MaWindow, name)
  BIND (toast_overlay);
  BIND (leaflet);
  BIND (sidebar);
  BIND (content);
  BIND (pane_handle);
  BIND (filter_button);
  BIND (filter_bar);
  BIND (count_label);
  BIND (list_stack);
  BIND (list_view);
  BIND (views_sidebar);
  BIND (view_stack);
  BIND (switcher_title);
  BIND (detail_stack);
  BIND (read_only_banner);
#undef BIND
  for (guint i = 0; i < G_N_ELEMENTS (lazy_menus); i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, lazy_menus[i].button, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, lazy_menus[i].menu, FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  ma_window_actions_class_init (widget_class);
}

static void
ma_window_init (MaWindow *self)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  gtk_icon_theme_add_resource_path (theme, "/eu/mieux_initiative/Actions/icons");
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ma_window_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      ma_app_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

MaWindow *
ma_window_new (GtkApplication *application, MaStore *store)
{
  return g_object_new (MA_TYPE_WINDOW, "application", application, "store", store, NULL);
}

MaStore *
ma_window_get_store (MaWindow *self)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return self->store;
}

MaActionQuery *
ma_window_get_query (MaWindow *self)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return self->query;
}

MaFilter *
ma_window_get_filter (MaWindow *self)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return self->filter;
}

void
ma_window_add_view (
    MaWindow *self, GtkWidget *view, const char *name, const char *title, const char *icon_name)
{
  AdwViewStackPage *page;

  g_return_if_fail (MA_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (name != NULL);

  page = adw_view_stack_add_titled (self->view_stack, view, name, title);
  adw_view_stack_page_set_icon_name (page, icon_name);
  if (g_strcmp0 (self->last_view, name) == 0)
    ma_window_show_view (self, name);
}

void
ma_window_show_view (MaWindow *self, const char *name)
{
  g_return_if_fail (MA_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    add_other_views (self);
  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, name);
      /* Once the remembered view is back, later switches are remembered. */
      g_clear_pointer (&self->last_view, g_free);
    }
}

void
ma_window_toast (MaWindow *self, const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (MA_IS_WINDOW (self));

  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

GtkSearchEntry *
ma_window_get_search_entry (MaWindow *self)
{
  return ma_filter_bar_get_search_entry (self->filter_bar);
}

MaActionList *
ma_window_get_action_list (MaWindow *self)
{
  return self->list;
}

GtkSingleSelection *
ma_window_get_selection (MaWindow *self)
{
  return self->selection;
}

MaActionDetail *
ma_window_get_detail (MaWindow *self)
{
  return ma_window_ensure_detail (self);
}

MaActionDetail *
ma_window_peek_detail (MaWindow *self)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return self->detail;
}

GtkWindow *
ma_window_peek_help_overlay (MaWindow *self)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)));
}

GtkWidget *
ma_window_get_view (MaWindow *self, const char *name)
{
  g_return_val_if_fail (MA_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

GtkStack *
ma_window_get_list_stack (MaWindow *self)
{
  return self->list_stack;
}

GtkLabel *
ma_window_get_count_label (MaWindow *self)
{
  return self->count_label;
}

GtkFlowBox *
ma_window_get_chips (MaWindow *self)
{
  return ma_filter_bar_get_chips (self->filter_bar);
}

GtkMenuButton *
ma_window_get_filter_button (MaWindow *self)
{
  return self->filter_button;
}

gint64
ma_window_get_current (MaWindow *self)
{
  return self->current;
}

void
ma_window_select (MaWindow *self, gint64 id)
{
  ma_window_show_action (self, id);
  ma_window_select_current (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

AdwToast *
ma_window_get_undo_toast (MaWindow *self)
{
  return self->undo_toast;
}

MaUndoStack *
ma_window_get_undo_stack (MaWindow *self)
{
  return self->undo;
}

gboolean
ma_window_load_view (MaWindow *self, const char *name, GError **error)
{
  return ma_views_sidebar_load (self->views_sidebar, name, error);
}
