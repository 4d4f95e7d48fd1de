/* ma-import-private.h: the readers behind ma-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ma-import.h"

G_BEGIN_DECLS

/* Files and cells larger than these are refused with a message, not read. */
#define MA_IMPORT_MAX_FILE (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define MA_IMPORT_MAX_CELL (1024 * 1024)

/* One row of a file: its number as a spreadsheet shows it, its cells (NULL when
 * empty, trimmed) and, for JSON, the object it came from (borrowed). */
typedef struct
{
  guint row;
  GPtrArray *cells;
  JsonObject *object;
  char *where; /* JSON: the path of the Action, "[3]" */
} MaImportRecord;

/* What a reader gives: a header and rows of cells. */
typedef struct
{
  GPtrArray *header;  /* char *, never NULL ("" for a blank header cell) */
  GPtrArray *records; /* MaImportRecord */
  const char *encoding;
  char separator;
  char *sheet;
  GStrv sheets;
  GPtrArray *ignored;  /* strings: what a reader left out (IATI) */
  GPtrArray *problems; /* MaImportIssue: rows a reader could not read (IATI) */
  JsonParser *parser;  /* keeps JSON objects alive */
  gboolean by_name;    /* the header holds our column names (JSON, IATI) */
} MaImportTable;

MaImportTable *ma_import_table_new (void);
void ma_import_table_free (MaImportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaImportTable, ma_import_table_free)
MaImportRecord *ma_import_table_add_record (MaImportTable *table, guint row);
/* Trims VALUE and adds it as the next cell of RECORD (NULL when empty). */
void ma_import_record_add_cell (MaImportRecord *record, const char *value);
/* The first row that is not empty becomes the header; empty rows (a sheet's
 * trailing ones) go. FALSE on a file with no row at all. */
gboolean ma_import_table_split_header (MaImportTable *table, GError **error);
MaImportIssue *ma_import_issue_new (guint row, const char *column, const char *message);
void ma_import_issue_free (MaImportIssue *issue);

/* The readers: each fails with a translated MA_EXCHANGE_ERROR_BAD_FILE. */
MaImportTable *ma_import_read_csv (const char *data, gsize length, GError **error);
MaImportTable *ma_import_read_json (const char *data, gsize length, GError **error);
MaImportTable *ma_import_read_xlsx (GFile *file, const char *sheet, GError **error);
MaImportTable *ma_import_read_iati (const char *data, gsize length, GError **error);

/* Text that reads as UTF-8 decoded as Windows-1252 and encoded again ("Ãªtres"):
 * its repaired form, else NULL. */
char *ma_import_repair_double_encoding (const char *text);

/* Lowercase, accents and punctuation removed: how headers and labels compare. */
char *ma_import_fold (const char *text);

G_END_DECLS
