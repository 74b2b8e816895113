package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// submit answers every item of the survey behind token through the survey's
// own write path: score(i) for the i-th item (nil for N/A), and comments by
// question key.
func submit(t *testing.T, app *testkit.App, token string, score func(i int) *int, comments map[string]string) {
	t.Helper()
	ctx := context.Background()
	link, err := app.Store.ResolveLink(ctx, testkit.Keys(t).Hash(token))
	if err != nil {
		t.Fatal(err)
	}
	d := &rapport.Draft{Answers: everyItem(link.Framework, score), Comments: comments}
	if _, err := app.Store.SubmitSurvey(ctx, link, d); err != nil {
		t.Fatal(err)
	}
}

func saveDraft(t *testing.T, app *testkit.App, token string, d *rapport.Draft) {
	t.Helper()
	ctx := context.Background()
	link, err := app.Store.ResolveLink(ctx, testkit.Keys(t).Hash(token))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Store.SaveDraft(ctx, link, d); err != nil {
		t.Fatal(err)
	}
}

// everyItem answers every item of f, score(i) for the i-th.
func everyItem(f *rapport.Framework, score func(i int) *int) map[int64]*int {
	answers := map[int64]*int{}
	for _, c := range f.Competencies {
		for _, it := range c.Items {
			answers[it.ID] = score(len(answers))
		}
	}
	return answers
}

func fixed(n int) func(int) *int { return func(int) *int { return &n } }

// notObserved answers "not able to observe".
func notObserved(int) *int { return nil }

func raters(rel rapport.Relationship, n int, prefix string) []rapport.RaterInput {
	var out []rapport.RaterInput
	for i := range n {
		out = append(out, rapport.RaterInput{Name: fmt.Sprintf("%s %d", prefix, i), Email: fmt.Sprintf("%s%d@example.com", prefix, i), Relationship: rel})
	}
	return out
}

