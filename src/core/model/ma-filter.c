/* ma-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-filter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ma-date.h"
#include "ma-filter.h"

struct _MaFilter
{
  GObject parent_instance;

  char *search;
  GPtrArray *codes[MA_FILTER_N_DIMENSIONS]; /* NULL-terminated arrays of char* */
  char *date_from;
  char *date_to;
  guint freeze_count;
  gboolean pending;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const dimension_names[MA_FILTER_N_DIMENSIONS] = {
  [MA_FILTER_STATUS] = "statuses",   [MA_FILTER_REGION] = "regions",
  [MA_FILTER_COUNTRY] = "countries", [MA_FILTER_THEME] = "themes",
  [MA_FILTER_TYPE] = "types",        [MA_FILTER_PARTNER] = "partners",
};

G_DEFINE_FINAL_TYPE (MaFilter, ma_filter, G_TYPE_OBJECT)

static void
emit_changed (MaFilter *self)
{
  if (self->freeze_count > 0)
    self->pending = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static GPtrArray *
new_code_array (void)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (array, NULL);
  return array;
}

static void
ma_filter_finalize (GObject *object)
{
  MaFilter *self = MA_FILTER (object);

  g_free (self->search);
  g_free (self->date_from);
  g_free (self->date_to);
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    g_ptr_array_unref (self->codes[i]);

  G_OBJECT_CLASS (ma_filter_parent_class)->finalize (object);
}

static void
ma_filter_class_init (MaFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_filter_finalize;

  /**
   * MaFilter::changed:
   *
   * Emitted once per change, or once per freeze/thaw pair.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
ma_filter_init (MaFilter *self)
{
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    self->codes[i] = new_code_array ();
}

MaFilter *
ma_filter_new (void)
{
  return g_object_new (MA_TYPE_FILTER, NULL);
}

MaFilter *
ma_filter_copy (MaFilter *self)
{
  MaFilter *copy;

  g_return_val_if_fail (MA_IS_FILTER (self), NULL);

  copy = ma_filter_new ();
  copy->search = g_strdup (self->search);
  copy->date_from = g_strdup (self->date_from);
  copy->date_to = g_strdup (self->date_to);
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    ma_filter_set_codes (copy, i, ma_filter_get_codes (self, i));
  return copy;
}

static gboolean
code_sets_equal (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i + 1 < a->len; i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j + 1 < b->len && !found; j++)
        found = strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, j)) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

gboolean
ma_filter_equal (MaFilter *a, MaFilter *b)
{
  g_return_val_if_fail (MA_IS_FILTER (a) && MA_IS_FILTER (b), FALSE);

  if (g_strcmp0 (a->search, b->search) != 0 || g_strcmp0 (a->date_from, b->date_from) != 0 ||
      g_strcmp0 (a->date_to, b->date_to) != 0)
    return FALSE;
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    if (!code_sets_equal (a->codes[i], b->codes[i]))
      return FALSE;
  return TRUE;
}

gboolean
ma_filter_is_empty (MaFilter *self)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (MA_IS_FILTER (self), TRUE);

  match = ma_filter_build_match (self);
  if (match != NULL || self->date_from != NULL || self->date_to != NULL)
    return FALSE;
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    if (self->codes[i]->len > 1)
      return FALSE;
  return TRUE;
}

void
ma_filter_clear (MaFilter *self)
{
  g_return_if_fail (MA_IS_FILTER (self));

  if (ma_filter_is_empty (self) && self->search == NULL)
    return;
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_to, g_free);
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    {
      g_ptr_array_unref (self->codes[i]);
      self->codes[i] = new_code_array ();
    }
  emit_changed (self);
}

const char *
ma_filter_get_search (MaFilter *self)
{
  g_return_val_if_fail (MA_IS_FILTER (self), NULL);
  return self->search;
}

void
ma_filter_set_search (MaFilter *self, const char *search)
{
  g_return_if_fail (MA_IS_FILTER (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  emit_changed (self);
}

const char *const *
ma_filter_get_codes (MaFilter *self, MaFilterDimension dimension)
{
  g_return_val_if_fail (MA_IS_FILTER (self), NULL);
  g_return_val_if_fail (dimension < MA_FILTER_N_DIMENSIONS, NULL);
  return (const char *const *) self->codes[dimension]->pdata;
}

gboolean
ma_filter_has_code (MaFilter *self, MaFilterDimension dimension, const char *code)
{
  g_return_val_if_fail (MA_IS_FILTER (self), FALSE);
  g_return_val_if_fail (dimension < MA_FILTER_N_DIMENSIONS, FALSE);
  return code != NULL && g_strv_contains (ma_filter_get_codes (self, dimension), code);
}

void
ma_filter_add_code (MaFilter *self, MaFilterDimension dimension, const char *code)
{
  GPtrArray *codes;

  g_return_if_fail (MA_IS_FILTER (self));
  g_return_if_fail (dimension < MA_FILTER_N_DIMENSIONS);
  g_return_if_fail (code != NULL);

  if (ma_filter_has_code (self, dimension, code))
    return;
  codes = self->codes[dimension];
  g_ptr_array_insert (codes, (int) codes->len - 1, g_strdup (code));
  emit_changed (self);
}

void
ma_filter_remove_code (MaFilter *self, MaFilterDimension dimension, const char *code)
{
  GPtrArray *codes;

  g_return_if_fail (MA_IS_FILTER (self));
  g_return_if_fail (dimension < MA_FILTER_N_DIMENSIONS);

  codes = self->codes[dimension];
  for (guint i = 0; i + 1 < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      {
        g_ptr_array_remove_index (codes, i);
        emit_changed (self);
        return;
      }
}

void
ma_filter_set_codes (MaFilter *self, MaFilterDimension dimension, const char *const *codes)
{
  g_autoptr (GPtrArray) array = new_code_array ();

  g_return_if_fail (MA_IS_FILTER (self));
  g_return_if_fail (dimension < MA_FILTER_N_DIMENSIONS);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) array->pdata, codes[i]))
      g_ptr_array_insert (array, (int) array->len - 1, g_strdup (codes[i]));
  if (code_sets_equal (array, self->codes[dimension]))
    return;
  g_ptr_array_unref (self->codes[dimension]);
  self->codes[dimension] = g_steal_pointer (&array);
  emit_changed (self);
}

const char *
ma_filter_get_date_from (MaFilter *self)
{
  g_return_val_if_fail (MA_IS_FILTER (self), NULL);
  return self->date_from;
}

const char *
ma_filter_get_date_to (MaFilter *self)
{
  g_return_val_if_fail (MA_IS_FILTER (self), NULL);
  return self->date_to;
}

void
ma_filter_set_date_range (MaFilter *self, const char *from, const char *to)
{
  g_return_if_fail (MA_IS_FILTER (self));
  g_return_if_fail (from == NULL || ma_date_is_valid (from));
  g_return_if_fail (to == NULL || ma_date_is_valid (to));

  if (g_strcmp0 (self->date_from, from) == 0 && g_strcmp0 (self->date_to, to) == 0)
    return;
  g_free (self->date_from);
  g_free (self->date_to);
  self->date_from = g_strdup (from);
  self->date_to = g_strdup (to);
  emit_changed (self);
}

void
ma_filter_set_year (MaFilter *self, int year)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MA_IS_FILTER (self));

  if (year <= 0)
    {
      ma_filter_set_date_range (self, NULL, NULL);
      return;
    }
  text = g_strdup_printf ("%04d", year);
  ma_filter_set_date_range (self, text, text);
}

char *
ma_filter_build_match (MaFilter *self)
{
  GString *query;
  const char *p;

  g_return_val_if_fail (MA_IS_FILTER (self), NULL);

  if (self->search == NULL)
    return NULL;

  /* Each run of letters and digits becomes a quoted prefix term; everything else
   * (quotes, operators, punctuation) only separates words, so no user text can
   * reach FTS5's query syntax. */
  query = g_string_new (NULL);
  p = self->search;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      g_string_append_len (query, start, p - start);
      g_string_append (query, "\"*");
    }
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

