/* ma-vocabularies.h: names of the reference codes, read once per window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-store.h"

G_BEGIN_DECLS

typedef struct _MaVocabularies MaVocabularies;

MaVocabularies *ma_vocabularies_new (MaStore *store, const char *lang);
MaVocabularies *ma_vocabularies_ref (MaVocabularies *self);
void ma_vocabularies_unref (MaVocabularies *self);
const char *ma_vocabularies_get_lang (MaVocabularies *self);
/* The name of CODE in the window's language; the code itself when unknown. */
const char *ma_vocabularies_name (MaVocabularies *self, MaVocabulary vocabulary, const char *code);
/* The terms (MaTerm) of a vocabulary, in their order; owned by SELF. */
GPtrArray *ma_vocabularies_terms (MaVocabularies *self, MaVocabulary vocabulary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaVocabularies, ma_vocabularies_unref)

G_END_DECLS
