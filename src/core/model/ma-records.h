/* ma-records.h: the plain records the store returns besides Actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MA_VOCABULARY_REGION,
  MA_VOCABULARY_COUNTRY,
  MA_VOCABULARY_THEME,
  MA_VOCABULARY_TYPE,
  MA_VOCABULARY_STATUS,
  MA_VOCABULARY_PARTNER_KIND,
  MA_VOCABULARY_ACTIVITY_KIND,
  MA_VOCABULARY_ACTIVITY_FORMAT,
  MA_VOCABULARY_OUTPUT_KIND,
  MA_N_VOCABULARIES
} MaVocabulary;

/* One entry of a reference vocabulary. */
typedef struct
{
  char *code;
  char *name;   /* in the asked language */
  int position; /* order of the list */
  int iati;     /* IATI ActivityStatus for statuses, else 0 */
  char *region; /* countries: the programme region, or NULL */
} MaTerm;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *kind;
  char *country;
  char *notes;
} MaPartner;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 action;
  char *kind;
  char *format;
  char *start_date;
  char *end_date;
  char *place;
  int participants; /* -1 when unknown */
  char *description;
} MaActivity;

typedef struct
{
  gint64 id;
  char *uuid;
  gint64 action;
  char *kind;
  char *title;
} MaOutput;

typedef struct
{
  gint64 id;
  char *uuid;
  char *name;
  char *member_state;
  char *institution;
  char *expertise;
} MaExpert;

typedef struct
{
  gint64 id;
  char *record;
  gint64 record_id;
  char *field;
  char *old_value;
  char *new_value;
  char *time;
  char *author; /* the hub login of a colleague, NULL for a change made here */
} MaHistoryEntry;

const char *ma_vocabulary_table (MaVocabulary vocabulary);

void ma_term_free (MaTerm *term);
void ma_partner_free (MaPartner *partner);
void ma_activity_free (MaActivity *activity);
void ma_output_free (MaOutput *output);
void ma_expert_free (MaExpert *expert);
void ma_history_entry_free (MaHistoryEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaTerm, ma_term_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaPartner, ma_partner_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaActivity, ma_activity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaOutput, ma_output_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaExpert, ma_expert_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaHistoryEntry, ma_history_entry_free)

G_END_DECLS
