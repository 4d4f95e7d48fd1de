/* ma-import-xlsx.c: the rows of a sheet of an XLSX workbook
 *
 * The zip container and the package relations are libgsf's; each part is XML read
 * with libxml2, without network and without entity substitution.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ma-import-private.h"

/* libgsf 1.14.50 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

#define REL_DOCUMENT                                                                               \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define REL_SHARED_STRINGS                                                                         \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#define REL_STYLES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
#define NS_RELATIONSHIPS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* What a number in a cell is, from its style. */
typedef enum
{
  CELL_NUMBER,
  CELL_DATE_DAY,
  CELL_DATE_MONTH,
  CELL_DATE_YEAR,
} CellKind;

typedef struct
{
  GPtrArray *strings; /* shared strings */
  GArray *styles;     /* CellKind per style index (cellXfs) */
  gboolean date1904;
  guint64 budget; /* bytes of XML still allowed: a zip bomb stops here */
} Workbook;

static void
bad_file (GError **error, const char *message)
{
  g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE, message);
}

/* A part of the package, read whole within the budget of uncompressed bytes. */
static GBytes *
read_part (Workbook *book, GsfInput *input, GError **error)
{
  gsf_off_t size = gsf_input_size (input);
  guint8 *data;

  if (size < 0 || (guint64) size > book->budget)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   /* Translators: %u is a size in mebibytes (MiB), such as 256. */
                   _ ("The workbook unpacks to more than %u MiB: it is refused (a zip bomb, "
                      "or a workbook to split into smaller ones)"),
                   (guint) (MA_IMPORT_MAX_FILE / (1024 * 1024)));
      return NULL;
    }
  book->budget -= (guint64) size;
  data = g_malloc ((gsize) size + 1);
  if (size > 0 && gsf_input_read (input, (size_t) size, data) == NULL)
    {
      g_free (data);
      bad_file (error, _ ("The workbook is damaged: a part of it cannot be unpacked"));
      return NULL;
    }
  data[size] = '\0';
  return g_bytes_new_take (data, (gsize) size);
}

static xmlDocPtr
read_xml (Workbook *book, GsfInput *input, GError **error)
{
  g_autoptr (GBytes) bytes = read_part (book, input, error);
  xmlDocPtr doc;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, (int) size, NULL, NULL, XML_OPTIONS);
  if (doc == NULL)
    bad_file (error, _ ("The workbook is damaged: a part of it is not XML"));
  return doc;
}

static gboolean
is_element (xmlNodePtr node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, BAD_CAST name) == 0;
}

static char *
get_prop (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The text of a shared or inline string: its <t>, or the <t> of its runs; the
 * phonetic hints (<rPh>) are not text of the cell. */
static void
append_text (xmlTextReaderPtr reader, GString *out)
{
  int depth = xmlTextReaderDepth (reader);
  gboolean in_t = FALSE, in_phonetic = FALSE;

  if (xmlTextReaderIsEmptyElement (reader))
    return;
  while (xmlTextReaderRead (reader) == 1 && xmlTextReaderDepth (reader) > depth)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);

      if (type == XML_READER_TYPE_ELEMENT && g_str_equal (name, "rPh") &&
          !xmlTextReaderIsEmptyElement (reader))
        in_phonetic = TRUE;
      else if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "rPh"))
        in_phonetic = FALSE;
      else if (type == XML_READER_TYPE_ELEMENT && g_str_equal (name, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (type == XML_READER_TYPE_END_ELEMENT && g_str_equal (name, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA))
        g_string_append (out, (const char *) xmlTextReaderConstValue (reader));
    }
}

static gboolean
read_shared_strings (Workbook *book, GsfInput *part, GError **error)
{
  g_autoptr (GBytes) bytes = read_part (book, part, error);
  xmlTextReaderPtr reader;
  gsize size;
  const char *data;
  int rc;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  reader = xmlReaderForMemory (data, (int) size, NULL, NULL, XML_OPTIONS);
  while (reader != NULL && (rc = xmlTextReaderRead (reader)) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
        g_str_equal ((const char *) xmlTextReaderConstLocalName (reader), "si"))
      {
        GString *text = g_string_new (NULL);
        append_text (reader, text);
        g_ptr_array_add (book->strings, g_string_free (text, FALSE));
      }
  if (reader == NULL || rc < 0)
    {
      if (reader != NULL)
        xmlFreeTextReader (reader);
      bad_file (error, _ ("The workbook is damaged: its shared strings are not XML"));
      return FALSE;
    }
  xmlFreeTextReader (reader);
  return TRUE;
}

