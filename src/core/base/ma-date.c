/* ma-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ma-date.h"
#include "ma-i18n.h"

GQuark
ma_date_error_quark (void)
{
  return g_quark_from_static_string ("ma-date-error-quark");
}

static gboolean
parse_number (const char *s, gsize len, guint *out)
{
  guint value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (guint) (s[i] - '0');
    }
  *out = value;
  return TRUE;
}

gboolean
ma_date_parse (const char *text, char **iso, GError **error)
{
  g_autofree char *copy = NULL;
  g_auto (GStrv) parts = NULL;
  guint year = 0, month = 0, day = 0;
  guint n;

  g_return_val_if_fail (iso != NULL, FALSE);
  *iso = NULL;

  if (text == NULL)
    return TRUE;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return TRUE;

  /* As people write them: 19/10/2021, 10/2021 (or with dots), day first. */
  if (strchr (copy, '/') != NULL || strchr (copy, '.') != NULL)
    {
      g_auto (GStrv) local = g_strsplit_set (copy, "/.", 4);
      guint m = g_strv_length (local);

      if (m == 2 || m == 3)
        {
          g_autofree char *reversed =
              m == 2 ? g_strdup_printf ("%s-%s", local[1], local[0])
                     : g_strdup_printf ("%s-%s-%s", local[2], local[1], local[0]);
          /* Reparsed as ISO; its message would show the reversed text, not what was typed. */
          if (strlen (local[m - 1]) == 4 && ma_date_parse (reversed, iso, NULL))
            return TRUE;
        }
      g_set_error (error, MA_DATE_ERROR, MA_DATE_ERROR_INVALID,
                   /* Translators: %s is what the user typed as a date. */
                   _ ("“%s” is not a date: write a year (2021), a month (10/2021) or a day "
                      "(19/10/2021)"),
                   copy);
      return FALSE;
    }

  parts = g_strsplit (copy, "-", 4);
  n = g_strv_length (parts);
  if (n > 3 || strlen (parts[0]) != 4 || !parse_number (parts[0], 4, &year) || year < 1900 ||
      (n >= 2 && (strlen (parts[1]) > 2 || !parse_number (parts[1], strlen (parts[1]), &month) ||
                  month < 1 || month > 12)) ||
      (n == 3 && (strlen (parts[2]) > 2 || !parse_number (parts[2], strlen (parts[2]), &day) ||
                  !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))))
    {
      g_set_error (error, MA_DATE_ERROR, MA_DATE_ERROR_INVALID,
                   /* Translators: %s is what the user typed as a date. */
                   _ ("“%s” is not a date: write a year (2021), a month (10/2021) or a day "
                      "(19/10/2021)"),
                   copy);
      return FALSE;
    }

  if (n == 1)
    *iso = g_strdup_printf ("%04u", year);
  else if (n == 2)
    *iso = g_strdup_printf ("%04u-%02u", year, month);
  else
    *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

gboolean
ma_date_is_valid (const char *iso)
{
  g_autofree char *normalized = NULL;

  if (iso == NULL || !ma_date_parse (iso, &normalized, NULL) || normalized == NULL)
    return FALSE;
  return strcmp (normalized, iso) == 0;
}

char *
ma_date_lower_bound (const char *iso)
{
  if (iso == NULL)
    return NULL;
  switch (strlen (iso))
    {
      case 4:
        return g_strconcat (iso, "-01-01", NULL);
      case 7:
        return g_strconcat (iso, "-01", NULL);
      default:
        return g_strdup (iso);
    }
}

char *
ma_date_upper_bound (const char *iso)
{
  if (iso == NULL)
    return NULL;
  switch (strlen (iso))
    {
      case 4:
        return g_strconcat (iso, "-12-31", NULL);
      case 7:
        {
          guint year = (guint) atoi (iso), month = (guint) atoi (iso + 5);
          return g_strdup_printf ("%s-%02u", iso,
                                  g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
        }
      default:
        return g_strdup (iso);
    }
}

gboolean
ma_date_check_span (const char *start, const char *end, GError **error)
{
  gsize common;

  if (start == NULL || end == NULL)
    return TRUE;
  common = MIN (strlen (start), strlen (end));
  if (strncmp (end, start, common) < 0)
    {
      g_set_error_literal (error, MA_DATE_ERROR, MA_DATE_ERROR_END_BEFORE_START,
                           _ ("The end date is before the start date"));
      return FALSE;
    }
  return TRUE;
}

int
ma_date_get_year (const char *iso)
{
  return iso != NULL ? atoi (iso) : 0;
}

static const char *
month_name (guint month, gboolean with_day)
{
  /* Translators: month names as they stand in a date with a year, "October 2021". */
  static const char *const standalone[] = {
    N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
    N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
    N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
  };
  /* Translators: month names after a day number, "19 October 2021"; French and Spanish
   * write them in lower case. */
  static const char *const in_date[] = {
    NC_ ("day", "January"), NC_ ("day", "February"), NC_ ("day", "March"),
    NC_ ("day", "April"),   NC_ ("day", "May"),      NC_ ("day", "June"),
    NC_ ("day", "July"),    NC_ ("day", "August"),   NC_ ("day", "September"),
    NC_ ("day", "October"), NC_ ("day", "November"), NC_ ("day", "December"),
  };

  if (month < 1 || month > 12)
    return "";
  return with_day ? g_dpgettext2 (GETTEXT_PACKAGE, "day", in_date[month - 1])
                  : g_dgettext (GETTEXT_PACKAGE, standalone[month - 1]);
}

char *
ma_date_format (const char *iso, const char *lang)
{
  g_autoptr (MaLanguageScope) scope = NULL;
  int year, month, day;
  gsize len;

  if (iso == NULL)
    return g_strdup ("");
  len = strlen (iso);
  year = atoi (iso);
  month = len >= 7 ? atoi (iso + 5) : 0;
  day = len >= 10 ? atoi (iso + 8) : 0;

  scope = ma_language_scope_new (lang);
  if (len >= 10)
    /* Translators: a full date: %1$d the day, %2$s the month, %3$d the year. */
    return g_strdup_printf (_ ("%1$d %2$s %3$d"), day, month_name ((guint) month, TRUE), year);
  if (len >= 7)
    /* Translators: a month of a year: %1$s the month, %2$d the year. */
    return g_strdup_printf (_ ("%1$s %2$d"), month_name ((guint) month, FALSE), year);
  return g_strdup_printf ("%d", year);
}

char *
ma_date_format_span (const char *start, const char *end, const char *lang)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (start == NULL && end == NULL)
    return g_strdup ("");
  from = start != NULL ? ma_date_format (start, lang) : g_strdup ("…");
  to = end != NULL ? ma_date_format (end, lang) : g_strdup ("…");
  if (start != NULL && end != NULL && strcmp (start, end) == 0)
    return g_steal_pointer (&from);
  return g_strdup_printf ("%s – %s", from, to);
}

char *
ma_date_to_entry (const char *iso)
{
  gsize len;

  if (iso == NULL)
    return g_strdup ("");
  len = strlen (iso);
  if (len >= 10)
    return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
  if (len >= 7)
    return g_strdup_printf ("%.2s/%.4s", iso + 5, iso);
  return g_strdup (iso);
}
