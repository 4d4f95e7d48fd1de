/* ma-bench-map-main.c: mieux-actions-bench-map [REPS], the map benchmark alone
 * on the sample Actions (the bench program calls ma_bench_map () itself).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "ma-bench-map.h"
#include "ma-i18n.h"

int
main (int argc, char **argv)
{
  static const int sizes[][2] = { { 1280, 800 }, { 3840, 2160 } };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ma-bench-map-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (MaStore) store = NULL;
  int reps = argc > 1 ? atoi (argv[1]) : 31;
  gboolean ok = TRUE;

  ma_i18n_init ();
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "actions.db", NULL);
  store = ma_store_open (path, MA_STORE_OPEN_CREATE, &error);
  if (store == NULL || !ma_store_load_sample_data (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (sizes); i++)
    ok = ma_bench_map (store, sizes[i][0], sizes[i][1], reps, stdout);
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
  return ok ? 0 : 1;
}
