package store

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// migrationSteps are the parts of migrations that SQL cannot express, run
// in the migration's transaction right after its SQL, by version.
var migrationSteps = map[int]func(ctx context.Context, tx *sqlx.Tx) error{
	11: repairInvalidUTF8,
}

// userTexts are the columns that hold text people typed, by table.
// Addresses are left out: one with invalid bytes could not be delivered
// before either, and rewriting it could make two rows collide on a unique
// address.
var userTexts = map[string][]string{
	"coaches":            {"name"},
	"leaders":            {"name", "title", "organization"},
	"frameworks":         {"name", "description", "scale_labels"},
	"competencies":       {"name", "description"},
	"items":              {"text_self", "text_other"},
	"open_questions":     {"text"},
	"rounds":             {"title"},
	"raters":             {"name"},
	"comments":           {"text"},
	"anonymous_comments": {"text"},
	"outbox":             {"to_name"},
}

// repairInvalidUTF8 rewrites every user text holding bytes that are not
// valid UTF-8 with rapport.ValidUTF8 (migration 0011). Rows are matched by
// their bytes, not by a key: comments has no rowid and a composite key.
func repairInvalidUTF8(ctx context.Context, tx *sqlx.Tx) error {
	for table, columns := range userTexts {
		for _, col := range columns {
			var texts [][]byte
			// Read as bytes: SQLite's text functions assume valid UTF-8.
			q := fmt.Sprintf(`SELECT DISTINCT CAST(%[1]s AS BLOB) FROM %[2]s WHERE %[1]s IS NOT NULL`, col, table)
			if err := tx.SelectContext(ctx, &texts, q); err != nil {
				return fmt.Errorf("store: read %s.%s to repair its text: %w", table, col, err)
			}
			for _, b := range texts {
				if utf8.Valid(b) {
					continue
				}
				u := fmt.Sprintf(`UPDATE %[1]s SET %[2]s = ? WHERE CAST(%[2]s AS BLOB) = ?`, table, col)
				if _, err := tx.ExecContext(ctx, u, rapport.ValidUTF8(string(b)), b); err != nil {
					return fmt.Errorf("store: repair the text of %s.%s: %w", table, col, err)
				}
			}
		}
	}
	return nil
}
