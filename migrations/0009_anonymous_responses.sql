-- Forward anonymity (docs/confidentiality.md). When a round closes, the
-- answers and comments of its anonymous raters (peer, direct_report, other)
-- leave their rater rows for these tables, which hold nothing that ties
-- them to a person: no rater id, no time, and random ids (inserted in a
-- shuffled order), so neither an id nor a row's place says who or when.
--
-- grp is the reported group the response was counted in when the round
-- closed ('peer', 'direct_report', 'other' or 'combined', see
-- internal/scoring/groups.go), never a relationship the report merged
-- away: the database narrows a response no further than the report does.
-- Answers of raters withheld from the report are deleted, not moved.
--
-- A comment is stored apart from the answers of the response it came with,
-- so a comment cannot be matched to one set of scores either.

CREATE TABLE anonymous_responses (
    id       INTEGER PRIMARY KEY, -- random
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    grp      TEXT NOT NULL CHECK (grp IN ('peer', 'direct_report', 'other', 'combined'))
);
CREATE INDEX anonymous_responses_round ON anonymous_responses(round_id);

-- score NULL means "not able to observe".
CREATE TABLE anonymous_answers (
    response_id INTEGER NOT NULL REFERENCES anonymous_responses(id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    score       INTEGER,
    PRIMARY KEY (response_id, item_id)
) WITHOUT ROWID;

CREATE TABLE anonymous_comments (
    id          INTEGER PRIMARY KEY, -- random
    round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    grp         TEXT NOT NULL CHECK (grp IN ('peer', 'direct_report', 'other', 'combined')),
    question_id INTEGER NOT NULL REFERENCES open_questions(id),
    text        TEXT NOT NULL
);
CREATE INDEX anonymous_comments_round ON anonymous_comments(round_id);

-- Set in the transaction that detaches a round's anonymous answers. Rounds
-- closed before this migration are detached by Store.Migrate right after it
-- (the grouping rule is Go code), before any command serves or reports.
ALTER TABLE rounds ADD COLUMN answers_detached INTEGER NOT NULL DEFAULT 0;
