/* ma-term-model.h: the choices of a drop-down from a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ma-vocabularies.h"

G_BEGIN_DECLS

/* The names of VOCABULARY's terms, after "Not set" when WITH_NONE. */
GtkStringList *
ma_term_model_new (MaVocabularies *vocabularies, MaVocabulary vocabulary, gboolean with_none);
/* Where CODE is in that list (GTK_INVALID_LIST_POSITION if absent without "Not set"). */
guint ma_term_model_position (MaVocabularies *vocabularies,
                              MaVocabulary vocabulary,
                              const char *code,
                              gboolean with_none);
/* The code at POSITION of that list, or NULL ("Not set"). */
const char *ma_term_model_code (MaVocabularies *vocabularies,
                                MaVocabulary vocabulary,
                                guint position,
                                gboolean with_none);

G_END_DECLS
