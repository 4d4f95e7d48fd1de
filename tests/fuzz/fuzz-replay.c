/* fuzz-replay.c: runs a fuzz target over files, for the test suite and for
 * builds without libFuzzer: every file of the seed corpus (and every crash once
 * found, kept there) is fed to LLVMFuzzerTestOneInput.
 *
 * Usage: fuzz-TARGET-replay FILE-OR-FOLDER...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
replay (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          n += replay (child);
        }
      return n;
    }
  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      fprintf (stderr, "cannot read %s\n", path);
      return 0;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int argc, char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += replay (argv[i]);
  printf ("1..1\nok 1 - %u inputs ran without a crash\n", n);
  return n > 0 ? 0 : 1;
}
