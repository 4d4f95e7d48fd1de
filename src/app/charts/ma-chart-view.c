/* ma-chart-view.c: the charts of the Actions the window's filter selects
 *
 * A row of chart kinds, the chart (drawn by the same core function as exports,
 * printing and the command-line tool), and the programme report for the filter.
 * Hovering a bar shows its figures; clicking it adds its code to the filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ma-chart-view.h"

#include "ma-action-index.h"
#include "ma-date.h"
#include "ma-deck.h"
#include "ma-i18n.h"
#include "ma-presentation.h"
#include "ma-report.h"

struct _MaChartView
{
  GtkWidget parent_instance;

  MaStore *store;
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

  GtkWidget *toolbar;
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

G_DEFINE_FINAL_TYPE (MaChartView, ma_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (MaChartKind kind)
{
  switch (kind)
    {
      case MA_CHART_REGIONS:
        return _ ("Regions");
      case MA_CHART_THEMES:
        return _ ("Themes");
      case MA_CHART_STATUS:
        return _ ("Status");
      case MA_CHART_TYPES:
        return _ ("Types");
      case MA_CHART_TIMELINE:
        return _ ("Timeline");
      case MA_CHART_ACTIVITIES:
        return _ ("Activities");
      case MA_CHART_N_KINDS:
      default:
        return "";
    }
}

/* ---------------------------------------------------------------- data */

/* The filter of the report: the report's own period, when one is typed, instead of
 * the filter's. */
static MaFilter *
report_filter (MaChartView *self)
{
  MaFilter *period = ma_filter_copy (self->filter);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean valid =
      ma_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->report_from)), &from, NULL) &&
      ma_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->report_to)), &to, NULL) &&
      ma_date_check_span (from, to, NULL);

  if (valid && (from != NULL || to != NULL))
    ma_filter_set_date_range (period, from, to);
  return period;
}

/* Shows DATA (may be NULL); takes it. */
static void
apply_data (MaChartView *self, MaChartData *data)
{
  g_clear_pointer (&self->data, ma_chart_data_free);
  self->data = data;
  g_clear_pointer (&self->layout, ma_chart_layout_free);
  if (self->data != NULL)
    {
      int width = gtk_widget_get_width (self->area);
      int height = gtk_widget_get_height (self->area);
      if (width > 0 && height > 0)
        self->layout = ma_chart_compute_layout (width, height, self->data, NULL, NULL);
    }
  gtk_widget_queue_draw (self->area);
}

/* Shows REPORT; takes it. */
static void
apply_report (MaChartView *self, char *report)
{
  g_free (self->report);
  self->report = report;
  gtk_label_set_text (GTK_LABEL (self->report_label), self->report);
}

void
ma_chart_view_refresh (MaChartView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) period = NULL;
  MaChartData *data;
  char *report;

  g_return_if_fail (MA_IS_CHART_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  self->pending = FALSE;
  self->generation++;
  if (self->store == NULL)
    return;
  data = ma_report_chart_data (self->store, self->filter, self->kind, NULL, &error);
  if (data == NULL)
    g_warning ("Cannot compute the chart: %s", error->message);
  g_clear_error (&error);
  period = report_filter (self);
  report = ma_report_text (self->store, period, NULL, &error);
  if (report == NULL)
    report = g_strdup (error->message);
  apply_data (self, data);
  apply_report (self, report);
}

/* On a large database the themes, timeline and activities charts and the report
 * aggregate in SQL for 0.1 to 2 s (bench/RESULTS.md): a worker thread computes
 * them over a connection of its own while the page keeps what it shows. */
typedef struct
{
  char *path;
  MaFilter *filter;
  MaFilter *period;
  MaChartKind kind;
  gboolean with_data; /* FALSE: the index gave the chart's data at once */
  guint generation;
  MaChartData *data;
  char *report;
} RefreshJob;

static void
refresh_job_free (RefreshJob *job)
{
  g_free (job->path);
  g_clear_object (&job->filter);
  g_clear_object (&job->period);
  g_clear_pointer (&job->data, ma_chart_data_free);
  g_free (job->report);
  g_free (job);
}

