/* ma-undo-stack.c: the last edits of each Action, undone one at a time
 *
 * Each entry holds what a record was before an edit, read from the store just
 * before the edit is written; undoing writes it back through the store's own
 * functions (so the history records the undo too). Entries of every Action live
 * in one bounded list, newest last: switching to another Action and back keeps
 * its edits undoable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-undo-stack"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ma-store-private.h"
#include "ma-undo-stack.h"

typedef struct
{
  guint serial;
  MaUndoKind kind;
  gint64 action;
  char *record; /* FIELD, CREATION: "action", "activity", "output", "partner" */
  gint64 id;    /* FIELD, CREATION: the record; EXPERTS: the activity; DELETION: the entry */
  char *field;  /* FIELD: the field; TEXT: the language */
  char *value;  /* FIELD: the old value; TEXT: the old title */
  char *value2; /* TEXT: the old summary */
  GStrv links;  /* PARTNERS, EXPERTS (ids as text), COUNTRIES, THEMES */
} Entry;

struct _MaUndoStack
{
  GObject parent_instance;

  MaStore *store;
  guint limit;
  guint serial;
  GQueue entries; /* Entry, oldest first */
};

G_DEFINE_FINAL_TYPE (MaUndoStack, ma_undo_stack, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->record);
  g_free (entry->field);
  g_free (entry->value);
  g_free (entry->value2);
  g_strfreev (entry->links);
  g_free (entry);
}

static char *
query_text (MaUndoStack *self, const char *sql, gint64 id, const char *text)
{
  sqlite3_stmt *stmt = ma_store_prepare (self->store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static GStrv
query_strv (MaUndoStack *self, const char *sql, gint64 id)
{
  sqlite3_stmt *stmt = ma_store_prepare (self->store, sql, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return g_strv_builder_end (builder);
}

/* A field as ma_store_set_*_field () take it (builds_on: the other Action's code). */
static char *
read_field (MaUndoStack *self, const char *record, gint64 id, const char *field)
{
  g_autofree char *sql = NULL;

  if (strcmp (record, "action") == 0 && strcmp (field, "builds_on") == 0)
    return query_text (self,
                       "SELECT coalesce (b.code, b.uuid) FROM action a JOIN action b"
                       " ON b.id = a.builds_on WHERE a.id = ?",
                       id, NULL);
  /* Both names come from ma_store_record_table ()'s list, never from the caller's text. */
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", field,
                         ma_store_record_table (record, field));
  return query_text (self, sql, id, NULL);
}

static guint
push (MaUndoStack *self, Entry *entry)
{
  entry->serial = ++self->serial;
  g_queue_push_tail (&self->entries, entry);
  while (g_queue_get_length (&self->entries) > self->limit)
    entry_free (g_queue_pop_head (&self->entries));
  return entry->serial;
}

static Entry *
entry_new (MaUndoKind kind, gint64 action)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->kind = kind;
  entry->action = action;
  return entry;
}

static void
ma_undo_stack_finalize (GObject *object)
{
  MaUndoStack *self = MA_UNDO_STACK (object);

  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ma_undo_stack_parent_class)->finalize (object);
}

static void
ma_undo_stack_class_init (MaUndoStackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_undo_stack_finalize;
}

static void
ma_undo_stack_init (MaUndoStack *self)
{
  g_queue_init (&self->entries);
}

MaUndoStack *
ma_undo_stack_new (MaStore *store, guint limit)
{
  MaUndoStack *self;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);

  self = g_object_new (MA_TYPE_UNDO_STACK, NULL);
  self->store = g_object_ref (store);
  self->limit = MAX (limit, 1);
  return self;
}

guint
ma_undo_stack_push_field (MaUndoStack *self,
                          gint64 action,
                          const char *record,
                          gint64 id,
                          const char *field,
                          const char *new_value)
{
  g_autofree char *old = NULL;
  Entry *entry;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (record != NULL && field != NULL, 0);
  g_return_val_if_fail (ma_store_record_table (record, field) != NULL, 0);

  old = read_field (self, record, id, field);
  /* "" and NULL are both an empty field. */
  if (g_strcmp0 (old != NULL ? old : "", new_value != NULL ? new_value : "") == 0)
    return 0;
  entry = entry_new (MA_UNDO_FIELD, action);
  entry->record = g_strdup (record);
  entry->id = id;
  entry->field = g_strdup (field);
  entry->value = g_steal_pointer (&old);
  return push (self, entry);
}

guint
ma_undo_stack_push_text (MaUndoStack *self, gint64 action, const char *lang)
{
  Entry *entry;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);

  entry = entry_new (MA_UNDO_TEXT, action);
  entry->field = g_strdup (lang);
  entry->value = query_text (self, "SELECT title FROM action_text WHERE action = ? AND lang = ?",
                             action, lang);
  entry->value2 = query_text (self, "SELECT summary FROM action_text WHERE action = ? AND lang = ?",
                              action, lang);
  return push (self, entry);
}

