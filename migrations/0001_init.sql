-- Times are stored as INTEGER unix seconds in columns declared TIMESTAMP:
-- they compare and index as numbers, and the driver scans them into time.Time.

CREATE TABLE coaches (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer')
);

-- API bearer tokens; only a keyed hash is kept.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    coach_id   INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    expires_at TIMESTAMP NOT NULL CHECK (typeof(expires_at) = 'integer')
);
CREATE INDEX api_tokens_coach ON api_tokens(coach_id);

CREATE TABLE leaders (
    id           INTEGER PRIMARY KEY,
    coach_id     INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL COLLATE NOCASE,
    title        TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer')
);
CREATE INDEX leaders_coach ON leaders(coach_id);

-- Questionnaires. coach_id is NULL for the built-in ones. A framework used by
-- a round is never changed, so answers always point at the items they rated.
CREATE TABLE frameworks (
    id           INTEGER PRIMARY KEY,
    coach_id     INTEGER REFERENCES coaches(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    scale_min    INTEGER NOT NULL,
    scale_max    INTEGER NOT NULL,
    scale_labels TEXT NOT NULL, -- JSON array, one label per point
    created_at   TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer')
);
CREATE UNIQUE INDEX frameworks_owner_key ON frameworks(ifnull(coach_id, 0), key);

CREATE TABLE competencies (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    UNIQUE (framework_id, key)
);

CREATE TABLE items (
    id            INTEGER PRIMARY KEY,
    competency_id INTEGER NOT NULL REFERENCES competencies(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    key           TEXT NOT NULL,
    text_self     TEXT NOT NULL,
    text_other    TEXT NOT NULL,
    UNIQUE (competency_id, key)
);

CREATE TABLE open_questions (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    key          TEXT NOT NULL,
    text         TEXT NOT NULL,
    UNIQUE (framework_id, key)
);

CREATE TABLE rounds (
    id                  INTEGER PRIMARY KEY,
    coach_id            INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    leader_id           INTEGER NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
    framework_id        INTEGER NOT NULL REFERENCES frameworks(id),
    title               TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    closes_at           TIMESTAMP NOT NULL CHECK (typeof(closes_at) = 'integer'),
    anonymity_threshold INTEGER NOT NULL CHECK (anonymity_threshold >= 2),
    reminder_interval   INTEGER NOT NULL CHECK (reminder_interval > 0), -- seconds
    max_reminders       INTEGER NOT NULL CHECK (max_reminders >= 0),
    created_at          TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    launched_at         TIMESTAMP CHECK (launched_at IS NULL OR typeof(launched_at) = 'integer'),
    closed_at           TIMESTAMP CHECK (closed_at IS NULL OR typeof(closed_at) = 'integer'),
    released_at         TIMESTAMP CHECK (released_at IS NULL OR typeof(released_at) = 'integer'),
    -- The leader's report link (set at release): keyed hash and sealed copy only.
    report_token_hash   BLOB UNIQUE,
    report_token_sealed BLOB
);
CREATE INDEX rounds_coach ON rounds(coach_id, created_at);
CREATE INDEX rounds_leader ON rounds(leader_id);
CREATE INDEX rounds_open_closing ON rounds(closes_at) WHERE status = 'open';

CREATE TABLE raters (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL COLLATE NOCASE,
    relationship    TEXT NOT NULL CHECK (relationship IN ('self', 'superior', 'peer', 'direct_report', 'other')),
    status          TEXT NOT NULL DEFAULT 'invited'
                    CHECK (status IN ('invited', 'opened', 'in_progress', 'submitted', 'declined')),
    -- The survey link: keyed hash for lookup, sealed copy so reminders repeat it.
    token_hash      BLOB NOT NULL UNIQUE,
    token_sealed    BLOB NOT NULL,
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    opened_at       TIMESTAMP,
    started_at      TIMESTAMP,
    submitted_at    TIMESTAMP,
    declined_at     TIMESTAMP,
    opted_out_at    TIMESTAMP,
    reminders_sent  INTEGER NOT NULL DEFAULT 0,
    last_emailed_at TIMESTAMP,
    UNIQUE (round_id, email)
);
CREATE UNIQUE INDEX raters_one_self ON raters(round_id) WHERE relationship = 'self';

-- score NULL means "not able to observe".
CREATE TABLE answers (
    rater_id INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
    item_id  INTEGER NOT NULL REFERENCES items(id),
    score    INTEGER,
    PRIMARY KEY (rater_id, item_id)
) WITHOUT ROWID;

CREATE TABLE comments (
    rater_id    INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES open_questions(id),
    text        TEXT NOT NULL,
    PRIMARY KEY (rater_id, question_id)
) WITHOUT ROWID;

-- Every email is written here in the same transaction as its cause, then
-- delivered by the mail worker. Bodies are rendered at delivery time so that
-- no link token is ever stored in the clear.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL, -- invitation, reminder, last_call, round_closed, report_released
    round_id        INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
    rater_id        INTEGER REFERENCES raters(id) ON DELETE CASCADE,
    to_email        TEXT NOT NULL,
    to_name         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL CHECK (typeof(next_attempt_at) = 'integer'),
    last_error      TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_rater ON outbox(rater_id, id);
