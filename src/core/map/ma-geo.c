/* ma-geo.c: TopoJSON decoder, antimeridian cut, Equal Earth, hit testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-geo"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ma-geo.h"
/* The build's packing tool (data/map/ma-geo-pack.c) compiles this file alone,
 * before the resources exist. */
#ifndef MA_GEO_PACK_TOOL
#include "ma-resources.h"
#endif

#define DEG (G_PI / 180.0)

typedef struct
{
  guint n;
  guint16 *xy;           /* see MaGeoPoints; borrowed from MaGeo.packed when that is set */
  double x0, y0, x1, y1; /* projected extents; x0, y0 is also the origin of xy */
  double unit;           /* of xy */
  double area;           /* projected, absolute */
} Ring;

typedef struct
{
  char *id;
  char *name;
  GArray *rings; /* Ring */
  double x0, y0, x1, y1;
  double area;
  double anchor_x, anchor_y;
} Feature;

typedef struct
{
  guint n;
  guint16 *xy;    /* see MaGeoPoints; borrowed from MaGeo.packed when that is set */
  guint8 *breaks; /* 1 where a sub-path starts */
  double x0, y0, unit;
} Arc;

struct _MaGeo
{
  gatomicrefcount ref_count;
  GArray *features; /* Feature */
  GArray *arcs;     /* Arc */
  guint n_cut_rings;
  GBytes *packed; /* the points of a packed geometry, when it was read from one */
};

GQuark
ma_geo_error_quark (void)
{
  return g_quark_from_static_string ("ma-geo-error-quark");
}

#define FEATURE(self, i) (&g_array_index ((self)->features, Feature, (i)))
/* Point K of a ring, projected */
#define PX(r, k) ((r)->x0 + (r)->unit * (r)->xy[2 * (k)])
#define PY(r, k) ((r)->y0 + (r)->unit * (r)->xy[2 * (k) + 1])

static gboolean is_packed (const char *data, gsize length);
static MaGeo *geo_new_from_packed (GBytes *bytes, GError **error);
static MaGeo *geo_new_from_topojson (const char *data, gsize length, GError **error);

/* ---- Equal Earth ----------------------------------------------------------- */

#define EE_A1 1.340264
#define EE_A2 (-0.081106)
#define EE_A3 0.000893
#define EE_A4 0.003796
#define EE_M (0.86602540378443864676) /* sqrt (3) / 2 */

void
ma_equal_earth_forward (double lon, double lat, double *x, double *y)
{
  double theta = asin (EE_M * sin (lat * DEG));
  double t2 = theta * theta, t6 = t2 * t2 * t2;

  *x = lon * DEG * cos (theta) /
       (EE_M * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)));
  *y = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
}

gboolean
ma_equal_earth_inverse (double x, double y, double *lon, double *lat)
{
  double theta = y, t2, t6, fy, fpy, lam;
  double half_w, half_h;

  ma_equal_earth_extent (&half_w, &half_h);
  if (fabs (y) > half_h)
    return FALSE;
  /* Newton on y = theta (A1 + A2 t² + A3 t⁶ + A4 t⁸) */
  for (int i = 0; i < 20; i++)
    {
      double delta;
      t2 = theta * theta;
      t6 = t2 * t2 * t2;
      fy = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) - y;
      fpy = EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2);
      delta = fy / fpy;
      theta -= delta;
      if (fabs (delta) < 1e-12)
        break;
    }
  t2 = theta * theta;
  t6 = t2 * t2 * t2;
  lam = EE_M * x * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)) / cos (theta);
  if (fabs (lam) > G_PI + 1e-9)
    return FALSE;
  *lon = lam / DEG;
  *lat = asin (CLAMP (sin (theta) / EE_M, -1.0, 1.0)) / DEG;
  return TRUE;
}

void
ma_equal_earth_extent (double *half_width, double *half_height)
{
  double dummy;

  ma_equal_earth_forward (180.0, 0.0, half_width, &dummy);
  ma_equal_earth_forward (0.0, 90.0, &dummy, half_height);
}

/* ---- Antimeridian ---------------------------------------------------------- */

static void
push_point (GArray *out, double lon, double lat)
{
  g_array_append_val (out, lon);
  g_array_append_val (out, lat);
}

/* Keeps the part of the unwrapped ring U (N points) on one side of lon = CUT
 * (west: lon <= CUT), shifted by SHIFT degrees. Points along the cut line are
 * densified every degree so that the projected edge follows the map's outline. */
