/* ma-term-model.c: the choices of a drop-down from a vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-term-model"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-term-model.h"

GtkStringList *
ma_term_model_new (MaVocabularies *vocabularies, MaVocabulary vocabulary, gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);
  GtkStringList *list = gtk_string_list_new (NULL);

  if (with_none)
    /* Translators: the choice of a list when nothing is chosen */
    gtk_string_list_append (list, C_ ("choice", "Not set"));
  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (list, ((MaTerm *) terms->pdata[i])->name);
  return list;
}

guint
ma_term_model_position (MaVocabularies *vocabularies,
                        MaVocabulary vocabulary,
                        const char *code,
                        gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);

  if (code != NULL)
    for (guint i = 0; i < terms->len; i++)
      if (g_strcmp0 (((MaTerm *) terms->pdata[i])->code, code) == 0)
        return i + (with_none ? 1 : 0);
  return with_none ? 0 : GTK_INVALID_LIST_POSITION;
}

const char *
ma_term_model_code (MaVocabularies *vocabularies,
                    MaVocabulary vocabulary,
                    guint position,
                    gboolean with_none)
{
  GPtrArray *terms = ma_vocabularies_terms (vocabularies, vocabulary);

  if (with_none)
    {
      if (position == 0)
        return NULL;
      position--;
    }
  if (position >= terms->len)
    return NULL;
  return ((MaTerm *) terms->pdata[position])->code;
}
