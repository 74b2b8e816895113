package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

// auditRound is a coach with a leader, a draft round and a rater, for
// lines about each.
type auditRound struct {
	coach  *rapport.Coach
	leader *rapport.Leader
	round  *rapport.Round
	rater  *rapport.Rater
}

func newAuditRound(t *testing.T, st *store.Store, leaderName, raterName string) auditRound {
	t.Helper()
	ctx := context.Background()
	coach, _ := testkit.Coach(t, st)
	l, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: leaderName, Email: strings.ToLower(strings.Fields(leaderName)[0]) + "@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: l.ID, FrameworkKey: "leadership", Title: "Spring 360",
		ClosesAt: st.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := st.AddRater(ctx, coach.ID, r.ID, rapport.RaterInput{Name: raterName,
		Email: strings.ToLower(strings.Fields(raterName)[0]) + "@example.com", Relationship: rapport.Peer})
	if err != nil {
		t.Fatal(err)
	}
	return auditRound{coach: coach, leader: l, round: r, rater: rt}
}

// record writes one line about each of leader, round and rater.
func (a auditRound) record(t *testing.T, st *store.Store) {
	t.Helper()
	for _, e := range []store.AuditEntry{
		{Action: "leader.created", Subject: store.LeaderSubject(a.leader.ID)},
		{Action: "round.created", Subject: store.RoundSubject(a.round.ID)},
		{Action: "rater.added", Subject: store.RaterSubject(a.round.ID, a.rater.ID), Detail: "peer"},
	} {
		e.CoachID, e.Actor = a.coach.ID, store.ActorCoach
		if err := st.Audit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func subjects(t *testing.T, st *store.Store, coachID int64) []string {
	t.Helper()
	lines, err := st.AuditTrail(context.Background(), coachID, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		out = append(out, l.Subject)
	}
	return out
}

func TestAuditLog(t *testing.T) {
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	ctx := context.Background()
	anna := newAuditRound(t, st, "Anna Strip", "Bea Rater")
	anna.record(t, st)
	omar := newAuditRound(t, st, "Omar Kept", "Cy Rater")
	omar.record(t, st)

	t.Run("NamesTheSubjectAsItIsNow", func(t *testing.T) {
		want := []string{
			fmt.Sprintf("rater %d: Bea Rater, “Spring 360” for Anna Strip", anna.rater.ID),
			fmt.Sprintf("round %d: “Spring 360” for Anna Strip", anna.round.ID),
			fmt.Sprintf("leader %d: Anna Strip", anna.leader.ID),
		}
		if got := subjects(t, st, anna.coach.ID); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("subjects %q, want %q", got, want)
		}
	})

	t.Run("RefusesUpdatesAndDeletes", func(t *testing.T) {
		for _, stmt := range []string{
			`DELETE FROM audit_log`,
			`DELETE FROM audit_log WHERE coach_id = ?`,
			`UPDATE audit_log SET action = 'nothing' WHERE coach_id = ?`,
			`UPDATE audit_log SET subject_name = 'Someone Else' WHERE coach_id = ?`,
			`UPDATE audit_log SET subject_name = '', detail = '' WHERE coach_id = ?`,
			`UPDATE audit_log SET subject_name = '', leader_id = NULL WHERE coach_id = ?`,
		} {
			if _, err := db.Exec(stmt, anna.coach.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v", stmt, err)
			}
		}
		if n := len(subjects(t, st, anna.coach.ID)); n != 3 {
			t.Errorf("%d lines left, want 3", n)
		}
	})

	t.Run("RetentionStripsTheRoundsRatersOnly", func(t *testing.T) {
		inTx(t, db, func(tx *sqlx.Tx) error { return store.StripAuditRoundRaters(ctx, tx, omar.round.ID) })
		want := []string{fmt.Sprintf("rater %d", omar.rater.ID), fmt.Sprintf("round %d: “Spring 360” for Omar Kept", omar.round.ID),
			fmt.Sprintf("leader %d: Omar Kept", omar.leader.ID)}
		if got := subjects(t, st, omar.coach.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("after the round's purge: %q, want %q", got, want)
		}
	})

	t.Run("StripBlanksTheRatersNameOnly", func(t *testing.T) {
		inTx(t, db, func(tx *sqlx.Tx) error { return store.StripAuditRaterData(ctx, tx, anna.rater.ID) })
		got := subjects(t, st, anna.coach.ID)
		if got[0] != fmt.Sprintf("rater %d", anna.rater.ID) || !strings.Contains(got[1], "Anna Strip") {
			t.Errorf("after the rater's erasure: %q", got)
		}
	})

	t.Run("StripKeepsTheLeadersLinesWithoutTheirNames", func(t *testing.T) {
		inTx(t, db, func(tx *sqlx.Tx) error { return store.StripAuditPersonalData(ctx, tx, anna.leader.ID) })
		want := []string{fmt.Sprintf("rater %d", anna.rater.ID), fmt.Sprintf("round %d", anna.round.ID), fmt.Sprintf("leader %d", anna.leader.ID)}
		if got := subjects(t, st, anna.coach.ID); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("after the leader's erasure: %q, want %q", got, want)
		}
		if n := count(t, db, `SELECT count(*) FROM audit_log WHERE instr(subject_name, 'Anna') OR instr(subject_name, 'Bea')`); n != 0 {
			t.Errorf("%d lines still name Anna or Bea", n)
		}
		// Another leader's lines keep their names.
		if got := subjects(t, st, omar.coach.ID); !strings.Contains(got[1], "Omar Kept") || !strings.Contains(got[2], "Omar Kept") {
			t.Errorf("another leader's lines: %q", got)
		}
	})
}

