-- Issue 16, points 1 and 2: a closed round's report is frozen, and what
-- identifies its raters is kept only as long as the coach says.
--
-- round_summaries holds each closed round's summary (every figure and
-- comment its report shows, as the summary API answers it), written once
-- right after the close (or on first read for rounds closed before this
-- migration) and never changed: the API, the PDF, the leader's link and
-- the next round's progress are drawn from it, so they stay the same after
-- the round's answers are purged.
CREATE TABLE round_summaries (
    round_id     INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
    summary_json TEXT NOT NULL,
    frozen_at    TIMESTAMP NOT NULL CHECK (typeof(frozen_at) = 'integer')
);

-- How long a coach keeps a closed round's individual answers, comments
-- and raters' names and addresses.
ALTER TABLE coaches ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 730
    CHECK (retention_days BETWEEN 30 AND 3650);

-- When a round's answers, comments and raters' identities were purged.
ALTER TABLE rounds ADD COLUMN purged_at TIMESTAMP CHECK (purged_at IS NULL OR typeof(purged_at) = 'integer');
CREATE INDEX rounds_closed_unpurged ON rounds(closed_at) WHERE status = 'closed' AND purged_at IS NULL;
