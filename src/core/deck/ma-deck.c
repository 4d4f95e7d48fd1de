/* ma-deck.c: presentation decks, saved by name in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-deck"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ma-deck.h"
#include "ma-i18n.h"
#include "ma-map.h"
#include "ma-report.h"
#include "ma-store-private.h"

MaDeck *
ma_deck_new (const char *name)
{
  MaDeck *deck = g_new0 (MaDeck, 1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (int kind = 0; kind < MA_CHART_N_KINDS; kind++)
    g_strv_builder_add (builder, ma_chart_kind_to_string (kind));
  g_strv_builder_add (builder, "map");
  g_strv_builder_add (builder, "report");
  deck->name = g_strdup (name);
  deck->slides = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  deck->filter = ma_filter_new ();
  return deck;
}

void
ma_deck_free (MaDeck *deck)
{
  if (deck == NULL)
    return;
  g_free (deck->name);
  g_strfreev (deck->slides);
  g_clear_object (&deck->filter);
  g_free (deck->lang);
  g_free (deck);
}

gboolean
ma_deck_slide_is_valid (const char *slide)
{
  return slide != NULL && (ma_chart_kind_from_string (slide) >= 0 || strcmp (slide, "map") == 0 ||
                           strcmp (slide, "report") == 0);
}

const char *
ma_deck_slide_title (const char *slide)
{
  int kind = ma_chart_kind_from_string (slide);

  if (kind >= 0)
    return ma_chart_kind_get_title (kind);
  if (g_strcmp0 (slide, "map") == 0)
    return _ ("Map of the Actions");
  if (g_strcmp0 (slide, "report") == 0)
    return _ ("Programme report");
  return "";
}

static gboolean
set_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
ma_store_save_deck (MaStore *store, const MaDeck *deck, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *slides = NULL;
  g_autofree char *filter = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *lang;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (store), FALSE);
  g_return_val_if_fail (deck != NULL, FALSE);

  name = g_strstrip (g_strdup (deck->name != NULL ? deck->name : ""));
  if (name[0] == '\0')
    return set_invalid (error, _ ("A deck needs a name"));
  if (deck->slides == NULL || deck->slides[0] == NULL)
    return set_invalid (error, _ ("A deck needs at least one slide"));
  json_builder_begin_array (builder);
  for (guint i = 0; deck->slides[i] != NULL; i++)
    {
      if (!ma_deck_slide_is_valid (deck->slides[i]))
        {
          g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID,
                       _ ("“%s” is not a kind of slide"), deck->slides[i]);
          return FALSE;
        }
      json_builder_add_string_value (builder, deck->slides[i]);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  slides = json_generator_to_data (generator, NULL);
  filter = deck->filter != NULL ? ma_filter_to_json (deck->filter) : NULL;
  lang = deck->lang != NULL ? ma_i18n_normalize (deck->lang) : NULL;

  if (!ma_store_begin (store, error))
    return FALSE;
  stmt = ma_store_prepare (store,
                           "INSERT INTO deck (name, slides, filter, lang) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (name) DO UPDATE SET slides = excluded.slides, "
                           "filter = excluded.filter, lang = excluded.lang, "
                           "updated = strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')",
                           error);
  if (stmt == NULL)
    {
      ma_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, slides, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, filter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lang, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      ma_store_rollback (store);
      return FALSE;
    }
  return ma_store_commit (store, error);
}

GPtrArray *
ma_store_list_decks (MaStore *store, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);

  stmt = ma_store_prepare (store, "SELECT name FROM deck ORDER BY name COLLATE MA_NAME", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      return NULL;
    }
  return g_steal_pointer (&names);
}

MaDeck *
ma_store_load_deck (MaStore *store, const char *name, GError **error)
{
  g_autoptr (MaDeck) deck = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);

  stmt =
      ma_store_prepare (store, "SELECT name, slides, filter, lang FROM deck WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND, _ ("No deck is called “%s”"),
                     name);
      else
        ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  deck = g_new0 (MaDeck, 1);
  deck->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 1), -1, NULL))
    {
      JsonArray *array = json_node_get_array (json_parser_get_root (parser));
      GStrvBuilder *builder = g_strv_builder_new ();
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          const char *slide = json_array_get_string_element (array, i);
          if (ma_deck_slide_is_valid (slide))
            g_strv_builder_add (builder, slide);
        }
      deck->slides = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  else
    deck->slides = g_new0 (char *, 1);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    deck->filter = ma_filter_new_from_json ((const char *) sqlite3_column_text (stmt, 2), NULL);
  if (deck->filter == NULL)
    deck->filter = ma_filter_new ();
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    deck->lang = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&deck);
}

gboolean
ma_store_delete_deck (MaStore *store, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (store), FALSE);

  if (!ma_store_begin (store, error))
    return FALSE;
  stmt = ma_store_prepare (store, "DELETE FROM deck WHERE name = ?", error);
  if (stmt == NULL)
    {
      ma_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (store), rc);
      ma_store_rollback (store);
      return FALSE;
    }
  if (sqlite3_changes (ma_store_get_db (store)) == 0)
    {
      ma_store_rollback (store);
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND, _ ("No deck is called “%s”"),
                   name);
      return FALSE;
    }
  return ma_store_commit (store, error);
}

void
ma_deck_draw_slide (cairo_t *cr,
                    double width,
                    double height,
                    MaActionQuery *query,
                    MaFilter *filter,
                    const char *slide,
                    const char *lang,
                    const MaChartStyle *style,
                    MaChartLayout **layout)
{
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  g_autoptr (MaLanguageScope) scope = ma_language_scope_new (code);
  g_autoptr (GError) error = NULL;
  int kind = ma_chart_kind_from_string (slide);
  g_autofree char *subtitle = ma_report_describe_filter (query, filter, code);

  if (kind >= 0)
    {
      g_autoptr (MaChartData) data = ma_report_chart_data (query, filter, kind, code, &error);
      if (data != NULL)
        {
          ma_chart_draw_full (cr, width, height, data, code, style, layout);
          return;
        }
      ma_chart_draw_text_page (cr, width, height, ma_chart_kind_get_title (kind), subtitle,
                               error->message, code, style, layout);
      return;
    }
  if (g_strcmp0 (slide, "report") == 0)
    {
      g_autofree char *text =
          ma_report_text (ma_action_query_get_store (query), filter, code, &error);
      g_autofree char *scope_text = ma_report_describe_filter_full (query, filter, code, FALSE);
      ma_chart_draw_text_page (cr, width, height, ma_deck_slide_title (slide), scope_text,
                               text != NULL ? text : error->message, code, style, layout);
      return;
    }
  if (g_strcmp0 (slide, "map") == 0)
    {
      g_autoptr (MaGeo) geo = ma_geo_get_default (&error);
      g_autoptr (MaMapData) map = NULL;
      g_autoptr (MaMapRenderer) renderer = NULL;

      if (geo != NULL)
        map = ma_map_data_query (query, geo, filter, code, &error);
      if (map != NULL)
        {
          renderer = ma_map_renderer_new (geo);
          ma_map_renderer_set_data (renderer, map);
          ma_map_renderer_set_text_scale (
              renderer, style != NULL && style->type_scale > 0 ? style->type_scale : 1.0);
          ma_map_renderer_fit_to_data (renderer, (int) width, (int) height);
          cairo_save (cr);
          ma_map_renderer_draw (renderer, cr, (int) width, (int) height, MA_MAP_LAYER_ALL);
          cairo_restore (cr);
          if (layout != NULL)
            {
              *layout = g_new0 (MaChartLayout, 1);
              (*layout)->width = width;
              (*layout)->height = height;
              (*layout)->items = g_array_new (FALSE, TRUE, sizeof (MaChartItem));
            }
          return;
        }
    }
  ma_chart_draw_text_page (cr, width, height, ma_deck_slide_title (slide), subtitle,
                           error != NULL ? error->message : "", code, style, layout);
}

gboolean
ma_deck_export_pdf (MaActionQuery *query,
                    const MaDeck *deck,
                    double width,
                    double height,
                    const char *file,
                    GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (MA_IS_ACTION_QUERY (query), FALSE);
  g_return_val_if_fail (deck != NULL && file != NULL, FALSE);

  surface = cairo_pdf_surface_create (file, width, height);
  cr = cairo_create (surface);
  for (guint i = 0; deck->slides != NULL && deck->slides[i] != NULL; i++)
    {
      ma_deck_draw_slide (cr, width, height, query, deck->filter, deck->slides[i], deck->lang, NULL,
                          NULL);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not write “%s”: %s"), display,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