func inTx(t *testing.T, db *sqlx.DB, fn func(tx *sqlx.Tx) error) {
	t.Helper()
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// Many lines share a second: paging by id still gives each line once.
func TestAuditTrailPagesAcrossEqualTimes(t *testing.T) {
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	st.Now = func() time.Time { return time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	coach, _ := testkit.Coach(t, st)
	other, _ := testkit.Coach(t, st)
	for i := range 7 {
		for _, c := range []int64{coach.ID, other.ID} {
			if err := st.Audit(ctx, store.AuditEntry{CoachID: c, Actor: store.ActorCoach, Action: "signin", Subject: store.AccountSubject(),
				Detail: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var got []string
	before := int64(0)
	for {
		page, err := st.AuditTrail(ctx, coach.ID, before, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, l := range page {
			got = append(got, l.Detail)
		}
		before = page[len(page)-1].ID
	}
	if strings.Join(got, "") != "6543210" {
		t.Errorf("pages gave %q, want 6543210", got)
	}
}

// The scheduler's close at the deadline is recorded, once, as the
// scheduler's, in the coach's trail.
func TestAuditRecordsTheSchedulersClose(t *testing.T) {
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	clock := testkit.NewClock(time.Now())
	st.Now = clock.Now
	ctx := context.Background()
	a := newAuditRound(t, st, "Dora Deadline", "Eli Rater")
	if _, err := st.LaunchRound(ctx, a.coach.ID, a.round.ID); err != nil {
		t.Fatal(err)
	}
	clock.Advance(49 * time.Hour)
	for range 2 {
		if _, err := st.CloseDueRounds(ctx); err != nil {
			t.Fatal(err)
		}
	}
	lines, err := st.AuditTrail(ctx, a.coach.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("scheduler round.closed round %d: “Spring 360” for Dora Deadline deadline passed", a.round.ID)
	if len(lines) != 1 || lines[0].Actor+" "+lines[0].Action+" "+lines[0].Subject+" "+lines[0].Detail != want {
		t.Fatalf("trail %+v, want one line %q", lines, want)
	}
	if !lines[0].At.Equal(clock.Now().Truncate(time.Second)) {
		t.Errorf("at %s, want %s", lines[0].At, clock.Now())
	}
}

// TestAuditForgetsRemovedRaters: rater ids are reused after a delete, and
// a removed rater can no longer be erased, so removing a rater (or
// deleting the draft round they were in) blanks their name on the trail.
// No line then names one person under another's id, and erasing someone
// who was removed and added again leaves their name on no line.
func TestAuditForgetsRemovedRaters(t *testing.T) {
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	ctx := context.Background()
	a := newAuditRound(t, st, "Lena Leader", "Bea Rater")
	line := func(action string, raterID int64) {
		t.Helper()
		if err := st.Audit(ctx, store.AuditEntry{CoachID: a.coach.ID, Actor: store.ActorCoach, Action: action,
			Subject: store.RaterSubject(a.round.ID, raterID)}); err != nil {
			t.Fatal(err)
		}
	}
	add := func(name, email string) int64 {
		t.Helper()
		r, err := st.AddRater(ctx, a.coach.ID, a.round.ID, rapport.RaterInput{Name: name, Email: email, Relationship: rapport.Peer})
		if err != nil {
			t.Fatal(err)
		}
		line("rater.added", r.ID)
		return r.ID
	}
	remove := func(id int64) {
		t.Helper()
		if _, err := st.RemoveRater(ctx, a.coach.ID, a.round.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	trailNames := func(name string) []string {
		t.Helper()
		var hits []string
		for _, s := range subjects(t, st, a.coach.ID) {
			if strings.Contains(s, name) {
				hits = append(hits, s)
			}
		}
		return hits
	}

	t.Run("ReusedIdNamesOnlyItsNewRater", func(t *testing.T) {
		alice := add("Alice Gone", "alice@example.com")
		remove(alice)
		bob := add("Bob Next", "bob@example.com")
		if bob != alice {
			t.Fatalf("rater id %d not reused by %d: the test would prove nothing", alice, bob)
		}
		if hits := trailNames("Alice Gone"); len(hits) != 0 {
			t.Errorf("the trail still names the removed rater: %q", hits)
		}
		if hits := trailNames("Bob Next"); len(hits) != 1 {
			t.Errorf("the new rater's line: %q, want one", hits)
		}
	})

	t.Run("ErasingAReaddedRaterBlanksAllTheirLines", func(t *testing.T) {
		first := add("Carol Twice", "carol@example.com")
		add("Dan Between", "dan@example.com") // so Carol's second row gets a new id
		remove(first)
		again := add("Carol Twice", "carol@example.com")
		if _, err := st.LaunchRound(ctx, a.coach.ID, a.round.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CloseRound(ctx, a.coach.ID, a.round.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RemoveRater(ctx, a.coach.ID, a.round.ID, again); err != nil {
			t.Fatal(err)
		}
		if hits := trailNames("Carol Twice"); len(hits) != 0 {
			t.Errorf("after erasing the re-added rater, the trail still names her: %q", hits)
		}
	})
}

// TestAuditForgetsTheRatersOfADeletedDraft: deleting a draft round frees
// its raters' ids, so their names leave the trail with it.
func TestAuditForgetsTheRatersOfADeletedDraft(t *testing.T) {
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	a := newAuditRound(t, st, "Nora Leader", "Ezra Drafted")
	a.record(t, st)
	if err := st.DeleteDraftRound(context.Background(), a.coach.ID, a.round.ID); err != nil {
		t.Fatal(err)
	}
	for _, s := range subjects(t, st, a.coach.ID) {
		if strings.Contains(s, "Ezra Drafted") {
			t.Errorf("the trail still names a rater of the deleted draft: %q", s)
		}
	}
}
