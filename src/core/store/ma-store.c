/* ma-store.c: opening, creating and migrating the SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libintl.h>
#include <string.h>
#include <unistd.h>

#include "ma-backups.h"
#include "ma-i18n.h"
#include "ma-resources.h"
#include "ma-store-private.h"

/* 'MACT': marks the file as ours, so a foreign SQLite file is refused untouched. */
#define MA_APPLICATION_ID 0x4d414354
#define SQL_RESOURCE_DIR "/eu/mieux_initiative/Actions/sql"

struct _MaStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  gboolean created;
  gboolean read_only;
  int data_version;      /* PRAGMA data_version at the last look */
  gboolean scratch;      /* a temporary copy: its files go with it */
  GHashTable *sort_keys; /* text → ma_collate_key (text), for ma_sort_key () */
  gboolean has_fts_bits; /* ma_fts_bits () is registered */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MaStore, ma_store, G_TYPE_OBJECT)
GQuark
ma_store_error_quark (void)
{
  return g_quark_from_static_string ("ma-store-error-quark");
}

/* The cause of a failed call, from SQLite's code and the system's errno: a full
 * disk is often reported as an I/O error (ENOSPC while the WAL index grows), and a
 * permission as a file that cannot be opened. */
static int
classify (sqlite3 *db, int rc)
{
  int primary = rc & 0xff;
  int system = db != NULL ? sqlite3_system_errno (db) : 0;

  if (primary == SQLITE_FULL || ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) &&
                                 (system == ENOSPC || system == EDQUOT)))
    return MA_STORE_ERROR_DISK_FULL;
  if (primary == SQLITE_READONLY ||
      ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && system == EROFS))
    return MA_STORE_ERROR_READ_ONLY;
  if (primary == SQLITE_PERM || primary == SQLITE_AUTH ||
      ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) &&
       (system == EACCES || system == EPERM)))
    return MA_STORE_ERROR_PERMISSION;
  if (primary == SQLITE_IOERR)
    return MA_STORE_ERROR_IO;
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    return MA_STORE_ERROR_NOT_A_DATABASE;
  if (primary == SQLITE_CONSTRAINT)
    return MA_STORE_ERROR_INVALID;
  return MA_STORE_ERROR_FAILED;
}

void
ma_store_set_sqlite_error (GError **error, sqlite3 *db, int rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code = classify (db, rc);

  switch (code)
    {
      case MA_STORE_ERROR_DISK_FULL:
        g_set_error_literal (error, MA_STORE_ERROR, code,
                             _ ("The disk is full: the change was not saved"));
        return;
      case MA_STORE_ERROR_READ_ONLY:
        g_set_error_literal (error, MA_STORE_ERROR, code,
                             _ ("The database is read-only: the change was not saved"));
        return;
      case MA_STORE_ERROR_PERMISSION:
        g_set_error_literal (error, MA_STORE_ERROR, code,
                             _ ("You do not have permission to change the database: the change "
                                "was not saved"));
        return;
      case MA_STORE_ERROR_IO:
        /* Translators: %s is the system's own description of the problem, in English. */
        g_set_error (error, MA_STORE_ERROR, code,
                     _ ("The disk could not be read or written (input/output error): %s"),
                     g_strerror (db != NULL && sqlite3_system_errno (db) != 0
                                     ? sqlite3_system_errno (db)
                                     : EIO));
        return;
      case MA_STORE_ERROR_NOT_A_DATABASE:
        g_set_error_literal (error, MA_STORE_ERROR, code,
                             _ ("The file is not a MIEUX+ Actions database, or it is damaged"));
        return;
      default:
        break;
    }
  /* Translators: %s is SQLite's own description of the problem, in English. */
  g_set_error (error, MA_STORE_ERROR, code, _ ("The database refused the change: %s"), detail);
}