/* What a number format shows: a day, a month, a year, or a plain number. */
static CellKind
format_kind (int id, const char *code)
{
  g_autoptr (GString) bare = g_string_new (NULL);
  gboolean quoted = FALSE, bracket = FALSE;

  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return id == 17 ? CELL_DATE_MONTH : CELL_DATE_DAY;
  if (code == NULL)
    return CELL_NUMBER;
  /* Letters outside quotes, brackets ([Red], [$-40C]) and escapes. */
  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket = TRUE;
      else if (bracket && *p == ']')
        bracket = FALSE;
      else if (!quoted && !bracket && *p == '\\' && p[1] != '\0')
        p++;
      else if (!quoted && !bracket)
        g_string_append_c (bare, g_ascii_tolower (*p));
    }
  if (strchr (bare->str, 'y') == NULL && strchr (bare->str, 'd') == NULL)
    return CELL_NUMBER; /* times and plain numbers; "m" alone is minutes or months */
  if (strchr (bare->str, 'd') != NULL)
    return CELL_DATE_DAY;
  return strchr (bare->str, 'm') != NULL ? CELL_DATE_MONTH : CELL_DATE_YEAR;
}

static gboolean
read_styles (Workbook *book, GsfInput *part, GError **error)
{
  g_autoptr (GHashTable) formats = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  xmlDocPtr doc = read_xml (book, part, error);
  xmlNodePtr root;

  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr section = root ? root->children : NULL; section != NULL; section = section->next)
    {
      if (is_element (section, "numFmts"))
        for (xmlNodePtr n = section->children; n != NULL; n = n->next)
          if (is_element (n, "numFmt"))
            {
              g_autofree char *id = get_prop (n, "numFmtId");
              if (id != NULL)
                g_hash_table_insert (formats, GINT_TO_POINTER (atoi (id)),
                                     get_prop (n, "formatCode"));
            }
      if (is_element (section, "cellXfs"))
        for (xmlNodePtr n = section->children; n != NULL; n = n->next)
          if (is_element (n, "xf"))
            {
              g_autofree char *id = get_prop (n, "numFmtId");
              int number = id != NULL ? atoi (id) : 0;
              CellKind kind =
                  format_kind (number, g_hash_table_lookup (formats, GINT_TO_POINTER (number)));
              g_array_append_val (book->styles, kind);
            }
    }
  xmlFreeDoc (doc);
  return TRUE;
}

/* "BC12" → column 54 (from 0); -1 when there is no column. */
static int
column_of (const char *ref)
{
  int column = 0;
  gboolean any = FALSE;

  for (const char *p = ref; p != NULL && g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > 16384)
        return -1;
      any = TRUE;
    }
  return any ? column - 1 : -1;
}

static int
row_of (const char *ref)
{
  const char *p = ref;

  while (p != NULL && g_ascii_isalpha (*p))
    p++;
  return p != NULL && g_ascii_isdigit (*p) ? atoi (p) : -1;
}

/* A serial day number of the workbook as an ISO date of the precision of KIND. */
static char *
date_of_serial (double serial, CellKind kind, gboolean date1904)
{
  g_autoptr (GDateTime) epoch = date1904 ? g_date_time_new_utc (1904, 1, 1, 0, 0, 0)
                                         : g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  g_autoptr (GDateTime) day = NULL;

  if (!isfinite (serial) || serial < 1 || serial > 2958465) /* 9999-12-31 */
    return NULL;
  /* 1900 was no leap year, but spreadsheets count its 29 February: serials from
   * 61 on are right with an epoch of 30 December 1899. */
  if (!date1904 && serial < 61)
    serial += 1;
  day = g_date_time_add_days (epoch, (int) floor (serial));
  if (day == NULL)
    return NULL;
  switch (kind)
    {
      case CELL_DATE_YEAR:
        return g_date_time_format (day, "%Y");
      case CELL_DATE_MONTH:
        return g_date_time_format (day, "%Y-%m");
      default:
        return g_date_time_format (day, "%Y-%m-%d");
    }
}

/* A number as a person typed it: 7, 2021, 3.5; never 7.0000000001. */
static char *
number_text (const char *value)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == value || *end != '\0' || !isfinite (number))
    return g_strdup (value);
  if (number == floor (number) && fabs (number) < 1e15)
    return g_strdup_printf ("%.0f", number);
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  return g_strdup (buffer);
}

typedef struct
{
  int first_row, last_row, first_column, last_column;
} Range;

