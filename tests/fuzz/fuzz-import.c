/* fuzz-import.c: the CSV, JSON, XLSX or IATI importer (FUZZ_FORMAT), on a database with the
 * sample Actions, as a dry run: every input is checked from its bytes to the rows
 * that would be written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "ma-exchange.h"
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
static char *input_path;

static void
set_up (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;

  /* Dry runs copy the database to the temporary folder; backups are not made. */
  store_dir = g_dir_make_tmp ("ma-fuzz-XXXXXX", NULL);
  atexit (remove_store_dir);
  dir = g_strdup (store_dir);
  path = g_build_filename (dir, "actions.db", NULL);
  ma_i18n_init ();
  ma_i18n_set_language ("en");
  store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (store, &error);
  g_assert_no_error (error);
  input_path = g_build_filename (dir, "input", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_auto (MaImportReport) report = { 0 };

  if (store == NULL)
    set_up ();
  g_assert_true (g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL));
  file = g_file_new_for_path (input_path);
  for (guint mode = 0; mode < 2; mode++)
    {
      gboolean ok =
          ma_import_actions (store, FUZZ_FORMAT, mode == 0 ? MA_IMPORT_ADD : MA_IMPORT_UPDATE, TRUE,
                             file, &report, &error);
      g_assert_true (ok == (error == NULL));
      g_clear_error (&error);
      ma_import_report_clear (&report);
    }
  return 0;
}