static void
refresh_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RefreshJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = ma_store_open (job->path, MA_STORE_OPEN_SMALL_CACHE, &error);

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->with_data)
    {
      job->data = ma_report_chart_data (store, job->filter, job->kind, NULL, &error);
      if (job->data == NULL)
        g_warning ("Cannot compute the chart: %s", error->message);
      g_clear_error (&error);
    }
  job->report = ma_report_text (store, job->period, NULL, &error);
  if (job->report == NULL)
    job->report = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_refresh_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MaChartView *self = MA_CHART_VIEW (source);
  RefreshJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Cannot compute the chart: %s", error->message);
      return;
    }
  if (job->generation != self->generation || self->report_label == NULL)
    return;
  self->pending = FALSE;
  if (job->with_data)
    apply_data (self, g_steal_pointer (&job->data));
  apply_report (self, g_steal_pointer (&job->report));
}

static void
refresh_async (MaChartView *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, on_refresh_done, NULL);
  RefreshJob *job = g_new0 (RefreshJob, 1);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  job->path = g_strdup (ma_store_get_path (self->store));
  job->filter = ma_filter_copy (self->filter);
  job->period = report_filter (self);
  job->kind = self->kind;
  job->generation = ++self->generation;
  /* Regions, status and types come from the store's index in a millisecond: now,
   * on this connection; only the rest waits for the thread. */
  job->with_data = !(ma_store_has_index (self->store) &&
                     (job->kind == MA_CHART_REGIONS || job->kind == MA_CHART_STATUS ||
                      job->kind == MA_CHART_TYPES));
  if (!job->with_data)
    apply_data (self, ma_report_chart_data (self->store, self->filter, job->kind, NULL, NULL));
  self->pending = TRUE;
  g_task_set_task_data (task, job, (GDestroyNotify) refresh_job_free);
  g_task_run_in_thread (task, refresh_thread);
}

/* A refresh for the main loop: in a thread on a large database. */
static void
start_refresh (MaChartView *self)
{
  if (self->store == NULL)
    return;
  if (self->large < 0)
    self->large = ma_store_count_actions (self->store, NULL, NULL) > self->async_above;
  if (self->large)
    refresh_async (self);
  else
    ma_chart_view_refresh (self);
}

void
ma_chart_view_set_async_threshold (MaChartView *self, guint actions)
{
  g_return_if_fail (MA_IS_CHART_VIEW (self));
  self->async_above = actions;
  self->large = -1;
}

static gboolean
refresh_idle (gpointer data)
{
  MaChartView *self = data;
  self->refresh_id = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MaChartView *self)
{
  /* A hidden page costs nothing: it catches up when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
on_period_changed (GtkEditable *entry, MaChartView *self)
{
  g_autofree char *iso = NULL;

  if (ma_date_parse (gtk_editable_get_text (entry), &iso, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  queue_refresh (self);
}

void
ma_chart_view_set_report_period (MaChartView *self, const char *from, const char *to)
{
  g_return_if_fail (MA_IS_CHART_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->report_from), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->report_to), to != NULL ? to : "");
  ma_chart_view_refresh (self);
}

static void
on_store_changed (MaChartView *self, gint64 action)
{
  queue_refresh (self);
}

MaChartKind
ma_chart_view_get_kind (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), MA_CHART_REGIONS);
  return self->kind;
}

void
ma_chart_view_set_kind (MaChartView *self, MaChartKind kind)
{
  g_return_if_fail (MA_IS_CHART_VIEW (self));
  g_return_if_fail (kind < MA_CHART_N_KINDS);

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->kind_buttons[kind])))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->kind_buttons[kind]), TRUE);
  if (self->kind == kind && self->data != NULL)
    return;
  self->kind = kind;
  start_refresh (self);
}

static void
on_kind_toggled (GtkToggleButton *button, MaChartView *self)
{
  if (gtk_toggle_button_get_active (button))
    ma_chart_view_set_kind (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind")));
}

gboolean
ma_chart_view_is_pending (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), FALSE);
  return self->pending || self->dirty || self->refresh_id != 0;
}

const MaChartData *
ma_chart_view_get_data (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);
  return self->data;
}

const MaChartLayout *
ma_chart_view_get_layout (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);
  return self->layout;
}

GtkWidget *
ma_chart_view_get_drawing_area (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);
  return self->area;
}

const char *
ma_chart_view_get_report_text (MaChartView *self)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);
  return self->report;
}

/* ---------------------------------------------------------------- drawing */

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  MaChartView *self = user_data;

  if (self->data == NULL)
    return;
  g_clear_pointer (&self->layout, ma_chart_layout_free);
  ma_chart_draw_full (cr, width, height, self->data, NULL, NULL, &self->layout);
}

