/* ma-window.c: the main window: list of Actions, detail and other views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-detail.h"
#include "ma-action-index.h"
#include "ma-action-list.h"
#include "ma-action-row.h"
#include "ma-app-resources.h"
#include "ma-application.h"
#include "ma-chart-view.h"
#include "ma-date.h"
#include "ma-history-window.h"
#include "ma-map-view.h"
#include "ma-i18n.h"
#include "ma-vocabularies.h"
#include "ma-window-private.h"

struct _MaWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkWidget *pane_handle;
  int drag_start_width;
  GtkMenuButton *filter_button;
  GtkSearchEntry *search_entry;
  GtkFlowBox *chips;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkGridView *list_view; /* one column: see ma-window.ui */
  GtkRevealer *views_revealer;
  GtkListBox *views_list;
  AdwViewStack *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack *detail_stack;
  MaActionDetail *detail;

  MaStore *store;
  MaFilter *filter;
  MaActionList *list;
  GtkSingleSelection *selection;
  MaVocabularies *vocabularies;
  GSettings *settings;
  char *last_view;
  gint64 current;
  gboolean selecting;
  gboolean syncing_search;
  gboolean other_views_added;
  AdwToast *undo_toast;
  gint64 deletion;
  GtkFileChooserNative *chooser;
  MaActionResult *facets; /* while the facet menu is built: what each choice would show */
};

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MaWindow, ma_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const sort_names[] = { "title", "code", "start", "status", "region" };

static const MaVocabulary dimension_vocabularies[] = {
  [MA_FILTER_STATUS] = MA_VOCABULARY_STATUS,   [MA_FILTER_REGION] = MA_VOCABULARY_REGION,
  [MA_FILTER_COUNTRY] = MA_VOCABULARY_COUNTRY, [MA_FILTER_THEME] = MA_VOCABULARY_THEME,
  [MA_FILTER_TYPE] = MA_VOCABULARY_TYPE,
};

static const char *const dimension_keys[] = {
  [MA_FILTER_STATUS] = "status", [MA_FILTER_REGION] = "region", [MA_FILTER_COUNTRY] = "country",
  [MA_FILTER_THEME] = "theme",   [MA_FILTER_TYPE] = "type",     [MA_FILTER_PARTNER] = "partner",
};

static const char *
lang (MaWindow *self)
{
  return ma_vocabularies_get_lang (self->vocabularies);
}

/* Showing an Action */

static void
update_action_sensitivity (MaWindow *self)
{
  gboolean has = self->current > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-action", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-action", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", has);
}

/* The detail pane is built when an Action is first shown: it is hidden at the
 * start, its widgets would be built and measured before the first frame, and they
 * take about 1 MiB that a user who only searches, charts or maps never needs
 * (bench/RESULTS.md). */
static MaActionDetail *
ensure_detail (MaWindow *self)
{
  if (self->detail == NULL && self->detail_stack != NULL)
    {
      self->detail = MA_ACTION_DETAIL (ma_action_detail_new ());
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->detail), "detail");
      ma_action_detail_set_store (self->detail, self->store, self->vocabularies);
    }
  return self->detail;
}

static void
flush_detail (MaWindow *self)
{
  if (self->detail != NULL)
    ma_action_detail_flush (self->detail);
}

static void
show_action (MaWindow *self, gint64 id)
{
  if (id <= 0 && self->detail == NULL)
    {
      self->current = 0;
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      update_action_sensitivity (self);
      return;
    }
  ma_action_detail_set_action (ensure_detail (self), id);
  self->current = ma_action_detail_get_action (self->detail);
  gtk_stack_set_visible_child_name (self->detail_stack, self->current > 0 ? "detail" : "none");
  update_action_sensitivity (self);
}

static void
select_current (MaWindow *self)
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
  show_action (self, ma_action_list_get_id (self->list, position));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_list_activate (MaWindow *self, guint position)
{
  show_action (self, ma_action_list_get_id (self->list, position));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_folded_changed (MaWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet) && self->current <= 0)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* The count and the empty states */

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
  n_text = ma_format_int (n, lang (self));
  total_text = ma_format_int (total, lang (self));
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
  select_current (self);
}

/* Search */

