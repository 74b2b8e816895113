package store

import (
	"strings"
	"testing"
)

// TestPlansIgnoreBoundValues checks that every connection has SQLite's
// query planner stability guarantee on (statement_plans.go): without it the cached
// statements are prepared again on every run. The visible sign is that a
// bound value cannot steer the plan: a planner that looked at "open" here
// would pick the partial index for open rounds.
func TestPlansIgnoreBoundValues(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.w.Exec(`CREATE TABLE r (id INTEGER PRIMARY KEY, status TEXT NOT NULL, closes_at INTEGER NOT NULL);
		CREATE INDEX r_open_closing ON r(closes_at) WHERE status = 'open'`); err != nil {
		t.Fatal(err)
	}
	for _, conn := range []struct {
		name string
		plan func() (string, error)
	}{
		{"writer", func() (string, error) { return explain(s, true) }},
		{"reader", func() (string, error) { return explain(s, false) }},
	} {
		// Twice: the second run reuses the cached statement.
		for run := 1; run <= 2; run++ {
			plan, err := conn.plan()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(plan, "r_open_closing") {
				t.Errorf("%s, run %d: the plan depends on a bound value (QPSG is off): %s", conn.name, run, plan)
			}
		}
	}
}

func explain(s *Store, writer bool) (string, error) {
	db := s.r
	if writer {
		db = s.w
	}
	rows, err := db.Query(`EXPLAIN QUERY PLAN SELECT id FROM r WHERE status = ? AND closes_at < ?`, "open", 100)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; "), rows.Err()
}
