-- What is left to wipe after anonymous answers were detached (see
-- internal/store/checkpoint.go and docs/confidentiality.md). Kept in the
-- database, not in one process's memory: a close may happen in a command
-- that exits (rapport sweep, migrate) before its WAL checkpoint succeeds,
-- and whichever process comes next must finish the wipe.
--
-- detaches counts the transactions that detached a round's answers;
-- checkpointed is how many of them a complete wal_checkpoint(TRUNCATE) has
-- followed. While detaches > checkpointed, the -wal file may still hold
-- older page images of rater-keyed answers and comments. Two counters
-- rather than a flag: a checkpoint clears only the detaches it saw before
-- it started, never one committed meanwhile.
--
-- vacuum_pending is 1 until Store.Migrate has run VACUUM once: space an
-- older binary freed without secure_delete (free pages, freed cells,
-- drafts it autosaved and replaced) still holds what was written there.
CREATE TABLE wipe_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    detaches       INTEGER NOT NULL DEFAULT 0,
    checkpointed   INTEGER NOT NULL DEFAULT 0,
    vacuum_pending INTEGER NOT NULL DEFAULT 0 CHECK (vacuum_pending IN (0, 1))
);
INSERT INTO wipe_state (id, detaches, checkpointed, vacuum_pending) VALUES (1, 0, 0, 1);
