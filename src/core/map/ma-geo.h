/* ma-geo.h: world geometry (TopoJSON) and the Equal Earth projection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MA_GEO_ERROR (ma_geo_error_quark ())

typedef enum
{
  MA_GEO_ERROR_INVALID,
} MaGeoError;

GQuark ma_geo_error_quark (void);

/* The countries of a TopoJSON file, decoded once: arcs delta-decoded and
 * dequantized, rings stitched from arcs, rings crossing the antimeridian cut in
 * two, every point also projected with Equal Earth. Immutable, refcounted, may be
 * shared between threads once built. */
typedef struct _MaGeo MaGeo;

/* DATA is a TopoJSON document with an object "countries" (world-atlas), or
 * what ma_geo_pack () made. */
MaGeo *ma_geo_new_from_data (const char *data, gsize length, GError **error);
/* The same; a packed geometry's points are used where they lie in BYTES. */
MaGeo *ma_geo_new_from_bytes (GBytes *bytes, GError **error);
MaGeo *ma_geo_new_from_resource (const char *path, GError **error);
/* The Natural Earth 1:50m countries shipped in the core GResource, packed at
 * build time. Read on the first call (well under a millisecond: the points are
 * not copied), then shared; thread-safe. */
MaGeo *ma_geo_get_default (GError **error);

/* The geometry in a compact binary form that ma_geo_new_from_data () reads
 * without decoding anything: native byte order, for the same build only. */
GBytes *ma_geo_pack (MaGeo *self);

MaGeo *ma_geo_ref (MaGeo *self);
void ma_geo_unref (MaGeo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaGeo, ma_geo_unref)

guint ma_geo_get_n_features (MaGeo *self);
/* The feature's "id" (ISO 3166-1 numeric, zero-padded) or NULL when it has none. */
const char *ma_geo_feature_get_id (MaGeo *self, guint feature);
/* The feature's "name" property (English, short form), or NULL. */
const char *ma_geo_feature_get_name (MaGeo *self, guint feature);
/* Rings as drawn (after the antimeridian cut). */
guint ma_geo_feature_get_n_rings (MaGeo *self, guint feature);
/* Projected points in 16 bits: point K is (x0 + unit * xy[2K], y0 + unit * xy[2K + 1])
 * in Equal Earth units (unit sphere), with x0, y0 the corner of the ring's or the
 * arc's box and unit its larger side / 65,535. The unit is at most 8.3e-5 (about
 * 500 m on the ground), 0.8 px at the map's largest zoom in a 1280 px window; most
 * rings are far smaller. Half the size of single-precision floats, and the points
 * are read at every raster of the map. */
typedef struct
{
  const guint16 *xy;
  guint n;
  double x0, y0, unit;
} MaGeoPoints;

#define MA_GEO_UNIT_STEPS 65535.0

/* Points of a ring; the closing point is not repeated. */
void ma_geo_feature_get_ring (MaGeo *self, guint feature, guint ring, MaGeoPoints *points);
/* Bounding box of the feature in projected units. */
void ma_geo_feature_get_extents (
    MaGeo *self, guint feature, double *x0, double *y0, double *x1, double *y1);
/* A point inside the feature's largest ring, in projected units, for a label or a
 * bubble. */
void ma_geo_feature_get_anchor (MaGeo *self, guint feature, double *x, double *y);

/* Arcs: each shared border once (for outlines). Projected points; BREAKS marks
 * the indices where a new sub-path starts (the arc jumps across ±180°). */
guint ma_geo_get_n_arcs (MaGeo *self);
void ma_geo_get_arc (MaGeo *self, guint arc, MaGeoPoints *points, const guint8 **breaks);

/* Feature under a point in projected units / in degrees, or -1 (sea). When
 * features overlap, the smallest one wins. */
int ma_geo_hit_test_xy (MaGeo *self, double x, double y);
int ma_geo_hit_test (MaGeo *self, double lon, double lat);

/* Number of rings that were cut at the antimeridian (Russia, Fiji…). */
guint ma_geo_get_n_cut_rings (MaGeo *self);

/* Equal Earth (Šavrič, Patterson, Jenny 2018) on the unit sphere: y grows north. */
void ma_equal_earth_forward (double lon, double lat, double *x, double *y);
/* FALSE outside the map's outline. */
gboolean ma_equal_earth_inverse (double x, double y, double *lon, double *lat);
/* Half width and half height of the whole map in projected units. */
void ma_equal_earth_extent (double *half_width, double *half_height);

G_END_DECLS
