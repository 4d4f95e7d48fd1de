/* ma-window-private.h: what the window's files share, and what the tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-action-detail.h"
#include "ma-action-list.h"
#include "ma-filter-bar.h"
#include "ma-views-sidebar.h"
#include "ma-vocabularies.h"
#include "ma-window.h"

G_BEGIN_DECLS

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
  MaFilterBar *filter_bar;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkGridView *list_view; /* one column: see ma-window.ui */
  MaViewsSidebar *views_sidebar;
  AdwViewStack *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack *detail_stack;
  MaActionDetail *detail;
  GtkRevealer *read_only_banner;
  guint external_poll;       /* while the window is active: other processes' writes */
  GFileMonitor *wal_monitor; /* the WAL file grows when another process commits */

  MaStore *store;
  MaActionQuery *query; /* which Actions: the list, facets, charts and map ask it */
  MaFilter *filter;
  MaActionList *list;
  GtkSingleSelection *selection;
  MaVocabularies *vocabularies;
  GSettings *settings;
  char *last_view;
  gint64 current;
  gboolean selecting;
  gboolean other_views_added;
  AdwToast *undo_toast;
  gint64 deletion;   /* the toast's: an Action deleted (its history entry)… */
  guint undo_serial; /* …or an edit inside an Action (its undo stack entry) */
  MaUndoStack *undo; /* the last edits of every Action, for Ctrl+Z */
  GtkFileChooserNative *chooser;
};

/* ma-window.c, for ma-window-actions.c */
const char *ma_window_lang (MaWindow *self);
MaActionDetail *ma_window_ensure_detail (MaWindow *self);
void ma_window_flush_detail (MaWindow *self);
void ma_window_show_action (MaWindow *self, gint64 id);
void ma_window_select_current (MaWindow *self);
void ma_window_update_action_sensitivity (MaWindow *self);

/* How many edits the window keeps for Ctrl+Z, over all Actions. */
#define MA_WINDOW_UNDO_LIMIT 200

/* ma-window-actions.c: the window's actions (win.*) */
/* Shows the undo toast for MESSAGE: its button undoes the undo stack's entry SERIAL. */
void ma_window_offer_undo (MaWindow *self, const char *message, guint serial);
void ma_window_actions_class_init (GtkWidgetClass *widget_class);
void ma_window_actions_init (MaWindow *self);
void ma_window_actions_dispose (MaWindow *self);

/* For tests */
GtkSearchEntry *ma_window_get_search_entry (MaWindow *self);
MaActionList *ma_window_get_action_list (MaWindow *self);
GtkSingleSelection *ma_window_get_selection (MaWindow *self);
MaActionDetail *ma_window_get_detail (MaWindow *self);
/* The detail pane and the shortcuts window if they were built, else NULL. */
MaActionDetail *ma_window_peek_detail (MaWindow *self);
GtkWindow *ma_window_peek_help_overlay (MaWindow *self);
GtkLabel *ma_window_get_count_label (MaWindow *self);
GtkStack *ma_window_get_list_stack (MaWindow *self);
/* The view added under NAME (ma_window_add_view ()), or NULL. */
GtkWidget *ma_window_get_view (MaWindow *self, const char *name);
GtkFlowBox *ma_window_get_chips (MaWindow *self);
GtkMenuButton *ma_window_get_filter_button (MaWindow *self);
/* The Action shown in the detail, or 0. */
gint64 ma_window_get_current (MaWindow *self);
void ma_window_select (MaWindow *self, gint64 id);
/* The undo toast of the last deletion, or NULL. */
AdwToast *ma_window_get_undo_toast (MaWindow *self);
MaUndoStack *ma_window_get_undo_stack (MaWindow *self);
/* Loads a saved view into the window's filter. */
gboolean ma_window_load_view (MaWindow *self, const char *name, GError **error);

G_END_DECLS
