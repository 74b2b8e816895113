package testkit

import "testing"

// ClaimResponse gives the rater with id ? a response number, if they have
// none yet, as their first save does: answers and comments are stored
// under it (migrations/0018).
const ClaimResponse = `UPDATE raters SET response_id = coalesce(response_id, (SELECT ifnull(max(response_id), 0) + 1 FROM raters))
	WHERE id = ?`

// SubmitResponse writes a rater's answers (item id → score, nil for "not
// able to observe") and comments (open question id → text) straight into
// the database and marks the rater submitted: for tests of what comes after
// the survey, independent of how the survey saves them.
func (a *App) SubmitResponse(t testing.TB, raterID int64, scores map[int64]*int, comments map[int64]string) {
	t.Helper()
	db := RawDB(t, a.Cfg)
	tx := db.MustBegin()
	tx.MustExec(ClaimResponse, raterID)
	for item, score := range scores {
		tx.MustExec(`INSERT OR REPLACE INTO answers (response_id, item_id, score) VALUES `+
			`((SELECT response_id FROM raters WHERE id = ?), ?, ?)`, raterID, item, score)
	}
	for q, text := range comments {
		tx.MustExec(`INSERT OR REPLACE INTO comments (response_id, question_id, text) VALUES `+
			`((SELECT response_id FROM raters WHERE id = ?), ?, ?)`, raterID, q, text)
	}
	tx.MustExec(`UPDATE raters SET status = 'submitted', submitted_at = unixepoch() WHERE id = ?`, raterID)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
