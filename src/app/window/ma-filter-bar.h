/* ma-filter-bar.h: the search entry, the facet chips and the facet menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-filter.h"
#include "ma-action-query.h"
#include "ma-store.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_FILTER_BAR (ma_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (MaFilterBar, ma_filter_bar, MA, FILTER_BAR, GtkBox)

/* The bar edits FILTER: the search entry sets its text, a chip click removes a
 * facet, the facet menu of MENU_BUTTON (may be NULL) toggles facets. It follows
 * the filter's "changed" signal to show what is in force. Call once. */
void ma_filter_bar_setup (MaFilterBar *self,
                          MaActionQuery *query,
                          MaFilter *filter,
                          MaVocabularies *vocabularies,
                          GtkMenuButton *menu_button);
GtkSearchEntry *ma_filter_bar_get_search_entry (MaFilterBar *self);
GtkFlowBox *ma_filter_bar_get_chips (MaFilterBar *self);

G_END_DECLS
