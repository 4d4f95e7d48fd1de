-- MIEUX+ Actions, schema version 1.
-- Applied in one transaction by MaStore; PRAGMA user_version is set by the store.

CREATE TABLE region (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE country (
  code     TEXT PRIMARY KEY,               -- ISO 3166-1 alpha-2, or XK for Kosovo
  alpha3   TEXT,
  numeric  TEXT,                           -- ISO 3166-1 numeric, zero-padded
  region   TEXT REFERENCES region (code) ON UPDATE CASCADE ON DELETE SET NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE theme (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE action_type (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE status (
  code      TEXT PRIMARY KEY,
  position  INTEGER NOT NULL,
  iati_code INTEGER NOT NULL,              -- IATI ActivityStatus
  name_en   TEXT NOT NULL,
  name_fr   TEXT NOT NULL,
  name_es   TEXT NOT NULL
) STRICT;

CREATE TABLE partner_kind (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE activity_kind (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE activity_format (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE output_kind (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
) STRICT;

CREATE TABLE partner (
  id       INTEGER PRIMARY KEY,
  uuid     TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind     TEXT REFERENCES partner_kind (code) ON UPDATE CASCADE,
  country  TEXT REFERENCES country (code) ON UPDATE CASCADE,
  notes    TEXT
) STRICT;

-- Partial dates: YYYY, YYYY-MM or YYYY-MM-DD, validated by the store. The generated
-- columns give the earliest day a start can mean and the latest day an end can mean,
-- so a date range filter compares plain ISO strings.
CREATE TABLE action (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  code       TEXT UNIQUE,
  title      TEXT NOT NULL CHECK (length (trim (title)) > 0),
  summary    TEXT,
  lang       TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr', 'es')),
  type       TEXT REFERENCES action_type (code) ON UPDATE CASCADE,
  status     TEXT NOT NULL REFERENCES status (code) ON UPDATE CASCADE,
  start_date TEXT,
  end_date   TEXT,
  region     TEXT REFERENCES region (code) ON UPDATE CASCADE,
  builds_on  INTEGER REFERENCES action (id) ON DELETE SET NULL,
  notes      TEXT,
  created    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  start_lo   TEXT GENERATED ALWAYS AS (
               CASE length (start_date)
                 WHEN 4 THEN start_date || '-01-01'
                 WHEN 7 THEN start_date || '-01'
                 ELSE start_date END) VIRTUAL,
  end_hi     TEXT GENERATED ALWAYS AS (
               CASE length (end_date)
                 WHEN 4 THEN end_date || '-12-31'
                 WHEN 7 THEN date (end_date || '-01', '+1 month', '-1 day')
                 ELSE end_date END) VIRTUAL,
  CHECK (start_date IS NULL OR end_date IS NULL
         OR substr (end_date, 1, min (length (start_date), length (end_date)))
            >= substr (start_date, 1, min (length (start_date), length (end_date))))
) STRICT;

CREATE INDEX action_status ON action (status);
CREATE INDEX action_region ON action (region);
CREATE INDEX action_builds_on ON action (builds_on);

-- Titles and summaries in the other languages of the programme.
CREATE TABLE action_text (
  action  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  lang    TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es')),
  title   TEXT,
  summary TEXT,
  PRIMARY KEY (action, lang)
) STRICT;

CREATE TABLE action_country (
  action  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  country TEXT NOT NULL REFERENCES country (code) ON UPDATE CASCADE,
  PRIMARY KEY (action, country)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_country_country ON action_country (country);

CREATE TABLE action_theme (
  action  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  theme   TEXT NOT NULL REFERENCES theme (code) ON UPDATE CASCADE,
  PRIMARY KEY (action, theme)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_theme_theme ON action_theme (theme);

CREATE TABLE action_partner (
  action  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  partner INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
  PRIMARY KEY (action, partner)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_partner_partner ON action_partner (partner);

CREATE TABLE expert (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL CHECK (length (trim (name)) > 0),
  member_state TEXT REFERENCES country (code) ON UPDATE CASCADE,
  institution  TEXT,
  expertise    TEXT,
  notes        TEXT
) STRICT;

CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  action       INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  kind         TEXT REFERENCES activity_kind (code) ON UPDATE CASCADE,
  format       TEXT REFERENCES activity_format (code) ON UPDATE CASCADE,
  start_date   TEXT,
  end_date     TEXT,
  place        TEXT,
  participants INTEGER CHECK (participants IS NULL OR participants >= 0),
  description  TEXT,
  CHECK (start_date IS NULL OR end_date IS NULL
         OR substr (end_date, 1, min (length (start_date), length (end_date)))
            >= substr (start_date, 1, min (length (start_date), length (end_date))))
) STRICT;
CREATE INDEX activity_action ON activity (action);

CREATE TABLE activity_expert (
  activity INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  expert   INTEGER NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
  PRIMARY KEY (activity, expert)
) STRICT, WITHOUT ROWID;

CREATE TABLE output (
  id      INTEGER PRIMARY KEY,
  uuid    TEXT NOT NULL UNIQUE,
  action  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
  kind    TEXT REFERENCES output_kind (code) ON UPDATE CASCADE,
  title   TEXT NOT NULL CHECK (length (trim (title)) > 0)
) STRICT;
CREATE INDEX output_action ON output (action);

-- Named filters ("saved views"): the filter serialised as JSON by MaFilter.
CREATE TABLE saved_view (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length (trim (name)) > 0),
  filter  TEXT NOT NULL CHECK (json_valid (filter)),
  created TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Every change of a record: what changed, from what, to what, when.
-- field '*created*' and '*deleted*' mark creation and deletion; the deletion row
-- keeps a JSON snapshot of the record and its links in old_value, for undo.
CREATE TABLE history (
  id         INTEGER PRIMARY KEY,
  record     TEXT NOT NULL,                -- 'action', 'activity', 'output', 'partner', 'expert'
  record_id  INTEGER NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT,
  time       TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX history_record ON history (record, record_id);

-- Flags the store sets inside a transaction: 'defer-fts' while a bulk import
-- writes many rows, after which the store rebuilds the index rows it touched once.
CREATE TABLE store_flag (
  name TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- Full-text index: title (all languages), code, summary (all languages), partner
-- names and notes, accents folded, prefix indexes for 2 and 3 letters. Kept by the
-- triggers below; the rowid is the action's id.
CREATE VIRTUAL TABLE action_fts USING fts5 (
  title, code, summary, partners, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE VIEW action_fts_row AS
SELECT a.id AS id,
       a.title || coalesce (' ' || (SELECT group_concat (t.title, ' ') FROM action_text t
                                    WHERE t.action = a.id), '') AS title,
       coalesce (a.code, '') AS code,
       coalesce (a.summary, '') || coalesce (' ' || (SELECT group_concat (t.summary, ' ')
                                                     FROM action_text t
                                                     WHERE t.action = a.id), '') AS summary,
       coalesce ((SELECT group_concat (p.name, ' ') FROM action_partner ap
                  JOIN partner p ON p.id = ap.partner WHERE ap.action = a.id), '') AS partners,
       coalesce (a.notes, '') AS notes
FROM action a;

CREATE TRIGGER action_fts_insert AFTER INSERT ON action
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = new.id;
END;
CREATE TRIGGER action_fts_update AFTER UPDATE OF title, code, summary, notes ON action
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = old.id;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = new.id;
END;
CREATE TRIGGER action_fts_delete AFTER DELETE ON action
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = old.id;
END;
CREATE TRIGGER action_text_fts_insert AFTER INSERT ON action_text
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = new.action;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = new.action;
END;
CREATE TRIGGER action_text_fts_update AFTER UPDATE ON action_text
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = new.action;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = new.action;
END;
CREATE TRIGGER action_text_fts_delete AFTER DELETE ON action_text
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = old.action;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = old.action;
END;
CREATE TRIGGER action_partner_fts_insert AFTER INSERT ON action_partner
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = new.action;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = new.action;
END;
CREATE TRIGGER action_partner_fts_delete AFTER DELETE ON action_partner
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid = old.action;
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row WHERE id = old.action;
END;
CREATE TRIGGER partner_fts_rename AFTER UPDATE OF name ON partner
WHEN NOT EXISTS (SELECT 1 FROM store_flag WHERE name = 'defer-fts') BEGIN
  DELETE FROM action_fts WHERE rowid IN (SELECT action FROM action_partner WHERE partner = new.id);
  INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
    SELECT * FROM action_fts_row
    WHERE id IN (SELECT action FROM action_partner WHERE partner = new.id);
END;

-- Field history of the records a coordinator edits.
CREATE TRIGGER action_history_code AFTER UPDATE OF code ON action
WHEN old.code IS NOT new.code BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'code', old.code, new.code);
END;
CREATE TRIGGER action_history_title AFTER UPDATE OF title ON action
WHEN old.title IS NOT new.title BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'title', old.title, new.title);
END;
CREATE TRIGGER action_history_summary AFTER UPDATE OF summary ON action
WHEN old.summary IS NOT new.summary BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'summary', old.summary, new.summary);
END;
CREATE TRIGGER action_history_lang AFTER UPDATE OF lang ON action
WHEN old.lang IS NOT new.lang BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'lang', old.lang, new.lang);
END;
CREATE TRIGGER action_history_type AFTER UPDATE OF type ON action
WHEN old.type IS NOT new.type BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'type', old.type, new.type);
END;
CREATE TRIGGER action_history_status AFTER UPDATE OF status ON action
WHEN old.status IS NOT new.status BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'status', old.status, new.status);
END;
CREATE TRIGGER action_history_start_date AFTER UPDATE OF start_date ON action
WHEN old.start_date IS NOT new.start_date BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'start_date', old.start_date, new.start_date);
END;
CREATE TRIGGER action_history_end_date AFTER UPDATE OF end_date ON action
WHEN old.end_date IS NOT new.end_date BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'end_date', old.end_date, new.end_date);
END;
CREATE TRIGGER action_history_region AFTER UPDATE OF region ON action
WHEN old.region IS NOT new.region BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'region', old.region, new.region);
END;
CREATE TRIGGER action_history_builds_on AFTER UPDATE OF builds_on ON action
WHEN old.builds_on IS NOT new.builds_on BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'builds_on', old.builds_on, new.builds_on);
END;
CREATE TRIGGER action_history_notes AFTER UPDATE OF notes ON action
WHEN old.notes IS NOT new.notes BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('action', new.id, 'notes', old.notes, new.notes);
END;
CREATE TRIGGER activity_history_kind AFTER UPDATE OF kind ON activity
WHEN old.kind IS NOT new.kind BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'kind', old.kind, new.kind);
END;
CREATE TRIGGER activity_history_format AFTER UPDATE OF format ON activity
WHEN old.format IS NOT new.format BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'format', old.format, new.format);
END;
CREATE TRIGGER activity_history_start_date AFTER UPDATE OF start_date ON activity
WHEN old.start_date IS NOT new.start_date BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'start_date', old.start_date, new.start_date);
END;
CREATE TRIGGER activity_history_end_date AFTER UPDATE OF end_date ON activity
WHEN old.end_date IS NOT new.end_date BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'end_date', old.end_date, new.end_date);
END;
CREATE TRIGGER activity_history_place AFTER UPDATE OF place ON activity
WHEN old.place IS NOT new.place BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'place', old.place, new.place);
END;
CREATE TRIGGER activity_history_participants AFTER UPDATE OF participants ON activity
WHEN old.participants IS NOT new.participants BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'participants', old.participants, new.participants);
END;
CREATE TRIGGER activity_history_description AFTER UPDATE OF description ON activity
WHEN old.description IS NOT new.description BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.id, 'description', old.description, new.description);
END;
CREATE TRIGGER output_history_kind AFTER UPDATE OF kind ON output
WHEN old.kind IS NOT new.kind BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('output', new.id, 'kind', old.kind, new.kind);
END;
CREATE TRIGGER output_history_title AFTER UPDATE OF title ON output
WHEN old.title IS NOT new.title BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('output', new.id, 'title', old.title, new.title);
END;
CREATE TRIGGER partner_history_name AFTER UPDATE OF name ON partner
WHEN old.name IS NOT new.name BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('partner', new.id, 'name', old.name, new.name);
END;
CREATE TRIGGER partner_history_kind AFTER UPDATE OF kind ON partner
WHEN old.kind IS NOT new.kind BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('partner', new.id, 'kind', old.kind, new.kind);
END;
CREATE TRIGGER partner_history_country AFTER UPDATE OF country ON partner
WHEN old.country IS NOT new.country BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('partner', new.id, 'country', old.country, new.country);
END;
CREATE TRIGGER partner_history_notes AFTER UPDATE OF notes ON partner
WHEN old.notes IS NOT new.notes BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('partner', new.id, 'notes', old.notes, new.notes);
END;
CREATE TRIGGER expert_history_name AFTER UPDATE OF name ON expert
WHEN old.name IS NOT new.name BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('expert', new.id, 'name', old.name, new.name);
END;
CREATE TRIGGER expert_history_member_state AFTER UPDATE OF member_state ON expert
WHEN old.member_state IS NOT new.member_state BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('expert', new.id, 'member_state', old.member_state, new.member_state);
END;
CREATE TRIGGER expert_history_institution AFTER UPDATE OF institution ON expert
WHEN old.institution IS NOT new.institution BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('expert', new.id, 'institution', old.institution, new.institution);
END;
CREATE TRIGGER expert_history_expertise AFTER UPDATE OF expertise ON expert
WHEN old.expertise IS NOT new.expertise BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('expert', new.id, 'expertise', old.expertise, new.expertise);
END;
CREATE TRIGGER expert_history_notes AFTER UPDATE OF notes ON expert
WHEN old.notes IS NOT new.notes BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('expert', new.id, 'notes', old.notes, new.notes);
END;

