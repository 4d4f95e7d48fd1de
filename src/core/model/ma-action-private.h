/* ma-action-private.h: the fields of MaAction, for the store that fills them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-action.h"

G_BEGIN_DECLS

struct _MaAction
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *code;
  char *title;
  char *summary;
  char *title_lang;
  char *lang;
  char *original_title;
  char *original_summary;
  char *type;
  char *status;
  char *start_date;
  char *end_date;
  char *region;
  gint64 builds_on;
  char *builds_on_code;
  char *notes;
  char *created;
  char *updated;
  char **countries;
  char **themes;
};

MaAction *ma_action_new (void);

G_END_DECLS
