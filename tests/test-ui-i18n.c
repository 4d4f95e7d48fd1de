/* test-ui-i18n.c: the windows of MIEUX+ Actions in French and Spanish, no English left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the application on a sample database in the language given as argument
 * (the "language" preference for fr, LANGUAGE for es), shows every view of the main
 * window, an Action's details and the other windows it opens, walks every widget,
 * popover and menu, and fails on any visible text that equals an English msgid of
 * our catalogue whose translation differs: a string that missed gettext. Writes a
 * screenshot of each view to MA_SCREENSHOT_DIR when set.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>

#include "ma-application.h"
#include "ma-i18n.h"
#include "ma-store.h"
#include "ma-ui-test.h"
#include "ma-window-private.h"
#include "ma-window.h"

typedef struct
{
  char *msgctxt;
  char *msgid;
  gboolean plural;
} Msg;

static GPtrArray *messages; /* Msg*, read from po/LANG.po */
static GHashTable *by_text; /* English text without mnemonics -> Msg* */
static GPtrArray *patterns; /* GRegex* of msgids with format specifiers */
static GPtrArray *pattern_msgs;
static GPtrArray *faults;    /* char* */
static GHashTable *seen;     /* widget descriptions already reported */
static const char *language; /* "fr" or "es" */
static char *screenshot_dir;
static MaApplication *app;
static int walked;

static void
msg_free (gpointer data)
{
  Msg *msg = data;
  g_free (msg->msgctxt);
  g_free (msg->msgid);
  g_free (msg);
}

static char *
unquote (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *body = NULL;

  if (start == NULL || end == NULL || end <= start)
    return g_strdup ("");
  body = g_strndup (start + 1, (gsize) (end - start - 1));
  return g_strcompress (body);
}

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        {
          g_string_append_c (out, '_');
          p++;
        }
      else if (*p != '_')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A regex of a string with format specifiers: "%s (copy)" matches "Border management
 * (copy)". NULL for a string without words of its own ("%s: %s" would match user
 * content). */
static GRegex *
make_pattern (const char *msgid)
{
  g_autoptr (GRegex) spec =
      g_regex_new ("%(\\d+\\$)?[-+ #0]*\\d*(\\.\\d+)?(hh|h|ll|l|z|j|t)?[a-zA-Z]", 0, 0, NULL);
  g_autoptr (GRegex) word = g_regex_new ("[[:alpha:]]{3,}", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *words = NULL;
  g_autofree char *stripped = strip_mnemonic (msgid);
  GString *pattern = g_string_new ("^");
  gboolean any = FALSE;
  int last = 0, from, to;
  GRegex *regex;

  words = g_regex_replace (spec, stripped, -1, 0, "", 0, NULL);
  g_regex_match (spec, stripped, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *literal = NULL;
      g_match_info_fetch_pos (match, 0, &from, &to);
      literal = g_regex_escape_string (stripped + last, from - last);
      g_string_append (pattern, literal);
      g_string_append (pattern, "(.+)");
      any = TRUE;
      last = to;
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *literal = g_regex_escape_string (stripped + last, -1);
    g_string_append (pattern, g_strchomp (literal));
    g_string_append (pattern, "$");
  }
  if (words == NULL || !g_regex_match (word, words, 0, NULL))
    any = FALSE;
  regex = any ? g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL) : NULL;
  g_string_free (pattern, TRUE);
  return regex;
}

/* Whether TEXT is the translation of some message: then it is not English. */
static GHashTable *translations;        /* stripped msgstr */
static GPtrArray *translation_patterns; /* GRegex* */

static void
add_translation (const char *msgstr)
{
  if (msgstr == NULL || msgstr[0] == '\0')
    return;
  if (strchr (msgstr, '%') != NULL)
    {
      GRegex *regex = make_pattern (msgstr);
      if (regex != NULL)
        g_ptr_array_add (translation_patterns, regex);
    }
  else
    {
      char *key = strip_mnemonic (msgstr);
      g_strstrip (key);
      g_hash_table_add (translations, key);
    }
}

static gboolean
is_translation (const char *text)
{
  if (g_hash_table_contains (translations, text))
    return TRUE;
  for (guint i = 0; i < translation_patterns->len; i++)
    if (g_regex_match (g_ptr_array_index (translation_patterns, i), text, 0, NULL))
      return TRUE;
  return FALSE;
}

