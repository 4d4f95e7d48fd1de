/* ma-map-view.h: the world map of the filtered Actions, with pan and zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-filter.h"
#include "ma-map.h"
#include "ma-action-query.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_MAP_VIEW (ma_map_view_get_type ())
G_DECLARE_FINAL_TYPE (MaMapView, ma_map_view, MA, MAP_VIEW, GtkWidget)

/* Shows the Actions FILTER selects; a click on a country adds it to FILTER. */
GtkWidget *ma_map_view_new (MaActionQuery *query, MaFilter *filter);

/* TRUE once the geometry is decoded (in a thread, after the view is mapped). */
gboolean ma_map_view_is_ready (MaMapView *self);
MaMapRenderer *ma_map_view_get_renderer (MaMapView *self);
void ma_map_view_set_mode (MaMapView *self, MaMapMode mode);

/* What the pointer and the gestures do, callable from tests (widget coordinates). */
const char *ma_map_view_country_at (MaMapView *self, double x, double y);
char *ma_map_view_describe_at (MaMapView *self, double x, double y);
void ma_map_view_click_at (MaMapView *self, double x, double y);
/* The pointer moved there: the country under it is outlined. */
void ma_map_view_hover_at (MaMapView *self, double x, double y);
void ma_map_view_zoom_at (MaMapView *self, double x, double y, double factor);
void ma_map_view_pan_by (MaMapView *self, double dx, double dy);
void ma_map_view_fit (MaMapView *self);
/* Ends a gesture now: the next frame re-rasters instead of scaling the last one. */
void ma_map_view_settle (MaMapView *self);
/* Writes the view as it is shown at the "export-size" ("1920x1080"): PNG, SVG
 * or PDF by the file name's extension. */
gboolean ma_map_view_save (MaMapView *self, GFile *file, GError **error);
/* Widget coordinates of a longitude/latitude in the current view. */
void ma_map_view_lonlat_to_widget (MaMapView *self, double lon, double lat, double *x, double *y);

G_END_DECLS
