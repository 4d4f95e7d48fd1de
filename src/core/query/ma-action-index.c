/* ma-action-index.c: the in-memory index that answers searches and facet counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-index"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ma-action-index.h"
#include "ma-action-result-private.h"
#include "ma-date.h"
#include "ma-filter-sql.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

#define NONE 0xff
#define NO_RANK G_MAXUINT32
/* Titles are sorted in chunks whose collation keys are held at once, then merged:
 * full keys of 100,000 titles would take ~40 MB (glibc keys are ~7 bytes a letter). */
static guint sort_chunk = 4096;

enum
{
  LINK_COUNTRY,
  LINK_THEME,
  N_LINKS
};

/* Everything loaded; built in any thread, then owned by the main thread. */
typedef struct
{
  char *lang;
  guint n;
  guint32 capacity;     /* arrays by id have this many entries: ids < capacity */
  guint32 *title_order; /* n ids in title order */
  /* position -> 1 when the title there equals the one before (equal titles are
   * neighbours): a descending order keeps their ids ascending. A byte per position
   * rather than a hash per id: 0.7 MB less at 100,000 Actions. */
  guint8 *title_same;
  guint8 *attr[3];   /* id -> status, region, type index, NONE for NULL */
  guint32 *start_lo; /* id -> YYYYMMDD, 0 for NULL */
  guint32 *end_hi;
  gboolean dates_exact; /* every date parsed as YYYY-MM-DD */
  guint16 *activities;  /* id -> number of activities (saturated) */
  /* Countries and themes (guint16 indexes into the dimension's codes) in id order:
   * link_len[id] values from link_block[id / LINK_BLOCK] plus the lengths of the
   * ids before it in its block (link_values ()). An offset per id cost 0.8 MB at
   * 100,000 Actions; one per block costs 0.1. */
  guint32 *link_block[N_LINKS]; /* capacity / LINK_BLOCK + 1 */
  guint8 *link_len[N_LINKS];
  GArray *link_val[N_LINKS];
  MaDim dims[N_DIMS];
  guint32 *orders[MA_SORT_REGION + 1][2]; /* cached orders other than title ascending */
  guint32 *code_rank;                     /* id -> rank of the code, lazily */
} IndexData;

struct _MaActionIndex
{
  GObject parent_instance;

  MaStore *store;
  IndexData *data;
  gboolean stale;
  guint64 changes;
  gboolean loading;
  gboolean auto_reload; /* loaded in the background: reload there when stale */
  /* The last answer with counts: the list, the map and the charts all ask for the
   * same filter after a change, and get one pass between them. */
  MaActionResult *cached;
  MaFilter *cached_filter; /* a copy; NULL for no filter */
  guint64 cached_changes;
  /* The last full-text match as a bitmap: a keystroke's list pass and the counts
   * that follow for the map and the charts run FTS5 once. */
  char *fts_match;
  guint64 *fts_bits;
  guint64 fts_changes;
  guint32 fts_capacity;
};

G_DEFINE_FINAL_TYPE (MaActionIndex, ma_action_index, G_TYPE_OBJECT)

/* ---- Small helpers -------------------------------------------------------------- */

#define LINK_BLOCK 8

static inline guint32
link_offset (const IndexData *data, guint link, guint32 id)
{
  guint32 off = data->link_block[link][id / LINK_BLOCK];

  for (guint32 k = id - id % LINK_BLOCK; k < id; k++)
    off += data->link_len[link][k];
  return off;
}

static inline const guint16 *
link_values (const IndexData *data, guint link, guint32 id)
{
  return &g_array_index (data->link_val[link], guint16, link_offset (data, link, id));
}

/* "YYYY-MM-DD" as YYYYMMDD, which compares as the string does; 0 for NULL; FALSE
 * when not of that form, where string and number comparisons could differ. */
