/* ma-import.c: Actions from files: mapping, preview and one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ma-date.h"
#include "ma-exchange-private.h"
#include "ma-i18n.h"
#include "ma-import-private.h"
#include "ma-store-private.h"

enum
{
  COL_UUID,
  COL_CODE,
  COL_TITLE,
  COL_TITLE_FR,
  COL_TITLE_ES,
  COL_SUMMARY,
  COL_SUMMARY_FR,
  COL_SUMMARY_ES,
  COL_LANG,
  COL_TYPE,
  COL_STATUS,
  COL_START,
  COL_END,
  COL_REGION,
  COL_COUNTRIES,
  COL_THEMES,
  COL_PARTNERS,
  COL_BUILDS_ON,
  COL_NOTES,
  COL_CREATED,
  COL_UPDATED,
  N_COLS
};

/* Scalar columns and the fields of the action table they write. */
static const char *const action_fields[N_COLS] = {
  [COL_CODE] = "code",        [COL_TITLE] = "title",  [COL_SUMMARY] = "summary",
  [COL_LANG] = "lang",        [COL_TYPE] = "type",    [COL_STATUS] = "status",
  [COL_START] = "start_date", [COL_END] = "end_date", [COL_REGION] = "region",
  [COL_NOTES] = "notes",
};

/* Headers that people write for each column, folded (see ma_import_fold), beside
 * the column's own name and its label in English, French and Spanish. */
static const char *const synonyms[N_COLS][12] = {
  [COL_UUID] = { "id", "identifier", "identifiant", "identificador" },
  [COL_CODE] = { "ref", "reference", "referencia", "actioncode", "codedelaction",
                 "codigodelaaccion", "numero", "number", "no" },
  [COL_TITLE] = { "name", "nom", "nombre", "action", "accion", "intitule", "titleinenglish",
                  "titreenanglais", "tituloeningles", "titleen", "titreen" },
  [COL_TITLE_FR] = { "titlefr", "titrefr", "titulofr", "titrefrancais", "frenchtitle" },
  [COL_TITLE_ES] = { "titlees", "titrees", "tituloes", "tituloespanol", "spanishtitle" },
  [COL_SUMMARY] = { "description", "descripcion", "abstract", "objectives", "objectifs",
                    "objetivos", "summaryinenglish", "resumeenanglais", "resumeneningles" },
  [COL_SUMMARY_FR] = { "summaryfr", "resumefr", "resumenfr", "descriptionfr" },
  [COL_SUMMARY_ES] = { "summaryes", "resumees", "resumenes", "descriptiones" },
  [COL_LANG] = { "lang", "lengua", "originallanguage", "languedorigine" },
  [COL_TYPE] = { "typeofaction", "typedaction", "tipodeaccion", "actiontype" },
  [COL_STATUS] = { "etat", "state", "situation", "statutdelaction", "estadodelaaccion" },
  [COL_START] = { "startdate", "datededebut", "debut", "fechadeinicio", "from", "desde", "du",
                  "begin", "start" },
  [COL_END] = { "enddate", "datedefin", "fechadefin", "fechadefinalizacion", "to", "hasta", "au",
                "finish" },
  [COL_REGION] = { "programmeregion", "regionduprogramme", "regiondelprograma" },
  [COL_COUNTRIES] = { "country", "pays", "pais", "paises", "countrycodes", "beneficiarycountries",
                      "paysbeneficiaires", "paisesbeneficiarios" },
  [COL_THEMES] = { "theme", "thematicareas", "thematicarea", "themes", "thematiques",
                   "domainesthematiques", "domaine", "areastematicas", "temas", "tema" },
  [COL_PARTNERS] = { "partner", "partenaire", "socio", "implementingpartners", "contrapartes",
                     "counterparts", "beneficiaryinstitutions" },
  [COL_BUILDS_ON] = { "previousaction", "actionprecedente", "accionanterior", "followupof" },
  [COL_NOTES] = { "note", "comment", "remarque", "commentaire", "comments", "commentaires",
                  "remarques", "observaciones", "comentarios" },
  [COL_CREATED] = { "creationdate", "datedecreation", "fechadecreacion" },
  [COL_UPDATED] = { "lastupdated", "modified", "misajour", "actualizada", "modificado" },
};

typedef struct
{
  guint row;
  gboolean present[N_COLS];
  char *values[N_COLS];
  char *raw_dates[2]; /* start and end as the file has them */
  JsonObject *object;
  const char *where; /* JSON: the Action's path, "[3]" (its record's) */
  gint64 id;
  gboolean bad;
} Row;

struct _MaImport
{
  MaStore *store;
  MaExchangeFormat format;
  MaImportTable *table;
  int *targets; /* per column of the file: a COL_, or -1 */
  MaImportMode mode;
  MaImportFlags flags;
  MaDateOrder order;
};

/* One run: what it reads and writes. */
typedef struct
{
  MaImport *import;
  MaStore *store; /* the import's, or a private copy for a dry run */
  MaImportPlan *plan;
  GHashTable *terms[MA_N_VOCABULARIES]; /* folded code or name → code */
  GHashTable *rejected;                 /* rows with problems */
  GHashTable *partners;                 /* name → id */
  GHashTable *file_codes;               /* codes and uuids met in the file → row */
  MaDateOrder order;
  char *current_sql;
  sqlite3_stmt *insert_action;
  sqlite3_stmt *insert_country;
  sqlite3_stmt *insert_theme;
  sqlite3_stmt *insert_partner_link;
  sqlite3_stmt *history;
} Run;

/* ---- Plans ---------------------------------------------------------------------- */

MaImportPlan *
ma_import_plan_new (void)
{
  MaImportPlan *plan = g_new0 (MaImportPlan, 1);

  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_import_issue_free);
  plan->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ma_import_issue_free);
  plan->ignored = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

void
ma_import_plan_free (MaImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->problems);
  g_ptr_array_unref (plan->warnings);
  g_ptr_array_unref (plan->ignored);
  g_free (plan->question);
  g_free (plan);
}

char *
ma_import_issue_to_string (const MaImportIssue *issue)
{
  if (issue->where != NULL)
    /* Translators: an error in a JSON file: %1$s where ("[3].countries[0]"), %2$s the message. */
    return g_strdup_printf (_ ("%1$s: %2$s"), issue->where, issue->message);
  if (issue->row > 0 && issue->column != NULL)
    /* Translators: %1$u a row of the file, %2$s its column, %3$s what is wrong. */
    return g_strdup_printf (_ ("row %1$u, %2$s: %3$s"), issue->row, issue->column, issue->message);
  if (issue->row > 0)
    /* Translators: %1$u a row of the file, %2$s what is wrong. */
    return g_strdup_printf (_ ("row %1$u: %2$s"), issue->row, issue->message);
  return g_strdup (issue->message);
}

/* ---- Opening and mapping ---------------------------------------------------------- */

static gboolean
header_matches (int column, const char *folded)
{
  const char *const langs[] = { "en", "fr", "es" };
  const char *label = ma_exchange_column_label (column);

  if (folded[0] == '\0')
    return FALSE;
  {
    g_autofree char *name = ma_import_fold (ma_exchange_columns ()[column]);
    if (g_str_equal (name, folded))
      return TRUE;
  }
  for (guint i = 0; i < G_N_ELEMENTS (synonyms[column]) && synonyms[column][i] != NULL; i++)
    if (g_str_equal (synonyms[column][i], folded))
      return TRUE;
  /* The labels of our own exports, in each language. */
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (MaLanguageScope) scope = ma_language_scope_new (langs[l]);
      g_autofree char *translated = ma_import_fold (g_dgettext (GETTEXT_PACKAGE, label));
      if (g_str_equal (translated, folded))
        return TRUE;
    }
  return FALSE;
}

