/* ma-presentation.c: full-screen slides of charts, the map and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-presentation"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ma-deck.h"
#include "ma-presentation.h"

/* Large type: the charts' own scale, which follows the size, times this
 * (Preferences ▸ Type size, the "presentation-type-scale" key). */
#define PRESENTATION_TYPE_SCALE 1.4

struct _MaPresentation
{
  GtkWindow parent_instance;

  MaActionQuery *query;
  MaFilter *filter;
  GStrv slides;
  char *lang;
  guint slide;
  double type_scale;
  GtkWidget *area;
};

G_DEFINE_FINAL_TYPE (MaPresentation, ma_presentation, GTK_TYPE_WINDOW)

static void
draw_slide (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  MaPresentation *self = data;
  MaChartStyle style = { self->type_scale, NULL };
  double footer = MAX (18.0, height * 0.035);
  g_autofree char *counter = NULL;
  PangoLayout *layout;
  PangoFontDescription *font;
  int text_width, text_height;

  if (self->slides == NULL || self->slides[0] == NULL)
    return;
  ma_deck_draw_slide (cr, width, height - footer, self->query, self->filter,
                      self->slides[self->slide], self->lang, &style, NULL);

  /* A strip under the slide: where we are in the deck. */
  cairo_rectangle (cr, 0, height - footer, width, footer);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  counter = g_strdup_printf ("%u / %u", self->slide + 1, g_strv_length (self->slides));
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, footer * 0.6 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, counter, -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_move_to (cr, width - text_width - footer, height - footer + (footer - text_height) / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

guint
ma_presentation_get_n_slides (MaPresentation *self)
{
  g_return_val_if_fail (MA_IS_PRESENTATION (self), 0);
  return self->slides != NULL ? g_strv_length (self->slides) : 0;
}

guint
ma_presentation_get_slide (MaPresentation *self)
{
  g_return_val_if_fail (MA_IS_PRESENTATION (self), 0);
  return self->slide;
}

const char *
ma_presentation_get_slide_name (MaPresentation *self)
{
  g_return_val_if_fail (MA_IS_PRESENTATION (self), NULL);
  return ma_presentation_get_n_slides (self) > 0 ? self->slides[self->slide] : NULL;
}

void
ma_presentation_set_slide (MaPresentation *self, guint slide)
{
  guint n;

  g_return_if_fail (MA_IS_PRESENTATION (self));

  n = ma_presentation_get_n_slides (self);
  if (n == 0)
    return;
  slide = MIN (slide, n - 1);
  if (slide == self->slide)
    return;
  self->slide = slide;
  gtk_widget_queue_draw (self->area);
}

static void
next (MaPresentation *self)
{
  ma_presentation_set_slide (self, self->slide + 1);
}

static void
previous (MaPresentation *self)
{
  if (self->slide > 0)
    ma_presentation_set_slide (self, self->slide - 1);
}

gboolean
ma_presentation_handle_key (MaPresentation *self, guint keyval)
{
  switch (keyval)
    {
      case GDK_KEY_Right:
      case GDK_KEY_Down:
      case GDK_KEY_Page_Down:
      case GDK_KEY_space:
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
        next (self);
        return TRUE;
      case GDK_KEY_Left:
      case GDK_KEY_Up:
      case GDK_KEY_Page_Up:
      case GDK_KEY_BackSpace:
        previous (self);
        return TRUE;
      case GDK_KEY_Home:
        ma_presentation_set_slide (self, 0);
        return TRUE;
      case GDK_KEY_End:
        ma_presentation_set_slide (self, G_MAXUINT);
        return TRUE;
      case GDK_KEY_Escape:
      case GDK_KEY_F11:
        gtk_window_destroy (GTK_WINDOW (self));
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                gpointer data)
{
  return ma_presentation_handle_key (MA_PRESENTATION (data), keyval);
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  MaPresentation *self = data;

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY)
    previous (self);
  else
    next (self);
}

static void
ma_presentation_dispose (GObject *object)
{
  MaPresentation *self = MA_PRESENTATION (object);

  g_clear_object (&self->query);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (ma_presentation_parent_class)->dispose (object);
}

static void
ma_presentation_finalize (GObject *object)
{
  MaPresentation *self = MA_PRESENTATION (object);

  g_strfreev (self->slides);
  g_free (self->lang);
  G_OBJECT_CLASS (ma_presentation_parent_class)->finalize (object);
}

static void
ma_presentation_class_init (MaPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_presentation_dispose;
  object_class->finalize = ma_presentation_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, MaPresentation, area);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);
}

static void
ma_presentation_init (MaPresentation *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  self->type_scale = PRESENTATION_TYPE_SCALE;
  /* g_settings_new () aborts on a missing schema (uninstalled runs). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "presentation-type-scale"))
    {
      g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      self->type_scale = g_settings_get_double (settings, "presentation-type-scale");
    }
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_slide, self, NULL);
}

MaPresentation *
ma_presentation_new (MaActionQuery *query,
                     MaFilter *filter,
                     const char *const *slides,
                     const char *lang)
{
  MaPresentation *self = g_object_new (MA_TYPE_PRESENTATION, NULL);
  g_autoptr (MaDeck) deck = NULL;

  g_return_val_if_fail (MA_IS_ACTION_QUERY (query), NULL);

  self->query = g_object_ref (query);
  self->filter = filter != NULL ? ma_filter_copy (filter) : ma_filter_new ();
  if (slides == NULL)
    {
      deck = ma_deck_new (NULL);
      self->slides = g_strdupv (deck->slides);
    }
  else
    self->slides = g_strdupv ((char **) slides);
  self->lang = g_strdup (lang);
  gtk_window_fullscreen (GTK_WINDOW (self));
  return self;
}

GtkWidget *
ma_presentation_get_drawing_area (MaPresentation *self)
{
  g_return_val_if_fail (MA_IS_PRESENTATION (self), NULL);
  return self->area;
}

double
ma_presentation_get_type_scale (MaPresentation *self)
{
  g_return_val_if_fail (MA_IS_PRESENTATION (self), 0);
  return self->type_scale;
}