static void
add_message (const char *msgctxt, const char *msgid, gboolean plural)
{
  Msg *msg;

  if (msgid == NULL || msgid[0] == '\0')
    return;
  msg = g_new0 (Msg, 1);
  msg->msgctxt = g_strdup (msgctxt);
  msg->msgid = g_strdup (msgid);
  msg->plural = plural;
  g_ptr_array_add (messages, msg);
  if (strchr (msgid, '%') != NULL)
    {
      GRegex *regex = make_pattern (msgid);
      if (regex != NULL)
        {
          g_ptr_array_add (patterns, regex);
          g_ptr_array_add (pattern_msgs, msg);
        }
      return;
    }
  {
    g_autofree char *key = strip_mnemonic (msgid);
    g_strstrip (key);
    if (!g_hash_table_contains (by_text, key))
      g_hash_table_insert (by_text, g_steal_pointer (&key), msg);
  }
}

static void
load_catalogue (const char *path)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GString *ctxt = NULL, *id = NULL, *id_plural = NULL, *str = NULL;
  GString **current = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0;; i++)
    {
      const char *line = lines[i];

      if (line == NULL || line[0] == '\0' || g_str_has_prefix (line, "#"))
        {
          if (id != NULL && (line == NULL || line[0] == '\0' || !g_str_has_prefix (line, "#~")))
            {
              if (line == NULL || line[0] == '\0')
                {
                  add_message (ctxt ? ctxt->str : NULL, id->str, id_plural != NULL);
                  if (id_plural != NULL)
                    add_message (ctxt ? ctxt->str : NULL, id_plural->str, TRUE);
                  if (ctxt)
                    g_string_free (ctxt, TRUE);
                  g_string_free (id, TRUE);
                  if (id_plural)
                    g_string_free (id_plural, TRUE);
                  if (str != NULL)
                    {
                      add_translation (str->str);
                      g_string_free (str, TRUE);
                      str = NULL;
                    }
                  ctxt = id = id_plural = NULL;
                  current = NULL;
                }
            }
          if (line == NULL)
            break;
          continue;
        }
      if (g_str_has_prefix (line, "msgctxt "))
        {
          g_autofree char *s = unquote (line);
          ctxt = g_string_new (s);
          current = &ctxt;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        {
          g_autofree char *s = unquote (line);
          id_plural = g_string_new (s);
          current = &id_plural;
        }
      else if (g_str_has_prefix (line, "msgid "))
        {
          g_autofree char *s = unquote (line);
          id = g_string_new (s);
          current = &id;
        }
      else if (g_str_has_prefix (line, "msgstr"))
        {
          g_autofree char *value = unquote (line);
          if (str != NULL)
            {
              add_translation (str->str);
              g_string_free (str, TRUE);
            }
          str = g_string_new (value);
          current = &str;
        }
      else if (line[0] == '"' && current != NULL && *current != NULL)
        {
          g_autofree char *s = unquote (line);
          g_string_append (*current, s);
        }
    }
}

static const char *
translation_of (Msg *msg)
{
  if (msg->msgctxt != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, msg->msgctxt, msg->msgid);
  if (msg->plural)
    return g_dngettext (GETTEXT_PACKAGE, msg->msgid, msg->msgid, 2);
  return g_dgettext (GETTEXT_PACKAGE, msg->msgid);
}

static void
check_text (const char *where, const char *text)
{
  g_autofree char *stripped = NULL;
  Msg *msg;

  if (text == NULL)
    return;
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return;
  walked++;
  msg = g_hash_table_lookup (by_text, stripped);
  if (msg == NULL)
    {
      g_autofree char *plain = strip_mnemonic (stripped);
      msg = g_hash_table_lookup (by_text, plain);
    }
  if (msg == NULL)
    for (guint i = 0; i < patterns->len; i++)
      if (g_regex_match (g_ptr_array_index (patterns, i), stripped, 0, NULL))
        {
          msg = g_ptr_array_index (pattern_msgs, i);
          break;
        }
  if (msg != NULL && g_strcmp0 (translation_of (msg), msg->msgid) != 0 &&
      !is_translation (stripped))
    {
      g_autofree char *fault =
          g_strdup_printf ("%s: “%s” is English (msgid “%s”, %s: “%s”)", where, stripped,
                           msg->msgid, language, translation_of (msg));
      if (!g_hash_table_contains (seen, fault))
        {
          g_ptr_array_add (faults, g_strdup (fault));
          g_hash_table_add (seen, g_steal_pointer (&fault));
        }
    }
}

static void walk_widget (GtkWidget *widget, const char *path);

static void
walk_menu (GMenuModel *model, const char *path)
{
  if (model == NULL)
    return;
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GMenuLinkIter) links = NULL;
      const char *name;
      GMenuModel *link;

      g_autofree char *action = NULL;

      /* The Language menu names each language in itself: "English" stays English. */
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_strcmp0 (action, "app.language") == 0)
        {
          g_autoptr (GVariant) value =
              g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
              g_strcmp0 (g_variant_get_string (value, NULL), "system") != 0)
            continue;
        }
      /* So does any menu item that chooses a language by its code. */
      {
        g_autoptr (GVariant) value =
            g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
        const char *code = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                               ? g_variant_get_string (value, NULL)
                               : NULL;
        if (g_strcmp0 (code, "en") == 0 || g_strcmp0 (code, "fr") == 0 ||
            g_strcmp0 (code, "es") == 0)
          continue;
      }
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          g_autofree char *where = g_strdup_printf ("%s menu item", path);
          check_text (where, label);
        }
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &name, &link))
        {
          walk_menu (link, path);
          g_object_unref (link);
        }
    }
}

