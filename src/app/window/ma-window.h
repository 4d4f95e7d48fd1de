/* ma-window.h: the main window: list of Actions, detail and other views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-filter.h"
#include "ma-action-query.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_WINDOW (ma_window_get_type ())
G_DECLARE_FINAL_TYPE (MaWindow, ma_window, MA, WINDOW, AdwApplicationWindow)

/* Registers the GResource of the templates, style sheet and icons (once). */
void ma_window_ensure_resources (void);

/* APPLICATION may be NULL (tests). */
MaWindow *ma_window_new (GtkApplication *application, MaStore *store);
MaStore *ma_window_get_store (MaWindow *self);
MaActionQuery *ma_window_get_query (MaWindow *self);

/* The one filter of the window: the search entry, the facet chips and the saved
 * views change it, and the list follows its "changed" signal. Views that show
 * the same Actions (map, charts) read it and connect to "changed" too. */
MaFilter *ma_window_get_filter (MaWindow *self);

/* Adds a page to the content area, beside the Action detail (page "list"), with a
 * switcher in the header bar. NAME is stable ("map", "charts"; it is stored in
 * the "last-view" setting), TITLE is shown (translated), ICON_NAME a symbolic
 * icon. A view plugs in with one line in ma_window_constructed (), at the place
 * marked "Other views" (the store and the filter exist from there on):
 *
 *   ma_window_add_view (self, ma_map_view_new (self->store, self->filter),
 *                       "map", _("Map"), "mark-location-symbolic");
 *
 * The window shows the page at start when it was the last one shown. */
void ma_window_add_view (
    MaWindow *self, GtkWidget *view, const char *name, const char *title, const char *icon_name);
/* Shows a page by name ("list" is the Action detail). */
void ma_window_show_view (MaWindow *self, const char *name);

/* Shows a short message at the bottom of the window (plain text). */
void ma_window_toast (MaWindow *self, const char *message);

G_END_DECLS
