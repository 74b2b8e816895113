-- Browser sessions of coaches. Only a keyed hash of the session id is kept,
-- so a copy of the database signs nobody in. A session ends when idle for
-- too long (last_seen_at), at its absolute end (expires_at), or at sign-out.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    coach_id     INTEGER NOT NULL REFERENCES coaches(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    last_seen_at TIMESTAMP NOT NULL CHECK (typeof(last_seen_at) = 'integer'),
    expires_at   TIMESTAMP NOT NULL CHECK (typeof(expires_at) = 'integer'),
    -- A one-time message shown on the next page (after a redirect).
    flash        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_coach ON sessions(coach_id);
