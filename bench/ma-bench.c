/* ma-bench.c: mieux-actions-bench, speed and memory at programme scale and at
 * 100,000 Actions, each figure beside a floor measured in the same run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one JSON object on stdout (progress goes to stderr). Figures are medians of
 * repeated runs in wall-clock milliseconds (CLOCK_MONOTONIC), with min, max and n.
 * Window figures are separate processes of this program (--child bare|app) under
 * the X display of the run (Xvfb when there is none: the program re-executes itself
 * under dbus-run-session and xvfb-run).
 */
#define G_LOG_DOMAIN "ma-bench"

#include "config.h"

#include <adwaita.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "ma-action-index.h"
#include "ma-action-list.h"
#include "ma-application.h"
#include "ma-chart-view.h"
#include "ma-chart.h"
#include "ma-exchange.h"
#include "ma-generate.h"
#include "ma-geo.h"
#include "ma-i18n.h"
#include "ma-map.h"
#include "ma-report.h"
#include "ma-store-private.h"
#include "ma-window-private.h"

#define SEED 20261123

/* ---- Options ------------------------------------------------------------------ */

static char *opt_sizes = NULL;
static int opt_reps = 0;
static int opt_window_reps = 0;
static gboolean opt_quick = FALSE;
static gboolean opt_no_window = FALSE;
static gboolean opt_no_gl = FALSE;
static char *opt_dir = NULL;
static char *opt_child = NULL;
static char *opt_db = NULL;
static gboolean opt_full = FALSE;
static gboolean opt_reuse = FALSE;
static gboolean opt_no_import = FALSE;
static gboolean opt_million = FALSE;
static char *opt_svg = NULL;
static char *opt_draw = NULL;
static char *opt_note = NULL;

static GOptionEntry entries[] = {
  { "sizes", 0, 0, G_OPTION_ARG_STRING, &opt_sizes,
    "Numbers of Actions (default 1000,10000,100000)", "N,N" },
  { "million", 0, 0, G_OPTION_ARG_NONE, &opt_million,
    "Add 1,000,000 Actions to the sizes (about 15 GB of disk and half an hour)", NULL },
  { "svg", 0, 0, G_OPTION_ARG_FILENAME, &opt_svg,
    "Draw each figure against the number of Actions into FILE (SVG)", "FILE" },
  { "draw", 0, 0, G_OPTION_ARG_FILENAME, &opt_draw,
    "Only draw --svg from the JSON of an earlier run, no measurement", "JSON" },
  { "note", 0, 0, G_OPTION_ARG_STRING, &opt_note,
    "A note on the run kept in the JSON (e.g. what else ran on the machine)", "TEXT" },
  { "reps", 0, 0, G_OPTION_ARG_INT, &opt_reps, "Timed repetitions per figure (default 21)", "N" },
  { "window-reps", 0, 0, G_OPTION_ARG_INT, &opt_window_reps,
    "Window processes per kind (default 11)", "N" },
  { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick, "Few repetitions: a smoke test (CI)", NULL },
  { "no-window", 0, 0, G_OPTION_ARG_NONE, &opt_no_window, "Skip the window figures", NULL },
  { "no-gl", 0, 0, G_OPTION_ARG_NONE, &opt_no_gl, "Skip the GL renderer figures", NULL },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Working directory (default: temporary)", "DIR" },
  { "reuse-db", 0, 0, G_OPTION_ARG_NONE, &opt_reuse,
    "Keep DIR/actions-N.db when it exists: no generator figures for that size", NULL },
  { "no-import", 0, 0, G_OPTION_ARG_NONE, &opt_no_import, "Skip the CSV export and import figures",
    NULL },
  { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_child, NULL, NULL },
  { "db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_db, NULL, NULL },
  { "full", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_full, NULL, NULL },
  { NULL },
};

/* ---- Timing ------------------------------------------------------------------- */

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

typedef struct
{
  GArray *values; /* double */
} Samples;

static Samples *
samples_new (void)
{
  Samples *s = g_new0 (Samples, 1);
  s->values = g_array_new (FALSE, FALSE, sizeof (double));
  return s;
}

static void
samples_free (Samples *s)
{
  g_array_unref (s->values);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Samples, samples_free)

static void
samples_add (Samples *s, double v)
{
  g_array_append_val (s->values, v);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
samples_median (Samples *s)
{
  guint n = s->values->len;
  double *v;

  if (n == 0)
    return -1;
  g_array_sort (s->values, compare_double);
  v = (double *) s->values->data;
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double
round3 (double v)
{
  return (double) (gint64) (v * 1000.0 + (v >= 0 ? 0.5 : -0.5)) / 1000.0;
}

/* {"median": …, "min": …, "max": …, "n": …} */
static void
add_stats (JsonBuilder *b, const char *name, Samples *s)
{
  double median = samples_median (s);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "median");
  json_builder_add_double_value (b, round3 (median));
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (
      b, round3 (s->values->len ? g_array_index (s->values, double, 0) : -1));
  json_builder_set_member_name (b, "max");
  json_builder_add_double_value (
      b, round3 (s->values->len ? g_array_index (s->values, double, s->values->len - 1) : -1));
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, s->values->len);
  json_builder_end_object (b);
}

static void
add_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round3 (v));
}

static void
add_int (JsonBuilder *b, const char *name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static void
add_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v != NULL)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static long
status_kb (const char *key)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, key);
  return line != NULL ? atol (line + strlen (key) + 1) : -1;
}

static int reps;

/* Repetitions of one figure: REPS timed runs after two warm-ups, fewer (at least
 * three timed) when a figure is slow enough that they would take over 10 s. */
static gboolean
more_reps (int r, double started_ms)
{
  if (r >= reps + 2)
    return FALSE;
  return r < 5 || now_ms () - started_ms < 10000;
}

#define progress(...) g_printerr ("bench: " __VA_ARGS__)

/* ---- Targets -------------------------------------------------------------------- */

static JsonBuilder *targets;
static JsonBuilder *floors;
static guint n_failed;

/* One row per target and size: value, limit and ok/fail. A negative value was not
 * measured (skipped, or the part is missing); NOTE, when given, says why. */
static void
target_with_note (guint size,
                  const char *name,
                  double value,
                  const char *op,
                  double limit,
                  const char *unit,
                  const char *note)
{
  gboolean ok = value >= 0 && (strcmp (op, "<=") == 0  ? value <= limit
                               : strcmp (op, "<") == 0 ? value < limit
                                                       : value >= limit);
  g_autofree char *limit_text = g_strdup_printf ("%s %.4g %s", op, limit, unit);

  json_builder_begin_object (targets);
  add_int (targets, "actions", size);
  add_string (targets, "target", name);
  add_double (targets, "value", value);
  add_double (targets, "limit_value", limit);
  add_string (targets, "limit", limit_text);
  add_string (targets, "result", value < 0 ? "not measured" : ok ? "ok" : "fail");
  if (note != NULL)
    add_string (targets, "note", note);
  json_builder_end_object (targets);
  if (value >= 0 && !ok)
    n_failed++;
}

static void
target (guint size, const char *name, double value, const char *op, double limit, const char *unit)
{
  target_with_note (size, name, value, op, limit, unit, NULL);
}

/* The floors measured in the same run, one row each, for the targets that are ratios. */
static void
floor_row (guint size, const char *name, double value, const char *unit)
{
  json_builder_begin_object (floors);
  add_int (floors, "actions", size);
  add_string (floors, "floor", name);
  add_double (floors, "value", value);
  add_string (floors, "unit", unit);
  json_builder_end_object (floors);
}

/* ---- Figures against the number of Actions (growth, scaling.svg) ----------------- */

typedef struct
{
  guint n;
  double open_ms, index_load_ms, list_core_ms, list_window_ms, rows_shown_ms, index_in_ms;
  double keystroke_ms, like_ms, facet_ms, generate_ms, generate_floor_ms, import_ms;
  double import_floor_ms, calc_ms, first_frame_ms, bare_first_frame_ms, memory_delta_mib;
  double memory_limit_mib;
} Scale;

static GArray *scales; /* Scale, one per size */

static Scale *
scale_current (void)
{
  return &g_array_index (scales, Scale, scales->len - 1);
}

static void
scale_begin (guint n)
{
  Scale sc = { n, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
  g_array_append_val (scales, sc);
}

/* ---- CSV import and its floor --------------------------------------------------- */

/* The rows a CSV file of all Actions carries, read from a database. */
typedef struct
{
  GPtrArray *action;  /* GStrv: uuid code title summary lang type status start end region notes */
  GPtrArray *text;    /* GStrv: row lang title summary */
  GPtrArray *country; /* GStrv: row country */
  GPtrArray *theme;   /* GStrv: row theme */
  GPtrArray *partner; /* GStrv: row name */
} CsvRows;

static GPtrArray *
read_rows (sqlite3 *db, const char *sql, int n_columns)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, n_columns + 2);
      for (int c = 0; c < n_columns; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      /* A non-NULL terminator marker so that NULL columns survive g_strfreev. */
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  return rows;
}

static void
free_row (char **row, int n_columns)
{
  for (int c = 0; c < n_columns; c++)
    g_free (row[c]);
  g_free (row);
}

static void
rows_clear (GPtrArray *rows, int n_columns)
{
  for (guint i = 0; i < rows->len; i++)
    free_row (rows->pdata[i], n_columns);
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_unref (rows);
}

static void
csv_rows_load (CsvRows *r, const char *path)
{
  sqlite3 *db = NULL;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  r->action = read_rows (db,
                         "SELECT id, uuid, code, title, summary, lang, type, status, start_date, "
                         "end_date, region, notes FROM action ORDER BY id",
                         12);
  r->text = read_rows (db, "SELECT action, lang, title, summary FROM action_text", 4);
  r->country = read_rows (db, "SELECT action, country FROM action_country", 2);
  r->theme = read_rows (db, "SELECT action, theme FROM action_theme", 2);
  r->partner = read_rows (
      db, "SELECT ap.action, p.name FROM action_partner ap JOIN partner p ON p.id = ap.partner", 2);
  sqlite3_close (db);
}

