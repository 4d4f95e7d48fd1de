/* ma-import-iati.c: Actions from IATI activity files (versions 2.01 to 2.03)
 *
 * Parsed with libxml2 without network access and without entity substitution; a
 * file that declares entities is refused, so no external entity is ever resolved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "ma-date.h"
#include "ma-exchange-private.h"
#include "ma-import-private.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"

typedef struct
{
  MaImportTable *table;
  GHashTable *ignored; /* what has no home here → how many times */
  GPtrArray *ignored_order;
} Reader;

static void
ignore (Reader *reader, const char *what)
{
  gpointer count = g_hash_table_lookup (reader->ignored, what);

  if (count == NULL)
    g_ptr_array_add (reader->ignored_order, g_strdup (what));
  g_hash_table_insert (reader->ignored, g_strdup (what),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

static gboolean
is_element (xmlNodePtr node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         xmlStrcmp (node->name, BAD_CAST name) == 0;
}

static char *
get_prop (xmlNodePtr node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strstrip (g_strdup ((const char *) value)) : NULL;

  xmlFree (value);
  if (copy != NULL && copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static char *
get_lang (xmlNodePtr node)
{
  xmlChar *value = xmlGetNsProp (node, BAD_CAST "lang", BAD_CAST XML_NS);
  char *copy = value != NULL ? g_ascii_strdown ((const char *) value, -1) : NULL;

  xmlFree (value);
  return copy;
}

/* The text of an element from its text nodes only: entity references, which this
 * parser never substitutes, contribute nothing. */
static char *
text_of (xmlNodePtr node)
{
  GString *text = g_string_new (NULL);

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
      g_string_append (text, (const char *) child->content);
  g_strstrip (text->str);
  return g_string_free (text, text->str[0] == '\0');
}

/* The narratives of an element, by language (DEFAULT_LANG when unsaid). */
static GHashTable *
narratives (xmlNodePtr node, const char *default_lang)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, "narrative"))
      {
        g_autofree char *lang = get_lang (child);
        char *text = text_of (child);
        const char *key = lang != NULL ? lang : default_lang;
        if (text == NULL || g_hash_table_contains (texts, key))
          {
            g_free (text);
            continue;
          }
        g_hash_table_insert (texts, g_strdup (key), text);
      }
  return texts;
}

static const char *
first_narrative (xmlNodePtr node, char **text)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, "narrative") && (*text = text_of (child)) != NULL)
      return *text;
  return NULL;
}

static void
set_column (MaImportRecord *record, const char *name, const char *value)
{
  int column = ma_exchange_column_index (name);

  g_return_if_fail (column >= 0);
  g_free (record->cells->pdata[column]);
  record->cells->pdata[column] = value != NULL ? g_strdup (value) : NULL;
}

/* Titles or descriptions: the text in the Action's language goes to COLUMN, those
 * in French and Spanish to their columns; other languages are listed as ignored. */
static void
take_texts (Reader *reader,
            MaImportRecord *record,
            GHashTable *texts,
            const char *lang,
            const char *column,
            const char *what)
{
  GHashTableIter iter;
  gpointer key, value;

  set_column (record, column, g_hash_table_lookup (texts, lang));
  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, lang))
        continue;
      if (g_str_equal (key, "fr") || g_str_equal (key, "es"))
        {
          g_autofree char *name = g_strdup_printf ("%s_%s", column, (char *) key);
          set_column (record, name, value);
        }
      else
        {
          /* Translators: %1$s "title" or "description", %2$s a language code. */
          g_autofree char *text =
              g_strdup_printf (_ ("%1$s in the language “%2$s”"), what, (char *) key);
          ignore (reader, text);
        }
    }
}

/* A date of an activity-date: its iso-date, or the partial date its narrative
 * says it really is ("2023" for 2023-01-01). */
