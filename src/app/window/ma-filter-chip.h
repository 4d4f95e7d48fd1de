/* ma-filter-chip.h: one facet in force, shown under the search entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MA_TYPE_FILTER_CHIP (ma_filter_chip_get_type ())
G_DECLARE_FINAL_TYPE (MaFilterChip, ma_filter_chip, MA, FILTER_CHIP, GtkButton)

/* TEXT is shown; KEY names the facet ("region", "dates"…), CODE its value (or NULL). */
GtkWidget *ma_filter_chip_new (const char *text, const char *key, const char *code);
const char *ma_filter_chip_get_key (MaFilterChip *self);
const char *ma_filter_chip_get_code (MaFilterChip *self);

G_END_DECLS