static gboolean
pack_date (const char *iso, guint32 *packed)
{
  int month, day;

  *packed = 0;
  if (iso == NULL)
    return TRUE;
  if (strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;
  month = atoi (iso + 5);
  day = atoi (iso + 8);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  *packed = (guint32) (atoi (iso) * 10000 + month * 100 + day);
  return *packed != 0;
}

/* ---- Sorting by the MA_NAME collation ------------------------------------------- */

typedef struct
{
  guint32 id;
  const char *text;
  char *key;
} Named;

/* The order of "ORDER BY text COLLATE MA_NAME, id": collation keys, then bytes, then id. */
static int
compare_named (const Named *a, const Named *b)
{
  int cmp = strcmp (a->key, b->key);

  if (cmp == 0)
    cmp = strcmp (a->text, b->text);
  if (cmp == 0)
    cmp = a->id < b->id ? -1 : a->id > b->id;
  return cmp;
}

static int
compare_named_qsort (const void *a, const void *b)
{
  return compare_named (a, b);
}

/* Writes the ids of ITEMS (texts not NULL) in sorted order into IDS, and leaves ITEMS
 * sorted chunk by chunk. Keys are computed for one chunk at a time, then once more
 * while the sorted chunks are merged straight into IDS (a sorted copy of ITEMS was
 * 2.4 MB more at 100,000 Actions, while the window draws). FALSE if cancelled. */
static gboolean
sort_named (Named *items, guint n, guint32 *ids, guint8 *same, GCancellable *cancellable)
{
  const char *previous = NULL;

  g_autofree guint *heads = NULL;
  g_autofree Named *head_items = NULL;
  guint n_chunks = (n + sort_chunk - 1) / sort_chunk;

  for (guint c = 0; c < n_chunks; c++)
    {
      guint start = c * sort_chunk, end = MIN (n, start + sort_chunk);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      for (guint i = start; i < end; i++)
        items[i].key = ma_collate_key (items[i].text);
      qsort (items + start, end - start, sizeof (Named), compare_named_qsort);
      for (guint i = start; i < end; i++)
        g_clear_pointer (&items[i].key, g_free);
    }
  if (n_chunks <= 1)
    {
      for (guint i = 0; i < n; i++)
        {
          ids[i] = items[i].id;
          if (same != NULL)
            same[i] = i > 0 && strcmp (items[i].text, items[i - 1].text) == 0;
        }
      return TRUE;
    }

  /* K-way merge: each chunk's head holds its key. */
  heads = g_new0 (guint, n_chunks);
  head_items = g_new0 (Named, n_chunks);
  for (guint c = 0; c < n_chunks; c++)
    {
      heads[c] = c * sort_chunk;
      head_items[c] = items[heads[c]];
      head_items[c].key = ma_collate_key (head_items[c].text);
    }
  for (guint out = 0; out < n; out++)
    {
      int best = -1;

      for (guint c = 0; c < n_chunks; c++)
        if (head_items[c].key != NULL &&
            (best < 0 || compare_named (&head_items[c], &head_items[best]) < 0))
          best = (int) c;
      ids[out] = head_items[best].id;
      if (same != NULL)
        same[out] = previous != NULL && strcmp (head_items[best].text, previous) == 0;
      previous = head_items[best].text;
      g_free (head_items[best].key);
      head_items[best].key = NULL;
      heads[best]++;
      if (heads[best] < MIN (n, ((guint) best + 1) * sort_chunk))
        {
          head_items[best] = items[heads[best]];
          head_items[best].key = ma_collate_key (head_items[best].text);
        }
    }
  return TRUE;
}

/* ---- Loading ------------------------------------------------------------------- */

static void
index_data_free (IndexData *data)
{
  if (data == NULL)
    return;
  g_free (data->lang);
  g_free (data->title_order);
  g_free (data->title_same);
  for (guint i = 0; i < G_N_ELEMENTS (data->attr); i++)
    g_free (data->attr[i]);
  g_free (data->start_lo);
  g_free (data->end_hi);
  g_free (data->activities);
  for (guint l = 0; l < N_LINKS; l++)
    {
      g_free (data->link_block[l]);
      g_free (data->link_len[l]);
      if (data->link_val[l] != NULL)
        g_array_unref (data->link_val[l]);
    }
  for (guint d = 0; d < N_DIMS; d++)
    ma_dim_clear (&data->dims[d]);
  for (guint s = 0; s < G_N_ELEMENTS (data->orders); s++)
    for (guint k = 0; k < 2; k++)
      g_free (data->orders[s][k]);
  g_free (data->code_rank);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndexData, index_data_free)

static void
drop_orders (IndexData *data)
{
  for (guint s = 0; s < G_N_ELEMENTS (data->orders); s++)
    for (guint k = 0; k < 2; k++)
      g_clear_pointer (&data->orders[s][k], g_free);
  g_clear_pointer (&data->code_rank, g_free);
}

static void
grow (IndexData *data, guint32 capacity)
{
  guint32 old = data->capacity;

  if (capacity <= old)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (data->attr); i++)
    {
      data->attr[i] = g_renew (guint8, data->attr[i], capacity);
      memset (data->attr[i] + old, NONE, capacity - old);
    }
  data->start_lo = g_renew (guint32, data->start_lo, capacity);
  data->end_hi = g_renew (guint32, data->end_hi, capacity);
  data->activities = g_renew (guint16, data->activities, capacity);
  memset (data->activities + old, 0, (capacity - old) * sizeof (guint16));
  for (guint l = 0; l < N_LINKS; l++)
    {
      guint32 end = data->link_val[l] != NULL ? data->link_val[l]->len : 0;

      data->link_len[l] = g_renew (guint8, data->link_len[l], capacity);
      memset (data->link_len[l] + old, 0, capacity - old);
      /* the new ids have no values: their blocks start at the end */
      data->link_block[l] = g_renew (guint32, data->link_block[l], capacity / LINK_BLOCK + 1);
      for (guint32 b = old > 0 ? old / LINK_BLOCK + 1 : 0; b <= capacity / LINK_BLOCK; b++)
        data->link_block[l][b] = end;
    }
  for (guint32 id = old; id < capacity; id++)
    data->start_lo[id] = data->end_hi[id] = 0;
  data->capacity = capacity;
}

#define ROW_SQL                                                                                    \
  "SELECT a.id, coalesce ((SELECT t.title FROM action_text t WHERE t.action = a.id AND "           \
  "t.lang = ?1 AND a.lang <> ?1), a.title), a.status, a.region, a.type, a.start_lo, "              \
  "a.end_hi FROM action a"

