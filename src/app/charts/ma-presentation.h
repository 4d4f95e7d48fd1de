/* ma-presentation.h: full-screen slides of charts, the map and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-filter.h"
#include "ma-action-query.h"
#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_PRESENTATION (ma_presentation_get_type ())
G_DECLARE_FINAL_TYPE (MaPresentation, ma_presentation, MA, PRESENTATION, GtkWindow)

/* SLIDES as in ma-deck.h; FILTER is copied (the slides keep what was chosen when
 * the presentation began); LANG NULL: the application's language. */
MaPresentation *ma_presentation_new (MaActionQuery *query,
                                     MaFilter *filter,
                                     const char *const *slides,
                                     const char *lang);
guint ma_presentation_get_n_slides (MaPresentation *self);
guint ma_presentation_get_slide (MaPresentation *self);
const char *ma_presentation_get_slide_name (MaPresentation *self);
void ma_presentation_set_slide (MaPresentation *self, guint slide);
/* Right, Down, Page Down, space, a click: next; Left, Up, Page Up, Backspace, a
 * right click: previous; Home, End; Escape or F11: leave. */
gboolean ma_presentation_handle_key (MaPresentation *self, guint keyval);
GtkWidget *ma_presentation_get_drawing_area (MaPresentation *self);

/* How much larger than on the charts page the text is (from Preferences). */
double ma_presentation_get_type_scale (MaPresentation *self);

G_END_DECLS