char *
ma_filter_to_json (MaFilter *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (MA_IS_FILTER (self), NULL);

  json_builder_begin_object (builder);
  if (self->search != NULL)
    {
      json_builder_set_member_name (builder, "search");
      json_builder_add_string_value (builder, self->search);
    }
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    {
      const char *const *codes = ma_filter_get_codes (self, i);
      if (codes[0] == NULL)
        continue;
      json_builder_set_member_name (builder, dimension_names[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; codes[j] != NULL; j++)
        json_builder_add_string_value (builder, codes[j]);
      json_builder_end_array (builder);
    }
  if (self->date_from != NULL)
    {
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, self->date_from);
    }
  if (self->date_to != NULL)
    {
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, self->date_to);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

MaFilter *
ma_filter_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (MaFilter) filter = ma_filter_new ();
  JsonObject *object;
  const char *from = NULL, *to = NULL;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _ ("The saved view is not a filter"));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (object, "search"))
    filter->search = g_strdup (json_object_get_string_member_with_default (object, "search", NULL));
  for (guint i = 0; i < MA_FILTER_N_DIMENSIONS; i++)
    {
      JsonNode *node = json_object_get_member (object, dimension_names[i]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          const char *code = json_node_get_string (json_array_get_element (array, j));
          if (code != NULL)
            ma_filter_add_code (filter, i, code);
        }
    }
  from = json_object_get_string_member_with_default (object, "from", NULL);
  to = json_object_get_string_member_with_default (object, "to", NULL);
  if ((from != NULL && !ma_date_is_valid (from)) || (to != NULL && !ma_date_is_valid (to)))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _ ("The saved view has an invalid date"));
      return NULL;
    }
  filter->date_from = g_strdup (from);
  filter->date_to = g_strdup (to);
  return g_steal_pointer (&filter);
}

void
ma_filter_freeze (MaFilter *self)
{
  g_return_if_fail (MA_IS_FILTER (self));
  self->freeze_count++;
}

void
ma_filter_thaw (MaFilter *self)
{
  g_return_if_fail (MA_IS_FILTER (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->pending)
    {
      self->pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}
