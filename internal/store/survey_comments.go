package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// saveComments writes a draft's open answers: the texts in one upsert and
// the emptied ones in one delete (an empty text box removes its answer). A
// browser sends every text box with each save, so this is two statements
// rather than one per question, each of which would cost more in the
// driver than in SQLite. The comments are checked already.
func saveComments(ctx context.Context, tx *sqlx.Tx, responseID int64, f *rapport.Framework, comments map[string]string, fresh bool) error {
	if len(comments) == 0 {
		return nil
	}
	var written, cleared []any
	// The statements' text depends only on how many rows they hold, so the
	// statement cache keeps a handful of them.
	for _, q := range f.OpenQuestions {
		text, ok := comments[q.Key]
		switch {
		case !ok:
		case isBlank(text):
			if !fresh {
				cleared = append(cleared, q.ID)
			}
		default:
			written = append(written, responseID, q.ID, text)
		}
	}
	if len(written) > 0 {
		rows := strings.Repeat("(?, ?, ?), ", len(written)/3)
		_, err := tx.ExecContext(ctx, `INSERT INTO comments (response_id, question_id, text) VALUES `+rows[:len(rows)-2]+`
			ON CONFLICT (response_id, question_id) DO UPDATE SET text = excluded.text`, written...)
		if err != nil {
			return fmt.Errorf("store: save comments: %w", err)
		}
	}
	if len(cleared) > 0 {
		ids := strings.Repeat("?, ", len(cleared))
		args := append([]any{responseID}, cleared...)
		_, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE response_id = ? AND question_id IN (`+ids[:len(ids)-2]+`)`, args...)
		if err != nil {
			return fmt.Errorf("store: clear comments: %w", err)
		}
	}
	return nil
}
