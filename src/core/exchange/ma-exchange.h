/* ma-exchange.h: Actions to and from CSV, XLSX, JSON and IATI files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ma-store.h"

G_BEGIN_DECLS

#define MA_EXCHANGE_ERROR (ma_exchange_error_quark ())

typedef enum
{
  MA_EXCHANGE_ERROR_FAILED,
  MA_EXCHANGE_ERROR_UNSUPPORTED,
  MA_EXCHANGE_ERROR_BAD_FILE,   /* not UTF-8, not CSV/JSON, missing header */
  MA_EXCHANGE_ERROR_BAD_ROWS,   /* some rows are invalid: nothing was written */
  MA_EXCHANGE_ERROR_BAD_COLUMN, /* --columns names an unknown column */
} MaExchangeError;

typedef enum
{
  MA_EXCHANGE_CSV,
  MA_EXCHANGE_XLSX,
  MA_EXCHANGE_JSON,
  MA_EXCHANGE_IATI,
} MaExchangeFormat;

typedef enum
{
  MA_IMPORT_ADD,    /* new Actions only; a known UUID or code is an error */
  MA_IMPORT_UPDATE, /* match by UUID, else by code; unknown ones are added */
} MaImportMode;

typedef enum
{
  MA_IMPORT_FLAGS_NONE = 0,
  /* A row that updates an Action must carry the "updated" time the Action has in
   * the database: one changed since the file was exported is not overwritten. */
  MA_IMPORT_IF_UNCHANGED = 1 << 0,
} MaImportFlags;

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
  GPtrArray *errors; /* "line N: message", translated */
} MaImportReport;

typedef struct
{
  const char *reporting_org;      /* IATI organisation identifier of the publisher */
  const char *reporting_org_name; /* its name */
  gboolean include_declined;      /* publish declined and withdrawn requests too */
  guint skipped;                  /* out: Actions left out (IATI needs a date) */
  char **left_out;                /* out: "code — title" of those; g_strfreev it */
  guint declined;                 /* out: declined and withdrawn requests left out */
} MaIatiOptions;

typedef struct
{
  gboolean spreadsheet; /* UTF-8 with a BOM and ";", as Calc and Excel open it in French */
  gboolean labels;      /* translated headers and names instead of column names and codes */
} MaCsvOptions;

GQuark ma_exchange_error_quark (void);

gboolean ma_exchange_format_from_string (const char *name, MaExchangeFormat *format);
/* The columns of CSV and XLSX files, in their default order. */
const char *const *ma_exchange_columns (void);

/* Writes the Actions FILTER selects (NULL: all) to FILE, replacing it only once
 * everything is written. COLUMNS (CSV, XLSX): NULL for all. */
gboolean ma_export_actions (MaStore *store,
                            MaFilter *filter,
                            MaExchangeFormat format,
                            const char *const *columns,
                            MaIatiOptions *iati,
                            GFile *file,
                            GError **error);

/* The same, with the dialect of a CSV file (NULL: names and codes, ",", no BOM). */
gboolean ma_export_actions_csv (MaStore *store,
                                MaFilter *filter,
                                MaExchangeFormat format,
                                const char *const *columns,
                                const MaCsvOptions *csv,
                                MaIatiOptions *iati,
                                GFile *file,
                                GError **error);

/* Reads Actions from FILE in one transaction: either every row is valid and
 * written, or nothing is and REPORT lists the rows at fault. DRY_RUN checks and
 * counts without writing. */
gboolean ma_import_actions (MaStore *store,
                            MaExchangeFormat format,
                            MaImportMode mode,
                            gboolean dry_run,
                            GFile *file,
                            MaImportReport *report,
                            GError **error);
/* The same with FLAGS. */
gboolean ma_import_actions_full (MaStore *store,
                                 MaExchangeFormat format,
                                 MaImportMode mode,
                                 MaImportFlags flags,
                                 gboolean dry_run,
                                 GFile *file,
                                 MaImportReport *report,
                                 GError **error);
void ma_import_report_clear (MaImportReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MaImportReport, ma_import_report_clear)

G_END_DECLS