static GArray *
clip_at (const double *u, guint n, double cut, gboolean west, double shift)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean last_on_cut = FALSE, first_on_cut = FALSE;
  double last_lat = 0, first_lat = 0;

  for (guint i = 0; i < n; i++)
    {
      const double *c = u + 2 * i, *p = u + 2 * ((i + n - 1) % n);
      gboolean c_in = west ? c[0] <= cut : c[0] >= cut;
      gboolean p_in = west ? p[0] <= cut : p[0] >= cut;
      double pts[2][2];
      guint n_pts = 0;

      if (c_in != p_in && c[0] != p[0])
        {
          double t = (cut - p[0]) / (c[0] - p[0]);
          pts[n_pts][0] = cut;
          pts[n_pts][1] = p[1] + t * (c[1] - p[1]);
          n_pts++;
        }
      if (c_in)
        {
          pts[n_pts][0] = c[0];
          pts[n_pts][1] = c[1];
          n_pts++;
        }
      for (guint k = 0; k < n_pts; k++)
        {
          gboolean on_cut = pts[k][0] == cut;
          if (on_cut && last_on_cut && fabs (pts[k][1] - last_lat) > 1.0)
            {
              /* at most a point a degree: latitudes of damaged input may be anything */
              int steps = (int) MIN (fabs (pts[k][1] - last_lat), 360.0);
              for (int s = 1; s < steps; s++)
                push_point (out, cut + shift, last_lat + (pts[k][1] - last_lat) * s / steps);
            }
          if (out->len == 0)
            {
              first_on_cut = on_cut;
              first_lat = pts[k][1];
            }
          push_point (out, pts[k][0] + shift, pts[k][1]);
          last_on_cut = on_cut;
          last_lat = pts[k][1];
        }
    }
  /* the closing edge may run along the cut too */
  if (out->len > 0 && first_on_cut && last_on_cut && fabs (first_lat - last_lat) > 1.0)
    {
      int steps = (int) MIN (fabs (first_lat - last_lat), 360.0);
      for (int s = 1; s < steps; s++)
        push_point (out, cut + shift, last_lat + (first_lat - last_lat) * s / steps);
    }
  return out;
}

/* A ring that crosses ±180° an even number of times is unwrapped and cut into a
 * west and an east part; one around a pole (odd: Antarctica) is drawn as it is. */
static guint
cut_antimeridian (GArray *ring, GArray *parts[2])
{
  const double *pts = (const double *) ring->data;
  guint n = ring->len / 2, jumps = 0;
  double offset = 0, max_lon = -1e9;
  g_autofree double *u = NULL;
  double cut, shift;

  /* around the ring, closing edge included */
  for (guint k = 1; k <= n; k++)
    if (fabs (pts[2 * (k % n)] - pts[2 * k - 2]) > 180)
      jumps++;
  if (jumps == 0 || jumps % 2 == 1)
    {
      parts[0] = g_array_ref (ring);
      return 1;
    }
  u = g_new (double, 2 * n);
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        {
          double d = pts[2 * k] - pts[2 * k - 2];
          if (d > 180)
            offset -= 360;
          else if (d < -180)
            offset += 360;
        }
      u[2 * k] = pts[2 * k] + offset;
      u[2 * k + 1] = pts[2 * k + 1];
      max_lon = MAX (max_lon, u[2 * k]);
    }
  if (max_lon > 180)
    {
      cut = 180;
      shift = -360;
    }
  else
    {
      cut = -180;
      shift = 360;
    }
  /* The part on the main side keeps its longitudes, the other is shifted back. */
  parts[0] = clip_at (u, n, cut, cut > 0, 0);
  parts[1] = clip_at (u, n, cut, cut < 0, shift);
  return 2;
}

/* ---- Decoder --------------------------------------------------------------- */

/* Projects the N points LONLAT and keeps them in 16 bits (see MaGeoPoints):
 * returns the points, sets their origin and unit. */
static guint16 *
project_points (const double *lonlat, guint n, double *x0, double *y0, double *unit)
{
  g_autofree double *xy = g_new (double, 2 * MAX (n, 1));
  guint16 *q = g_new (guint16, 2 * MAX (n, 1));
  double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  *x0 = *y0 = G_MAXDOUBLE;
  for (guint k = 0; k < n; k++)
    {
      ma_equal_earth_forward (lonlat[2 * k], lonlat[2 * k + 1], &xy[2 * k], &xy[2 * k + 1]);
      *x0 = MIN (*x0, xy[2 * k]);
      *y0 = MIN (*y0, xy[2 * k + 1]);
      x1 = MAX (x1, xy[2 * k]);
      y1 = MAX (y1, xy[2 * k + 1]);
    }
  *unit = n > 0 ? MAX (x1 - *x0, y1 - *y0) / MA_GEO_UNIT_STEPS : 0;
  if (*unit <= 0)
    {
      /* no points, or all in one place */
      *x0 = n > 0 ? *x0 : 0;
      *y0 = n > 0 ? *y0 : 0;
      *unit = 1;
    }
  for (guint k = 0; k < 2 * n; k++)
    q[k] = (guint16) lround ((xy[k] - (k % 2 == 0 ? *x0 : *y0)) / *unit);
  return q;
}

/* Projects LONLAT (RING->n points) into the ring, with its extents and area
 * (both of the points as kept). */
static void
ring_finish (Ring *ring, const double *lonlat)
{
  double area = 0;

  ring->xy = project_points (lonlat, ring->n, &ring->x0, &ring->y0, &ring->unit);
  ring->x1 = ring->y1 = -G_MAXDOUBLE;
  for (guint k = 0; k < ring->n; k++)
    {
      guint next = (k + 1) % ring->n;

      ring->x1 = MAX (ring->x1, PX (ring, k));
      ring->y1 = MAX (ring->y1, PY (ring, k));
      area += PX (ring, k) * PY (ring, next) - PX (ring, next) * PY (ring, k);
    }
  ring->area = fabs (area) / 2;
}

static gboolean
point_in_ring (const Ring *ring, double x, double y)
{
  gboolean inside = FALSE;

  if (x < ring->x0 || x > ring->x1 || y < ring->y0 || y > ring->y1)
    return FALSE;
  for (guint i = 0, j = ring->n - 1; i < ring->n; j = i++)
    {
      double ax = PX (ring, i), ay = PY (ring, i), bx = PX (ring, j), by = PY (ring, j);
      if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
        inside = !inside;
    }
  return inside;
}

