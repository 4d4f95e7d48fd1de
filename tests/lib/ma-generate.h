/* ma-generate.h: synthetic MIEUX+ Actions databases for benchmarks and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint n_actions;
  guint n_countries;  /* action_country rows */
  guint n_themes;     /* action_theme rows */
  guint n_partners;   /* action_partner rows */
  guint n_activities; /* activity rows */
  guint n_texts;      /* action_text rows (translations) */
  double insert_ms;   /* BEGIN … COMMIT of the Actions and their links */
} MaGenerateStats;

typedef enum
{
  MA_GENERATE_DEFAULT = 0,
  /* Drop the full-text index and the triggers (history, FTS) before inserting:
   * the same rows through plain prepared INSERTs (a floor). */
  MA_GENERATE_PLAIN = 1 << 0,
} MaGenerateFlags;

/* Writes a new database at PATH (which must not exist) with N_ACTIONS Actions drawn
 * from SEED: the same seed and size give the same database. Through the schema of
 * MaStore: regions, 1–5 countries of the region, 1–3 themes, 0–10 partners, 0–30
 * activities, partial dates, titles and summaries in English, French and Spanish.
 * The rows are inserted in one transaction with prepared statements, then the
 * full-text index is filled from its view in a second one. */
gboolean ma_generate_database (const char *path,
                               guint n_actions,
                               guint64 seed,
                               MaGenerateFlags flags,
                               MaGenerateStats *stats,
                               GError **error);

G_END_DECLS