static char *
count_text (const MaChartData *data, double value)
{
  g_autofree char *number = ma_format_int ((gint64) value, NULL);

  if (data->kind == MA_CHART_ACTIVITIES)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", (gulong) value), number);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s Action", "%s Actions", (gulong) value),
                          number);
}

static const MaChartItem *
hit (MaChartView *self, double x, double y)
{
  if (self->data == NULL || self->layout == NULL)
    return NULL;
  return ma_chart_layout_hit (self->layout, x, y);
}

char *
ma_chart_view_describe_at (MaChartView *self, double x, double y)
{
  const MaChartItem *item;
  GString *text;

  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);

  item = hit (self, x, y);
  if (item == NULL)
    return NULL;
  text = g_string_new (NULL);
  if (self->data->kind == MA_CHART_TIMELINE)
    {
      MaChartSpan *span = g_ptr_array_index (self->data->spans, item->category);
      g_autofree char *dates = ma_date_format_span (span->start_date, span->end_date, NULL);

      g_string_append (text, span->label);
      if (span->series >= 0)
        {
          MaChartKey *region = g_ptr_array_index (self->data->series, span->series);
          g_string_append_printf (text, "\n%s", region->name);
        }
      if (span->start_date == NULL)
        /* Translators: in the tooltip of a timeline bar. */
        g_string_append_printf (text, "\n%s", _ ("Start unknown"));
      if (span->end_date == NULL)
        /* Translators: in the tooltip of a timeline bar. */
        g_string_append_printf (text, "\n%s", _ ("End unknown"));
      if (dates[0] != '\0')
        g_string_append_printf (text, "\n%s", dates);
      if (span->region != NULL)
        g_string_append_printf (text, "\n%s", _ ("Click to show only this region"));
    }
  else
    {
      MaChartKey *category = g_ptr_array_index (self->data->categories, item->category);
      g_autofree char *total =
          count_text (self->data, ma_chart_data_category_total (self->data, item->category));

      g_string_append_printf (text, "%s: %s", category->name, total);
      if (item->series >= 0)
        {
          MaChartKey *series = g_ptr_array_index (self->data->series, item->series);
          g_autofree char *part = count_text (self->data, item->value);
          g_string_append_printf (text, "\n%s: %s", series->name, part);
        }
      if (category->code != NULL && self->data->category_dimension != -1)
        g_string_append_printf (text, "\n%s", _ ("Click to show only these"));
    }
  return g_string_free (text, FALSE);
}

gboolean
ma_chart_view_activate_at (MaChartView *self, double x, double y)
{
  const MaChartItem *item;

  g_return_val_if_fail (MA_IS_CHART_VIEW (self), FALSE);

  item = hit (self, x, y);
  if (item == NULL || self->filter == NULL)
    return FALSE;
  if (self->data->kind == MA_CHART_TIMELINE)
    {
      MaChartSpan *span = g_ptr_array_index (self->data->spans, item->category);
      if (span->region == NULL)
        return FALSE;
      ma_filter_add_code (self->filter, MA_FILTER_REGION, span->region);
      return TRUE;
    }
  {
    MaChartKey *category = g_ptr_array_index (self->data->categories, item->category);
    int dimension = self->data->category_dimension;

    if (category->code == NULL)
      return FALSE;
    if (dimension == MA_CHART_DIMENSION_YEAR)
      ma_filter_set_year (self->filter, atoi (category->code));
    else if (dimension >= 0 && dimension < MA_FILTER_N_DIMENSIONS)
      ma_filter_add_code (self->filter, dimension, category->code);
    else
      return FALSE;
    return TRUE;
  }
}

static gboolean
on_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, MaChartView *self)
{
  g_autofree char *text = ma_chart_view_describe_at (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, MaChartView *self)
{
  gtk_widget_set_cursor_from_name (self->area, hit (self, x, y) != NULL ? "pointer" : NULL);
}

static void
on_released (GtkGestureClick *gesture, int n_press, double x, double y, MaChartView *self)
{
  ma_chart_view_activate_at (self, x, y);
}

/* ---------------------------------------------------------------- export and print */

gboolean
ma_chart_view_export (
    MaChartView *self, const char *format, int width, int height, const char *file, GError **error)
{
  g_return_val_if_fail (MA_IS_CHART_VIEW (self), FALSE);

  if (g_strcmp0 (format, "deck") == 0)
    {
      g_autoptr (MaDeck) deck = ma_deck_new (NULL);
      g_set_object (&deck->filter, self->filter);
      deck->lang = g_strdup (ma_chart_view_get_presentation_language (self));
      return ma_deck_export_pdf (self->store, deck, width, height, file, error);
    }
  if (self->data == NULL || self->dirty || self->pending)
    ma_chart_view_refresh (self);
  if (self->data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("There is no chart to export"));
      return FALSE;
    }
  return ma_chart_export (self->data, NULL, NULL, format, width, height, file, error);
}