static gboolean
map_automatically (MaImport *self, GError **error)
{
  GPtrArray *header = self->table->header;

  self->targets = g_new (int, MAX (header->len, 1));
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *folded = ma_import_fold (header->pdata[i]);
      self->targets[i] = -1;
      if (self->table->by_name)
        {
          self->targets[i] = ma_exchange_column_index (header->pdata[i]);
          continue;
        }
      for (int c = 0; c < N_COLS && self->targets[i] < 0; c++)
        {
          gboolean taken = FALSE;
          if (!header_matches (c, folded))
            continue;
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *other = ma_import_fold (header->pdata[j]);
              /* Which of the two would be the value? Neither is taken. */
              if (self->targets[j] == c && g_str_equal (other, folded))
                {
                  g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                               _ ("The header names the column “%s” twice"),
                               (const char *) header->pdata[i]);
                  return FALSE;
                }
              taken |= self->targets[j] == c;
            }
          if (!taken)
            self->targets[i] = c;
        }
    }
  return TRUE;
}

static gboolean
load_file (GFile *file, char **contents, gsize *length, GError **error)
{
  g_autoptr (GFileInfo) info =
      g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                         G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      (guint64) g_file_info_get_size (info) > MA_IMPORT_MAX_FILE)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   /* Translators: %u is a size in mebibytes (MiB), such as 256. */
                   _ ("The file is larger than %u MiB: split it into smaller files"),
                   (guint) (MA_IMPORT_MAX_FILE / (1024 * 1024)));
      return FALSE;
    }
  return g_file_load_contents (file, NULL, contents, length, NULL, error);
}

MaImport *
ma_import_new (
    MaStore *store, GFile *file, MaExchangeFormat format, const char *sheet, GError **error)
{
  g_autoptr (MaImportTable) table = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  MaImport *self;

  g_return_val_if_fail (MA_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (format == MA_EXCHANGE_XLSX)
    table = ma_import_read_xlsx (file, sheet, error);
  else
    {
      if (!load_file (file, &contents, &length, error))
        return NULL;
      if (format == MA_EXCHANGE_CSV)
        table = ma_import_read_csv (contents, length, error);
      else if (format == MA_EXCHANGE_JSON)
        table = ma_import_read_json (contents, length, error);
      else
        table = ma_import_read_iati (contents, length, error);
    }
  if (table == NULL)
    return NULL;

  self = g_new0 (MaImport, 1);
  self->store = g_object_ref (store);
  self->format = format;
  self->table = g_steal_pointer (&table);
  if (!map_automatically (self, error))
    {
      ma_import_free (self);
      return NULL;
    }
  return self;
}

void
ma_import_free (MaImport *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->store);
  ma_import_table_free (self->table);
  g_free (self->targets);
  g_free (self);
}

MaExchangeFormat
ma_import_get_format (MaImport *self)
{
  return self->format;
}

const char *
ma_import_get_encoding (MaImport *self)
{
  return self->table->encoding != NULL ? _ (self->table->encoding) : NULL;
}

char
ma_import_get_separator (MaImport *self)
{
  return self->table->separator;
}

const char *
ma_import_get_sheet (MaImport *self)
{
  return self->table->sheet;
}

const char *const *
ma_import_get_sheets (MaImport *self)
{
  return (const char *const *) self->table->sheets;
}

guint
ma_import_get_n_columns (MaImport *self)
{
  return self->table->header->len;
}

const char *
ma_import_get_header (MaImport *self, guint column)
{
  g_return_val_if_fail (column < self->table->header->len, NULL);
  return self->table->header->pdata[column];
}

const char *
ma_import_get_target (MaImport *self, guint column)
{
  g_return_val_if_fail (column < self->table->header->len, NULL);
  return self->targets[column] >= 0 ? ma_exchange_columns ()[self->targets[column]] : NULL;
}

gboolean
ma_import_set_target (MaImport *self, guint column, const char *target, GError **error)
{
  int index = -1;

  g_return_val_if_fail (column < self->table->header->len, FALSE);
  if (target != NULL && (index = ma_exchange_column_index (target)) < 0)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ma_exchange_columns ());
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_COLUMN,
                   _ ("There is no column “%1$s”; the columns are: %2$s"), target, known);
      return FALSE;
    }
  /* One column of the file per field: the one that had it before is skipped. */
  for (guint i = 0; index >= 0 && i < self->table->header->len; i++)
    if (self->targets[i] == index)
      self->targets[i] = -1;
  self->targets[column] = index;
  return TRUE;
}

guint
ma_import_get_n_rows (MaImport *self)
{
  return self->table->records->len;
}

const char *
ma_import_get_cell (MaImport *self, guint row, guint column)
{
  MaImportRecord *record;

  g_return_val_if_fail (row < self->table->records->len, NULL);
  record = self->table->records->pdata[row];
  return column < record->cells->len ? record->cells->pdata[column] : NULL;
}

void
ma_import_set_mode (MaImport *self, MaImportMode mode)
{
  self->mode = mode;
}

void
ma_import_set_flags (MaImport *self, MaImportFlags flags)
{
  self->flags = flags;
}

void
ma_import_set_date_order (MaImport *self, MaDateOrder order)
{
  self->order = order;
}

MaDateOrder
ma_import_get_date_order (MaImport *self)
{
  return self->order;
}

#define MAPPING_COLUMNS "columns"
#define MAPPING_OPTIONS "options"
#define MAPPING_SKIP "skip"

gboolean
ma_import_load_mapping (MaImport *self, GFile *file, GError **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dates = NULL;
  g_auto (GStrv) names = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  if (!g_key_file_load_from_data (keys, contents, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The mapping file cannot be read: %s"), local->message);
      return FALSE;
    }
  names = g_key_file_get_keys (keys, MAPPING_COLUMNS, NULL, NULL);
  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      g_autofree char *target = g_key_file_get_string (keys, MAPPING_COLUMNS, names[k], NULL);
      gboolean found = FALSE;

      for (guint i = 0; i < self->table->header->len; i++)
        {
          if (g_strcmp0 (g_strstrip (self->table->header->pdata[i]), names[k]) != 0)
            continue;
          found = TRUE;
          if (!ma_import_set_target (self, i, g_strcmp0 (target, MAPPING_SKIP) == 0 ? NULL : target,
                                     error))
            return FALSE;
        }
      (void) found; /* a mapping made for a wider sheet still applies to this one */
    }
  dates = g_key_file_get_string (keys, MAPPING_OPTIONS, "dates", NULL);
  if (g_strcmp0 (dates, "day-first") == 0)
    self->order = MA_DATE_ORDER_DAY_FIRST;
  else if (g_strcmp0 (dates, "month-first") == 0)
    self->order = MA_DATE_ORDER_MONTH_FIRST;
  else if (dates != NULL)
    {
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("The mapping file says dates=%s: write day-first or month-first"), dates);
      return FALSE;
    }
  return TRUE;
}

gboolean
ma_import_save_mapping (MaImport *self, GFile *file, GError **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char *text = NULL;
  gsize length;

  for (guint i = 0; i < self->table->header->len; i++)
    {
      const char *header = self->table->header->pdata[i];
      const char *target = ma_import_get_target (self, i);
      if (header[0] == '\0')
        continue;
      g_key_file_set_string (keys, MAPPING_COLUMNS, header, target ? target : MAPPING_SKIP);
    }
  if (self->order != MA_DATE_ORDER_UNKNOWN)
    g_key_file_set_string (keys, MAPPING_OPTIONS, "dates",
                           self->order == MA_DATE_ORDER_DAY_FIRST ? "day-first" : "month-first");
  text = g_key_file_to_data (keys, &length, NULL);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                  error);
}

/* ---- Values ------------------------------------------------------------------------ */

static void
add_issue (GPtrArray *list, guint row, const char *column, const char *message)
{
  g_ptr_array_add (list, ma_import_issue_new (row, column, message));
}

/* The header of the file's column that feeds COLUMN, for messages. */
static const char *
column_header (Run *run, int column)
{
  MaImport *import = run->import;

  for (guint i = 0; i < import->table->header->len; i++)
    if (import->targets[i] == column)
      return import->table->header->pdata[i];
  return ma_exchange_columns ()[column];
}

/* An issue of a row; in JSON, PART is the path of the value inside the Action
 * (".activities[0].kind"), or the column's name when NULL. */
static void
add_row_issue (
    Run *run, GPtrArray *list, Row *row, int column, const char *part, const char *message)
{
  MaImportIssue *issue =
      ma_import_issue_new (row->row, column >= 0 ? column_header (run, column) : NULL, message);

  if (row->where != NULL)
    issue->where = part != NULL ? g_strconcat (row->where, part, NULL)
                   : column >= 0
                       ? g_strconcat (row->where, ".", ma_exchange_columns ()[column], NULL)
                       : g_strdup (row->where);
  g_ptr_array_add (list, issue);
}

