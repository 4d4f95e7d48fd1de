/* ma-undo-stack.h: the last edits of each Action, undone one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-store.h"

G_BEGIN_DECLS

#define MA_TYPE_UNDO_STACK (ma_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (MaUndoStack, ma_undo_stack, MA, UNDO_STACK, GObject)

/* What an entry brings back. */
typedef enum
{
  MA_UNDO_FIELD,     /* one field of an Action, activity, output or partner */
  MA_UNDO_TEXT,      /* the translated title and summary of an Action */
  MA_UNDO_PARTNERS,  /* the partners of an Action */
  MA_UNDO_EXPERTS,   /* the experts of an activity */
  MA_UNDO_COUNTRIES, /* the countries of an Action */
  MA_UNDO_THEMES,    /* the thematic areas of an Action */
  MA_UNDO_DELETION,  /* a deleted Action, activity or output */
  MA_UNDO_CREATION,  /* a new activity or output (undone by deleting it) */
} MaUndoKind;

/* Keeps the last LIMIT edits of STORE, of every Action. */
MaUndoStack *ma_undo_stack_new (MaStore *store, guint limit);

/* Each push is called BEFORE the edit is written (it reads what is there now),
 * and returns the entry's serial, or 0 when the edit changes nothing. If the
 * write then fails, ma_undo_stack_forget () takes the entry out. */
guint ma_undo_stack_push_field (MaUndoStack *self,
                                gint64 action,
                                const char *record,
                                gint64 id,
                                const char *field,
                                const char *new_value);
guint ma_undo_stack_push_text (MaUndoStack *self, gint64 action, const char *lang);
/* KIND is MA_UNDO_PARTNERS, MA_UNDO_COUNTRIES, MA_UNDO_THEMES (OWNER is the Action)
 * or MA_UNDO_EXPERTS (OWNER is the activity). */
guint ma_undo_stack_push_links (MaUndoStack *self, gint64 action, MaUndoKind kind, gint64 owner);
/* After the deletion: DELETION is what ma_store_delete_* () returned. */
guint ma_undo_stack_push_deletion (MaUndoStack *self, gint64 action, gint64 deletion);
/* After the creation of the activity or output ID. */
guint ma_undo_stack_push_creation (MaUndoStack *self, gint64 action, const char *record, gint64 id);
void ma_undo_stack_forget (MaUndoStack *self, guint serial);

/* Whether ACTION has an edit to undo. */
gboolean ma_undo_stack_can_undo (MaUndoStack *self, gint64 action);
/* Undoes the last edit of ACTION, or the entry SERIAL when it is not 0 (an undo
 * toast's). Returns the Action it changed (0: nothing to undo), -1 on error. */
gint64 ma_undo_stack_undo (MaUndoStack *self, gint64 action, guint serial, GError **error);
guint ma_undo_stack_get_length (MaUndoStack *self);

G_END_DECLS