static gboolean
parse_range (const char *ref, Range *range)
{
  g_auto (GStrv) ends = g_strsplit (ref != NULL ? ref : "", ":", 2);

  if (ends[0] == NULL || ends[1] == NULL)
    return FALSE;
  range->first_column = column_of (ends[0]);
  range->first_row = row_of (ends[0]);
  range->last_column = column_of (ends[1]);
  range->last_row = row_of (ends[1]);
  return range->first_column >= 0 && range->first_row > 0 &&
         range->last_column >= range->first_column && range->last_row >= range->first_row;
}

static MaImportRecord *
record_at (MaImportTable *table, int row)
{
  for (guint i = 0; i < table->records->len; i++)
    {
      MaImportRecord *record = table->records->pdata[i];
      if ((int) record->row == row)
        return record;
    }
  return NULL;
}

static const char *
cell_at (MaImportRecord *record, int column)
{
  return record != NULL && column >= 0 && (guint) column < record->cells->len
             ? record->cells->pdata[column]
             : NULL;
}

static void
set_cell (MaImportRecord *record, guint column, const char *value)
{
  while (record->cells->len <= column)
    g_ptr_array_add (record->cells, NULL);
  g_free (record->cells->pdata[column]);
  record->cells->pdata[column] = g_strdup (value);
}

static gboolean
record_is_empty (MaImportRecord *record)
{
  for (guint i = 0; record != NULL && i < record->cells->len; i++)
    if (record->cells->pdata[i] != NULL)
      return FALSE;
  return TRUE;
}

/* The header of the sheet, from its merged cells: a title merged across the top
 * rows is left out; a header cell merged over two rows ("Title") beside one
 * merged across columns with a row of headers below it ("Dates" over "Start" and
 * "End") makes a header of two rows, each column named by its lowest cell. */
static void
find_header (MaImportTable *table, GArray *merges)
{
  MaImportRecord *first = NULL, *below = NULL;
  gboolean two_rows = FALSE;
  guint skip = 0;

  /* Banners: the rows whose text is all in one merged range. */
  for (; skip < table->records->len; skip++)
    {
      MaImportRecord *record = table->records->pdata[skip];
      gboolean banner = FALSE;
      guint filled = 0;

      if (record_is_empty (record))
        continue;
      for (guint i = 0; i < record->cells->len; i++)
        filled += record->cells->pdata[i] != NULL;
      for (guint m = 0; m < merges->len && filled == 1; m++)
        {
          Range *range = &g_array_index (merges, Range, m);
          if (range->first_row == (int) record->row && range->last_column > range->first_column &&
              cell_at (record, range->first_column) != NULL)
            banner = TRUE;
        }
      if (!banner)
        break;
    }
  if (skip > 0)
    g_ptr_array_remove_range (table->records, 0, skip);
  if (table->records->len == 0)
    return;
  first = table->records->pdata[0];
  below = record_at (table, (int) first->row + 1);
  for (guint m = 0; m < merges->len; m++)
    {
      Range *range = &g_array_index (merges, Range, m);
      if (range->first_row != (int) first->row)
        continue;
      if (range->last_row > range->first_row)
        two_rows = TRUE;
      for (int c = range->first_column;
           c <= range->last_column && range->last_row == range->first_row; c++)
        two_rows |= range->last_column > range->first_column && cell_at (below, c) != NULL;
    }
  /* A merged header cell names every column it covers. */
  for (guint m = 0; m < merges->len; m++)
    {
      Range *range = &g_array_index (merges, Range, m);
      const char *value;
      if (range->first_row != (int) first->row)
        continue;
      value = cell_at (first, range->first_column);
      for (int c = range->first_column + 1; value != NULL && c <= range->last_column; c++)
        set_cell (first, (guint) c, value);
    }
  if (two_rows && below != NULL)
    {
      for (guint c = 0; c < below->cells->len; c++)
        if (below->cells->pdata[c] != NULL)
          set_cell (first, c, below->cells->pdata[c]);
      g_ptr_array_remove (table->records, below);
    }
}