static void
check_string_property (GObject *object, const char *property, const char *path)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_autofree char *value = NULL;
  g_autofree char *where = NULL;

  if (pspec == NULL || pspec->value_type != G_TYPE_STRING || !(pspec->flags & G_PARAM_READABLE))
    return;
  g_object_get (object, property, &value, NULL);
  where = g_strdup_printf ("%s %s", path, property);
  check_text (where, value);
}

static void
walk_widget (GtkWidget *widget, const char *parent_path)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", parent_path, G_OBJECT_TYPE_NAME (widget));
  static const char *const properties[] = {
    "title", "subtitle", "description", "placeholder-text", "tooltip-text", "heading", "body",
  };

  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    check_text (path, gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    check_string_property (G_OBJECT (widget), "label", path);
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    check_string_property (G_OBJECT (widget), properties[i], path);

  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));
      if (popover == NULL && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL &&
          gtk_widget_get_mapped (widget))
        {
          /* A menu made when it opens (gtk_menu_button_set_create_popup_func). */
          gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
          walk_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), path);
          gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
        }
      walk_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), path);
      /* A popover built from a menu model is walked through the model; another one
       * through its content, without showing it. */
      if (popover != NULL && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL &&
          gtk_popover_get_child (popover) != NULL)
        walk_widget (gtk_popover_get_child (popover), path);
    }
  if (ADW_IS_VIEW_STACK (widget))
    {
      GtkSelectionModel *pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          if (adw_view_stack_page_get_visible (page))
            check_text (path, adw_view_stack_page_get_title (page));
        }
      g_object_unref (pages);
    }
  if (GTK_IS_STACK (widget))
    {
      GtkSelectionModel *pages = gtk_stack_get_pages (GTK_STACK (widget));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          if (gtk_stack_page_get_visible (page))
            check_text (path, gtk_stack_page_get_title (page));
          g_object_unref (page);
        }
      g_object_unref (pages);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (child, path);
}

static void
iterate (void)
{
  /* Let the lists, bindings and idle work of the window settle. */
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
walk_all_windows (const char *view)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      g_autofree char *path = g_strdup_printf ("[%s] ", view);
      if (gtk_widget_get_visible (window))
        walk_widget (window, path);
    }
}

static gboolean is_drawn (gpointer data);

static void
screenshot (GtkWidget *widget, const char *view)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (screenshot_dir == NULL)
    return;
  ma_ui_test_wait (is_drawn, widget, 3);
  iterate ();
  name = g_strdup_printf ("%s-%s.png", view, language);
  path = g_build_filename (screenshot_dir, name, NULL);
  /* A window may skip a frame while it loads (the list waits for its index). */
  for (int attempt = 0; attempt < 10; attempt++)
    {
      g_clear_error (&error);
      if (ma_ui_test_screenshot (widget, path, &error))
        return;
      ma_ui_test_run (200);
    }
  g_test_message ("no screenshot of %s: %s", view, error->message);
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
try_action (GtkWidget *window, GtkWidget *widget, const char *action)
{
  const char *name = strchr (action, '.') + 1;
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The window's actions are widget actions (gtk_widget_class_install_action). */
  if (!gtk_widget_activate_action (widget, action, NULL))
    {
      g_test_message ("%s: not available", action);
      return;
    }
  ma_ui_test_run (300);
  walk_all_windows (action);
  /* Look at what the action opened, then close it. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWidget) other = g_list_model_get_item (toplevels, i - 1);
      if (other != window && gtk_widget_get_visible (other))
        {
          screenshot (other, name);
          gtk_window_destroy (GTK_WINDOW (other));
        }
    }
  iterate ();
}

static void
run_walk (GtkWidget *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (window, ADW_TYPE_VIEW_STACK));
  MaStore *store = ma_window_get_store (MA_WINDOW (window));
  gint64 comesa = ma_store_find_action (store, "COMESA", NULL);
  static const char *const actions[] = { "win.show-history", "win.save-view" };
  static const struct
  {
    const char *type, *action;
  } view_actions[] = {
    { "MaChartView", "charts.present" },
    { "MaChartView", "charts.save-deck" },
    { "MaMapView", "map.present" },
  };

  /* The list without a selection, then an Action's details (activities, partners,
   * outputs, dates), then every other view of the window. */
  walk_all_windows ("list");
  screenshot (window, "list");
  g_assert_cmpint (comesa, >, 0);
  ma_window_select (MA_WINDOW (window), comesa);
  ma_ui_test_run (500);
  walk_all_windows ("detail");
  screenshot (window, "detail");
  if (stack != NULL)
    {
      GtkSelectionModel *pages = adw_view_stack_get_pages (stack);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
      GtkWidget *first = adw_view_stack_get_visible_child (stack);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          const char *name = adw_view_stack_page_get_name (page);

          if (adw_view_stack_page_get_child (page) == first)
            continue;
          adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (page));
          ma_ui_test_run (500);
          walk_all_windows (name);
          screenshot (window, name);
          /* What the view itself opens: presentation mode, its dialogs. */
          for (guint j = 0; j < G_N_ELEMENTS (view_actions); j++)
            {
              GType type = g_type_from_name (view_actions[j].type);
              GtkWidget *owner = type != 0 ? find_widget (window, type) : NULL;
              if (owner != NULL &&
                  gtk_widget_is_ancestor (owner, adw_view_stack_page_get_child (page)))
                try_action (window, owner, view_actions[j].action);
              else if (owner != NULL && owner == adw_view_stack_page_get_child (page))
                try_action (window, owner, view_actions[j].action);
            }
        }
      adw_view_stack_set_visible_child (stack, first);
      g_object_unref (pages);
    }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    try_action (window, window, actions[i]);
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
walk_later (gpointer data)
{
  GtkWidget *window = data;

  ma_ui_test_wait (is_drawn, window, 10);
  ma_ui_test_run (300);
  run_walk (window);
  g_object_unref (window);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *application, GtkWindow *window, gpointer data)
{
  static gboolean done;

  /* Added while it is being built: walk it once it is shown. */
  if (done || !MA_IS_WINDOW (window))
    return;
  done = TRUE;
  g_idle_add (walk_later, g_object_ref (window));
}