-- Reference vocabularies: stable codes, names in English, French and Spanish.
INSERT INTO region (code, position, name_en, name_fr, name_es) VALUES
  ('asia', 1, 'Asia', 'Asie', 'Asia'),
  ('esa', 2, 'Eastern and Southern Africa', 'Afrique orientale et australe', 'África Oriental y Austral'),
  ('eun', 3, 'EU Neighbourhood', 'Voisinage de l’UE', 'Vecindad de la UE'),
  ('lac', 4, 'Latin America and the Caribbean', 'Amérique latine et Caraïbes', 'América Latina y el Caribe'),
  ('wca', 5, 'Western and Central Africa', 'Afrique de l’Ouest et centrale', 'África Occidental y Central');

INSERT INTO status (code, position, iati_code, name_en, name_fr, name_es) VALUES
  ('request', 1, 1, 'Request received', 'Demande reçue', 'Solicitud recibida'),
  ('preparation', 2, 1, 'In preparation', 'En préparation', 'En preparación'),
  ('ongoing', 3, 2, 'Ongoing', 'En cours', 'En curso'),
  ('completed', 4, 3, 'Completed', 'Terminée', 'Finalizada'),
  ('declined', 5, 5, 'Declined', 'Refusée', 'Rechazada'),
  ('withdrawn', 6, 5, 'Withdrawn', 'Retirée', 'Retirada');