/* The same for opening PATH: the message names the file. */
static void
set_open_error (GError **error, sqlite3 *db, int rc, const char *path)
{
  int code = classify (db, rc);

  switch (code)
    {
      case MA_STORE_ERROR_DISK_FULL:
        g_set_error (error, MA_STORE_ERROR, code,
                     _ ("The disk is full: “%s” cannot be opened until some space is free (the "
                        "file was left as it is)"),
                     path);
        return;
      case MA_STORE_ERROR_READ_ONLY:
      case MA_STORE_ERROR_PERMISSION:
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_PERMISSION,
                     _ ("You do not have permission to open “%s”"), path);
        return;
      case MA_STORE_ERROR_IO:
        g_set_error (error, MA_STORE_ERROR, code,
                     /* Translators: %1$s a file, %2$s the system's description, in English. */
                     _ ("“%1$s” could not be read (input/output error): %2$s"), path,
                     g_strerror (db != NULL && sqlite3_system_errno (db) != 0
                                     ? sqlite3_system_errno (db)
                                     : EIO));
        return;
      case MA_STORE_ERROR_NOT_A_DATABASE:
        g_set_error (error, MA_STORE_ERROR, code,
                     _ ("“%s” is not a MIEUX+ Actions database, or it is damaged"), path);
        return;
      default:
        ma_store_set_sqlite_error (error, db, rc);
        return;
    }
}

sqlite3 *
ma_store_get_db (MaStore *self)
{
  g_return_val_if_fail (MA_IS_STORE (self), NULL);
  return self->db;
}

