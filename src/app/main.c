/* main.c: mieux-actions, the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mieux-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-application.h"
#include "ma-i18n.h"

int
main (int argc, char **argv)
{
  g_autoptr (MaApplication) app = NULL;

  ma_i18n_init ();
  /* The language preference, before any widget or translated string exists. */
  ma_application_apply_language ();
  g_set_application_name (_ ("MIEUX+ Actions"));
  app = ma_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
