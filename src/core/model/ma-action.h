/* ma-action.h: one Action as read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MA_TYPE_ACTION (ma_action_get_type ())
G_DECLARE_FINAL_TYPE (MaAction, ma_action, MA, ACTION, GObject)

gint64 ma_action_get_id (MaAction *self);
const char *ma_action_get_uuid (MaAction *self);
const char *ma_action_get_code (MaAction *self);
/* The title and summary in the asked language, or the original's. */
const char *ma_action_get_title (MaAction *self);
const char *ma_action_get_summary (MaAction *self);
/* The language of the title shown: differs from the asked one on a fallback. */
const char *ma_action_get_title_lang (MaAction *self);
const char *ma_action_get_lang (MaAction *self);
const char *ma_action_get_original_title (MaAction *self);
const char *ma_action_get_original_summary (MaAction *self);
const char *ma_action_get_type_code (MaAction *self);
const char *ma_action_get_status (MaAction *self);
const char *ma_action_get_start_date (MaAction *self);
const char *ma_action_get_end_date (MaAction *self);
const char *ma_action_get_region (MaAction *self);
gint64 ma_action_get_builds_on (MaAction *self);
const char *ma_action_get_builds_on_code (MaAction *self);
const char *ma_action_get_notes (MaAction *self);
const char *ma_action_get_created (MaAction *self);
const char *ma_action_get_updated (MaAction *self);
const char *const *ma_action_get_countries (MaAction *self);
const char *const *ma_action_get_themes (MaAction *self);

G_END_DECLS
