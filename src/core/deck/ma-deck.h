/* ma-deck.h: presentation decks, saved by name in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ma-chart.h"
#include "ma-filter.h"
#include "ma-action-query.h"

G_BEGIN_DECLS

/* A slide is a chart kind ("regions", "themes", "status", "types", "timeline",
 * "activities"), "map" or "report". */
typedef struct
{
  char *name;
  GStrv slides;
  MaFilter *filter; /* never NULL */
  char *lang;       /* "en", "fr", "es" or NULL: the application's */
} MaDeck;

/* A deck with every chart and the report. */
MaDeck *ma_deck_new (const char *name);
void ma_deck_free (MaDeck *deck);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaDeck, ma_deck_free)
gboolean ma_deck_slide_is_valid (const char *slide);
/* The title of a slide in the current language. */
const char *ma_deck_slide_title (const char *slide);

/* Saves (or replaces) DECK under its name. */
gboolean ma_store_save_deck (MaStore *store, const MaDeck *deck, GError **error);
/* Names, in name order. */
GPtrArray *ma_store_list_decks (MaStore *store, GError **error);
MaDeck *ma_store_load_deck (MaStore *store, const char *name, GError **error);
gboolean ma_store_delete_deck (MaStore *store, const char *name, GError **error);

/* Draws slide SLIDE of a deck over the Actions FILTER selects, in LANG. A slide
 * the core cannot draw ("map" before the map module) shows its title only. */
void ma_deck_draw_slide (cairo_t *cr,
                         double width,
                         double height,
                         MaActionQuery *query,
                         MaFilter *filter,
                         const char *slide,
                         const char *lang,
                         const MaChartStyle *style,
                         MaChartLayout **layout);
/* The deck as one PDF, a page a slide, WIDTH × HEIGHT points. */
gboolean ma_deck_export_pdf (MaActionQuery *query,
                             const MaDeck *deck,
                             double width,
                             double height,
                             const char *file,
                             GError **error);

G_END_DECLS