INSERT INTO action_type (code, position, name_en, name_fr, name_es) VALUES
  ('demand-driven', 1, 'Demand-driven', 'À la demande', 'Basada en la demanda'),
  ('holistic', 2, 'Holistic', 'Holistique', 'Holística'),
  ('regional', 3, 'Regional', 'Régionale', 'Regional');

INSERT INTO theme (code, position, name_en, name_fr, name_es) VALUES
  ('labour', 1, 'Labour migration', 'Migration de travail', 'Migración laboral'),
  ('health', 2, 'Migration and health', 'Migration et santé', 'Migración y salud'),
  ('protection', 3, 'International protection and asylum', 'Protection internationale et asile', 'Protección internacional y asilo'),
  ('environment', 4, 'Environmental migration', 'Migration environnementale', 'Migración por causas ambientales'),
  ('border', 5, 'Border management', 'Gestion des frontières', 'Gestión de fronteras'),
  ('trafficking', 6, 'Trafficking in human beings', 'Traite des êtres humains', 'Trata de seres humanos'),
  ('diaspora', 7, 'Diaspora', 'Diaspora', 'Diáspora'),
  ('consular', 8, 'Consular protection', 'Protection consulaire', 'Protección consular'),
  ('data', 9, 'Migration data management', 'Gestion des données migratoires', 'Gestión de datos migratorios'),
  ('integration', 10, 'Integration of refugees and migrants', 'Intégration des réfugiés et des migrants', 'Integración de personas refugiadas y migrantes'),
  ('rights', 11, 'Migrants’ rights', 'Droits des migrants', 'Derechos de las personas migrantes'),
  ('recruitment', 12, 'Ethical recruitment', 'Recrutement éthique', 'Contratación ética'),
  ('policy', 13, 'Migration policy', 'Politique migratoire', 'Política migratoria'),
  ('trade', 14, 'Migration and trade', 'Migration et commerce', 'Migración y comercio');