// rowsOfAnonymousRaters counts answers and comments still keyed by an
// anonymous rater of the round, or by no rater at all, and the round's
// anonymous raters still holding a response number (which says in which
// order they first wrote).
func rowsOfAnonymousRaters(t *testing.T, app *testkit.App, roundID int64) int {
	t.Helper()
	var n int
	err := testkit.RawDB(t, app.Cfg).Get(&n, `SELECT
		(SELECT count(*) FROM answers a JOIN raters r ON r.response_id = a.response_id WHERE r.round_id = ?1
			AND r.relationship IN ('peer', 'direct_report', 'other')) +
		(SELECT count(*) FROM comments c JOIN raters r ON r.response_id = c.response_id WHERE r.round_id = ?1
			AND r.relationship IN ('peer', 'direct_report', 'other')) +
		(SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT response_id FROM raters WHERE response_id IS NOT NULL)) +
		(SELECT count(*) FROM comments WHERE response_id NOT IN (SELECT response_id FROM raters WHERE response_id IS NOT NULL)) +
		(SELECT count(*) FROM raters WHERE round_id = ?1 AND response_id IS NOT NULL
			AND relationship IN ('peer', 'direct_report', 'other'))`, roundID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCloseDetachesAnonymousAnswers(t *testing.T) {
	ctx := context.Background()

	t.Run("LabelsEachResponseWithItsReportedGroupNotItsRelationship", func(t *testing.T) {
		app := testkit.NewApp(t)
		// Threshold 3: the lone peer and the lone other are merged with the
		// direct reports into one combined group of 5.
		list := append(raters(rapport.Superior, 1, "boss"), raters(rapport.Peer, 2, "peer")...)
		list = append(list, raters(rapport.DirectReport, 3, "report")...)
		list = append(list, raters(rapport.Other, 1, "other")...)
		lr := app.Launch(t, "Lea Leader", list...)
		submit(t, app, lr.SelfLink(t), fixed(5), map[string]string{"keep": "Self comment"})
		for _, email := range []string{"boss0@example.com", "peer0@example.com", "report0@example.com",
			"report1@example.com", "report2@example.com", "other0@example.com"} {
			submit(t, app, lr.Links[email], fixed(4), map[string]string{"keep": "From " + email})
		}
		// peer1 keeps a draft and never submits.
		saveDraft(t, app, lr.Links["peer1@example.com"], &rapport.Draft{Comments: map[string]string{"keep": "Unsent draft"}})
		if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
			t.Errorf("%d answers or comments still keyed by an anonymous rater", n)
		}
		db := testkit.RawDB(t, app.Cfg)
		var groups []string
		if err := db.Select(&groups, `SELECT grp FROM anonymous_responses WHERE round_id = ?`, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		if len(groups) != 5 || slices.ContainsFunc(groups, func(g string) bool { return g != "combined" }) {
			t.Errorf("anonymous responses labelled %v, want 5 × combined (the report never shows the lone peer or other apart)", groups)
		}
		var comments []string
		if err := db.Select(&comments, `SELECT grp || ': ' || text FROM anonymous_comments WHERE round_id = ? ORDER BY text`, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		want := []string{"combined: From other0@example.com", "combined: From peer0@example.com", "combined: From report0@example.com",
			"combined: From report1@example.com", "combined: From report2@example.com"}
		if !slices.Equal(comments, want) {
			t.Errorf("anonymous comments %v, want %v", comments, want)
		}
		link, err := app.Store.ResolveLink(ctx, testkit.Keys(t).Hash(lr.SelfLink(t)))
		if err != nil {
			t.Fatal(err)
		}
		var answers int
		if err := db.Get(&answers, `SELECT count(*) FROM anonymous_answers a JOIN anonymous_responses r ON r.id = a.response_id
			WHERE r.round_id = ?`, lr.Round.ID); err != nil || answers != 5*link.Framework.ItemCount() {
			t.Errorf("%d anonymous answers (%v)", answers, err)
		}
		var identified int
		if err := db.Get(&identified, `SELECT count(DISTINCT r.id) FROM answers a JOIN raters r ON r.response_id = a.response_id
			WHERE r.round_id = ?`, lr.Round.ID); err != nil || identified != 2 {
			t.Errorf("answers of %d raters kept with their rater, want 2 (self and superior) (%v)", identified, err)
		}
		var submitted, stamped int
		if err := db.QueryRow(`SELECT count(*), count(submitted_at) FROM raters WHERE round_id = ? AND status = 'submitted'`,
			lr.Round.ID).Scan(&submitted, &stamped); err != nil || submitted != 7 || stamped != 7 {
			t.Errorf("%d raters submitted, %d with a time, want 7 and 7: rater rows keep their status (%v)", submitted, stamped, err)
		}
	})

	t.Run("DeletesTheAnswersOfWithheldRaters", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", append(raters(rapport.Peer, 1, "peer"), raters(rapport.Other, 1, "other")...)...)
		submit(t, app, lr.Links["peer0@example.com"], fixed(2), map[string]string{"keep": "Peer words"})
		submit(t, app, lr.Links["other0@example.com"], fixed(3), map[string]string{"keep": "Other words"})
		if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		var kept int
		if err := testkit.RawDB(t, app.Cfg).Get(&kept, `SELECT (SELECT count(*) FROM anonymous_responses WHERE round_id = ?1)
			+ (SELECT count(*) FROM anonymous_comments WHERE round_id = ?1)`, lr.Round.ID); err != nil || kept != 0 {
			t.Errorf("%d anonymous rows kept for two raters the report withholds (%v)", kept, err)
		}
		if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
			t.Errorf("%d answers or comments still keyed by an anonymous rater", n)
		}
	})

	t.Run("OnTheSchedulersDeadlineClose", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 3, "peer")...)
		for i := range 3 {
			submit(t, app, lr.Links[fmt.Sprintf("peer%d@example.com", i)], fixed(3), nil)
		}
		clock := testkit.NewClock(time.Now().Add(15 * 24 * time.Hour))
		app.Store.Now = clock.Now
		if n, err := app.Store.CloseDueRounds(ctx); err != nil || n != 1 {
			t.Fatalf("closed %d rounds (%v)", n, err)
		}
		if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
			t.Errorf("%d answers or comments still keyed by an anonymous rater", n)
		}
	})

	t.Run("OfRoundsClosedBeforeTheUpgradeAtMigrate", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 3, "peer")...)
		for i := range 3 {
			submit(t, app, lr.Links[fmt.Sprintf("peer%d@example.com", i)], fixed(3), map[string]string{"keep": "Words"})
		}
		// As a round closed by a binary without migration 0009 is.
		testkit.RawDB(t, app.Cfg).MustExec(`UPDATE rounds SET status = 'closed', closed_at = unixepoch() WHERE id = ?`, lr.Round.ID)
		if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n == 0 {
			t.Fatal("nothing to detach: the test proves nothing")
		}
		if _, err := app.Store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
			t.Errorf("%d answers or comments still keyed by an anonymous rater after migrate", n)
		}
		resp, err := app.Store.SubmittedResponses(ctx, lr.Round.ID)
		if err != nil || len(resp.Responses) != 3 || len(resp.Comments) != 3 || resp.Counts[rapport.Peer] != 3 {
			t.Fatalf("responses after migrate: %+v, %v", resp, err)
		}
	})
}

