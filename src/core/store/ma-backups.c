/* ma-backups.c: automatic backups of a database, and putting one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ma-backups.h"
#include "ma-store-private.h"

#define SCHEMA_ID "eu.mieux_initiative.Actions"
#define DEFAULT_KEEP 10
/* A backup is skipped when less than this, plus twice the database, would stay
 * free: a backup must never be what fills the disk. */
#define MIN_FREE_BYTES (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define NAME_SUFFIX ".db"

void
ma_backup_free (MaBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->reason);
  g_clear_pointer (&backup->time, g_date_time_unref);
  g_free (backup);
}

char *
ma_backups_folder (const char *database)
{
  g_autofree char *absolute = g_canonicalize_filename (database, NULL);
  g_autofree char *base = g_path_get_basename (absolute);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  hash[12] = '\0';
  name = g_strdup_printf ("%s-%s", base, hash);
  return g_build_filename (g_get_user_data_dir (), "mieux-actions", "backups", name, NULL);
}

guint
ma_backups_keep (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  /* g_settings_new aborts on a missing schema: the tool runs without one too. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "backups-keep"))
    return DEFAULT_KEEP;
  settings = g_settings_new (SCHEMA_ID);
  return MAX (1, g_settings_get_uint (settings, "backups-keep"));
}

/* "20261204T194501.123Z-import.db": the time (UTC) and the reason. */
static gboolean
parse_name (const char *name, GDateTime **time, char **reason)
{
  int y, mo, d, h, mi, s, ms, consumed = 0;
  const char *rest;

  if (!g_str_has_suffix (name, NAME_SUFFIX) ||
      sscanf (name, "%4d%2d%2dT%2d%2d%2d.%3dZ-%n", &y, &mo, &d, &h, &mi, &s, &ms, &consumed) != 7 ||
      consumed == 0)
    return FALSE;
  rest = name + consumed;
  *time = g_date_time_new_utc (y, mo, d, h, mi, s + ms / 1000.0);
  if (*time == NULL)
    return FALSE;
  *reason = g_strndup (rest, strlen (rest) - strlen (NAME_SUFFIX));
  /* "import-2" when two backups fell in the same millisecond */
  if (strchr (*reason, '-') != NULL)
    *strchr (*reason, '-') = '\0';
  return TRUE;
}

static int
count_actions (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM action", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const MaBackup *x = *(MaBackup **) a, *y = *(MaBackup **) b;
  int by_time = g_date_time_compare (y->time, x->time);

  return by_time != 0 ? by_time : strcmp (y->path, x->path);
}

/* The backups in FOLDER, newest first; COUNT reads each one's number of Actions. */
static GPtrArray *
list_folder (const char *folder, gboolean count, GError **error)
{
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_backup_free);
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) dir = g_dir_open (folder, 0, &local);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_PERMISSION,
                   _ ("The backups in “%1$s” cannot be read: %2$s"), folder, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      MaBackup *backup = g_new0 (MaBackup, 1);
      GStatBuf info;

      if (!parse_name (name, &backup->time, &backup->reason))
        {
          ma_backup_free (backup);
          continue;
        }
      backup->path = g_build_filename (folder, name, NULL);
      backup->size = g_stat (backup->path, &info) == 0 ? (guint64) info.st_size : 0;
      backup->n_actions = count ? count_actions (backup->path) : -1;
      g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, newest_first);
  return g_steal_pointer (&backups);
}

GPtrArray *
ma_backups_list (const char *database, GError **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (database != NULL, NULL);
  folder = ma_backups_folder (database);
  return list_folder (folder, TRUE, error);
}

static gboolean
enough_room (MaStore *self, const char *folder, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (folder);
  g_autoptr (GFileInfo) info = NULL;
  const char *override = g_getenv ("MIEUX_ACTIONS_BACKUP_MIN_FREE");
  guint64 minimum = override != NULL ? g_ascii_strtoull (override, NULL, 10) : MIN_FREE_BYTES;
  guint64 free_bytes, needed;
  GStatBuf stat_info;

  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE; /* the system cannot tell: try, a full disk still fails cleanly */
  free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  needed = minimum;
  if (g_stat (ma_store_get_path (self), &stat_info) == 0)
    needed += 2 * (guint64) stat_info.st_size;
  if (free_bytes >= needed)
    return TRUE;
  {
    g_autofree char *have = g_format_size (free_bytes);
    g_autofree char *want = g_format_size (needed);
    g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL,
                 /* Translators: %1$s and %2$s are sizes such as "12.3 MB". */
                 _ ("No automatic backup was made: only %1$s is free on the disk of the backups, "
                    "and a backup needs %2$s"),
                 have, want);
  }
  return FALSE;
}

