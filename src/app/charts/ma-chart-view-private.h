/* ma-chart-view-private.h: what the two files of the charts page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-chart-view.h"

G_BEGIN_DECLS

struct _MaChartView
{
  GtkWidget parent_instance;

  MaActionQuery *query;
  MaStore *store; /* the query's */
  MaFilter *filter;
  GSettings *settings;
  MaChartKind kind;
  MaChartData *data;
  MaChartLayout *layout;
  char *report;
  guint refresh_id;
  gboolean dirty;    /* the filter or the store changed while the page was hidden */
  guint generation;  /* of the last refresh asked for: older answers are dropped */
  guint async_above; /* Actions above which data come from a worker thread */
  int large;         /* -1 unknown, else whether the database is above it */
  gboolean pending;  /* a worker thread computes newer data */

  GtkWidget *kinds;
  GtkWidget *kind_buttons[MA_CHART_N_KINDS];
  GtkWidget *menu_button;
  GtkWidget *area;
  GtkWidget *report_label;
  GtkWidget *report_from;
  GtkWidget *report_to;
  GtkFileChooserNative *chooser;
  char *export_format;
  GtkEventController *window_shortcuts; /* F11 on the window, wherever the focus is */
};

/* ma-chart-view-export.c: export, print, presentation and decks */
void ma_chart_view_export_class_init (GtkWidgetClass *widget_class);
void ma_chart_view_export_dispose (MaChartView *self);
/* The create-popup function of the export menu button. */
void ma_chart_view_create_menu (GtkMenuButton *button, gpointer view);

G_END_DECLS
