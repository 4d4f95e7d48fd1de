/* fuzz-topojson.c: the TopoJSON decoder of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "ma-geo.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaGeo) geo = NULL;

  /* Text only: the packed form is made by the build from the shipped map. */
  if (size == 0 || data[0] != '{')
    return 0;
  geo = ma_geo_new_from_data ((const char *) data, size, &error);
  g_assert_true ((geo == NULL) == (error != NULL));
  if (geo != NULL)
    (void) ma_geo_get_n_features (geo);
  return 0;
}