static gboolean
read_sheet (Workbook *book, MaImportTable *table, GsfInput *part, GError **error)
{
  g_autoptr (GBytes) bytes = read_part (book, part, error);
  g_autoptr (GArray) merges = g_array_new (FALSE, FALSE, sizeof (Range));
  MaImportRecord *record = NULL;
  xmlTextReaderPtr reader;
  int next_row = 1, next_column = 0;
  gsize size;
  const char *data;
  int rc;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  reader = xmlReaderForMemory (data, (int) size, NULL, NULL, XML_OPTIONS);
  while (reader != NULL && (rc = xmlTextReaderRead (reader)) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      g_autofree char *ref = NULL;
      g_autofree char *type = NULL;
      g_autofree char *style = NULL;
      g_autofree char *value = NULL;
      g_autoptr (GString) inline_text = NULL;
      gboolean empty;
      int column;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
        continue;
      if (g_str_equal (name, "row"))
        {
          g_autofree char *r = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "r");
          int number = r != NULL ? atoi (r) : next_row;
          if (number < next_row)
            number = next_row;
          record = ma_import_table_add_record (table, (guint) number);
          next_row = number + 1;
          next_column = 0;
          continue;
        }
      if (g_str_equal (name, "mergeCell"))
        {
          g_autofree char *range_ref = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "ref");
          Range range;
          if (parse_range (range_ref, &range))
            g_array_append_val (merges, range);
          continue;
        }
      if (!g_str_equal (name, "c") || record == NULL)
        continue;

      ref = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "r");
      type = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "t");
      style = (char *) xmlTextReaderGetAttribute (reader, BAD_CAST "s");
      column = ref != NULL ? column_of (ref) : next_column;
      if (column < 0)
        column = next_column;
      next_column = column + 1;
      empty = xmlTextReaderIsEmptyElement (reader);
      if (!empty)
        {
          int depth = xmlTextReaderDepth (reader);
          while (xmlTextReaderRead (reader) == 1 && xmlTextReaderDepth (reader) > depth)
            {
              const char *child = (const char *) xmlTextReaderConstLocalName (reader);
              if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
                continue;
              if (g_str_equal (child, "v"))
                {
                  g_free (value);
                  value = (char *) xmlTextReaderReadString (reader);
                }
              else if (g_str_equal (child, "is"))
                {
                  inline_text = g_string_new (NULL);
                  append_text (reader, inline_text);
                }
            }
        }
      {
        g_autofree char *text = NULL;

        if (g_strcmp0 (type, "s") == 0 && value != NULL)
          {
            guint64 index = g_ascii_strtoull (value, NULL, 10);
            if (index < book->strings->len)
              text = g_strdup (book->strings->pdata[index]);
          }
        else if (g_strcmp0 (type, "inlineStr") == 0)
          text = inline_text != NULL ? g_strdup (inline_text->str) : NULL;
        else if (g_strcmp0 (type, "b") == 0 && value != NULL)
          text = g_strdup (g_str_equal (value, "1") ? "TRUE" : "FALSE");
        else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
          text = g_strdup (value);
        else if (value != NULL)
          {
            guint s = style != NULL ? (guint) atoi (style) : 0;
            CellKind kind =
                s < book->styles->len ? g_array_index (book->styles, CellKind, s) : CELL_NUMBER;
            if (kind != CELL_NUMBER)
              text = date_of_serial (g_ascii_strtod (value, NULL), kind, book->date1904);
            if (text == NULL)
              text = number_text (value);
          }
        if (text != NULL && strlen (text) > MA_IMPORT_MAX_CELL)
          {
            g_autofree char *message =
                g_strdup_printf (_ ("the cell of column %u holds more than %u MB of text"),
                                 (guint) column + 1, MA_IMPORT_MAX_CELL / (1024 * 1024));
            g_ptr_array_add (table->problems, ma_import_issue_new (record->row, NULL, message));
            g_clear_pointer (&text, g_free);
          }
        if (text != NULL)
          {
            char *trimmed = g_strstrip (text);
            if (trimmed[0] != '\0')
              set_cell (record, (guint) column, trimmed);
          }
      }
    }
  if (reader == NULL || rc < 0)
    {
      if (reader != NULL)
        xmlFreeTextReader (reader);
      bad_file (error, _ ("The workbook is damaged: its sheet is not XML"));
      return FALSE;
    }
  xmlFreeTextReader (reader);
  find_header (table, merges);
  return TRUE;
}