static void
reject_at (Run *run, Row *row, int column, const char *part, const char *message)
{
  add_row_issue (run, run->plan->problems, row, column, part, message);
  g_hash_table_add (run->rejected, GUINT_TO_POINTER (row->row));
  row->bad = TRUE;
}

static void
reject (Run *run, Row *row, int column, const char *message)
{
  reject_at (run, row, column, NULL, message);
}

static void
warn (Run *run, Row *row, int column, const char *message)
{
  add_row_issue (run, run->plan->warnings, row, column, NULL, message);
}

static GHashTable *
load_terms (MaStore *store, MaVocabulary vocabulary)
{
  GHashTable *terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean country = vocabulary == MA_VOCABULARY_COUNTRY;
  g_autofree char *sql = g_strdup_printf (
      "SELECT code, name_en, name_fr, name_es%s FROM %s ORDER BY position DESC",
      country ? ", alpha3, numeric" : ", NULL, NULL", ma_vocabulary_table (vocabulary));
  sqlite3_stmt *stmt;

  if (country)
    {
      /* Countries have no position: keep the order of their codes. */
      g_free (sql);
      sql = g_strdup ("SELECT code, name_en, name_fr, name_es, alpha3, numeric FROM country "
                      "ORDER BY code DESC");
    }
  stmt = ma_store_prepare (store, sql, NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      for (int i = 0; i < 6; i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          if (text == NULL)
            continue;
          /* Numeric country codes lose their leading zeros in a spreadsheet. */
          if (i == 5)
            while (text[0] == '0' && text[1] != '\0')
              text++;
          g_hash_table_insert (terms, ma_import_fold (text), g_strdup (code));
        }
    }
  sqlite3_finalize (stmt);
  return terms;
}

/* The code of VALUE in VOCABULARY, written as a code or as a name in any of the
 * three languages; NULL when it is neither. */
static const char *
resolve_term (Run *run, MaVocabulary vocabulary, const char *value)
{
  g_autofree char *folded = ma_import_fold (value);

  if (folded[0] == '\0' && value != NULL)
    return NULL;
  return g_hash_table_lookup (run->terms[vocabulary], folded);
}

static const char *
resolve_language (const char *value)
{
  const struct
  {
    const char *code;
    const char *names[5];
  } languages[] = {
    { "en", { "en", "english", "anglais", "ingles", "eng" } },
    { "fr", { "fr", "french", "francais", "frances", "fra" } },
    { "es", { "es", "spanish", "espagnol", "espanol", "spa" } },
  };
  g_autofree char *folded = ma_import_fold (value);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    for (guint j = 0; j < G_N_ELEMENTS (languages[i].names); j++)
      if (g_str_equal (folded, languages[i].names[j]))
        return languages[i].code;
  return NULL;
}

/* Items of a list cell: split at "|" and new lines (what we write); an item that
 * names nothing is split again at ";" and "," (what people write). */
static char **
split_items (const char *value)
{
  g_auto (GStrv) parts = g_strsplit_set (value != NULL ? value : "", "|\n", -1);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);
      if (item[0] != '\0')
        g_ptr_array_add (items, g_strdup (item));
    }
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (items, FALSE);
}

/* The codes of a list of countries or themes, "|"-separated and sorted, or NULL
 * after rejecting the row for each item that names nothing. */
static char *
resolve_list (Run *run, Row *row, int column, MaVocabulary vocabulary, const char *message)
{
  g_auto (GStrv) items = split_items (row->values[column]);
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();
  gboolean ok = TRUE;

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *code = resolve_term (run, vocabulary, items[i]);
      if (code == NULL)
        {
          g_auto (GStrv) again = g_strsplit_set (items[i], ";,", -1);
          gboolean all = g_strv_length (again) > 1;
          for (guint j = 0; all && again[j] != NULL; j++)
            all &= g_strstrip (again[j])[0] == '\0' ||
                   resolve_term (run, vocabulary, again[j]) != NULL;
          for (guint j = 0; all && again[j] != NULL; j++)
            if (again[j][0] != '\0')
              g_ptr_array_add (codes, (gpointer) resolve_term (run, vocabulary, again[j]));
          if (!all)
            {
              g_autofree char *text = g_strdup_printf (message, items[i]);
              reject (run, row, column, text);
              ok = FALSE;
            }
          continue;
        }
      g_ptr_array_add (codes, (gpointer) code);
    }
  if (!ok)
    return NULL;
  {
    GString *joined = g_string_new (NULL);
    g_ptr_array_sort (codes, (GCompareFunc) g_strcmp0);
    for (guint i = 0; i < codes->len; i++)
      {
        const char *code = *(const char **) &codes->pdata[i];
        if (i > 0 && g_strcmp0 (code, codes->pdata[i - 1]) == 0)
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, '|');
        g_string_append (joined, code);
      }
    return g_string_free (joined, joined->len == 0);
  }
}

static gboolean
all_digits (const char *text, gsize length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

typedef enum
{
  DATE_BAD,
  DATE_OK,
  DATE_AMBIGUOUS,
} DateResult;

/* A date written as ISO (2021, 2021-10, 2021-10-19, 2021/10/19, with or without a
 * time), as day/month/year or month/day/year (with /, . or -), or as month/year.
 * *EVIDENCE: the order it proves, when one of the first two numbers is over 12. */
static DateResult
parse_date (const char *text, MaDateOrder order, char **iso, MaDateOrder *evidence)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto (GStrv) parts = NULL;
  guint n, a, b, year;
  char *cut;

  *iso = NULL;
  *evidence = MA_DATE_ORDER_UNKNOWN;
  if ((cut = strpbrk (copy, "T ")) != NULL && cut - copy >= 8)
    *cut = '\0'; /* 2021-10-19T00:00:00, 2021-10-19 00:00 */
  parts = g_strsplit_set (copy, "/.-", 4);
  n = g_strv_length (parts);
  if (n >= 1 && strlen (parts[0]) == 4)
    {
      g_autofree char *joined = g_strjoinv ("-", parts);
      return ma_date_parse (joined, iso, NULL) ? DATE_OK : DATE_BAD;
    }
  for (guint i = 0; i < n; i++)
    if (!all_digits (parts[i], strlen (parts[i])) || strlen (parts[i]) > 4)
      return DATE_BAD;
  if (n == 2 && strlen (parts[1]) == 4 && strlen (parts[0]) <= 2)
    {
      g_autofree char *joined = g_strdup_printf ("%s-%s", parts[1], parts[0]);
      return ma_date_parse (joined, iso, NULL) ? DATE_OK : DATE_BAD;
    }
  if (n != 3 || strlen (parts[2]) != 4 || strlen (parts[0]) > 2 || strlen (parts[1]) > 2)
    return DATE_BAD;
  a = (guint) atoi (parts[0]);
  b = (guint) atoi (parts[1]);
  year = (guint) atoi (parts[2]);
  if (a > 12 && b <= 12)
    *evidence = MA_DATE_ORDER_DAY_FIRST;
  else if (b > 12 && a <= 12)
    *evidence = MA_DATE_ORDER_MONTH_FIRST;
  else if (a != b && order == MA_DATE_ORDER_UNKNOWN)
    return DATE_AMBIGUOUS;
  {
    gboolean day_first = *evidence == MA_DATE_ORDER_DAY_FIRST ||
                         (*evidence == MA_DATE_ORDER_UNKNOWN && order != MA_DATE_ORDER_MONTH_FIRST);
    guint day = day_first ? a : b, month = day_first ? b : a;
    g_autofree char *joined = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
    return ma_date_parse (joined, iso, NULL) ? DATE_OK : DATE_BAD;
  }
}

/* How to read the file's dates: as asked, else as its dates prove (25/03/2022 is
 * day first), else a question when some could be read both ways. */
