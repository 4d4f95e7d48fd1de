/* ma-chart.c: the charts of the programme, drawn with Cairo and Pango
 *
 * Every chart is a list of rows (categories, or Actions for the timeline) with
 * horizontal bars: long names in French and Spanish get the room they need on
 * the left, wrapped, instead of being rotated under columns. The type scale
 * follows the size of the box; labels shrink, wrap or end in an ellipsis to fit
 * their row, and rows that cannot fit are counted in a footnote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ma-chart.h"
#include "ma-i18n.h"

/* ---------------------------------------------------------------- data */

static const char *const kind_names[MA_CHART_N_KINDS] = {
  [MA_CHART_REGIONS] = "regions",   [MA_CHART_THEMES] = "themes",
  [MA_CHART_STATUS] = "status",     [MA_CHART_TYPES] = "types",
  [MA_CHART_TIMELINE] = "timeline", [MA_CHART_ACTIVITIES] = "activities",
};

const char *
ma_chart_kind_to_string (MaChartKind kind)
{
  g_return_val_if_fail (kind < MA_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

int
ma_chart_kind_from_string (const char *name)
{
  for (int i = 0; name != NULL && i < MA_CHART_N_KINDS; i++)
    if (strcmp (name, kind_names[i]) == 0)
      return i;
  return -1;
}

const char *
ma_chart_kind_get_title (MaChartKind kind)
{
  switch (kind)
    {
      case MA_CHART_REGIONS:
        return _ ("Actions per region and status");
      case MA_CHART_THEMES:
        return _ ("Actions per thematic area");
      case MA_CHART_STATUS:
        return _ ("Actions per status");
      case MA_CHART_TYPES:
        return _ ("Actions per type");
      case MA_CHART_TIMELINE:
        return _ ("Actions over time, by region");
      case MA_CHART_ACTIVITIES:
        return _ ("Activities per year and format");
      case MA_CHART_N_KINDS:
      default:
        return "";
    }
}

static void
key_free (gpointer data)
{
  MaChartKey *key = data;
  g_free (key->code);
  g_free (key->name);
  g_free (key);
}

static void
span_free (gpointer data)
{
  MaChartSpan *span = data;
  g_free (span->label);
  g_free (span->region);
  g_free (span->start_date);
  g_free (span->end_date);
  g_free (span);
}

MaChartData *
ma_chart_data_new (MaChartKind kind)
{
  MaChartData *data = g_new0 (MaChartData, 1);

  data->kind = kind;
  data->category_dimension = -1;
  data->series_dimension = -1;
  data->categories = g_ptr_array_new_with_free_func (key_free);
  data->series = g_ptr_array_new_with_free_func (key_free);
  data->spans = g_ptr_array_new_with_free_func (span_free);
  return data;
}

void
ma_chart_data_free (MaChartData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->categories);
  g_ptr_array_unref (data->series);
  g_ptr_array_unref (data->spans);
  g_free (data->values);
  g_free (data->subtitle);
  g_free (data);
}

static MaChartKey *
key_new (GPtrArray *keys, const char *code, const char *name)
{
  MaChartKey *key = g_new0 (MaChartKey, 1);
  key->code = g_strdup (code);
  key->name = g_strdup (name);
  key->color = (int) keys->len;
  g_ptr_array_add (keys, key);
  return key;
}

MaChartKey *
ma_chart_data_add_category (MaChartData *data, const char *code, const char *name)
{
  g_return_val_if_fail (data->values == NULL, NULL);
  return key_new (data->categories, code, name);
}

MaChartKey *
ma_chart_data_add_series (MaChartData *data, const char *code, const char *name)
{
  g_return_val_if_fail (data->values == NULL, NULL);
  return key_new (data->series, code, name);
}

void
ma_chart_data_alloc_values (MaChartData *data)
{
  g_free (data->values);
  data->values = g_new0 (double, MAX (1, data->categories->len * data->series->len));
}

double
ma_chart_data_get (const MaChartData *data, guint category, guint series)
{
  g_return_val_if_fail (data->values != NULL, 0);
  g_return_val_if_fail (category < data->categories->len && series < data->series->len, 0);
  return data->values[category * data->series->len + series];
}

void
ma_chart_data_set (MaChartData *data, guint category, guint series, double value)
{
  g_return_if_fail (data->values != NULL);
  g_return_if_fail (category < data->categories->len && series < data->series->len);
  data->values[category * data->series->len + series] = value;
}

double
ma_chart_data_category_total (const MaChartData *data, guint category)
{
  double total = 0;
  for (guint s = 0; s < data->series->len; s++)
    total += ma_chart_data_get (data, category, s);
  return total;
}

/* ---------------------------------------------------------------- layout */

static void
item_clear (gpointer data)
{
  MaChartItem *item = data;
  g_free (item->text);
}

static MaChartLayout *
layout_new (double width, double height)
{
  MaChartLayout *layout = g_new0 (MaChartLayout, 1);
  layout->width = width;
  layout->height = height;
  layout->items = g_array_new (FALSE, TRUE, sizeof (MaChartItem));
  g_array_set_clear_func (layout->items, item_clear);
  return layout;
}

void
ma_chart_layout_free (MaChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->items);
  g_free (layout);
}

const MaChartItem *
ma_chart_layout_hit (const MaChartLayout *layout, double x, double y)
{
  g_return_val_if_fail (layout != NULL, NULL);
  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *item = &g_array_index (layout->items, MaChartItem, i);
      if (item->kind == MA_CHART_ITEM_BAR && x >= item->x && x < item->x + item->width &&
          y >= item->y && y < item->y + item->height)
        return item;
    }
  return NULL;
}

