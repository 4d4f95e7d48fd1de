/* ma-store.h: the SQLite file of MIEUX+ Actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ma-action.h"
#include "ma-filter.h"
#include "ma-records.h"

G_BEGIN_DECLS

#define MA_STORE_ERROR (ma_store_error_quark ())

typedef enum
{
  MA_STORE_ERROR_FAILED,
  MA_STORE_ERROR_NEWER_VERSION,
  MA_STORE_ERROR_NOT_A_DATABASE,
  MA_STORE_ERROR_INVALID,
  MA_STORE_ERROR_NOT_FOUND,
  MA_STORE_ERROR_EXISTS,
  MA_STORE_ERROR_DISK_FULL,
  MA_STORE_ERROR_READ_ONLY,  /* the file or its folder may not be written */
  MA_STORE_ERROR_PERMISSION, /* the system refused access */
  MA_STORE_ERROR_IO,         /* the disk failed to read or write */
  MA_STORE_ERROR_NOT_A_FILE, /* a folder or a device, not a file */
} MaStoreError;

/* The schema version this program writes; PRAGMA user_version of the file. */
#define MA_STORE_SCHEMA_VERSION 5

typedef enum
{
  MA_STORE_OPEN_DEFAULT = 0,
  MA_STORE_OPEN_CREATE = 1 << 0,      /* create the file when it does not exist */
  MA_STORE_OPEN_MUST_CREATE = 1 << 1, /* refuse an existing file */
  /* A 256 KiB page cache instead of 2 MiB: a worker's connection for one query, or
   * the window's, whose searches and facets the in-memory index answers. */
  MA_STORE_OPEN_SMALL_CACHE = 1 << 2,
  /* Never write, take no write lock. A file that this user may not write (or whose
   * folder it may not write) is opened so even without this flag. */
  MA_STORE_OPEN_READ_ONLY = 1 << 3,
} MaStoreOpenFlags;

typedef enum
{
  MA_SORT_TITLE,
  MA_SORT_CODE,
  MA_SORT_START,
  MA_SORT_STATUS,
  MA_SORT_REGION,
} MaSortKey;

#define MA_TYPE_STORE (ma_store_get_type ())
G_DECLARE_FINAL_TYPE (MaStore, ma_store, MA, STORE, GObject)

GQuark ma_store_error_quark (void);

char *ma_store_default_path (void);
MaStore *ma_store_open (const char *path, MaStoreOpenFlags flags, GError **error);
const char *ma_store_get_path (MaStore *self);
gboolean ma_store_get_created (MaStore *self);
/* TRUE when the file was opened read-only: every change fails with
 * MA_STORE_ERROR_READ_ONLY and nothing is lost. */
gboolean ma_store_get_read_only (MaStore *self);
/* Another connection (the command-line tool, another window) committed since the
 * last call (PRAGMA data_version): emits MaStore::changed with action 0, so that
 * everything on screen reads the file again, and returns TRUE. Cheap enough for a
 * timer of a second. */
gboolean ma_store_check_external_changes (MaStore *self);
gboolean ma_store_load_sample_data (MaStore *self, GError **error);
gboolean ma_store_backup (MaStore *self, const char *destination, GError **error);
/* A private copy of the database in a temporary file, deleted with the store: what
 * a dry run writes into, so that checking a file needs no write access (and takes
 * no write lock) on the database itself. */
MaStore *ma_store_open_scratch_copy (MaStore *self, GError **error);
/* Errors (damage, broken links, impossible dates); WARNINGS gets gaps in what is
 * known (an Action without a thematic area). Both arrays of strings. */
GPtrArray *ma_store_check (MaStore *self, GPtrArray **warnings, GError **error);

/* Reference vocabularies, in their stable order. */
GPtrArray *
ma_store_list_terms (MaStore *self, MaVocabulary vocabulary, const char *lang, GError **error);
char *
ma_store_term_name (MaStore *self, MaVocabulary vocabulary, const char *code, const char *lang);
gboolean ma_store_term_exists (MaStore *self, MaVocabulary vocabulary, const char *code);