static void
csv_rows_clear (CsvRows *r)
{
  rows_clear (r->action, 12);
  rows_clear (r->text, 4);
  rows_clear (r->country, 2);
  rows_clear (r->theme, 2);
  rows_clear (r->partner, 2);
}

static void
bind_row (sqlite3_stmt *stmt, char **row, int first, int n)
{
  for (int c = 0; c < n; c++)
    sqlite3_bind_text (stmt, c + 1, row[first + c], -1, SQLITE_STATIC);
}

static gboolean
step_reset (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The floor of a CSV import: the same rows through prepared INSERTs in one
 * transaction into a new database of the same schema, the full-text index filled
 * once before the commit. Returns ms, -1 on error. */
static double
insert_floor (CsvRows *r, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = ma_store_open (path, MA_STORE_OPEN_MUST_CREATE, &error);
  g_autoptr (GHashTable) partners = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db;
  sqlite3_stmt *st_action, *st_text, *st_country, *st_theme, *st_partner, *st_link;
  double t0, t;
  gboolean ok = TRUE;

  if (store == NULL)
    return -1;
  db = ma_store_get_db (store);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO action (id, uuid, code, title, summary, lang, type, status, "
                      "start_date, end_date, region, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?)",
                      -1, &st_action, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO action_text (action, lang, title, summary) VALUES (?, ?, ?, ?)",
                      -1, &st_text, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO action_country (action, country) VALUES (?, ?)", -1,
                      &st_country, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO action_theme (action, theme) VALUES (?, ?)", -1, &st_theme,
                      NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO partner (id, uuid, name) VALUES (?, ?, ?)", -1, &st_partner,
                      NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO action_partner (action, partner) VALUES (?, ?)", -1,
                      &st_link, NULL);

  t0 = now_ms ();
  /* The full-text index filled once from its view at the end, as the generator and
   * the import do: through the triggers each child row re-reads its Action. */
  sqlite3_exec (db,
                "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;"
                "INSERT OR IGNORE INTO store_flag (name) VALUES ('defer-fts')",
                NULL, NULL, NULL);
  for (guint i = 0; ok && i < r->text->len; i++)
    {
      bind_row (st_text, r->text->pdata[i], 0, 4);
      ok = step_reset (st_text);
    }
  for (guint i = 0; ok && i < r->partner->len; i++)
    {
      char **row = r->partner->pdata[i];
      gpointer id = g_hash_table_lookup (partners, row[1]);
      if (id == NULL)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          id = GUINT_TO_POINTER (g_hash_table_size (partners) + 1);
          g_hash_table_insert (partners, row[1], id);
          sqlite3_bind_int64 (st_partner, 1, GPOINTER_TO_UINT (id));
          sqlite3_bind_text (st_partner, 2, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (st_partner, 3, row[1], -1, SQLITE_STATIC);
          ok = step_reset (st_partner);
        }
      sqlite3_bind_text (st_link, 1, row[0], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st_link, 2, GPOINTER_TO_UINT (id));
      ok = ok && step_reset (st_link);
    }
  for (guint i = 0; ok && i < r->action->len; i++)
    {
      bind_row (st_action, r->action->pdata[i], 0, 12);
      ok = step_reset (st_action);
    }
  for (guint i = 0; ok && i < r->country->len; i++)
    {
      bind_row (st_country, r->country->pdata[i], 0, 2);
      ok = step_reset (st_country);
    }
  for (guint i = 0; ok && i < r->theme->len; i++)
    {
      bind_row (st_theme, r->theme->pdata[i], 0, 2);
      ok = step_reset (st_theme);
    }
  ok = ok && sqlite3_exec (db,
                           "DELETE FROM store_flag WHERE name = 'defer-fts';"
                           "INSERT INTO action_fts (rowid, title, code, summary, partners, notes)"
                           "  SELECT * FROM action_fts_row;"
                           "COMMIT",
                           NULL, NULL, NULL) == SQLITE_OK;
  t = now_ms () - t0;
  if (!ok)
    {
      progress ("insert floor failed: %s\n", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_finalize (st_action);
  sqlite3_finalize (st_text);
  sqlite3_finalize (st_country);
  sqlite3_finalize (st_theme);
  sqlite3_finalize (st_partner);
  sqlite3_finalize (st_link);
  return ok ? t : -1;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", "--", path, NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* ---- Map floor: bare Cairo over the same projected paths --------------------------- */

typedef struct
{
  GPtrArray *paths; /* cairo_path_t* per feature */
} MapFloor;

static void
map_floor_build (MapFloor *floor, MaGeo *geo, int width, int height)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  double hw, hh, scale;
  const double margin = 8;

  ma_equal_earth_extent (&hw, &hh);
  scale = MIN ((width - 2 * margin) / (2 * hw), (height - 2 * margin) / (2 * hh));
  floor->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_path_destroy);
  for (guint f = 0; f < ma_geo_get_n_features (geo); f++)
    {
      cairo_new_path (cr);
      for (guint r = 0; r < ma_geo_feature_get_n_rings (geo, f); r++)
        {
          MaGeoPoints p;
          ma_geo_feature_get_ring (geo, f, r, &p);
          for (guint i = 0; i < p.n; i++)
            {
              double x = width / 2.0 + (p.x0 + p.unit * p.xy[2 * i]) * scale;
              double y = height / 2.0 - (p.y0 + p.unit * p.xy[2 * i + 1]) * scale;
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      g_ptr_array_add (floor->paths, cairo_copy_path (cr));
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

static void
map_floor_draw (MapFloor *floor, cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.85, 0.9, 0.95);
  cairo_paint (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, 0.5);
  for (guint f = 0; f < floor->paths->len; f++)
    {
      cairo_new_path (cr);
      cairo_append_path (cr, floor->paths->pdata[f]);
      cairo_set_source_rgb (cr, 0.4 + 0.08 * (f % 7), 0.6, 0.5);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* ---- Window processes --------------------------------------------------------------- */

typedef struct
{
  double first_frame_ms; /* from the parent's spawn */
  double first_frame_main_ms;
  long hwm_kb;
  char *renderer;
  JsonNode *extra;
} ChildResult;

static gboolean
run_child (const char *self_path,
           const char *mode,
           const char *db,
           const char *renderer,
           gboolean full,
           const char *home,
           ChildResult *out)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *t0 = NULL;
  g_autofree char *stdout_text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *line;
  JsonObject *o;
  const char *argv[] = { self_path, "--child", mode, "--db", db, full ? "--full" : NULL, NULL };

  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "ADW_DISABLE_PORTAL", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "MIEUX_ACTIONS_DB", db, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  if (g_strcmp0 (renderer, "cairo") == 0)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GSK_RENDERER");
  t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_subprocess_launcher_setenv (launcher, "MA_BENCH_T0_US", t0, TRUE);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL ||
      !g_subprocess_communicate_utf8 (child, NULL, NULL, &stdout_text, NULL, &error))
    {
      progress ("window child %s: %s\n", mode, error->message);
      return FALSE;
    }
  line = stdout_text != NULL ? strstr (stdout_text, "MA_BENCH ") : NULL;
  if (line == NULL || !json_parser_load_from_data (parser, line + 9, -1, NULL))
    {
      progress ("window child %s gave no result (exit %d)\n", mode,
                g_subprocess_get_exit_status (child));
      return FALSE;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  out->first_frame_ms = json_object_get_double_member (o, "first_frame_ms");
  out->first_frame_main_ms = json_object_get_double_member (o, "first_frame_main_ms");
  out->hwm_kb = json_object_get_int_member (o, "hwm_kb");
  out->renderer = g_strdup (json_object_get_string_member (o, "renderer"));
  out->extra = json_node_copy (json_parser_get_root (parser));
  return TRUE;
}

/* ---- The child: a bare window, or the application on a database ---------------------- */

static gint64 child_t0, child_main;
static GtkWindow *child_window;
static gboolean first_done;
static JsonBuilder *child_out;
static GApplication *child_app;

static double
since_t0_ms (void)
{
  return (double) (g_get_monotonic_time () - child_t0) / 1000.0;
}

static void child_finish (void);

/* ---- Full mode: keystrokes and facets through GTK, then the other views ---- */

static MaFilter *gtk_filter;
static gint64 upd_start, upd_emitted, upd_before;
static int upd_i = -1;
static gboolean upd_pending;
static Samples *upd_emit, *upd_frame, *upd_list;
static gint64 upd_refreshed;
static const char *const upd_searches[] = { "pro", "prot", "gest", "migr", "front", "rei" };
#define N_UPD 24

static gboolean
do_update (gpointer data)
{
  upd_pending = TRUE;
  upd_start = g_get_monotonic_time ();
  if (upd_i % 2 == 0)
    ma_filter_set_search (gtk_filter, upd_searches[(upd_i / 2) % G_N_ELEMENTS (upd_searches)]);
  else
    ma_filter_set_search (gtk_filter, NULL);
  upd_emitted = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (child_window));
  return G_SOURCE_REMOVE;
}

static void
before_paint (GdkFrameClock *clock, gpointer data)
{
  upd_before = g_get_monotonic_time ();
}

static gboolean wait_for_list (gpointer data);
static gboolean finish_later (gpointer data);
static gboolean watch_loading (gpointer data);
static gboolean show_map_when_charts_done (gpointer data);

static void
after_paint (GdkFrameClock *clock, gpointer data)
{
  if (!first_done)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (child_window)))
        return;
      first_done = TRUE;
      child_out = json_builder_new ();
      json_builder_begin_object (child_out);
      add_double (child_out, "first_frame_ms", since_t0_ms ());
      add_double (child_out, "first_frame_main_ms",
                  (double) (g_get_monotonic_time () - child_main) / 1000.0);
      add_int (child_out, "hwm_kb", status_kb ("VmHWM"));
      {
        GskRenderer *r = gtk_native_get_renderer (GTK_NATIVE (child_window));
        add_string (child_out, "renderer", r ? G_OBJECT_TYPE_NAME (r) : "?");
      }
      /* For valgrind --tool=callgrind: the instructions up to the first frame, which
       * unlike times do not move with the machine's load (bench/RESULTS.md). */
      if (g_getenv ("MA_BENCH_EXIT_AT_FIRST_FRAME") != NULL)
        _exit (0);
      if (opt_full && MA_IS_WINDOW (child_window))
        {
          g_timeout_add (20, wait_for_list, NULL);
          g_timeout_add (4, watch_loading, NULL);
        }
      else
        child_finish ();
      return;
    }
  if (upd_pending)
    {
      gint64 t = g_get_monotonic_time ();
      upd_pending = FALSE;
      if (upd_i % 2 == 0)
        {
          samples_add (upd_list, (double) (upd_refreshed - upd_start) / 1000.0);
          samples_add (upd_emit, (double) (upd_emitted - upd_start) / 1000.0);
          samples_add (upd_frame, (double) (t - upd_before) / 1000.0);
        }
      upd_i++;
      if (upd_i < N_UPD)
        g_timeout_add (50, do_update, NULL);
      else
        {
          MaWindow *window = MA_WINDOW (child_window);
          g_autofree char *hwm_list = NULL;

          add_stats (child_out, "keystroke_update_ms", upd_emit);
          add_stats (child_out, "keystroke_list_and_rows_ms", upd_list);
          add_stats (child_out, "keystroke_frame_ms", upd_frame);
          add_int (child_out, "hwm_list_kb", status_kb ("VmHWM"));
          /* The other views once each, as a user would look at them: the charts
           * drawn and their data in, then the map. */
          ma_window_show_view (window, "charts");
          g_timeout_add (100, show_map_when_charts_done, NULL);
        }
    }
}

/* The list model and its bound rows are done: the rest of a keystroke is the window's. */
static void
on_list_refreshed (MaActionList *list, gpointer data)
{
  upd_refreshed = g_get_monotonic_time ();
}

/* The Charts page has drawn once and its worker, if any, has answered (at 100,000
 * Actions the report takes a second): then the map. */
static gboolean
show_map_when_charts_done (gpointer data)
{
  MaWindow *window = MA_WINDOW (child_window);
  GtkWidget *charts = ma_window_get_view (window, "charts");
  static int waited;

  if (MA_IS_CHART_VIEW (charts) && ma_chart_view_is_pending (MA_CHART_VIEW (charts)) &&
      ++waited < 300)
    return G_SOURCE_CONTINUE;
  ma_window_show_view (window, "map");
  g_timeout_add (600, finish_later, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
finish_later (gpointer data)
{
  child_finish ();
  return G_SOURCE_REMOVE;
}

/* While the index loads: when the list first shows Actions, when the index is in,
 * and the longest the main loop went without running this 4 ms timeout (a load on
 * the main thread would show here as one long gap). */
static gint64 watch_last;
static double watch_stall_ms, watch_rows_ms = -1;
static gboolean watch_done;

static gboolean
watch_loading (gpointer data)
{
  MaWindow *window = MA_WINDOW (child_window);
  MaActionList *list = ma_window_get_action_list (window);
  gint64 now = g_get_monotonic_time ();

  if (watch_last != 0)
    watch_stall_ms = MAX (watch_stall_ms, (double) (now - watch_last) / 1000.0);
  watch_last = now;
  if (watch_rows_ms < 0 && ma_action_list_is_loaded (list) &&
      g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    watch_rows_ms = since_t0_ms ();
  if (!ma_action_query_has_index (ma_window_get_query (window)))
    return G_SOURCE_CONTINUE;
  add_double (child_out, "rows_shown_ms", watch_rows_ms < 0 ? since_t0_ms () : watch_rows_ms);
  add_double (child_out, "index_in_ms", since_t0_ms ());
  add_double (child_out, "longest_stall_while_loading_ms", watch_stall_ms);
  watch_done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_for_list (gpointer data)
{
  MaWindow *window = MA_WINDOW (child_window);
  MaActionList *list = ma_window_get_action_list (window);
  static gint64 started;

  if (started == 0)
    started = g_get_monotonic_time ();
  if (!ma_action_list_is_loaded (list) ||
      !ma_action_query_has_index (ma_window_get_query (window)) || !watch_done)
    {
      if (g_get_monotonic_time () - started > 120 * G_USEC_PER_SEC)
        {
          child_finish ();
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  add_double (child_out, "list_filled_ms", since_t0_ms ());
  add_int (child_out, "list_items", g_list_model_get_n_items (G_LIST_MODEL (list)));
  gtk_filter = ma_action_list_get_filter (list);
  upd_emit = samples_new ();
  upd_frame = samples_new ();
  upd_list = samples_new ();
  g_signal_connect (list, "refreshed", G_CALLBACK (on_list_refreshed), NULL);
  upd_i = 0;
  g_timeout_add (50, do_update, NULL);
  return G_SOURCE_REMOVE;
}

static void
child_finish (void)
{
  JsonNode *root;
  g_autofree char *text = NULL;

  add_int (child_out, "hwm_end_kb", status_kb ("VmHWM"));
  /* Where the memory is at the end, mapping by mapping (bench/RESULTS.md). */
  if (g_getenv ("MA_BENCH_SMAPS") != NULL)
    {
      g_autofree char *smaps = NULL;
      g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL);
      g_file_set_contents (g_getenv ("MA_BENCH_SMAPS"), smaps, -1, NULL);
    }
  json_builder_end_object (child_out);
  root = json_builder_get_root (child_out);
  text = json_to_string (root, FALSE);
  g_print ("MA_BENCH %s\n", text);
  json_node_unref (root);
  fflush (stdout);
  g_application_quit (child_app);
}

static void
on_realize (GtkWidget *widget, gpointer data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint), NULL);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, gpointer data)
{
  if (child_window != NULL)
    return;
  child_window = window;
  gtk_window_set_default_size (window, 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}

static void
bare_activate (GtkApplication *app, gpointer data)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Actions");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Actions", "MIEUX+"));
  gtk_box_append (GTK_BOX (box), header);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), "No Actions");
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static int
child_main_run (int argc, char **argv)
{
  const char *t0 = g_getenv ("MA_BENCH_T0_US");
  char *args[] = { argv[0], NULL };
  int rc;

  child_t0 = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) : child_main;
  if (g_strcmp0 (opt_child, "bare") == 0)
    {
      child_app = G_APPLICATION (
          adw_application_new ("eu.mieux_initiative.ActionsBench", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (child_app, "activate", G_CALLBACK (bare_activate), NULL);
    }
  else
    {
      ma_application_apply_language ();
      child_app = G_APPLICATION (ma_application_new ());
    }
  g_signal_connect (child_app, "window-added", G_CALLBACK (on_window_added), NULL);
  rc = g_application_run (child_app, 1, args);
  g_object_unref (child_app);
  return rc;
}

/* ---- One size ------------------------------------------------------------------------ */

typedef struct
{
  const char *self_path;
  const char *dir;
  const char *home;
  gboolean windows;
  Samples *bare_cairo, *bare_gl; /* the floor, shared by the sizes, measured per size */
} Run;

/* The tool users have today: LibreOffice Calc opening the same CSV file and saving
 * it as a spreadsheet, headless, with a profile of its own (made by a first,
 * untimed conversion). Skipped with a note when soffice is not installed. */
static void
bench_calc (Run *run, JsonBuilder *b, guint n, const char *csv, double import_ms)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_build_filename (run->dir, "calc-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *out_dir = g_build_filename (run->dir, "calc-out", NULL);
  g_autofree char *warm_csv = g_build_filename (run->dir, "calc-warm.csv", NULL);
  g_autofree char *ods = NULL;
  g_autoptr (Samples) calc = samples_new ();
  const char *note = NULL;
  int calc_reps = n >= 50000 || opt_quick ? 1 : 3;

  json_builder_set_member_name (b, "libreoffice_calc");
  json_builder_begin_object (b);
  if (soffice == NULL)
    note = "soffice not installed (apt install libreoffice-calc-nogui): not measured";
  else
    {
      g_mkdir_with_parents (out_dir, 0700);
      g_file_set_contents (warm_csv, "a,b\n1,2\n", -1, NULL);
      for (int r = -1; r < calc_reps && note == NULL; r++)
        {
          const char *argv[] = { soffice,
                                 env_arg,
                                 "--headless",
                                 "--norestore",
                                 "--convert-to",
                                 "ods",
                                 "--infilter=CSV:44,34,76,1",
                                 "--outdir",
                                 out_dir,
                                 r < 0 ? warm_csv : csv,
                                 NULL };
          g_autoptr (GError) error = NULL;
          int status = 0;
          double t0 = now_ms ();

          if (!g_spawn_sync (NULL, (char **) argv, NULL,
                             G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                             NULL, NULL, &status, &error) ||
              !g_spawn_check_wait_status (status, NULL))
            note = "soffice failed: not measured";
          else if (r >= 0)
            samples_add (calc, now_ms () - t0);
        }
      {
        g_autofree char *base = g_path_get_basename (csv);
        g_autofree char *stem = g_strndup (base, strlen (base) - 4);
        g_autofree char *name = g_strconcat (stem, ".ods", NULL);
        GStatBuf st;
        ods = g_build_filename (out_dir, name, NULL);
        if (note == NULL && g_stat (ods, &st) != 0)
          note = "soffice wrote no .ods file: not measured";
        else if (note == NULL)
          add_double (b, "ods_mib", (double) st.st_size / 1048576.0);
        g_unlink (ods);
      }
      g_unlink (warm_csv);
      g_rmdir (out_dir);
      remove_tree (profile);
    }
  add_string (b, "command", "soffice --headless --convert-to ods --infilter=CSV:44,34,76,1 FILE");
  add_stats (b, "open_and_save_ms", calc);
  add_double (b, "our_import_ms", import_ms);
  if (note != NULL)
    add_string (b, "note", note);
  else if (import_ms >= 0 && calc->values->len > 0)
    {
      add_double (b, "ratio", import_ms / samples_median (calc));
      scale_current ()->calc_ms = samples_median (calc);
    }
  json_builder_end_object (b);
  if (n == 100000)
    target_with_note (n, "CSV import / LibreOffice Calc opening the same CSV (goal)",
                      note == NULL && import_ms >= 0 && calc->values->len > 0
                          ? import_ms / samples_median (calc)
                          : -1,
                      "<=", 0.5, "×", note);
}

static void
bench_import (Run *run, JsonBuilder *b, guint n, const char *db)
{
  g_autoptr (Samples) gen = samples_new ();
  g_autoptr (Samples) gen_plain = samples_new ();
  g_autoptr (Samples) import = samples_new ();
  g_autoptr (Samples) floor = samples_new ();
  g_autoptr (Samples) export = samples_new ();
  g_autofree char *csv = g_build_filename (run->dir, "actions.csv", NULL);
  g_autofree char *target_db = g_build_filename (run->dir, "import.db", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr (MaStore) store = NULL;
  g_autoptr (GError) error = NULL;
  MaGenerateStats stats = { 0 };
  CsvRows rows = { 0 };
  int import_reps = n >= 50000 ? 1 : opt_quick ? 1 : 3;

  /* The generator itself: the database every figure below reads. */
  if (opt_reuse && g_file_test (db, G_FILE_TEST_EXISTS))
    import_reps = 0;
  for (int r = 0; r < import_reps; r++)
    {
      g_autofree char *plain = g_build_filename (run->dir, "plain.db", NULL);
      remove_db (db);
      if (!ma_generate_database (db, n, SEED, MA_GENERATE_DEFAULT, &stats, &error))
        g_error ("generate: %s", error->message);
      samples_add (gen, stats.insert_ms);
      /* The same rows without the full-text index and the triggers. */
      {
        MaGenerateStats plain_stats = { 0 };
        remove_db (plain);
        if (!ma_generate_database (plain, n, SEED, MA_GENERATE_PLAIN, &plain_stats, &error))
          g_error ("generate plain: %s", error->message);
        samples_add (gen_plain, plain_stats.insert_ms);
      }
      remove_db (plain);
    }
  json_builder_set_member_name (b, "generate");
  json_builder_begin_object (b);
  add_int (b, "actions", stats.n_actions);
  add_int (b, "country_links", stats.n_countries);
  add_int (b, "theme_links", stats.n_themes);
  add_int (b, "partner_links", stats.n_partners);
  add_int (b, "activities", stats.n_activities);
  add_int (b, "translations", stats.n_texts);
  add_stats (b, "insert_ms", gen);
  add_stats (b, "floor_without_fts_and_triggers_ms", gen_plain);
  if (gen->values->len > 0)
    {
      add_double (b, "ratio", samples_median (gen) / samples_median (gen_plain));
      scale_current ()->generate_ms = samples_median (gen);
      scale_current ()->generate_floor_ms = samples_median (gen_plain);
      floor_row (n, "generator's rows through prepared INSERTs, no FTS5 and no triggers",
                 samples_median (gen_plain), "ms");
      target (n, "generator ≤ 3× prepared INSERTs of the same rows",
              samples_median (gen) / samples_median (gen_plain), "<=", 3, "×");
    }
  else
    add_string (b, "note", "database reused (--reuse-db): generator not timed in this run");
  {
    GStatBuf st;
    if (g_stat (db, &st) == 0)
      add_double (b, "file_mib", (double) st.st_size / 1048576.0);
  }
  json_builder_end_object (b);

  /* CSV export of all Actions, then import of that file into an empty database. */
  store = ma_store_open (db, MA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  import_reps = opt_no_import ? 0 : n >= 50000 ? 1 : opt_quick ? 1 : 3;
  for (int r = 0; r < import_reps; r++)
    {
      double t0 = now_ms ();
      if (!ma_export_actions (store, NULL, MA_EXCHANGE_CSV, NULL, NULL, csv_file, &error))
        g_error ("export: %s", error->message);
      samples_add (export, now_ms () - t0);
    }
  g_clear_object (&store);
  if (import_reps > 0)
    csv_rows_load (&rows, db);
  for (int r = 0; r < import_reps; r++)
    {
      g_auto (MaImportReport) report = { 0 };
      g_autoptr (MaStore) target = NULL;
      double t0, t;

      remove_db (target_db);
      target = ma_store_open (target_db, MA_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      t0 = now_ms ();
      if (!ma_import_actions (target, MA_EXCHANGE_CSV, MA_IMPORT_ADD, FALSE, csv_file, &report,
                              &error))
        {
          progress ("import failed: %s\n", error->message);
          g_clear_error (&error);
          break;
        }
      t = now_ms () - t0;
      samples_add (import, t);
      g_clear_object (&target);
      remove_db (target_db);
      t = insert_floor (&rows, target_db);
      if (t >= 0)
        samples_add (floor, t);
      remove_db (target_db);
    }
  if (import_reps > 0)
    csv_rows_clear (&rows);
  json_builder_set_member_name (b, "csv");
  json_builder_begin_object (b);
  add_stats (b, "export_ms", export);
  add_stats (b, "import_ms", import);
  add_stats (b, "floor_prepared_inserts_ms", floor);
  if (import->values->len > 0 && floor->values->len > 0)
    add_double (b, "import_ratio", samples_median (import) / samples_median (floor));
  {
    GStatBuf st;
    if (g_stat (csv, &st) == 0)
      add_double (b, "file_mib", (double) st.st_size / 1048576.0);
  }
  json_builder_end_object (b);
  target (n, "CSV import ≤ 3× prepared INSERTs",
          import->values->len ? samples_median (import) / samples_median (floor) : -1, "<=", 3,
          "×");
  if (import->values->len > 0 && floor->values->len > 0)
    {
      scale_current ()->import_ms = samples_median (import);
      scale_current ()->import_floor_ms = samples_median (floor);
      floor_row (n, "CSV rows through prepared INSERTs, full-text index filled once",
                 samples_median (floor), "ms");
    }
  if (import_reps > 0 && n <= 100000 && n >= 10000)
    bench_calc (run, b, n, csv, import->values->len ? samples_median (import) : -1);
  g_unlink (csv);
}

/* The FTS5 rowid query alone, on a connection of its own: the floor of a keystroke. */
static int
fts_floor (sqlite3 *db, sqlite3_stmt *stmt, const char *match)
{
  int n = 0;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n += sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return n;
}

static void
bench_core (Run *run, JsonBuilder *b, guint n, const char *db_path)
{
  static const char *const typed[] = { "protection", "migration", "frontières", "réintégration" };
  g_autoptr (GError) error = NULL;
  g_autoptr (MaStore) store = ma_store_open (db_path, MA_STORE_OPEN_DEFAULT, &error);
  g_autoptr (MaActionQuery) action_query = NULL;
  g_autoptr (MaFilter) filter = ma_filter_new ();
  g_autoptr (MaActionList) list = NULL;
  g_autoptr (Samples) load = samples_new ();
  g_autoptr (Samples) open = samples_new ();
  g_autoptr (Samples) list_all = samples_new ();
  g_autoptr (MaGeo) geo = NULL;
  sqlite3_stmt *like = NULL;
  double worst_like = 0, worst_ratio_floor = -1;
  /* Under 16 ms at a million, 10 up to 100,000. */
  double keystroke_limit = n >= 1000000 ? 16 : 10;
  sqlite3 *raw = NULL;
  sqlite3_stmt *fts = NULL;
  sqlite3_stmt *fts_count = NULL;
  double worst_short = 0, worst_long = 0, worst_ratio = 0;
  double loop_start;

  g_assert_no_error (error);
  action_query = ma_action_query_new (store);

  /* Opening the database as the window does (schema check, functions registered). */
  loop_start = now_ms ();
  for (int r = 0; more_reps (r, loop_start); r++)
    {
      double t0 = now_ms ();
      g_autoptr (MaStore) other = ma_store_open (db_path, MA_STORE_OPEN_SMALL_CACHE, &error);
      g_assert_no_error (error);
      g_clear_object (&other);
      if (r >= 2)
        samples_add (open, now_ms () - t0);
    }
  add_stats (b, "open_ms", open);
  scale_current ()->open_ms = samples_median (open);

  /* The index: what the window builds in the background after its first frame. */
  for (int r = 0; r < (n >= 50000 ? 3 : reps / 2 + 1); r++)
    {
      double t0 = now_ms ();
      ma_action_index_drop (ma_action_query_get_index (action_query));
      if (!ma_action_query_load_index (action_query, &error))
        g_error ("index: %s", error->message);
      samples_add (load, now_ms () - t0);
    }
  add_stats (b, "index_load_ms", load);
  scale_current ()->index_load_ms = samples_median (load);

  /* The first full list: every Action in title order, from the index, in a new model. */
  loop_start = now_ms ();
  for (int r = 0; more_reps (r, loop_start); r++)
    {
      double t0 = now_ms ();
      g_autoptr (MaFilter) all = ma_filter_new ();
      g_autoptr (MaActionList) full = ma_action_list_new (action_query, all, "en");
      guint items = g_list_model_get_n_items (G_LIST_MODEL (full));
      g_autoptr (GObject) first = items > 0 ? g_list_model_get_item (G_LIST_MODEL (full), 0) : NULL;
      if (r >= 2)
        samples_add (list_all, now_ms () - t0);
    }
  add_stats (b, "first_full_list_ms", list_all);
  scale_current ()->list_core_ms = samples_median (list_all);

  sqlite3_open_v2 (db_path, &raw, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (raw, "SELECT rowid FROM action_fts WHERE action_fts MATCH ?", -1, &fts, NULL);
  /* For information: FTS5's own work, with no row handed back to C. The app collects
   * rowids inside SQLite (an aggregate, see MaBits), so it can beat the floor above. */
  sqlite3_prepare_v2 (raw, "SELECT count(*) FROM action_fts WHERE action_fts MATCH ?", -1,
                      &fts_count, NULL);
  /* The naive search a spreadsheet's filter does: a substring of every title. */
  sqlite3_prepare_v2 (raw, "SELECT id FROM action WHERE title LIKE ?", -1, &like, NULL);
  list = ma_action_list_new (action_query, filter, "en");

  /* Keystrokes: each prefix of a word typed after the previous one, list model updated
   * (ids in order, slots re-pointed, items-changed emitted), against the FTS5 query. */
  json_builder_set_member_name (b, "search");
  json_builder_begin_array (b);
  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    for (guint letters = 1; letters <= 4; letters++)
      {
        g_autoptr (Samples) update = samples_new ();
        g_autoptr (Samples) query = samples_new ();
        g_autoptr (Samples) floor = samples_new ();
        g_autoptr (Samples) count_floor = samples_new ();
        g_autoptr (Samples) naive = samples_new ();
        g_autofree char *prefix = g_utf8_substring (typed[w], 0, letters);
        g_autofree char *previous =
            letters > 1 ? g_utf8_substring (typed[w], 0, letters - 1) : NULL;
        g_autofree char *match = NULL;
        g_autoptr (MaFilter) probe = ma_filter_new ();
        guint matches = 0;
        double ratio;

        ma_filter_set_search (probe, prefix);
        match = ma_filter_build_match (probe);
        loop_start = now_ms ();
        for (int r = 0; more_reps (r, loop_start); r++)
          {
            double t0;
            ma_filter_set_search (filter, previous);
            {
              /* As in the window: the previous keystroke's answer is the one the
               * index keeps; the timed keystroke must not find its own. */
              g_autoptr (MaActionResult) last =
                  ma_action_query_actions (action_query, filter, NULL);
            }
            t0 = now_ms ();
            ma_filter_set_search (filter, prefix);
            if (r >= 2)
              samples_add (update, now_ms () - t0);
            matches = g_list_model_get_n_items (G_LIST_MODEL (list));
            t0 = now_ms ();
            {
              g_autoptr (MaActionResult) result =
                  ma_action_query_actions (action_query, filter, NULL);
            }
            if (r >= 2)
              samples_add (query, now_ms () - t0);
            t0 = now_ms ();
            fts_floor (raw, fts, match);
            if (r >= 2)
              samples_add (floor, now_ms () - t0);
            t0 = now_ms ();
            fts_floor (raw, fts_count, match);
            if (r >= 2)
              samples_add (count_floor, now_ms () - t0);
            if (letters >= 3)
              {
                g_autofree char *pattern = g_strdup_printf ("%%%s%%", prefix);
                t0 = now_ms ();
                fts_floor (raw, like, pattern);
                if (r >= 2)
                  samples_add (naive, now_ms () - t0);
              }
          }
        ratio = samples_median (update) / samples_median (floor);
        json_builder_begin_object (b);
        add_string (b, "typed", prefix);
        add_int (b, "letters", letters);
        add_int (b, "matches", matches);
        add_stats (b, "list_update_ms", update);
        add_stats (b, "ids_and_facet_counts_ms", query);
        add_stats (b, "floor_fts5_rowids_ms", floor);
        add_stats (b, "fts5_count_only_ms", count_floor);
        if (letters >= 3)
          add_stats (b, "naive_title_like_ms", naive);
        add_double (b, "ratio", ratio);
        json_builder_end_object (b);
        if (letters >= 3)
          {
            worst_long = MAX (worst_long, samples_median (update));
            if (ratio > worst_ratio)
              worst_ratio_floor = samples_median (floor);
            worst_ratio = MAX (worst_ratio, ratio);
            worst_like = MAX (worst_like, samples_median (naive));
          }
        else
          worst_short = MAX (worst_short, samples_median (update));
      }
  json_builder_end_array (b);
  ma_filter_set_search (filter, NULL);
  scale_current ()->keystroke_ms = worst_long;
  scale_current ()->like_ms = worst_like;
  floor_row (n, "FTS5 rowid query alone, of the keystroke with the highest ratio",
             worst_ratio_floor, "ms");
  json_builder_set_member_name (b, "naive_search");
  json_builder_begin_object (b);
  add_string (b, "sql", "SELECT id FROM action WHERE title LIKE '%term%'");
  add_double (b, "worst_median_ms", worst_like);
  add_double (b, "our_worst_keystroke_ms", worst_long);
  json_builder_end_object (b);
  target (n, "search keystroke (3+ letters) → list model updated, worst median", worst_long,
          "<=", keystroke_limit, "ms");
  target (n, "search keystroke (3+ letters) / FTS5 rowid query alone, worst", worst_ratio, "<=", 2,
          "×");
  target (n, "search keystroke (1–2 letters) → list model updated, worst median", worst_short,
          "<=", 33, "ms");

  /* Facet change: list, facet counts, map data and chart data for the new filter. */
  geo = ma_geo_get_default (&error);
  g_assert_no_error (error);
  json_builder_set_member_name (b, "facet_change");
  json_builder_begin_array (b);
  for (int with_search = 0; with_search < 2; with_search++)
    {
      g_autoptr (Samples) t_list = samples_new ();
      g_autoptr (Samples) t_counts = samples_new ();
      g_autoptr (Samples) t_map = samples_new ();
      g_autoptr (Samples) t_chart = samples_new ();
      g_autoptr (Samples) t_total = samples_new ();
      const char *regions[][2] = { { "lac", NULL }, { "wca", NULL } };

      ma_filter_set_search (filter, with_search ? "pro" : NULL);
      loop_start = now_ms ();
      for (int r = 0; more_reps (r, loop_start); r++)
        {
          double t0 = now_ms (), t1, t2, t3, t4;
          ma_filter_set_codes (filter, MA_FILTER_REGION, regions[r % 2]);
          t1 = now_ms ();
          {
            g_autoptr (MaActionResult) result =
                ma_action_query_actions (action_query, filter, NULL);
          }
          t2 = now_ms ();
          {
            g_autoptr (MaMapData) data = ma_map_data_query (action_query, geo, filter, "en", NULL);
          }
          t3 = now_ms ();
          {
            g_autoptr (MaChartData) data =
                ma_report_chart_data (action_query, filter, MA_CHART_REGIONS, "en", NULL);
          }
          t4 = now_ms ();
          if (r < 2)
            continue;
          samples_add (t_list, t1 - t0);
          samples_add (t_counts, t2 - t1);
          samples_add (t_map, t3 - t2);
          samples_add (t_chart, t4 - t3);
          samples_add (t_total, t4 - t0);
        }
      json_builder_begin_object (b);
      add_string (b, "search", with_search ? "pro" : NULL);
      add_stats (b, "list_update_ms", t_list);
      add_stats (b, "facet_counts_ms", t_counts);
      add_stats (b, "map_data_ms", t_map);
      add_stats (b, "chart_data_regions_ms", t_chart);
      add_stats (b, "total_ms", t_total);
      json_builder_end_object (b);
      scale_current ()->facet_ms = MAX (scale_current ()->facet_ms, samples_median (t_total));
      target (n,
              with_search ? "facet change with search 'pro' → list, map and chart data updated"
                          : "facet change → list, map and chart data updated",
              samples_median (t_total), "<=", 16, "ms");
      ma_filter_set_codes (filter, MA_FILTER_REGION, NULL);
    }
  json_builder_end_array (b);
  ma_filter_set_search (filter, NULL);

  /* Charts at 1920×1080, over all Actions: data, then drawing. */
  json_builder_set_member_name (b, "charts_1920x1080");
  json_builder_begin_array (b);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
    double worst = 0;
    for (int k = 0; k < MA_CHART_N_KINDS; k++)
      {
        g_autoptr (Samples) t_data = samples_new ();
        g_autoptr (Samples) t_draw = samples_new ();
        g_autoptr (MaChartData) data = NULL;
        loop_start = now_ms ();
        for (int r = 0; more_reps (r, loop_start); r++)
          {
            double t0 = now_ms ();
            g_clear_pointer (&data, ma_chart_data_free);
            data = ma_report_chart_data (action_query, NULL, k, "en", NULL);
            if (r >= 2)
              samples_add (t_data, now_ms () - t0);
          }
        loop_start = now_ms ();
        for (int r = 0; more_reps (r, loop_start); r++)
          {
            cairo_t *cr = cairo_create (surface);
            double t0 = now_ms ();
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_paint (cr);
            ma_chart_draw_full (cr, 1920, 1080, data, "en", NULL, NULL);
            cairo_surface_flush (surface);
            if (r >= 2)
              samples_add (t_draw, now_ms () - t0);
            cairo_destroy (cr);
          }
        json_builder_begin_object (b);
        add_string (b, "kind", ma_chart_kind_to_string (k));
        add_stats (b, "data_ms", t_data);
        add_stats (b, "draw_ms", t_draw);
        json_builder_end_object (b);
        worst = MAX (worst, samples_median (t_draw));
      }
    cairo_surface_destroy (surface);
    target (n, "each chart drawn at 1920×1080, worst median", worst, "<=", 10, "ms");
  }
  json_builder_end_array (b);

  /* The map at 1280×800 with the 50m geometry. */
  {
    g_autoptr (MaMapRenderer) renderer = ma_map_renderer_new (geo);
    g_autoptr (MaMapData) all = ma_map_data_query (action_query, geo, NULL, "en", NULL);
    g_autoptr (MaFilter) lac = ma_filter_new ();
    g_autoptr (MaMapData) some = NULL;
    g_autoptr (Samples) unchanged = samples_new ();
    g_autoptr (Samples) recolour = samples_new ();
    g_autoptr (Samples) reraster = samples_new ();
    g_autoptr (Samples) floor = samples_new ();
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
    MapFloor map_floor = { 0 };
    const char *codes[] = { "lac", NULL };

    ma_filter_set_codes (lac, MA_FILTER_REGION, codes);
    some = ma_map_data_query (action_query, geo, lac, "en", NULL);
    ma_map_renderer_set_data (renderer, all);
    loop_start = now_ms ();
    for (int r = 0; more_reps (r, loop_start); r++)
      {
        double t0;
        ma_map_renderer_invalidate (renderer, TRUE);
        t0 = now_ms ();
        ma_map_renderer_get_frame (renderer, 1280, 800);
        if (r >= 2)
          samples_add (reraster, now_ms () - t0);
        ma_map_renderer_set_data (renderer, r % 2 ? all : some);
        t0 = now_ms ();
        ma_map_renderer_get_frame (renderer, 1280, 800);
        if (r >= 2)
          samples_add (recolour, now_ms () - t0);
        t0 = now_ms ();
        ma_map_renderer_get_frame (renderer, 1280, 800);
        if (r >= 2)
          samples_add (unchanged, now_ms () - t0);
      }
    map_floor_build (&map_floor, geo, 1280, 800);
    loop_start = now_ms ();
    for (int r = 0; more_reps (r, loop_start); r++)
      {
        double t0 = now_ms ();
        map_floor_draw (&map_floor, surface);
        if (r >= 2)
          samples_add (floor, now_ms () - t0);
      }
    g_ptr_array_unref (map_floor.paths);
    cairo_surface_destroy (surface);
    json_builder_set_member_name (b, "map_1280x800");
    json_builder_begin_object (b);
    add_stats (b, "frame_unchanged_ms", unchanged);
    add_stats (b, "recolour_after_filter_ms", recolour);
    add_stats (b, "full_reraster_ms", reraster);
    add_stats (b, "floor_bare_cairo_fill_stroke_ms", floor);
    add_double (b, "reraster_ratio", samples_median (reraster) / samples_median (floor));
    json_builder_end_object (b);
    floor_row (n, "bare Cairo fill + 0.5 px stroke of the same projected paths, 1280×800",
               samples_median (floor), "ms");
    target (n, "map frame with no data change", samples_median (unchanged), "<=", 1, "ms");
    target (n, "map recolour after a filter change", samples_median (recolour), "<=", 10, "ms");
    target (n, "map full re-raster / bare Cairo fill + stroke",
            samples_median (reraster) / samples_median (floor), "<=", 1.3, "×");
  }

  sqlite3_finalize (fts);
  sqlite3_finalize (fts_count);
  sqlite3_finalize (like);
  sqlite3_close (raw);
}

static void
bench_windows (Run *run, JsonBuilder *b, guint n, const char *db)
{
  const char *renderers[] = { "cairo", "gl" };
  int wreps = opt_window_reps > 0 ? opt_window_reps : opt_quick ? 2 : 11;

  json_builder_set_member_name (b, "window");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (renderers); k++)
    {
      g_autoptr (Samples) bare = samples_new ();
      g_autoptr (Samples) app = samples_new ();
      g_autoptr (Samples) bare_main = samples_new ();
      g_autoptr (Samples) app_main = samples_new ();
      g_autoptr (Samples) bare_hwm = samples_new ();
      g_autoptr (Samples) app_hwm = samples_new ();
      g_autoptr (Samples) session_keystroke = samples_new ();
      g_autoptr (Samples) session_hwm = samples_new ();
      g_autoptr (Samples) bare_end_hwm = samples_new ();
      g_autoptr (Samples) session_rows = samples_new ();
      g_autoptr (Samples) session_index = samples_new ();
      g_autoptr (Samples) session_stall = samples_new ();
      g_autoptr (Samples) session_list = samples_new ();
      g_autofree char *renderer_name = NULL;
      JsonNode *first_session = NULL;
      int count = k == 0 ? wreps : MAX (2, wreps / 2);
      /* The sessions are single processes of a few seconds: on this shared machine one
       * of them can meet a busy moment (keystrokes 8.0 and 12.9 ms in two runs of the
       * same code), so the cairo figures are medians over three. */
      int sessions = k == 0 && !opt_quick ? 3 : 1;

      /* GL figures are for information: not at a million, where time is short. */
      if (k == 1 && (opt_no_gl || opt_quick || n >= 1000000))
        continue;
      progress ("  windows, %s renderer\n", renderers[k]);
      for (int r = 0; r < count + 1; r++)
        for (int kind = 0; kind < 2; kind++)
          {
            ChildResult result = { 0 };
            if (!run_child (run->self_path, kind == 0 ? "bare" : "app", db, renderers[k], FALSE,
                            run->home, &result))
              continue;
            if (r > 0)
              {
                samples_add (kind == 0 ? bare : app, result.first_frame_ms);
                samples_add (kind == 0 ? bare_main : app_main, result.first_frame_main_ms);
                samples_add (kind == 0 ? bare_hwm : app_hwm, result.hwm_kb / 1024.0);
                if (kind == 0 &&
                    json_object_has_member (json_node_get_object (result.extra), "hwm_end_kb"))
                  samples_add (bare_end_hwm,
                               json_object_get_int_member (json_node_get_object (result.extra),
                                                           "hwm_end_kb") /
                                   1024.0);
              }
            if (renderer_name == NULL || kind == 1)
              {
                g_free (renderer_name);
                renderer_name = g_strdup (result.renderer);
              }
            g_free (result.renderer);
            json_node_unref (result.extra);
          }
      /* More applications, kept open: list filled, keystrokes through GTK, the other
       * views shown once, peak memory. */
      for (int s = 0; s < sessions; s++)
        {
          ChildResult full = { 0 };
          JsonObject *o;
          JsonObject *upd, *frame;

          if (!run_child (run->self_path, "app", db, renderers[k], TRUE, run->home, &full))
            continue;
          o = json_node_get_object (full.extra);
          upd = json_object_get_object_member (o, "keystroke_update_ms");
          frame = json_object_get_object_member (o, "keystroke_frame_ms");
          if (upd != NULL && frame != NULL)
            samples_add (session_keystroke, json_object_get_double_member (upd, "median") +
                                                json_object_get_double_member (frame, "median"));
          if (json_object_has_member (o, "hwm_end_kb"))
            samples_add (session_hwm, json_object_get_int_member (o, "hwm_end_kb") / 1024.0);
          if (json_object_has_member (o, "rows_shown_ms"))
            {
              samples_add (session_rows, json_object_get_double_member (o, "rows_shown_ms"));
              samples_add (session_index, json_object_get_double_member (o, "index_in_ms"));
              samples_add (session_stall,
                           json_object_get_double_member (o, "longest_stall_while_loading_ms"));
            }
          if (json_object_has_member (o, "list_filled_ms"))
            samples_add (session_list, json_object_get_double_member (o, "list_filled_ms"));
          if (first_session == NULL)
            first_session = g_steal_pointer (&full.extra);
          else
            json_node_unref (full.extra);
          g_free (full.renderer);
        }

      json_builder_set_member_name (b, renderers[k]);
      json_builder_begin_object (b);
      add_string (b, "renderer", renderer_name);
      add_stats (b, "bare_first_frame_ms", bare);
      add_stats (b, "app_first_frame_ms", app);
      add_stats (b, "bare_first_frame_from_main_ms", bare_main);
      add_stats (b, "app_first_frame_from_main_ms", app_main);
      add_double (b, "ratio", samples_median (app) / samples_median (bare));
      add_stats (b, "bare_vmhwm_at_first_frame_mib", bare_hwm);
      add_stats (b, "app_vmhwm_at_first_frame_mib", app_hwm);
      add_stats (b, "bare_vmhwm_end_mib", bare_end_hwm);
      if (first_session != NULL)
        {
          /* The first session whole; the targets from the medians over the sessions. */
          json_builder_set_member_name (b, "app_session");
          json_builder_add_value (b, first_session);
          add_stats (b, "sessions_keystroke_update_and_frame_ms", session_keystroke);
          add_stats (b, "sessions_vmhwm_end_mib", session_hwm);
          add_stats (b, "sessions_list_filled_ms", session_list);
          add_stats (b, "sessions_rows_shown_ms", session_rows);
          add_stats (b, "sessions_index_in_ms", session_index);
          add_stats (b, "sessions_longest_stall_while_loading_ms", session_stall);
          if (k == 0 && session_hwm->values->len > 0 && bare_end_hwm->values->len > 0)
            {
              /* GTK, Mesa and the fonts are most of the peak and move between
               * machines: the target is what the app adds to a bare window. */
              double delta = samples_median (session_hwm) - samples_median (bare_end_hwm);
              double limit = 16 + 80.0 * n / 1048576.0;
              add_double (b, "memory_delta_mib", delta);
              add_double (b, "memory_delta_limit_mib", limit);
              scale_current ()->memory_delta_mib = delta;
              scale_current ()->memory_limit_mib = limit;
              floor_row (n, "bare window's peak resident memory (VmHWM)",
                         samples_median (bare_end_hwm), "MiB");
              target (n,
                      "peak memory: app with list, charts and map − bare window (VmHWM), ≤ 16 MiB "
                      "+ 80 bytes per Action",
                      delta, "<=", limit, "MiB");
            }
          if (k == 0 && session_keystroke->values->len > 0)
            target (n, "search keystroke in the window: model update + frame (cairo)",
                    samples_median (session_keystroke), "<=", n >= 1000000 ? 16 : 10, "ms");
          if (k == 0 && session_rows->values->len > 0)
            {
              scale_current ()->rows_shown_ms = samples_median (session_rows);
              scale_current ()->index_in_ms = samples_median (session_index);
              scale_current ()->list_window_ms = samples_median (session_list);
              target (n, "main loop's longest stall while the index loads (off the main thread)",
                      samples_median (session_stall), "<=", 50, "ms");
              target (n,
                      "list usable while the index loads: Actions shown before the index is in "
                      "(ms after start)",
                      samples_median (session_rows), "<", samples_median (session_index),
                      "ms (index in)");
            }
        }
      json_builder_end_object (b);
      if (k == 0)
        {
          scale_current ()->first_frame_ms = samples_median (app);
          scale_current ()->bare_first_frame_ms = samples_median (bare);
          floor_row (n, "bare libadwaita window's first frame (cairo renderer)",
                     samples_median (bare), "ms");
          target (n, "first frame / bare window (cairo renderer)",
                  samples_median (app) / samples_median (bare), "<=", 1.25, "×");
        }
    }
  json_builder_end_object (b);
}

/* ---- The scaling picture ---------------------------------------------------------------- */

typedef struct
{
  const char *key;   /* member of each "scaling" row */
  const char *label; /* in the legend */
  double r, g, b;
  gboolean dashed; /* a floor, or another tool */
} Series;

static const Series time_series[] = {
  { "generate_ms", "generator", 0.55, 0.34, 0.16, FALSE },
  { "generate_floor_ms", "its floor: plain INSERTs", 0.55, 0.34, 0.16, TRUE },
  { "import_ms", "CSV import", 0.80, 0.10, 0.10, FALSE },
  { "import_floor_ms", "its floor: prepared INSERTs", 0.80, 0.10, 0.10, TRUE },
  { "calc_ms", "LibreOffice Calc opens the CSV", 0.30, 0.30, 0.30, TRUE },
  { "index_load_ms", "index load (worker thread)", 0.10, 0.35, 0.75, FALSE },
  { "list_window_ms", "window: full list shown", 0.45, 0.20, 0.65, FALSE },
  { "first_frame_ms", "window: first frame", 0.10, 0.55, 0.30, FALSE },
  { "bare_first_frame_ms", "its floor: bare window", 0.10, 0.55, 0.30, TRUE },
  { "open_ms", "open the database", 0.85, 0.55, 0.00, FALSE },
  { "like_ms", "naive title LIKE '%term%'", 0.95, 0.35, 0.55, TRUE },
  { "facet_ms", "facet change (list, map, charts)", 0.00, 0.55, 0.60, FALSE },
  { "keystroke_ms", "search keystroke (3+ letters)", 0.90, 0.20, 0.50, FALSE },
};

static double
row_value (JsonObject *row, const char *key)
{
  return json_object_has_member (row, key) ? json_object_get_double_member (row, key) : -1;
}

static void
draw_log_panel (cairo_t *cr,
                double x0,
                double y0,
                double w,
                double h,
                JsonArray *rows,
                const Series *series,
                guint n_series,
                const char *title,
                const char *unit,
                gboolean linear_guide)
{
  guint order[32];
  double last_value[32];
  guint n_shown = 0;
  double vmin = G_MAXDOUBLE, vmax = 0, nmin = G_MAXDOUBLE, nmax = 0;
  double ly0, ly1, lx0, lx1;
  const double left = 56, right = 220, top = 28, bottom = 40;
  double pw = w - left - right, ph = h - top - bottom;
  guint n_rows = json_array_get_length (rows);

  for (guint i = 0; i < n_rows; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      double n = row_value (row, "actions");
      nmin = MIN (nmin, n);
      nmax = MAX (nmax, n);
      for (guint s = 0; s < n_series; s++)
        {
          double v = row_value (row, series[s].key);
          if (v > 0)
            {
              vmin = MIN (vmin, v);
              vmax = MAX (vmax, v);
            }
        }
    }
  if (vmax <= 0 || nmax <= 0)
    return;
  ly0 = floor (log10 (vmin));
  ly1 = ceil (log10 (vmax));
  if (ly1 <= ly0)
    ly1 = ly0 + 1;
  lx0 = floor (log10 (nmin));
  lx1 = ceil (log10 (nmax));
  if (lx1 <= lx0)
    lx1 = lx0 + 1;
#define PX(n) (x0 + left + (log10 (n) - lx0) / (lx1 - lx0) * pw)
#define PY(v) (y0 + top + ph - (log10 (v) - ly0) / (ly1 - ly0) * ph)

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 13);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, x0 + left, y0 + 18);
  cairo_show_text (cr, title);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  cairo_set_line_width (cr, 0.6);
  for (double d = ly0; d <= ly1 + 1e-9; d += 1)
    {
      char text[32];
      double v = pow (10, d);
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, x0 + left, PY (v));
      cairo_line_to (cr, x0 + left + pw, PY (v));
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      g_snprintf (text, sizeof text, v >= 1 ? "%.0f %s" : "%g %s", v, unit);
      cairo_move_to (cr, x0 + 2, PY (v) + 3);
      cairo_show_text (cr, text);
    }
  for (double d = lx0; d <= lx1 + 1e-9; d += 1)
    {
      char text[32];
      double n = pow (10, d);
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, PX (n), y0 + top);
      cairo_line_to (cr, PX (n), y0 + top + ph);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      g_snprintf (text, sizeof text,
                  n >= 1e6   ? "%.0fM"
                  : n >= 1e3 ? "%.0fk"
                             : "%.0f",
                  n >= 1e6   ? n / 1e6
                  : n >= 1e3 ? n / 1e3
                             : n);
      cairo_move_to (cr, PX (n) - 8, y0 + top + ph + 14);
      cairo_show_text (cr, text);
    }
  cairo_move_to (cr, x0 + left + pw / 2 - 40, y0 + top + ph + 30);
  cairo_show_text (cr, "Actions (log scale)");

  for (guint s = 0; s < n_series; s++)
    {
      double dash[] = { 5, 3 };
      gboolean any = FALSE;
      double last_x = 0, last_y = 0;
      cairo_set_source_rgb (cr, series[s].r, series[s].g, series[s].b);
      cairo_set_line_width (cr, series[s].dashed ? 1.2 : 2);
      cairo_set_dash (cr, dash, series[s].dashed ? 2 : 0, 0);
      for (guint i = 0; i < n_rows; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          double v = row_value (row, series[s].key);
          double x = PX (row_value (row, "actions"));
          if (v <= 0)
            continue;
          if (!any)
            cairo_move_to (cr, x, PY (v));
          else
            cairo_line_to (cr, x, PY (v));
          any = TRUE;
          last_x = x;
          last_y = PY (v);
        }
      if (!any)
        continue;
      (void) last_x;
      last_value[s] = last_y;
      order[n_shown++] = s;
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint i = 0; i < n_rows; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          double v = row_value (row, series[s].key);
          if (v <= 0)
            continue;
          cairo_arc (cr, PX (row_value (row, "actions")), PY (v), 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  /* The legend at the right, in the order of the series' last points, top first. */
  for (guint i = 1; i < n_shown; i++)
    for (guint j = i; j > 0 && last_value[order[j]] < last_value[order[j - 1]]; j--)
      {
        guint t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint i = 0; i < n_shown; i++)
    {
      const Series *se = &series[order[i]];
      double dash[] = { 5, 3 };
      double y = y0 + top + 8 + i * 17;
      double x = x0 + left + pw + 12;
      cairo_set_source_rgb (cr, se->r, se->g, se->b);
      cairo_set_line_width (cr, se->dashed ? 1.2 : 2);
      cairo_set_dash (cr, dash, se->dashed ? 2 : 0, 0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 22, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, x + 28, y + 3.5);
      cairo_show_text (cr, se->label);
    }
  /* A line of slope one through the lowest corner: linear growth. */
  if (linear_guide)
    {
      double dash[] = { 2, 3 };
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.8);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, PX (pow (10, lx0)), PY (pow (10, ly0)));
      cairo_line_to (cr, PX (pow (10, MIN (lx1, lx0 + (ly1 - ly0)))),
                     PY (pow (10, ly0 + MIN (lx1 - lx0, ly1 - ly0))));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, PX (pow (10, lx0)) + 4, PY (pow (10, ly0)) - 6);
      cairo_show_text (cr, "slope 1 = linear");
    }
#undef PX
#undef PY
}

