-- The unsubscribe link (/u/{token}) has its own token, derived from the
-- survey token with a key only the instance secret gives (see
-- secrets.Keys.OptOutToken), so that the link in List-Unsubscribe headers,
-- which mail providers and gateways read, does not open the survey. Only its
-- keyed hash is kept, for lookup, like token_hash.
--
-- SQL cannot fill it for raters created before this migration (it needs the
-- secret): Store.Migrate fills the NULLs right after applying migrations,
-- which every command does at start. See store/optout.go.
ALTER TABLE raters ADD COLUMN optout_hash BLOB;
CREATE UNIQUE INDEX raters_optout_hash ON raters(optout_hash);
