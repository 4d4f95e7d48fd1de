-- MIEUX+ Actions, schema version 5: the history of an Action is the history of all
-- its records. history_action says which Action each history row belongs to,
-- filled by a trigger from the record (or, for a deleted activity or output,
-- from its snapshot); the experts of an activity are recorded as they come and
-- go. Partners are shared by Actions: their rows belong to no Action, and an
-- Action's history shows those of its partners.
-- Written to apply again over itself (IF NOT EXISTS, OR IGNORE).

CREATE TABLE IF NOT EXISTS history_action (
  history INTEGER PRIMARY KEY REFERENCES history (id) ON DELETE CASCADE,
  action  INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS history_action_action ON history_action (action);

INSERT OR IGNORE INTO history_action (history, action)
  SELECT id, owner FROM (
    SELECT id, CASE record
        WHEN 'action' THEN record_id
        WHEN 'activity' THEN coalesce ((SELECT action FROM activity WHERE activity.id = record_id),
                                       CASE WHEN json_valid (old_value)
                                            THEN old_value ->> '$.action' END)
        WHEN 'output' THEN coalesce ((SELECT action FROM output WHERE output.id = record_id),
                                     CASE WHEN json_valid (old_value)
                                          THEN old_value ->> '$.action' END)
      END AS owner
    FROM history)
  WHERE owner IS NOT NULL;

CREATE TRIGGER IF NOT EXISTS history_owner AFTER INSERT ON history BEGIN
  INSERT OR IGNORE INTO history_action (history, action)
    SELECT new.id, owner FROM (
      SELECT CASE new.record
          WHEN 'action' THEN new.record_id
          WHEN 'activity' THEN coalesce ((SELECT action FROM activity WHERE id = new.record_id),
                                         CASE WHEN json_valid (new.old_value)
                                              THEN new.old_value ->> '$.action' END)
          WHEN 'output' THEN coalesce ((SELECT action FROM output WHERE id = new.record_id),
                                       CASE WHEN json_valid (new.old_value)
                                            THEN new.old_value ->> '$.action' END)
        END AS owner)
    WHERE owner IS NOT NULL;
END;

-- An expert joins or leaves an activity (not when the activity itself goes: its
-- deletion is one row with the snapshot).
CREATE TRIGGER IF NOT EXISTS activity_history_expert_added AFTER INSERT ON activity_expert BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', new.activity, 'experts', NULL, new.expert);
END;
CREATE TRIGGER IF NOT EXISTS activity_history_expert_removed AFTER DELETE ON activity_expert
WHEN EXISTS (SELECT 1 FROM activity WHERE id = old.activity) BEGIN
  INSERT INTO history (record, record_id, field, old_value, new_value)
    VALUES ('activity', old.activity, 'experts', old.expert, NULL);
END;

-- Who made a change that came from a team hub (a colleague's hub login); a row
-- without one here was made on this computer. The team hub's schema makes it too.
CREATE TABLE IF NOT EXISTS history_author (
  history INTEGER PRIMARY KEY REFERENCES history (id) ON DELETE CASCADE,
  author  TEXT NOT NULL
) STRICT;
