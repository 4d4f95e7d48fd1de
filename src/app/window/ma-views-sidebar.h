/* ma-views-sidebar.h: the saved views under the list of Actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-filter.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_VIEWS_SIDEBAR (ma_views_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (MaViewsSidebar, ma_views_sidebar, MA, VIEWS_SIDEBAR, AdwBin)

/* The views of STORE; a click on one loads it into FILTER. A failure is told by
 * the "message" signal (a translated sentence). Call once. */
void ma_views_sidebar_setup (MaViewsSidebar *self, MaStore *store, MaFilter *filter);
/* Reads the views again from the store. */
void ma_views_sidebar_refresh (MaViewsSidebar *self);
/* Puts the view NAME into the filter. */
gboolean ma_views_sidebar_load (MaViewsSidebar *self, const char *name, GError **error);
/* Asks for a name over PARENT and saves the filter under it. */
void ma_views_sidebar_save (MaViewsSidebar *self, GtkWindow *parent);
GtkListBox *ma_views_sidebar_get_list (MaViewsSidebar *self);

G_END_DECLS
