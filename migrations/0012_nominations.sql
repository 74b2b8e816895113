-- The leader nominates, the coach decides (issue 14).
--
-- nominations holds a draft round's nomination link, one per round: like a
-- survey link, only its keyed hash and a sealed copy (for the email, rendered
-- at delivery). nominees is the leader's saved list as a JSON array of
-- {name, email, relationship}, kept as typed until they submit it.
CREATE TABLE nominations (
    round_id     INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    token_sealed BLOB NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted')),
    nominees     TEXT NOT NULL DEFAULT '[]',
    created_at   TIMESTAMP NOT NULL CHECK (typeof(created_at) = 'integer'),
    submitted_at TIMESTAMP CHECK (submitted_at IS NULL OR typeof(submitted_at) = 'integer')
);

-- A submitted nominee becomes a rater marked proposed until the coach
-- approves them (proposed = 0) or removes them. A column beside status
-- rather than a new status: a proposal is the coach's decision pending, not
-- a step of answering, and it exists only in a draft round, which nobody
-- has been invited to yet.
ALTER TABLE raters ADD COLUMN proposed INTEGER NOT NULL DEFAULT 0 CHECK (proposed IN (0, 1));
