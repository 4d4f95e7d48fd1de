/* ma-action-row.c: one row of the list of Actions
 *
 * Every row has the same height (single-line labels): GTK 4.8 estimates rows it
 * has not measured from the others, and variable heights make the list jump.
 *
 * The list keeps about 30 rows bound for 15 on screen (a one-column GtkGridView; a
 * GtkListView keeps 200). A new search re-points every bound row; re-texting 200 of
 * them cost 5.7 ms of each keystroke at 1,000 Actions and as much again in the
 * frame's layout (bench). A row outside the list's visible
 * part is only marked stale: it is re-texted when the list scrolls or is resized,
 * or once typing pauses, whichever comes first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-action-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ma-action-row.h"
#include "ma-date.h"

struct _MaActionRow
{
  GtkBox parent_instance;

  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkLabel *code_label;
  GtkLabel *place_label;
  GtkLabel *dates_label;

  MaVocabularies *vocabularies;
  MaActionSlot *slot;
  gulong changed_handler;
  char *status_class;

  gboolean stale;
};

/* Rows marked stale, re-texted together when a list they are in moves (its
 * adjustment is in stale_adjustments) or typing pauses (at stale_deadline). */
static GPtrArray *stale_rows;
static GPtrArray *stale_adjustments;
static guint stale_source;
static gint64 stale_deadline;

#define STALE_DELAY_MS 300
/* Rows this far outside the visible part count as visible (a small scroll). */
#define VISIBLE_MARGIN 48

G_DEFINE_FINAL_TYPE (MaActionRow, ma_action_row, GTK_TYPE_BOX)

static void
set_status_class (MaActionRow *self, const char *status)
{
  GtkWidget *tag = GTK_WIDGET (self->status_label);

  /* A class removed and added again restyles the row: not on each keystroke. */
  if (status != NULL && self->status_class != NULL &&
      g_str_has_prefix (self->status_class, "status-") &&
      strcmp (self->status_class + strlen ("status-"), status) == 0)
    return;
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (tag, self->status_class);
  g_clear_pointer (&self->status_class, g_free);
  if (status != NULL)
    {
      self->status_class = g_strconcat ("status-", status, NULL);
      gtk_widget_add_css_class (tag, self->status_class);
    }
}

static void
retext (MaActionRow *self)
{
  g_autoptr (MaAction) action = NULL;
  g_autoptr (GString) place = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *dates = NULL;
  const char *status, *region, *code;

  action = self->slot != NULL ? ma_action_slot_dup_action (self->slot) : NULL;
  if (action == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->code_label, "");
      gtk_label_set_text (self->place_label, "");
      gtk_label_set_text (self->dates_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      set_status_class (self, NULL);
      return;
    }

  status = ma_action_get_status (action);
  region = ma_action_get_region (action);
  code = ma_action_get_code (action);
  gtk_label_set_text (self->title_label, ma_action_get_title (action));
  gtk_label_set_text (self->status_label,
                      ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_STATUS, status));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  set_status_class (self, status);
  gtk_label_set_text (self->code_label, code != NULL ? code : "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), code != NULL && code[0] != '\0');

  place = g_string_new (NULL);
  if (region != NULL)
    g_string_append (place,
                     ma_vocabularies_name (self->vocabularies, MA_VOCABULARY_REGION, region));
  countries = g_strjoinv (", ", (char **) ma_action_get_countries (action));
  if (countries[0] != '\0')
    {
      if (place->len > 0)
        g_string_append (place, " · ");
      g_string_append (place, countries);
    }
  gtk_label_set_text (self->place_label, place->str);

  dates = ma_date_format_span (ma_action_get_start_date (action), ma_action_get_end_date (action),
                               ma_vocabularies_get_lang (self->vocabularies));
  gtk_label_set_text (self->dates_label, dates);
}

static void retext_stale_rows (void);

static void
clear_stale (MaActionRow *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  g_ptr_array_remove_fast (stale_rows, self);
  if (stale_rows->len > 0)
    return;
  g_clear_handle_id (&stale_source, g_source_remove);
  for (guint i = 0; i < stale_adjustments->len; i++)
    g_signal_handlers_disconnect_by_func (stale_adjustments->pdata[i], retext_stale_rows, NULL);
  g_ptr_array_set_size (stale_adjustments, 0);
}

static void
retext_stale_rows (void)
{
  while (stale_rows != NULL && stale_rows->len > 0)
    {
      MaActionRow *row = g_ptr_array_index (stale_rows, stale_rows->len - 1);
      clear_stale (row);
      retext (row);
    }
}

static gboolean
on_stale_timeout (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  stale_source = 0;
  if (now < stale_deadline)
    {
      /* Typed again since: wait for the pause. */
      stale_source = g_timeout_add_full (G_PRIORITY_LOW, (stale_deadline - now) / 1000 + 1,
                                         on_stale_timeout, NULL, NULL);
      return G_SOURCE_REMOVE;
    }
  retext_stale_rows ();
  return G_SOURCE_REMOVE;
}

