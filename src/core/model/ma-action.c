/* ma-action.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action"

#include "config.h"

#include "ma-action-private.h"

G_DEFINE_FINAL_TYPE (MaAction, ma_action, G_TYPE_OBJECT)

static void
ma_action_finalize (GObject *object)
{
  MaAction *self = MA_ACTION (object);

  g_free (self->uuid);
  g_free (self->code);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->title_lang);
  g_free (self->lang);
  g_free (self->original_title);
  g_free (self->original_summary);
  g_free (self->type);
  g_free (self->status);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->region);
  g_free (self->builds_on_code);
  g_free (self->notes);
  g_free (self->created);
  g_free (self->updated);
  g_strfreev (self->countries);
  g_strfreev (self->themes);

  G_OBJECT_CLASS (ma_action_parent_class)->finalize (object);
}

static void
ma_action_class_init (MaActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_action_finalize;
}

static void
ma_action_init (MaAction *self)
{
}

MaAction *
ma_action_new (void)
{
  return g_object_new (MA_TYPE_ACTION, NULL);
}

#define GETTER(type, name, field)                                                                  \
  type ma_action_get_##name (MaAction *self)                                                       \
  {                                                                                                \
    g_return_val_if_fail (MA_IS_ACTION (self), 0);                                                 \
    return self->field;                                                                            \
  }

GETTER (gint64, id, id)
GETTER (const char *, uuid, uuid)
GETTER (const char *, code, code)
GETTER (const char *, title, title)
GETTER (const char *, summary, summary)
GETTER (const char *, title_lang, title_lang)
GETTER (const char *, lang, lang)
GETTER (const char *, original_title, original_title)
GETTER (const char *, original_summary, original_summary)
GETTER (const char *, type_code, type)
GETTER (const char *, status, status)
GETTER (const char *, start_date, start_date)
GETTER (const char *, end_date, end_date)
GETTER (const char *, region, region)
GETTER (gint64, builds_on, builds_on)
GETTER (const char *, builds_on_code, builds_on_code)
GETTER (const char *, notes, notes)
GETTER (const char *, created, created)
GETTER (const char *, updated, updated)

const char *const *
ma_action_get_countries (MaAction *self)
{
  g_return_val_if_fail (MA_IS_ACTION (self), NULL);
  return (const char *const *) self->countries;
}

const char *const *
ma_action_get_themes (MaAction *self)
{
  g_return_val_if_fail (MA_IS_ACTION (self), NULL);
  return (const char *const *) self->themes;
}