static void
toast (MaChartView *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static const struct
{
  const char *id;
  int width, height;
} export_sizes[] = {
  { "1280x720", 1280, 720 }, { "1920x1080", 1920, 1080 }, { "3840x2160", 3840, 2160 },
  { "842x595", 842, 595 },   { "640x360", 640, 360 },
};

static void
on_export_response (GtkNativeDialog *dialog, int response, MaChartView *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size");
  int width = 1920, height = 1080;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  for (guint i = 0; size != NULL && i < G_N_ELEMENTS (export_sizes); i++)
    if (strcmp (size, export_sizes[i].id) == 0)
      {
        width = export_sizes[i].width;
        height = export_sizes[i].height;
      }
  if (!ma_chart_view_export (self, self->export_format, width, height, path, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: after an export; %s is the file name. */
      g_autofree char *message = g_strdup_printf (_ ("Saved “%s”"), name);
      toast (self, message);
    }
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  MaChartView *self = MA_CHART_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const char *ids[G_N_ELEMENTS (export_sizes) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (export_sizes) + 1] = { NULL };
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_free (self->export_format);
  self->export_format = g_strdup (format);
  self->chooser = gtk_file_chooser_native_new (
      g_strcmp0 (format, "deck") == 0 ? _ ("Export the Deck as PDF") : _ ("Export the Chart"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"),
      _ ("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++)
    ids[i] = export_sizes[i].id;
  /* Translators: sizes offered when exporting a chart. */
  labels[0] = _ ("1280 × 720 (screen)");
  labels[1] = _ ("1920 × 1080 (full HD projector)");
  labels[2] = _ ("3840 × 2160 (4K)");
  labels[3] = _ ("A4 landscape");
  labels[4] = _ ("640 × 360 (small)");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "size", _ ("Size"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "size",
                               g_strcmp0 (format, "png") == 0 ? "1920x1080" : "842x595");
  if (g_strcmp0 (format, "deck") == 0)
    name = g_strdup_printf ("%s.pdf", C_ ("file name", "deck"));
  else
    name = g_strdup_printf ("%s.%s", ma_chart_kind_to_string (self->kind), format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page, MaChartView *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  if (self->data != NULL)
    ma_chart_draw_full (cr, gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context), self->data, NULL, NULL, NULL);
}

static GtkPrintOperation *
print_operation_new (MaChartView *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();

  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, ma_chart_kind_get_title (self->kind));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  return operation;
}

gboolean
ma_chart_view_print_to_file (MaChartView *self, const char *file, GError **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (MA_IS_CHART_VIEW (self), FALSE);

  if (self->data == NULL || self->dirty || self->pending)
    ma_chart_view_refresh (self);
  operation = print_operation_new (self);
  gtk_print_operation_set_export_filename (operation, file);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  MaChartView *self = MA_CHART_VIEW (widget);
  g_autoptr (GtkPrintOperation) operation = print_operation_new (self);
  g_autoptr (GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
}

/* ---------------------------------------------------------------- presentation and decks */

const char *
ma_chart_view_get_presentation_language (MaChartView *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);

  if (self->settings == NULL)
    return NULL;
  value = g_settings_get_string (self->settings, "presentation-language");
  return ma_i18n_normalize (value);
}

GtkWindow *
ma_chart_view_present (MaChartView *self, const char *deck_name, GError **error)
{
  MaPresentation *presentation;
  GtkRoot *root;

  g_return_val_if_fail (MA_IS_CHART_VIEW (self), NULL);

  if (deck_name != NULL)
    {
      g_autoptr (MaDeck) deck = ma_store_load_deck (self->store, deck_name, error);
      if (deck == NULL)
        return NULL;
      presentation = ma_presentation_new (
          self->store, deck->filter, (const char *const *) deck->slides,
          deck->lang != NULL ? deck->lang : ma_chart_view_get_presentation_language (self));
    }
  else
    {
      g_autoptr (MaDeck) deck = ma_deck_new (NULL);
      guint start = 0;

      presentation =
          ma_presentation_new (self->store, self->filter, (const char *const *) deck->slides,
                               ma_chart_view_get_presentation_language (self));
      /* Begin with the chart on screen. */
      for (guint i = 0; deck->slides[i] != NULL; i++)
        if (g_strcmp0 (deck->slides[i], ma_chart_kind_to_string (self->kind)) == 0)
          start = i;
      ma_presentation_set_slide (presentation, start);
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (presentation), GTK_WINDOW (root));
      if (gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (presentation),
                                    gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (GTK_WINDOW (presentation));
  return GTK_WINDOW (presentation);
}

static void
present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  MaChartView *self = MA_CHART_VIEW (widget);
  g_autoptr (GError) error = NULL;
  const char *deck = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  if (ma_chart_view_present (self, deck != NULL && deck[0] != '\0' ? deck : NULL, &error) == NULL)
    toast (self, error->message);
}

static void
on_save_deck_response (AdwMessageDialog *dialog, const char *response, MaChartView *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "slide-checks");
  g_autoptr (MaDeck) deck = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) slides = g_strv_builder_new ();

  if (g_strcmp0 (response, "save") != 0)
    return;
  deck = ma_deck_new (gtk_editable_get_text (entry));
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (slides, g_object_get_data (g_ptr_array_index (checks, i), "slide"));
  g_strfreev (deck->slides);
  deck->slides = g_strv_builder_end (slides);
  g_clear_object (&deck->filter);
  deck->filter = ma_filter_copy (self->filter);
  deck->lang = g_strdup (ma_chart_view_get_presentation_language (self));
  if (!ma_store_save_deck (self->store, deck, &error))
    toast (self, error->message);
  else
    {
      /* Translators: after saving a deck; %s is its name. */
      g_autofree char *message = g_strdup_printf (_ ("Deck “%s” saved"), deck->name);
      toast (self, message);
    }
}

static void
save_deck_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  MaChartView *self = MA_CHART_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog =
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Save the Deck"),
                              _ ("The slides are saved with the current filter and the "
                                 "presentation language, to present them again later."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Name of the deck"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  {
    /* The slides of the deck, in their order; all by default. */
    g_autoptr (MaDeck) all = ma_deck_new (NULL);
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GPtrArray *checks = g_ptr_array_new ();

    gtk_box_append (GTK_BOX (box), entry);
    for (guint i = 0; all->slides[i] != NULL; i++)
      {
        GtkWidget *check = gtk_check_button_new_with_label (ma_deck_slide_title (all->slides[i]));
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        g_object_set_data_full (G_OBJECT (check), "slide", g_strdup (all->slides[i]), g_free);
        g_ptr_array_add (checks, check);
        gtk_box_append (GTK_BOX (box), check);
      }
    g_object_set_data (G_OBJECT (dialog), "name-entry", entry);
    g_object_set_data_full (G_OBJECT (dialog), "slide-checks", checks,
                            (GDestroyNotify) g_ptr_array_unref);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save",
                                    _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_deck_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GMenuModel *
build_menu (MaChartView *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) exports = g_menu_new ();
  g_autoptr (GMenu) decks = g_menu_new ();
  g_autoptr (GMenu) languages = g_menu_new ();
  g_autoptr (GPtrArray) names = ma_store_list_decks (self->store, NULL);
  static const struct
  {
    const char *value;
    const char *label;
  } langs[] = {
    { "ui", N_ ("Language of the Application") },
    { "en", "English" },
    { "fr", "Français" },
    { "es", "Español" },
  };

  g_menu_append (exports, _ ("Export as _PNG…"), "charts.export::png");
  g_menu_append (exports, _ ("Export as _SVG…"), "charts.export::svg");
  g_menu_append (exports, _ ("Export as P_DF…"), "charts.export::pdf");
  g_menu_append (exports, _ ("Export the _Deck as PDF…"), "charts.export::deck");
  g_menu_append (exports, _ ("_Print…"), "charts.print");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (exports));

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (
          strcmp (langs[i].value, "ui") == 0 ? _ (langs[i].label) : langs[i].label, NULL);
      g_menu_item_set_action_and_target (item, "chartsettings.presentation-language", "s",
                                         langs[i].value);
      g_menu_append_item (languages, item);
    }
  g_menu_append_section (menu, _ ("Presentation Language"), G_MENU_MODEL (languages));

  g_menu_append (decks, _ ("_Save as Deck…"), "charts.save-deck");
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr (GMenuItem) item = NULL;
      /* Translators: a menu item that presents a saved deck; %s is its name. */
      g_autofree char *label = g_strdup_printf (_ ("Present “%s”"), name);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "charts.present-deck", "s", name);
      g_menu_append_item (decks, item);
    }
  g_menu_append_section (menu, _ ("Decks"), G_MENU_MODEL (decks));
  return G_MENU_MODEL (menu);
}