static void
mark_stale (MaActionRow *self, GtkAdjustment *adjustment)
{
  if (stale_rows == NULL)
    {
      stale_rows = g_ptr_array_new ();
      stale_adjustments = g_ptr_array_new_with_free_func (g_object_unref);
    }
  if (!self->stale)
    {
      self->stale = TRUE;
      g_ptr_array_add (stale_rows, self);
    }
  if (!g_ptr_array_find (stale_adjustments, adjustment, NULL))
    {
      g_ptr_array_add (stale_adjustments, g_object_ref (adjustment));
      g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (retext_stale_rows), NULL);
      /* Not "changed": the list's length changes with every keystroke. */
      g_signal_connect_swapped (adjustment, "notify::page-size", G_CALLBACK (retext_stale_rows),
                                NULL);
    }
  /* Each keystroke pushes the catching-up back: while typing, only what shows. */
  stale_deadline = g_get_monotonic_time () + STALE_DELAY_MS * 1000;
  if (stale_source == 0)
    stale_source =
        g_timeout_add_full (G_PRIORITY_LOW, STALE_DELAY_MS, on_stale_timeout, NULL, NULL);
}

/* The list's adjustment when the row lies outside the visible part of the list (as
 * last laid out), else NULL. */
static GtkAdjustment *
offscreen_adjustment (MaActionRow *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  int height;

  if (scrolled == NULL || (height = gtk_widget_get_height (scrolled)) <= 0)
    return NULL;
  /* GTK 4.8 gives the bound rows it does not show no height: most of them. */
  if (gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    {
      if (!gtk_widget_compute_bounds (GTK_WIDGET (self), scrolled, &bounds))
        return NULL;
      if (bounds.origin.y + bounds.size.height > -VISIBLE_MARGIN &&
          bounds.origin.y < height + VISIBLE_MARGIN)
        return NULL;
    }
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
update (MaActionRow *self)
{
  GtkAdjustment *adjustment = self->slot != NULL ? offscreen_adjustment (self) : NULL;

  if (adjustment != NULL)
    {
      mark_stale (self, adjustment);
      return;
    }
  clear_stale (self);
  retext (self);
}

static void
ma_action_row_dispose (GObject *object)
{
  MaActionRow *self = MA_ACTION_ROW (object);

  ma_action_row_unbind (self);
  clear_stale (self);
  g_clear_pointer (&self->vocabularies, ma_vocabularies_unref);
  g_clear_pointer (&self->status_class, g_free);

  G_OBJECT_CLASS (ma_action_row_parent_class)->dispose (object);
}

static void
ma_action_row_class_init (MaActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_action_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/eu/mieux_initiative/Actions/ma-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MaActionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MaActionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MaActionRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, MaActionRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, MaActionRow, dates_label);
}

/* The whole title of an ellipsized row, asked for only when the pointer rests on it:
 * setting a tooltip text on each update queries the pointer position (an X round
 * trip under X11) for each row GTK keeps bound, on every keystroke. */
static gboolean
on_title_query_tooltip (
    GtkWidget *label, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ma_action_row_init (MaActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->title_label), TRUE);
  g_signal_connect (self->title_label, "query-tooltip", G_CALLBACK (on_title_query_tooltip), NULL);
}

GtkWidget *
ma_action_row_new (MaVocabularies *vocabularies)
{
  MaActionRow *self = g_object_new (MA_TYPE_ACTION_ROW, NULL);

  self->vocabularies = ma_vocabularies_ref (vocabularies);
  return GTK_WIDGET (self);
}

void
ma_action_row_bind (MaActionRow *self, MaActionSlot *slot)
{
  g_return_if_fail (MA_IS_ACTION_ROW (self));

  ma_action_row_unbind (self);
  self->slot = g_object_ref (slot);
  self->changed_handler = g_signal_connect_swapped (slot, "changed", G_CALLBACK (update), self);
  /* GTK binds a row to show it (or to keep it ready just outside the view). */
  clear_stale (self);
  retext (self);
}

void
ma_action_row_unbind (MaActionRow *self)
{
  g_return_if_fail (MA_IS_ACTION_ROW (self));

  if (self->slot == NULL)
    return;
  g_clear_signal_handler (&self->changed_handler, self->slot);
  g_clear_object (&self->slot);
}

MaActionSlot *
ma_action_row_get_slot (MaActionRow *self)
{
  g_return_val_if_fail (MA_IS_ACTION_ROW (self), NULL);
  return self->slot;
}

const char *
ma_action_row_get_shown_title (MaActionRow *self)
{
  g_return_val_if_fail (MA_IS_ACTION_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}
