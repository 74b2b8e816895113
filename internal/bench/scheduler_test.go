//go:build bench

package bench

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// The scheduler's size: 10,000 open rounds of 10 raters, two of each
// round's raters due a reminder.
const (
	schedRounds         = 10_000
	schedRatersPerRound = 10
	schedDuePerRound    = 2
)

func TestBenchScheduler(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.ConfigIn(t, t.TempDir())
	st := testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	now := time.Now().Truncate(time.Second)
	st.Now = func() time.Time { return now }

	built := time.Now()
	if err := fillScheduler(ctx, t, st, db, now); err != nil {
		t.Fatal(err)
	}
	var raters, awaiting int
	db.Get(&raters, `SELECT count(*) FROM raters`)
	db.Get(&awaiting, `SELECT count(*) FROM raters WHERE status IN ('invited', 'opened', 'in_progress')`)
	fmt.Printf("scheduler fixture: %d open rounds, %d raters (%d awaiting an answer), built in %v\n",
		schedRounds, raters, awaiting, time.Since(built).Round(time.Millisecond))

	checkSchedulerPlans(t, db, now)

	runner := &jobs.Runner{Store: st, Log: testkit.Logger()}
	var outboxBefore int
	db.Get(&outboxBefore, `SELECT count(*) FROM outbox`)
	began := time.Now()
	if err := runner.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	busy := time.Since(began)
	var queued int
	db.Get(&queued, `SELECT count(*) FROM outbox`)
	queued -= outboxBefore
	wantDue := schedRounds * schedDuePerRound
	fmt.Printf("scheduler pass, %d of %d raters due: %.0f ms: %s (goal < 1000 ms)\n",
		wantDue, raters, ms(busy), verdict(busy < time.Second && queued == wantDue))
	if queued != wantDue {
		t.Errorf("the pass queued %d reminders, want %d", queued, wantDue)
	}
	var lastCalls int
	db.Get(&lastCalls, `SELECT count(*) FROM outbox WHERE kind = 'last_call'`)
	if want := schedRounds / 10 * schedDuePerRound; lastCalls != want {
		t.Errorf("the pass queued %d last calls, want %d (rounds closing within a day)", lastCalls, want)
	}

	// The same pass again: everyone due was just reminded, so nothing is due.
	const idleRuns = 20
	var idle []time.Duration
	for range idleRuns {
		began := time.Now()
		if err := runner.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		idle = append(idle, time.Since(began))
	}
	var after int
	db.Get(&after, `SELECT count(*) FROM outbox`)
	med := median(idle)
	fmt.Printf("scheduler pass, nothing due (median of %d): %.2f ms: %s (goal < 10 ms)\n", idleRuns, ms(med), verdict(med < 10*time.Millisecond))
	if after != outboxBefore+queued {
		t.Errorf("a pass with nothing due queued %d emails", after-outboxBefore-queued)
	}
}

// fillScheduler writes the rounds and raters in one transaction with
// set-based INSERTs. Per round: two raters due (last emailed 4 days ago,
// interval 3 days), one who submitted (with answers), one who opted out,
// and the rest reminded an hour ago. A tenth of the rounds close within a
// day, so their reminders are worded as last calls.
func fillScheduler(ctx context.Context, t testing.TB, st *store.Store, db *sqlx.DB, now time.Time) error {
	seed := testkit.OpenLoadRounds(t, st, db, 0)
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	n := now.Unix()
	steps := []struct {
		sql  string
		args []any
	}{
		{`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		INSERT INTO rounds (coach_id, leader_id, framework_id, title, status, closes_at, anonymity_threshold,
			reminder_interval, max_reminders, created_at, launched_at)
		SELECT s.coach_id, s.leader_id, s.framework_id, 'Round ' || i, 'open',
			CASE WHEN i % 10 = 0 THEN ? + 12 * 3600 ELSE ? + 20 * 86400 END, 3, 3 * 86400, 3, ? - 10 * 86400, ? - 10 * 86400
		FROM seq, (SELECT coach_id, leader_id, framework_id FROM rounds WHERE id = ?) s`,
			[]any{schedRounds, n, n, n, n, seed.IDs[0]}},
		{`DELETE FROM rounds WHERE id = ?`, []any{seed.IDs[0]}},
		{`WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1)
		INSERT INTO raters (round_id, name, email, relationship, status, token_hash, token_sealed, created_at,
			submitted_at, opted_out_at, reminders_sent, last_emailed_at)
		SELECT r.id, 'Rater ' || i, 'rater' || i || '@example.com', 'peer',
			CASE i WHEN 2 THEN 'submitted' WHEN 3 THEN 'in_progress' ELSE 'invited' END,
			randomblob(32), randomblob(60), ? - 10 * 86400,
			CASE i WHEN 2 THEN ? - 86400 END, CASE i WHEN 3 THEN ? - 86400 END,
			CASE WHEN i < ? THEN 1 ELSE 2 END,
			CASE WHEN i < ? THEN ? - 4 * 86400 ELSE ? - 3600 END
		FROM rounds r, seq`,
			[]any{schedRatersPerRound, n, n, n, schedDuePerRound, schedDuePerRound, n, n}},
		{`UPDATE raters SET response_id = id WHERE status = 'submitted'`, nil},
		{`INSERT INTO answers (response_id, item_id, score)
		SELECT ra.response_id, it.id, 1 + (ra.id + it.id) % 5 FROM raters ra, items it
		WHERE ra.status = 'submitted' AND it.id IN (` + placeholders(len(seed.Items)) + `)`, anyInts(seed.Items)},
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s.sql, s.args...); err != nil {
			return fmt.Errorf("scheduler fixture: %w\n%s", err, s.sql)
		}
	}
	return tx.Commit()
}

// checkSchedulerPlans prints the query plan of each statement of a pass and
// fails if one scans a table instead of using an index, or reads answers.
func checkSchedulerPlans(t *testing.T, db *sqlx.DB, now time.Time) {
	t.Helper()
	for _, q := range store.SchedulerQueries() {
		args := make([]any, strings.Count(q.SQL, "?"))
		for i := range args {
			args[i] = now.Unix()
		}
		var rows []struct {
			ID, Parent, NotUsed int
			Detail              string
		}
		if err := db.Select(&rows, `EXPLAIN QUERY PLAN `+q.SQL, args...); err != nil {
			t.Fatalf("explain %s: %v", q.Name, err)
		}
		fmt.Printf("query plan of %s:\n", q.Name)
		for _, r := range rows {
			fmt.Printf("    %s\n", r.Detail)
			if strings.HasPrefix(r.Detail, "SCAN ") && !strings.Contains(r.Detail, "USING") {
				t.Errorf("%s scans a whole table: %s", q.Name, r.Detail)
			}
			if strings.Contains(r.Detail, "answers") {
				t.Errorf("%s reads answers: %s", q.Name, r.Detail)
			}
		}
	}
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anyInts(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
