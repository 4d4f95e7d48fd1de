/* ma-filter-bar.c: the search entry, the facet chips and the facet menu
 *
 * The facet menu has one boolean action per code in the "facet" group (so the menu
 * shows check marks), built when the menu opens, with the count of Actions each
 * choice would show. The group is put on the window, so "facet.region.lac" can be
 * activated from anywhere in it (the tests do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-action-index.h"
#include "ma-date.h"
#include "ma-filter-bar.h"
#include "ma-filter-chip.h"
#include "ma-i18n.h"

struct _MaFilterBar
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkFlowBox *chips;

  MaActionQuery *query;
  MaStore *store; /* the query's */
  MaFilter *filter;
  MaVocabularies *vocabularies;
  gboolean syncing_search;
  MaActionResult *facets; /* while the facet menu is built: what each choice would show */
};

enum
{
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaFilterBar, ma_filter_bar, GTK_TYPE_BOX)

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
lang (MaFilterBar *self)
{
  return ma_vocabularies_get_lang (self->vocabularies);
}

/* Search */

static void
on_search_changed (MaFilterBar *self)
{
  if (self->syncing_search || self->filter == NULL)
    return;
  ma_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate (MaFilterBar *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static void
on_stop_search (MaFilterBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->filter != NULL)
    ma_filter_set_search (self->filter, NULL);
}

/* Chips */

static void
on_chip_clicked (MaFilterChip *chip, MaFilterBar *self)
{
  const char *key = ma_filter_chip_get_key (chip);
  const char *code = ma_filter_chip_get_code (chip);

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
partner_name (MaFilterBar *self, const char *code)
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
add_chip (MaFilterBar *self, const char *text, const char *key, const char *code)
{
  GtkWidget *chip = ma_filter_chip_new (text, key, code);

  g_signal_connect (chip, "clicked", G_CALLBACK (on_chip_clicked), self);
  gtk_flow_box_append (self->chips, chip);
}

static void
update_chips (MaFilterBar *self)
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
on_filter_changed (MaFilterBar *self)
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

/* The facet menu */

static void
on_facet_toggled (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  MaFilterBar *self = user_data;
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
add_facet_item (MaFilterBar *self,
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
  g_signal_connect_object (action, "activate", G_CALLBACK (on_facet_toggled), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  g_menu_append (menu, label, detailed);
}

static void
add_vocabulary_submenu (MaFilterBar *self,
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
  MaFilterBar *self = user_data;
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
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));

  self->facets = ma_action_query_actions (self->query, self->filter, NULL);
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
  gtk_widget_insert_action_group (root != NULL ? root : GTK_WIDGET (button), "facet",
                                  G_ACTION_GROUP (group));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Object */

static void
ma_filter_bar_dispose (GObject *object)
{
  MaFilterBar *self = MA_FILTER_BAR (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MA_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (ma_filter_bar_parent_class)->dispose (object);
}

static void
ma_filter_bar_finalize (GObject *object)
{
  MaFilterBar *self = MA_FILTER_BAR (object);

  g_clear_object (&self->filter);
  self->store = NULL;
  g_clear_object (&self->query);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);

  G_OBJECT_CLASS (ma_filter_bar_parent_class)->finalize (object);
}

static void
ma_filter_bar_class_init (MaFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_filter_bar_dispose;
  object_class->finalize = ma_filter_bar_finalize;

  /* Enter in the search entry: the window opens the first Action found. */
  signals[SIGNAL_ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MaFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MaFilterBar, chips);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
}

static void
ma_filter_bar_init (MaFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ma_filter_bar_setup (MaFilterBar *self,
                     MaActionQuery *query,
                     MaFilter *filter,
                     MaVocabularies *vocabularies,
                     GtkMenuButton *menu_button)
{
  g_return_if_fail (MA_IS_FILTER_BAR (self));
  g_return_if_fail (self->filter == NULL);

  self->query = g_object_ref (query);
  self->store = ma_action_query_get_store (query);
  self->filter = g_object_ref (filter);
  self->vocabularies = ma_vocabularies_ref (vocabularies);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (on_filter_changed), self);
  if (menu_button != NULL)
    gtk_menu_button_set_create_popup_func (menu_button, build_facet_menu, self, NULL);
  on_filter_changed (self);
}

GtkSearchEntry *
ma_filter_bar_get_search_entry (MaFilterBar *self)
{
  g_return_val_if_fail (MA_IS_FILTER_BAR (self), NULL);
  return self->search_entry;
}

GtkFlowBox *
ma_filter_bar_get_chips (MaFilterBar *self)
{
  g_return_val_if_fail (MA_IS_FILTER_BAR (self), NULL);
  return self->chips;
}