static gboolean
point_in_feature (const Feature *f, double x, double y)
{
  gboolean inside = FALSE;

  if (x < f->x0 || x > f->x1 || y < f->y0 || y > f->y1)
    return FALSE;
  /* even-odd over all rings: holes (lakes, Lesotho in South Africa) are outside */
  for (guint r = 0; r < f->rings->len; r++)
    if (point_in_ring (&g_array_index (f->rings, Ring, r), x, y))
      inside = !inside;
  return inside;
}

/* A label point: the centre of the largest ring's box when inside it, else a
 * point found on the horizontal line through that centre. */
static void
feature_anchor (Feature *f)
{
  const Ring *best = NULL;
  double cx, cy;

  for (guint r = 0; r < f->rings->len; r++)
    {
      const Ring *ring = &g_array_index (f->rings, Ring, r);
      if (best == NULL || ring->area > best->area)
        best = ring;
    }
  if (best == NULL)
    return;
  cx = (best->x0 + best->x1) / 2;
  cy = (best->y0 + best->y1) / 2;
  f->anchor_x = cx;
  f->anchor_y = cy;
  if (point_in_feature (f, cx, cy))
    return;
  /* Midpoint of the widest inside span of the scanline through cy. */
  {
    g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
    double widest = -1;
    for (guint i = 0, j = best->n - 1; i < best->n; j = i++)
      {
        double ax = PX (best, i), ay = PY (best, i), bx = PX (best, j), by = PY (best, j);
        if ((ay > cy) != (by > cy))
          {
            double x = (bx - ax) * (cy - ay) / (by - ay) + ax;
            g_array_append_val (xs, x);
          }
      }
    /* insertion sort: few crossings */
    for (guint i = 1; i < xs->len; i++)
      for (guint k = i; k > 0 && g_array_index (xs, double, k - 1) > g_array_index (xs, double, k);
           k--)
        {
          double t = g_array_index (xs, double, k);
          g_array_index (xs, double, k) = g_array_index (xs, double, k - 1);
          g_array_index (xs, double, k - 1) = t;
        }
    for (guint i = 0; i + 1 < xs->len; i += 2)
      {
        double a = g_array_index (xs, double, i), b = g_array_index (xs, double, i + 1);
        if (b - a > widest)
          {
            widest = b - a;
            f->anchor_x = (a + b) / 2;
          }
      }
  }
}

static void
clear_feature (gpointer data)
{
  Feature *f = data;

  g_free (f->id);
  g_free (f->name);
  g_clear_pointer (&f->rings, g_array_unref);
}

static void
clear_ring (gpointer data)
{
  Ring *r = data;

  g_free (r->xy);
}

static void
clear_arc (gpointer data)
{
  Arc *a = data;

  g_free (a->xy);
  g_free (a->breaks);
}

static gboolean
invalid (GError **error, const char *what)
{
  g_set_error (error, MA_GEO_ERROR, MA_GEO_ERROR_INVALID, "Invalid TopoJSON: %s", what);
  return FALSE;
}

static gboolean
decode_arcs (JsonObject *root, GPtrArray *lonlat_arcs, GArray *lengths, GError **error)
{
  JsonObject *transform;
  JsonArray *arcs;
  double sx = 1, sy = 1, tx = 0, ty = 0;
  gboolean quantized = FALSE;

  if (!json_object_has_member (root, "arcs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "arcs")))
    return invalid (error, "no arcs");
  transform = json_object_get_object_member (root, "transform");
  if (transform != NULL)
    {
      JsonArray *scale = json_object_get_array_member (transform, "scale");
      JsonArray *translate = json_object_get_array_member (transform, "translate");
      if (scale == NULL || translate == NULL || json_array_get_length (scale) < 2 ||
          json_array_get_length (translate) < 2)
        return invalid (error, "bad transform");
      sx = json_array_get_double_element (scale, 0);
      sy = json_array_get_double_element (scale, 1);
      tx = json_array_get_double_element (translate, 0);
      ty = json_array_get_double_element (translate, 1);
      quantized = TRUE;
    }
  arcs = json_object_get_array_member (root, "arcs");
  for (guint i = 0; i < json_array_get_length (arcs); i++)
    {
      JsonArray *arc = json_array_get_array_element (arcs, i);
      guint n = arc != NULL ? json_array_get_length (arc) : 0;
      double *pts = g_new (double, 2 * MAX (n, 1));
      double qx = 0, qy = 0;

      for (guint k = 0; k < n; k++)
        {
          JsonArray *p = json_array_get_array_element (arc, k);
          if (p == NULL || json_array_get_length (p) < 2)
            {
              g_free (pts);
              return invalid (error, "bad arc point");
            }
          if (quantized)
            {
              /* delta-encoded integers */
              qx += (double) json_array_get_int_element (p, 0);
              qy += (double) json_array_get_int_element (p, 1);
              pts[2 * k] = qx * sx + tx;
              pts[2 * k + 1] = qy * sy + ty;
            }
          else
            {
              pts[2 * k] = json_array_get_double_element (p, 0);
              pts[2 * k + 1] = json_array_get_double_element (p, 1);
            }
        }
      g_ptr_array_add (lonlat_arcs, pts);
      g_array_append_val (lengths, n);
    }
  return TRUE;
}

/* The arcs are most of the file (80,617 points at 50m): json-glib would hold a
 * node per number and an array per point, ~25 MB at the peak of the map's first
 * showing. They are read here from the text, and json-glib parses the rest. */

/* Where the value of the top-level member @name is: [*start, *end). */
static gboolean
find_top_member (const char *data, gsize length, const char *name, gsize *start, gsize *end)
{
  gsize name_len = strlen (name);
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          gsize from = ++i;

          while (i < length && data[i] != '"')
            i += data[i] == '\\' ? 2 : 1;
          if (i >= length)
            return FALSE;
          if (depth == 1 && i - from == name_len && memcmp (data + from, name, name_len) == 0)
            {
              gsize j = i + 1;
              int inner = 0;

              while (j < length && g_ascii_isspace (data[j]))
                j++;
              if (j >= length || data[j] != ':')
                continue;
              j++;
              while (j < length && g_ascii_isspace (data[j]))
                j++;
              if (j >= length || data[j] != '[')
                return FALSE;
              *start = j;
              for (; j < length; j++)
                {
                  if (data[j] == '"')
                    return FALSE; /* arcs hold numbers only */
                  if (data[j] == '[')
                    inner++;
                  else if (data[j] == ']' && --inner == 0)
                    {
                      *end = j + 1;
                      return TRUE;
                    }
                }
              return FALSE;
            }
        }
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        depth--;
    }
  return FALSE;
}

