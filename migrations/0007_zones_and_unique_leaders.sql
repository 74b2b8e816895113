-- A round's deadline is typed in a time zone and shown back in it (on the
-- coach's pages, the survey and every email): keep the zone, an IANA name.
ALTER TABLE rounds ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';

-- One leader per email address per coach (emails compare without case,
-- the column is NOCASE). Duplicates made before this rule stay as they are,
-- marked, so that no round loses its leader; new ones are refused.
ALTER TABLE leaders ADD COLUMN legacy_duplicate INTEGER NOT NULL DEFAULT 0;
UPDATE leaders SET legacy_duplicate = 1
    WHERE id NOT IN (SELECT min(id) FROM leaders GROUP BY coach_id, email);
CREATE UNIQUE INDEX leaders_coach_email ON leaders(coach_id, email) WHERE legacy_duplicate = 0;