/* Reads the columns of ROW_SQL into the arrays (not the title order). */
static void
read_row (IndexData *data, sqlite3_stmt *stmt, guint32 id)
{
  static const int attr_dims[3] = { DIM_STATUS, DIM_REGION, DIM_TYPE };

  for (guint i = 0; i < 3; i++)
    {
      int index = ma_dim_find (&data->dims[attr_dims[i]],
                               (const char *) sqlite3_column_text (stmt, 2 + (int) i));
      data->attr[i][id] = index >= 0 && index < NONE ? (guint8) index : NONE;
    }
  if (!pack_date ((const char *) sqlite3_column_text (stmt, 5), &data->start_lo[id]) ||
      !pack_date ((const char *) sqlite3_column_text (stmt, 6), &data->end_hi[id]))
    data->dates_exact = FALSE;
}

/* Sets LINK's N VALUES of ID, where they go in id order. */
static void
links_replace (IndexData *data, guint link, guint32 id, const guint16 *values, guint n)
{
  guint32 off = link_offset (data, link, id);
  guint old = data->link_len[link][id];

  g_array_remove_range (data->link_val[link], off, old);
  if (n > 0)
    g_array_insert_vals (data->link_val[link], off, values, n);
  data->link_len[link][id] = (guint8) n;
  /* unsigned arithmetic: the blocks after move by n - old either way */
  for (guint32 b = id / LINK_BLOCK + 1; b <= data->capacity / LINK_BLOCK; b++)
    data->link_block[link][b] = data->link_block[link][b] - old + n;
}