char *
ma_store_auto_backup (MaStore *self, const char *reason, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autoptr (GPtrArray) backups = NULL;
  guint keep = ma_backups_keep ();

  g_return_val_if_fail (MA_IS_STORE (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  folder = ma_backups_folder (ma_store_get_path (self));
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, MA_STORE_ERROR,
                   saved == ENOSPC ? MA_STORE_ERROR_DISK_FULL : MA_STORE_ERROR_PERMISSION,
                   _ ("The folder “%s” cannot be created: %s"), folder, g_strerror (saved));
      return NULL;
    }
  if (!enough_room (self, folder, error))
    return NULL;
  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name =
          n == 1 ? g_strdup_printf ("%s.%03dZ-%s" NAME_SUFFIX, stamp,
                                    g_date_time_get_microsecond (now) / 1000, reason)
                 : g_strdup_printf ("%s.%03dZ-%s-%u" NAME_SUFFIX, stamp,
                                    g_date_time_get_microsecond (now) / 1000, reason, n);
      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }
  /* Under another name until it is whole: a process killed halfway leaves no
   * file that looks like a backup. */
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  if (!ma_store_backup (self, partial, error))
    return NULL;
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;
      g_unlink (partial);
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED,
                   _ ("The backup “%1$s” cannot be written: %2$s"), path, g_strerror (saved));
      return NULL;
    }

  /* Keep the newest KEEP, this one among them. */
  backups = list_folder (folder, FALSE, NULL);
  for (guint i = keep; backups != NULL && i < backups->len; i++)
    g_unlink (((MaBackup *) backups->pdata[i])->path);
  return g_steal_pointer (&path);
}

char *
ma_store_backup_daily (MaStore *self, GError **error)
{
  g_autofree char *folder = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  if (ma_store_get_read_only (self))
    return NULL;
  folder = ma_backups_folder (ma_store_get_path (self));
  backups = list_folder (folder, FALSE, NULL);
  if (backups != NULL && backups->len > 0 &&
      g_date_time_difference (now, ((MaBackup *) backups->pdata[0])->time) < G_TIME_SPAN_DAY)
    return NULL;
  return ma_store_auto_backup (self, "daily", error);
}

gboolean
ma_store_restore (MaStore *self, const char *backup, char **saved_as, GError **error)
{
  g_autoptr (MaStore) source = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *before = NULL;
  sqlite3_backup *copy;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (saved_as != NULL)
    *saved_as = NULL;
  if (ma_store_get_read_only (self))
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_READ_ONLY,
                           _ ("The database is read-only: the change was not saved"));
      return FALSE;
    }
  /* Read only: the same checks as any file opened (ours, not newer), and sound. */
  source = ma_store_open (backup, MA_STORE_OPEN_READ_ONLY, error);
  if (source == NULL)
    return FALSE;
  problems = ma_store_check (source, NULL, error);
  if (problems == NULL)
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE,
                   _ ("“%1$s” is damaged and was not restored: %2$s"), backup,
                   (const char *) problems->pdata[0]);
      return FALSE;
    }

  /* Never without a way back: no backup of the current state, no restore. */
  before = ma_store_auto_backup (self, "restore", error);
  if (before == NULL)
    return FALSE;

  copy = sqlite3_backup_init (ma_store_get_db (self), "main", ma_store_get_db (source), "main");
  if (copy == NULL)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self),
                                 sqlite3_errcode (ma_store_get_db (self)));
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (copy, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (copy);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, ma_store_get_db (self), rc);
      return FALSE;
    }
  /* A backup made before an upgrade is upgraded like any older file. */
  if (!ma_store_migrate (self, error))
    return FALSE;
  ma_store_emit_changed (self, 0);
  if (saved_as != NULL)
    *saved_as = g_steal_pointer (&before);
  return TRUE;
}