gboolean
ma_chart_layout_has_collisions (const MaChartLayout *layout, char **problem)
{
  const double eps = 0.5;

  for (guint i = 0; i < layout->items->len; i++)
    {
      const MaChartItem *a = &g_array_index (layout->items, MaChartItem, i);
      if (a->kind != MA_CHART_ITEM_TEXT)
        continue;
      if (a->x < -eps || a->y < -eps || a->x + a->width > layout->width + eps ||
          a->y + a->height > layout->height + eps)
        {
          if (problem != NULL)
            *problem =
                g_strdup_printf ("“%s” (%.1f,%.1f %.1f×%.1f) leaves the %.0f×%.0f canvas", a->text,
                                 a->x, a->y, a->width, a->height, layout->width, layout->height);
          return TRUE;
        }
      for (guint j = i + 1; j < layout->items->len; j++)
        {
          const MaChartItem *b = &g_array_index (layout->items, MaChartItem, j);
          if (b->kind != MA_CHART_ITEM_TEXT)
            continue;
          if (a->x + a->width - eps > b->x && b->x + b->width - eps > a->x &&
              a->y + a->height - eps > b->y && b->y + b->height - eps > a->y)
            {
              if (problem != NULL)
                *problem = g_strdup_printf (
                    "“%s” (%.1f,%.1f %.1f×%.1f) overlaps “%s” (%.1f,%.1f %.1f×%.1f)", a->text, a->x,
                    a->y, a->width, a->height, b->text, b->x, b->y, b->width, b->height);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* ---------------------------------------------------------------- palette */

/* Okabe–Ito, ordered so that neighbours differ in lightness; the two pairs of
 * similar lightness (sky blue and orange, blue and vermillion) differ by hatching. */
static const struct
{
  double r, g, b;
  int pattern; /* 0 none, 1 “/”, 2 cross, 3 horizontal, 4 “\” */
} palette[] = {
  { 0x56 / 255., 0xB4 / 255., 0xE9 / 255., 0 }, /* sky blue */
  { 0xE6 / 255., 0x9F / 255., 0x00 / 255., 1 }, /* orange */
  { 0x00 / 255., 0x72 / 255., 0xB2 / 255., 0 }, /* blue */
  { 0xF0 / 255., 0xE4 / 255., 0x42 / 255., 0 }, /* yellow */
  { 0xD5 / 255., 0x5E / 255., 0x00 / 255., 2 }, /* vermillion */
  { 0x00 / 255., 0x00 / 255., 0x00 / 255., 0 }, /* black */
  { 0x00 / 255., 0x9E / 255., 0x73 / 255., 4 }, /* bluish green */
  { 0xCC / 255., 0x79 / 255., 0xA7 / 255., 3 }, /* reddish purple */
};

void
ma_chart_palette (guint index, double *r, double *g, double *b, int *pattern)
{
  index %= G_N_ELEMENTS (palette);
  *r = palette[index].r;
  *g = palette[index].g;
  *b = palette[index].b;
  if (pattern != NULL)
    *pattern = palette[index].pattern;
}

static void
color_of (int color, double *r, double *g, double *b, int *pattern)
{
  if (color < 0)
    {
      *r = *g = *b = 0.78;
      *pattern = 0;
      return;
    }
  ma_chart_palette ((guint) color, r, g, b, pattern);
}

static gboolean
is_dark (double r, double g, double b)
{
  return 0.299 * r + 0.587 * g + 0.114 * b < 0.55;
}

/* ---------------------------------------------------------------- drawing */

typedef struct
{
  cairo_t *cr;
  double width;
  double height;
  double unit;   /* body type size in device units */
  double margin; /* around the chart */
  const char *family;
  const char *lang;
  MaChartLayout *layout;
} Ctx;

static PangoLayout *
text_new (Ctx *c,
          const char *text,
          double size,
          gboolean bold,
          double max_width,
          int max_lines,
          PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (c->cr);
  PangoFontDescription *font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same metrics on screen, in PNG, SVG and PDF: no hinting. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_family (font, c->family);
  pango_font_description_set_absolute_size (font, MAX (1.0, size) * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (max_lines > 0 && max_width > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

typedef struct
{
  double x, y, width, height;
} Box;

static Box
text_box (PangoLayout *layout)
{
  PangoRectangle logical;
  Box box;

  pango_layout_get_extents (layout, NULL, &logical);
  box.x = logical.x / (double) PANGO_SCALE;
  box.y = logical.y / (double) PANGO_SCALE;
  box.width = logical.width / (double) PANGO_SCALE;
  box.height = logical.height / (double) PANGO_SCALE;
  return box;
}

static double
line_height (Ctx *c, double size)
{
  g_autoptr (PangoLayout) layout = text_new (c, "Ág", size, FALSE, -1, 0, PANGO_ALIGN_LEFT);
  return text_box (layout).height;
}

static void
record (Ctx *c, MaChartItemKind kind, double x, double y, double w, double h, const char *text)
{
  MaChartItem item = { kind, x, y, w, h, -1, -1, 0, g_strdup (text) };
  g_array_append_val (c->layout->items, item);
}

/* Shows LAYOUT with its logical box's top left at (x, y). */
static void
show_text (Ctx *c, PangoLayout *layout, double x, double y, double r, double g, double b)
{
  Box box = text_box (layout);

  cairo_save (c->cr);
  cairo_set_source_rgb (c->cr, r, g, b);
  cairo_move_to (c->cr, x - box.x, y - box.y);
  pango_cairo_show_layout (c->cr, layout);
  cairo_restore (c->cr);
  record (c, MA_CHART_ITEM_TEXT, x, y, box.width, box.height, pango_layout_get_text (layout));
}

static void
fill_swatch (Ctx *c, double x, double y, double w, double h, int color)
{
  double r, g, b;
  int pattern;
  double step = MAX (3.0, c->unit * 0.45);

  if (w <= 0 || h <= 0)
    return;
  color_of (color, &r, &g, &b, &pattern);
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_set_source_rgb (c->cr, r, g, b);
  cairo_fill_preserve (c->cr);
  if (pattern != 0)
    {
      cairo_clip_preserve (c->cr);
      cairo_new_path (c->cr);
      cairo_set_source_rgb (c->cr, 1, 1, 1);
      cairo_set_line_width (c->cr, step * 0.32);
      for (double d = -h - w; d < w + h; d += step)
        {
          if (pattern == 1 || pattern == 2)
            {
              cairo_move_to (c->cr, x + d, y + h);
              cairo_line_to (c->cr, x + d + h, y);
            }
          if (pattern == 4 || pattern == 2)
            {
              cairo_move_to (c->cr, x + d, y);
              cairo_line_to (c->cr, x + d + h, y + h);
            }
        }
      if (pattern == 3)
        for (double d = step / 2; d < h; d += step)
          {
            cairo_move_to (c->cr, x, y + d);
            cairo_line_to (c->cr, x + w, y + d);
          }
      cairo_stroke (c->cr);
      cairo_reset_clip (c->cr);
      cairo_rectangle (c->cr, x, y, w, h);
    }
  /* A dark edge keeps light colours apart from the white page and each other. */
  cairo_set_source_rgba (c->cr, 0.15, 0.15, 0.15, 0.9);
  cairo_set_line_width (c->cr, MAX (0.5, c->unit * 0.06));
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* Title and subtitle at the top; returns the y below them. */
static double
draw_header (Ctx *c, const char *title, const char *subtitle)
{
  double avail = c->width - 2 * c->margin;
  double y = c->margin;
  g_autoptr (PangoLayout) head =
      text_new (c, title, c->unit * 1.45, TRUE, avail, 2, PANGO_ALIGN_LEFT);

  show_text (c, head, c->margin, y, 0.1, 0.1, 0.1);
  y += text_box (head).height + c->unit * 0.2;
  if (subtitle != NULL && subtitle[0] != '\0')
    {
      g_autoptr (PangoLayout) sub =
          text_new (c, subtitle, c->unit * 0.9, FALSE, avail, 2, PANGO_ALIGN_LEFT);
      show_text (c, sub, c->margin, y, 0.33, 0.33, 0.33);
      y += text_box (sub).height;
    }
  return y + c->unit * 0.6;
}

typedef struct
{
  const char *name;
  int color;
  gboolean dashed;
} LegendEntry;

static void
draw_dashed_box (Ctx *c, double x, double y, double w, double h, int color)
{
  double r, g, b;
  int pattern;
  double dash = MAX (2.0, c->unit * 0.3);

  color_of (color, &r, &g, &b, &pattern);
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_set_source_rgba (c->cr, r, g, b, 0.25);
  cairo_fill_preserve (c->cr);
  cairo_set_source_rgb (c->cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (c->cr, MAX (0.75, c->unit * 0.1));
  cairo_set_dash (c->cr, &dash, 1, 0);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* Legend entries flow in rows under the header; returns the y below them. */
static double
draw_legend (Ctx *c, const LegendEntry *entries, guint n, double y)
{
  double size = c->unit * 0.9;
  double swatch = size * 0.9;
  double gap = size * 0.4;
  double spacing = size * 1.2;
  double avail = c->width - 2 * c->margin;
  double x = c->margin;
  double row_height = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) text =
          text_new (c, entries[i].name, size, FALSE, avail - swatch - gap, 2, PANGO_ALIGN_LEFT);
      Box box = text_box (text);
      double w = swatch + gap + box.width;

      if (x > c->margin && x + w > c->width - c->margin)
        {
          x = c->margin;
          y += row_height + size * 0.3;
          row_height = 0;
        }
      if (entries[i].dashed)
        draw_dashed_box (
            c, x, y + (box.height / MAX (1, pango_layout_get_line_count (text)) - swatch) / 2,
            swatch, swatch, entries[i].color);
      else
        fill_swatch (c, x,
                     y + (box.height / MAX (1, pango_layout_get_line_count (text)) - swatch) / 2,
                     swatch, swatch, entries[i].color);
      show_text (c, text, x + swatch + gap, y, 0.15, 0.15, 0.15);
      row_height = MAX (row_height, box.height);
      x += w + spacing;
    }
  return y + row_height + c->unit * 0.6;
}

/* Picks a step of 1, 2 or 5 × 10^k for about MAX_TICKS intervals up to MAX. */
static double
nice_step (double max, int max_ticks)
{
  double raw = max / MAX (1, max_ticks);
  double magnitude, step;

  if (raw <= 1)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  step = magnitude;
  if (raw > step)
    step = 2 * magnitude;
  if (raw > step)
    step = 5 * magnitude;
  if (raw > step)
    step = 10 * magnitude;
  return step;
}

/* How the row labels fit: their size, lines and column width. */
typedef struct
{
  double size;
  int max_lines;
  double column;
  guint shown;
} RowFit;

static RowFit
fit_rows (Ctx *c, const char *const *labels, guint n, double plot_height, double max_column)
{
  double min_size = MAX (c->unit * 0.6, 7.0);
  RowFit fit = { c->unit, 1, 0, n };
  guint room, widest = 0, failed = 0;

  if (n == 0)
    return fit;
  /* Only the rows that can be shown at all are measured (a timeline of 100,000
   * Actions shows the first few dozen). */
  room = (guint) MAX (1.0, floor (plot_height / (line_height (c, min_size) * 1.02)));
  if (n > room)
    {
      n = room;
      fit.shown = room;
    }
  for (double size = c->unit;; size = MAX (min_size, size * 0.92))
    {
      double lh = line_height (c, size);
      double row = plot_height / n;
      int max_lines = (int) floor (row / (lh * 1.02));
      double natural = 0;
      gboolean fits = TRUE;
      guint first_natural = widest, first_fits = failed;

      max_lines = MIN (max_lines, 3);
      /* Not one line per row at this size: a smaller one is tried without measuring
       * (the labels of a timeline that fills its height took most of its time). */
      if (max_lines < 1 && size > min_size)
        continue;
      /* Each label is a Pango layout to measure, twice per size: the widest and the
       * one that did not fit at the last size go first, and the others are left
       * when the column is at its cap or a label does not fit. */
      for (guint k = 0; k < n && ceil (natural) + 1 < max_column; k++)
        {
          guint i = (first_natural + k) % n;
          g_autoptr (PangoLayout) text =
              text_new (c, labels[i], size, FALSE, -1, 0, PANGO_ALIGN_RIGHT);
          double width = text_box (text).width;
          if (width > natural)
            {
              natural = width;
              widest = i;
            }
        }
      fit.size = size;
      fit.max_lines = MAX (1, max_lines);
      fit.column = MIN (ceil (natural) + 1, max_column);
      if (max_lines >= 1)
        for (guint k = 0; k < n && fits; k++)
          {
            guint i = (first_fits + k) % n;
            g_autoptr (PangoLayout) text =
                text_new (c, labels[i], size, FALSE, fit.column, max_lines, PANGO_ALIGN_RIGHT);
            fits = !pango_layout_is_ellipsized (text) &&
                   pango_layout_get_line_count (text) <= max_lines;
            if (!fits)
              failed = i;
          }
      else
        fits = FALSE;
      if (fits)
        return fit;
      if (size <= min_size)
        {
          if (max_lines < 1)
            {
              /* Not even one line per row: show the rows that fit. */
              fit.shown = MAX (1, (guint) floor (plot_height / (lh * 1.02)));
              fit.shown = MIN (fit.shown, n);
              fit.max_lines = 1;
            }
          return fit;
        }
    }
}

/* The common frame of every chart: rows of labels on the left, a plot to the
 * right, an axis with tick labels and its title at the bottom. */
typedef struct
{
  double plot_x, plot_y, plot_width, plot_height;
  RowFit fit;
  double tick_size;
  double axis_max; /* bars: the value at the right end; timeline: years */
  double step;
  double first; /* timeline: first year */
} Frame;

static void
draw_empty (Ctx *c, double y, const char *message)
{
  g_autoptr (PangoLayout) text =
      text_new (c, message, c->unit * 1.1, FALSE, c->width - 2 * c->margin, 3, PANGO_ALIGN_CENTER);
  Box box = text_box (text);
  double top = MAX (y, (y + c->height - c->margin - box.height) / 2);
  show_text (c, text, (c->width - box.width) / 2, MIN (top, c->height - box.height), 0.4, 0.4, 0.4);
}

static char *
more_message (gboolean actions, guint hidden, const char *lang)
{
  g_autofree char *number = ma_format_int (hidden, lang);

  if (actions)
    /* Translators: under the timeline when it has too many Actions for its size. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s more Action is not shown at this size.",
                                         "%s more Actions are not shown at this size.", hidden),
                            number);
  /* Translators: under a chart with too many rows for its size. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more row is not shown at this size.",
                                       "%s more rows are not shown at this size.", hidden),
                          number);
}

/* Lays out the bottom (footnote, note on hidden rows, axis title, tick label row)
 * and the rows above it from TOP, draws the notes and the axis title, and returns
 * the frame. LABELS are the first N of N_TOTAL rows. */
static Frame
make_frame (Ctx *c,
            double top,
            const char *const *labels,
            guint n,
            guint n_total,
            const char *axis_title,
            const char *footnote,
            gboolean rows_are_actions,
            double right_reserve)
{
  Frame f = { 0 };
  double avail = c->width - 2 * c->margin;
  double bottom = c->height - c->margin;
  double note_size = c->unit * 0.8;
  double small_gap = c->unit * 0.3;
  double column_cap = avail * 0.38;
  double gap = c->unit * 0.5;
  double tick_height, axis_height = 0, plot_bottom;
  g_autoptr (PangoLayout) axis = NULL;

  f.tick_size = MAX (MAX (c->unit * 0.6, 7.0), c->unit * 0.85);
  tick_height = line_height (c, f.tick_size);
  if (footnote != NULL)
    {
      g_autoptr (PangoLayout) note =
          text_new (c, footnote, note_size, FALSE, avail, 2, PANGO_ALIGN_LEFT);
      bottom -= text_box (note).height;
      show_text (c, note, c->margin, bottom, 0.35, 0.35, 0.35);
      bottom -= small_gap;
    }
  if (axis_title != NULL)
    {
      axis = text_new (c, axis_title, c->unit * 0.9, FALSE, avail, 1, PANGO_ALIGN_LEFT);
      axis_height = text_box (axis).height;
    }
  plot_bottom = bottom - axis_height - tick_height - c->unit * 0.35;
  f.fit = fit_rows (c, labels, n, plot_bottom - top, column_cap);
  if (f.fit.shown < n_total)
    {
      /* Say how many rows are missing, under the axis, and fit again above. */
      g_autofree char *probe = more_message (rows_are_actions, n_total, c->lang);
      g_autoptr (PangoLayout) more =
          text_new (c, probe, note_size, FALSE, avail, 1, PANGO_ALIGN_LEFT);
      double more_height = text_box (more).height;
      g_autofree char *message = NULL;

      plot_bottom -= more_height + small_gap;
      f.fit = fit_rows (c, labels, n, plot_bottom - top, column_cap);
      f.fit.shown = MIN (f.fit.shown, MIN (n, n_total - 1));
      message = more_message (rows_are_actions, n_total - f.fit.shown, c->lang);
      pango_layout_set_text (more, message, -1);
      bottom -= more_height;
      show_text (c, more, c->margin, bottom, 0.35, 0.35, 0.35);
      bottom -= small_gap;
    }
  if (n == 0)
    f.fit.column = 0;

  f.plot_x = c->margin + f.fit.column + (f.fit.column > 0 ? gap : 0);
  f.plot_y = top;
  f.plot_width = MAX (1.0, c->width - c->margin - right_reserve - f.plot_x);
  f.plot_height = MAX (1.0, plot_bottom - top);
  if (axis != NULL)
    {
      Box box = text_box (axis);
      double x = f.plot_x + (f.plot_width - box.width) / 2;
      x = CLAMP (x, c->margin, c->width - c->margin - box.width);
      show_text (c, axis, x, bottom - axis_height, 0.25, 0.25, 0.25);
    }
  return f;
}

static void
draw_row_label (Ctx *c, const Frame *f, const char *label, guint row, gboolean bold)
{
  double row_height = f->plot_height / f->fit.shown;
  g_autoptr (PangoLayout) text =
      text_new (c, label, f->fit.size, bold, f->fit.column, f->fit.max_lines, PANGO_ALIGN_RIGHT);
  Box box = text_box (text);
  double y = f->plot_y + row * row_height + (row_height - box.height) / 2;
  double x = c->margin + f->fit.column - box.width;

  show_text (c, text, MAX (c->margin, x), y, 0.1, 0.1, 0.1);
}

/* Tick labels under the plot; skips a label that would touch the previous one. */
static void
draw_value_axis (Ctx *c, const Frame *f)
{
  double last_right = -INFINITY;
  double y = f->plot_y + f->plot_height + c->unit * 0.35;

  cairo_save (c->cr);
  cairo_set_line_width (c->cr, MAX (0.5, c->unit * 0.05));
  for (double v = 0; v <= f->axis_max + 1e-9; v += f->step)
    {
      double x = f->plot_x + v / f->axis_max * f->plot_width;
      g_autofree char *number = ma_format_int ((gint64) llround (v), c->lang);
      g_autoptr (PangoLayout) text =
          text_new (c, number, f->tick_size, FALSE, -1, 0, PANGO_ALIGN_LEFT);
      Box box = text_box (text);
      double left = CLAMP (x - box.width / 2, 0, c->width - box.width);

      cairo_set_source_rgb (c->cr, v == 0 ? 0.3 : 0.85, v == 0 ? 0.3 : 0.85, v == 0 ? 0.3 : 0.85);
      cairo_move_to (c->cr, x, f->plot_y);
      cairo_line_to (c->cr, x, f->plot_y + f->plot_height);
      cairo_stroke (c->cr);
      if (left < last_right + f->tick_size * 0.5)
        continue;
      show_text (c, text, left, y, 0.3, 0.3, 0.3);
      last_right = left + box.width;
    }
  cairo_restore (c->cr);
}

static const char *
count_axis_title (const MaChartData *data)
{
  return data->kind == MA_CHART_ACTIVITIES ? _ ("Number of activities") : _ ("Number of Actions");
}

static void
draw_bars (Ctx *c, const MaChartData *data, double top)
{
  guint n = data->categories->len;
  guint n_series = data->series->len;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  double max_total = 0;
  double value_width = 0;
  const char *footnote = NULL;
  Frame f;
  double row_height;

  for (guint i = 0; i < n; i++)
    {
      MaChartKey *key = g_ptr_array_index (data->categories, i);
      labels[i] = key->name;
      max_total = MAX (max_total, ma_chart_data_category_total (data, i));
    }
  if (data->kind == MA_CHART_THEMES)
    footnote = _ ("An Action can have several thematic areas.");

  {
    /* Room on the right for the largest total at the body size. */
    g_autofree char *widest = ma_format_int ((gint64) max_total, c->lang);
    g_autoptr (PangoLayout) text = text_new (c, widest, c->unit, TRUE, -1, 0, PANGO_ALIGN_LEFT);
    value_width = text_box (text).width + c->unit * 0.5;
  }
  f = make_frame (c, top, labels, n, n, count_axis_title (data), footnote, FALSE, value_width);
  /* The scale of the rows shown. */
  max_total = 0;
  for (guint i = 0; i < f.fit.shown; i++)
    max_total = MAX (max_total, ma_chart_data_category_total (data, i));
  {
    g_autofree char *widest = ma_format_int ((gint64) MAX (1, max_total), c->lang);
    g_autoptr (PangoLayout) text =
        text_new (c, widest, f.tick_size, FALSE, -1, 0, PANGO_ALIGN_LEFT);
    int max_ticks = (int) floor (f.plot_width / (text_box (text).width + f.tick_size * 2));
    f.step = nice_step (MAX (1, max_total), MAX (1, MIN (max_ticks, 10)));
    f.axis_max = MAX (f.step, ceil (max_total / f.step) * f.step);
  }
  draw_value_axis (c, &f);

  row_height = f.plot_height / MAX (1, f.fit.shown);
  for (guint i = 0; i < f.fit.shown; i++)
    {
      double thickness = MIN (row_height * 0.7, c->unit * 2.6);
      double y = f.plot_y + i * row_height + (row_height - thickness) / 2;
      double x = f.plot_x;
      double total = ma_chart_data_category_total (data, i);
      MaChartKey *category = g_ptr_array_index (data->categories, i);

      draw_row_label (c, &f, category->name, i, FALSE);
      for (guint s = 0; s < n_series; s++)
        {
          double value = ma_chart_data_get (data, i, s);
          double w = value / f.axis_max * f.plot_width;
          MaChartKey *series = g_ptr_array_index (data->series, s);
          int color = data->color_by_category ? category->color : series->color;
          MaChartItem *bar;

          if (value <= 0)
            continue;
          fill_swatch (c, x, y, w, thickness, color);
          record (c, MA_CHART_ITEM_BAR, x, y, w, thickness, NULL);
          bar = &g_array_index (c->layout->items, MaChartItem, c->layout->items->len - 1);
          bar->category = (int) i;
          bar->series = n_series > 1 ? (int) s : -1;
          bar->value = value;

          /* The value of a segment inside it, when there is room. */
          if (n_series > 1)
            {
              g_autofree char *number = ma_format_int ((gint64) value, c->lang);
              g_autoptr (PangoLayout) text =
                  text_new (c, number, f.fit.size * 0.9, FALSE, -1, 0, PANGO_ALIGN_LEFT);
              Box box = text_box (text);
              double r, g, b;
              int pattern;

              color_of (color, &r, &g, &b, &pattern);
              if (box.width + c->unit * 0.4 <= w && box.height <= thickness)
                {
                  double tx = x + (w - box.width) / 2;
                  double ty = y + (thickness - box.height) / 2;
                  if (pattern != 0)
                    {
                      cairo_save (c->cr);
                      cairo_set_source_rgb (c->cr, r, g, b);
                      cairo_rectangle (c->cr, tx - c->unit * 0.15, ty, box.width + c->unit * 0.3,
                                       box.height);
                      cairo_fill (c->cr);
                      cairo_restore (c->cr);
                    }
                  if (is_dark (r, g, b))
                    show_text (c, text, tx, ty, 1, 1, 1);
                  else
                    show_text (c, text, tx, ty, 0, 0, 0);
                }
            }
          x += w;
        }
      {
        /* The total at the end of the bar. */
        g_autofree char *number = ma_format_int ((gint64) total, c->lang);
        g_autoptr (PangoLayout) text =
            text_new (c, number, f.fit.size, TRUE, -1, 0, PANGO_ALIGN_LEFT);
        Box box = text_box (text);
        double tx = MIN (x + c->unit * 0.3, c->width - c->margin - box.width);
        show_text (c, text, tx, f.plot_y + i * row_height + (row_height - box.height) / 2, 0.1, 0.1,
                   0.1);
      }
    }
}

static void
draw_timeline (Ctx *c, const MaChartData *data, double top)
{
  guint n = data->spans->len;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  gboolean known = data->last_year >= data->first_year && data->first_year > 0;
  double years = known ? data->last_year - data->first_year + 1 : 1;
  double row_height;
  Frame f;

  for (guint i = 0; i < n; i++)
    labels[i] = ((MaChartSpan *) g_ptr_array_index (data->spans, i))->label;
  f = make_frame (c, top, labels, n, MAX (data->total, n), _ ("Year"),
                  _ ("Dashed: the start or the end is not known. Years are not guessed."), TRUE,
                  c->unit * 0.5);
  f.first = data->first_year;
  row_height = f.plot_height / MAX (1, f.fit.shown);

  /* Year columns, their boundaries and labels centred in them. */
  if (known)
    {
      double last_right = -INFINITY;
      double year_width = f.plot_width / years;
      cairo_save (c->cr);
      cairo_set_line_width (c->cr, MAX (0.5, c->unit * 0.05));
      for (int y = 0; y <= (int) years; y++)
        {
          double x = f.plot_x + y * year_width;
          cairo_set_source_rgb (c->cr, 0.85, 0.85, 0.85);
          cairo_move_to (c->cr, x, f.plot_y);
          cairo_line_to (c->cr, x, f.plot_y + f.plot_height);
          cairo_stroke (c->cr);
          if (y < (int) years)
            {
              g_autofree char *label = g_strdup_printf ("%d", data->first_year + y);
              g_autoptr (PangoLayout) text =
                  text_new (c, label, f.tick_size, FALSE, -1, 0, PANGO_ALIGN_LEFT);
              Box box = text_box (text);
              double left = x + (year_width - box.width) / 2;
              if (left >= last_right + f.tick_size * 0.5)
                {
                  show_text (c, text, left, f.plot_y + f.plot_height + c->unit * 0.35, 0.3, 0.3,
                             0.3);
                  last_right = left + box.width;
                }
            }
        }
      cairo_restore (c->cr);
    }

  for (guint i = 0; i < f.fit.shown; i++)
    {
      MaChartSpan *span = g_ptr_array_index (data->spans, i);
      MaChartKey *series =
          span->series >= 0 ? g_ptr_array_index (data->series, span->series) : NULL;
      int color = series != NULL ? series->color : -1;
      double thickness = MIN (row_height * 0.6, c->unit * 2.0);
      double y = f.plot_y + i * row_height + (row_height - thickness) / 2;
      double x0 = f.plot_x, x1 = f.plot_x + f.plot_width;
      MaChartItem *bar;

      draw_row_label (c, &f, span->label, i, FALSE);
      /* A line between regions. */
      if (i > 0 && ((MaChartSpan *) g_ptr_array_index (data->spans, i - 1))->series != span->series)
        {
          cairo_save (c->cr);
          cairo_set_source_rgb (c->cr, 0.55, 0.55, 0.55);
          cairo_set_line_width (c->cr, MAX (0.5, c->unit * 0.06));
          cairo_move_to (c->cr, c->margin, f.plot_y + i * row_height);
          cairo_line_to (c->cr, c->width - c->margin, f.plot_y + i * row_height);
          cairo_stroke (c->cr);
          cairo_restore (c->cr);
        }
      if (isnan (span->start) && isnan (span->end))
        {
          g_autoptr (PangoLayout) text = text_new (c, _ ("Dates unknown"), f.fit.size, FALSE,
                                                   f.plot_width, 1, PANGO_ALIGN_LEFT);
          Box box = text_box (text);
          PangoAttrList *attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
          pango_layout_set_attributes (text, attrs);
          pango_attr_list_unref (attrs);
          box = text_box (text);
          show_text (c, text, f.plot_x + c->unit * 0.3,
                     f.plot_y + i * row_height + (row_height - box.height) / 2, 0.35, 0.35, 0.35);
          continue;
        }
      if (!isnan (span->start))
        x0 = f.plot_x + (span->start - f.first) / years * f.plot_width;
      if (!isnan (span->end))
        x1 = f.plot_x + (span->end - f.first) / years * f.plot_width;
      if (!isnan (span->start) && !isnan (span->end))
        fill_swatch (c, x0, y, MAX (x1 - x0, 2.0), thickness, color);
      else
        {
          /* The known end as a solid mark, the unknown side dashed to the edge. */
          double mark = MAX (2.0, c->unit * 0.35);
          draw_dashed_box (c, x0, y, MAX (x1 - x0, mark), thickness, color);
          if (!isnan (span->start))
            fill_swatch (c, x0, y, mark, thickness, color);
          else
            fill_swatch (c, x1 - mark, y, mark, thickness, color);
        }
      record (c, MA_CHART_ITEM_BAR, x0, y, MAX (x1 - x0, 2.0), thickness, NULL);
      bar = &g_array_index (c->layout->items, MaChartItem, c->layout->items->len - 1);
      bar->category = (int) i;
      bar->series = span->series;
      bar->value = 1;
    }
}

/* Columns across the years (activities): labels under the columns, wrapped to
 * two lines and shrunk to fit their slot; FALSE (nothing drawn) when they cannot
 * fit, and the caller draws rows instead. */
static gboolean
draw_columns (Ctx *c, const MaChartData *data, double top)
{
  guint n = data->categories->len;
  guint n_series = data->series->len;
  double min_size = MAX (c->unit * 0.6, 7.0);
  double avail = c->width - 2 * c->margin;
  double max_total = 0, tick_width = 0, label_size = c->unit, label_height = 0;
  double caption_height, value_height, tick_height, gap = c->unit * 0.4;
  double plot_x, plot_y, plot_width, plot_height, slot, step, axis_max;
  int max_ticks;
  g_autoptr (PangoLayout) caption = NULL;
  gboolean fits = FALSE;
  guint failed = 0;

  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    max_total = MAX (max_total, ma_chart_data_category_total (data, i));
  {
    double tick_size = MAX (min_size, c->unit * 0.85);
    g_autofree char *widest = ma_format_int ((gint64) MAX (1, max_total) * 10, c->lang);
    g_autoptr (PangoLayout) text = text_new (c, widest, tick_size, FALSE, -1, 0, PANGO_ALIGN_LEFT);
    tick_width = text_box (text).width;
    tick_height = text_box (text).height;
  }
  plot_x = c->margin + tick_width + gap;
  plot_width = c->width - c->margin - plot_x;
  slot = plot_width / n;

  /* The labels under the columns: the largest size at which all fit in two lines.
   * The one that did not fit at the last size is tried first. */
  for (double size = c->unit;; size = MAX (min_size, size * 0.92))
    {
      guint first = failed;

      fits = TRUE;
      label_height = 0;
      for (guint k = 0; k < n && fits; k++)
        {
          guint i = (first + k) % n;
          MaChartKey *key = g_ptr_array_index (data->categories, i);
          g_autoptr (PangoLayout) text =
              text_new (c, key->name, size, FALSE, slot * 0.94, 2, PANGO_ALIGN_CENTER);
          fits = !pango_layout_is_ellipsized (text);
          label_height = MAX (label_height, text_box (text).height);
          if (!fits)
            failed = i;
        }
      label_size = size;
      if (fits || size <= min_size)
        break;
    }
  if (!fits)
    return FALSE;

  caption =
      text_new (c, count_axis_title (data), c->unit * 0.85, FALSE, avail, 1, PANGO_ALIGN_LEFT);
  caption_height = text_box (caption).height;
  value_height = line_height (c, label_size);
  plot_y = top + caption_height + value_height + gap;
  plot_height = c->height - c->margin - label_height - gap - plot_y;
  if (plot_height < value_height * 2)
    return FALSE;
  show_text (c, caption, c->margin, top, 0.25, 0.25, 0.25);

  max_ticks = (int) floor (plot_height / (tick_height * 2.2));
  step = nice_step (MAX (1, max_total), MAX (1, MIN (max_ticks, 10)));
  axis_max = MAX (step, ceil (max_total / step) * step);

  cairo_save (c->cr);
  cairo_set_line_width (c->cr, MAX (0.5, c->unit * 0.05));
  for (double v = 0; v <= axis_max + 1e-9; v += step)
    {
      double y = plot_y + plot_height - v / axis_max * plot_height;
      g_autofree char *number = ma_format_int ((gint64) llround (v), c->lang);
      g_autoptr (PangoLayout) text =
          text_new (c, number, MAX (min_size, c->unit * 0.85), FALSE, -1, 0, PANGO_ALIGN_LEFT);
      Box box = text_box (text);

      cairo_set_source_rgb (c->cr, v == 0 ? 0.3 : 0.85, v == 0 ? 0.3 : 0.85, v == 0 ? 0.3 : 0.85);
      cairo_move_to (c->cr, plot_x, y);
      cairo_line_to (c->cr, plot_x + plot_width, y);
      cairo_stroke (c->cr);
      show_text (c, text, plot_x - gap - box.width, y - box.height / 2, 0.3, 0.3, 0.3);
    }
  cairo_restore (c->cr);

  for (guint i = 0; i < n; i++)
    {
      MaChartKey *category = g_ptr_array_index (data->categories, i);
      double width = MIN (slot * 0.6, c->unit * 5);
      double x = plot_x + i * slot + (slot - width) / 2;
      double y = plot_y + plot_height;
      double total = ma_chart_data_category_total (data, i);

      for (guint s = 0; s < n_series; s++)
        {
          double value = ma_chart_data_get (data, i, s);
          double h = value / axis_max * plot_height;
          MaChartKey *series = g_ptr_array_index (data->series, s);
          int color = data->color_by_category ? category->color : series->color;
          MaChartItem *bar;

          if (value <= 0)
            continue;
          y -= h;
          fill_swatch (c, x, y, width, h, color);
          record (c, MA_CHART_ITEM_BAR, x, y, width, h, NULL);
          bar = &g_array_index (c->layout->items, MaChartItem, c->layout->items->len - 1);
          bar->category = (int) i;
          bar->series = n_series > 1 ? (int) s : -1;
          bar->value = value;
          if (n_series > 1)
            {
              g_autofree char *number = ma_format_int ((gint64) value, c->lang);
              g_autoptr (PangoLayout) text =
                  text_new (c, number, label_size * 0.9, FALSE, -1, 0, PANGO_ALIGN_LEFT);
              Box box = text_box (text);
              double r, g, b;
              int pattern;

              color_of (color, &r, &g, &b, &pattern);
              if (box.width + c->unit * 0.4 <= width && box.height <= h)
                {
                  double tx = x + (width - box.width) / 2;
                  double ty = y + (h - box.height) / 2;
                  if (pattern != 0)
                    {
                      cairo_save (c->cr);
                      cairo_set_source_rgb (c->cr, r, g, b);
                      cairo_rectangle (c->cr, tx - c->unit * 0.15, ty, box.width + c->unit * 0.3,
                                       box.height);
                      cairo_fill (c->cr);
                      cairo_restore (c->cr);
                    }
                  if (is_dark (r, g, b))
                    show_text (c, text, tx, ty, 1, 1, 1);
                  else
                    show_text (c, text, tx, ty, 0, 0, 0);
                }
            }
        }
      {
        /* The total above the column, the name under it. */
        g_autofree char *number = ma_format_int ((gint64) total, c->lang);
        g_autoptr (PangoLayout) value =
            text_new (c, number, label_size, TRUE, slot * 0.94, 1, PANGO_ALIGN_LEFT);
        g_autoptr (PangoLayout) name =
            text_new (c, category->name, label_size, FALSE, slot * 0.94, 2, PANGO_ALIGN_CENTER);
        Box vbox = text_box (value);
        Box nbox = text_box (name);

        show_text (c, value, plot_x + i * slot + (slot - vbox.width) / 2, y - vbox.height, 0.1, 0.1,
                   0.1);
        show_text (c, name, plot_x + i * slot + (slot - nbox.width) / 2, plot_y + plot_height + gap,
                   0.1, 0.1, 0.1);
      }
    }
  return TRUE;
}

static void
draw_chart (Ctx *c, const MaChartData *data)
{
  g_autoptr (GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  const char *title = ma_chart_kind_get_title (data->kind);
  double y;
  gboolean empty =
      data->kind == MA_CHART_TIMELINE ? data->spans->len == 0 : data->categories->len == 0;

  cairo_save (c->cr);
  cairo_rectangle (c->cr, 0, 0, c->width, c->height);
  cairo_set_source_rgb (c->cr, 1, 1, 1);
  cairo_fill (c->cr);
  cairo_restore (c->cr);

  y = draw_header (c, title, data->subtitle);
  if (empty)
    {
      draw_empty (c, y,
                  data->kind == MA_CHART_ACTIVITIES ? _ ("No activities match the filter.")
                                                    : _ ("No Actions match the filter."));
      return;
    }
  if (data->series->len > 1 || data->kind == MA_CHART_TIMELINE)
    {
      for (guint s = 0; s < data->series->len; s++)
        {
          MaChartKey *key = g_ptr_array_index (data->series, s);
          LegendEntry entry = { key->name, key->color, FALSE };
          g_array_append_val (legend, entry);
        }
      if (data->kind == MA_CHART_TIMELINE)
        {
          LegendEntry entry = { _ ("Date unknown"), -1, TRUE };
          g_array_append_val (legend, entry);
        }
      y = draw_legend (c, (LegendEntry *) (void *) legend->data, legend->len, y);
    }
  if (data->kind == MA_CHART_TIMELINE)
    draw_timeline (c, data, y);
  else
    {
      /* Years read left to right; rows when their labels cannot fit. */
      if (data->kind != MA_CHART_ACTIVITIES || !draw_columns (c, data, y))
        draw_bars (c, data, y);
    }
}

static void
ctx_init (Ctx *c,
          cairo_t *cr,
          double width,
          double height,
          const char *lang,
          const MaChartStyle *style,
          MaChartLayout *layout)
{
  double scale = style != NULL && style->type_scale > 0 ? style->type_scale : 1.0;

  c->cr = cr;
  c->width = width;
  c->height = height;
  /* 13 px at 640 × 360, in proportion above and below. */
  c->unit = MAX (8.0, 13.0 * MIN (width / 640.0, height / 360.0) * scale);
  c->margin = MAX (6.0, c->unit * 1.0);
  c->family = style != NULL && style->font_family != NULL ? style->font_family : "Sans";
  c->lang = lang;
  c->layout = layout;
}

void
ma_chart_draw_full (cairo_t *cr,
                    double width,
                    double height,
                    const MaChartData *data,
                    const char *lang,
                    const MaChartStyle *style,
                    MaChartLayout **layout)
{
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (code);
  g_autoptr (MaChartLayout) recorded = layout_new (width, height);
  Ctx c = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  ctx_init (&c, cr, width, height, code, style, recorded);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  draw_chart (&c, data);
  cairo_restore (cr);
  if (layout != NULL)
    *layout = g_steal_pointer (&recorded);
}

void
ma_chart_draw_text_page (cairo_t *cr,
                         double width,
                         double height,
                         const char *title,
                         const char *subtitle,
                         const char *body,
                         const char *lang,
                         const MaChartStyle *style,
                         MaChartLayout **layout)
{
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (code);
  g_autoptr (MaChartLayout) recorded = layout_new (width, height);
  g_auto (GStrv) paragraphs = g_strsplit (body != NULL ? body : "", "\n", -1);
  g_autofree char *spaced = g_strjoinv ("\n\n", paragraphs);
  Ctx c = { 0 };
  double y, avail_width, avail_height, min_size;

  g_return_if_fail (cr != NULL);

  ctx_init (&c, cr, width, height, code, style, recorded);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  y = draw_header (&c, title, subtitle);
  avail_width = MIN (width - 2 * c.margin, c.unit * 45);
  avail_height = height - c.margin - y;
  min_size = MAX (c.unit * 0.6, 7.0);
  for (double size = c.unit * 1.5;; size = MAX (min_size, size * 0.92))
    {
      g_autoptr (PangoLayout) text =
          text_new (&c, spaced, size, FALSE, avail_width, 0, PANGO_ALIGN_LEFT);
      if (text_box (text).height <= avail_height || size <= min_size)
        {
          if (text_box (text).height > avail_height)
            {
              pango_layout_set_height (text, (int) (avail_height * PANGO_SCALE));
              pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
            }
          show_text (&c, text, c.margin, y, 0.1, 0.1, 0.1);
          break;
        }
    }
  cairo_restore (cr);
  if (layout != NULL)
    *layout = g_steal_pointer (&recorded);
}

MaChartLayout *
ma_chart_compute_layout (double width,
                         double height,
                         const MaChartData *data,
                         const char *lang,
                         const MaChartStyle *style)
{
  cairo_rectangle_t extents = { 0, 0, width, height };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create (surface);
  MaChartLayout *layout = NULL;

  ma_chart_draw_full (cr, width, height, data, lang, style, &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return layout;
}

void
ma_chart_draw (cairo_t *cr, double width, double height, const MaChartData *data, const char *lang)
{
  ma_chart_draw_full (cr, width, height, data, lang, NULL, NULL);
}

#define DRAW_KIND(name, KIND)                                                                      \
  void ma_chart_draw_##name (cairo_t *cr, double width, double height, const MaChartData *data,    \
                             const char *lang)                                                     \
  {                                                                                                \
    g_return_if_fail (data != NULL && data->kind == KIND);                                         \
    ma_chart_draw_full (cr, width, height, data, lang, NULL, NULL);                                \
  }

DRAW_KIND (regions, MA_CHART_REGIONS)
DRAW_KIND (themes, MA_CHART_THEMES)
DRAW_KIND (status, MA_CHART_STATUS)
DRAW_KIND (types, MA_CHART_TYPES)
DRAW_KIND (timeline, MA_CHART_TIMELINE)
DRAW_KIND (activities, MA_CHART_ACTIVITIES)

gboolean
ma_chart_export (const MaChartData *data,
                 const char *lang,
                 const MaChartStyle *style,
                 const char *format,
                 int width,
                 int height,
                 const char *file,
                 GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (data != NULL && format != NULL && file != NULL, FALSE);

  if (width < 16 || height < 16 || width > 20000 || height > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("%d×%d is not a size a chart can be drawn at"), width, height);
      return FALSE;
    }
  if (strcmp (format, "png") == 0)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (strcmp (format, "svg") == 0)
    surface = cairo_svg_surface_create (file, width, height);
  else if (strcmp (format, "pdf") == 0)
    surface = cairo_pdf_surface_create (file, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a format: use png, svg or pdf"), format);
      return FALSE;
    }
  cr = cairo_create (surface);
  ma_chart_draw_full (cr, width, height, data, lang, style, NULL);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && strcmp (format, "png") == 0)
    status = cairo_surface_write_to_png (surface, file);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