INSERT INTO partner_kind (code, position, name_en, name_fr, name_es) VALUES
  ('ministry', 1, 'Ministry', 'Ministère', 'Ministerio'),
  ('national-authority', 2, 'National authority', 'Autorité nationale', 'Autoridad nacional'),
  ('human-rights', 3, 'Human rights institution', 'Institution des droits de l’homme', 'Institución de derechos humanos'),
  ('public-defender', 4, 'Public defender', 'Défenseur public', 'Defensoría pública'),
  ('regional-organisation', 5, 'Regional organisation', 'Organisation régionale', 'Organización regional'),
  ('civil-society', 6, 'NGO / civil society', 'ONG / société civile', 'ONG / sociedad civil'),
  ('academic', 7, 'University / training centre', 'Université / centre de formation', 'Universidad / centro de formación'),
  ('international-organisation', 8, 'International organisation', 'Organisation internationale', 'Organización internacional'),
  ('local-government', 9, 'Local government', 'Collectivité locale', 'Gobierno local');

INSERT INTO activity_kind (code, position, name_en, name_fr, name_es) VALUES
  ('workshop', 1, 'Workshop', 'Atelier', 'Taller'),
  ('webinar', 2, 'Webinar', 'Webinaire', 'Seminario web'),
  ('exchange', 3, 'Knowledge and practice exchange session', 'Session d’échange de connaissances et de pratiques', 'Sesión de intercambio de conocimientos y prácticas'),
  ('fact-finding', 4, 'Fact-finding mission', 'Mission d’information', 'Misión de investigación'),
  ('needs-assessment', 5, 'Needs assessment', 'Évaluation des besoins', 'Evaluación de necesidades'),
  ('training', 6, 'Training', 'Formation', 'Formación'),
  ('round-table', 7, 'Round table', 'Table ronde', 'Mesa redonda'),
  ('campaign', 8, 'Information campaign', 'Campagne d’information', 'Campaña de información'),
  ('on-site-mission', 9, 'On-site mission', 'Mission sur place', 'Misión presencial');

INSERT INTO activity_format (code, position, name_en, name_fr, name_es) VALUES
  ('online', 1, 'Online', 'En ligne', 'En línea'),
  ('on-site', 2, 'On-site', 'Sur place', 'Presencial'),
  ('hybrid', 3, 'Hybrid', 'Hybride', 'Híbrido');

INSERT INTO output_kind (code, position, name_en, name_fr, name_es) VALUES
  ('training-course', 1, 'Training course', 'Cours de formation', 'Curso de formación'),
  ('protocol', 2, 'Protocol', 'Protocole', 'Protocolo'),
  ('policy-framework', 3, 'Policy framework', 'Cadre politique', 'Marco de políticas'),
  ('recommendations', 4, 'Recommendations', 'Recommandations', 'Recomendaciones'),
  ('video', 5, 'Video', 'Vidéo', 'Vídeo'),
  ('campaign', 6, 'Information campaign', 'Campagne d’information', 'Campaña de información'),
  ('toolkit-module', 7, 'Toolkit module', 'Module de la boîte à outils', 'Módulo de la caja de herramientas'),
  ('discussion-paper', 8, 'Discussion paper', 'Document de réflexion', 'Documento de debate');