static gboolean
scan_char (const char **p, char c)
{
  while (g_ascii_isspace (**p))
    (*p)++;
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* The same as decode_arcs (), from the text of the arcs' array (NUL-terminated). */
static gboolean
decode_arcs_text (
    JsonObject *root, const char *text, GPtrArray *lonlat_arcs, GArray *lengths, GError **error)
{
  JsonObject *transform = json_object_get_object_member (root, "transform");
  double sx = 1, sy = 1, tx = 0, ty = 0;
  gboolean quantized = FALSE;
  g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = text;

  if (transform != NULL)
    {
      JsonArray *scale = json_object_get_array_member (transform, "scale");
      JsonArray *translate = json_object_get_array_member (transform, "translate");
      if (scale == NULL || translate == NULL || json_array_get_length (scale) < 2 ||
          json_array_get_length (translate) < 2)
        return invalid (error, "bad transform");
      sx = json_array_get_double_element (scale, 0);
      sy = json_array_get_double_element (scale, 1);
      tx = json_array_get_double_element (translate, 0);
      ty = json_array_get_double_element (translate, 1);
      quantized = TRUE;
    }
  if (!scan_char (&p, '['))
    return invalid (error, "no arcs");
  if (scan_char (&p, ']'))
    return TRUE;
  do
    {
      double qx = 0, qy = 0;
      guint n = 0;

      if (!scan_char (&p, '['))
        return invalid (error, "bad arc point");
      g_array_set_size (pts, 0);
      if (!scan_char (&p, ']'))
        do
          {
            double v[2];
            guint k = 0;

            if (!scan_char (&p, '['))
              return invalid (error, "bad arc point");
            do
              {
                char *after;
                double value;

                while (g_ascii_isspace (*p))
                  p++;
                value = g_ascii_strtod (p, &after);
                /* Beyond any quantized or degree value: turned into an integer below,
                 * it would be undefined (found by the TopoJSON fuzz target). */
                if (after == p || !isfinite (value) || fabs (value) > 1e12)
                  return invalid (error, "bad arc point");
                p = after;
                if (k < 2)
                  v[k] = value;
                k++;
              }
            while (scan_char (&p, ','));
            if (k < 2 || !scan_char (&p, ']'))
              return invalid (error, "bad arc point");
            if (quantized)
              {
                /* delta-encoded integers */
                qx += (double) (gint64) v[0];
                qy += (double) (gint64) v[1];
                v[0] = qx * sx + tx;
                v[1] = qy * sy + ty;
              }
            g_array_append_vals (pts, v, 2);
            n++;
          }
        while (scan_char (&p, ','));
      if (n > 0 && !scan_char (&p, ']'))
        return invalid (error, "bad arc point");
      if (n == 0)
        g_array_set_size (pts, 2);
      g_ptr_array_add (lonlat_arcs, g_memdup2 (pts->data, pts->len * sizeof (double)));
      g_array_append_val (lengths, n);
    }
  while (scan_char (&p, ','));
  if (!scan_char (&p, ']'))
    return invalid (error, "bad arc point");
  return TRUE;
}

/* Concatenates the arcs of a ring (negative index ~i: arc i reversed); the point
 * where two arcs meet appears once, and so does the closing point. */
static GArray *
stitch_ring (JsonArray *indices, GPtrArray *arcs, GArray *lengths, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_arcs = arcs->len;

  for (guint k = 0; k < json_array_get_length (indices); k++)
    {
      gint64 index = json_array_get_int_element (indices, k);
      gboolean reversed = index < 0;
      guint arc = reversed ? (guint) ~index : (guint) index;
      const double *pts;
      guint n;

      if (arc >= n_arcs)
        {
          invalid (error, "arc index out of range");
          return NULL;
        }
      pts = g_ptr_array_index (arcs, arc);
      n = g_array_index (lengths, guint, arc);
      for (guint j = (out->len > 0 ? 1 : 0); j < n; j++)
        {
          guint src = reversed ? n - 1 - j : j;
          push_point (out, pts[2 * src], pts[2 * src + 1]);
        }
    }
  if (out->len >= 4)
    {
      const double *p = (const double *) out->data;
      guint last = out->len / 2 - 1;
      if (p[0] == p[2 * last] && p[1] == p[2 * last + 1])
        g_array_set_size (out, out->len - 2);
    }
  return g_steal_pointer (&out);
}

static gboolean
add_ring (
    MaGeo *self, Feature *f, JsonArray *indices, GPtrArray *arcs, GArray *lengths, GError **error)
{
  g_autoptr (GArray) ring = stitch_ring (indices, arcs, lengths, error);
  GArray *parts[2] = { NULL, NULL };
  guint n_parts;

  if (ring == NULL)
    return FALSE;
  if (ring->len < 6)
    return TRUE; /* fewer than 3 points: nothing to draw */
  n_parts = cut_antimeridian (ring, parts);
  if (n_parts == 2)
    self->n_cut_rings++;
  for (guint p = 0; p < n_parts; p++)
    {
      Ring r = { 0 };
      r.n = parts[p]->len / 2;
      if (r.n >= 3)
        {
          ring_finish (&r, (const double *) parts[p]->data);
          g_array_append_val (f->rings, r);
        }
      g_array_unref (parts[p]);
    }
  return TRUE;
}

static gboolean
decode_geometry (
    MaGeo *self, JsonObject *geometry, GPtrArray *arcs, GArray *lengths, GError **error)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonObject *properties = json_object_get_object_member (geometry, "properties");
  JsonNode *id = json_object_get_member (geometry, "id");
  JsonArray *polygons;
  Feature f = { 0 };
  gboolean ok = TRUE;

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id))
    f.id = json_node_get_value_type (id) == G_TYPE_STRING
               ? g_strdup (json_node_get_string (id))
               : g_strdup_printf ("%03" G_GINT64_FORMAT, json_node_get_int (id));
  if (properties != NULL)
    f.name = g_strdup (json_object_get_string_member_with_default (properties, "name", NULL));
  f.rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  g_array_set_clear_func (f.rings, clear_ring);

  polygons = json_object_has_member (geometry, "arcs")
                 ? json_object_get_array_member (geometry, "arcs")
                 : NULL;
  if (polygons != NULL && strcmp (type, "Polygon") == 0)
    {
      for (guint r = 0; ok && r < json_array_get_length (polygons); r++)
        ok = add_ring (self, &f, json_array_get_array_element (polygons, r), arcs, lengths, error);
    }
  else if (polygons != NULL && strcmp (type, "MultiPolygon") == 0)
    {
      for (guint p = 0; ok && p < json_array_get_length (polygons); p++)
        {
          JsonArray *polygon = json_array_get_array_element (polygons, p);
          for (guint r = 0; ok && polygon != NULL && r < json_array_get_length (polygon); r++)
            ok = add_ring (self, &f, json_array_get_array_element (polygon, r), arcs, lengths,
                           error);
        }
    }
  if (!ok)
    {
      clear_feature (&f);
      return FALSE;
    }

  f.x0 = f.y0 = G_MAXDOUBLE;
  f.x1 = f.y1 = -G_MAXDOUBLE;
  for (guint r = 0; r < f.rings->len; r++)
    {
      const Ring *ring = &g_array_index (f.rings, Ring, r);
      f.x0 = MIN (f.x0, ring->x0);
      f.y0 = MIN (f.y0, ring->y0);
      f.x1 = MAX (f.x1, ring->x1);
      f.y1 = MAX (f.y1, ring->y1);
      f.area += ring->area; /* holes counted as land: only used to rank overlaps */
    }
  if (f.rings->len == 0)
    f.x0 = f.y0 = f.x1 = f.y1 = 0;
  feature_anchor (&f);
  g_array_append_val (self->features, f);
  return TRUE;
}

