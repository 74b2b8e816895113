package store_test

import (
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// A scheduler pass runs every few minutes whether or not anything is due:
// its queries must use indexes, not scan raters or the outbox.
func TestSchedulerQueriesUseIndexes(t *testing.T) {
	cfg := testkit.Config(t)
	testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	plan := func(t *testing.T, query string, args ...any) string {
		t.Helper()
		rows, err := db.Queryx("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		return strings.Join(lines, "\n")
	}
	t.Run("DueReminders", func(t *testing.T) {
		p := plan(t, store.DueRemindersSQL, 0, 0)
		t.Logf("plan:\n%s", p)
		if !strings.Contains(p, "USING INDEX rounds_open_closing") || !strings.Contains(p, "USING INDEX raters_awaiting") {
			t.Errorf("due reminders do not use rounds_open_closing and raters_awaiting:\n%s", p)
		}
	})
	t.Run("DueMail", func(t *testing.T) {
		p := plan(t, `SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`, 0)
		t.Logf("plan:\n%s", p)
		if !strings.Contains(p, "USING INDEX outbox_due") {
			t.Errorf("the mail worker's poll does not use outbox_due:\n%s", p)
		}
	})
	t.Run("EveryStatementOfAPassUsesAnIndex", func(t *testing.T) {
		for _, q := range store.SchedulerQueries() {
			args := make([]any, strings.Count(q.SQL, "?"))
			for i := range args {
				args[i] = 0
			}
			p := plan(t, q.SQL, args...)
			for _, line := range strings.Split(p, "\n") {
				if strings.HasPrefix(line, "SCAN ") && !strings.Contains(line, "USING") || strings.Contains(line, "answers") {
					t.Errorf("%s reads a whole table (or answers):\n%s", q.Name, p)
				}
			}
		}
	})
	t.Run("DueDeadlines", func(t *testing.T) {
		p := plan(t, `SELECT id FROM rounds r WHERE r.status = 'open' AND r.closes_at <= ?`, 0)
		if !strings.Contains(p, "INDEX rounds_open_closing") {
			t.Errorf("closing due rounds does not use rounds_open_closing:\n%s", p)
		}
	})
}
