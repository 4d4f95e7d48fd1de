/* ma-bench-map.h: what the world map costs to decode, raster, recolour and show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "ma-store.h"

G_BEGIN_DECLS

/* Measures the map on STORE at WIDTH×HEIGHT (REPS timed repetitions after 3
 * warm-ups; decode uses REPS / 3 + 1) and prints one line per case to OUT:
 * "map WxH <case>: min / median / max ms (n=N)", then the ratio of a full
 * re-raster to bare Cairo fill + 0.5 px stroke of the same projected paths.
 * Returns FALSE when the geometry or the data cannot be loaded. */
gboolean ma_bench_map (MaStore *store, int width, int height, int reps, FILE *out);

G_END_DECLS
