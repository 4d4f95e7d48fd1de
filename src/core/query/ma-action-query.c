/* ma-action-query.c: which Actions, how many, grouped how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-query"

#include "config.h"

#include "ma-action-query.h"
#include "ma-filter-sql.h"

struct _MaActionQuery
{
  GObject parent_instance;

  MaStore *store;
  MaActionIndex *index;
  gulong changed_handler;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaActionQuery, ma_action_query, G_TYPE_OBJECT)

static void
on_store_changed (MaStore *store, gint64 action, MaActionQuery *self)
{
  /* The index first: every handler then asks about current data. */
  ma_action_index_changed (self->index, action);
  g_signal_emit (self, signals[CHANGED], 0, action);
}

static void
ma_action_query_dispose (GObject *object)
{
  MaActionQuery *self = MA_ACTION_QUERY (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->index);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ma_action_query_parent_class)->dispose (object);
}

static void
ma_action_query_class_init (MaActionQueryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ma_action_query_dispose;

  /**
   * MaActionQuery::changed:
   * @action: the Action written to, or 0 for many
   *
   * A write was committed and the index knows of it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ma_action_query_init (MaActionQuery *self)
{
}

MaActionQuery *
ma_action_query_new (MaStore *store)
{
  MaActionQuery *self;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);

  self = g_object_new (MA_TYPE_ACTION_QUERY, NULL);
  self->store = g_object_ref (store);
  self->index = ma_action_index_new (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

MaStore *
ma_action_query_get_store (MaActionQuery *self)
{
  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), NULL);
  return self->store;
}

MaActionIndex *
ma_action_query_get_index (MaActionQuery *self)
{
  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), NULL);
  return self->index;
}

gboolean
ma_action_query_load_index (MaActionQuery *self, GError **error)
{
  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), FALSE);
  return ma_action_index_load (self->index, error);
}

static void
index_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (ma_action_index_load_finish (MA_ACTION_INDEX (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ma_action_query_load_index_async (MaActionQuery *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;

  g_return_if_fail (MA_IS_ACTION_QUERY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ma_action_query_load_index_async);
  ma_action_index_load_async (self->index, cancellable, index_loaded, task);
}

gboolean
ma_action_query_load_index_finish (MaActionQuery *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ma_action_query_has_index (MaActionQuery *self)
{
  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), FALSE);
  return ma_action_index_is_loaded (self->index);
}

GArray *
ma_action_query_ids (
    MaActionQuery *self, MaFilter *filter, MaSortKey sort, gboolean descending, GError **error)
{
  GArray *ids;

  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), NULL);

  ids = ma_action_index_query_ids (self->index, filter, sort, descending);
  if (ids != NULL)
    return ids;
  return ma_filter_sql_query_ids (self->store, filter, sort, descending, error);
}

guint
ma_action_query_count (MaActionQuery *self, MaFilter *filter, GError **error)
{
  g_autoptr (MaActionResult) result = NULL;
  guint count = 0;

  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), 0);

  /* The answer with counts that the charts, the map and the facets share. */
  result = ma_action_index_query_actions (self->index, filter);
  if (result != NULL)
    return ma_action_result_get_n_items (result);
  ma_filter_sql_count (self->store, filter, &count, error);
  return count;
}

MaActionResult *
ma_action_query_actions (MaActionQuery *self, MaFilter *filter, GError **error)
{
  MaActionResult *result;

  g_return_val_if_fail (MA_IS_ACTION_QUERY (self), NULL);

  result = ma_action_index_query_actions (self->index, filter);
  if (result != NULL)
    return result;
  return ma_filter_sql_query_actions (self->store, filter, error);
}
