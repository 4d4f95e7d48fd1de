/* ma-resources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-resources"

#include "config.h"

#include <gio/gio.h>

#include "ma-core-resources.h"
#include "ma-resources.h"

void
ma_resources_register (void)
{
  static gsize registered = 0;

  /* A static library drops constructors nobody references, so register by hand. */
  if (g_once_init_enter (&registered))
    {
      ma_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