static char *
activity_date (xmlNodePtr node)
{
  g_autofree char *iso = get_prop (node, "iso-date");
  g_autofree char *narrative = NULL;
  char *parsed = NULL;

  if (iso == NULL || !ma_date_parse (iso, &parsed, NULL) || parsed == NULL)
    return NULL;
  if (first_narrative (node, &narrative) != NULL)
    {
      g_autofree char *partial = NULL;
      if (ma_date_parse (narrative, &partial, NULL) && partial != NULL &&
          g_str_has_prefix (parsed, partial))
        {
          g_free (parsed);
          return g_steal_pointer (&partial);
        }
    }
  return parsed;
}

static char *
join_sorted (GPtrArray *items)
{
  GString *joined = g_string_new (NULL);

  g_ptr_array_sort (items, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = *(const char **) &items->pdata[i];
      if (i > 0 && g_strcmp0 (item, items->pdata[i - 1]) == 0)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, item);
    }
  return g_string_free (joined, joined->len == 0);
}

static void
read_activity (Reader *reader, xmlNodePtr activity, guint number, const char *file_lang)
{
  MaImportRecord *record = ma_import_table_add_record (reader->table, number);
  g_autofree char *activity_lang = get_lang (activity);
  const char *lang = activity_lang != NULL ? activity_lang : file_lang != NULL ? file_lang : "en";
  g_autoptr (GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) themes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) partners = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *identifier = NULL;
  g_autofree char *reporting_ref = NULL;
  g_autofree char *reporting_name = NULL;
  char *dates[5] = { NULL };
  g_autofree char *joined = NULL;
  const char *const *names = ma_exchange_columns ();

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (record->cells, NULL);
  if (!g_str_equal (lang, "en") && !g_str_equal (lang, "fr") && !g_str_equal (lang, "es"))
    lang = "en";
  set_column (record, "lang", lang);

  /* The publisher first: its own participation is not a partner. IATI allows one
   * reporting-org; a file with more is read by its first. */
  for (xmlNodePtr child = activity->children; child != NULL; child = child->next)
    if (is_element (child, "reporting-org"))
      {
        reporting_ref = get_prop (child, "ref");
        first_narrative (child, &reporting_name);
        break;
      }

  for (xmlNodePtr child = activity->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "iati-identifier"))
        identifier = text_of (child);
      else if (is_element (child, "reporting-org"))
        continue;
      else if (is_element (child, "title") || is_element (child, "description"))
        {
          gboolean title = is_element (child, "title");
          g_autofree char *type = title ? NULL : get_prop (child, "type");
          g_autoptr (GHashTable) texts = narratives (child, lang);

          if (!title && type != NULL && !g_str_equal (type, "1"))
            {
              /* Translators: %s an IATI description type code (2: objectives). */
              g_autofree char *text = g_strdup_printf (_ ("description of type %s"), type);
              ignore (reader, text);
              continue;
            }
          take_texts (reader, record, texts, lang, title ? "title" : "summary",
                      title ? _ ("title") : _ ("description"));
        }
      else if (is_element (child, "activity-status"))
        {
          g_autofree char *code = get_prop (child, "code");
          /* IATI ActivityStatus → ours; cancelled is withdrawn, suspended ongoing. */
          const char *const statuses[] = { NULL,        "preparation", "ongoing", "completed",
                                           "completed", "withdrawn",   "ongoing" };
          int value = code != NULL ? atoi (code) : 0;
          if (value >= 1 && value <= 6)
            set_column (record, "status", statuses[value]);
          else
            ignore (reader, _ ("an unknown activity status"));
          if (value == 6)
            ignore (reader, _ ("a suspended status (imported as ongoing)"));
        }
      else if (is_element (child, "activity-date"))
        {
          g_autofree char *type = get_prop (child, "type");
          int value = type != NULL ? atoi (type) : 0;
          if (value >= 1 && value <= 4 && dates[value] == NULL)
            dates[value] = activity_date (child);
        }
      else if (is_element (child, "recipient-country"))
        {
          g_autofree char *code = get_prop (child, "code");
          g_autofree char *percentage = get_prop (child, "percentage");
          if (code != NULL)
            g_ptr_array_add (countries, g_ascii_strup (code, -1));
          if (percentage != NULL)
            ignore (reader, _ ("percentages of recipient countries"));
        }
      else if (is_element (child, "recipient-region"))
        {
          g_autofree char *vocabulary = get_prop (child, "vocabulary");
          g_autofree char *uri = get_prop (child, "vocabulary-uri");
          g_autofree char *code = get_prop (child, "code");
          if (g_strcmp0 (vocabulary, "99") == 0 && g_strcmp0 (uri, MA_REGION_VOCABULARY_URI) == 0)
            set_column (record, "region", code);
          else
            {
              /* Translators: %s an IATI region vocabulary code (1: OECD DAC). */
              g_autofree char *text = g_strdup_printf (_ ("recipient regions of vocabulary %s"),
                                                       vocabulary != NULL ? vocabulary : "1");
              ignore (reader, text);
            }
        }
      else if (is_element (child, "sector"))
        {
          g_autofree char *vocabulary = get_prop (child, "vocabulary");
          g_autofree char *uri = get_prop (child, "vocabulary-uri");
          g_autofree char *code = get_prop (child, "code");
          if (g_strcmp0 (vocabulary, "99") == 0 && g_strcmp0 (uri, MA_THEME_VOCABULARY_URI) == 0)
            {
              if (code != NULL)
                g_ptr_array_add (themes, g_steal_pointer (&code));
            }
          else if (g_strcmp0 (vocabulary, "1") == 0 && g_strcmp0 (code, "15190") == 0)
            continue; /* migration: what every Action is about */
          else
            {
              /* Translators: %s an IATI sector vocabulary code (1: DAC 5 digit). */
              g_autofree char *text = g_strdup_printf (_ ("sectors of vocabulary %s"),
                                                       vocabulary != NULL ? vocabulary : "1");
              ignore (reader, text);
            }
        }
      else if (is_element (child, "participating-org"))
        {
          g_autofree char *ref = get_prop (child, "ref");
          g_autofree char *role = get_prop (child, "role");
          g_autofree char *name = NULL;
          first_narrative (child, &name);
          if (name == NULL || (reporting_ref != NULL && g_strcmp0 (ref, reporting_ref) == 0) ||
              (reporting_name != NULL && g_strcmp0 (name, reporting_name) == 0))
            continue;
          if (g_strcmp0 (role, "1") == 0)
            {
              ignore (reader, _ ("funding organisations"));
              continue;
            }
          if (strpbrk (name, "|\n") != NULL)
            g_strdelimit (name, "|\n", ' ');
          g_ptr_array_add (partners, g_steal_pointer (&name));
          if (role != NULL && !g_str_equal (role, "4"))
            ignore (reader, _ ("roles of partners other than implementing"));
        }
      else
        ignore (reader, (const char *) child->name);
    }

  if (identifier == NULL)
    {
      g_autofree char *where = g_strdup_printf (_ ("activity %u"), number);
      MaImportIssue *issue =
          ma_import_issue_new (number, NULL, _ ("the activity has no iati-identifier"));
      issue->where = g_steal_pointer (&where);
      g_ptr_array_add (reader->table->problems, issue);
    }
  else
    {
      /* Ours are "REPORTING-ORG-UUID": the UUID finds the Action again. */
      gsize length = strlen (identifier);
      const char *uuid = length > 36 ? identifier + length - 36 : NULL;
      if (uuid != NULL && uuid[-1] == '-' && g_uuid_string_is_valid (uuid))
        set_column (record, "uuid", uuid);
      else
        set_column (record, "code", identifier);
    }
  record->where = g_strdup_printf ("%s", identifier != NULL ? identifier : "?");

  /* Start and end: actual when known, else planned. */
  set_column (record, "start", dates[2] != NULL ? dates[2] : dates[1]);
  set_column (record, "end", dates[4] != NULL ? dates[4] : dates[3]);
  if ((dates[2] != NULL && dates[1] != NULL) || (dates[4] != NULL && dates[3] != NULL))
    ignore (reader, _ ("planned dates where the actual ones are known"));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (dates[i]);
  /* A description that only repeats the title is no summary. */
  {
    int title = ma_exchange_column_index ("title"), summary = ma_exchange_column_index ("summary");
    if (g_strcmp0 (record->cells->pdata[title], record->cells->pdata[summary]) == 0)
      set_column (record, "summary", NULL);
  }
  joined = join_sorted (countries);
  set_column (record, "countries", joined);
  g_clear_pointer (&joined, g_free);
  {
    /* Themes keep the order in which the file lists them. */
    GString *list = g_string_new (NULL);
    for (guint i = 0; i < themes->len; i++)
      g_string_append_printf (list, "%s%s", i > 0 ? "|" : "", (char *) themes->pdata[i]);
    set_column (record, "themes", list->len > 0 ? list->str : NULL);
    g_string_free (list, TRUE);
  }
  joined = join_sorted (partners);
  set_column (record, "partners", joined);
}

