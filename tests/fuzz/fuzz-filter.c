/* fuzz-filter.c: the command-line tool's filter options, parsed and checked
 * against a database with the sample Actions. The input is the arguments, one a
 * line, after "mieux-actions-cli list".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ma-cli.h"
#include "ma-i18n.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *store_dir;

/* The database of the target, its WAL and the last input go when the process ends. */
static void
remove_store_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (store_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (store_dir);
}

static MaStore *store;

/* GOption prints the help and exits on these: not a parse the tool can fail. */
static gboolean
asks_for_help (const char *arg)
{
  if (g_str_has_prefix (arg, "--help"))
    return TRUE;
  return arg[0] == '-' && arg[1] != '-' && strpbrk (arg, "h?") != NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = g_strsplit (text, "\n", 64);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MaFilter) filter = NULL;
  MaCliOptions options = { 0 };
  GOptionContext *context;
  char **argv;
  int argc;

  if (store == NULL)
    {
      g_autofree char *path = NULL;
      store_dir = g_dir_make_tmp ("ma-fuzz-XXXXXX", NULL);
      atexit (remove_store_dir);
      path = g_build_filename (store_dir, "actions.db", NULL);
      ma_i18n_init ();
      store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);
      g_assert_no_error (error);
      ma_store_load_sample_data (store, &error);
      g_assert_no_error (error);
    }
  g_ptr_array_add (args, (char *) "list");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_utf8_validate (lines[i], -1, NULL) || asks_for_help (lines[i]))
        return 0;
      g_ptr_array_add (args, lines[i]);
    }
  g_ptr_array_add (args, NULL);
  argc = (int) args->len - 1;
  /* GOption takes arguments out of the array it is given: parse a copy. */
  argv = g_memdup2 (args->pdata, args->len * sizeof (char *));
  context = ma_cli_context_new ("list", "", "", &options, TRUE);
  if (ma_cli_parse (context, &options, &argc, &argv))
    {
      filter = ma_cli_build_filter (&options, store, &error);
      g_assert_true ((filter == NULL) == (error != NULL));
    }
  g_option_context_free (context);
  ma_cli_options_clear (&options);
  g_free (argv);
  ma_i18n_set_language ("en");
  return 0;
}
