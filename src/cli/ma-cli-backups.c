/* ma-cli-backups.c: backups and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ma-action-query.h"
#include "ma-backups.h"
#include "ma-cli.h"

static char *
database_path (MaCliOptions *options)
{
  return options->database != NULL ? g_strdup (options->database) : ma_store_default_path ();
}

int
ma_cli_backups (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autoptr (GOptionContext) context = ma_cli_context_new (
      "backups", "", N_ ("List the automatic backups of the database, newest first."), &options,
      FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  int status = MA_CLI_OK;

  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (argc > 1)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("backups takes no file name: use --database FILE"));
    }
  path = database_path (&options);
  folder = ma_backups_folder (path);
  backups = ma_backups_list (path, &error);
  if (backups == NULL)
    status = ma_cli_fail (error);
  else if (backups->len == 0)
    /* Translators: %s is the folder where the backups would be. */
    printf (_ ("No automatic backup yet (they go to %s)\n"), folder);
  else
    for (guint i = 0; i < backups->len; i++)
      {
        MaBackup *backup = backups->pdata[i];
        g_autoptr (GDateTime) local = g_date_time_to_local (backup->time);
        g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
        g_autofree char *count =
            backup->n_actions < 0 ? g_strdup (_ ("unreadable"))
                                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Action",
                                                                  "%d Actions", backup->n_actions),
                                                     backup->n_actions);
        /* Columns: date, why it was made, how many Actions it holds, the file. */
        printf ("%s\t%s\t%s\t%s\n", when, backup->reason, count, backup->path);
      }
  ma_cli_options_clear (&options);
  return status;
}

int
ma_cli_restore (int argc, char **argv)
{
  MaCliOptions options = { 0 };
  g_autoptr (GOptionContext) context =
      ma_cli_context_new ("restore", N_ ("FILE"),
                          N_ ("Put a backup back in place of the database, after backing up "
                              "its current state."),
                          &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = NULL;
  g_autofree char *saved_as = NULL;
  int status = MA_CLI_OK;

  if (!ma_cli_parse (context, &options, &argc, &argv))
    return MA_CLI_USAGE;
  if (argc != 2)
    {
      ma_cli_options_clear (&options);
      return ma_cli_usage (context, _ ("restore needs one backup file"));
    }
  store = ma_cli_open_store (&options, &error);
  if (store == NULL || !ma_store_restore (store, argv[1], &saved_as, &error))
    status = ma_cli_fail (error);
  else
    {
      g_autoptr (MaActionQuery) query = ma_action_query_new (store);
      guint n = ma_action_query_count (query, NULL, NULL);
      printf (g_dngettext (GETTEXT_PACKAGE, "Restored %2$s: %1$u Action\n",
                           "Restored %2$s: %1$u Actions\n", n),
              n, argv[1]);
      /* Translators: %s is the file of the backup made just before restoring. */
      printf (_ ("The state before was backed up as %s\n"), saved_as);
    }
  ma_cli_options_clear (&options);
  return status;
}
