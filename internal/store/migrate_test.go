package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)

	t.Run("IsIdempotent", func(t *testing.T) {
		applied, err := st.Migrate(ctx)
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, err %v", applied, err)
		}
		if err := st.CheckSchema(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("GivesRatersFromBeforeOptOutTokensTheirUnsubscribeLink", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Old Leader", rapport.RaterInput{Name: "Old Peer", Email: "old@example.com", Relationship: rapport.Peer})
		raw := testkit.RawDB(t, app.Cfg)
		// As a rater created before migration 0006 is: no opt-out hash.
		if _, err := raw.Exec(`UPDATE raters SET optout_hash = NULL`); err != nil {
			t.Fatal(err)
		}
		optOut := testkit.Keys(t).OptOutToken(lr.Links["old@example.com"])
		if _, err := app.Store.UnsubscriberByToken(ctx, testkit.Keys(t).Hash(optOut)); err == nil {
			t.Fatal("found before the fill")
		}
		if _, err := app.Store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		u, err := app.Store.UnsubscriberByToken(ctx, testkit.Keys(t).Hash(optOut))
		if err != nil || u.RaterID != lr.RaterIDs["old@example.com"] {
			t.Fatalf("after migrate: %+v, %v", u, err)
		}
		var missing int
		if err := raw.Get(&missing, `SELECT count(*) FROM raters WHERE optout_hash IS NULL`); err != nil || missing != 0 {
			t.Fatalf("%d raters without an opt-out hash (%v)", missing, err)
		}
	})
	t.Run("RepairsTextStoredAsInvalidUTF8", func(t *testing.T) {
		app := testkit.NewApp(t)
		lr := app.Launch(t, "Old Leader", rapport.RaterInput{Name: "Old Peer", Email: "old@example.com", Relationship: rapport.Peer})
		raw := testkit.RawDB(t, app.Cfg)
		// As release 1 stored a name typed in a form: raw bytes.
		for _, q := range []string{
			`UPDATE leaders SET name = CAST(X'4c656520fffe204c6561646572' AS TEXT), title = CAST(X'4345cf' AS TEXT)`,
			`UPDATE rounds SET title = CAST(X'526f756e6420ff' AS TEXT)`,
			`UPDATE raters SET name = CAST(X'4f6c64c0af' AS TEXT) WHERE email = 'old@example.com'`,
			`UPDATE competencies SET name = CAST(X'ff' AS TEXT) WHERE rowid = (SELECT min(rowid) FROM competencies)`,
			`INSERT INTO comments (rater_id, question_id, text) SELECT ` + strconv.FormatInt(lr.RaterIDs["old@example.com"], 10) +
				`, min(id), CAST(X'476f6f64ff' AS TEXT) FROM open_questions`,
			`DELETE FROM schema_migrations WHERE version = 11`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if _, err := app.Store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		var leader struct{ Name, Title string }
		if err := raw.Get(&leader, `SELECT name, title FROM leaders`); err != nil {
			t.Fatal(err)
		}
		var round, rater, competency, comment string
		for q, dst := range map[string]*string{
			`SELECT title FROM rounds WHERE id = ` + strconv.FormatInt(lr.Round.ID, 10):         &round,
			`SELECT name FROM raters WHERE email = 'old@example.com'`:                           &rater,
			`SELECT name FROM competencies WHERE rowid = (SELECT min(rowid) FROM competencies)`: &competency,
			`SELECT text FROM comments`: &comment,
		} {
			if err := raw.Get(dst, q); err != nil {
				t.Fatal(err)
			}
		}
		got := []string{leader.Name, leader.Title, round, rater, competency, comment}
		want := []string{"Lee \uFFFD\uFFFD Leader", "CE\uFFFD", "Round \uFFFD", "Old\uFFFD\uFFFD", "\uFFFD", "Good\uFFFD"}
		if !slices.Equal(got, want) {
			t.Errorf("after migrate: %q, want %q", got, want)
		}
	})
	t.Run("RefusesANewerSchema", func(t *testing.T) {
		_, known, err := st.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other, err := store.Open(cfg.DatabasePath(), testkit.Keys(t))
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		// A newer binary ran against this database.
		raw := testkit.RawDB(t, cfg)
		if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from_the_future.sql', 0)`, known+1); err != nil {
			t.Fatal(err)
		}
		_, err = other.Migrate(ctx)
		if err == nil || !strings.Contains(err.Error(), "newer") {
			t.Fatalf("migrate on a newer schema: %v", err)
		}
		if err := other.CheckSchema(ctx); err == nil {
			t.Fatal("CheckSchema accepted a newer schema")
		}
	})
}

func TestPragmas(t *testing.T) {
	cfg := testkit.Config(t)
	testkit.Store(t, cfg)
	raw := testkit.RawDB(t, cfg)
	var mode string
	if err := raw.Get(&mode, `PRAGMA journal_mode`); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q (%v), want wal", mode, err)
	}
}

// TestMigrateKeepsEarlierDuplicateLeaders checks that 0007's unique index
// on a coach's leader emails does not fail on duplicates made before it:
// they are kept, marked, and new duplicates are refused.
func TestMigrateKeepsEarlierDuplicateLeaders(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	coach, _ := testkit.Coach(t, st)
	raw := testkit.RawDB(t, cfg)
	// Undo 0007 as far as the index goes, add an old-style duplicate, and
	// run the migration's statements again.
	for _, q := range []string{`DROP INDEX leaders_coach_email`,
		`INSERT INTO leaders (coach_id, name, email, created_at) VALUES (?, 'Ana', 'ana@example.com', 1)`,
		`INSERT INTO leaders (coach_id, name, email, created_at) VALUES (?, 'Ana B', 'ANA@example.com', 2)`,
		`UPDATE leaders SET legacy_duplicate = 1 WHERE id NOT IN (SELECT min(id) FROM leaders GROUP BY coach_id, email)`,
		`CREATE UNIQUE INDEX leaders_coach_email ON leaders(coach_id, email) WHERE legacy_duplicate = 0`} {
		args := []any{}
		if strings.Contains(q, "?") {
			args = append(args, coach.ID)
		}
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	list, err := st.Leaders(ctx, coach.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("leaders %v, %v; want both kept", list, err)
	}
	_, err = st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Ana C", Email: "Ana@Example.com"})
	if rapport.ErrorCode(err) != rapport.ECONFLICT || rapport.ErrorField(err) != "email" {
		t.Fatalf("third Ana: %v, want a conflict on email", err)
	}
}
