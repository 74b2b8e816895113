package testkit

import "testing"

// SubmitResponse writes a rater's answers (item id → score, nil for "not
// able to observe") and comments (open question id → text) straight into
// the database and marks the rater submitted: for tests of what comes after
// the survey, independent of how the survey saves them.
func (a *App) SubmitResponse(t testing.TB, raterID int64, scores map[int64]*int, comments map[int64]string) {
	t.Helper()
	db := RawDB(t, a.Cfg)
	tx := db.MustBegin()
	for item, score := range scores {
		tx.MustExec(`INSERT OR REPLACE INTO answers (rater_id, item_id, score) VALUES (?, ?, ?)`, raterID, item, score)
	}
	for q, text := range comments {
		tx.MustExec(`INSERT OR REPLACE INTO comments (rater_id, question_id, text) VALUES (?, ?, ?)`, raterID, q, text)
	}
	tx.MustExec(`UPDATE raters SET status = 'submitted', submitted_at = unixepoch() WHERE id = ?`, raterID)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
