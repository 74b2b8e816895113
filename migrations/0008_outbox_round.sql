-- The round page, the release status and the outbox listing read a round's
-- emails; the outbox only grows, so without this they would scan all of it.
CREATE INDEX outbox_round ON outbox(round_id, id);
