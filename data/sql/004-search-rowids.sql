-- MIEUX+ Actions, schema version 4: a search index that holds only which Actions
-- contain a word, and one-letter prefixes.
-- Every search asks FTS5 for the rowids of the Actions that contain each typed word
-- as a prefix: never positions (no phrase, NEAR or column queries; see
-- ma_filter_build_match) nor ranking. With detail=none FTS5 stores no positions: at
-- 100,000 Actions its index is a fifth of the size and a query reads that much less.
-- A first letter was expanded term by term (all the words in "p…"): with a 1-letter
-- prefix index it reads one list: "m"* 49 -> 12 ms (bench/RESULTS.md).
DROP TABLE action_fts;
CREATE VIRTUAL TABLE action_fts USING fts5 (
  title, code, summary, partners, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4',
  detail = none,
  columnsize = 0
);
INSERT INTO action_fts (rowid, title, code, summary, partners, notes)
  SELECT * FROM action_fts_row;
INSERT INTO action_fts (action_fts) VALUES ('optimize');
