-- Erasure (issue 16). After a round closes, a rater's name and email can be
-- erased on request while their answers stay in the report: the row keeps
-- its relationship and status (the response counts), its name becomes ''
-- and its email a placeholder that is no address ('erased-' || id, unique
-- in the round), and erased_at says when. A leader's erasure deletes the
-- rows outright (store/erase.go).
ALTER TABLE raters ADD COLUMN erased_at TIMESTAMP CHECK (erased_at IS NULL OR typeof(erased_at) = 'integer');
