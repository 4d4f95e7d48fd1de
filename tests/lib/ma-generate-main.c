/* ma-generate-main.c: mieux-actions-generate PATH N [SEED] [--plain]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ma-generate.h"
#include "ma-i18n.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  MaGenerateStats stats;
  MaGenerateFlags flags = MA_GENERATE_DEFAULT;
  guint64 seed = 1;

  ma_i18n_init ();
  if (argc < 3)
    {
      g_printerr ("usage: %s PATH N_ACTIONS [SEED] [--plain]\n", argv[0]);
      return 2;
    }
  if (argc > 3)
    seed = g_ascii_strtoull (argv[3], NULL, 10);
  if (argc > 4 && strcmp (argv[4], "--plain") == 0)
    flags |= MA_GENERATE_PLAIN;
  if (!ma_generate_database (argv[1], (guint) atoi (argv[2]), seed, flags, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%u actions, %u countries, %u themes, %u partner links, %u activities, "
           "%u translations in %.0f ms\n",
           stats.n_actions, stats.n_countries, stats.n_themes, stats.n_partners, stats.n_activities,
           stats.n_texts, stats.insert_ms);
  return 0;
}