// TestAnonymousStorageHoldsNothingPersonal checks the anonymous tables'
// columns: a later change adding a rater id or a time would undo the point.
func TestAnonymousStorageHoldsNothingPersonal(t *testing.T) {
	cfg := testkit.Config(t)
	testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	want := map[string][]string{
		"anonymous_responses": {"id", "round_id", "grp"},
		"anonymous_answers":   {"response_id", "item_id", "score"},
		"anonymous_comments":  {"id", "round_id", "grp", "question_id", "text"},
	}
	for table, cols := range want {
		var got []string
		if err := db.Select(&got, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, cols) {
			t.Errorf("%s has columns %v, want only %v", table, got, cols)
		}
	}
}

// TestAnonymousResponseIDsFollowNoOrder submits six direct reports per round
// in rater order, each with an answer pattern that says who they are, and
// checks that the responses' ids (and so the rows' order) do not follow it.
func TestAnonymousResponseIDsFollowNoOrder(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	monotonic := 0
	const rounds, perRound = 4, 6
	for range rounds {
		lr := app.Launch(t, "Lea Leader", raters(rapport.DirectReport, perRound, "report")...)
		for k := range perRound {
			// Rater k scores the first item k+1 (1-5), the second item k/5+1.
			submit(t, app, lr.Links[fmt.Sprintf("report%d@example.com", k)], func(i int) *int {
				v := []int{k%5 + 1, k/5 + 1, 3}[min(i, 2)]
				return &v
			}, nil)
		}
		if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		var rows []struct {
			ID    int64 `db:"id"`
			First int   `db:"first"`
			Next  int   `db:"next"`
		}
		err := testkit.RawDB(t, app.Cfg).Select(&rows, `SELECT r.id,
			(SELECT score FROM anonymous_answers WHERE response_id = r.id ORDER BY item_id LIMIT 1) AS first,
			(SELECT score FROM anonymous_answers WHERE response_id = r.id ORDER BY item_id LIMIT 1 OFFSET 1) AS next
			FROM anonymous_responses r WHERE r.round_id = ? ORDER BY r.rowid`, lr.Round.ID)
		if err != nil || len(rows) != perRound {
			t.Fatalf("%d responses (%v)", len(rows), err)
		}
		var order []int
		for _, r := range rows {
			order = append(order, (r.Next-1)*5+r.First-1)
			if r.ID < 1<<32 {
				t.Errorf("response id %d is small: ids should be random over 63 bits", r.ID)
			}
		}
		if slices.IsSorted(order) || slices.IsSortedFunc(order, func(a, b int) int { return b - a }) {
			monotonic++
		}
		t.Logf("submitters in storage order: %v", order)
	}
	// Each round is monotonic with probability 2/720 by chance.
	if monotonic == rounds {
		t.Errorf("in every round the responses are stored in submission order")
	}
}

// TestNothingRecoverableAfterClose checks the bytes of the database and its
// WAL after a close: texts that were deleted (a draft comment cleared
// before submitting, a draft never submitted, the comment of a withheld
// rater) are nowhere, not even in free space or old WAL frames.
func TestNothingRecoverableAfterClose(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", append(raters(rapport.Peer, 1, "peer"), raters(rapport.Other, 1, "other")...)...)
	cleared := "Cleared before submit " + rand.Text()
	unsent := "Never submitted " + rand.Text()
	withheld := "Withheld with its writer " + rand.Text()
	saveDraft(t, app, lr.Links["peer0@example.com"], &rapport.Draft{Comments: map[string]string{"keep": cleared}})
	saveDraft(t, app, lr.Links["peer0@example.com"], &rapport.Draft{Comments: map[string]string{"keep": " "}})
	submit(t, app, lr.Links["peer0@example.com"], fixed(4), map[string]string{"start": withheld})
	saveDraft(t, app, lr.Links["other0@example.com"], &rapport.Draft{Comments: map[string]string{"keep": unsent}})

	files := func() []byte {
		var all []byte
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(app.Cfg.DatabasePath() + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	before := files()
	for _, s := range []string{cleared, unsent, withheld} {
		if !bytes.Contains(before, []byte(s)) {
			t.Fatalf("%q is not in the files before close: the test proves nothing", s)
		}
	}
	if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	after := files()
	for _, s := range []string{cleared, unsent, withheld} {
		if bytes.Contains(after, []byte(s)) {
			t.Errorf("%q is still in the database or WAL bytes after close", s)
		}
	}
	if info, err := os.Stat(app.Cfg.DatabasePath() + "-wal"); err == nil && info.Size() != 0 {
		t.Errorf("the WAL holds %d bytes after close; want it checkpointed and truncated", info.Size())
	}
}