guint
ma_undo_stack_push_links (MaUndoStack *self, gint64 action, MaUndoKind kind, gint64 owner)
{
  const char *sql;
  Entry *entry;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);

  switch (kind)
    {
      case MA_UNDO_PARTNERS:
        sql = "SELECT partner FROM action_partner WHERE action = ?";
        break;
      case MA_UNDO_EXPERTS:
        sql = "SELECT expert FROM activity_expert WHERE activity = ?";
        break;
      case MA_UNDO_COUNTRIES:
        sql = "SELECT country FROM action_country WHERE action = ?";
        break;
      case MA_UNDO_THEMES:
        sql = "SELECT theme FROM action_theme WHERE action = ?";
        break;
      case MA_UNDO_FIELD:
      case MA_UNDO_TEXT:
      case MA_UNDO_DELETION:
      case MA_UNDO_CREATION:
      default:
        g_return_val_if_reached (0);
    }
  entry = entry_new (kind, action);
  entry->id = owner;
  entry->links = query_strv (self, sql, owner);
  return push (self, entry);
}

guint
ma_undo_stack_push_deletion (MaUndoStack *self, gint64 action, gint64 deletion)
{
  Entry *entry;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (deletion > 0, 0);

  entry = entry_new (MA_UNDO_DELETION, action);
  entry->id = deletion;
  return push (self, entry);
}

guint
ma_undo_stack_push_creation (MaUndoStack *self, gint64 action, const char *record, gint64 id)
{
  Entry *entry;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (g_strcmp0 (record, "activity") == 0 || g_strcmp0 (record, "output") == 0,
                        0);

  entry = entry_new (MA_UNDO_CREATION, action);
  entry->record = g_strdup (record);
  entry->id = id;
  return push (self, entry);
}

void
ma_undo_stack_forget (MaUndoStack *self, guint serial)
{
  g_return_if_fail (MA_IS_UNDO_STACK (self));

  for (GList *l = self->entries.tail; l != NULL; l = l->prev)
    if (((Entry *) l->data)->serial == serial)
      {
        entry_free (l->data);
        g_queue_delete_link (&self->entries, l);
        return;
      }
}

static GList *
find (MaUndoStack *self, gint64 action, guint serial)
{
  for (GList *l = self->entries.tail; l != NULL; l = l->prev)
    {
      Entry *entry = l->data;
      if (serial != 0 ? entry->serial == serial : entry->action == action)
        return l;
    }
  return NULL;
}

gboolean
ma_undo_stack_can_undo (MaUndoStack *self, gint64 action)
{
  g_return_val_if_fail (MA_IS_UNDO_STACK (self), FALSE);
  return action > 0 && find (self, action, 0) != NULL;
}

static gint64 *
ids_of (GStrv links, guint *n)
{
  gint64 *ids = g_new0 (gint64, g_strv_length (links) + 1);

  *n = 0;
  for (guint i = 0; links[i] != NULL; i++)
    ids[(*n)++] = g_ascii_strtoll (links[i], NULL, 10);
  return ids;
}

static gboolean
apply (MaUndoStack *self, Entry *entry, GError **error)
{
  g_autofree gint64 *ids = NULL;
  guint n = 0;

  switch (entry->kind)
    {
      case MA_UNDO_FIELD:
        if (strcmp (entry->record, "action") == 0)
          return ma_store_set_action_field (self->store, entry->id, entry->field, entry->value,
                                            error);
        if (strcmp (entry->record, "activity") == 0)
          return ma_store_set_activity_field (self->store, entry->id, entry->field, entry->value,
                                              error);
        if (strcmp (entry->record, "output") == 0)
          return ma_store_set_output_field (self->store, entry->id, entry->field, entry->value,
                                            error);
        return ma_store_set_partner_field (self->store, entry->id, entry->field, entry->value,
                                           error);
      case MA_UNDO_TEXT:
        return ma_store_set_action_text (self->store, entry->action, entry->field, entry->value,
                                         entry->value2, error);
      case MA_UNDO_PARTNERS:
        ids = ids_of (entry->links, &n);
        return ma_store_set_action_partners (self->store, entry->id, ids, n, error);
      case MA_UNDO_EXPERTS:
        ids = ids_of (entry->links, &n);
        return ma_store_set_activity_experts (self->store, entry->id, ids, n, error);
      case MA_UNDO_COUNTRIES:
        return ma_store_set_action_countries (self->store, entry->id,
                                              (const char *const *) entry->links, error);
      case MA_UNDO_THEMES:
        return ma_store_set_action_themes (self->store, entry->id,
                                           (const char *const *) entry->links, error);
      case MA_UNDO_DELETION:
        return ma_store_undo_delete (self->store, entry->id, error) > 0;
      case MA_UNDO_CREATION:
        if (strcmp (entry->record, "activity") == 0)
          return ma_store_delete_activity (self->store, entry->id, error) > 0;
        return ma_store_delete_output (self->store, entry->id, error) > 0;
      default:
        g_assert_not_reached ();
    }
}

gint64
ma_undo_stack_undo (MaUndoStack *self, gint64 action, guint serial, GError **error)
{
  GList *link;
  Entry *entry;
  gint64 changed;
  gboolean ok;

  g_return_val_if_fail (MA_IS_UNDO_STACK (self), -1);

  link = find (self, action, serial);
  if (link == NULL)
    return 0;
  entry = link->data;
  g_queue_unlink (&self->entries, link);
  g_list_free (link);
  changed = entry->action;
  ok = apply (self, entry, error);
  entry_free (entry);
  return ok ? changed : -1;
}

guint
ma_undo_stack_get_length (MaUndoStack *self)
{
  g_return_val_if_fail (MA_IS_UNDO_STACK (self), 0);
  return g_queue_get_length (&self->entries);
}
