-- The audit trail (issue 16): what coaches do and who opens reports.
--
-- Append-only. A line names what it is about by ids (subject_kind,
-- subject_id, leader_id, rater_id) and, for reading, subject_name: the one
-- column that may hold personal data (a leader's or rater's name, a round's
-- title). Erasing a leader or a rater blanks subject_name on their lines
-- and keeps the lines (StripAuditPersonalData); nothing else may change or
-- remove a line, which the two triggers below enforce.
--
-- No foreign keys: a line outlives the leader, round or rater it names.
-- AUTOINCREMENT so that an id is never reused: it is the paging cursor.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    coach_id     INTEGER NOT NULL,
    at           TIMESTAMP NOT NULL CHECK (typeof(at) = 'integer'),
    actor        TEXT NOT NULL CHECK (actor IN ('coach', 'scheduler', 'leader link', 'unknown')),
    action       TEXT NOT NULL,
    subject_kind TEXT NOT NULL DEFAULT '',
    subject_id   INTEGER,
    leader_id    INTEGER,
    rater_id     INTEGER,
    subject_name TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT ''
);

-- A coach's trail, newest first, from a cursor.
CREATE INDEX audit_log_coach ON audit_log (coach_id, id);
-- What an erasure strips.
CREATE INDEX audit_log_leader ON audit_log (leader_id) WHERE leader_id IS NOT NULL;
CREATE INDEX audit_log_rater ON audit_log (rater_id) WHERE rater_id IS NOT NULL;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The one update allowed: blanking subject_name, every other column as it was.
CREATE TRIGGER audit_log_strip_only BEFORE UPDATE ON audit_log
WHEN NEW.subject_name != ''
  OR NEW.id IS NOT OLD.id OR NEW.coach_id IS NOT OLD.coach_id OR NEW.at IS NOT OLD.at
  OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
  OR NEW.subject_kind IS NOT OLD.subject_kind OR NEW.subject_id IS NOT OLD.subject_id
  OR NEW.leader_id IS NOT OLD.leader_id OR NEW.rater_id IS NOT OLD.rater_id
  OR NEW.detail IS NOT OLD.detail
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only subject_name may be blanked');
END;