static gboolean
load_links (IndexData *data, sqlite3 *db, guint link, gint64 only, GError **error)
{
  static const char *const sql[N_LINKS] = {
    "SELECT action, country FROM action_country WHERE ?1 = 0 OR action = ?1 ORDER BY action",
    "SELECT action, theme FROM action_theme WHERE ?1 = 0 OR action = ?1 ORDER BY action",
  };
  MaDim *dim = &data->dims[link == LINK_COUNTRY ? DIM_COUNTRY : DIM_THEME];
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GArray) one = g_array_new (FALSE, FALSE, sizeof (guint16));
  int rc = sqlite3_prepare_v2 (db, sql[link], -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int index = ma_dim_find (dim, (const char *) sqlite3_column_text (stmt, 1));
      guint16 value = (guint16) index;

      if (id <= 0 || id >= data->capacity || index < 0)
        continue;
      if (only > 0)
        {
          if (one->len < 255)
            g_array_append_val (one, value);
        }
      else if (data->link_len[link][id] < 255)
        {
          /* every id's values after the ones before it, as the rows come in id order */
          g_array_append_val (data->link_val[link], value);
          data->link_len[link][id]++;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  if (only > 0)
    links_replace (data, link, (guint32) only, (const guint16 *) (void *) one->data, one->len);
  else
    {
      guint32 off = 0;
      for (guint32 id = 0; id < data->capacity; id++)
        {
          if (id % LINK_BLOCK == 0)
            data->link_block[link][id / LINK_BLOCK] = off;
          off += data->link_len[link][id];
        }
      if (data->capacity % LINK_BLOCK == 0)
        data->link_block[link][data->capacity / LINK_BLOCK] = off;
    }
  return TRUE;
}

/* Activities per Action (all of them, or ONLY's), for the map's counts. */
static gboolean
load_activities (IndexData *data, sqlite3 *db, gint64 only, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT action, count(*) FROM activity WHERE ?1 = 0 OR action = ?1 "
                               "GROUP BY action",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  if (only > 0)
    data->activities[only] = 0;
  sqlite3_bind_int64 (stmt, 1, only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      if (id > 0 && id < data->capacity)
        data->activities[id] = (guint16) MIN (n, G_MAXUINT16);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

static IndexData *
index_data_load (sqlite3 *db, const char *lang, GCancellable *cancellable, GError **error)
{
  g_autoptr (IndexData) data = g_new0 (IndexData, 1);
  g_autoptr (GStringChunk) texts = g_string_chunk_new (1 << 20);
  g_autoptr (GArray) named = g_array_new (FALSE, FALSE, sizeof (Named));
  sqlite3_stmt *stmt = NULL;
  gint64 max_id = 0;
  gboolean ok = FALSE;
  int rc;

  data->lang = g_strdup (lang);
  data->dates_exact = TRUE;
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, sqlite3_errcode (db));
      return NULL;
    }
  for (int d = 0; d < N_DIMS; d++)
    if (!ma_dim_load (db, d, &data->dims[d], error))
      goto out;
  if (ma_dim_size (&data->dims[DIM_COUNTRY]) > G_MAXUINT16 ||
      ma_dim_size (&data->dims[DIM_STATUS]) >= NONE ||
      ma_dim_size (&data->dims[DIM_REGION]) >= NONE || ma_dim_size (&data->dims[DIM_TYPE]) >= NONE)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED, "vocabulary too large");
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT max(id) FROM action", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (max_id >= G_MAXINT32)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED, "ids too large");
      goto out;
    }
  grow (data, (guint32) max_id + 64);
  for (guint l = 0; l < N_LINKS; l++)
    data->link_val[l] = g_array_sized_new (FALSE, FALSE, sizeof (guint16), (guint) max_id * 3);

  rc = sqlite3_prepare_v2 (db, ROW_SQL " ORDER BY a.id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Named item = { 0 };

      if (id <= 0 || id >= data->capacity)
        continue;
      read_row (data, stmt, (guint32) id);
      item.id = (guint32) id;
      item.text = g_string_chunk_insert (texts, (const char *) sqlite3_column_text (stmt, 1));
      g_array_append_val (named, item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  for (guint l = 0; l < N_LINKS; l++)
    if (!load_links (data, db, l, 0, error))
      goto out;
  if (!load_activities (data, db, 0, error))
    goto out;
  ok = TRUE;

out:
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  data->n = named->len;
  data->title_order = g_new (guint32, MAX (data->n, 1));
  data->title_same = g_new (guint8, MAX (data->n, 1));
  if (!sort_named ((Named *) named->data, named->len, data->title_order, data->title_same,
                   cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  return g_steal_pointer (&data);
}

/* ---- The index attached to a store -------------------------------------------- */

static const char *
current_lang (void)
{
  return ma_store_lang_column (NULL);
}

static char *
shown_title (MaStore *store, const char *lang, guint32 id)
{
  sqlite3_stmt *stmt = ma_store_prepare (store, ROW_SQL " WHERE a.id = ?2", NULL);
  char *title = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lang, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return title;
}

/* Where ID lies in the title order, or NO_RANK. Only an edit asks, and moves as
 * many ids anyway: no array by id for it (0.4 MB at 100,000 Actions). */
static guint
title_position (IndexData *data, guint32 id)
{
  for (guint i = 0; i < data->n; i++)
    if (data->title_order[i] == id)
      return i;
  return NO_RANK;
}

/* Whether A's shown title equals B's (B_TEXT when known). */
static gboolean
same_titles (MaStore *store, IndexData *data, guint32 a, guint32 b, const char *b_text)
{
  g_autofree char *text_a = shown_title (store, data->lang, a);
  g_autofree char *text_b = b_text != NULL ? NULL : shown_title (store, data->lang, b);

  return g_strcmp0 (text_a, b_text != NULL ? b_text : text_b) == 0;
}

/* Re-reads one Action after an edit: O(n) moves, a binary search of its title. */
static gboolean
update_one (MaActionIndex *index, gint64 action)
{
  IndexData *data = index->data;
  sqlite3 *db = ma_store_get_db (index->store);
  sqlite3_stmt *stmt;
  guint32 id;
  guint pos;
  int rc;

  if (action <= 0 || action >= G_MAXINT32 || g_strcmp0 (data->lang, current_lang ()) != 0)
    return FALSE;
  id = (guint32) action;
  if (id >= data->capacity)
    grow (data, MAX (id + 64, data->capacity + data->capacity / 2));
  drop_orders (data);

  pos = title_position (data, id);
  if (pos != NO_RANK)
    {
      memmove (data->title_order + pos, data->title_order + pos + 1,
               (data->n - pos - 1) * sizeof (guint32));
      memmove (data->title_same + pos, data->title_same + pos + 1, data->n - pos - 1);
      data->n--;
      /* The title now at POS has another one before it. */
      if (pos < data->n)
        data->title_same[pos] =
            pos > 0 && same_titles (index->store, data, data->title_order[pos - 1],
                                    data->title_order[pos], NULL);
      for (guint i = 0; i < G_N_ELEMENTS (data->attr); i++)
        data->attr[i][id] = NONE;
      data->start_lo[id] = data->end_hi[id] = 0;
      data->activities[id] = 0;
      for (guint l = 0; l < N_LINKS; l++)
        links_replace (data, l, id, NULL, 0);
    }

  stmt = ma_store_prepare (index->store, ROW_SQL " WHERE a.id = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data->lang, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      Named item = { id, (const char *) sqlite3_column_text (stmt, 1), NULL };
      guint lo = 0, hi = data->n;

      read_row (data, stmt, id);
      item.key = ma_collate_key (item.text);
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          Named other = { data->title_order[mid], NULL, NULL };
          g_autofree char *text = shown_title (index->store, data->lang, other.id);

          other.text = text != NULL ? text : "";
          other.key = ma_collate_key (other.text);
          if (compare_named (&other, &item) < 0)
            lo = mid + 1;
          else
            hi = mid;
          g_free (other.key);
        }
      g_free (item.key);
      data->title_order = g_renew (guint32, data->title_order, data->n + 1);
      data->title_same = g_renew (guint8, data->title_same, data->n + 1);
      memmove (data->title_order + lo + 1, data->title_order + lo,
               (data->n - lo) * sizeof (guint32));
      memmove (data->title_same + lo + 1, data->title_same + lo, data->n - lo);
      data->title_order[lo] = id;
      data->n++;
      data->title_same[lo] =
          lo > 0 && same_titles (index->store, data, data->title_order[lo - 1], id, item.text);
      if (lo + 1 < data->n)
        data->title_same[lo + 1] =
            same_titles (index->store, data, data->title_order[lo + 1], id, item.text);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      for (guint l = 0; l < N_LINKS; l++)
        if (!load_links (data, db, l, id, NULL))
          return FALSE;
      if (!load_activities (data, db, id, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
drop_cache (MaActionIndex *self)
{
  g_clear_pointer (&self->cached, ma_action_result_free);
  g_clear_object (&self->cached_filter);
  g_clear_pointer (&self->fts_match, g_free);
  g_clear_pointer (&self->fts_bits, g_free);
}

/* The loaded data when it answers for the current language, else NULL. */
static IndexData *
usable_data (MaActionIndex *self)
{
  if (self->data == NULL || self->stale)
    return NULL;
  if (g_strcmp0 (self->data->lang, current_lang ()) != 0)
    {
      /* Titles sort in the language of the application: another language, another order. */
      if (self->auto_reload && !self->loading)
        ma_action_index_load_async (self, NULL, NULL, NULL);
      return NULL;
    }
  return self->data;
}

static void
install (MaActionIndex *self, IndexData *data)
{
  drop_cache (self);
  index_data_free (self->data);
  self->data = data;
  self->stale = FALSE;
}

typedef struct
{
  char *path;
  char *lang;
  guint64 changes;
  guint attempts;
} LoadTask;

static void
load_task_free (LoadTask *task)
{
  g_free (task->path);
  g_free (task->lang);
  g_free (task);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadTask *load = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  IndexData *data;
  int rc = sqlite3_open_v2 (load->path, &db, SQLITE_OPEN_READONLY, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (&error, db, rc);
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_busy_timeout (db, 5000);
  /* Every page is read once: a page cache would only raise the peak memory. */
  sqlite3_exec (db, "PRAGMA cache_size = -128", NULL, NULL, NULL);
  data = index_data_load (db, load->lang, cancellable, &error);
  sqlite3_close (db);
#ifdef __GLIBC__
  /* The titles and sort keys held to sort them (~10 MB at 100,000 Actions) are
   * freed: glibc keeps such memory in the thread's arena unless asked. */
  malloc_trim (0);
#endif
  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) index_data_free);
}

static void start_load (MaActionIndex *self, GTask *task);

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  MaActionIndex *self = MA_ACTION_INDEX (source);
  LoadTask *load = g_task_get_task_data (outer);
  GError *error = NULL;
  IndexData *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (data == NULL)
    {
      self->loading = FALSE;
      g_task_return_error (outer, error);
      return;
    }
  if (load->changes != self->changes || g_strcmp0 (load->lang, current_lang ()) != 0)
    {
      /* Written to while it loaded: what was read may be out of date. */
      index_data_free (data);
      if (++load->attempts < 3)
        {
          start_load (self, g_steal_pointer (&outer));
          return;
        }
      self->loading = FALSE;
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "the database kept changing while the index loaded");
      return;
    }
  self->loading = FALSE;
  install (self, data);
  g_task_return_boolean (outer, TRUE);
}

static void
start_load (MaActionIndex *self, GTask *outer)
{
  LoadTask *load = g_task_get_task_data (outer);
  GTask *inner = g_task_new (self, g_task_get_cancellable (outer), load_done, outer);

  load->changes = self->changes;
  g_free (load->lang);
  load->lang = g_strdup (current_lang ());
  g_task_set_task_data (inner, load, NULL);
  g_task_run_in_thread (inner, load_in_thread);
  g_object_unref (inner);
}

/* ---- Orders --------------------------------------------------------------------- */

static int
compare_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return (x > y) - (x < y);
}

static gboolean
build_code_ranks (MaActionIndex *self, IndexData *data)
{
  g_autoptr (GStringChunk) texts = g_string_chunk_new (1 << 16);
  g_autoptr (GArray) named = g_array_new (FALSE, FALSE, sizeof (Named));
  g_autofree guint32 *order = NULL;
  sqlite3_stmt *stmt =
      ma_store_prepare (self->store, "SELECT id, code FROM action WHERE code IS NOT NULL", NULL);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Named item = { 0 };
      if (id <= 0 || id >= data->capacity)
        continue;
      item.id = (guint32) id;
      item.text = g_string_chunk_insert (texts, (const char *) sqlite3_column_text (stmt, 1));
      g_array_append_val (named, item);
    }
  sqlite3_finalize (stmt);
  order = g_new (guint32, MAX (named->len, 1));
  sort_named ((Named *) named->data, named->len, order, NULL, NULL);
  data->code_rank = g_new (guint32, data->capacity);
  for (guint32 id = 0; id < data->capacity; id++)
    data->code_rank[id] = NO_RANK;
  for (guint i = 0; i < named->len; i++)
    data->code_rank[order[i]] = i;
  return TRUE;
}

/* A primary key for SORT (nulls as SQL puts them), compared before the title rank. */
static guint32
primary_key (IndexData *data, MaSortKey sort, gboolean descending, guint32 id)
{
  guint32 value;

  switch (sort)
    {
      case MA_SORT_STATUS:
        /* No NULLS LAST: SQL puts a NULL first ascending, last descending. */
        value = data->attr[DIM_STATUS][id];
        if (value == NONE)
          return descending ? G_MAXUINT32 : 0;
        return descending ? G_MAXUINT32 - (value + 1) : value + 1;
      case MA_SORT_REGION:
        value = data->attr[DIM_REGION][id];
        if (value == NONE)
          return G_MAXUINT32;
        return descending ? G_MAXUINT32 - 1 - value : value;
      case MA_SORT_START:
        value = data->start_lo[id];
        if (value == 0)
          return G_MAXUINT32;
        return descending ? G_MAXUINT32 - 1 - value : value;
      case MA_SORT_CODE:
        value = data->code_rank[id];
        if (value == NO_RANK)
          return G_MAXUINT32;
        return descending ? G_MAXUINT32 - 1 - value : value;
      case MA_SORT_TITLE:
      default:
        g_assert_not_reached ();
    }
}

static const guint32 *
get_order (MaActionIndex *self, IndexData *data, MaSortKey sort, gboolean descending)
{
  guint32 *order;

  if (sort > MA_SORT_REGION)
    sort = MA_SORT_TITLE;
  if (sort == MA_SORT_TITLE && !descending)
    return data->title_order;
  if (data->orders[sort][descending] != NULL)
    return data->orders[sort][descending];
  if (sort == MA_SORT_START && !data->dates_exact)
    return NULL;
  if (sort == MA_SORT_CODE && data->code_rank == NULL && !build_code_ranks (self, data))
    return NULL;

  order = g_new (guint32, MAX (data->n, 1));
  if (sort == MA_SORT_TITLE)
    {
      /* Descending titles; equal titles (neighbours with equal hashes) keep ids ascending. */
      guint out = 0;
      guint end = data->n;
      while (end > 0)
        {
          guint start = end - 1;
          while (start > 0 && data->title_same[start])
            start--;
          for (guint i = start; i < end; i++)
            order[out++] = data->title_order[i];
          end = start;
        }
    }
  else
    {
      g_autofree guint64 *keys = g_new (guint64, MAX (data->n, 1));
      for (guint i = 0; i < data->n; i++)
        keys[i] = ((guint64) primary_key (data, sort, descending, data->title_order[i]) << 32) | i;
      qsort (keys, data->n, sizeof (guint64), compare_u64);
      for (guint i = 0; i < data->n; i++)
        order[i] = data->title_order[keys[i] & G_MAXUINT32];
    }
  data->orders[sort][descending] = order;
  return order;
}

/* ---- Queries -------------------------------------------------------------------- */

/* The ids SQL selects as bits: SQL is "SELECT ma_set_bits (id, ?2) … ?1" with TEXT
 * for ?1 (see MaBits). */
static guint64 *
bitmap_from_sql (MaActionIndex *self, IndexData *data, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = ma_store_prepare (self->store, sql, NULL);
  MaBits bits;
  int rc;

  if (stmt == NULL)
    return NULL;
  bits.capacity = data->capacity;
  bits.words = g_new0 (guint64, data->capacity / 64 + 1);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, &bits, MA_BITS_POINTER_TYPE, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    g_clear_pointer (&bits.words, g_free);
  return bits.words;
}

/* The longest prefix FTS5 keeps an index of (data/sql/004-search-rowids.sql). */
#define FTS_PREFIX_MAX 4

/* Whether FTS5 reads every term of MATCH (ma_filter_build_match ()'s "term"* …) from
 * its prefix index: then ma_fts_bits () is the faster (see MaBits). */
static gboolean
match_in_prefix_index (const char *match)
{
  for (const char *p = strchr (match, '"'); p != NULL; p = strchr (p, '"'))
    {
      const char *end = strchr (p + 1, '"');

      if (end == NULL || g_utf8_strlen (p + 1, end - p - 1) > FTS_PREFIX_MAX)
        return FALSE;
      p = end + 1;
    }
  return TRUE;
}

static gboolean
test_bit (const guint64 *bits, guint32 id)
{
  return (bits[id >> 6] >> (id & 63)) & 1;
}

static void
count_row (IndexData *data, guint **counts, guint32 id, int only)
{
  for (int d = DIM_STATUS; d <= DIM_TYPE; d++)
    if ((only < 0 || only == d) && data->attr[d][id] != NONE)
      counts[d][data->attr[d][id]]++;
  for (guint l = 0; l < N_LINKS; l++)
    {
      int d = l == LINK_COUNTRY ? DIM_COUNTRY : DIM_THEME;
      const guint16 *values;
      if (only >= 0 && only != d)
        continue;
      values = link_values (data, l, id);
      for (guint k = 0; k < data->link_len[l][id]; k++)
        counts[d][values[k]]++;
    }
}

static MaActionResult *query_index_pass (MaActionIndex *self,
                                         MaFilter *filter,
                                         MaSortKey sort,
                                         gboolean descending,
                                         gboolean with_counts);

static gboolean
same_filter (MaFilter *a, MaFilter *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || ma_filter_is_empty (a)) && (b == NULL || ma_filter_is_empty (b)) &&
           (a == NULL || ma_filter_get_search (a) == NULL) &&
           (b == NULL || ma_filter_get_search (b) == NULL);
  return ma_filter_equal (a, b);
}

