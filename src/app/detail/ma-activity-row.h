/* ma-activity-row.h: an activity of the Action shown in the detail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-records.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_ACTIVITY_ROW (ma_activity_row_get_type ())
G_DECLARE_FINAL_TYPE (MaActivityRow, ma_activity_row, MA, ACTIVITY_ROW, AdwExpanderRow)

/* Shows ACTIVITY and its EXPERTS (MaExpert, may be NULL). Signals:
 * "field-changed" (field, value or NULL, editor widget) when the user edits a field
 * ("kind", "format", "start_date", "end_date", "place", "participants",
 * "description"); "delete" for its button; "add-expert" (name) when a name is
 * applied in the last row; "remove-expert" (expert id) for an expert's button. */
/* ACTION_START and ACTION_END (ISO, may be NULL) are the Action's period: an
 * activity outside it is shown with a warning (it is not refused). */
GtkWidget *ma_activity_row_new (MaVocabularies *vocabularies,
                                const MaActivity *activity,
                                GPtrArray *experts,
                                const char *action_start,
                                const char *action_end);
gboolean ma_activity_row_is_outside (MaActivityRow *self);
gint64 ma_activity_row_get_id (MaActivityRow *self);
/* The row where a name is typed for "add-expert" (errors are shown there). */
GtkWidget *ma_activity_row_get_add_expert_row (MaActivityRow *self);

G_END_DECLS
