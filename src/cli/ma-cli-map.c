/* ma-cli-map.c: mieux-actions-cli map, the world map as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions-cli"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ma-cli.h"
#include "ma-map.h"

typedef enum
{
  MAP_PNG,
  MAP_SVG,
  MAP_PDF,
} MapFormat;

static gboolean
write_map (MaMapRenderer *renderer,
           MapFormat format,
           int width,
           int height,
           const char *path,
           GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
      case MAP_SVG:
        surface = cairo_svg_surface_create (path, width, height);
        break;
      case MAP_PDF:
        surface = cairo_pdf_surface_create (path, width, height);
        break;
      case MAP_PNG:
      default:
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        break;
    }
  cr = cairo_create (surface);
  ma_map_renderer_draw (renderer, cr, width, height, MA_MAP_LAYER_ALL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == MAP_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is a file name, %2$s Cairo's reason */
                   _ ("Could not write %1$s: %2$s"), name, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

int
ma_cli_map (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autofree char *by = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *size = NULL;
  g_autofree char *output = NULL;
  g_autofree char *style_name = NULL;
  gboolean bubbles = FALSE, fit = FALSE;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_ ("Colour each country by its Actions (country, default) or each region as one "
          "(region)"),
      N_ ("country|region") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_ ("png, svg or pdf (default: from the file name, else png)"), N_ ("FORMAT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_ ("Size in pixels (default 1600x900)"),
      N_ ("WxH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The file to write"), N_ ("FILE") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_name,
      N_ ("Colours: light (default), dark or high-contrast"), N_ ("STYLE") },
    { "bubbles", 0, 0, G_OPTION_ARG_NONE, &bubbles,
      N_ ("Add bubbles sized by the number of activities in each country"), NULL },
    { "fit", 0, 0, G_OPTION_ARG_NONE, &fit,
      N_ ("Zoom to the countries that have Actions instead of the whole world"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "map", N_ ("[--by country|region] [FILTER] --format png|svg|pdf --size WxH -o FILE"),
      N_ ("Draw the world map of the Actions that match."), &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autoptr (MaActionQuery) query = NULL;
  g_autoptr (MaFilter) filter = NULL;
  g_autoptr (MaGeo) geo = NULL;
  g_autoptr (MaMapData) data = NULL;
  g_autoptr (MaMapRenderer) renderer = NULL;
  MapFormat format = MAP_PNG;
  MaMapMode mode = MA_MAP_BY_COUNTRY;
  MaMapStyle style = MA_MAP_STYLE_LIGHT;
  int width = 1600, height = 900;
  const char *usage_error = NULL;
  int status = MA_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;

  if (by != NULL && strcmp (by, "region") == 0)
    mode = MA_MAP_BY_REGION;
  else if (by != NULL && strcmp (by, "country") != 0)
    usage_error = _ ("--by must be country or region");
  if (format_name == NULL && output != NULL)
    {
      if (g_str_has_suffix (output, ".svg") || g_str_has_suffix (output, ".SVG"))
        format = MAP_SVG;
      else if (g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".PDF"))
        format = MAP_PDF;
    }
  else if (format_name != NULL && strcmp (format_name, "svg") == 0)
    format = MAP_SVG;
  else if (format_name != NULL && strcmp (format_name, "pdf") == 0)
    format = MAP_PDF;
  else if (format_name != NULL && strcmp (format_name, "png") != 0)
    usage_error = _ ("The format must be png, svg or pdf");
  if (size != NULL && !ma_cli_parse_size (size, 100, 16384, &width, &height))
    usage_error = _ ("The size must be WIDTHxHEIGHT, from 100 to 16384 pixels, as in 1600x900");
  if (style_name == NULL || strcmp (style_name, "light") == 0)
    style = MA_MAP_STYLE_LIGHT;
  else if (strcmp (style_name, "dark") == 0)
    style = MA_MAP_STYLE_DARK;
  else if (strcmp (style_name, "high-contrast") == 0)
    style = MA_MAP_STYLE_HIGH_CONTRAST;
  else
    usage_error = _ ("The style must be light, dark or high-contrast");
  if (output == NULL)
    usage_error = _ ("Give the file to write with -o FILE");
  if (usage_error == NULL && argc > 1)
    usage_error = _ ("map takes no arguments besides its options");
  if (usage_error != NULL)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, usage_error);
    }

  store = ma_cli_open_store (&options, &error);
  if (store != NULL)
    query = ma_action_query_new (store);
  if (store == NULL || (filter = ma_cli_build_filter (&options, store, &error)) == NULL ||
      (geo = ma_geo_get_default (&error)) == NULL ||
      (data = ma_map_data_query (query, geo, filter, ma_cli_lang (&options), &error)) == NULL)
    {
      status = ma_cli_fail (error);
      ma_cli_options_clear (&options);
      return status;
    }

  renderer = ma_map_renderer_new (geo);
  ma_map_renderer_set_data (renderer, data);
  ma_map_renderer_set_mode (renderer, mode);
  ma_map_renderer_set_style (renderer, style);
  ma_map_renderer_set_bubbles (renderer, bubbles);
  if (fit)
    ma_map_renderer_fit_to_data (renderer, width, height);
  if (!write_map (renderer, format, width, height, output, &error))
    status = ma_cli_fail (error);
  ma_cli_options_clear (&options);
  return status;
}
