-- Answers and comments are stored under a response number instead of the
-- rater id. A rater gets the next number at their first write, so each
-- new response goes at the end of both tables, where SQLite appends it to
-- the last page. Keyed by rater id, raters submitting in any order put
-- every new response in the middle of the tables, and each insert there
-- rebalanced three or four full pages: about 11 of the 14 pages a submit
-- wrote (docs/benchmarks.md, issue 13).
--
-- response_id NULL: the rater has written nothing yet (or declined, or
-- their answers left the row when the round closed: detach.go). It ties
-- a response to its rater exactly as rater_id did, no more: the number
-- says in which order raters first wrote, so it is cleared when the
-- answers leave the row.
-- Rows whose rater is gone can only come from a hand edit with foreign keys
-- off. They belong to nobody and would fail the copies below; and copied
-- unchecked, their old rater id would be a response number a new rater
-- could later be given.
DELETE FROM answers WHERE rater_id NOT IN (SELECT id FROM raters);
DELETE FROM comments WHERE rater_id NOT IN (SELECT id FROM raters);

ALTER TABLE raters ADD COLUMN response_id INTEGER;
UPDATE raters SET response_id = id
    WHERE id IN (SELECT rater_id FROM answers UNION SELECT rater_id FROM comments);
CREATE UNIQUE INDEX raters_response ON raters(response_id);

-- score NULL means "not able to observe".
CREATE TABLE answers_by_response (
    response_id INTEGER NOT NULL REFERENCES raters(response_id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    score       INTEGER,
    PRIMARY KEY (response_id, item_id)
) WITHOUT ROWID;
INSERT INTO answers_by_response (response_id, item_id, score) SELECT rater_id, item_id, score FROM answers;
DROP TABLE answers;
ALTER TABLE answers_by_response RENAME TO answers;

CREATE TABLE comments_by_response (
    response_id INTEGER NOT NULL REFERENCES raters(response_id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES open_questions(id),
    text        TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
INSERT INTO comments_by_response (response_id, question_id, text) SELECT rater_id, question_id, text FROM comments;
DROP TABLE comments;
ALTER TABLE comments_by_response RENAME TO comments;