sqlite3_stmt *
ma_store_prepare (MaStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, self->db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
exec_sql (MaStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
ma_store_begin (MaStore *self, GError **error)
{
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

gboolean
ma_store_commit (MaStore *self, GError **error)
{
  if (!exec_sql (self, "COMMIT", error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
ma_store_rollback (MaStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

void
ma_store_emit_changed (MaStore *self, gint64 action)
{
  g_signal_emit (self, signals[CHANGED], 0, action);
}

const char *
ma_store_lang_column (const char *lang)
{
  const char *code = ma_i18n_normalize (lang != NULL ? lang : ma_i18n_get_language ());
  return code != NULL ? code : "en";
}

gboolean
ma_store_defer_search_index (MaStore *self, GError **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);
  return exec_sql (self,
                   "CREATE TEMP TABLE IF NOT EXISTS ma_touched (id INTEGER PRIMARY KEY);"
                   "DELETE FROM temp.ma_touched;"
                   "INSERT OR IGNORE INTO store_flag (name) VALUES ('defer-fts');",
                   error);
}

gboolean
ma_store_touch_action (MaStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt =
      ma_store_prepare (self, "INSERT OR IGNORE INTO temp.ma_touched (id) VALUES (?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
ma_store_reindex_touched (MaStore *self, GError **error)
{
  return exec_sql (self,
                   "DELETE FROM store_flag WHERE name = 'defer-fts';"
                   "DELETE FROM action_fts WHERE rowid IN (SELECT id FROM temp.ma_touched);"
                   "INSERT INTO action_fts (rowid, title, code, summary, partners, notes)"
                   "  SELECT * FROM action_fts_row WHERE id IN (SELECT id FROM temp.ma_touched);"
                   "DELETE FROM temp.ma_touched;",
                   error);
}

static int
collate_names (void *data, int len_a, const void *a, int len_b, const void *b)
{
  g_autofree char *text_a = g_strndup (a, (gsize) len_a);
  g_autofree char *text_b = g_strndup (b, (gsize) len_b);
  g_autofree char *key_a = ma_collate_key (text_a);
  g_autofree char *key_b = ma_collate_key (text_b);
  int cmp = strcmp (key_a, key_b);

  return cmp != 0 ? cmp : strcmp (text_a, text_b);
}

/* Sets ID's bit; ids outside the set's capacity are ignored. */
static void
bits_set (MaBits *bits, sqlite3_int64 id)
{
  if (id > 0 && id < bits->capacity)
    bits->words[id >> 6] |= G_GUINT64_CONSTANT (1) << (id & 63);
}

/* ma_set_bits (id, bits): see MaBits. */
static void
set_bits_step (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  MaBits *bits = sqlite3_value_pointer (argv[1], MA_BITS_POINTER_TYPE);

  if (bits != NULL)
    bits_set (bits, sqlite3_value_int64 (argv[0]));
}

static void
set_bits_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

static int
fts_bits_add_row (const Fts5ExtensionApi *api, Fts5Context *fts, void *data)
{
  bits_set (data, api->xRowid (fts));
  return SQLITE_OK;
}

/* ma_fts_bits (action_fts, bits): see MaBits. Each phrase's rows are walked inside
 * FTS5 (xQueryPhrase) into a bit set, and the sets are intersected. */
static void
fts_bits_function (const Fts5ExtensionApi *api,
                   Fts5Context *fts,
                   sqlite3_context *context,
                   int argc,
                   sqlite3_value **argv)
{
  MaBits *bits = argc == 1 ? sqlite3_value_pointer (argv[0], MA_BITS_POINTER_TYPE) : NULL;
  g_autofree guint64 *phrase_words = NULL;
  gsize n_words;
  int rc = SQLITE_OK;

  if (bits == NULL)
    {
      sqlite3_result_error (context, "ma_fts_bits: no bit set bound", -1);
      return;
    }
  n_words = (gsize) bits->capacity / 64 + 1;
  for (int p = 0; p < api->xPhraseCount (fts) && rc == SQLITE_OK; p++)
    {
      MaBits phrase = { NULL, bits->capacity };

      if (p == 0)
        {
          memset (bits->words, 0, n_words * sizeof (guint64));
          rc = api->xQueryPhrase (fts, 0, bits, fts_bits_add_row);
          continue;
        }
      if (phrase_words == NULL)
        phrase_words = g_new (guint64, n_words);
      memset (phrase_words, 0, n_words * sizeof (guint64));
      phrase.words = phrase_words;
      rc = api->xQueryPhrase (fts, p, &phrase, fts_bits_add_row);
      for (gsize i = 0; i < n_words; i++)
        bits->words[i] &= phrase_words[i];
    }
  if (rc != SQLITE_OK)
    sqlite3_result_error_code (context, rc);
  else
    sqlite3_result_int (context, 1);
}

/* Registers ma_fts_bits () with FTS5, when the library has FTS5. */
static gboolean
register_fts_bits (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api != NULL && api->iVersion >= 2 &&
         api->xCreateFunction (api, "ma_fts_bits", NULL, fts_bits_function, NULL) == SQLITE_OK;
}

gboolean
ma_store_has_fts_bits (MaStore *self)
{
  return self->has_fts_bits;
}

/* ma_sort_key (text): the MA_NAME collation as a BLOB key compared bytewise.
 * ORDER BY x COLLATE MA_NAME computes two keys per comparison (10 s for 100,000
 * titles); a key per row, remembered per text, sorts them in a few hundred ms
 * the first time and in tens of ms after. The text follows as tie-break, as in
 * collate_names (). */
static void
sort_key_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  MaStore *self = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  GBytes *key;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  if (self->sort_keys == NULL || g_hash_table_size (self->sort_keys) > 1000000)
    {
      g_clear_pointer (&self->sort_keys, g_hash_table_unref);
      self->sort_keys =
          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
    }
  key = g_hash_table_lookup (self->sort_keys, text);
  if (key == NULL)
    {
      g_autofree char *collate = ma_collate_key (text);
      gsize key_len = strlen (collate), text_len = strlen (text);
      char *data = g_malloc (key_len + 1 + text_len);

      memcpy (data, collate, key_len);
      data[key_len] = '\0';
      memcpy (data + key_len + 1, text, text_len);
      key = g_bytes_new_take (data, key_len + 1 + text_len);
      g_hash_table_insert (self->sort_keys, g_strdup (text), key);
    }
  sqlite3_result_blob (context, g_bytes_get_data (key, NULL), (int) g_bytes_get_size (key),
                       SQLITE_TRANSIENT);
}

static int
read_int_pragma (MaStore *self, const char *sql, int *value, GError **error)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ma_store_set_sqlite_error (error, self->db, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static char *
load_resource_text (const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
find_migration (int version)
{
  g_auto (GStrv) names = g_resources_enumerate_children (SQL_RESOURCE_DIR, 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix) && g_str_has_suffix (names[i], ".sql"))
      return g_strdup_printf ("%s/%s", SQL_RESOURCE_DIR, names[i]);
  return NULL;
}

/* Countries come from iso-codes, names translated through its gettext domain, with
 * our corrections and the programme regions from data/. */
static gboolean
populate_countries (MaStore *self, GError **error)
{
  g_autofree char *json_path = g_build_filename (ISO_CODES_DIR, "iso_3166-1.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) fixes =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_autofree char *region_text = NULL;
  g_autofree char *names_text = NULL;
  g_auto (GStrv) lines = NULL;
  const char *const langs[] = { "en", "fr", "es" };
  GHashTable *translations[G_N_ELEMENTS (langs)] = { NULL };
  sqlite3_stmt *stmt = NULL;
  JsonArray *countries;
  gboolean ok = TRUE;

  region_text = load_resource_text ("/eu/mieux_initiative/Actions/country-regions.txt", error);
  names_text = load_resource_text ("/eu/mieux_initiative/Actions/country-names.txt", error);
  if (region_text == NULL || names_text == NULL)
    return FALSE;

  lines = g_strsplit (region_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) parts = NULL;
      g_auto (GStrv) codes = NULL;

      if (lines[i][0] == '#' || strchr (lines[i], ':') == NULL)
        continue;
      parts = g_strsplit (lines[i], ":", 2);
      codes = g_strsplit_set (g_strstrip (parts[1]), " ", -1);
      for (guint j = 0; codes[j] != NULL; j++)
        if (codes[j][0] != '\0')
          g_hash_table_insert (regions, g_strdup (codes[j]), g_strdup (g_strstrip (parts[0])));
    }
  g_strfreev (lines);
  lines = g_strsplit (names_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) columns = g_strsplit (lines[i], "\t", 4);
      if (lines[i][0] == '#' || g_strv_length (columns) != 4)
        continue;
      char *code = g_strdup (columns[0]);
      g_hash_table_insert (fixes, code, g_steal_pointer (&columns));
    }

  if (!json_parser_load_from_file (parser, json_path, NULL))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED,
                   _ ("The list of countries (%s) cannot be read: is iso-codes installed?"),
                   json_path);
      return FALSE;
    }
  countries =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "3166-1");

  stmt = ma_store_prepare (self,
                           "INSERT INTO country (code, alpha3, numeric, region, name_en, "
                           "name_fr, name_es) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  /* The names in each language, one language at a time: switching gettext's
   * language reloads its catalogues, once per language rather than per country. */
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr (MaLanguageScope) scope = ma_language_scope_new (langs[l]);

      translations[l] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      for (guint i = 0; i <= json_array_get_length (countries); i++)
        {
          const char *name = "Kosovo";
          if (i < json_array_get_length (countries))
            {
              JsonObject *country = json_array_get_object_element (countries, i);
              name = json_object_get_string_member_with_default (
                  country, "common_name", json_object_get_string_member (country, "name"));
            }
          g_hash_table_insert (translations[l], (gpointer) name,
                               g_strdup (dgettext ("iso_3166-1", name)));
        }
    }

  for (guint i = 0; ok && i <= json_array_get_length (countries); i++)
    {
      const char *code, *alpha3 = NULL, *numeric = NULL, *name;
      char **fix;
      int rc;

      if (i < json_array_get_length (countries))
        {
          JsonObject *country = json_array_get_object_element (countries, i);
          code = json_object_get_string_member (country, "alpha_2");
          alpha3 = json_object_get_string_member_with_default (country, "alpha_3", NULL);
          numeric = json_object_get_string_member_with_default (country, "numeric", NULL);
          name = json_object_get_string_member_with_default (
              country, "common_name", json_object_get_string_member (country, "name"));
        }
      else
        {
          /* Kosovo is not in ISO 3166-1; XK is the code in common use. */
          code = "XK";
          alpha3 = "XKX";
          name = "Kosovo";
        }

      fix = g_hash_table_lookup (fixes, code);
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, alpha3, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, numeric, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, g_hash_table_lookup (regions, code), -1, SQLITE_TRANSIENT);
      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          const char *translated;

          if (fix != NULL && fix[l + 1][0] != '\0')
            translated = g_strstrip (fix[l + 1]);
          else
            translated = g_hash_table_lookup (translations[l], name);
          sqlite3_bind_text (stmt, 5 + (int) l, translated, -1, SQLITE_TRANSIENT);
        }
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          ma_store_set_sqlite_error (error, self->db, rc);
          ok = FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    g_hash_table_unref (translations[l]);
  return ok;
}

static gboolean
migrate (MaStore *self, int from, GError **error)
{
  for (int version = from + 1; version <= MA_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = find_migration (version);
      g_autofree char *sql = NULL;
      g_autofree char *set_version = NULL;

      if (path == NULL || (sql = load_resource_text (path, error)) == NULL)
        {
          if (path == NULL)
            g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_FAILED, "missing migration %03d",
                         version);
          return FALSE;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!ma_store_begin (self, error))
        return FALSE;
      if (!exec_sql (self, sql, error) || (version == 1 && !populate_countries (self, error)) ||
          !exec_sql (self, set_version, error))
        {
          ma_store_rollback (self);
          return FALSE;
        }
      if (!ma_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ma_store_migrate (MaStore *self, GError **error)
{
  int version = 0;

  if (!read_int_pragma (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > MA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NEWER_VERSION,
                   _ ("“%s” was written by a newer version of MIEUX+ Actions (database "
                      "version %d, this program knows up to %d): it was left as it is"),
                   self->path, version, MA_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return migrate (self, version, error);
}

static void
ma_store_finalize (GObject *object)
{
  MaStore *self = MA_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->scratch)
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *file =
            g_strconcat (self->path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
        g_unlink (file);
      }
  g_clear_pointer (&self->sort_keys, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (ma_store_parent_class)->finalize (object);
}

static void
ma_store_class_init (MaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ma_store_finalize;

  /**
   * MaStore::changed:
   * @action: the Action whose data changed, or 0 when several may have
   *
   * Emitted after each committed write.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ma_store_init (MaStore *self)
{
}

char *
ma_store_default_path (void)
{
  const char *env = g_getenv ("MIEUX_ACTIONS_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "mieux-actions", "actions.db", NULL);
}

static gboolean
read_open_pragma (MaStore *self, const char *sql, int *value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  set_open_error (error, self->db, rc, self->path);
  return FALSE;
}

static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* The folder too: SQLite keeps the WAL and its index beside the file. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* Opens PATH for reading only. With no WAL beside it and a folder that cannot take
 * one, SQLite cannot set up its shared index: "immutable" reads the file as it is
 * (no writer is at work, or the WAL would be there). */
static int
open_read_only (MaStore *self, const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  int rc, probe;

  uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);
  rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return rc;
  probe = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if ((probe & 0xff) != SQLITE_READONLY && (probe & 0xff) != SQLITE_CANTOPEN)
    return SQLITE_OK;
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    return probe;
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_free (uri);
  uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);
  return sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

static MaStore *
open_store (const char *path, MaStoreOpenFlags flags, GError **error)
{
  g_autoptr (MaStore) self = NULL;
  gboolean exists, create = (flags & (MA_STORE_OPEN_CREATE | MA_STORE_OPEN_MUST_CREATE)) != 0;
  int version = 0, application_id = 0, n_tables = 0;
  GStatBuf info;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  ma_resources_register ();

  exists = g_stat (path, &info) == 0;
  if (!exists && errno != ENOENT)
    {
      int saved = errno;
      if (saved == EACCES || saved == EPERM)
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_PERMISSION,
                     _ ("You do not have permission to open “%s”"), path);
      else
        g_set_error (error, MA_STORE_ERROR,
                     saved == EIO ? MA_STORE_ERROR_IO : MA_STORE_ERROR_FAILED,
                     /* Translators: %1$s a file, %2$s the system's description, in English. */
                     _ ("“%1$s” cannot be opened: %2$s"), path, g_strerror (saved));
      return NULL;
    }
  if (exists && S_ISDIR (info.st_mode))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_FILE,
                   _ ("“%s” is a folder, not a database file"), path);
      return NULL;
    }
  if (exists && !S_ISREG (info.st_mode))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_FILE,
                   _ ("“%s” is not a regular file, so it cannot be a database"), path);
      return NULL;
    }
  if (exists && (flags & MA_STORE_OPEN_MUST_CREATE))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists: it was left as it is"), path);
      return NULL;
    }
  /* SQLite would take an empty file for a new database: only a caller that creates
   * databases may have it made into one. */
  if (exists && info.st_size == 0 && !create)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE,
                   _ ("“%s” is an empty file, not a MIEUX+ Actions database: it was left as it "
                      "is"),
                   path);
      return NULL;
    }
  if (!exists && !create)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                   _ ("There is no database at “%s”"), path);
      return NULL;
    }
  if (exists && g_access (path, R_OK) != 0)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_PERMISSION,
                   _ ("You do not have permission to open “%s”"), path);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *default_path = ma_store_default_path ();
      g_autofree char *default_dir = g_path_get_dirname (default_path);

      /* Only the default folder is made: a mistyped folder is not. */
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_strcmp0 (dir, default_dir) != 0)
        {
          g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_FOUND,
                       _ ("There is no folder “%s”: the database was not created"), dir);
          return NULL;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, MA_STORE_ERROR,
                       saved == ENOSPC ? MA_STORE_ERROR_DISK_FULL : MA_STORE_ERROR_PERMISSION,
                       _ ("The folder “%s” cannot be created: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  self = g_object_new (MA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = exists && ((flags & MA_STORE_OPEN_READ_ONLY) || !can_write (path));
  if (self->read_only)
    rc = open_read_only (self, path);
  else
    rc = sqlite3_open_v2 (path, &self->db,
                          SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE), NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, self->db, rc, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read only, before anything writes: a foreign or newer file stays untouched. */
  if (!read_open_pragma (self, "PRAGMA application_id", &application_id, error) ||
      !read_open_pragma (self, "PRAGMA user_version", &version, error) ||
      !read_open_pragma (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;
  if ((application_id != 0 && application_id != MA_APPLICATION_ID) ||
      (application_id == 0 && n_tables > 0))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE,
                   _ ("“%s” is an SQLite file of another program: it was left as it is"), path);
      return NULL;
    }
  if (version > MA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NEWER_VERSION,
                   _ ("“%s” was written by a newer version of MIEUX+ Actions (database "
                      "version %d, this program knows up to %d): it was left as it is"),
                   path, version, MA_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (self->read_only && version < MA_STORE_SCHEMA_VERSION)
    {
      if (version == 0)
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_NOT_A_DATABASE,
                     _ ("“%s” is an empty file, not a MIEUX+ Actions database: it was left as it "
                        "is"),
                     path);
      else
        g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_READ_ONLY,
                     _ ("“%s” was written by an earlier version of MIEUX+ Actions and must be "
                        "upgraded, but it is read-only: it was left as it is"),
                     path);
      return NULL;
    }

  sqlite3_create_collation_v2 (self->db, "MA_NAME", SQLITE_UTF8, NULL, collate_names, NULL);
  sqlite3_create_function_v2 (self->db, "ma_sort_key", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, self,
                              sort_key_function, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "ma_set_bits", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              NULL, set_bits_step, set_bits_final, NULL);
  self->has_fts_bits = register_fts_bits (self->db);
  if (!exec_sql (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* Setting the journal mode writes the file when it changes: not on a read. */
  if (!self->read_only)
    {
      /* FULL: in WAL mode NORMAL may lose the last commits on a power cut, and an
       * edit the window calls saved must be on the disk. One edit then costs an
       * fsync: 3.8 ms instead of 0.23 ms (median of 300 on this machine's disk),
       * well inside the half second an edit waits before it is written. */
      rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL,
                         NULL, NULL);
      if (rc != SQLITE_OK)
        {
          set_open_error (error, self->db, rc, path);
          return NULL;
        }
    }
  /* Each connection's page cache (2 MiB by default) fills as it reads: for a
   * computation in a thread it would add that much to the peak memory, and the
   * window at 100,000 Actions took 1.7 MiB less with keystrokes unchanged (bench). */
  if ((flags & MA_STORE_OPEN_SMALL_CACHE) && !exec_sql (self, "PRAGMA cache_size = -256", error))
    return NULL;
  if (version == 0)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", MA_APPLICATION_ID);
      if (!exec_sql (self, set_id, error))
        return NULL;
      self->created = TRUE;
    }
  if (version > 0 && version < MA_STORE_SCHEMA_VERSION)
    {
      /* A copy of the file as the earlier version left it, before it changes. */
      g_autoptr (GError) skipped = NULL;
      g_autofree char *saved = ma_store_auto_backup (self, "upgrade", &skipped);
      if (saved == NULL && !g_error_matches (skipped, MA_STORE_ERROR, MA_STORE_ERROR_DISK_FULL))
        {
          g_propagate_error (error, g_steal_pointer (&skipped));
          return NULL;
        }
      if (saved == NULL)
        g_message ("%s", skipped->message);
    }
  if (!migrate (self, version, error))
    return NULL;
  read_int_pragma (self, "PRAGMA data_version", &self->data_version, NULL);

  return g_steal_pointer (&self);
}