static void
create_menu (GtkMenuButton *button, gpointer data)
{
  MaChartView *self = data;
  g_autoptr (GMenuModel) menu = build_menu (self);

  gtk_menu_button_set_menu_model (button, menu);
}

/* ---------------------------------------------------------------- object */

static void
ma_chart_view_constructed (GObject *object)
{
  MaChartView *self = MA_CHART_VIEW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  G_OBJECT_CLASS (ma_chart_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  if (self->filter == NULL)
    self->filter = ma_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);

  /* g_settings_new () aborts on a missing schema (uninstalled runs). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
      g_autoptr (GAction) language = NULL;

      self->settings = g_settings_new_full (schema, NULL, NULL);
      language = g_settings_create_action (self->settings, "presentation-language");
      g_action_map_add_action (G_ACTION_MAP (group), language);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "chartsettings", G_ACTION_GROUP (group));
    }
  /* Computed when first shown, not while the window opens. */
  self->dirty = TRUE;
}

static void
ma_chart_view_map (GtkWidget *widget)
{
  MaChartView *self = MA_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (ma_chart_view_parent_class)->map (widget);
  if (self->dirty)
    start_refresh (self);
}

static void
on_area_resize (GtkDrawingArea *area, int width, int height, MaChartView *self)
{
  g_clear_pointer (&self->layout, ma_chart_layout_free);
  if (self->data != NULL && width > 0 && height > 0)
    self->layout = ma_chart_compute_layout (width, height, self->data, NULL, NULL);
}

