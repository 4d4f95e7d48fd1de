/* ma-action-detail.h: every field of one Action, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ma-store.h"
#include "ma-undo-stack.h"
#include "ma-vocabularies.h"

G_BEGIN_DECLS

#define MA_TYPE_ACTION_DETAIL (ma_action_detail_get_type ())
G_DECLARE_FINAL_TYPE (MaActionDetail, ma_action_detail, MA, ACTION_DETAIL, AdwBin)

/* Edits are written about half a second after the last keystroke, one
 * ma_store_set_*_field call (one transaction) per field. */
#define MA_ACTION_DETAIL_SAVE_DELAY_MS 500

GtkWidget *ma_action_detail_new (void);
void
ma_action_detail_set_store (MaActionDetail *self, MaStore *store, MaVocabularies *vocabularies);
/* Every edit the page writes is pushed on UNDO first (may be NULL). A deletion
 * (of an activity, an output, a partner or an expert of an activity, or the
 * translation) also emits "deleted" (a sentence saying what, the UNDO entry's
 * serial), for an undo toast. */
void ma_action_detail_set_undo_stack (MaActionDetail *self, MaUndoStack *undo);
/* Writes what is pending, then shows Action ID (0: none). */
void ma_action_detail_set_action (MaActionDetail *self, gint64 id);
gint64 ma_action_detail_get_action (MaActionDetail *self);
/* Writes every pending edit now; FALSE when one was invalid (and not written). */
gboolean ma_action_detail_flush (MaActionDetail *self);
gboolean ma_action_detail_has_pending (MaActionDetail *self);
/* The visible validation message, or NULL. */
const char *ma_action_detail_get_error (MaActionDetail *self);
void ma_action_detail_focus_title (MaActionDetail *self);
/* For tests: the editable of a field ("title", "code", "start_date", "end_date"). */
GtkEditable *ma_action_detail_get_entry (MaActionDetail *self, const char *field);

/* For tests: the translated title (shown when the Action's original is in
 * another language than the application's). */
GtkEditable *ma_action_detail_get_translation_entry (MaActionDetail *self);
GtkTextBuffer *ma_action_detail_get_translation_summary (MaActionDetail *self);
/* Opens the dialog that chooses the Action's countries (MA_VOCABULARY_COUNTRY)
 * or thematic areas (MA_VOCABULARY_THEME); returns it (owned by GTK). */
GtkWidget *ma_action_detail_choose (MaActionDetail *self, MaVocabulary vocabulary);
/* For tests: the search entry of the partner picker (Enter picks or creates). */
GtkEditable *ma_action_detail_get_partner_search (MaActionDetail *self);

G_END_DECLS