MaStore *
ma_store_open (const char *path, MaStoreOpenFlags flags, GError **error)
{
  gboolean existed;
  MaStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  store = open_store (path, flags, error);
  /* A database that could not be made (a full disk) leaves no empty file behind. */
  if (store == NULL && !existed)
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *file = g_strconcat (path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
        g_unlink (file);
      }
  return store;
}

const char *
ma_store_get_path (MaStore *self)
{
  g_return_val_if_fail (MA_IS_STORE (self), NULL);
  return self->path;
}

gboolean
ma_store_check_external_changes (MaStore *self)
{
  int version = 0;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  if (!read_int_pragma (self, "PRAGMA data_version", &version, NULL) ||
      version == self->data_version)
    return FALSE;
  self->data_version = version;
  ma_store_emit_changed (self, 0);
  return TRUE;
}

gboolean
ma_store_get_read_only (MaStore *self)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  return self->read_only;
}

gboolean
ma_store_get_created (MaStore *self)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  return self->created;
}

gboolean
ma_store_load_sample_data (MaStore *self, GError **error)
{
  g_autofree char *sql = NULL;
  int n_actions = 0;

  g_return_val_if_fail (MA_IS_STORE (self), FALSE);

  if (!read_int_pragma (self, "SELECT count(*) FROM action", &n_actions, error))
    return FALSE;
  if (n_actions > 0)
    {
      g_set_error_literal (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS,
                           _ ("The sample Actions can only be added to an empty database"));
      return FALSE;
    }
  sql = load_resource_text ("/eu/mieux_initiative/Actions/sample-actions.sql", error);
  if (sql == NULL || !ma_store_begin (self, error))
    return FALSE;
  if (!exec_sql (self, sql, error))
    {
      ma_store_rollback (self);
      return FALSE;
    }
  if (!ma_store_commit (self, error))
    return FALSE;
  ma_store_emit_changed (self, 0);
  return TRUE;
}