static void
test_no_english (void)
{
  g_autofree char *db = NULL;
  g_autoptr (MaStore) store = ma_ui_test_store (&db);
  const char *argv[] = { "mieux-actions", "--database", db, NULL };

  g_clear_object (&store);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_application_run (G_APPLICATION (app), 3, (char **) argv);

  g_test_message ("%d texts walked in %s", walked, language);
  g_assert_cmpint (walked, >, 50);
  for (guint i = 0; i < faults->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (faults, i));
  if (faults->len > 0)
    g_test_fail_printf ("%u English texts in the %s windows (above)", faults->len, language);
}

int
main (int argc, char **argv)
{
  g_autofree char *po = NULL;
  g_autoptr (GSettings) settings = NULL;
  int status;

  /* The language to test: the last argument, "fr" or "es". */
  language = "fr";
  if (argc > 1 && (strcmp (argv[argc - 1], "fr") == 0 || strcmp (argv[argc - 1], "es") == 0))
    language = argv[--argc];
  argv[argc] = NULL;
  /* French through the preference from an English session; Spanish through the
   * environment with the preference left to the system. */
  g_setenv ("LANGUAGE", strcmp (language, "fr") == 0 ? "en" : language, TRUE);

  g_test_init (&argc, &argv, NULL);
  ma_i18n_init ();

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "language", strcmp (language, "fr") == 0 ? "fr" : "system");
  ma_application_apply_language ();
  g_assert_cmpstr (ma_i18n_get_language (), ==, language);

  messages = g_ptr_array_new_with_free_func (msg_free);
  by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  pattern_msgs = g_ptr_array_new ();
  faults = g_ptr_array_new_with_free_func (g_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  translation_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  po = g_strdup_printf ("%s/po/%s.po", g_getenv ("MA_SOURCE_ROOT"), language);
  load_catalogue (po);
  g_assert_cmpuint (messages->len, >, 100);

  screenshot_dir = g_strdup (g_getenv ("MA_SCREENSHOT_DIR"));
  if (screenshot_dir != NULL && screenshot_dir[0] == '\0')
    g_clear_pointer (&screenshot_dir, g_free);
  if (screenshot_dir != NULL)
    g_mkdir_with_parents (screenshot_dir, 0755);

  app = ma_application_new ();
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) |
                                                    G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/ui/i18n/no-english", test_no_english);
  status = g_test_run ();

  g_clear_object (&app);
  g_ptr_array_unref (pattern_msgs);
  g_ptr_array_unref (patterns);
  g_hash_table_unref (by_text);
  g_ptr_array_unref (messages);
  g_ptr_array_unref (faults);
  g_hash_table_unref (seen);
  g_hash_table_unref (translations);
  g_ptr_array_unref (translation_patterns);
  g_free (screenshot_dir);
  return status;
}
