/* ma-map-view-private.h: what the files of the map page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-map-view.h"

G_BEGIN_DECLS

#define SETTLE_MS 160
#define ZOOM_STEP 1.25

/* An image the renderer made, held (so that the renderer makes a new one
 * rather than drawing into it), and for the GL renderer a texture sharing its
 * pixels. */
typedef struct
{
  cairo_surface_t *surface;
  GdkTexture *texture;
} Picture;

struct _MaMapView
{
  GtkWidget parent_instance;

  MaActionQuery *query;
  MaStore *store; /* the query's */
  MaFilter *filter;
  MaGeo *geo;
  MaMapRenderer *renderer;
  gboolean data_dirty;

  /* the last raster and the view it was made for (device pixels) */
  Picture frame;
  int tex_w, tex_h;
  double tex_scale, tex_cx, tex_cy;
  gboolean tex_stale;
  Picture overlay[2]; /* legend, caption */
  GPtrArray *retired; /* Picture: see picture_retire () */
  guint release_id;
  int ov_w, ov_h;
  double ov_x[2], ov_y[2]; /* where the overlays lie, device pixels */
  gboolean overlay_stale;

  gboolean interacting;
  guint settle_id;

  /* gestures */
  double drag_zoom, drag_cx, drag_cy;
  gboolean dragged;
  double pinch_last;
  double pointer_x, pointer_y;
  gboolean has_pointer;
  int hover; /* feature under the pointer, or -1 */

  GtkWidget *toolbar; /* the template's only child, placed by size_allocate */
  GtkWidget *country_button;
  GtkWidget *region_button;
  GtkWidget *bubbles_button;
  GtkFileChooserNative *chooser;
  char *export_size; /* "WxH" */
  GSettings *settings; /* for "map-style", or NULL without the schema */
};

/* ma-map-view.c */
int ma_map_view_scale_factor (MaMapView *self);
void ma_map_view_device_size (MaMapView *self, int *w, int *h);
void ma_map_view_refresh_data (MaMapView *self);
void ma_map_view_invalidate_colours (MaMapView *self);

/* ma-map-view-input.c: pointer, gestures, keys, tooltip */
void ma_map_view_input_class_init (GtkWidgetClass *widget_class);

/* ma-map-view-export.c: the toolbar's modes and saving the map */
void ma_map_view_export_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
