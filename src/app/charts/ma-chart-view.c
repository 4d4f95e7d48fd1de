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

#include <glib/gi18n.h>
#include <string.h>

#include "ma-action-index.h"
#include "ma-chart-view-private.h"
#include "ma-date.h"
#include "ma-i18n.h"
#include "ma-report.h"

G_DEFINE_FINAL_TYPE (MaChartView, ma_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_QUERY,
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

/* Data */

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
  data = ma_report_chart_data (self->query, self->filter, self->kind, NULL, &error);
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
  g_autoptr (MaActionQuery) query = NULL;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* No index on this connection: SQL answers, as it did before the index existed. */
  query = ma_action_query_new (store);
  if (job->with_data)
    {
      job->data = ma_report_chart_data (query, job->filter, job->kind, NULL, &error);
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
  /* Regions, status and types come from the query's index in a millisecond: now,
   * on this connection; only the rest waits for the thread. */
  job->with_data = !(ma_action_query_has_index (self->query) &&
                     (job->kind == MA_CHART_REGIONS || job->kind == MA_CHART_STATUS ||
                      job->kind == MA_CHART_TYPES));
  if (!job->with_data)
    apply_data (self, ma_report_chart_data (self->query, self->filter, job->kind, NULL, NULL));
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
    self->large = ma_action_query_count (self->query, NULL, NULL) > self->async_above;
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
  if (!gtk_toggle_button_get_active (button))
    return;
  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    if (self->kind_buttons[kind] == GTK_WIDGET (button))
      ma_chart_view_set_kind (self, kind);
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

/* Drawing */

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

/* Object */

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
  g_signal_connect_object (self->query, "changed", G_CALLBACK (on_store_changed), self,
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
  self->async_above = 20000;
  self->large = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (kind_label (kind));

      gtk_widget_set_tooltip_text (button, ma_chart_kind_get_title (kind));
      if (kind > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->kind_buttons[0]));
      g_signal_connect (button, "toggled", G_CALLBACK (on_kind_toggled), self);
      gtk_box_append (GTK_BOX (self->kinds), button);
      self->kind_buttons[kind] = button;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->kind_buttons[0]), TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_chart, self, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button),
                                         ma_chart_view_create_menu, self, NULL);
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
  ma_chart_view_export_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MA_TYPE_CHART_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->report_label = NULL;
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
  self->store = NULL;
  g_clear_object (&self->query);
  G_OBJECT_CLASS (ma_chart_view_parent_class)->finalize (object);
}

static void
ma_chart_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MaChartView *self = MA_CHART_VIEW (object);

  switch (prop_id)
    {
      case PROP_QUERY:
        self->query = g_value_dup_object (value);
        self->store = self->query != NULL ? ma_action_query_get_store (self->query) : NULL;
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
      case PROP_QUERY:
        g_value_set_object (value, self->query);
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

  properties[PROP_QUERY] =
      g_param_spec_object ("query", NULL, NULL, MA_TYPE_ACTION_QUERY,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
      g_param_spec_object ("filter", NULL, NULL, MA_TYPE_FILTER,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  ma_chart_view_export_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MaChartView, kinds);
  gtk_widget_class_bind_template_child (widget_class, MaChartView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MaChartView, area);
  gtk_widget_class_bind_template_child (widget_class, MaChartView, report_label);
  gtk_widget_class_bind_template_child (widget_class, MaChartView, report_from);
  gtk_widget_class_bind_template_child (widget_class, MaChartView, report_to);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_area_resize);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_released);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
}

GtkWidget *
ma_chart_view_new (MaActionQuery *query, MaFilter *filter)
{
  return g_object_new (MA_TYPE_CHART_VIEW, "query", query, "filter", filter, NULL);
}