static void
ma_chart_view_init (MaChartView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *present = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");
  GtkWidget *heading = gtk_label_new (_ ("Programme report"));
  GtkWidget *report_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->async_above = 20000;
  self->large = -1;
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_bin_layout_new ());
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->toolbar, 12);
  gtk_widget_set_margin_end (self->toolbar, 12);
  gtk_widget_set_margin_top (self->toolbar, 6);
  gtk_widget_set_margin_bottom (self->toolbar, 6);
  gtk_widget_add_css_class (kinds, "linked");
  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (kind_label (kind));
      g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
      gtk_widget_set_tooltip_text (button, ma_chart_kind_get_title (kind));
      if (kind > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->kind_buttons[0]));
      g_signal_connect (button, "toggled", G_CALLBACK (on_kind_toggled), self);
      gtk_box_append (GTK_BOX (kinds), button);
      self->kind_buttons[kind] = button;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->kind_buttons[0]), TRUE);
  {
    /* A narrow window scrolls the kinds instead of growing. */
    GtkWidget *scroller = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                    GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), kinds);
    gtk_widget_set_halign (kinds, GTK_ALIGN_START);
    gtk_widget_set_hexpand (scroller, TRUE);
    gtk_box_append (GTK_BOX (self->toolbar), scroller);
  }

  gtk_actionable_set_action_name (GTK_ACTIONABLE (present), "charts.present");
  gtk_widget_set_tooltip_text (present, _ ("Present (F11)"));
  gtk_box_append (GTK_BOX (self->toolbar), present);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "document-save-symbolic");
  gtk_widget_set_tooltip_text (self->menu_button, _ ("Export, Print and Decks"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_menu, self,
                                         NULL);
  gtk_box_append (GTK_BOX (self->toolbar), self->menu_button);
  gtk_box_append (GTK_BOX (box), self->toolbar);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_size_request (self->area, 320, 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_chart, self, NULL);
  gtk_widget_set_has_tooltip (self->area, TRUE);
  g_signal_connect (self->area, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  g_signal_connect (self->area, "resize", G_CALLBACK (on_area_resize), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (self->area, motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (click));
  gtk_box_append (GTK_BOX (box), self->area);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  self->report_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->report_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->report_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->report_label), TRUE);
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *from_label = gtk_label_new_with_mnemonic (_ ("_From"));
    GtkWidget *to_label = gtk_label_new_with_mnemonic (_ ("_To"));

    gtk_widget_set_hexpand (heading, TRUE);
    gtk_box_append (GTK_BOX (row), heading);
    self->report_from = gtk_entry_new ();
    self->report_to = gtk_entry_new ();
    for (guint i = 0; i < 2; i++)
      {
        GtkWidget *entry = i == 0 ? self->report_from : self->report_to;
        GtkWidget *label = i == 0 ? from_label : to_label;
        /* Translators: placeholder of the report's period: a year, a month or a day. */
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("YYYY[-MM[-DD]]"));
        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
        gtk_widget_set_tooltip_text (entry, i == 0 ? _ ("Start of the report’s period")
                                                   : _ ("End of the report’s period"));
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
        g_signal_connect (entry, "changed", G_CALLBACK (on_period_changed), self);
        gtk_box_append (GTK_BOX (row), label);
        gtk_box_append (GTK_BOX (row), entry);
      }
    gtk_box_append (GTK_BOX (report_box), row);
  }
  gtk_box_append (GTK_BOX (report_box), self->report_label);
  gtk_widget_set_margin_start (report_box, 12);
  gtk_widget_set_margin_end (report_box, 12);
  gtk_widget_set_margin_top (report_box, 6);
  gtk_widget_set_margin_bottom (report_box, 12);
  gtk_box_append (GTK_BOX (box), report_box);
}

