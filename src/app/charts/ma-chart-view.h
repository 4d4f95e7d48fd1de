/* ma-chart-view.h: the charts of the Actions the window's filter selects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-chart.h"
#include "ma-filter.h"
#include "ma-action-query.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_CHART_VIEW (ma_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (MaChartView, ma_chart_view, MA, CHART_VIEW, GtkWidget)

/* Follows FILTER's "changed" signal and the query's; a click on a bar adds its
 * code to FILTER. */
GtkWidget *ma_chart_view_new (MaActionQuery *query, MaFilter *filter);

MaChartKind ma_chart_view_get_kind (MaChartView *self);
void ma_chart_view_set_kind (MaChartView *self, MaChartKind kind);
/* Recomputes now what an idle would (tests). */
void ma_chart_view_refresh (MaChartView *self);
/* Whether newer data or a newer report is on its way (queued, computed in a worker
 * thread, or waiting for the page to be shown). */
gboolean ma_chart_view_is_pending (MaChartView *self);
const MaChartData *ma_chart_view_get_data (MaChartView *self);
/* Where bars and texts were last drawn, in the drawing area's coordinates. */
const MaChartLayout *ma_chart_view_get_layout (MaChartView *self);
GtkWidget *ma_chart_view_get_drawing_area (MaChartView *self);
/* The report's own period (partial dates, NULL or "" for the filter's). */
void ma_chart_view_set_report_period (MaChartView *self, const char *from, const char *to);
/* The report sentences shown under the chart. */
const char *ma_chart_view_get_report_text (MaChartView *self);
/* The tooltip at (X, Y) of the drawing area, or NULL. */
char *ma_chart_view_describe_at (MaChartView *self, double x, double y);
/* What a click at (X, Y) does: adds the bar's code to the filter. */
gboolean ma_chart_view_activate_at (MaChartView *self, double x, double y);

/* Exports, printing and presentation, without dialogs (tests, actions). */
gboolean ma_chart_view_export (
    MaChartView *self, const char *format, int width, int height, const char *file, GError **error);
/* Prints through GtkPrintOperation into a PDF file instead of a printer. */
gboolean ma_chart_view_print_to_file (MaChartView *self, const char *file, GError **error);
/* Opens the presentation of the current filter (DECK NULL) or of a saved deck. */
GtkWindow *ma_chart_view_present (MaChartView *self, const char *deck, GError **error);
/* The language of presentations: the "presentation-language" setting, NULL for
 * the application's. */
const char *ma_chart_view_get_presentation_language (MaChartView *self);

/* For tests: compute in a worker thread above this many Actions (default 20,000). */
void ma_chart_view_set_async_threshold (MaChartView *self, guint actions);

G_END_DECLS
