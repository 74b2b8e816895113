package store_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/testkit"
)

// closeWith launches a round with these anonymous raters (threshold 3),
// has each submit with a comment, and closes it.
func closeWith(t *testing.T, app *testkit.App, counts map[rapport.Relationship]int) *testkit.LaunchedRound {
	t.Helper()
	var list []string
	var in = raters(rapport.Peer, counts[rapport.Peer], "peer")
	in = append(in, raters(rapport.DirectReport, counts[rapport.DirectReport], "report")...)
	in = append(in, raters(rapport.Other, counts[rapport.Other], "other")...)
	for _, r := range in {
		list = append(list, r.Email)
	}
	lr := app.Launch(t, "Lea Leader", in...)
	for _, email := range list {
		submit(t, app, lr.Links[email], fixed(4), map[string]string{"keep": "From " + email})
	}
	if _, err := app.Store.CloseRound(context.Background(), lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	return lr
}

// TestDetachedLabelsMatchThePlan checks, for groupings with blocks of
// their own, merged blocks and withheld raters, that the stored labels are
// the report's blocks with one response and one comment per rater in each.
func TestDetachedLabelsMatchThePlan(t *testing.T) {
	for _, counts := range []map[rapport.Relationship]int{
		{rapport.Peer: 3, rapport.DirectReport: 3, rapport.Other: 3}, // three blocks of their own
		{rapport.Peer: 1, rapport.DirectReport: 3, rapport.Other: 1}, // too few merged: all combined
		{rapport.Peer: 2, rapport.DirectReport: 4, rapport.Other: 2}, // peers & others combined
		{rapport.Peer: 1, rapport.Other: 1},                          // withheld
	} {
		t.Run(fmt.Sprint(counts), func(t *testing.T) {
			app := testkit.NewApp(t)
			lr := closeWith(t, app, counts)
			want := map[string]int{}
			for rel, group := range scoring.ReportedGroups(counts, lr.Round.AnonymityThreshold) {
				want[group] += counts[rel]
			}
			for _, table := range []string{"anonymous_responses", "anonymous_comments"} {
				var rows []struct {
					Group string `db:"grp"`
					N     int    `db:"n"`
				}
				if err := testkit.RawDB(t, app.Cfg).Select(&rows, `SELECT grp, count(*) AS n FROM `+table+`
					WHERE round_id = ? GROUP BY grp`, lr.Round.ID); err != nil {
					t.Fatal(err)
				}
				got := map[string]int{}
				for _, r := range rows {
					got[r.Group] = r.N
				}
				if !maps.Equal(got, want) {
					t.Errorf("%s labelled %v, want the report's blocks %v", table, got, want)
				}
			}
			if _, err := app.Store.SubmittedResponses(context.Background(), lr.Round.ID); err != nil {
				t.Errorf("reading the labels back: %v", err)
			}
		})
	}
}

// TestSubmittedResponsesRefusesLabelsOutsideThePlan: a detached answer or
// comment whose label is not where the report's grouping puts its raters
// must stop the report with an internal error, not drop out of it.
func TestSubmittedResponsesRefusesLabelsOutsideThePlan(t *testing.T) {
	for _, tc := range []struct {
		name, edit, message string
	}{
		{"AResponseInARelationshipTheReportMerged",
			`UPDATE anonymous_responses SET grp = 'peer' WHERE rowid = (SELECT min(rowid) FROM anonymous_responses)`,
			`labelled "peer", which the report's grouping does not have`},
		{"ACommentInARelationshipTheReportMerged",
			`UPDATE anonymous_comments SET grp = 'other' WHERE rowid = (SELECT min(rowid) FROM anonymous_comments)`,
			`comment is labelled "other"`},
		{"AResponseMovedToAnotherBlock",
			`UPDATE anonymous_responses SET grp = 'combined' WHERE rowid = (SELECT min(rowid) FROM anonymous_responses WHERE grp = 'direct_report')`,
			`that group has`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := testkit.NewApp(t)
			// Peers and others are combined (4); direct reports are a block of their own.
			lr := closeWith(t, app, map[rapport.Relationship]int{rapport.Peer: 2, rapport.DirectReport: 4, rapport.Other: 2})
			testkit.RawDB(t, app.Cfg).MustExec(tc.edit)
			_, err := app.Store.SubmittedResponses(context.Background(), lr.Round.ID)
			if err == nil || rapport.ErrorCode(err) != rapport.EINTERNAL || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("responses with a label outside the plan: %v; want an internal error saying %q", err, tc.message)
			}
		})
	}
}
