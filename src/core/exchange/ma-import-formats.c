/* ma-import-formats.c: formats the importer cannot read yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ma-import-private.h"

MaImportTable *
ma_import_read_xlsx (GFile *file, const char *sheet, GError **error)
{
  g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                       _ ("Workbooks cannot be imported yet: save the sheet as CSV first"));
  return NULL;
}

MaImportTable *
ma_import_read_iati (const char *data, gsize length, GError **error)
{
  g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                       _ ("IATI files cannot be imported yet"));
  return NULL;
}