/* Sheets of the workbook: names and relation ids, in their order. */
static gboolean
read_workbook (Workbook *book, GsfInput *part, GPtrArray *names, GPtrArray *ids, GError **error)
{
  xmlDocPtr doc = read_xml (book, part, error);
  xmlNodePtr root;

  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  for (xmlNodePtr section = root ? root->children : NULL; section != NULL; section = section->next)
    {
      if (is_element (section, "workbookPr"))
        {
          g_autofree char *date1904 = get_prop (section, "date1904");
          book->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      if (is_element (section, "sheets"))
        for (xmlNodePtr n = section->children; n != NULL; n = n->next)
          if (is_element (n, "sheet"))
            {
              xmlChar *id = xmlGetNsProp (n, BAD_CAST "id", BAD_CAST NS_RELATIONSHIPS);
              g_ptr_array_add (names, get_prop (n, "name"));
              g_ptr_array_add (ids, g_strdup ((const char *) id));
              xmlFree (id);
            }
    }
  xmlFreeDoc (doc);
  return TRUE;
}

/* What a file that is not a workbook is, from its first bytes. */
static void
not_a_workbook (GFile *file, GError **error)
{
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guchar head[8] = { 0 };
  gsize got = 0;

  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &got, NULL, NULL);
  if (got == 0)
    bad_file (error, _ ("The file is empty: it has no header and no Actions"));
  else if (got >= 4 && memcmp (head, "\xd0\xcf\x11\xe0", 4) == 0)
    bad_file (error, _ ("The file is an old Excel workbook (.xls): save it as .xlsx and import it "
                        "again"));
  else if (got >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    bad_file (error, _ ("The file is a zip archive but not an XLSX workbook (an OpenDocument "
                        "sheet? save it as .xlsx)"));
  else
    bad_file (error, _ ("The file is not an XLSX workbook: it looks like text, perhaps a CSV "
                        "file renamed; import it as CSV"));
}

MaImportTable *
ma_import_read_xlsx (GFile *file, const char *sheet, GError **error)
{
  g_autoptr (MaImportTable) table = ma_import_table_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GsfInput) input = NULL;
  g_autoptr (GsfInfile) zip = NULL;
  g_autoptr (GsfInput) document = NULL;
  g_autoptr (GsfInput) strings = NULL;
  g_autoptr (GsfInput) styles = NULL;
  g_autoptr (GsfInput) part = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local = NULL;
  Workbook book = { 0 };
  gboolean ok = FALSE;
  int chosen = -1;

  if (path == NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_UNSUPPORTED,
                           _ ("A workbook can only be read from a local file"));
      return NULL;
    }
  gsf_init ();
  input = gsf_input_stdio_new (path, &local);
  if (input == NULL)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The file cannot be read: %s"), local->message);
      return NULL;
    }
  zip = gsf_infile_zip_new (input, NULL);
  if (zip != NULL)
    document = gsf_open_pkg_open_rel_by_type (GSF_INPUT (zip), REL_DOCUMENT, NULL);
  if (document == NULL)
    {
      not_a_workbook (file, error);
      return NULL;
    }

  book.strings = g_ptr_array_new_with_free_func (g_free);
  book.styles = g_array_new (FALSE, FALSE, sizeof (CellKind));
  book.budget = MA_IMPORT_MAX_FILE;
  if (!read_workbook (&book, document, names, ids, error))
    goto out;
  if (names->len == 0)
    {
      bad_file (error, _ ("The workbook has no sheet"));
      goto out;
    }
  for (guint i = 0; i < names->len && chosen < 0; i++)
    if (sheet == NULL || g_strcmp0 (names->pdata[i], sheet) == 0)
      chosen = (int) i;
  if (chosen < 0)
    {
      g_autofree char *known = NULL;
      g_ptr_array_add (names, NULL);
      known = g_strjoinv (", ", (char **) names->pdata);
      g_ptr_array_remove_index (names, names->len - 1);
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   /* Translators: %1$s a sheet name, %2$s the list of the workbook's. */
                   _ ("The workbook has no sheet “%1$s”; its sheets are: %2$s"), sheet, known);
      goto out;
    }
  strings = gsf_open_pkg_open_rel_by_type (document, REL_SHARED_STRINGS, NULL);
  if (strings != NULL && !read_shared_strings (&book, strings, error))
    goto out;
  styles = gsf_open_pkg_open_rel_by_type (document, REL_STYLES, NULL);
  if (styles != NULL && !read_styles (&book, styles, error))
    goto out;
  part = ids->pdata[chosen] != NULL
             ? gsf_open_pkg_open_rel_by_id (document, ids->pdata[chosen], NULL)
             : NULL;
  if (part == NULL)
    {
      bad_file (error, _ ("The workbook is damaged: its sheet cannot be found"));
      goto out;
    }
  if (!read_sheet (&book, table, part, error) || !ma_import_table_split_header (table, error))
    goto out;
  table->sheet = g_strdup (names->pdata[chosen]);
  g_ptr_array_add (names, NULL);
  table->sheets = g_strdupv ((char **) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  ok = TRUE;
out:
  g_ptr_array_unref (book.strings);
  g_array_unref (book.styles);
  return ok ? g_steal_pointer (&table) : NULL;
}
