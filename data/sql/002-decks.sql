-- MIEUX+ Actions, schema version 2: presentation decks.
-- A deck is a named list of slides (chart kinds, "map", "report") shown with a
-- filter and in a language that may differ from the application's.

CREATE TABLE deck (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length (trim (name)) > 0),
  slides  TEXT NOT NULL CHECK (json_valid (slides) AND json_type (slides) = 'array'),
  filter  TEXT CHECK (filter IS NULL OR json_valid (filter)),
  lang    TEXT CHECK (lang IS NULL OR lang IN ('en', 'fr', 'es')),
  created TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
