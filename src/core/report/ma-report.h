/* ma-report.h: programme figures and chart data
 *
 * Every aggregate runs over the Actions the filter selects: counts come from the
 * query (index or SQL), the rest from SQL with the filter's condition
 * (ma-filter-sql.h), so list, map and charts agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-chart.h"
#include "ma-action-query.h"
#include "ma-filter.h"

G_BEGIN_DECLS

/* The data of one chart over the Actions FILTER selects (NULL: all), with names in
 * LANG. */
MaChartData *ma_report_chart_data (
    MaActionQuery *query, MaFilter *filter, MaChartKind kind, const char *lang, GError **error);

/* The filter in words for a subtitle ("Latin America and the Caribbean · 2021"),
 * or the number of Actions when the filter is empty. */
char *ma_report_describe_filter (MaActionQuery *query, MaFilter *filter, const char *lang);
/* The same, without the number of Actions when WITH_COUNT is FALSE (“All Actions”
 * for an empty filter). */
char *ma_report_describe_filter_full (MaActionQuery *query,
                                      MaFilter *filter,
                                      const char *lang,
                                      gboolean with_count);

/* Figures of a period: the filter's date range (open ends allowed). */
typedef struct
{
  guint actions;       /* implemented: known period overlaps, or an activity in it */
  guint completed;     /* of those, completed with an end in the period */
  guint started;       /* of those, started in the period */
  guint activities;    /* activities that took place in the period */
  guint countries;     /* distinct countries of the implemented Actions */
  guint regions;       /* distinct regions of the implemented Actions */
  gint64 participants; /* sum of the known participants of those activities */
} MaReportFigures;

gboolean
ma_report_compute (MaStore *store, MaFilter *filter, MaReportFigures *figures, GError **error);

/* The period of the filter as the start of a sentence: "In 2021", "From April 2021
 * to May 2022", "Since 2020", "Until 2021", "Overall". */
char *ma_report_period_phrase (const char *from, const char *to, const char *lang);

/* The figures as the sentences the news items use, in LANG:
 * "In 2021, MIEUX+ implemented 11 Actions, 2 of which were completed, and
 * organised 30 activities." One sentence a line. */
char *ma_report_format (const MaReportFigures *figures,
                        const char *from,
                        const char *to,
                        const char *lang);
/* ma_report_compute + ma_report_format */
char *ma_report_text (MaStore *store, MaFilter *filter, const char *lang, GError **error);

G_END_DECLS
