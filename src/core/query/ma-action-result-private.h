/* ma-action-result-private.h: what the index and the SQL path share of a result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ma-action-result.h"

G_BEGIN_DECLS

/* The dimensions a result counts, in this order. */
enum
{
  DIM_STATUS,
  DIM_REGION,
  DIM_TYPE,
  DIM_COUNTRY,
  DIM_THEME,
  N_DIMS
};

extern const MaFilterDimension ma_dim_dimension[N_DIMS];

/* The codes of one dimension: index -> code and code -> index + 1. Immutable once
 * built, shared by reference between the index and the results. */
typedef struct
{
  GPtrArray *codes; /* char*, NULL-terminated */
  GHashTable *lookup;
} MaDim;

struct _MaActionResult
{
  gatomicrefcount ref_count;
  /* The ids in order (gint64), for a query of ids only. A query with counts keeps
   * only their number: nobody reads them, and the last one is cached (0.8 MB at
   * 100,000 Actions). */
  GArray *ids;
  guint n_items;
  gboolean from_index;
  MaDim dims[N_DIMS];
  guint *counts[N_DIMS];
  guint *facets[N_DIMS];
  guint *country_status;     /* countries × statuses, selected Actions */
  guint *country_activities; /* activities of the selected Actions per country */
  guint *region_status;      /* (regions + unknown) × statuses, selected Actions */
};

void ma_dim_clear (MaDim *dim);
void ma_dim_copy (MaDim *to, const MaDim *from);
/* How many codes the dimension has. */
guint ma_dim_size (const MaDim *dim);
/* Index of CODE, or -1. */
int ma_dim_find (const MaDim *dim, const char *code);
/* The DIM_ of a filter dimension, or -1. */
int ma_dim_of (MaFilterDimension dimension);
/* Reads the codes of dimension D, in the vocabulary's order. */
gboolean ma_dim_load (sqlite3 *db, int d, MaDim *dim, GError **error);

/* A result with zeroed counts over DIMS (shared by reference). */
MaActionResult *ma_action_result_new (const MaDim *dims);

G_END_DECLS