/* Actions */
MaAction *ma_store_get_action (MaStore *self, gint64 id, const char *lang, GError **error);
/* The Actions of IDS in that order, those that exist, in one query per table:
 * what a list needs to show the rows it has bound. */
GPtrArray *ma_store_get_actions (
    MaStore *self, const gint64 *ids, guint n_ids, const char *lang, GError **error);
gint64 ma_store_find_action (MaStore *self, const char *code_or_uuid, GError **error);
gint64
ma_store_create_action (MaStore *self, const char *title, const char *status, GError **error);
gint64 ma_store_duplicate_action (MaStore *self, gint64 id, GError **error);
gboolean ma_store_set_action_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error);
gboolean ma_store_set_action_text (MaStore *self,
                                   gint64 id,
                                   const char *lang,
                                   const char *title,
                                   const char *summary,
                                   GError **error);
gboolean
ma_store_set_action_countries (MaStore *self, gint64 id, const char *const *codes, GError **error);
gboolean
ma_store_set_action_themes (MaStore *self, gint64 id, const char *const *codes, GError **error);
gboolean ma_store_set_action_partners (
    MaStore *self, gint64 id, const gint64 *partners, guint n_partners, GError **error);
gint64 ma_store_delete_action (MaStore *self, gint64 id, GError **error);
/* Brings back the Action, activity or output whose deletion is the history entry
 * DELETION (what ma_store_delete_action (), _activity () or _output () returned);
 * returns the Action, or -1. */
gint64 ma_store_undo_delete (MaStore *self, gint64 deletion, GError **error);

/* Partners, activities, outputs, experts of an Action */
GPtrArray *ma_store_list_partners (MaStore *self, gint64 action, GError **error);
gint64 ma_store_find_partner (MaStore *self, const char *name_or_uuid, GError **error);
gint64 ma_store_create_partner (
    MaStore *self, const char *name, const char *kind, const char *country, GError **error);
gboolean ma_store_set_partner_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error);
GPtrArray *ma_store_list_activities (MaStore *self, gint64 action, GError **error);
gint64 ma_store_create_activity (MaStore *self, gint64 action, const char *kind, GError **error);
gboolean ma_store_set_activity_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error);
/* Returns the history entry of the deletion (for ma_store_undo_delete ()), or -1. */
gint64 ma_store_delete_activity (MaStore *self, gint64 id, GError **error);
GPtrArray *ma_store_list_outputs (MaStore *self, gint64 action, GError **error);
gint64 ma_store_create_output (
    MaStore *self, gint64 action, const char *kind, const char *title, GError **error);
gboolean ma_store_set_output_field (
    MaStore *self, gint64 id, const char *field, const char *value, GError **error);
/* Returns the history entry of the deletion (for ma_store_undo_delete ()), or -1. */
gint64 ma_store_delete_output (MaStore *self, gint64 id, GError **error);
GPtrArray *ma_store_list_experts (MaStore *self, gint64 action, GError **error);
GPtrArray *ma_store_list_activity_experts (MaStore *self, gint64 activity, GError **error);
gint64
ma_store_create_expert (MaStore *self, const char *name, const char *member_state, GError **error);
gboolean ma_store_set_activity_experts (
    MaStore *self, gint64 activity, const gint64 *experts, guint n_experts, GError **error);

/* History of a record, oldest first */
GPtrArray *
ma_store_list_history (MaStore *self, const char *record, gint64 record_id, GError **error);

/* Saved views: named filters */
gboolean ma_store_save_view (MaStore *self, const char *name, MaFilter *filter, GError **error);
GPtrArray *ma_store_list_views (MaStore *self, GError **error);
MaFilter *ma_store_load_view (MaStore *self, const char *name, GError **error);
gboolean ma_store_delete_view (MaStore *self, const char *name, GError **error);

G_END_DECLS
