/* ma-vocabularies.c: names of the reference codes, read once per window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-vocabularies"

#include "config.h"

#include "ma-vocabularies.h"

struct _MaVocabularies
{
  gatomicrefcount ref_count;
  char *lang;
  GPtrArray *terms[MA_N_VOCABULARIES];
  GHashTable *names[MA_N_VOCABULARIES]; /* code → name, borrowed from terms */
};

MaVocabularies *
ma_vocabularies_new (MaStore *store, const char *lang)
{
  MaVocabularies *self = g_new0 (MaVocabularies, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->lang = g_strdup (lang);
  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    {
      g_autoptr (GError) error = NULL;

      self->terms[v] = ma_store_list_terms (store, v, lang, &error);
      if (self->terms[v] == NULL)
        {
          g_warning ("Cannot read the vocabulary %s: %s", ma_vocabulary_table (v), error->message);
          self->terms[v] = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_term_free);
        }
      self->names[v] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < self->terms[v]->len; i++)
        {
          MaTerm *term = self->terms[v]->pdata[i];
          g_hash_table_insert (self->names[v], term->code, term->name);
        }
    }
  return self;
}

MaVocabularies *
ma_vocabularies_ref (MaVocabularies *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ma_vocabularies_unref (MaVocabularies *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    {
      g_hash_table_unref (self->names[v]);
      g_ptr_array_unref (self->terms[v]);
    }
  g_free (self->lang);
  g_free (self);
}

const char *
ma_vocabularies_get_lang (MaVocabularies *self)
{
  return self->lang;
}

const char *
ma_vocabularies_name (MaVocabularies *self, MaVocabulary vocabulary, const char *code)
{
  const char *name;

  if (code == NULL)
    return NULL;
  name = g_hash_table_lookup (self->names[vocabulary], code);
  return name != NULL ? name : code;
}

GPtrArray *
ma_vocabularies_terms (MaVocabularies *self, MaVocabulary vocabulary)
{
  return self->terms[vocabulary];
}
