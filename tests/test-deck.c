/* test-deck.c: presentation decks: saved by name, migration from schema 1, the
 * deck as one PDF, the report page's layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ma-test-query.h"
#include "ma-deck.h"
#include "ma-i18n.h"
#include "ma-store-private.h"

typedef struct
{
  char *dir;
  char *path;
  MaStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("ma-deck-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "actions.db", NULL);
  f->store = ma_store_open (f->path, MA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ma_store_load_sample_data (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) handle = NULL;
  const char *name;

  g_clear_object (&f->store);
  handle = g_dir_open (f->dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_save_load (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaDeck) deck = ma_deck_new ("  Réunion Amérique latine ");
  g_autoptr (MaDeck) loaded = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *const slides[] = { "regions", "map", "report", NULL };

  g_strfreev (deck->slides);
  deck->slides = g_strdupv ((char **) slides);
  ma_filter_add_code (deck->filter, MA_FILTER_REGION, "lac");
  ma_filter_set_year (deck->filter, 2021);
  deck->lang = g_strdup ("fr");
  g_assert_true (ma_store_save_deck (f->store, deck, &error));
  g_assert_no_error (error);

  names = ma_store_list_decks (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Réunion Amérique latine");

  loaded = ma_store_load_deck (f->store, "Réunion Amérique latine", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (loaded->slides, slides);
  g_assert_cmpstr (loaded->lang, ==, "fr");
  g_assert_true (ma_filter_equal (loaded->filter, deck->filter));

  /* Saving under the same name replaces. */
  g_clear_pointer (&deck->lang, g_free);
  g_assert_true (ma_store_save_deck (f->store, deck, &error));
  g_clear_pointer (&loaded, ma_deck_free);
  loaded = ma_store_load_deck (f->store, "Réunion Amérique latine", &error);
  g_assert_null (loaded->lang);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = ma_store_list_decks (f->store, &error);
  g_assert_cmpuint (names->len, ==, 1);

  g_assert_true (ma_store_delete_deck (f->store, "Réunion Amérique latine", &error));
  g_assert_no_error (error);
  g_assert_false (ma_store_delete_deck (f->store, "Réunion Amérique latine", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ma_store_load_deck (f->store, "nothing", &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND);
}

static void
test_invalid (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaDeck) deck = ma_deck_new ("   ");
  const char *const bad[] = { "regions", "pie", NULL };

  g_assert_false (ma_store_save_deck (f->store, deck, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (deck->name);
  deck->name = g_strdup ("Deck");
  g_strfreev (deck->slides);
  deck->slides = g_strdupv ((char **) bad);
  g_assert_false (ma_store_save_deck (f->store, deck, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_strfreev (deck->slides);
  deck->slides = g_new0 (char *, 1);
  g_assert_false (ma_store_save_deck (f->store, deck, &error));
  g_assert_error (error, MA_STORE_ERROR, MA_STORE_ERROR_INVALID);
}

/* A file of schema 1 (before decks) opens, migrates and keeps its Actions. */
static void
test_migration_from_1 (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaDeck) deck = ma_deck_new ("After migration");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE deck; PRAGMA user_version = 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = ma_store_open (f->path, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stmt = ma_store_prepare (f->store, "PRAGMA user_version", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, MA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (MA_STORE_SCHEMA_VERSION, >=, 2);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (ma_test_count (f->store, NULL), ==, 15);
  g_assert_true (ma_store_save_deck (f->store, deck, &error));
  g_assert_no_error (error);
}

static void
test_pdf (Fixture *f, gconstpointer unused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaDeck) deck = ma_deck_new ("All");
  g_autofree char *file = g_build_filename (f->dir, "deck.pdf", NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_autoptr (MaActionQuery) query = ma_action_query_new (f->store);

  deck->lang = g_strdup ("es");
  g_assert_true (ma_deck_export_pdf (query, deck, 842, 595, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, file, NULL };
      g_autofree char *out = NULL;
      int status = 0;
      g_autofree char *pages =
          g_strdup_printf ("Pages:           %u", g_strv_length (deck->slides));

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, pages));
      g_assert_nonnull (strstr (out, "842 x 595 pts"));
    }
}

/* Every slide of the default deck, the report page included, lays out cleanly. */
static void
test_slides_layout (Fixture *f, gconstpointer unused)
{
  g_autoptr (MaDeck) deck = ma_deck_new ("All");
  g_autoptr (MaActionQuery) query = ma_action_query_new (f->store);
  const char *const langs[] = { "en", "fr", "es" };
  const double sizes[][2] = { { 640, 360 }, { 3840, 2160 }, { 1280, 800 } };
  MaChartStyle presentation = { 1.35, NULL };

  for (guint i = 0; deck->slides[i] != NULL; i++)
    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint p = 0; p < 2; p++)
          {
            cairo_surface_t *surface =
                cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
            cairo_t *cr = cairo_create (surface);
            g_autoptr (MaChartLayout) layout = NULL;
            g_autofree char *problem = NULL;

            ma_deck_draw_slide (cr, sizes[s][0], sizes[s][1], query, deck->filter, deck->slides[i],
                                langs[l], p ? &presentation : NULL, &layout);
            cairo_destroy (cr);
            cairo_surface_destroy (surface);
            /* The map draws its own caption and legend (tested with the map). */
            if (strcmp (deck->slides[i], "map") != 0)
              g_assert_cmpuint (layout->items->len, >, 1);
            if (ma_chart_layout_has_collisions (layout, &problem))
              g_error ("slide %s, %s, %.0f×%.0f%s: %s", deck->slides[i], langs[l], sizes[s][0],
                       sizes[s][1], p ? " (presentation)" : "", problem);
          }
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ma_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/deck/save-load", test_save_load);
  ADD ("/deck/invalid", test_invalid);
  ADD ("/deck/migration-from-1", test_migration_from_1);
  ADD ("/deck/pdf", test_pdf);
  ADD ("/deck/slides-layout", test_slides_layout);
  return g_test_run ();
}
