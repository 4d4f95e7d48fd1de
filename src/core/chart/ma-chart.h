/* ma-chart.h: the charts of the programme, drawn with Cairo and Pango
 *
 * One drawing function per kind takes a cairo_t, a size, the data (built by
 * ma-report.h from the store and the filter) and a language. The chart view,
 * the exporters, printing, presentation mode and mieux-actions-cli all call them,
 * so they all show the same picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MA_CHART_REGIONS,    /* Actions per region, stacked by status */
  MA_CHART_THEMES,     /* Actions per thematic area */
  MA_CHART_STATUS,     /* Actions per status */
  MA_CHART_TYPES,      /* Actions per type */
  MA_CHART_TIMELINE,   /* Actions across the years, grouped by region */
  MA_CHART_ACTIVITIES, /* activities per year, stacked by format */
  MA_CHART_N_KINDS
} MaChartKind;

/* "regions", "themes", "status", "types", "timeline", "activities" */
const char *ma_chart_kind_to_string (MaChartKind kind);
/* -1 for an unknown name */
int ma_chart_kind_from_string (const char *name);
/* The title of a kind of chart, in the language gettext answers in now. */
const char *ma_chart_kind_get_title (MaChartKind kind);

/* A category or a series: a stable code (NULL for "unknown") and a name to show. */
typedef struct
{
  char *code;
  char *name;
  int color; /* palette index (ma_chart_palette), -1 for grey ("unknown") */
} MaChartKey;

/* category_dimension of the activities chart: the categories are years. */
#define MA_CHART_DIMENSION_YEAR (-2)

#define MA_CHART_MAX_SPANS 1000

/* One Action of the timeline. Years are fractional (2021.0 is 1 January 2021);
 * an unknown start or end is NAN and drawn as unknown, never guessed. */
typedef struct
{
  gint64 id;
  char *label;  /* the Action's code, or its title when it has none */
  char *region; /* region code or NULL */
  int series;   /* index in the series (regions), -1 when the region is unknown */
  double start;
  double end;
  char *start_date; /* the partial dates as stored, NULL when unknown */
  char *end_date;
} MaChartSpan;

typedef struct
{
  MaChartKind kind;
  /* What the categories and the series are codes of: a MaFilterDimension, or -1
   * (years, activity formats) when a click cannot filter by them. */
  int category_dimension;
  int series_dimension;
  GPtrArray *categories; /* MaChartKey, in the order drawn */
  GPtrArray *series;     /* MaChartKey; one unnamed series for plain bars */
  double *values;        /* categories × series, row-major */
  gboolean color_by_category;
  /* What is counted: Actions (or activities), and how many are not shown in
   * any category (for a footnote). */
  guint total;
  guint not_shown;
  /* Timeline: the first MA_CHART_MAX_SPANS of the `total` Actions, in the order
   * drawn (no size shows more; all of 100,000 took 20 MB). */
  GPtrArray *spans; /* MaChartSpan */
  int first_year;
  int last_year; /* inclusive; 0 when no date is known */
  /* A line under the title: the filter in words, set by the caller. */
  char *subtitle;
} MaChartData;

MaChartData *ma_chart_data_new (MaChartKind kind);
void ma_chart_data_free (MaChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaChartData, ma_chart_data_free)
/* Returned keys belong to DATA; their color is their index until set. */
MaChartKey *ma_chart_data_add_category (MaChartData *data, const char *code, const char *name);
MaChartKey *ma_chart_data_add_series (MaChartData *data, const char *code, const char *name);
/* Call after the categories and series are all added. */
void ma_chart_data_alloc_values (MaChartData *data);
double ma_chart_data_get (const MaChartData *data, guint category, guint series);
void ma_chart_data_set (MaChartData *data, guint category, guint series, double value);
double ma_chart_data_category_total (const MaChartData *data, guint category);

/* What was drawn where, in device units of the cairo_t's target at the time of
 * drawing: the bars for hit testing, the text boxes for layout tests. */
typedef enum
{
  MA_CHART_ITEM_BAR,
  MA_CHART_ITEM_TEXT,
} MaChartItemKind;

typedef struct
{
  MaChartItemKind kind;
  double x, y, width, height;
  int category; /* bars: index in categories (or spans for the timeline) */
  int series;   /* bars: index in series, -1 for the whole category */
  double value;
  char *text; /* text items: what is written */
} MaChartItem;

typedef struct
{
  double width;
  double height;
  GArray *items; /* MaChartItem */
} MaChartLayout;

void ma_chart_layout_free (MaChartLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaChartLayout, ma_chart_layout_free)
/* The bar under (x, y), or NULL. */
const MaChartItem *ma_chart_layout_hit (const MaChartLayout *layout, double x, double y);
/* TRUE when two text boxes overlap or a text box leaves the canvas; describes the
 * first problem in *problem when not NULL. */
gboolean ma_chart_layout_has_collisions (const MaChartLayout *layout, char **problem);

typedef struct
{
  /* Multiplies the type scale that follows the size: 1.0 for documents and the
   * window, larger for presentation. */
  double type_scale;
  /* Font family, "Sans" by default. */
  const char *font_family;
} MaChartStyle;

/* Draws DATA in a WIDTH × HEIGHT box at the origin of CR, with titles, labels and
 * numbers in LANG ("en", "fr", "es"; NULL for the current language). STYLE may be
 * NULL. When LAYOUT is not NULL it receives what was drawn where. */
void ma_chart_draw_full (cairo_t *cr,
                         double width,
                         double height,
                         const MaChartData *data,
                         const char *lang,
                         const MaChartStyle *style,
                         MaChartLayout **layout);
/* A page of text under a title and a subtitle (the report, a slide of text):
 * BODY's lines are paragraphs, set as large as the page allows. */
void ma_chart_draw_text_page (cairo_t *cr,
                              double width,
                              double height,
                              const char *title,
                              const char *subtitle,
                              const char *body,
                              const char *lang,
                              const MaChartStyle *style,
                              MaChartLayout **layout);
/* The same without drawing: where bars and texts would be. */
MaChartLayout *ma_chart_compute_layout (double width,
                                        double height,
                                        const MaChartData *data,
                                        const char *lang,
                                        const MaChartStyle *style);

/* One drawing function per kind (they check DATA is of their kind). */
void ma_chart_draw_regions (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
void ma_chart_draw_themes (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
void ma_chart_draw_status (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
void ma_chart_draw_types (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
void ma_chart_draw_timeline (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
void ma_chart_draw_activities (
    cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);
/* Any kind. */
void
ma_chart_draw (cairo_t *cr, double width, double height, const MaChartData *data, const char *lang);

/* Writes the chart to FILE as "png", "svg" or "pdf" at WIDTH × HEIGHT (pixels
 * for PNG, points for SVG and PDF). */
gboolean ma_chart_export (const MaChartData *data,
                          const char *lang,
                          const MaChartStyle *style,
                          const char *format,
                          int width,
                          int height,
                          const char *file,
                          GError **error);

/* The Okabe–Ito colour of series INDEX (0-based) as RGB in 0..1, and whether it
 * is drawn hatched so that neighbours also separate in greyscale. */
void ma_chart_palette (guint index, double *r, double *g, double *b, int *pattern);

G_END_DECLS