/* DURABLE: synced to the disk when done; a scratch copy need not be. */
static gboolean
backup_to (MaStore *self, const char *destination, gboolean durable, GError **error)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MA_STORE_ERROR, MA_STORE_ERROR_EXISTS,
                   _ ("“%s” already exists: choose another name for the backup"), destination);
      return FALSE;
    }
  rc = sqlite3_open_v2 (destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      ma_store_set_sqlite_error (error, target, rc);
      sqlite3_close (target);
      return FALSE;
    }
  if (!durable)
    sqlite3_exec (target, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  backup = sqlite3_backup_init (target, "main", self->db, "main");
  if (backup == NULL)
    {
      ma_store_set_sqlite_error (error, target, sqlite3_errcode (target));
      sqlite3_close (target);
      g_unlink (destination);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      ma_store_set_sqlite_error (error, target, rc);
      sqlite3_close (target);
      g_unlink (destination);
      return FALSE;
    }
  /* A backup is one self-contained file, not a WAL pair. A scratch copy stays in
   * WAL mode, which spares the rewrite and its fsync when it is opened. */
  if (durable)
    sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (target);
  return TRUE;
}

gboolean
ma_store_backup (MaStore *self, const char *destination, GError **error)
{
  g_return_val_if_fail (MA_IS_STORE (self), FALSE);
  return backup_to (self, destination, TRUE, error);
}

