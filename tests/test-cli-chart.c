/* test-cli-chart.c: mieux-actions-cli chart and report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static char *dir;
static char *db;

static int
run (char **out, char **err, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MA_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* Output not asked for goes nowhere: on the test's stdout it would break TAP. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                    (err == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  if (error->domain == G_SPAWN_EXIT_ERROR)
    return error->code;
  return -1;
}

static gboolean
tool_ok (const char *tool, const char *first_arg, const char *file, char **out)
{
  g_autofree char *path = g_find_program_in_path (tool);
  const char *argv[] = { path, first_arg, file, NULL };
  int status = 0;

  if (path == NULL)
    return TRUE;
  if (first_arg == NULL)
    {
      argv[1] = file;
      argv[2] = NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               out, NULL, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_chart_png_fr (void)
{
  g_autofree char *file = g_build_filename (dir, "r.png", NULL);
  g_autofree char *err = NULL;
  cairo_surface_t *surface;

  g_assert_cmpint (run (NULL, &err, "chart", "-d", db, "--kind", "regions", "--lang", "fr",
                        "--format", "png", "--size", "1920x1080", "-o", file, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  surface = cairo_image_surface_create_from_png (file);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1920);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1080);
  cairo_surface_destroy (surface);
}

static void
test_chart_svg_pdf (void)
{
  const char *const kinds[] = { "regions", "themes", "status", "types", "timeline", "activities" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", dir, kinds[i]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, kinds[i]);
      g_autofree char *info = NULL;

      g_assert_cmpint (run (NULL, NULL, "chart", "-d", db, "--kind", kinds[i], "--lang", "es",
                            "--format", "svg", "--size", "640x360", "-o", svg, NULL),
                       ==, 0);
      g_assert_true (tool_ok ("xmllint", "--noout", svg, NULL));
      /* The format follows the file name when not given. */
      g_assert_cmpint (run (NULL, NULL, "chart", "-d", db, "--kind", kinds[i], "--region", "lac",
                            "--size", "800x450", "-o", pdf, NULL),
                       ==, 0);
      g_assert_true (tool_ok ("pdfinfo", NULL, pdf, &info));
      if (info != NULL)
        g_assert_nonnull (strstr (info, "800 x 450 pts"));
    }
}

static void
test_chart_usage (void)
{
  g_autofree char *file = g_build_filename (dir, "x.png", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, NULL, "chart", "-d", db, "--kind", "pie", "-o", file, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "chart", "-d", db, "--kind", "regions", NULL), ==, 2);
  g_assert_cmpint (
      run (NULL, NULL, "chart", "-d", db, "--kind", "regions", "--size", "big", "-o", file, NULL),
      ==, 2);
  g_assert_cmpint (
      run (NULL, NULL, "chart", "-d", db, "--kind", "regions", "--format", "gif", "-o", file, NULL),
      ==, 2);
  g_assert_cmpint (run (NULL, &err, "chart", "-d", db, "--kind", "regions", "--region", "mars",
                        "-o", file, NULL),
                   ==, 1);
  g_assert_true (g_str_has_prefix (err, "mieux-actions-cli: "));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_report (void)
{
  g_autofree char *out = NULL;
  g_autofree char *all = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (
      run (&out, NULL, "report", "-d", db, "--lang", "en", "--from", "2021", "--to", "2021", NULL),
      ==, 0);
  g_assert_true (g_str_has_prefix (
      out, "In 2021, MIEUX+ implemented 9 Actions, 2 of which were completed, and organised 10 "
           "activities.\n"));
  g_assert_cmpint (run (&all, NULL, "report", "-d", db, "--lang", "en", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (
      all, "Overall, MIEUX+ implemented 15 Actions, 3 of which were completed, and organised 10 "
           "activities.\n"));
  g_assert_cmpint (run (NULL, &err, "report", "-d", db, "--from", "2021-13", NULL), ==, 1);
  {
    g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
    g_autofree char *info = NULL;
    g_assert_cmpint (run (NULL, NULL, "report", "-d", db, "--year", "2021", "-o", pdf, NULL), ==,
                     0);
    g_assert_true (tool_ok ("pdfinfo", NULL, pdf, &info));
    if (info != NULL)
      g_assert_nonnull (strstr (info, "Pages:           1"));
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("MA_CLI"));
  g_setenv ("LANGUAGE", "en", TRUE);
  dir = g_dir_make_tmp ("ma-cli-chart-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "t.db", NULL);
  g_assert_cmpint (run (&out, NULL, "init", "--sample-data", "-d", db, NULL), ==, 0);

  g_test_add_func ("/cli/chart/png-fr", test_chart_png_fr);
  g_test_add_func ("/cli/chart/svg-pdf", test_chart_svg_pdf);
  g_test_add_func ("/cli/chart/usage", test_chart_usage);
  g_test_add_func ("/cli/report", test_report);
  status = g_test_run ();

  {
    GDir *d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_remove (child);
      }
    if (d != NULL)
      g_dir_close (d);
    g_rmdir (dir);
  }
  g_free (db);
  g_free (dir);
  return status;
}
