/* ma-backups.h: automatic backups of a database, and putting one back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ma-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *path;
  char *reason;    /* "daily", "import", "upgrade", "restore" */
  GDateTime *time; /* when it was made, UTC */
  guint64 size;
  int n_actions; /* -1 when the file cannot be read */
} MaBackup;

void ma_backup_free (MaBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaBackup, ma_backup_free)

/* The folder of DATABASE's backups: $XDG_DATA_HOME/mieux-actions/backups/NAME-HASH,
 * one per database file (HASH tells apart two files of the same name). */
char *ma_backups_folder (const char *database);
/* How many automatic backups are kept: the GSettings key backups-keep (10). */
guint ma_backups_keep (void);
/* DATABASE's backups, newest first. */
GPtrArray *ma_backups_list (const char *database, GError **error);

/* Copies SELF online (SQLite's backup API) into its backups folder, named by the
 * time and REASON, and removes all but the newest ma_backups_keep (). Returns the
 * new file. With too little free space it writes nothing and fails with
 * MA_STORE_ERROR_DISK_FULL: callers warn and go on. */
char *ma_store_auto_backup (MaStore *self, const char *reason, GError **error);
/* The backup of the day: makes one when the newest is more than a day old. Returns
 * the new file, or NULL with no error when none was due. */
char *ma_store_backup_daily (MaStore *self, GError **error);
/* Puts BACKUP back into SELF (online, other connections see it at their next
 * read), after an automatic backup of the current state (its path in SAVED_AS;
 * without room for it nothing is restored); upgrades the schema if the backup is
 * older.
 * BACKUP must be a MIEUX+ Actions database this program can read. */
gboolean ma_store_restore (MaStore *self, const char *backup, char **saved_as, GError **error);

G_END_DECLS
