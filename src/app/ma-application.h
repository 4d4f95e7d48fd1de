/* ma-application.h: the MIEUX+ Actions application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MA_TYPE_APPLICATION (ma_application_get_type ())
G_DECLARE_FINAL_TYPE (MaApplication, ma_application, MA, APPLICATION, AdwApplication)

MaApplication *ma_application_new (void);
/* Opens (or with CREATE, creates) a database in a new window; errors are shown. */
void ma_application_open_file (MaApplication *self, GFile *file, gboolean create);
/* Applies the "language" preference (system, en, fr, es) to gettext. Call it once at
 * start-up, before any widget or translated string is made. */
void ma_application_apply_language (void);

/* Writes the user guide in LANG (en, fr or es) where a browser can open it. */
GFile *ma_application_write_help (const char *lang, GError **error);

G_END_DECLS