MaStore *
ma_store_open_scratch_copy (MaStore *self, GError **error)
{
  g_autofree char *path = NULL;
  MaStore *copy;
  int fd;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  fd = g_file_open_tmp ("mieux-actions-check-XXXXXX.db", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  g_unlink (path);
  if (!backup_to (self, path, FALSE, error))
    return NULL;
  copy = ma_store_open (path, MA_STORE_OPEN_DEFAULT, error);
  if (copy == NULL)
    {
      g_unlink (path);
      return NULL;
    }
  copy->scratch = TRUE;
  /* Thrown away after use: no write of it needs to reach the disk. */
  sqlite3_exec (copy->db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  return copy;
}

static void
add_problems (MaStore *self, GPtrArray *problems, const char *sql, const char *format)
{
  sqlite3_stmt *stmt = ma_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = (const char *) sqlite3_column_text (stmt, 1);
      g_ptr_array_add (problems, g_strdup_printf (format, a ? a : "", b ? b : ""));
    }
  sqlite3_finalize (stmt);
}

GPtrArray *
ma_store_check (MaStore *self, GPtrArray **warnings, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MA_IS_STORE (self), NULL);

  stmt = ma_store_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_ ("Storage: %s"), line));
    }
  sqlite3_finalize (stmt);

  /* FTS5's own check is written as an INSERT: a read-only file cannot run it, and
   * its b-trees were checked above. */
  rc = sqlite3_exec (self->db, "INSERT INTO action_fts (action_fts) VALUES ('integrity-check')",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK && !(self->read_only && (rc & 0xff) == SQLITE_READONLY))
    g_ptr_array_add (problems, g_strdup (_ ("The search index is damaged")));

  add_problems (self, problems, "SELECT \"table\", parent FROM pragma_foreign_key_check",
                _ ("A record of “%s” refers to a missing record of “%s”"));
  /* Gaps in what is known are warnings, not errors. */
  /* Translators: %1$s is an Action's code or title. */
  add_problems (self, notes,
                "SELECT coalesce (code, title), '' FROM action a WHERE NOT EXISTS "
                "(SELECT 1 FROM action_theme t WHERE t.action = a.id) ORDER BY 1",
                _ ("%1$s has no thematic area"));
  add_problems (self, problems,
                "SELECT coalesce (code, title), '' FROM action a WHERE start_date IS NOT NULL "
                "AND end_date IS NOT NULL AND end_hi < start_lo ORDER BY 1",
                _ ("%1$s ends before it starts"));
  add_problems (self, notes,
                "SELECT coalesce (a.code, a.title), c.code FROM action a "
                "JOIN action_country ac ON ac.action = a.id JOIN country c ON c.code = "
                "ac.country WHERE a.region IS NOT NULL AND c.region IS NOT NULL AND c.region "
                "<> a.region AND NOT EXISTS (SELECT 1 FROM action_country x JOIN country y ON "
                "y.code = x.country WHERE x.action = a.id AND y.region = a.region) ORDER BY 1",
                _ ("%1$s is in a region none of its countries belongs to (%2$s)"));
  add_problems (self, problems,
                "WITH RECURSIVE chain (start, id, depth) AS (SELECT id, builds_on, 1 FROM "
                "action WHERE builds_on IS NOT NULL UNION ALL SELECT chain.start, a.builds_on, "
                "depth + 1 FROM chain JOIN action a ON a.id = chain.id WHERE a.builds_on IS NOT "
                "NULL AND depth < 100) SELECT DISTINCT coalesce (a.code, a.title), '' FROM chain "
                "JOIN action a ON a.id = chain.start WHERE chain.id = chain.start",
                _ ("%1$s builds on itself through a chain of Actions"));
  add_problems (self, problems,
                "SELECT coalesce (a.code, a.title), v.start_date FROM activity v JOIN action a "
                "ON a.id = v.action WHERE v.start_date IS NOT NULL AND ((a.end_hi IS NOT NULL "
                "AND substr (v.start_date, 1, length (a.end_date)) > a.end_date)) ORDER BY 1",
                _ ("%1$s has an activity (%2$s) after the Action’s end"));
  if (warnings != NULL)
    *warnings = g_steal_pointer (&notes);
  return g_steal_pointer (&problems);
}