/* The index's answer with counts for FILTER, a new reference, or NULL when it
 * cannot give one (then SQL answers). It depends on no order. The last one is kept
 * for the next caller with the same filter and data: the list, the map and the
 * charts ask for the same after a change. */
static MaActionResult *
query_counted (MaActionIndex *index, MaFilter *filter)
{
  MaActionResult *result;

  if (usable_data (index) == NULL)
    return NULL;
  if (index->cached != NULL && index->cached_changes == index->changes &&
      same_filter (index->cached_filter, filter))
    {
      g_atomic_ref_count_inc (&index->cached->ref_count);
      return index->cached;
    }
  result = query_index_pass (index, filter, MA_SORT_TITLE, FALSE, TRUE);
  if (result != NULL)
    {
      drop_cache (index);
      g_atomic_ref_count_inc (&result->ref_count);
      index->cached = result;
      index->cached_filter = filter != NULL ? ma_filter_copy (filter) : NULL;
      index->cached_changes = index->changes;
    }
  return result;
}

static MaActionResult *
query_index_pass (MaActionIndex *self,
                  MaFilter *filter,
                  MaSortKey sort,
                  gboolean descending,
                  gboolean with_counts)
{
  IndexData *data = usable_data (self);
  const guint32 *order;
  MaActionIndex *cache = self;
  const guint64 *fts = NULL;
  g_autofree guint64 *partners = NULL;
  g_autofree guint8 *mask_block = NULL;
  guint8 *masks[N_DIMS] = { NULL };
  gboolean active[N_DIMS] = { FALSE };
  gboolean any_active = FALSE; /* a keystroke's pass tests only the search's bits */
  guint32 date_lo = 0, date_hi = G_MAXUINT32;
  gboolean dates = FALSE;
  MaActionResult *result;
  gint64 *ids = NULL;
  guint n_ids = 0;

  if (data == NULL)
    return NULL;
  order = get_order (self, data, sort, descending);
  if (order == NULL)
    return NULL;

  if (filter != NULL)
    {
      g_autofree char *match = ma_filter_build_match (filter);
      const char *const *partner_codes = ma_filter_get_codes (filter, MA_FILTER_PARTNER);

      if (match != NULL)
        {
          if (cache->fts_bits == NULL || cache->fts_changes != cache->changes ||
              cache->fts_capacity != data->capacity || g_strcmp0 (cache->fts_match, match) != 0)
            {
              const char *sql =
                  ma_store_has_fts_bits (self->store) && match_in_prefix_index (match)
                      ? "SELECT ma_fts_bits (action_fts, ?2) FROM action_fts "
                        "WHERE action_fts MATCH ?1 LIMIT 1"
                      : "SELECT ma_set_bits (rowid, ?2) FROM action_fts WHERE action_fts MATCH ?1";
              guint64 *bits = bitmap_from_sql (self, data, sql, match);
              if (bits == NULL)
                return NULL;
              g_free (cache->fts_bits);
              g_free (cache->fts_match);
              cache->fts_bits = bits;
              cache->fts_match = g_strdup (match);
              cache->fts_changes = cache->changes;
              cache->fts_capacity = data->capacity;
            }
          fts = cache->fts_bits;
        }
      if (partner_codes[0] != NULL)
        {
          g_autofree char *json = ma_filter_sql_codes (partner_codes);
          partners = bitmap_from_sql (self, data,
                                      "SELECT ma_set_bits (action, ?2) FROM action_partner "
                                      "WHERE partner IN "
                                      "(SELECT CAST (value AS INTEGER) FROM json_each (?1))",
                                      json);
          if (partners == NULL)
            return NULL;
        }
      gsize mask_size = 0;

      for (int d = 0; d < N_DIMS; d++)
        mask_size += ma_dim_size (&data->dims[d]) + 1;
      mask_block = g_new0 (guint8, mask_size);
      mask_size = 0;
      for (int d = 0; d < N_DIMS; d++)
        {
          const char *const *codes = ma_filter_get_codes (filter, ma_dim_dimension[d]);
          masks[d] = mask_block + mask_size;
          mask_size += ma_dim_size (&data->dims[d]) + 1;
          if (codes[0] == NULL)
            continue;
          active[d] = TRUE;
          for (guint i = 0; codes[i] != NULL; i++)
            {
              int index = ma_dim_find (&data->dims[d], codes[i]);
              if (index >= 0)
                masks[d][index] = 1;
            }
        }
      if (ma_filter_get_date_from (filter) != NULL || ma_filter_get_date_to (filter) != NULL)
        {
          g_autofree char *lo = ma_date_lower_bound (ma_filter_get_date_from (filter));
          g_autofree char *hi = ma_date_upper_bound (ma_filter_get_date_to (filter));
          if (!data->dates_exact || (lo != NULL && !pack_date (lo, &date_lo)) ||
              (hi != NULL && !pack_date (hi, &date_hi)))
            return NULL;
          dates = TRUE;
        }
    }

  for (int d = 0; d < N_DIMS; d++)
    any_active |= active[d];
  result = ma_action_result_new (data->dims);
  result->from_index = TRUE;
  /* Room for every id; they are written in place (a call per id cost 1-2 ms per
   * keystroke at 100,000 Actions: callgrind) and the length set at the end. */
  if (!with_counts)
    {
      result->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), data->n);
      g_array_set_size (result->ids, data->n);
      ids = (gint64 *) (void *) result->ids->data;
    }
  for (guint i = 0; i < data->n; i++)
    {
      guint32 id = order[i];
      guint fails = 0;
      int failed = -1;

      if (fts != NULL && !test_bit (fts, id))
        continue;
      if (partners != NULL && !test_bit (partners, id))
        continue;
      if (dates)
        {
          guint32 s = data->start_lo[id], e = data->end_hi[id];
          /* A known period that overlaps [lo, hi]: as ma_store_filter_condition. */
          if (s == 0 && e == 0)
            continue;
          if (e != 0 && e < date_lo)
            continue;
          if (s != 0 && s > date_hi)
            continue;
        }
      for (int d = DIM_STATUS; d <= DIM_TYPE && any_active; d++)
        if (active[d] && (data->attr[d][id] == NONE || !masks[d][data->attr[d][id]]))
          {
            fails++;
            failed = d;
          }
      for (guint l = 0; l < N_LINKS && fails < 2 && any_active; l++)
        {
          int d = l == LINK_COUNTRY ? DIM_COUNTRY : DIM_THEME;
          const guint16 *values;
          gboolean any = FALSE;
          if (!active[d])
            continue;
          values = link_values (data, l, id);
          for (guint k = 0; k < data->link_len[l][id] && !any; k++)
            any = masks[d][values[k]];
          if (!any)
            {
              fails++;
              failed = d;
            }
        }
      if (fails == 0)
        {
          if (!with_counts)
            ids[n_ids++] = id;
          else
            {
              n_ids++;
              const guint16 *values = link_values (data, LINK_COUNTRY, id);
              guint n_status = ma_dim_size (&data->dims[DIM_STATUS]);
              guint8 status = data->attr[DIM_STATUS][id];

              count_row (data, result->counts, id, -1);
              if (status != NONE)
                {
                  guint8 region = data->attr[DIM_REGION][id];
                  guint row = region != NONE ? region : ma_dim_size (&data->dims[DIM_REGION]);
                  result->region_status[row * n_status + status]++;
                }
              for (guint k = 0; k < data->link_len[LINK_COUNTRY][id]; k++)
                {
                  if (status != NONE)
                    result->country_status[values[k] * n_status + status]++;
                  result->country_activities[values[k]] += data->activities[id];
                }
            }
        }
      else if (fails == 1 && with_counts)
        count_row (data, result->facets, id, failed);
    }
  if (result->ids != NULL)
    g_array_set_size (result->ids, n_ids);
  result->n_items = n_ids;
  for (guint d = 0; d < N_DIMS; d++)
    for (guint k = 0; k < ma_dim_size (&result->dims[d]); k++)
      result->facets[d][k] += result->counts[d][k];
  return result;
}