static gboolean
declares_entities (xmlDocPtr doc)
{
  return (doc->intSubset != NULL && doc->intSubset->entities != NULL) ||
         (doc->extSubset != NULL && doc->extSubset->entities != NULL) ||
         (doc->intSubset != NULL && doc->intSubset->ExternalID != NULL);
}

MaImportTable *
ma_import_read_iati (const char *data, gsize length, GError **error)
{
  g_autoptr (MaImportTable) table = NULL;
  const char *const *names = ma_exchange_columns ();
  g_autofree char *version = NULL;
  g_autofree char *file_lang = NULL;
  Reader reader = { 0 };
  xmlDocPtr doc;
  xmlNodePtr root;
  guint number = 0;

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is too large to be read"));
      return NULL;
    }
  /* No network, no entity substitution, no DTD loaded: XXE is never resolved. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not XML: it cannot be an IATI file"));
      return NULL;
    }
  if (declares_entities (doc))
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file declares entities in a DOCTYPE, which IATI files never "
                              "do: it is refused, and nothing in it was fetched"));
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "iati-activities"))
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file is not an IATI activity file (its root is not "
                              "iati-activities)"));
      return NULL;
    }
  version = get_prop (root, "version");
  if (version == NULL || !(g_str_equal (version, "2.01") || g_str_equal (version, "2.02") ||
                           g_str_equal (version, "2.03")))
    {
      xmlFreeDoc (doc);
      g_set_error (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                   /* Translators: %s an IATI version, such as 1.03. */
                   _ ("The file is of IATI version %s: only versions 2.01, 2.02 and 2.03 can be "
                      "read; ask the publisher for a file of version 2"),
                   version != NULL ? version : "?");
      return NULL;
    }

  table = ma_import_table_new ();
  table->by_name = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (table->header, g_strdup (names[i]));
  reader.table = table;
  reader.ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.ignored_order = g_ptr_array_new_with_free_func (g_free);
  file_lang = get_lang (root);
  for (xmlNodePtr child = root->children; child != NULL; child = child->next)
    if (is_element (child, "iati-activity"))
      read_activity (&reader, child, ++number, file_lang);
  for (guint i = 0; i < reader.ignored_order->len; i++)
    {
      const char *what = reader.ignored_order->pdata[i];
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (reader.ignored, what));
      /* Translators: %1$s what was left out ("budget"), %2$u how many times. */
      g_ptr_array_add (table->ignored, g_strdup_printf (_ ("%1$s (%2$u)"), what, count));
    }
  g_hash_table_unref (reader.ignored);
  g_ptr_array_unref (reader.ignored_order);
  xmlFreeDoc (doc);
  if (number == 0)
    {
      g_set_error_literal (error, MA_EXCHANGE_ERROR, MA_EXCHANGE_ERROR_BAD_FILE,
                           _ ("The file has no iati-activity"));
      return NULL;
    }
  return g_steal_pointer (&table);
}
