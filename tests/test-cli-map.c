/* test-cli-map.c: mieux-actions-cli map writes the picture the renderer draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "ma-geo.h"
#include "ma-map.h"

static char *tmpdir;
static char *db;

static int
cli (char **err, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  va_list ap;
  int wait_status;

  g_ptr_array_add (args, (char *) g_getenv ("MA_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  env = g_environ_setenv (env, "LANGUAGE", "en", TRUE);
  env = g_environ_unsetenv (env, "MIEUX_ACTIONS_DB");
  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                &wait_status, &error);
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static int
find_feature (MaGeo *geo, const char *name)
{
  for (guint i = 0; i < ma_geo_get_n_features (geo); i++)
    if (g_strcmp0 (ma_geo_feature_get_name (geo, i), name) == 0)
      return (int) i;
  return -1;
}

/* The colour at the label point of a country in a full-world map of W×H. */
static guint32
country_pixel (MaGeo *geo, cairo_surface_t *png, const char *name)
{
  g_autoptr (MaMapRenderer) renderer = ma_map_renderer_new (geo);
  int w = cairo_image_surface_get_width (png), h = cairo_image_surface_get_height (png);
  double x, y, px, py;
  const guint8 *data;

  ma_geo_feature_get_anchor (geo, find_feature (geo, name), &x, &y);
  ma_map_renderer_to_device (renderer, w, h, x, y, &px, &py);
  cairo_surface_flush (png);
  data = cairo_image_surface_get_data (png);
  return *(const guint32 *) (data + (int) py * cairo_image_surface_get_stride (png) +
                             4 * (int) px) &
         0xffffff;
}

static void
test_png (void)
{
  g_autofree char *err = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "map.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MaGeo) geo = ma_geo_get_default (&error);
  cairo_surface_t *png;
  guint32 kz, br, fr, de;

  g_assert_no_error (error);
  g_assert_cmpint (cli (&err, "map", "--by", "country", "--format", "png", "--size", "1600x900",
                        "-o", out, "--database", db, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  png = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
  kz = country_pixel (geo, png, "Kazakhstan");
  br = country_pixel (geo, png, "Brazil");
  fr = country_pixel (geo, png, "France");
  de = country_pixel (geo, png, "Germany");
  g_assert_cmphex (kz, !=, fr);
  g_assert_cmphex (br, !=, fr);
  g_assert_cmphex (fr, ==, de);
  cairo_surface_destroy (png);
}

static void
test_vector (void)
{
  static const char *const formats[][2] = { { "svg", "<?xml" }, { "pdf", "%PDF" } };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *name = g_strdup_printf ("map.%s", formats[i][0]);
      g_autofree char *out = g_build_filename (tmpdir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      /* the format from the file name, a filter, region mode, French */
      g_assert_cmpint (cli (&err, "map", "--by", "region", "--region", "lac", "--lang", "fr",
                            "--size", "800x450", "-o", out, "--database", db, NULL),
                       ==, 0);
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, formats[i][1]));
      g_assert_cmpuint (length, >, 10000);
    }
}

static void
test_usage (void)
{
  g_autofree char *out = g_build_filename (tmpdir, "x.png", NULL);
  char *err = NULL;

  g_assert_cmpint (cli (&err, "map", "--database", db, NULL), ==, 2); /* no -o */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&err, "map", "--size", "big", "-o", out, "--database", db, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&err, "map", "--by", "planet", "-o", out, "--database", db, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&err, "map", "--format", "gif", "-o", out, "--database", db, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  /* a directory that does not exist: a user error, one line */
  g_assert_cmpint (cli (&err, "map", "-o", "/nonexistent/dir/map.png", "--database", db, NULL), ==,
                   1);
  g_assert_true (g_str_has_prefix (err, "mieux-actions-cli: "));
  g_clear_pointer (&err, g_free);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  char *err = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("ma-test-cli-map-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmpdir, "actions.db", NULL);
  g_assert_cmpint (cli (&err, "init", "--sample-data", "--database", db, NULL), ==, 0);
  g_free (err);

  g_test_add_func ("/cli/map/png", test_png);
  g_test_add_func ("/cli/map/vector", test_vector);
  g_test_add_func ("/cli/map/usage", test_usage);
  status = g_test_run ();

  {
    g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (db);
  g_free (tmpdir);
  return status;
}
