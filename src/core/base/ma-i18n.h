/* ma-i18n.h: languages of the application and of what it draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the text domain to the build
 * tree's catalogues, MIEUX_ACTIONS_LOCALEDIR or the installed ones. */
void ma_i18n_init (void);
/* "en", "fr" or "es" for a language name such as "fr_FR.UTF-8"; NULL otherwise. */
const char *ma_i18n_normalize (const char *lang);
/* Makes gettext answer in LANG ("en", "fr", "es") from now on. */
void ma_i18n_set_language (const char *lang);
/* The language gettext answers in now: "en", "fr" or "es". */
const char *ma_i18n_get_language (void);

/* Switches gettext to another language until freed: a French chart drawn in an
 * English session. NULL or the current language switches nothing. */
typedef struct _MaLanguageScope MaLanguageScope;
MaLanguageScope *ma_language_scope_new (const char *lang);
void ma_language_scope_free (MaLanguageScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaLanguageScope, ma_language_scope_free)

/* Integers with the language's digit grouping: 12,345 · 12 345 · 12.345 */
char *ma_format_int (gint64 value, const char *lang);

/* g_utf8_collate_key of a name, for sorting accented names in order. */
char *ma_collate_key (const char *text);

/* Makes LC_TIME (the months of GTK's calendar) follow CODE ("en", "fr", "es") when
 * it is of another language and the system has a locale for CODE. gtk_init ()
 * sets the locales again from the environment: call it after. */
void ma_i18n_apply_time_locale (const char *code);

G_END_DECLS
