-- Mail delivery and reminders.
--
-- 1. The outbox gains the status 'skipped': a reminder queued for a rater who
--    answered, declined or opted out before it could be delivered is not sent,
--    and the coach sees why. SQLite cannot change a CHECK constraint in place,
--    so the table is rebuilt (nothing references it).
-- 2. A 'sending' row's next_attempt_at is its lease: once it has passed, the
--    worker that claimed it is presumed dead and the row is claimed again.
-- 3. raters_awaiting keeps a scheduler pass cheap: it reads only raters who can
--    still be reminded, by round, in order of their last email.

CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL, -- invitation, reminder, last_call, round_closed, report_released
    round_id        INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
    rater_id        INTEGER REFERENCES raters(id) ON DELETE CASCADE,
    to_email        TEXT NOT NULL,
    to_name         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL CHECK (typeof(next_attempt_at) = 'integer'),
    last_error      TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    sent_at         TIMESTAMP
);
INSERT INTO outbox_new (id, kind, round_id, rater_id, to_email, to_name, status, attempts,
    next_attempt_at, last_error, message_id, created_at, sent_at)
SELECT id, kind, round_id, rater_id, to_email, to_name, status, attempts,
    next_attempt_at, last_error, message_id, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_rater ON outbox(rater_id, id);

CREATE INDEX raters_awaiting ON raters(round_id, last_emailed_at)
    WHERE status IN ('invited', 'opened', 'in_progress') AND opted_out_at IS NULL;
