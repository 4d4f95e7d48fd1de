/* ma-store-history.h: the whole history of an Action, and bringing back any state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ma-store.h"

G_BEGIN_DECLS

/* Every change of ACTION and of its activities, outputs, experts of activities
 * and partners, oldest first (MaHistoryEntry). */
GPtrArray *ma_store_list_action_history (MaStore *self, gint64 action, GError **error);

/* Whether the change ENTRY can be taken back with ma_store_restore_history (). */
gboolean ma_store_history_can_restore (const MaHistoryEntry *entry);
/* Takes back the change of history entry ENTRY: a field gets the value it had
 * before, a deleted record comes back, an added one goes, a link that was made is
 * unmade and one that was removed is made again. The restoring is itself a change
 * in the history. Returns the Action it changed, or -1. */
gint64 ma_store_restore_history (MaStore *self, gint64 entry, GError **error);

G_END_DECLS
