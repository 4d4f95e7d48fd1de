/* ma-chart-view-export.c: the charts page's export, print, presentation and decks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ma-chart-view-private.h"
#include "ma-i18n.h"
#include "ma-deck.h"
#include "ma-presentation.h"

/* Export and print */

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
      return ma_deck_export_pdf (self->query, deck, width, height, file, error);
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

/* Presentation and decks */

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
          self->query, deck->filter, (const char *const *) deck->slides,
          deck->lang != NULL ? deck->lang : ma_chart_view_get_presentation_language (self));
    }
  else
    {
      g_autoptr (MaDeck) deck = ma_deck_new (NULL);
      guint start = 0;

      presentation =
          ma_presentation_new (self->query, self->filter, (const char *const *) deck->slides,
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

void
ma_chart_view_create_menu (GtkMenuButton *button, gpointer data)
{
  MaChartView *self = data;
  g_autoptr (GMenuModel) menu = build_menu (self);

  gtk_menu_button_set_menu_model (button, menu);
}

void
ma_chart_view_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "charts.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "charts.present-deck", "s", present_action);
  gtk_widget_class_install_action (widget_class, "charts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "charts.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "charts.save-deck", NULL, save_deck_action);
}

void
ma_chart_view_export_dispose (MaChartView *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}
