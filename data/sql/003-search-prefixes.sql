-- MIEUX+ Actions, schema version 3: four-letter prefixes in the search index.
-- With prefix indexes for 2 and 3 letters only, a fourth letter ("migr") made FTS5
-- expand the prefix term by term: 3.7 times the cost of "mig" at 100,000 Actions
-- (bench/RESULTS.md). An FTS5 table's prefixes are fixed when it is created, so the
-- index is built again from the same rows; the triggers that keep it refer to it by
-- name and carry on.
DROP TABLE action_fts;
CREATE VIRTUAL TABLE action_fts USING fts5 (
  title, code, summary, partners, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
  SELECT * FROM action_fts_row;