static void
on_search_changed (MaWindow *self)
{
  if (self->syncing_search)
    return;
  ma_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search entry opens the first Action found. */
static void
on_search_activate (MaWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;
  ma_window_select (self, ma_action_list_get_id (self->list, 0));
}

static void
on_stop_search (MaWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ma_filter_set_search (self->filter, NULL);
}

/* Facet chips */

static void
on_chip_clicked (GtkButton *button, MaWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "facet");
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  if (g_strcmp0 (key, "dates") == 0)
    {
      ma_filter_set_date_range (self->filter, NULL, NULL);
      return;
    }
  for (guint d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    if (g_strcmp0 (dimension_keys[d], key) == 0)
      ma_filter_remove_code (self->filter, d, code);
}

static char *
partner_name (MaWindow *self, const char *code)
{
  g_autoptr (GPtrArray) partners = ma_store_list_partners (self->store, 0, NULL);
  gint64 id = g_ascii_strtoll (code, NULL, 10);

  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      MaPartner *partner = partners->pdata[i];
      if (partner->id == id)
        return g_strdup (partner->name);
    }
  return g_strdup (code);
}

static void
add_chip (MaWindow *self, const char *text, const char *key, const char *code)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  /* Translators: the accessible name of a button that removes a filter */
  g_autofree char *remove = g_strdup_printf (_ ("Remove the filter “%s”"), text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  /* The flow box spreads its lines; a chip keeps its own width. */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "facet", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked), self);
  gtk_flow_box_append (self->chips, button);
}

static void
update_chips (MaWindow *self)
{
  GtkWidget *child;
  const char *from = ma_filter_get_date_from (self->filter);
  const char *to = ma_filter_get_date_to (self->filter);
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);
  for (guint d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    {
      const char *const *codes = ma_filter_get_codes (self->filter, d);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_autofree char *name =
              d == MA_FILTER_PARTNER
                  ? partner_name (self, codes[i])
                  : g_strdup (ma_vocabularies_name (self->vocabularies, dimension_vocabularies[d],
                                                    codes[i]));
          add_chip (self, name, dimension_keys[d], codes[i]);
          any = TRUE;
        }
    }
  if (from != NULL || to != NULL)
    {
      g_autofree char *text = NULL;

      if (from != NULL && to != NULL && ma_date_get_year (from) == ma_date_get_year (to) &&
          strlen (from) == 4 && strlen (to) == 4)
        text = g_strdup (from);
      else
        text = ma_date_format_span (from, to, lang (self));
      add_chip (self, text, "dates", NULL);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chips), any);
}