static void
decide_date_order (Run *run, GPtrArray *rows)
{
  MaDateOrder proved = MA_DATE_ORDER_UNKNOWN;
  Row *proof = NULL, *ambiguous = NULL;
  const char *proof_text = NULL, *ambiguous_text = NULL;
  gboolean conflict = FALSE;

  run->order = run->import->order;
  if (run->order != MA_DATE_ORDER_UNKNOWN)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      for (guint d = 0; d < 2; d++)
        {
          g_autofree char *iso = NULL;
          MaDateOrder evidence;
          DateResult result;
          if (row->raw_dates[d] == NULL)
            continue;
          result = parse_date (row->raw_dates[d], MA_DATE_ORDER_UNKNOWN, &iso, &evidence);
          if (result == DATE_AMBIGUOUS && ambiguous == NULL)
            {
              ambiguous = row;
              ambiguous_text = row->raw_dates[d];
            }
          if (evidence == MA_DATE_ORDER_UNKNOWN)
            continue;
          if (proved == MA_DATE_ORDER_UNKNOWN)
            {
              proved = evidence;
              proof = row;
              proof_text = row->raw_dates[d];
            }
          else if (proved != evidence)
            conflict = TRUE;
        }
    }
  if (proved != MA_DATE_ORDER_UNKNOWN && !conflict)
    {
      g_autofree char *text = NULL;
      run->order = proved;
      if (ambiguous != NULL)
        {
          text = g_strdup_printf (proved == MA_DATE_ORDER_DAY_FIRST
                                      /* Translators: %s a date as the file writes it. */
                                      ? _ ("dates are read day first, as “%s” shows")
                                      : _ ("dates are read month first, as “%s” shows"),
                                  proof_text);
          add_issue (run->plan->warnings, proof->row, NULL, text);
        }
      return;
    }
  if (ambiguous != NULL)
    run->plan->question = g_strdup_printf (
        /* Translators: %1$s a date such as 03/04/2022, %2$u the row where it is. */
        _ ("Dates such as “%1$s” (row %2$u) can be read day first or month first: say which "
           "the file uses"),
        ambiguous_text, ambiguous->row);
}

/* Reads a row of the file into the columns it maps to. */
static Row *
row_from_record (MaImport *import, MaImportRecord *record)
{
  Row *row = g_new0 (Row, 1);

  row->row = record->row;
  row->object = record->object;
  row->where = record->where;
  for (guint i = 0; i < import->table->header->len; i++)
    {
      int c = import->targets[i];
      if (c < 0)
        continue;
      /* A JSON member that is absent leaves the field alone; null clears it. */
      if (record->object != NULL &&
          !json_object_has_member (record->object, ma_exchange_columns ()[c]))
        continue;
      /* IATI has no empty values: what a file leaves out is not cleared. */
      if (import->format == MA_EXCHANGE_IATI &&
          (i >= record->cells->len || record->cells->pdata[i] == NULL))
        continue;
      row->present[c] = TRUE;
      if (i < record->cells->len && record->cells->pdata[i] != NULL)
        row->values[c] = g_strdup (record->cells->pdata[i]);
    }
  row->raw_dates[0] = g_strdup (row->values[COL_START]);
  row->raw_dates[1] = g_strdup (row->values[COL_END]);
  return row;
}

static void
row_free (Row *row)
{
  for (guint i = 0; i < N_COLS; i++)
    g_free (row->values[i]);
  g_free (row->raw_dates[0]);
  g_free (row->raw_dates[1]);
  g_free (row);
}

static void
resolve_code (Run *run, Row *row, int column, MaVocabulary vocabulary, const char *message)
{
  const char *code;

  if (row->values[column] == NULL)
    return;
  code = resolve_term (run, vocabulary, row->values[column]);
  if (code == NULL)
    {
      g_autofree char *text = g_strdup_printf (message, row->values[column]);
      reject (run, row, column, text);
      return;
    }
  g_free (row->values[column]);
  row->values[column] = g_strdup (code);
}

/* Checks a row and turns its values into codes and ISO dates; rejects it with a
 * problem for each value that is wrong. */
static void
validate_row (Run *run, Row *row)
{
  /* A title or status can be left out of an update, not emptied. */
  if (row->present[COL_TITLE] && row->values[COL_TITLE] == NULL)
    reject (run, row, COL_TITLE, _ ("the title is missing"));
  if (row->present[COL_STATUS] && row->values[COL_STATUS] == NULL)
    reject (run, row, COL_STATUS, _ ("the status is missing"));
  resolve_code (run, row, COL_STATUS, MA_VOCABULARY_STATUS, _ ("“%s” is not a status"));
  resolve_code (run, row, COL_TYPE, MA_VOCABULARY_TYPE, _ ("“%s” is not a type of Action"));
  resolve_code (run, row, COL_REGION, MA_VOCABULARY_REGION, _ ("“%s” is not a region"));
  if (row->values[COL_LANG] != NULL)
    {
      const char *lang = resolve_language (row->values[COL_LANG]);
      if (lang == NULL)
        reject (run, row, COL_LANG, _ ("the language must be English, French or Spanish"));
      else
        {
          g_free (row->values[COL_LANG]);
          row->values[COL_LANG] = g_strdup (lang);
        }
    }
  if (row->values[COL_UUID] != NULL && !g_uuid_string_is_valid (row->values[COL_UUID]))
    {
      g_autofree char *text = g_strdup_printf (_ ("“%s” is not a UUID"), row->values[COL_UUID]);
      reject (run, row, COL_UUID, text);
    }
  for (guint d = 0; d < 2; d++)
    {
      int c = d == 0 ? COL_START : COL_END;
      g_autofree char *iso = NULL;
      MaDateOrder evidence;
      DateResult result;

      if (row->values[c] == NULL)
        continue;
      result = parse_date (row->values[c], run->order, &iso, &evidence);
      g_clear_pointer (&row->values[c], g_free);
      if (result == DATE_AMBIGUOUS)
        {
          /* Left alone until the question is answered: nothing is written then. */
          row->present[c] = FALSE;
          continue;
        }
      if (result == DATE_BAD)
        {
          g_autofree char *text = g_strdup_printf (
              /* Translators: %s is a date as the file writes it. */
              _ ("“%s” is not a date: write a year (2021), a month (2021-10 or 10/2021) or a day "
                 "(2021-10-19 or 19/10/2021)"),
              row->raw_dates[d]);
          reject (run, row, c, text);
          continue;
        }
      row->values[c] = g_steal_pointer (&iso);
    }
  if (!row->bad)
    {
      g_autoptr (GError) error = NULL;
      if (!ma_date_check_span (row->values[COL_START], row->values[COL_END], &error))
        reject (run, row, COL_END, error->message);
    }
  if (row->values[COL_COUNTRIES] != NULL)
    {
      char *codes = resolve_list (run, row, COL_COUNTRIES, MA_VOCABULARY_COUNTRY,
                                  _ ("“%s” is not a country"));
      g_free (row->values[COL_COUNTRIES]);
      row->values[COL_COUNTRIES] = codes;
    }
  if (row->values[COL_THEMES] != NULL)
    {
      char *codes = resolve_list (run, row, COL_THEMES, MA_VOCABULARY_THEME,
                                  _ ("“%s” is not a thematic area"));
      g_free (row->values[COL_THEMES]);
      row->values[COL_THEMES] = codes;
    }
  if (row->values[COL_PARTNERS] != NULL)
    {
      g_auto (GStrv) items = split_items (row->values[COL_PARTNERS]);
      g_free (row->values[COL_PARTNERS]);
      row->values[COL_PARTNERS] = items[0] != NULL ? g_strjoinv ("|", items) : NULL;
    }
  for (int c = COL_TITLE; c <= COL_NOTES; c++)
    {
      g_autofree char *repaired = ma_import_repair_double_encoding (row->values[c]);
      if (repaired != NULL)
        {
          g_autofree char *text = g_strdup_printf (
              /* Translators: %1$s garbled text, %2$s what it most likely was. */
              _ ("“%1$s” looks encoded twice: it probably was “%2$s”; save the sheet as UTF-8 "
                 "and import it again"),
              row->values[c], repaired);
          warn (run, row, c, text);
        }
    }
  for (int c = COL_UUID; c <= COL_CODE; c++)
    if (row->values[c] != NULL)
      {
        g_autofree char *key = g_strdup_printf ("%d:%s", c, row->values[c]);
        Row *first = g_hash_table_lookup (run->file_codes, key);
        if (first != NULL)
          {
            g_autofree char *text =
                first->where != NULL
                    /* Translators: %1$s a code or UUID, %2$s where it was first seen ("[3]"). */
                    ? g_strdup_printf (_ ("“%1$s” is already used at %2$s"), row->values[c],
                                       first->where)
                    /* Translators: %1$s a code or UUID, %2$u the row where it was first seen. */
                    : g_strdup_printf (_ ("“%1$s” is already used on row %2$u"), row->values[c],
                                       first->row);
            reject (run, row, c, text);
          }
        else
          g_hash_table_insert (run->file_codes, g_steal_pointer (&key), row);
      }
}

