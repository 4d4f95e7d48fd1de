/* ma-preferences-window.c: Preferences (AdwPreferencesWindow over GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ma-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "ma-preferences-window.h"

struct _MaPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow *language_row;
  AdwActionRow *restart_row;
  AdwActionRow *database_row;
  GtkWidget *database_reset_button;
  AdwPreferencesGroup *backups_group;
  GtkSpinButton *backups_spin;
  GtkSpinButton *type_scale_spin;
  AdwComboRow *map_style_row;
  AdwEntryRow *iati_ref_row;
  AdwEntryRow *iati_name_row;
  AdwComboRow *iati_type_row;

  GSettings *settings;
  GtkFileChooserNative *chooser;
  char *start_language;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (MaPreferencesWindow, ma_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const languages[] = { "system", "en", "fr", "es" };
static const char *const map_styles[] = { "system", "light", "dark", "high-contrast" };

/* IATI OrganisationType codes (iatistandard.org, codelist OrganisationType). */
static const struct
{
  const char *code;
  const char *name;
} iati_types[] = {
  { "", N_ ("Not Set") },
  { "10", N_ ("Government") },
  { "11", N_ ("Local Government") },
  { "15", N_ ("Other Public Sector") },
  { "21", N_ ("International NGO") },
  { "22", N_ ("National NGO") },
  { "23", N_ ("Regional NGO") },
  { "30", N_ ("Public Private Partnership") },
  { "40", N_ ("Multilateral") },
  { "60", N_ ("Foundation") },
  { "70", N_ ("Private Sector") },
  { "80", N_ ("Academic, Training and Research") },
  { "90", N_ ("Other") },
};

static guint
index_of (const char *const *values, guint n, const char *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
show_database (MaPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "default-database");

  adw_action_row_set_subtitle (self->database_row,
                               path[0] != '\0' ? path
                                               : _ ("The standard place, in your personal folder"));
  gtk_widget_set_visible (self->database_reset_button, path[0] != '\0');
}

static void
on_language_selected (MaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->language_row);

  if (self->loading || i >= G_N_ELEMENTS (languages))
    return;
  g_settings_set_string (self->settings, "language", languages[i]);
  /* GTK builds its widgets in one language: a new one applies at the next start. */
  gtk_widget_set_visible (GTK_WIDGET (self->restart_row),
                          g_strcmp0 (languages[i], self->start_language) != 0);
}

static void
on_map_style_selected (MaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->map_style_row);

  if (!self->loading && i < G_N_ELEMENTS (map_styles))
    g_settings_set_string (self->settings, "map-style", map_styles[i]);
}

static void
on_iati_type_selected (MaPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->iati_type_row);

  if (!self->loading && i < G_N_ELEMENTS (iati_types))
    g_settings_set_string (self->settings, "iati-reporting-org-type", iati_types[i].code);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, MaPreferencesWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL)
    g_settings_set_string (self->settings, "default-database", path);
  g_clear_object (&self->chooser);
  show_database (self);
}

static void
on_choose_database (MaPreferencesWindow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser =
      gtk_file_chooser_native_new (_ ("Database Opened at Start"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Databases of MIEUX+ Actions"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_reset_database (MaPreferencesWindow *self)
{
  g_settings_reset (self->settings, "default-database");
  show_database (self);
}

static gboolean
has_key (GSettings *settings, const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
ma_preferences_window_dispose (GObject *object)
{
  MaPreferencesWindow *self = MA_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (ma_preferences_window_parent_class)->dispose (object);
}

static void
ma_preferences_window_finalize (GObject *object)
{
  MaPreferencesWindow *self = MA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->start_language, g_free);

  G_OBJECT_CLASS (ma_preferences_window_parent_class)->finalize (object);
}

static void
ma_preferences_window_class_init (MaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ma_preferences_window_dispose;
  object_class->finalize = ma_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/eu/mieux_initiative/Actions/ma-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MaPreferencesWindow, name)
  BIND (language_row);
  BIND (restart_row);
  BIND (database_row);
  BIND (database_reset_button);
  BIND (backups_group);
  BIND (backups_spin);
  BIND (type_scale_spin);
  BIND (map_style_row);
  BIND (iati_ref_row);
  BIND (iati_name_row);
  BIND (iati_type_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_map_style_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_iati_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_database);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_database);
}

static void
ma_preferences_window_init (MaPreferencesWindow *self)
{
  g_autoptr (GtkStringList) types = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (iati_types); i++)
    gtk_string_list_append (types, _ (iati_types[i].name));
  adw_combo_row_set_model (self->iati_type_row, G_LIST_MODEL (types));
}

GtkWidget *
ma_preferences_window_new (GtkWindow *parent, GSettings *settings)
{
  MaPreferencesWindow *self;
  g_autofree char *language = NULL;
  g_autofree char *map_style = NULL;
  g_autofree char *iati_type = NULL;
  guint i;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  language = g_settings_get_string (settings, "language");
  self->start_language = g_strdup (language);
  adw_combo_row_set_selected (self->language_row,
                              index_of (languages, G_N_ELEMENTS (languages), language));
  map_style = g_settings_get_string (settings, "map-style");
  adw_combo_row_set_selected (self->map_style_row,
                              index_of (map_styles, G_N_ELEMENTS (map_styles), map_style));
  iati_type = g_settings_get_string (settings, "iati-reporting-org-type");
  for (i = 0; i < G_N_ELEMENTS (iati_types); i++)
    if (g_strcmp0 (iati_types[i].code, iati_type) == 0)
      adw_combo_row_set_selected (self->iati_type_row, i);
  g_settings_bind (settings, "presentation-type-scale", self->type_scale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "iati-reporting-org-ref", self->iati_ref_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "iati-reporting-org-name", self->iati_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  if (has_key (settings, "backups-keep"))
    {
      g_settings_bind (settings, "backups-keep", self->backups_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
      gtk_widget_set_visible (GTK_WIDGET (self->backups_group), TRUE);
    }
  show_database (self);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

AdwComboRow *
ma_preferences_window_get_language_row (MaPreferencesWindow *self)
{
  return self->language_row;
}

GtkSpinButton *
ma_preferences_window_get_type_scale (MaPreferencesWindow *self)
{
  return self->type_scale_spin;
}

AdwComboRow *
ma_preferences_window_get_map_style_row (MaPreferencesWindow *self)
{
  return self->map_style_row;
}

GtkEditable *
ma_preferences_window_get_iati_ref (MaPreferencesWindow *self)
{
  return GTK_EDITABLE (self->iati_ref_row);
}

AdwComboRow *
ma_preferences_window_get_iati_type_row (MaPreferencesWindow *self)
{
  return self->iati_type_row;
}