/* bench/scaling.svg: every figure against the number of Actions, both axes in
 * log scale, from the "scaling" rows of a run's JSON. */
static gboolean
draw_scaling (JsonObject *run, const char *path)
{
  static const Series memory_series[] = {
    { "memory_delta_mib", "app − bare window", 0.80, 0.10, 0.10, FALSE },
    { "memory_limit_mib", "limit: 16 MiB + 80 B per Action", 0.40, 0.40, 0.40, TRUE },
  };
  JsonArray *rows = json_object_has_member (run, "scaling")
                        ? json_object_get_array_member (run, "scaling")
                        : NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const double width = 1240, height = 560;
  g_autofree char *caption = NULL;

  if (rows == NULL || json_array_get_length (rows) == 0)
    return FALSE;
  /* FILE.png for a quick look, anything else SVG. */
  if (g_str_has_suffix (path, ".png"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  else
    surface = cairo_svg_surface_create (path, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_log_panel (cr, 0, 0, 790, height - 20, rows, time_series, G_N_ELEMENTS (time_series),
                  "Time against the number of Actions (medians)", "ms", TRUE);
  draw_log_panel (cr, 790, 0, 450, height - 20, rows, memory_series, G_N_ELEMENTS (memory_series),
                  "Peak memory the app adds", "MiB", FALSE);
  caption = g_strdup_printf (
      "%s, %s; dashed: floors and other tools",
      json_object_has_member (run, "program") ? json_object_get_string_member (run, "program")
                                              : "mieux-actions-bench",
      json_object_has_member (run, "date") ? json_object_get_string_member (run, "date") : "");
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_font_size (cr, 10);
  cairo_move_to (cr, 8, height - 6);
  cairo_show_text (cr, caption);
  cairo_destroy (cr);
  if (g_str_has_suffix (path, ".png"))
    cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status == CAIRO_STATUS_SUCCESS;
}

static void
add_scaling (JsonBuilder *b)
{
  json_builder_set_member_name (b, "scaling");
  json_builder_begin_array (b);
  for (guint i = 0; i < scales->len; i++)
    {
      Scale *sc = &g_array_index (scales, Scale, i);
      const struct
      {
        const char *key;
        double v;
      } fields[] = {
        { "open_ms", sc->open_ms },
        { "index_load_ms", sc->index_load_ms },
        { "first_full_list_core_ms", sc->list_core_ms },
        { "list_window_ms", sc->list_window_ms },
        { "rows_shown_ms", sc->rows_shown_ms },
        { "index_in_ms", sc->index_in_ms },
        { "keystroke_ms", sc->keystroke_ms },
        { "like_ms", sc->like_ms },
        { "facet_ms", sc->facet_ms },
        { "generate_ms", sc->generate_ms },
        { "generate_floor_ms", sc->generate_floor_ms },
        { "import_ms", sc->import_ms },
        { "import_floor_ms", sc->import_floor_ms },
        { "calc_ms", sc->calc_ms },
        { "first_frame_ms", sc->first_frame_ms },
        { "bare_first_frame_ms", sc->bare_first_frame_ms },
        { "memory_delta_mib", sc->memory_delta_mib },
        { "memory_limit_mib", sc->memory_limit_mib },
      };
      json_builder_begin_object (b);
      add_int (b, "actions", sc->n);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (fields[f].v >= 0)
          add_double (b, fields[f].key, fields[f].v);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Opening the database, the index load and the first full list must not grow
 * faster than the number of Actions: from 100,000 to 1,000,000, at most 10×. */
static void
growth_target (const char *figure, double at_100k, double at_1m)
{
  g_autofree char *name = g_strdup_printf ("growth from 100,000 to 1,000,000 Actions: %s", figure);
  target (1000000, name, at_100k > 0 && at_1m > 0 ? at_1m / at_100k : -1, "<=", 10, "× (linear)");
}

static void
growth_targets (void)
{
  Scale *small = NULL, *large = NULL;

  for (guint i = 0; i < scales->len; i++)
    {
      Scale *sc = &g_array_index (scales, Scale, i);
      if (sc->n == 100000)
        small = sc;
      if (sc->n == 1000000)
        large = sc;
    }
  if (small == NULL || large == NULL)
    return;
  growth_target ("opening the database", small->open_ms, large->open_ms);
  growth_target ("index load", small->index_load_ms, large->index_load_ms);
  growth_target ("first full list (model of all Actions from the index)", small->list_core_ms,
                 large->list_core_ms);
  growth_target ("first full list in the window (after start)", small->list_window_ms,
                 large->list_window_ms);
}

/* ---- Machine ------------------------------------------------------------------------- */

static void
describe_machine (JsonBuilder *b)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *meminfo = NULL;
  struct utsname uts;
  const char *model = NULL;
  g_autofree char *model_name = NULL;
  g_autofree char *gtk = g_strdup_printf ("%u.%u.%u", gtk_get_major_version (),
                                          gtk_get_minor_version (), gtk_get_micro_version ());
  g_autofree char *adw = g_strdup_printf ("%u.%u.%u", adw_get_major_version (),
                                          adw_get_minor_version (), adw_get_micro_version ());
  g_autofree char *glib =
      g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version, glib_micro_version);

  json_builder_set_member_name (b, "machine");
  json_builder_begin_object (b);
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL) &&
      (model = strstr (cpuinfo, "model name")) != NULL)
    {
      const char *colon = strchr (model, ':');
      const char *end = strchr (model, '\n');
      if (colon != NULL && end != NULL && colon < end)
        model_name = g_strstrip (g_strndup (colon + 1, end - colon - 1));
    }
  add_string (b, "cpu", model_name);
  add_int (b, "cpus", g_get_num_processors ());
  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    add_double (b, "memory_gib", atol (meminfo + strlen ("MemTotal:")) / 1048576.0);
  if (uname (&uts) == 0)
    {
      g_autofree char *kernel = g_strdup_printf ("%s %s %s", uts.sysname, uts.release, uts.machine);
      add_string (b, "kernel", kernel);
    }
  add_string (b, "sqlite", sqlite3_libversion ());
  add_string (b, "gtk", gtk);
  add_string (b, "libadwaita", adw);
  add_string (b, "glib", glib);
  add_string (b, "cairo", cairo_version_string ());
  add_string (b, "locale", setlocale (LC_COLLATE, NULL));
  {
    g_autofree char *loadavg = NULL;
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      add_string (b, "load_average_at_start", g_strstrip (loadavg));
  }
  json_builder_end_object (b);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("— MIEUX+ Actions benchmarks");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *self_path = NULL;
  g_auto (GStrv) sizes = NULL;
  gboolean own_dir;
  Run run = { 0 };

  g_auto (GStrv) original_argv = g_strdupv (argv);

  child_main = g_get_monotonic_time ();
  ma_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_child != NULL)
    return child_main_run (argc, argv);
  if (opt_draw != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      if (opt_svg == NULL || !json_parser_load_from_file (parser, opt_draw, &error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
          !draw_scaling (json_node_get_object (json_parser_get_root (parser)), opt_svg))
        {
          g_printerr ("cannot draw %s from %s: %s\n", opt_svg ? opt_svg : "(no --svg)", opt_draw,
                      error != NULL ? error->message : "no scaling rows");
          return 1;
        }
      return 0;
    }

  /* Windows need a display: Xvfb and a session bus of our own when there is none. */
  if (!opt_no_window && g_getenv ("DISPLAY") == NULL && g_getenv ("MA_BENCH_REEXEC") == NULL &&
      g_find_program_in_path ("xvfb-run") != NULL)
    {
      GPtrArray *args = g_ptr_array_new ();
      g_setenv ("MA_BENCH_REEXEC", "1", TRUE);
      g_ptr_array_add (args, "dbus-run-session");
      g_ptr_array_add (args, "--");
      g_ptr_array_add (args, "xvfb-run");
      g_ptr_array_add (args, "-a");
      g_ptr_array_add (args, "-s");
      g_ptr_array_add (args, "-screen 0 1280x800x24 -noreset");
      for (int i = 0; original_argv[i] != NULL; i++)
        g_ptr_array_add (args, original_argv[i]);
      g_ptr_array_add (args, NULL);
      execvp ("dbus-run-session", (char **) args->pdata);
      g_printerr ("cannot run dbus-run-session: windows skipped\n");
    }
  run.windows = !opt_no_window && g_getenv ("DISPLAY") != NULL;

  reps = opt_reps > 0 ? opt_reps : opt_quick ? 3 : 21;
  {
    g_autofree char *list = g_strdup (opt_sizes != NULL ? opt_sizes
                                      : opt_quick       ? "1000"
                                                        : "1000,10000,100000");
    if (opt_million)
      {
        char *longer = g_strconcat (list, ",1000000", NULL);
        g_free (list);
        list = longer;
      }
    sizes = g_strsplit (list, ",", -1);
  }
  own_dir = opt_dir == NULL;
  dir = own_dir ? g_dir_make_tmp ("ma-bench-XXXXXX", &error) : g_strdup (opt_dir);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (dir, 0700);
  home = g_build_filename (dir, "home", NULL);
  g_mkdir_with_parents (home, 0700);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  run.self_path = self_path != NULL ? self_path : argv[0];
  run.dir = dir;
  run.home = home;
  targets = json_builder_new ();
  json_builder_begin_array (targets);
  floors = json_builder_new ();
  json_builder_begin_array (floors);
  scales = g_array_new (FALSE, FALSE, sizeof (Scale));

  json_builder_begin_object (b);
  add_string (b, "program", "mieux-actions-bench " PACKAGE_VERSION);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *iso = g_date_time_format_iso8601 (now);
    add_string (b, "date", iso);
  }
  describe_machine (b);
  add_string (b, "units",
              "wall-clock ms (CLOCK_MONOTONIC), median/min/max of n timed runs after 2 warm-ups; "
              "memory MiB");
  add_string (b, "window_environment",
              "separate processes of this program under Xvfb 1280x800x24, no window manager; "
              "GTK_A11Y=none, GSETTINGS_BACKEND=memory; main figures with GSK_RENDERER=cairo, "
              "the default (GL, llvmpipe without a GPU) for information");
  add_string (b, "note", opt_note);
  add_int (b, "seed", SEED);
  add_int (b, "reps", reps);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_array (b);
  for (guint s = 0; sizes[s] != NULL; s++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[s], NULL, 10);
      g_autofree char *db = g_strdup_printf ("%s/actions-%u.db", dir, n);

      if (n == 0)
        continue;
      json_builder_begin_object (b);
      add_int (b, "actions", n);
      scale_begin (n);
      progress ("%u Actions: generator, CSV export and import\n", n);
      bench_import (&run, b, n, db);
      progress ("%u Actions: index, search, facets, charts, map\n", n);
      bench_core (&run, b, n, db);
      if (run.windows)
        {
          progress ("%u Actions: windows\n", n);
          bench_windows (&run, b, n, db);
        }
      else
        {
          json_builder_set_member_name (b, "window");
          json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
      if (own_dir)
        remove_db (db);
    }
  json_builder_end_array (b);
  growth_targets ();
  add_scaling (b);
  json_builder_end_array (targets);
  json_builder_end_array (floors);
  json_builder_set_member_name (b, "floors");
  {
    JsonNode *f = json_builder_get_root (floors);
    json_builder_add_value (b, f);
  }
  json_builder_set_member_name (b, "targets");
  {
    JsonNode *t = json_builder_get_root (targets);
    json_builder_add_value (b, t);
  }
  add_int (b, "targets_failed", n_failed);
  {
    g_autofree char *loadavg = NULL;
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      add_string (b, "load_average_at_end", g_strstrip (loadavg));
  }
  json_builder_end_object (b);
  g_object_unref (targets);
  g_object_unref (floors);

  root = json_builder_get_root (b);
  {
    /* Drawn from the JSON, as --draw does from a file; the smoke run draws too. */
    g_autofree char *svg =
        opt_svg != NULL ? g_strdup (opt_svg) : g_build_filename (dir, "scaling.svg", NULL);
    if (!draw_scaling (json_node_get_object (root), svg))
      progress ("no scaling picture drawn\n");
    else if (opt_svg != NULL)
      progress ("drew %s\n", svg);
    if (opt_svg == NULL)
      g_unlink (svg);
  }
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  {
    g_autofree char *text = json_generator_to_data (generator, NULL);
    g_print ("%s\n", text);
  }
  if (own_dir)
    {
      g_rmdir (home);
      g_rmdir (dir);
    }
  return 0;
}
