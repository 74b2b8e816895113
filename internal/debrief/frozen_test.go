package debrief_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// afterRetention moves the store's clock past the default retention period
// (730 days) of a round closed now.
func (f *fixture) afterRetention(t *testing.T) {
	t.Helper()
	later := f.app.Store.Now().Add(731 * 24 * time.Hour)
	f.app.Store.Now = func() time.Time { return later }
	// The coach's API token would have expired meanwhile; they sign in again.
	testkit.RawDB(t, f.app.Cfg).MustExec(`UPDATE api_tokens SET expires_at = expires_at + 800 * 86400`)
}

// sweep runs one scheduler pass, as `rapport serve` and `rapport sweep` do.
func (f *fixture) sweep(t *testing.T) {
	t.Helper()
	runner := &jobs.Runner{Store: f.app.Store, Log: testkit.Logger(), Debriefs: f.debriefs}
	if err := runner.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// summaryBytes is the summary API's body for a round.
func (f *fixture) summaryBytes(t *testing.T, roundID int64) []byte {
	t.Helper()
	resp := f.app.Do(http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d/summary", roundID), f.token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("summary: %d %s", resp.Status, resp.Body)
	}
	return []byte(resp.Body)
}

// pdfText is the text of the round's report PDF as the coach downloads it.
func (f *fixture) pdfText(t *testing.T, roundID int64) string {
	t.Helper()
	resp := f.app.Do(http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID), f.token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("report: %d %s", resp.Status, resp.Body)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, []byte(resp.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	return testkit.Tool(t, "pdftotext", "-layout", path, "-")
}

// roundJSON is the round as the API shows it.
func (f *fixture) roundJSON(t *testing.T, roundID int64) map[string]any {
	t.Helper()
	resp := f.app.Do(http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d", roundID), f.token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("round: %d %s", resp.Status, resp.Body)
	}
	return resp.Map(t)
}

func count(t *testing.T, f *fixture, query string, args ...any) int {
	t.Helper()
	var n int
	if err := testkit.RawDB(t, f.app.Cfg).Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFrozenReport(t *testing.T) {
	t.Run("ReadsTheSameAfterThePurge", func(t *testing.T) {
		f := newFixture(t, "Ana Lima")
		if _, err := f.debriefs.Close(context.Background(), f.coach.ID, f.round.ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, f, `SELECT count(*) FROM round_summaries WHERE round_id = ?`, f.round.ID); n != 1 {
			t.Fatalf("%d frozen summaries right after the close, want 1", n)
		}
		summary, text := f.summaryBytes(t, f.round.ID), f.pdfText(t, f.round.ID)
		before := f.roundJSON(t, f.round.ID)
		closedAt, _ := time.Parse(time.RFC3339, before["closed_at"].(string))
		if got, want := before["purge_at"], closedAt.Add(730*24*time.Hour).Format(time.RFC3339); got != want || before["purged_at"] != nil {
			t.Fatalf("before the purge: purge_at %v (want %s), purged_at %v", got, want, before["purged_at"])
		}

		f.afterRetention(t)
		f.sweep(t)

		after := f.roundJSON(t, f.round.ID)
		if after["purged_at"] == nil || after["purge_at"] != nil {
			t.Fatalf("after the purge: purge_at %v, purged_at %v", after["purge_at"], after["purged_at"])
		}
		for _, table := range []string{"anonymous_responses", "anonymous_comments"} {
			if n := count(t, f, `SELECT count(*) FROM `+table+` WHERE round_id = ?`, f.round.ID); n != 0 {
				t.Errorf("%d rows left in %s", n, table)
			}
		}
		if n := count(t, f, `SELECT count(*) FROM anonymous_answers`); n != 0 {
			t.Errorf("%d anonymous answers left", n)
		}
		// Every answer and comment of the fixture is this round's.
		for _, table := range []string{"answers", "comments"} {
			if n := count(t, f, `SELECT count(*) FROM `+table); n != 0 {
				t.Errorf("%d rows left in %s", n, table)
			}
		}
		if n := count(t, f, `SELECT count(*) FROM raters WHERE round_id = ? AND (name != ? OR email NOT LIKE '%@removed.invalid')`,
			f.round.ID, store.PurgedRaterName); n != 0 {
			t.Errorf("%d raters keep their name or address", n)
		}
		if n := count(t, f, `SELECT count(*) FROM raters WHERE round_id = ? AND status = 'submitted'`, f.round.ID); n != 5 {
			t.Errorf("%d raters still submitted, want 5 (statuses are kept)", n)
		}
		if got := f.summaryBytes(t, f.round.ID); !bytes.Equal(got, summary) {
			t.Errorf("summary changed by the purge:\nbefore %s\nafter  %s", summary, got)
		}
		if got := f.pdfText(t, f.round.ID); got != text {
			t.Errorf("report text changed by the purge:\nbefore %s\nafter  %s", text, got)
		}
	})

	t.Run("LaterRoundsProgressComparesWithThePurgedRound", func(t *testing.T) {
		f := newFixture(t, "Ana Lima")
		if _, err := f.debriefs.Close(context.Background(), f.coach.ID, f.round.ID); err != nil {
			t.Fatal(err)
		}
		var first struct {
			Competencies []struct {
				Key    string
				Scores map[string]struct{ Mean float64 }
			}
		}
		if err := json.Unmarshal(f.summaryBytes(t, f.round.ID), &first); err != nil {
			t.Fatal(err)
		}
		second := f.followUp(t)
		f.afterRetention(t)
		if p, err := f.app.Store.PurgeExpiredRounds(context.Background()); err != nil || p.Rounds != 1 {
			t.Fatalf("purged %d rounds (%v), want the first", p.Rounds, err)
		}
		// The follow-up closes only now, after the first round's answers are gone.
		if _, err := f.debriefs.Close(context.Background(), f.coach.ID, second); err != nil {
			t.Fatal(err)
		}
		var later struct {
			Progress *struct {
				RoundID int64 `json:"round_id"`
			}
			Competencies []struct {
				Key      string
				Change   map[string]float64
				Previous map[string]float64
			}
		}
		if err := json.Unmarshal(f.summaryBytes(t, second), &later); err != nil {
			t.Fatal(err)
		}
		if later.Progress == nil || later.Progress.RoundID != f.round.ID {
			t.Fatalf("progress %+v, want against round %d", later.Progress, f.round.ID)
		}
		for i, c := range later.Competencies {
			want := first.Competencies[i].Scores["all_others"].Mean
			if prev, ok := c.Previous["all_others"]; !ok || prev != want {
				t.Errorf("%s: previous all_others %v (present %v), want %v", c.Key, prev, ok, want)
			}
			if change, ok := c.Change["all_others"]; !ok || change != 0 {
				t.Errorf("%s: change %v (present %v), want 0: both rounds were answered alike", c.Key, change, ok)
			}
		}
	})

	t.Run("FreezesARoundClosedBeforeFrozenSummariesOnFirstRead", func(t *testing.T) {
		f := newFixture(t, "Ana Lima")
		f.close(t, f.round.ID) // the store alone, as before migration 0015
		if n := count(t, f, `SELECT count(*) FROM round_summaries`); n != 0 {
			t.Fatalf("%d frozen summaries before the first read", n)
		}
		first := f.summaryBytes(t, f.round.ID)
		if n := count(t, f, `SELECT count(*) FROM round_summaries WHERE round_id = ?`, f.round.ID); n != 1 {
			t.Fatalf("%d frozen summaries after the first read, want 1", n)
		}
		var kept string
		if err := testkit.RawDB(t, f.app.Cfg).Get(&kept, `SELECT summary_json FROM round_summaries`); err != nil {
			t.Fatal(err)
		}
		if kept != string(first) || !bytes.Equal(f.summaryBytes(t, f.round.ID), first) {
			t.Fatal("the summary read is not the one kept")
		}
	})

	t.Run("TheSchedulersCloseAtTheDeadlineFreezes", func(t *testing.T) {
		f := newFixture(t, "Ana Lima")
		later := f.app.Store.Now().Add(15 * 24 * time.Hour) // the deadline is in 14 days
		f.app.Store.Now = func() time.Time { return later }
		f.sweep(t)
		if n := count(t, f, `SELECT count(*) FROM round_summaries s JOIN rounds r ON r.id = s.round_id
			WHERE r.id = ? AND r.status = 'closed'`, f.round.ID); n != 1 {
			t.Fatal("the pass that closed the round at its deadline did not freeze its summary")
		}
	})

	t.Run("SweepFreezesBeforeItPurges", func(t *testing.T) {
		f := newFixture(t, "Ana Lima")
		f.close(t, f.round.ID)
		f.afterRetention(t)
		// A pass that cannot freeze never purges what the report needs.
		if err := (&jobs.Runner{Store: f.app.Store, Log: testkit.Logger()}).Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := count(t, f, `SELECT count(*) FROM rounds WHERE purged_at IS NOT NULL`); n != 0 {
			t.Fatal("a round was purged before its summary was frozen")
		}
		f.sweep(t)
		if n := count(t, f, `SELECT count(*) FROM rounds WHERE id = ? AND purged_at IS NOT NULL
			AND EXISTS (SELECT 1 FROM round_summaries WHERE round_id = rounds.id)`, f.round.ID); n != 1 {
			t.Fatal("the sweep did not freeze, then purge, the round")
		}
	})

}
