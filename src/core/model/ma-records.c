/* ma-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-records"

#include "config.h"

#include "ma-records.h"

const char *
ma_vocabulary_table (MaVocabulary vocabulary)
{
  static const char *const tables[MA_N_VOCABULARIES] = {
    [MA_VOCABULARY_REGION] = "region",
    [MA_VOCABULARY_COUNTRY] = "country",
    [MA_VOCABULARY_THEME] = "theme",
    [MA_VOCABULARY_TYPE] = "action_type",
    [MA_VOCABULARY_STATUS] = "status",
    [MA_VOCABULARY_PARTNER_KIND] = "partner_kind",
    [MA_VOCABULARY_ACTIVITY_KIND] = "activity_kind",
    [MA_VOCABULARY_ACTIVITY_FORMAT] = "activity_format",
    [MA_VOCABULARY_OUTPUT_KIND] = "output_kind",
  };

  g_return_val_if_fail (vocabulary < MA_N_VOCABULARIES, NULL);
  return tables[vocabulary];
}

void
ma_term_free (MaTerm *term)
{
  if (term == NULL)
    return;
  g_free (term->code);
  g_free (term->name);
  g_free (term->region);
  g_free (term);
}

void
ma_partner_free (MaPartner *partner)
{
  if (partner == NULL)
    return;
  g_free (partner->uuid);
  g_free (partner->name);
  g_free (partner->kind);
  g_free (partner->country);
  g_free (partner->notes);
  g_free (partner);
}

void
ma_activity_free (MaActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->uuid);
  g_free (activity->kind);
  g_free (activity->format);
  g_free (activity->start_date);
  g_free (activity->end_date);
  g_free (activity->place);
  g_free (activity->description);
  g_free (activity);
}

void
ma_output_free (MaOutput *output)
{
  if (output == NULL)
    return;
  g_free (output->uuid);
  g_free (output->kind);
  g_free (output->title);
  g_free (output);
}

void
ma_expert_free (MaExpert *expert)
{
  if (expert == NULL)
    return;
  g_free (expert->uuid);
  g_free (expert->name);
  g_free (expert->member_state);
  g_free (expert->institution);
  g_free (expert->expertise);
  g_free (expert);
}

void
ma_history_entry_free (MaHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->record);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->time);
  g_free (entry->author);
  g_free (entry);
}