static gboolean
on_f11 (GtkWidget *widget, GVariant *args, gpointer data)
{
  MaChartView *self = data;
  return gtk_widget_activate_action (GTK_WIDGET (self), "charts.present", NULL);
}

/* F11 presents from anywhere in the window, also when another page is shown: the
 * shortcut lives on the window while the view is in it. */
static void
ma_chart_view_root (GtkWidget *widget)
{
  MaChartView *self = MA_CHART_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ma_chart_view_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;
  self->window_shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (self->window_shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                        gtk_callback_action_new (on_f11, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (root), self->window_shortcuts);
}

static void
ma_chart_view_unroot (GtkWidget *widget)
{
  MaChartView *self = MA_CHART_VIEW (widget);

  if (self->window_shortcuts != NULL)
    {
      GtkWidget *window = gtk_event_controller_get_widget (self->window_shortcuts);
      if (window != NULL)
        gtk_widget_remove_controller (window, self->window_shortcuts);
      self->window_shortcuts = NULL;
    }
  GTK_WIDGET_CLASS (ma_chart_view_parent_class)->unroot (widget);
}

static void
ma_chart_view_dispose (GObject *object)
{
  MaChartView *self = MA_CHART_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->generation++;
  self->report_label = NULL;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ma_chart_view_parent_class)->dispose (object);
}

static void
ma_chart_view_finalize (GObject *object)
{
  MaChartView *self = MA_CHART_VIEW (object);

  g_clear_pointer (&self->data, ma_chart_data_free);
  g_clear_pointer (&self->layout, ma_chart_layout_free);
  g_free (self->report);
  g_free (self->export_format);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ma_chart_view_parent_class)->finalize (object);
}

static void
ma_chart_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MaChartView *self = MA_CHART_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_FILTER:
        self->filter = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_chart_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MaChartView *self = MA_CHART_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_FILTER:
        g_value_set_object (value, self->filter);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ma_chart_view_class_init (MaChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ma_chart_view_constructed;
  object_class->dispose = ma_chart_view_dispose;
  object_class->finalize = ma_chart_view_finalize;
  object_class->set_property = ma_chart_view_set_property;
  object_class->get_property = ma_chart_view_get_property;
  widget_class->root = ma_chart_view_root;
  widget_class->map = ma_chart_view_map;
  widget_class->unroot = ma_chart_view_unroot;

  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, MA_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
      g_param_spec_object ("filter", NULL, NULL, MA_TYPE_FILTER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "charts.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "charts.present-deck", "s", present_action);
  gtk_widget_class_install_action (widget_class, "charts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "charts.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "charts.save-deck", NULL, save_deck_action);
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

GtkWidget *
ma_chart_view_new (MaStore *store, MaFilter *filter)
{
  return g_object_new (MA_TYPE_CHART_VIEW, "store", store, "filter", filter, NULL);
}
