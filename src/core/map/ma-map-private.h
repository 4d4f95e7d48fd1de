/* ma-map-private.h: what the map renderer knows of its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-map.h"

G_BEGIN_DECLS

typedef struct
{
  char *code;
  char *name;          /* in the data's language */
  char *region;        /* programme region or NULL */
  const char *numeric; /* interned */
  const char *name_en; /* interned */
  guint actions;
  guint activities;
  guint *statuses; /* Actions per status, in the order of MaMapData.statuses */
} MaMapCountry;

typedef struct
{
  char *code;
  char *name;
  guint index; /* position in the vocabulary */
  guint actions;
} MaMapRegion;

struct _MaMapData
{
  gatomicrefcount ref_count;
  char *lang;
  GHashTable *countries;       /* code → MaMapCountry */
  GHashTable *country_feature; /* code → feature + 1 */
  GPtrArray *feature_country;  /* feature → code (borrowed) or NULL */
  GPtrArray *regions;          /* MaMapRegion, in vocabulary order */
  GPtrArray *statuses;         /* MaTerm */
  guint n_actions;
  char *filter_description;
};

MaMapCountry *ma_map_data_lookup (MaMapData *self, const char *code);
MaMapRegion *ma_map_data_lookup_region (MaMapData *self, const char *code);

/* For the benchmark: the floor the renderer is compared with, drawn from the
 * same projected paths (built for WIDTH×HEIGHT and the current view): background,
 * then per country fill and a 0.5 px stroke, as a naive Cairo map would. */
void ma_map_renderer_draw_bare (MaMapRenderer *self, cairo_t *cr, int width, int height);

/* For the benchmark: drops what the pixels are made of and the frame, so that
 * the next frame is rastered again in the same view. */
void ma_map_renderer_invalidate_layers (MaMapRenderer *self);

G_END_DECLS