static void
on_filter_changed (MaWindow *self)
{
  const char *search = ma_filter_get_search (self->filter);

  if (g_strcmp0 (search != NULL ? search : "",
                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    {
      self->syncing_search = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
      self->syncing_search = FALSE;
    }
  update_chips (self);
}

/* The facet menu: one boolean action per code, so the menu shows check marks. */

static void
on_facet_toggled (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  MaWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *dot = strchr (name, '.');
  g_autofree char *key = g_strndup (name, dot - name);
  const char *code = dot + 1;

  if (strcmp (key, "year") == 0)
    {
      int year = atoi (code);
      const char *from = ma_filter_get_date_from (self->filter);

      if (from != NULL && ma_date_get_year (from) == year)
        ma_filter_set_date_range (self->filter, NULL, NULL);
      else
        ma_filter_set_year (self->filter, year);
      return;
    }
  for (guint d = 0; d < MA_FILTER_N_DIMENSIONS; d++)
    if (strcmp (dimension_keys[d], key) == 0)
      {
        if (ma_filter_has_code (self->filter, d, code))
          ma_filter_remove_code (self->filter, d, code);
        else
          ma_filter_add_code (self->filter, d, code);
      }
}

static void
add_facet_item (MaWindow *self,
                GSimpleActionGroup *group,
                GMenu *menu,
                const char *key,
                const char *code,
                const char *label,
                gboolean active)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", key, code);
  g_autofree char *detailed = g_strdup_printf ("facet.%s", name);
  g_autofree char *counted = NULL;
  g_autoptr (GSimpleAction) action = NULL;

  if (!g_action_name_is_valid (name))
    return;
  for (guint d = 0; self->facets != NULL && d < MA_FILTER_PARTNER; d++)
    if (strcmp (dimension_keys[d], key) == 0)
      {
        guint count = ma_action_result_get_facet_count (self->facets, d, code);
        g_autofree char *number = ma_format_int (count, lang (self));

        /* Countries: only those with Actions (or chosen), else the menu is 200 long. */
        if (d == MA_FILTER_COUNTRY && count == 0 && !active)
          return;
        /* Translators: a choice of the filter menu and how many Actions it shows */
        counted = g_strdup_printf (C_ ("facet", "%1$s (%2$s)"), label, number);
        label = counted;
      }
  action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (active));
  g_signal_connect (action, "activate", G_CALLBACK (on_facet_toggled), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  g_menu_append (menu, label, detailed);
}

static void
add_vocabulary_submenu (MaWindow *self,
                        GSimpleActionGroup *group,
                        GMenu *menu,
                        const char *title,
                        MaFilterDimension dimension)
{
  g_autoptr (GMenu) submenu = g_menu_new ();
  GPtrArray *terms = ma_vocabularies_terms (self->vocabularies, dimension_vocabularies[dimension]);

  for (guint i = 0; i < terms->len; i++)
    {
      MaTerm *term = terms->pdata[i];
      add_facet_item (self, group, submenu, dimension_keys[dimension], term->code, term->name,
                      ma_filter_has_code (self->filter, dimension, term->code));
    }
  g_menu_append_submenu (menu, title, G_MENU_MODEL (submenu));
}

static void
build_facet_menu (GtkMenuButton *button, gpointer user_data)
{
  MaWindow *self = user_data;
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) countries = g_menu_new ();
  g_autoptr (GMenu) partners = g_menu_new ();
  g_autoptr (GMenu) years = g_menu_new ();
  g_autoptr (GPtrArray) all_partners = ma_store_list_partners (self->store, 0, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GPtrArray *regions = ma_vocabularies_terms (self->vocabularies, MA_VOCABULARY_REGION);
  GPtrArray *country_terms = ma_vocabularies_terms (self->vocabularies, MA_VOCABULARY_COUNTRY);
  const char *from = ma_filter_get_date_from (self->filter);
  const char *to = ma_filter_get_date_to (self->filter);
  int chosen_year = from != NULL && to != NULL && ma_date_get_year (from) == ma_date_get_year (to)
                        ? ma_date_get_year (from)
                        : 0;

  self->facets = ma_store_query_actions (self->store, self->filter, NULL);
  add_vocabulary_submenu (self, group, menu, _ ("Status"), MA_FILTER_STATUS);
  add_vocabulary_submenu (self, group, menu, _ ("Region"), MA_FILTER_REGION);

  /* Countries by region: a list of 200 names is too long for one menu. */
  for (guint r = 0; r < regions->len; r++)
    {
      MaTerm *region = regions->pdata[r];
      g_autoptr (GMenu) section = g_menu_new ();

      for (guint i = 0; i < country_terms->len; i++)
        {
          MaTerm *country = country_terms->pdata[i];
          if (g_strcmp0 (country->region, region->code) == 0)
            add_facet_item (self, group, section, "country", country->code, country->name,
                            ma_filter_has_code (self->filter, MA_FILTER_COUNTRY, country->code));
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
        g_menu_append_submenu (countries, region->name, G_MENU_MODEL (section));
    }
  g_menu_append_submenu (menu, _ ("Country"), G_MENU_MODEL (countries));
  add_vocabulary_submenu (self, group, menu, _ ("Thematic Area"), MA_FILTER_THEME);
  add_vocabulary_submenu (self, group, menu, _ ("Type"), MA_FILTER_TYPE);

  for (guint i = 0; all_partners != NULL && i < all_partners->len; i++)
    {
      MaPartner *partner = all_partners->pdata[i];
      g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, partner->id);
      add_facet_item (self, group, partners, "partner", code, partner->name,
                      ma_filter_has_code (self->filter, MA_FILTER_PARTNER, code));
    }
  g_menu_append_submenu (menu, _ ("Partner"), G_MENU_MODEL (partners));

  for (int year = g_date_time_get_year (now) + 1; year >= 2015; year--)
    {
      g_autofree char *code = g_strdup_printf ("%d", year);
      add_facet_item (self, group, years, "year", code, code, year == chosen_year);
    }
  g_menu_append_submenu (menu, _ ("Year"), G_MENU_MODEL (years));

  g_clear_pointer (&self->facets, ma_action_result_free);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "facet", G_ACTION_GROUP (group));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Saved views */

static void
apply_filter (MaWindow *self, MaFilter *other)
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

static void refresh_views (MaWindow *self);

static void
on_delete_view (GtkButton *button, MaWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "view");
  g_autoptr (GError) error = NULL;

  if (!ma_store_delete_view (self->store, name, &error))
    ma_window_toast (self, error->message);
  refresh_views (self);
}

