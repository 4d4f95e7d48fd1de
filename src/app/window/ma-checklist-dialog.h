/* ma-checklist-dialog.h: choose several codes of a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MA_TYPE_CHECKLIST_DIALOG (ma_checklist_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MaChecklistDialog, ma_checklist_dialog, MA, CHECKLIST_DIALOG, AdwWindow)

/* Called after each toggle with the chosen codes in the order of TERMS. */
typedef void (*MaChecklistCallback) (const char *const *codes, gpointer user_data);

/* TERMS: MaTerm of a vocabulary; CHOSEN: the codes checked at first. */
GtkWidget *ma_checklist_dialog_new (GtkWindow *parent,
                                    const char *title,
                                    GPtrArray *terms,
                                    const char *const *chosen,
                                    MaChecklistCallback callback,
                                    gpointer user_data);

/* Checks or unchecks CODE as a click would (tests, keyboard helpers). */
void ma_checklist_dialog_set_active (MaChecklistDialog *self, const char *code, gboolean active);

G_END_DECLS
