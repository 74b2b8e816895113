package debrief_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestSummary(t *testing.T) {
	ctx := context.Background()

	t.Run("RefusesARoundNotClosed", func(t *testing.T) {
		f := newFixture(t, "Olga Open")
		sum, err := f.debriefs.Summary(ctx, f.round)
		if rapport.ErrorCode(err) != rapport.ECONFLICT || sum != nil {
			t.Fatalf("an open round's summary: %v, %v; want a conflict and none", sum, err)
		}
	})

	t.Run("CountsSubmittedAnswersByGroup", func(t *testing.T) {
		f := newFixture(t, "Cleo Closed")
		sum, err := f.debriefs.Summary(ctx, f.close(t, f.round.ID))
		if err != nil {
			t.Fatal(err)
		}
		want := map[rapport.Relationship]int{"self": 1, "superior": 1, "peer": 3} // the late peer never submitted
		for rel, n := range want {
			if sum.Responses[rel] != n {
				t.Errorf("responses of %s: %d, want %d (all: %v)", rel, sum.Responses[rel], n, sum.Responses)
			}
		}
		if len(sum.Competencies) == 0 {
			t.Fatal("no competency figures")
		}
		for _, c := range sum.Competencies {
			if got := c.Scores["peer"].Mean; got != 4 {
				t.Errorf("%s: the peers' mean is %v, want 4", c.Key, got)
			}
		}
		if sum.Progress != nil {
			t.Errorf("a first round shows progress since %+v", sum.Progress)
		}
	})

	t.Run("ComparesWithTheLeadersPreviousClosedRound", func(t *testing.T) {
		f := newFixture(t, "Petra Previous")
		first := f.close(t, f.round.ID)
		second := f.close(t, f.followUp(t))
		sum, err := f.debriefs.Summary(ctx, second)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Progress == nil || sum.Progress.RoundID != first.ID {
			t.Fatalf("progress compares with %+v, want round %d", sum.Progress, first.ID)
		}
	})
}

func TestPDF(t *testing.T) {
	ctx := context.Background()

	t.Run("RefusesARoundNotClosedAndWritesNothing", func(t *testing.T) {
		f := newFixture(t, "Olga Open")
		var buf bytes.Buffer
		if _, err := f.debriefs.PDF(ctx, f.round, &buf); rapport.ErrorCode(err) != rapport.ECONFLICT {
			t.Fatalf("an open round's report: %v; want a conflict", err)
		}
		if buf.Len() != 0 {
			t.Errorf("%d bytes written for a refused report", buf.Len())
		}
	})

	t.Run("DrawsAClosedRoundsReportAndNamesIt", func(t *testing.T) {
		f := newFixture(t, "Ελένη Παπαδοπούλου")
		var buf bytes.Buffer
		meta, err := f.debriefs.PDF(ctx, f.close(t, f.round.ID), &buf)
		if err != nil {
			t.Fatal(err)
		}
		if meta.LeaderName != "Ελένη Παπαδοπούλου" || meta.RoundTitle != f.round.Title {
			t.Errorf("drawn for %q, %q; want the leader's name and %q", meta.LeaderName, meta.RoundTitle, f.round.Title)
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		testkit.Tool(t, "qpdf", "--check", path)
		text := testkit.Tool(t, "pdftotext", path, "-")
		for _, want := range []string{"Ελένη Παπαδοπούλου", f.coach.Name, "A comment from a peer."} {
			if !strings.Contains(text, want) {
				t.Errorf("the report does not show %q", want)
			}
		}
	})

	t.Run("ReportsWhyItCannotBeDrawn", func(t *testing.T) {
		f := newFixture(t, "Bea Broken")
		r := f.close(t, f.round.ID)
		f.breakAnswer(t)
		if _, err := f.debriefs.PDF(ctx, r, &bytes.Buffer{}); err == nil {
			t.Fatal("a report drawn from an answer that is not a number")
		}
	})
}

func TestRelease(t *testing.T) {
	ctx := context.Background()

	// An answer that cannot be read fails the reading, not the drawing:
	// the coach is refused all the same and asked to try again.
	t.Run("AReadingFailureReleasesNothingAndSendsNothing", func(t *testing.T) {
		f := newFixture(t, "Bea Broken")
		f.close(t, f.round.ID)
		f.breakAnswer(t)
		r, err := f.debriefs.Release(ctx, f.coach.ID, f.round.ID)
		if rapport.ErrorCode(err) != rapport.ECONFLICT || r != nil {
			t.Fatalf("release when the answers cannot be read: %v, %v; want a conflict", r, err)
		}
		if msg := rapport.ErrorMessage(err); msg != "The report could not be prepared, so it was not released (please try again; if it keeps failing, the server's log says why). Nothing was sent to the leader." {
			t.Errorf("the refusal reads %q", msg)
		}
		stored, err := f.app.Store.Round(ctx, f.coach.ID, f.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Released() {
			t.Error("the round was released")
		}
		var emails int
		if err := testkit.RawDB(t, f.app.Cfg).Get(&emails, `SELECT count(*) FROM outbox WHERE kind = ? AND round_id = ?`,
			rapport.EmailReportReleased, f.round.ID); err != nil {
			t.Fatal(err)
		}
		if emails != 0 {
			t.Errorf("%d report emails queued", emails)
		}
	})

	t.Run("ReleasesAReportThatDraws", func(t *testing.T) {
		f := newFixture(t, "Rita Ready")
		f.close(t, f.round.ID)
		r, err := f.debriefs.Release(ctx, f.coach.ID, f.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Released() {
			t.Error("the round is not released")
		}
	})

	t.Run("LeavesTheStoreToRefuseARoundNotClosed", func(t *testing.T) {
		f := newFixture(t, "Olga Open")
		_, err := f.debriefs.Release(ctx, f.coach.ID, f.round.ID)
		if rapport.ErrorCode(err) != rapport.ECONFLICT || !strings.Contains(rapport.ErrorMessage(err), "only a closed round") {
			t.Errorf("release of an open round: %v", err)
		}
	})
}