/* ---- Writing ------------------------------------------------------------------------ */

static gint64
lookup_id (MaStore *store, const char *sql, const char *value)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (value == NULL)
    return 0;
  stmt = ma_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* The Action whose code is CODE, or that a spreadsheet would show as CODE: "007"
 * comes back as "7". *STORED: its code as the database has it. */
static gint64
find_by_code (MaStore *store, const char *code, char **stored)
{
  gint64 id = lookup_id (store, "SELECT id FROM action WHERE code = ?", code);
  sqlite3_stmt *stmt;

  *stored = NULL;
  if (id > 0 || code == NULL || !all_digits (code, strlen (code)))
    return id;
  stmt = ma_store_prepare (store,
                           "SELECT id, code FROM action WHERE code GLOB '0*' AND code NOT GLOB "
                           "'*[^0-9]*' AND ltrim (code, '0') = ltrim (?, '0') LIMIT 1",
                           NULL);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *stored = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  return id;
}

static gboolean
exec_stmt (Run *run, Row *row, sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autoptr (GError) error = NULL;
      ma_store_set_sqlite_error (&error, ma_store_get_db (run->store), rc);
      reject (run, row, -1, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_sql (Run *run, Row *row, const char *sql, gint64 id, const char *text)
{
  sqlite3_stmt *stmt = ma_store_prepare (run->store, sql, NULL);
  gboolean ok;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  ok = exec_stmt (run, row, stmt);
  sqlite3_finalize (stmt);
  return ok;
}

static gint64
partner_id (Run *run, Row *row, const char *name)
{
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (run->partners, name));
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;

  if (id > 0)
    return id;
  uuid = g_uuid_string_random ();
  stmt = ma_store_prepare (run->store, "INSERT INTO partner (uuid, name) VALUES (?, ?)", NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!exec_stmt (run, row, stmt))
    {
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (ma_store_get_db (run->store));
  g_hash_table_insert (run->partners, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
write_links (Run *run, Row *row, gboolean replace)
{
  const struct
  {
    int column;
    const char *delete_sql;
    sqlite3_stmt *insert;
  } links[] = {
    { COL_COUNTRIES, "DELETE FROM action_country WHERE action = ?", run->insert_country },
    { COL_THEMES, "DELETE FROM action_theme WHERE action = ?", run->insert_theme },
    { COL_PARTNERS, "DELETE FROM action_partner WHERE action = ?", run->insert_partner_link },
  };

  for (guint l = 0; l < G_N_ELEMENTS (links); l++)
    {
      g_auto (GStrv) items = NULL;

      if (!row->present[links[l].column])
        continue;
      items =
          g_strsplit (row->values[links[l].column] ? row->values[links[l].column] : "", "|", -1);
      if (replace && !exec_sql (run, row, links[l].delete_sql, row->id, NULL))
        return FALSE;
      for (guint i = 0; items[i] != NULL; i++)
        {
          if (items[i][0] == '\0')
            continue;
          sqlite3_bind_int64 (links[l].insert, 1, row->id);
          if (links[l].column == COL_PARTNERS)
            {
              gint64 partner = partner_id (run, row, items[i]);
              if (partner <= 0)
                return FALSE;
              sqlite3_bind_int64 (links[l].insert, 2, partner);
            }
          else
            sqlite3_bind_text (links[l].insert, 2, items[i], -1, SQLITE_TRANSIENT);
          if (!exec_stmt (run, row, links[l].insert))
            return FALSE;
        }
    }
  return TRUE;
}

/* The French and Spanish texts the row has; an empty cell clears one. */
static gboolean
write_texts (Run *run, Row *row, char **current)
{
  for (guint lang = 0; lang < 2; lang++)
    {
      int title = lang == 0 ? COL_TITLE_FR : COL_TITLE_ES;
      int summary = lang == 0 ? COL_SUMMARY_FR : COL_SUMMARY_ES;
      const char *new_title, *new_summary;
      sqlite3_stmt *stmt;
      gboolean ok;

      if (!row->present[title] && !row->present[summary])
        continue;
      new_title = row->present[title] ? row->values[title] : (current ? current[title] : NULL);
      new_summary =
          row->present[summary] ? row->values[summary] : (current ? current[summary] : NULL);
      if (current != NULL && g_strcmp0 (new_title, current[title]) == 0 &&
          g_strcmp0 (new_summary, current[summary]) == 0)
        continue;
      if (new_title == NULL && new_summary == NULL)
        {
          stmt = ma_store_prepare (run->store,
                                   "DELETE FROM action_text WHERE action = ? AND lang = ?", NULL);
          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_text (stmt, 2, lang == 0 ? "fr" : "es", -1, SQLITE_STATIC);
        }
      else
        {
          stmt = ma_store_prepare (
              run->store,
              "INSERT INTO action_text (action, lang, title, summary) VALUES (?, ?, ?, ?) ON "
              "CONFLICT (action, lang) DO UPDATE SET title = excluded.title, summary = "
              "excluded.summary",
              NULL);
          sqlite3_bind_int64 (stmt, 1, row->id);
          sqlite3_bind_text (stmt, 2, lang == 0 ? "fr" : "es", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, new_title, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, new_summary, -1, SQLITE_TRANSIENT);
        }
      ok = exec_stmt (run, row, stmt);
      sqlite3_finalize (stmt);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                 json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

/* Writes the activities or outputs of a JSON row: new ones are added, known ones
 * (by UUID) updated, and in an update those of the Action the file leaves out
 * removed. *CHANGED tells whether anything was written. */
static gboolean
write_children_of (Run *run, Row *row, gboolean outputs, gboolean *changed)
{
  const char *member = outputs ? "outputs" : "activities";
  const char *table = outputs ? "output" : "activity";
  const char *const fields[] = { "kind",  "format",       "start_date", "end_date",
                                 "place", "participants", "description" };
  const char *const keys[] = { "kind",  "format",       "start",      "end",
                               "place", "participants", "description" };
  const char *const output_fields[] = { "kind", "title" };
  const guint n_fields = outputs ? G_N_ELEMENTS (output_fields) : G_N_ELEMENTS (fields);
  g_autoptr (GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (row->object == NULL || !json_object_has_member (row->object, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (row->object, member)))
    return TRUE;
  array = json_object_get_array_member (row->object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *uuid = NULL;
      g_autofree char *select = NULL;
      char *values[G_N_ELEMENTS (fields)] = { NULL };
      sqlite3_stmt *stmt;
      gint64 id = 0;
      gboolean ok = TRUE;

      g_autofree char *part = g_strdup_printf (".%s[%u]", member, i);
      g_autofree char *kind_part = g_strconcat (part, ".kind", NULL);
      g_autofree char *format_part = g_strconcat (part, ".format", NULL);

      if (o == NULL)
        continue;
      uuid = g_strdup (member_string (o, "uuid"));
      if (uuid == NULL || !g_uuid_string_is_valid (uuid))
        {
          g_free (uuid);
          uuid = g_uuid_string_random ();
        }
      for (guint f = 0; f < n_fields; f++)
        {
          const char *key = outputs ? output_fields[f] : keys[f];
          JsonNode *node = json_object_get_member (o, key);
          if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
            {
              if (json_node_get_value_type (node) == G_TYPE_STRING)
                values[f] = g_strdup (json_node_get_string (node));
              else
                values[f] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
            }
        }
      /* Codes and dates are checked as in a row. */
      {
        MaVocabulary kinds = outputs ? MA_VOCABULARY_OUTPUT_KIND : MA_VOCABULARY_ACTIVITY_KIND;
        const char *kind = values[0] != NULL ? resolve_term (run, kinds, values[0]) : NULL;
        const char *format = !outputs && values[1] != NULL
                                 ? resolve_term (run, MA_VOCABULARY_ACTIVITY_FORMAT, values[1])
                                 : NULL;
        if (values[0] != NULL && kind == NULL)
          {
            g_autofree char *text = g_strdup_printf (outputs ? _ ("“%s” is not a kind of output")
                                                             : _ ("“%s” is not a kind of activity"),
                                                     values[0]);
            reject_at (run, row, -1, kind_part, text);
            ok = FALSE;
          }
        else if (kind != NULL)
          {
            g_free (values[0]);
            values[0] = g_strdup (kind);
          }
        if (!outputs && values[1] != NULL && format == NULL)
          {
            g_autofree char *text =
                g_strdup_printf (_ ("“%s” is not a format of activity"), values[1]);
            reject_at (run, row, -1, format_part, text);
            ok = FALSE;
          }
        else if (format != NULL)
          {
            g_free (values[1]);
            values[1] = g_strdup (format);
          }
        for (guint d = 2; !outputs && d <= 3; d++)
          {
            g_autoptr (GError) error = NULL;
            char *iso = NULL;
            if (!ma_date_parse (values[d], &iso, &error))
              {
                reject_at (run, row, -1, part, error->message);
                ok = FALSE;
              }
            g_free (values[d]);
            values[d] = iso;
          }
      }
      if (ok)
        {
          select = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", table);
          id = lookup_id (run->store, select, uuid);
        }
      if (ok && id > 0)
        {
          for (guint f = 0; f < n_fields && ok; f++)
            {
              g_autofree char *sql = g_strdup_printf (
                  "UPDATE %s SET %s = ?2 WHERE id = ?1 AND %s IS NOT ?2", table,
                  outputs ? output_fields[f] : fields[f], outputs ? output_fields[f] : fields[f]);
              ok = exec_sql (run, row, sql, id, values[f]);
              *changed |= sqlite3_changes (ma_store_get_db (run->store)) > 0;
            }
        }
      else if (ok)
        {
          g_autofree char *sql =
              outputs ? g_strdup ("INSERT INTO output (uuid, action, kind, title) VALUES (?, ?, ?, "
                                  "?)")
                      : g_strdup ("INSERT INTO activity (uuid, action, kind, format, start_date, "
                                  "end_date, place, participants, description) VALUES (?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?)");
          stmt = ma_store_prepare (run->store, sql, NULL);
          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, row->id);
          for (guint f = 0; f < n_fields; f++)
            sqlite3_bind_text (stmt, (int) f + 3, values[f], -1, SQLITE_TRANSIENT);
          ok = exec_stmt (run, row, stmt);
          sqlite3_finalize (stmt);
          *changed = TRUE;
        }
      for (guint f = 0; f < G_N_ELEMENTS (values); f++)
        g_free (values[f]);
      if (!ok)
        return FALSE;
      g_hash_table_add (kept, g_steal_pointer (&uuid));
    }
  /* What the Action has and the file no longer lists goes. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id, uuid FROM %s WHERE action = ?", table);
    g_autofree char *remove = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
    g_autoptr (GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
    sqlite3_stmt *stmt = ma_store_prepare (run->store, sql, NULL);

    sqlite3_bind_int64 (stmt, 1, row->id);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      if (!g_hash_table_contains (kept, sqlite3_column_text (stmt, 1)))
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (gone, id);
        }
    sqlite3_finalize (stmt);
    for (guint i = 0; i < gone->len; i++)
      {
        if (!exec_sql (run, row, remove, g_array_index (gone, gint64, i), NULL))
          return FALSE;
        *changed = TRUE;
      }
  }
  return TRUE;
}

/* The current values of an Action in the file's terms, to see what a row changes. */
static char **
current_values (Run *run, gint64 id)
{
  sqlite3_stmt *stmt;
  char **values = g_new0 (char *, N_COLS + 1);

  if (run->current_sql == NULL)
    {
      GString *text = g_string_new ("SELECT ");
      for (guint i = 0; i < N_COLS; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", ma_exchange_column_sql (i));
      g_string_append (text, " FROM action a WHERE a.id = ?");
      run->current_sql = g_string_free (text, FALSE);
    }
  stmt = ma_store_prepare (run->store, run->current_sql, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint i = 0; i < N_COLS; i++)
      values[i] = g_strdup ((const char *) sqlite3_column_text (stmt, (int) i));
  sqlite3_finalize (stmt);
  return values;
}

static gboolean
same_list (const char *a, const char *b)
{
  g_auto (GStrv) x = g_strsplit (a != NULL ? a : "", "|", -1);
  g_auto (GStrv) y = g_strsplit (b != NULL ? b : "", "|", -1);

  if (g_strv_length (x) != g_strv_length (y))
    return FALSE;
  for (guint i = 0; x[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) y, x[i]))
      return FALSE;
  return TRUE;
}

static gboolean
same_status (Run *run, const char *a, const char *b)
{
  gint64 x, y;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (run->import->format != MA_EXCHANGE_IATI)
    return FALSE;
  /* IATI has fewer statuses than we do: one that means the same keeps ours. */
  x = lookup_id (run->store, "SELECT iati_code FROM status WHERE code = ?", a);
  y = lookup_id (run->store, "SELECT iati_code FROM status WHERE code = ?", b);
  return x > 0 && x == y;
}

static gboolean
update_row (Run *run, Row *row)
{
  char **current = current_values (run, row->id);
  gboolean ok = TRUE;
  gboolean changed = FALSE, links_changed = FALSE;

  for (guint c = 0; c < N_COLS && ok; c++)
    {
      gboolean differs;
      if (!row->present[c] || c == COL_UUID || c == COL_CREATED || c == COL_UPDATED ||
          c == COL_BUILDS_ON)
        continue;
      if (c == COL_COUNTRIES || c == COL_THEMES || c == COL_PARTNERS)
        differs = !same_list (row->values[c], current[c]);
      else if (c == COL_STATUS)
        differs = !same_status (run, row->values[c], current[c]);
      else
        differs = g_strcmp0 (row->values[c], current[c]) != 0;
      if (!differs)
        continue;
      /* A value that differs only by a double encoding is not a change to make. */
      {
        g_autofree char *repaired = ma_import_repair_double_encoding (row->values[c]);
        if (repaired != NULL && g_strcmp0 (repaired, current[c]) == 0)
          {
            g_autofree char *text = g_strdup_printf (
                _ ("only the encoding of “%s” differs: the value is kept"), current[c]);
            warn (run, row, (int) c, text);
            g_free (row->values[c]);
            row->values[c] = g_strdup (current[c]);
            continue;
          }
      }
      changed = TRUE;
      if (action_fields[c] != NULL)
        {
          g_autofree char *sql = g_strdup_printf (
              "UPDATE action SET %s = ?2, updated = strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now') "
              "WHERE id = ?1",
              action_fields[c]);
          ok = exec_sql (run, row, sql, row->id, row->values[c]);
        }
      else if (c == COL_COUNTRIES || c == COL_THEMES || c == COL_PARTNERS)
        {
          links_changed = TRUE;
          sqlite3_bind_text (run->history, 1, ma_exchange_columns ()[c], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (run->history, 2, row->id);
          sqlite3_bind_text (run->history, 3, current[c], -1, SQLITE_STATIC);
          sqlite3_bind_text (run->history, 4, row->values[c], -1, SQLITE_STATIC);
          ok = exec_stmt (run, row, run->history);
        }
    }
  if (ok && links_changed)
    {
      /* Only the lists that changed are rewritten. */
      gboolean keep[3] = { row->present[COL_COUNTRIES], row->present[COL_THEMES],
                           row->present[COL_PARTNERS] };
      row->present[COL_COUNTRIES] &=
          !same_list (row->values[COL_COUNTRIES], current[COL_COUNTRIES]);
      row->present[COL_THEMES] &= !same_list (row->values[COL_THEMES], current[COL_THEMES]);
      row->present[COL_PARTNERS] &= !same_list (row->values[COL_PARTNERS], current[COL_PARTNERS]);
      ok = write_links (run, row, TRUE);
      row->present[COL_COUNTRIES] = keep[0];
      row->present[COL_THEMES] = keep[1];
      row->present[COL_PARTNERS] = keep[2];
    }
  ok = ok && write_texts (run, row, current);
  ok = ok && write_children_of (run, row, FALSE, &changed);
  ok = ok && write_children_of (run, row, TRUE, &changed);
  if (ok && changed)
    run->plan->updated++;
  else if (ok)
    run->plan->unchanged++;
  /* Values may be NULL in the middle: g_strfreev would stop at the first. */
  for (guint i = 0; i < N_COLS; i++)
    g_free (current[i]);
  g_free (current);
  return ok;
}

static gboolean
insert_row (Run *run, Row *row)
{
  g_autofree char *uuid =
      row->values[COL_UUID] != NULL ? g_strdup (row->values[COL_UUID]) : g_uuid_string_random ();
  sqlite3_stmt *stmt = run->insert_action;
  gboolean changed = FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->values[COL_CODE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->values[COL_TITLE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->values[COL_SUMMARY], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->values[COL_LANG] ? row->values[COL_LANG] : "en", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, row->values[COL_TYPE], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->values[COL_STATUS], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, row->values[COL_START], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->values[COL_END], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, row->values[COL_REGION], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, row->values[COL_NOTES], -1, SQLITE_STATIC);
  if (!exec_stmt (run, row, stmt))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (ma_store_get_db (run->store));

  sqlite3_bind_text (run->history, 1, "*created*", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (run->history, 2, row->id);
  sqlite3_bind_null (run->history, 3);
  sqlite3_bind_text (run->history, 4, "import", -1, SQLITE_STATIC);
  if (!exec_stmt (run, row, run->history) || !write_links (run, row, FALSE) ||
      !write_texts (run, row, NULL) || !write_children_of (run, row, FALSE, &changed) ||
      !write_children_of (run, row, TRUE, &changed))
    return FALSE;
  run->plan->added++;
  return TRUE;
}

/* Links each row to the Action it builds on, once every row is written (it may
 * name an Action further down the file), with the rules the window applies: never
 * on itself, and no chain of Actions that comes back to where it started. */
static void
resolve_builds_on (Run *run, GPtrArray *rows)
{
  MaStore *store = run->store;
  sqlite3_stmt *stmt = ma_store_prepare (
      store, "UPDATE action SET builds_on = ?2 WHERE id = ?1 AND builds_on IS NOT ?2", NULL);
  /* UNION keeps each Action once, so a cycle ends the walk. */
  sqlite3_stmt *cycle = ma_store_prepare (
      store,
      "WITH RECURSIVE chain (id) AS (SELECT builds_on FROM action WHERE id = ?1 UNION SELECT "
      "a.builds_on FROM chain JOIN action a ON a.id = chain.id WHERE a.builds_on IS NOT NULL) "
      "SELECT count(*) FROM chain WHERE id = ?1",
      NULL);
  gboolean linked = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autofree char *stored = NULL;
      gint64 target = 0;

      if (row->bad || row->id <= 0 || !row->present[COL_BUILDS_ON])
        continue;
      if (row->values[COL_BUILDS_ON] != NULL)
        {
          target =
              lookup_id (store, "SELECT id FROM action WHERE uuid = ?", row->values[COL_BUILDS_ON]);
          if (target == 0)
            target = find_by_code (store, row->values[COL_BUILDS_ON], &stored);
          if (target == 0)
            {
              g_autofree char *text =
                  g_strdup_printf (_ ("There is no Action “%s”"), row->values[COL_BUILDS_ON]);
              reject (run, row, COL_BUILDS_ON, text);
              continue;
            }
          if (target == row->id)
            {
              reject (run, row, COL_BUILDS_ON, _ ("An Action cannot build on itself"));
              continue;
            }
        }
      sqlite3_bind_int64 (stmt, 1, row->id);
      if (target > 0)
        sqlite3_bind_int64 (stmt, 2, target);
      exec_stmt (run, row, stmt);
      linked |= target > 0;
    }
  for (guint i = 0; linked && i < rows->len; i++)
    {
      Row *row = rows->pdata[i];

      if (row->bad || row->id <= 0 || !row->present[COL_BUILDS_ON] ||
          row->values[COL_BUILDS_ON] == NULL)
        continue;
      sqlite3_bind_int64 (cycle, 1, row->id);
      if (sqlite3_step (cycle) == SQLITE_ROW && sqlite3_column_int (cycle, 0) > 0)
        {
          const char *name =
              row->values[COL_CODE] != NULL ? row->values[COL_CODE] : row->values[COL_TITLE];
          g_autofree char *text = g_strdup_printf (
              _ ("%1$s builds on itself through a chain of Actions"), name != NULL ? name : "");
          reject (run, row, COL_BUILDS_ON, text);
        }
      sqlite3_reset (cycle);
    }
  sqlite3_finalize (cycle);
  sqlite3_finalize (stmt);
}

/* With MA_IMPORT_IF_UNCHANGED: FALSE (rejected) when the Action ID was changed
 * since ROW was exported, its "updated" time then and now differing. */
static gboolean
check_unchanged (Run *run, Row *row, gint64 id)
{
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;

  if (!(run->import->flags & MA_IMPORT_IF_UNCHANGED))
    return TRUE;
  if (row->values[COL_UPDATED] == NULL)
    {
      reject (run, row, row->present[COL_UPDATED] ? COL_UPDATED : -1,
              _ ("--if-unchanged needs the “updated” time of each Action, as exported"));
      return FALSE;
    }
  stmt = ma_store_prepare (run->store, "SELECT updated FROM action WHERE id = ?", NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stored = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (stored, row->values[COL_UPDATED]) == 0)
    return TRUE;
  {
    g_autofree char *text =
        /* Translators: %1$s the time of the last change in the database, %2$s the one in the
         * file. */
        g_strdup_printf (_ ("this Action was changed after the file was exported (changed %1$s, "
                            "the file has %2$s): it was not overwritten"),
                         stored != NULL ? stored : "", row->values[COL_UPDATED]);
    reject (run, row, COL_UPDATED, text);
  }
  return FALSE;
}

/* Finds the Action a row updates, or rejects it; 0 for a new one. */
static gint64
match_row (Run *run, Row *row)
{
  MaStore *store = run->store;
  g_autofree char *stored = NULL;
  gint64 existing = 0, owner;

  if (row->values[COL_UUID] != NULL)
    existing = lookup_id (store, "SELECT id FROM action WHERE uuid = ?", row->values[COL_UUID]);
  owner = find_by_code (store, row->values[COL_CODE], &stored);
  if (existing == 0 && run->import->mode == MA_IMPORT_UPDATE)
    existing = owner;
  if (existing > 0 && run->import->mode == MA_IMPORT_ADD)
    {
      reject (run, row, -1, _ ("this Action is already in the database (choose to update)"));
      return -1;
    }
  if (owner > 0 && owner != existing)
    {
      g_autofree char *message = g_strdup_printf (_ ("another Action already has the code “%s”"),
                                                  stored ? stored : row->values[COL_CODE]);
      reject (run, row, COL_CODE, message);
      return -1;
    }
  if (stored != NULL && owner == existing)
    {
      /* "7" for "007": the code stays as it is. */
      g_free (row->values[COL_CODE]);
      row->values[COL_CODE] = g_steal_pointer (&stored);
    }
  return existing;
}

static int
compare_issues (gconstpointer a, gconstpointer b)
{
  const MaImportIssue *x = *(MaImportIssue *const *) a;
  const MaImportIssue *y = *(MaImportIssue *const *) b;

  return x->row < y->row ? -1 : x->row > y->row;
}

static void
run_clear (Run *run)
{
  sqlite3_finalize (run->insert_action);
  sqlite3_finalize (run->insert_country);
  sqlite3_finalize (run->insert_theme);
  sqlite3_finalize (run->insert_partner_link);
  sqlite3_finalize (run->history);
  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    g_clear_pointer (&run->terms[v], g_hash_table_unref);
  g_clear_pointer (&run->rejected, g_hash_table_unref);
  g_clear_pointer (&run->partners, g_hash_table_unref);
  g_clear_pointer (&run->file_codes, g_hash_table_unref);
  g_free (run->current_sql);
}

static gboolean
prepare_run (Run *run, GError **error)
{
  MaStore *store = run->store;
  g_autoptr (GPtrArray) partners = ma_store_list_partners (store, 0, NULL);

  for (guint v = 0; v < MA_N_VOCABULARIES; v++)
    run->terms[v] = load_terms (store, v);
  run->rejected = g_hash_table_new (NULL, NULL);
  run->partners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->file_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      MaPartner *partner = partners->pdata[i];
      g_hash_table_insert (run->partners, g_strdup (partner->name),
                           GSIZE_TO_POINTER ((gsize) partner->id));
    }
  run->insert_action = ma_store_prepare (store,
                                         "INSERT INTO action (uuid, code, title, summary, lang, "
                                         "type, status, start_date, end_date, region, notes) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         error);
  run->insert_country = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_country (action, country) VALUES (?, ?)", error);
  run->insert_theme = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_theme (action, theme) VALUES (?, ?)", error);
  run->insert_partner_link = ma_store_prepare (
      store, "INSERT OR IGNORE INTO action_partner (action, partner) VALUES (?, ?)", error);
  run->history = ma_store_prepare (store,
                                   "INSERT INTO history (record, field, record_id, old_value, "
                                   "new_value) VALUES ('action', ?, ?, ?, ?)",
                                   error);
  return run->insert_action && run->insert_country && run->insert_theme &&
         run->insert_partner_link && run->history;
}

gboolean
ma_import_run (MaImport *self,
               gboolean dry_run,
               GCancellable *cancellable,
               MaImportProgress progress,
               gpointer user_data,
               MaImportPlan **plan_out,
               GError **error)
{
  g_autoptr (MaImportPlan) plan = ma_import_plan_new ();
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr (MaStore) scratch = NULL;
  MaStore *store = self->store;
  Run run = { 0 };
  gboolean mapped = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (plan_out != NULL, FALSE);

  *plan_out = NULL;
  run.import = self;
  run.plan = plan;
  run.store = store;
  for (guint i = 0; i < self->table->header->len; i++)
    mapped |= self->targets[i] >= 0;
  if (!mapped)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) ma_exchange_columns ());
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   _ ("No column of the file is known: map them to the columns %s"), known);
      return FALSE;
    }
  for (guint i = 0; i < self->table->ignored->len; i++)
    g_ptr_array_add (plan->ignored, g_strdup (self->table->ignored->pdata[i]));
  for (guint i = 0; i < self->table->records->len; i++)
    g_ptr_array_add (rows, row_from_record (self, self->table->records->pdata[i]));
  plan->rows = rows->len;
  /* A dry run writes into a private copy, never into the database. */
  if (dry_run)
    {
      scratch = ma_store_open_scratch_copy (self->store, error);
      if (scratch == NULL)
        goto out;
      run.store = store = scratch;
    }
  if (!prepare_run (&run, error))
    goto out;
  for (guint i = 0; i < self->table->problems->len; i++)
    {
      MaImportIssue *issue = self->table->problems->pdata[i];
      MaImportIssue *copy = ma_import_issue_new (issue->row, issue->column, issue->message);
      copy->where = g_strdup (issue->where);
      g_ptr_array_add (plan->problems, copy);
      g_hash_table_add (run.rejected, GUINT_TO_POINTER (issue->row));
    }
  decide_date_order (&run, rows);

  if (!ma_store_begin (store, error))
    goto out;
  if (!ma_store_defer_search_index (store, error))
    goto rollback;
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      gint64 existing;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
      if (progress != NULL && (i % 256 == 0))
        progress (i, rows->len, user_data);
      /* A row the reader could not read (a wrong JSON type) is not checked further. */
      row->bad = g_hash_table_contains (run.rejected, GUINT_TO_POINTER (row->row));
      if (row->bad)
        continue;
      {
        MaImportRecord *record = self->table->records->pdata[i];
        for (guint c = self->table->header->len; c < record->cells->len; c++)
          if (record->cells->pdata[c] != NULL)
            {
              g_autofree char *text = g_strdup_printf (
                  _ ("this row has a value in column %u, beyond the columns of the header"), c + 1);
              reject (&run, row, -1, text);
              break;
            }
      }
      validate_row (&run, row);
      if (row->bad)
        continue;
      existing = match_row (&run, row);
      if (existing < 0)
        continue;
      if (existing == 0 && !row->present[COL_TITLE])
        reject (&run, row, -1, _ ("a new Action needs a title, and the file has no title column"));
      if (existing == 0 && !row->present[COL_STATUS])
        reject (&run, row, -1,
                _ ("a new Action needs a status, and the file has no status column"));
      if (existing > 0 && !check_unchanged (&run, row, existing))
        continue;
      if (row->bad)
        continue;
      row->id = existing;
      if (existing > 0 ? !update_row (&run, row) : !insert_row (&run, row))
        continue;
      if (!ma_store_touch_action (store, row->id, error))
        goto rollback;
    }
  resolve_builds_on (&run, rows);
  if (progress != NULL)
    progress (rows->len, rows->len, user_data);

  /* Problems in the order of the rows, each row's in the order they were found. */
  g_ptr_array_sort (plan->problems, compare_issues);
  plan->rejected = g_hash_table_size (run.rejected);
  if (plan->rejected > 0)
    plan->added = plan->updated = plan->unchanged = 0;
  if (dry_run)
    {
      ma_store_rollback (store);
      ok = TRUE;
      goto out;
    }
  if (plan->rejected > 0 || plan->question != NULL)
    {
      if (plan->rejected > 0)
        g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS,
                     g_dngettext (GETTEXT_PACKAGE, "%u row has errors: nothing was imported",
                                  "%u rows have errors: nothing was imported", plan->rejected),
                     plan->rejected);
      else
        g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS, plan->question);
      goto rollback;
    }
  if (!ma_store_reindex_touched (store, error) || !ma_store_commit (store, error))
    goto rollback;
  plan->written = TRUE;
  ma_store_emit_changed (store, 0);
  ok = TRUE;
  goto out;

rollback:
  ma_store_rollback (store);
out:
  run_clear (&run);
  /* Even when nothing was written, the plan tells why. */
  *plan_out = g_steal_pointer (&plan);
  return ok;
}

void
ma_import_report_clear (MaImportReport *report)
{
  g_clear_pointer (&report->errors, g_ptr_array_unref);
}

gboolean
ma_import_actions (MaStore *store,
                   MaExchangeFormat format,
                   MaImportMode mode,
                   gboolean dry_run,
                   GFile *file,
                   MaImportReport *report,
                   GError **error)
{
  return ma_import_actions_full (store, format, mode, MA_IMPORT_FLAGS_NONE, dry_run, file, report,
                                 error);
}

gboolean
ma_import_actions_full (MaStore *store,
                        MaExchangeFormat format,
                        MaImportMode mode,
                        MaImportFlags flags,
                        gboolean dry_run,
                        GFile *file,
                        MaImportReport *report,
                        GError **error)
{
  g_autoptr (MaImport) import = NULL;
  g_autoptr (MaImportPlan) plan = NULL;
  gboolean ok;

  g_return_val_if_fail (report != NULL, FALSE);
  memset (report, 0, sizeof *report);
  report->errors = g_ptr_array_new_with_free_func (g_free);
  import = ma_import_new (store, file, format, NULL, error);
  if (import == NULL)
    return FALSE;
  ma_import_set_mode (import, mode);
  ma_import_set_flags (import, flags);
  ok = ma_import_run (import, dry_run, NULL, NULL, NULL, &plan, error);
  if (plan != NULL)
    {
      for (guint i = 0; i < plan->problems->len; i++)
        g_ptr_array_add (report->errors, ma_import_issue_to_string (plan->problems->pdata[i]));
      if (ok && plan->rejected > 0)
        {
          g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_ROWS,
                       g_dngettext (GETTEXT_PACKAGE, "%u row has errors: nothing was imported",
                                    "%u rows have errors: nothing was imported", plan->rejected),
                       plan->rejected);
          ok = FALSE;
        }
      if (ok)
        {
          report->added = plan->added;
          report->updated = plan->updated;
          report->unchanged = plan->unchanged;
        }
    }
  return ok;
}
