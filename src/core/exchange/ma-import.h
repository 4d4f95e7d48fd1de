/* ma-import.h: reading a file of Actions, its mapping, its preview and its writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-exchange.h"

G_BEGIN_DECLS

/* How to read dates such as 03/04/2022: never guessed. */
typedef enum
{
  MA_DATE_ORDER_UNKNOWN,
  MA_DATE_ORDER_DAY_FIRST,
  MA_DATE_ORDER_MONTH_FIRST,
} MaDateOrder;

/* One thing the preview tells: a rejection, a warning. ROW is the row of the
 * sheet (its header is row 1) or the number of the Action in a JSON or IATI file;
 * 0 for the whole file. COLUMN is the header as the file writes it, or NULL. */
typedef struct
{
  guint row;
  char *column;
  char *where; /* JSON: the path of the value, "[3].countries[0]", else NULL */
  char *message;
} MaImportIssue;

/* What an import does, or would do. */
typedef struct
{
  guint rows; /* rows of Actions read, empty ones left out */
  guint added;
  guint updated;
  guint unchanged;
  guint rejected;      /* rows with at least one problem */
  GPtrArray *problems; /* MaImportIssue: rows that cannot be imported */
  GPtrArray *warnings; /* MaImportIssue: imported, but look at them */
  GPtrArray *ignored;  /* strings: what the file holds that has no home here */
  char *question;      /* what must be answered before importing, or NULL */
  gboolean written;    /* TRUE once applied and committed */
} MaImportPlan;

MaImportPlan *ma_import_plan_new (void);
void ma_import_plan_free (MaImportPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaImportPlan, ma_import_plan_free)
/* "row 4, Status: “finished” is not a status", translated. */
char *ma_import_issue_to_string (const MaImportIssue *issue);

typedef struct _MaImport MaImport;

/* Progress: DONE rows out of TOTAL; called in the thread that runs the import. */
typedef void (*MaImportProgress) (guint done, guint total, gpointer user_data);

/* Reads FILE (at most 256 MiB) and maps its columns automatically. FORMAT CSV
 * detects the encoding (UTF-8, UTF-8 with BOM, Windows-1252) and the separator
 * (, ; tab); SHEET (XLSX) picks a sheet by name, NULL for the first. */
MaImport *ma_import_new (
    MaStore *store, GFile *file, MaExchangeFormat format, const char *sheet, GError **error);
void ma_import_free (MaImport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaImport, ma_import_free)

MaExchangeFormat ma_import_get_format (MaImport *self);
/* "UTF-8", "UTF-8 with BOM", "Windows-1252"; NULL when the format decides. */
const char *ma_import_get_encoding (MaImport *self);
/* ',' ';' '\t' for CSV, 0 otherwise. */
char ma_import_get_separator (MaImport *self);
/* The sheet read, and every sheet of the workbook (XLSX), else NULL. */
const char *ma_import_get_sheet (MaImport *self);
const char *const *ma_import_get_sheets (MaImport *self);

/* The file's columns and where each goes: a name of ma_exchange_columns (), or
 * NULL when the column is skipped. */
guint ma_import_get_n_columns (MaImport *self);
const char *ma_import_get_header (MaImport *self, guint column);
const char *ma_import_get_target (MaImport *self, guint column);
/* FALSE with MA_EXCHANGE_ERROR_BAD_COLUMN for an unknown TARGET; NULL skips. */
gboolean ma_import_set_target (MaImport *self, guint column, const char *target, GError **error);
/* The first rows as the file has them, for a preview: cells may be NULL. */
guint ma_import_get_n_rows (MaImport *self);
const char *ma_import_get_cell (MaImport *self, guint row, guint column);

/* A mapping file (a key file: [columns] header=target or "skip", [options]
 * dates=day-first|month-first) as the dialog saves it and --mapping reads it. */
gboolean ma_import_load_mapping (MaImport *self, GFile *file, GError **error);
gboolean ma_import_save_mapping (MaImport *self, GFile *file, GError **error);

void ma_import_set_mode (MaImport *self, MaImportMode mode);
void ma_import_set_flags (MaImport *self, MaImportFlags flags);
void ma_import_set_date_order (MaImport *self, MaDateOrder order);
MaDateOrder ma_import_get_date_order (MaImport *self);

/* Runs the import in one transaction. DRY_RUN (the preview) always rolls it back;
 * otherwise it commits only when no row is rejected and no question is open, else
 * rolls back and fails with MA_EXCHANGE_ERROR_BAD_ROWS. *PLAN says what was or
 * would be done, and why not, whenever the rows could be read (not on
 * G_IO_ERROR_CANCELLED, which rolls back too). */
gboolean ma_import_run (MaImport *self,
                        gboolean dry_run,
                        GCancellable *cancellable,
                        MaImportProgress progress,
                        gpointer user_data,
                        MaImportPlan **plan,
                        GError **error);

G_END_DECLS