void
ma_action_index_set_sort_chunk (guint titles)
{
  g_return_if_fail (titles > 0);
  sort_chunk = titles;
}

/* ---- GObject and the public functions ------------------------------------------ */

static void
ma_action_index_finalize (GObject *object)
{
  MaActionIndex *self = MA_ACTION_INDEX (object);

  drop_cache (self);
  g_clear_pointer (&self->data, index_data_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ma_action_index_parent_class)->finalize (object);
}

static void
ma_action_index_class_init (MaActionIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_action_index_finalize;
}

static void
ma_action_index_init (MaActionIndex *self)
{
}

MaActionIndex *
ma_action_index_new (MaStore *store)
{
  MaActionIndex *self;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);
  self = g_object_new (MA_TYPE_ACTION_INDEX, NULL);
  self->store = g_object_ref (store);
  return self;
}

gboolean
ma_action_index_load (MaActionIndex *self, GError **error)
{
  IndexData *data;

  g_return_val_if_fail (MA_IS_ACTION_INDEX (self), FALSE);

  data = index_data_load (ma_store_get_db (self->store), current_lang (), NULL, error);
  if (data == NULL)
    return FALSE;
  install (self, data);
  return TRUE;
}

void
ma_action_index_load_async (MaActionIndex *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  LoadTask *load;

  g_return_if_fail (MA_IS_ACTION_INDEX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ma_action_index_load_async);
  load = g_new0 (LoadTask, 1);
  load->path = g_strdup (ma_store_get_path (self->store));
  g_task_set_task_data (task, load, (GDestroyNotify) load_task_free);
  self->loading = TRUE;
  self->auto_reload = TRUE;
  start_load (self, task);
}

