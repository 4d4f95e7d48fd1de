/* ma-cli.h: what the subcommands of mieux-actions-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ma-action-query.h"
#include "ma-store.h"

G_BEGIN_DECLS

/* Exit status of the command-line contract (design.md). */
enum
{
  MA_CLI_OK = 0,
  MA_CLI_USER_ERROR = 1,
  MA_CLI_USAGE = 2,
};

typedef struct
{
  char *database;
  char *lang;
  /* FILTER */
  char *search;
  char **statuses;
  char **regions;
  char **countries;
  char **themes;
  char **types;
  char **partners;
  int year;
  char *from;
  char *to;
} MaCliOptions;

typedef int (*MaCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *parameters; /* untranslated synopsis after the name */
  const char *summary;    /* N_() */
  MaCliCommandFunc run;
} MaCliCommand;

/* A GOptionContext for "mieux-actions-cli NAME" with --database and --lang, and
 * the FILTER options when with_filter. Further entries may be added. */
GOptionContext *ma_cli_context_new (const char *name,
                                    const char *parameters,
                                    const char *summary,
                                    MaCliOptions *options,
                                    gboolean with_filter);
/* Parses; on failure prints the usage error. Applies --lang. */
gboolean ma_cli_parse (GOptionContext *context, MaCliOptions *options, int *argc, char ***argv);
void ma_cli_options_clear (MaCliOptions *options);

/* Prints "mieux-actions-cli: MESSAGE" on stderr and returns MA_CLI_USER_ERROR. */
int ma_cli_fail (GError *error);
int ma_cli_fail_message (const char *message);
/* Prints a usage error and returns MA_CLI_USAGE. */
int ma_cli_usage (GOptionContext *context, const char *message);

MaStore *ma_cli_open_store (MaCliOptions *options, GError **error);
MaFilter *ma_cli_build_filter (MaCliOptions *options, MaStore *store, GError **error);
/* The language of output: --lang, else the locale's. */
const char *ma_cli_lang (MaCliOptions *options);
/* Reads "WxH" (or "WXH") with both sides between MIN and MAX pixels. */
gboolean ma_cli_parse_size (const char *text, int min, int max, int *width, int *height);

/* Subcommands */
int ma_cli_init (int argc, char **argv);
int ma_cli_list (int argc, char **argv);
int ma_cli_show (int argc, char **argv);
int ma_cli_check (int argc, char **argv);
int ma_cli_backup (int argc, char **argv);
int ma_cli_export (int argc, char **argv);
int ma_cli_import (int argc, char **argv);
int ma_cli_chart (int argc, char **argv);
int ma_cli_report (int argc, char **argv);
int ma_cli_map (int argc, char **argv);
int ma_cli_backups (int argc, char **argv);
int ma_cli_restore (int argc, char **argv);

G_END_DECLS