MaGeo *
ma_geo_new_from_data (const char *data, gsize length, GError **error)
{
  if (is_packed (data, length))
    {
      g_autoptr (GBytes) bytes = g_bytes_new (data, length);
      return geo_new_from_packed (bytes, error);
    }
  return geo_new_from_topojson (data, length, error);
}

static MaGeo *
geo_new_from_topojson (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (MaGeo) self = NULL;
  g_autoptr (GPtrArray) lonlat_arcs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *arcs_text = NULL;
  g_autoptr (GString) rest = NULL;
  gsize arcs_start, arcs_end;
  JsonObject *root, *objects, *countries;
  JsonArray *geometries;

  if (find_top_member (data, length, "arcs", &arcs_start, &arcs_end))
    {
      /* json-glib gets the document with an empty arcs array. */
      arcs_text = g_strndup (data + arcs_start, arcs_end - arcs_start);
      rest = g_string_sized_new (length - (arcs_end - arcs_start) + 3);
      g_string_append_len (rest, data, arcs_start);
      g_string_append (rest, "[]");
      g_string_append_len (rest, data + arcs_end, length - arcs_end);
    }
  if (!json_parser_load_from_data (parser, rest != NULL ? rest->str : data,
                                   rest != NULL ? (gssize) rest->len : (gssize) length, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, "not an object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  objects = json_object_get_object_member (root, "objects");
  countries = objects != NULL ? json_object_get_object_member (objects, "countries") : NULL;
  geometries = countries != NULL ? json_object_get_array_member (countries, "geometries") : NULL;
  if (geometries == NULL)
    {
      invalid (error, "no countries");
      return NULL;
    }

  self = g_new0 (MaGeo, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->features = g_array_new (FALSE, FALSE, sizeof (Feature));
  g_array_set_clear_func (self->features, clear_feature);
  self->arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  g_array_set_clear_func (self->arcs, clear_arc);

  if (arcs_text != NULL ? !decode_arcs_text (root, arcs_text, lonlat_arcs, lengths, error)
                        : !decode_arcs (root, lonlat_arcs, lengths, error))
    return NULL;
  g_clear_pointer (&arcs_text, g_free);
  for (guint i = 0; i < json_array_get_length (geometries); i++)
    {
      JsonObject *geometry = json_array_get_object_element (geometries, i);
      if (geometry == NULL)
        {
          invalid (error, "bad geometry");
          return NULL;
        }
      if (!decode_geometry (self, geometry, lonlat_arcs, lengths, error))
        return NULL;
    }
  /* Nothing more is read from the document: its tree goes before the projection. */
  g_clear_object (&parser);
  if (rest != NULL)
    g_string_free (g_steal_pointer (&rest), TRUE);

  /* Projected arcs for outlines, broken where they jump across ±180°. */
  for (guint i = 0; i < lonlat_arcs->len; i++)
    {
      const double *pts = g_ptr_array_index (lonlat_arcs, i);
      Arc arc = { 0 };
      arc.n = g_array_index (lengths, guint, i);
      arc.xy = project_points (pts, arc.n, &arc.x0, &arc.y0, &arc.unit);
      arc.breaks = g_new0 (guint8, MAX (arc.n, 1));
      for (guint k = 0; k < arc.n; k++)
        arc.breaks[k] = k == 0 || fabs (pts[2 * k] - pts[2 * k - 2]) > 180;
      g_array_append_val (self->arcs, arc);
    }
  return g_steal_pointer (&self);
}

/* ---- Packed geometry -------------------------------------------------------- */

/* The build converts the TopoJSON into this (data/map/ma-geo-pack.c), so that
 * the program neither parses JSON nor decodes, stitches, cuts and projects
 * (≈ 70 ms and ≈ 10 MB of transient memory): the points are used where they
 * lie in the GResource. Native byte order and layout: made for this build only.
 *
 *   header, features[n_features], rings[n_rings], arcs[n_arcs],
 *   ring points (x, y: 16 bits), arc points (x, y: 16 bits), arc breaks (bytes),
 *   strings (NUL-terminated, ids and names)
 */
#define PACK_MAGIC "MaGeo\x03\r\n"

typedef struct
{
  char magic[8];
  guint32 n_features, n_rings, n_arcs, n_cut_rings;
  guint64 n_ring_points, n_arc_points, strings_size;
} PackHeader;

typedef struct
{
  double x0, y0, x1, y1, area, anchor_x, anchor_y;
  guint32 id, name; /* offsets into the strings + 1, 0 for none */
  guint32 first_ring, n_rings;
} PackFeature;

typedef struct
{
  double x0, y0, x1, y1, area, unit;
  guint64 first_point;
  guint32 n, pad;
} PackRing;

typedef struct
{
  double x0, y0, unit;
  guint64 first_point;
  guint32 n, pad;
} PackArc;

#define ALIGN8(n) (((n) + 7) & ~(gsize) 7)

static guint32
pack_string (GString *strings, const char *s)
{
  guint32 offset = strings->len + 1;

  if (s == NULL)
    return 0;
  g_string_append_len (strings, s, strlen (s) + 1);
  return offset;
}

GBytes *
ma_geo_pack (MaGeo *self)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GString) strings = g_string_new (NULL);
  PackHeader header = { PACK_MAGIC };
  g_autoptr (GArray) features = g_array_new (FALSE, TRUE, sizeof (PackFeature));
  g_autoptr (GArray) rings = g_array_new (FALSE, TRUE, sizeof (PackRing));
  g_autoptr (GArray) arcs = g_array_new (FALSE, TRUE, sizeof (PackArc));
  guint64 n_ring_points = 0, n_arc_points = 0;
  static const guint8 zeros[8] = { 0 };

  for (guint i = 0; i < self->features->len; i++)
    {
      const Feature *f = FEATURE (self, i);
      PackFeature pf = { f->x0, f->y0, f->x1, f->y1, f->area, f->anchor_x, f->anchor_y };
      pf.id = pack_string (strings, f->id);
      pf.name = pack_string (strings, f->name);
      pf.first_ring = rings->len;
      pf.n_rings = f->rings->len;
      for (guint r = 0; r < f->rings->len; r++)
        {
          const Ring *ring = &g_array_index (f->rings, Ring, r);
          PackRing pr = { .x0 = ring->x0,
                          .y0 = ring->y0,
                          .x1 = ring->x1,
                          .y1 = ring->y1,
                          .area = ring->area,
                          .unit = ring->unit,
                          .first_point = n_ring_points,
                          .n = ring->n };
          n_ring_points += ring->n;
          g_array_append_val (rings, pr);
        }
      g_array_append_val (features, pf);
    }
  for (guint i = 0; i < self->arcs->len; i++)
    {
      const Arc *a = &g_array_index (self->arcs, Arc, i);
      PackArc pa = {
        .x0 = a->x0, .y0 = a->y0, .unit = a->unit, .first_point = n_arc_points, .n = a->n
      };
      n_arc_points += a->n;
      g_array_append_val (arcs, pa);
    }
  header.n_features = features->len;
  header.n_rings = rings->len;
  header.n_arcs = arcs->len;
  header.n_cut_rings = self->n_cut_rings;
  header.n_ring_points = n_ring_points;
  header.n_arc_points = n_arc_points;
  header.strings_size = strings->len;

  g_byte_array_append (out, (const guint8 *) &header, sizeof header);
  g_byte_array_append (out, (const guint8 *) features->data, features->len * sizeof (PackFeature));
  g_byte_array_append (out, (const guint8 *) rings->data, rings->len * sizeof (PackRing));
  g_byte_array_append (out, (const guint8 *) arcs->data, arcs->len * sizeof (PackArc));
  for (guint i = 0; i < self->features->len; i++)
    for (guint r = 0; r < FEATURE (self, i)->rings->len; r++)
      {
        const Ring *ring = &g_array_index (FEATURE (self, i)->rings, Ring, r);
        g_byte_array_append (out, (const guint8 *) ring->xy, ring->n * 2 * sizeof (guint16));
      }
  for (guint i = 0; i < self->arcs->len; i++)
    {
      const Arc *a = &g_array_index (self->arcs, Arc, i);
      g_byte_array_append (out, (const guint8 *) a->xy, a->n * 2 * sizeof (guint16));
    }
  for (guint i = 0; i < self->arcs->len; i++)
    {
      const Arc *a = &g_array_index (self->arcs, Arc, i);
      g_byte_array_append (out, a->breaks, a->n);
    }
  g_byte_array_append (out, zeros, ALIGN8 (out->len) - out->len);
  g_byte_array_append (out, (const guint8 *) strings->str, strings->len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
is_packed (const char *data, gsize length)
{
  return length >= sizeof (PackHeader) && memcmp (data, PACK_MAGIC, 8) == 0;
}

static const char *
packed_string (const char *strings, guint64 size, guint32 offset)
{
  if (offset == 0 || offset > size || memchr (strings + offset - 1, 0, size - offset + 1) == NULL)
    return NULL;
  return strings + offset - 1;
}

/* Takes a reference to BYTES: the points stay where they are. */
static MaGeo *
geo_new_from_packed (GBytes *bytes, GError **error)
{
  g_autoptr (MaGeo) self = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  PackHeader h;
  const PackFeature *features;
  const PackRing *rings;
  const PackArc *arcs;
  guint16 *ring_points, *arc_points;
  guint8 *breaks;
  const char *strings;
  gsize offset;

  if ((guintptr) data % 8 != 0)
    {
      /* the points are read as doubles where they lie: they must be aligned */
      g_autoptr (GBytes) copy = g_bytes_new (data, length);
      if ((guintptr) g_bytes_get_data (copy, NULL) % 8 != 0)
        {
          invalid (error, "misaligned packed geometry");
          return NULL;
        }
      return geo_new_from_packed (copy, error);
    }
  memcpy (&h, data, sizeof h);
  /* every section inside the data, in this order */
  offset = sizeof h;
  if (h.n_features > 1 << 20 || h.n_rings > 1 << 24 || h.n_arcs > 1 << 24 ||
      h.n_ring_points > G_MAXUINT32 || h.n_arc_points > G_MAXUINT32 || h.strings_size > G_MAXUINT32)
    {
      invalid (error, "packed geometry too large");
      return NULL;
    }
  features = (const PackFeature *) (data + offset);
  offset += h.n_features * sizeof (PackFeature);
  rings = (const PackRing *) (data + offset);
  offset += h.n_rings * sizeof (PackRing);
  arcs = (const PackArc *) (data + offset);
  offset += h.n_arcs * sizeof (PackArc);
  ring_points = (guint16 *) (data + offset);
  offset += h.n_ring_points * 2 * sizeof (guint16);
  arc_points = (guint16 *) (data + offset);
  offset += h.n_arc_points * 2 * sizeof (guint16);
  breaks = (guint8 *) (data + offset);
  offset = ALIGN8 (offset + h.n_arc_points);
  strings = (const char *) (data + offset);
  offset += h.strings_size;
  if (offset != length)
    {
      invalid (error, "bad packed geometry size");
      return NULL;
    }

  self = g_new0 (MaGeo, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->packed = g_bytes_ref (bytes);
  self->n_cut_rings = h.n_cut_rings;
  self->features = g_array_sized_new (FALSE, FALSE, sizeof (Feature), h.n_features);
  g_array_set_clear_func (self->features, clear_feature);
  self->arcs = g_array_sized_new (FALSE, FALSE, sizeof (Arc), h.n_arcs);
  for (guint i = 0; i < h.n_features; i++)
    {
      const PackFeature *pf = &features[i];
      Feature f = { NULL };

      if (pf->first_ring > h.n_rings || pf->n_rings > h.n_rings - pf->first_ring)
        {
          invalid (error, "bad packed feature");
          return NULL;
        }
      f.id = g_strdup (packed_string (strings, h.strings_size, pf->id));
      f.name = g_strdup (packed_string (strings, h.strings_size, pf->name));
      f.x0 = pf->x0;
      f.y0 = pf->y0;
      f.x1 = pf->x1;
      f.y1 = pf->y1;
      f.area = pf->area;
      f.anchor_x = pf->anchor_x;
      f.anchor_y = pf->anchor_y;
      /* no clear function: the points are borrowed */
      f.rings = g_array_sized_new (FALSE, FALSE, sizeof (Ring), pf->n_rings);
      g_array_append_val (self->features, f);
      for (guint r = 0; r < pf->n_rings; r++)
        {
          const PackRing *pr = &rings[pf->first_ring + r];
          Ring ring = { .n = pr->n,
                        .xy = ring_points + 2 * pr->first_point,
                        .x0 = pr->x0,
                        .y0 = pr->y0,
                        .x1 = pr->x1,
                        .y1 = pr->y1,
                        .unit = pr->unit,
                        .area = pr->area };
          if (pr->n < 3 || pr->first_point > h.n_ring_points ||
              pr->n > h.n_ring_points - pr->first_point)
            {
              invalid (error, "bad packed ring");
              return NULL;
            }
          g_array_append_val (f.rings, ring);
        }
    }
  for (guint i = 0; i < h.n_arcs; i++)
    {
      Arc arc = { .n = arcs[i].n,
                  .xy = arc_points + 2 * arcs[i].first_point,
                  .breaks = breaks + arcs[i].first_point,
                  .x0 = arcs[i].x0,
                  .y0 = arcs[i].y0,
                  .unit = arcs[i].unit };
      if (arcs[i].first_point > h.n_arc_points || arcs[i].n > h.n_arc_points - arcs[i].first_point)
        {
          invalid (error, "bad packed arc");
          return NULL;
        }
      g_array_append_val (self->arcs, arc);
    }
  return g_steal_pointer (&self);
}

MaGeo *
ma_geo_new_from_bytes (GBytes *bytes, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (is_packed (data, size))
    return geo_new_from_packed (bytes, error);
  return ma_geo_new_from_data (data, size, error);
}

#ifndef MA_GEO_PACK_TOOL
MaGeo *
ma_geo_new_from_resource (const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  ma_resources_register ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return ma_geo_new_from_bytes (bytes, error);
}

MaGeo *
ma_geo_get_default (GError **error)
{
  static GMutex lock;
  static MaGeo *geo = NULL;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (geo == NULL)
    geo = ma_geo_new_from_resource ("/eu/mieux_initiative/Actions/map/countries-50m.bin", error);
  return geo != NULL ? ma_geo_ref (geo) : NULL;
}

#endif

MaGeo *
ma_geo_ref (MaGeo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ma_geo_unref (MaGeo *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->features, g_array_unref);
      g_clear_pointer (&self->arcs, g_array_unref);
      g_clear_pointer (&self->packed, g_bytes_unref);
      g_free (self);
    }
}

/* ---- Accessors ------------------------------------------------------------- */

guint
ma_geo_get_n_features (MaGeo *self)
{
  return self->features->len;
}

const char *
ma_geo_feature_get_id (MaGeo *self, guint feature)
{
  g_return_val_if_fail (feature < self->features->len, NULL);
  return FEATURE (self, feature)->id;
}

const char *
ma_geo_feature_get_name (MaGeo *self, guint feature)
{
  g_return_val_if_fail (feature < self->features->len, NULL);
  return FEATURE (self, feature)->name;
}

guint
ma_geo_feature_get_n_rings (MaGeo *self, guint feature)
{
  g_return_val_if_fail (feature < self->features->len, 0);
  return FEATURE (self, feature)->rings->len;
}

void
ma_geo_feature_get_ring (MaGeo *self, guint feature, guint ring, MaGeoPoints *points)
{
  const Ring *r;

  g_return_if_fail (feature < self->features->len);
  g_return_if_fail (ring < FEATURE (self, feature)->rings->len);
  r = &g_array_index (FEATURE (self, feature)->rings, Ring, ring);
  *points = (MaGeoPoints){ r->xy, r->n, r->x0, r->y0, r->unit };
}

void
ma_geo_feature_get_extents (
    MaGeo *self, guint feature, double *x0, double *y0, double *x1, double *y1)
{
  const Feature *f;

  g_return_if_fail (feature < self->features->len);
  f = FEATURE (self, feature);
  *x0 = f->x0;
  *y0 = f->y0;
  *x1 = f->x1;
  *y1 = f->y1;
}

void
ma_geo_feature_get_anchor (MaGeo *self, guint feature, double *x, double *y)
{
  g_return_if_fail (feature < self->features->len);
  *x = FEATURE (self, feature)->anchor_x;
  *y = FEATURE (self, feature)->anchor_y;
}

guint
ma_geo_get_n_arcs (MaGeo *self)
{
  return self->arcs->len;
}

void
ma_geo_get_arc (MaGeo *self, guint arc, MaGeoPoints *points, const guint8 **breaks)
{
  const Arc *a;

  g_return_if_fail (arc < self->arcs->len);
  a = &g_array_index (self->arcs, Arc, arc);
  *points = (MaGeoPoints){ a->xy, a->n, a->x0, a->y0, a->unit };
  if (breaks != NULL)
    *breaks = a->breaks;
}

guint
ma_geo_get_n_cut_rings (MaGeo *self)
{
  return self->n_cut_rings;
}

int
ma_geo_hit_test_xy (MaGeo *self, double x, double y)
{
  int best = -1;
  double best_area = G_MAXDOUBLE;

  for (guint i = 0; i < self->features->len; i++)
    {
      const Feature *f = FEATURE (self, i);
      if (f->area < best_area && point_in_feature (f, x, y))
        {
          best = (int) i;
          best_area = f->area;
        }
    }
  return best;
}

int
ma_geo_hit_test (MaGeo *self, double lon, double lat)
{
  double x, y;

  ma_equal_earth_forward (lon, lat, &x, &y);
  return ma_geo_hit_test_xy (self, x, y);
}