gboolean
ma_action_index_load_finish (MaActionIndex *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ma_action_index_is_loaded (MaActionIndex *self)
{
  g_return_val_if_fail (MA_IS_ACTION_INDEX (self), FALSE);
  return usable_data (self) != NULL;
}

void
ma_action_index_drop (MaActionIndex *self)
{
  g_return_if_fail (MA_IS_ACTION_INDEX (self));
  drop_cache (self);
  g_clear_pointer (&self->data, index_data_free);
  self->stale = FALSE;
  self->auto_reload = FALSE;
}

void
ma_action_index_changed (MaActionIndex *self, gint64 action)
{
  g_return_if_fail (MA_IS_ACTION_INDEX (self));

  self->changes++;
  if (self->data == NULL || self->stale)
    return;
  if (update_one (self, action))
    return;
  /* A change of many Actions: SQL answers until the index is loaded again. */
  self->stale = TRUE;
  if (self->auto_reload && !self->loading)
    ma_action_index_load_async (self, NULL, NULL, NULL);
}

GArray *
ma_action_index_query_ids (MaActionIndex *self,
                           MaFilter *filter,
                           MaSortKey sort,
                           gboolean descending)
{
  g_autoptr (MaActionResult) result = NULL;

  g_return_val_if_fail (MA_IS_ACTION_INDEX (self), NULL);
  result = query_index_pass (self, filter, sort, descending, FALSE);
  return result != NULL ? g_array_ref (result->ids) : NULL;
}

MaActionResult *
ma_action_index_query_actions (MaActionIndex *self, MaFilter *filter)
{
  g_return_val_if_fail (MA_IS_ACTION_INDEX (self), NULL);
  return query_counted (self, filter);
}