static void
refresh_views (MaWindow *self)
{
  g_autoptr (GPtrArray) names = ma_store_list_views (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->views_list))) != NULL)
    gtk_list_box_remove (self->views_list, child);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = names->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: %s is the name of a saved view */
      g_autofree char *tip = g_strdup_printf (_ ("Delete the view “%s”"), name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "view", g_strdup (name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_view), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      g_object_set_data_full (G_OBJECT (box), "view", g_strdup (name), g_free);
      gtk_list_box_append (self->views_list, box);
    }
  gtk_revealer_set_reveal_child (self->views_revealer, names != NULL && names->len > 0);
}

static void
on_view_activated (MaWindow *self, GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "view");
  g_autoptr (GError) error = NULL;

  if (!ma_window_load_view (self, name, &error))
    ma_window_toast (self, error->message);
}

static void
on_save_view_response (AdwMessageDialog *dialog, const char *response, MaWindow *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || name[0] == '\0')
    return;
  if (!ma_store_save_view (self->store, name, self->filter, &error))
    {
      ma_window_toast (self, error->message);
      return;
    }
  refresh_views (self);
}

static void
on_view_name_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
save_view (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Save View"),
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
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_view_name_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_view_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions of the window */

static void
focus_search (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
  show_action (self, id);
  select_current (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "list");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  ma_action_detail_focus_title (ensure_detail (self));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  gint64 id;

  flush_detail (self);
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
  flush_detail (self);
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

  if (self->deletion <= 0)
    return;
  id = ma_store_undo_delete (self->store, self->deletion, &error);
  self->deletion = 0;
  if (id < 0)
    {
      ma_window_toast (self, error->message);
      return;
    }
  show_action (self, id);
  select_current (self);
}

static void
undo_delete (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  on_undo_clicked (self);
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
  flush_detail (self);
  action = ma_store_get_action (self->store, self->current, lang (self), NULL);
  position = ma_action_list_find (self->list, self->current);
  deletion = ma_store_delete_action (self->store, self->current, &error);
  if (deletion < 0)
    {
      ma_window_toast (self, error->message);
      return;
    }
  self->deletion = deletion;
  show_action (self, 0);
  if (position != G_MAXUINT && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->list)) - 1);
      show_action (self, ma_action_list_get_id (self->list, position));
      select_current (self);
    }

  /* One toast, reused: libadwaita 1.2 crashes when toasts come and go quickly. */
  /* Translators: %s is the title of the deleted Action */
  title = g_markup_printf_escaped (_ ("“%s” deleted"),
                                   action != NULL ? ma_action_get_title (action) : "");
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

static void
show_history (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  MaWindow *self = MA_WINDOW (widget);
  GtkWidget *history;

  if (self->current <= 0)
    return;
  flush_detail (self);
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
  flush_detail (self);
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

/* Views */

static void
on_view_changed (MaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->settings != NULL && name != NULL && self->last_view == NULL)
    g_settings_set_string (self->settings, "last-view", name);
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

  flush_detail (self);
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
 * list answers through SQL with the same results (bench/RESULTS.md). A big
 * database shows its list once the index is there (sorting it in SQL would take
 * most of a second); a small one sorts it in SQL right after the first frame
 * (before it, the sort cost 12 ms of a 1,000-Action database's first frame). */
#define MA_WINDOW_DEFER_LIST 20000

static void
on_index_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (MaWindow) self = data;
  g_autoptr (GError) error = NULL;

  if (!ma_store_load_index_finish (MA_STORE (source), result, &error))
    g_debug ("No index: %s", error->message);
  if (self->list != NULL && !ma_action_list_is_loaded (self->list))
    ma_action_list_refresh (self->list);
}

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
  ma_window_add_view (self, ma_chart_view_new (self->store, self->filter), "charts", _ ("Charts"),
                      "ma-charts-symbolic");
  ma_window_add_view (self, ma_map_view_new (self->store, self->filter), "map", _ ("Map"),
                      "mark-location-symbolic");
}

