/* ma-geo-pack.c: converts world-atlas TopoJSON into the packed geometry that the
 * program reads without decoding (see ma_geo_pack () in src/core/ma-geo.c).
 * Run by the build: ma-geo-pack countries-50m.json countries-50m.bin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "ma-geo.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr (MaGeo) geo = NULL;
  g_autoptr (GBytes) packed = NULL;
  gsize length;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s INPUT.json OUTPUT.bin\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &data, &length, &error) ||
      (geo = ma_geo_new_from_data (data, length, &error)) == NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }
  packed = ma_geo_pack (geo);
  if (!g_file_set_contents (argv[2], g_bytes_get_data (packed, NULL), g_bytes_get_size (packed),
                            &error))
    {
      fprintf (stderr, "%s: %s\n", argv[2], error->message);
      return 1;
    }
  return 0;
}
