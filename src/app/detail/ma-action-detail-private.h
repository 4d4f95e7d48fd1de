/* ma-action-detail-private.h: what the two files of the detail page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-action-detail.h"
#include "ma-term-model.h"

G_BEGIN_DECLS

/* One edit waiting for the debounce timeout. */
typedef struct
{
  char *record; /* "action", "activity", "output", "partner" */
  gint64 id;
  char *field;
  char *value;
  GtkWidget *widget; /* weak: where to show an error */
} PendingWrite;

struct _MaActionDetail
{
  AdwBin parent_instance;

  AdwPreferencesPage *page;
  AdwPreferencesGroup *general_group;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  AdwEntryRow *code_row;
  AdwComboRow *status_row;
  AdwComboRow *type_row;
  AdwComboRow *region_row;
  AdwComboRow *lang_row;
  AdwEntryRow *start_row;
  AdwEntryRow *end_row;
  GtkCalendar *start_calendar;
  GtkCalendar *end_calendar;
  AdwEntryRow *builds_on_row;
  GtkTextView *summary_view;
  AdwPreferencesGroup *translation_group;
  AdwEntryRow *translation_title_row;
  GtkTextView *translation_summary_view;
  GtkTextView *notes_view;
  AdwActionRow *countries_row;
  AdwActionRow *themes_row;
  AdwPreferencesGroup *partners_group;
  GtkMenuButton *add_partner_button;
  GtkPopover *partner_popover;
  GtkSearchEntry *partner_search;
  GtkListBox *partner_choices;
  AdwPreferencesGroup *activities_group;
  AdwPreferencesGroup *experts_group;
  AdwPreferencesGroup *outputs_group;

  MaStore *store;
  MaVocabularies *vocabularies;
  MaUndoStack *undo;
  gulong store_handler;
  gint64 id;
  MaAction *action;
  GPtrArray *partners; /* MaPartner of the Action */
  GPtrArray *rows;     /* dynamic rows: (group, row) pairs to remove on reload */
  GPtrArray *pending;  /* PendingWrite */
  guint flush_source;
  gboolean loading;
  guint writing;
  GtkWidget *error_widget;
  GHashTable *expanded; /* "activity:ID", "output:ID" of open expander rows */
  GArray *activity_order; /* gint64: the activities as last shown, kept on a reload */
  gint64 activity_order_of; /* the Action they belong to */
};

/* ma-action-detail.c: writing, errors, the page */
void ma_action_detail_show_error (MaActionDetail *self, GtkWidget *widget, const char *message);
void ma_action_detail_schedule_write (MaActionDetail *self,
                                      const char *record,
                                      gint64 id,
                                      const char *field,
                                      const char *value,
                                      GtkWidget *widget);
gboolean ma_action_detail_flush_pending (MaActionDetail *self);
void ma_action_detail_reload (MaActionDetail *self);
void ma_action_detail_reload_later (MaActionDetail *self);
/* Emits "deleted" for the undo entry SERIAL (nothing when it is 0). */
void ma_action_detail_tell_deleted (MaActionDetail *self, const char *message, guint serial);
/* ma-action-detail-records.c: partners, activities, experts, outputs */
void ma_action_detail_records_class_init (GtkWidgetClass *widget_class);
void ma_action_detail_clear_rows (MaActionDetail *self);
void ma_action_detail_fill_partners (MaActionDetail *self);
void ma_action_detail_fill_activities (MaActionDetail *self);
void ma_action_detail_fill_experts (MaActionDetail *self);
void ma_action_detail_fill_outputs (MaActionDetail *self);

G_END_DECLS
