-- Text is valid UTF-8 everywhere (docs/api.md, "Text"). Release 1 stored
-- names and titles typed in web forms as raw bytes, invalid UTF-8 among
-- them, which then reached emails under charset=UTF-8. SQL cannot tell
-- valid UTF-8 from invalid, so the repair is done in Go, in this
-- migration's transaction (internal/store/migrate_utf8.go): every stored
-- user text with invalid bytes is rewritten with each such byte replaced
-- by U+FFFD, as the JSON API has always stored it.
SELECT 1;