/* The list view gets its model after the first frame: building and binding its
 * rows cost more than the bare window's whole first frame (bench/RESULTS.md). */
static gboolean
attach_list_model (gpointer data)
{
  MaWindow *self = data;

  if (!ma_action_list_is_loaded (self->list) && !ma_store_has_index (self->store) &&
      ma_action_list_get_total (self->list) <= MA_WINDOW_DEFER_LIST)
    ma_action_list_refresh (self->list);
  if (self->list_view != NULL && self->selection != NULL &&
      gtk_grid_view_get_model (self->list_view) == NULL)
    {
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      select_current (self);
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
  if (!ma_store_has_index (self->store))
    ma_store_load_index_async (self->store, NULL, on_index_loaded, g_object_ref (self));
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
  self->vocabularies = ma_vocabularies_new (self->store, ma_i18n_get_language ());
  self->filter = ma_filter_new ();
  if (!ma_store_has_index (self->store))
    self->list = ma_action_list_new_deferred (self->store, self->filter, lang (self));
  else
    self->list = ma_action_list_new (self->store, self->filter, lang (self));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selected_changed),
                            self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list, "refreshed", G_CALLBACK (on_list_refreshed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  {
    /* Which file is open: several windows may show several databases. */
    g_autofree char *file = g_path_get_basename (ma_store_get_path (self->store));
    adw_view_switcher_title_set_subtitle (self->switcher_title, file);
  }
  gtk_menu_button_set_create_popup_func (self->filter_button, build_facet_menu, self, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (lazy_menus); i++)
    gtk_menu_button_set_create_popup_func (
        GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), MA_TYPE_WINDOW,
                                                        lazy_menus[i].button)),
        give_menu,
        gtk_widget_get_template_child (GTK_WIDGET (self), MA_TYPE_WINDOW, lazy_menus[i].menu),
        NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  {
    GtkGesture *drag = gtk_gesture_drag_new ();
    g_signal_connect (drag, "drag-begin", G_CALLBACK (on_pane_drag_begin), self);
    g_signal_connect (drag, "drag-update", G_CALLBACK (on_pane_drag_update), self);
    gtk_widget_add_controller (self->pane_handle, GTK_EVENT_CONTROLLER (drag));
    gtk_widget_set_cursor_from_name (self->pane_handle, "col-resize");
  }
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
  }
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries),
                                   self);

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

  refresh_views (self);
  on_list_refreshed (self);
  show_action (self, 0);
  if (self->last_view != NULL)
    ma_window_show_view (self, self->last_view);
}

static void
ma_window_dispose (GObject *object)
{
  MaWindow *self = MA_WINDOW (object);

  flush_detail (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MaWindow, name)
  BIND (toast_overlay);
  BIND (leaflet);
  BIND (sidebar);
  BIND (content);
  BIND (pane_handle);
  BIND (filter_button);
  BIND (search_entry);
  BIND (chips);
  BIND (count_label);
  BIND (list_stack);
  BIND (list_view);
  BIND (views_revealer);
  BIND (views_list);
  BIND (view_stack);
  BIND (switcher_title);
  BIND (detail_stack);
#undef BIND
  for (guint i = 0; i < G_N_ELEMENTS (lazy_menus); i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, lazy_menus[i].button, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, lazy_menus[i].menu, FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter);
  gtk_widget_class_install_action (widget_class, "win.new-action", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-action", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete-action", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay);
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

/* For tests */

GtkSearchEntry *
ma_window_get_search_entry (MaWindow *self)
{
  return self->search_entry;
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
  return ensure_detail (self);
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
  return self->chips;
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
  show_action (self, id);
  select_current (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

AdwToast *
ma_window_get_undo_toast (MaWindow *self)
{
  return self->undo_toast;
}

gboolean
ma_window_load_view (MaWindow *self, const char *name, GError **error)
{
  g_autoptr (MaFilter) filter = ma_store_load_view (self->store, name, error);

  if (filter == NULL)
    return FALSE;
  apply_filter (self, filter);
  return TRUE;
}
