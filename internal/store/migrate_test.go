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
			strings.Replace(testkit.ClaimResponse, "?", strconv.FormatInt(lr.RaterIDs["old@example.com"], 10), 1),
			`INSERT INTO comments (response_id, question_id, text) SELECT (SELECT response_id FROM raters WHERE id = ` +
				strconv.FormatInt(lr.RaterIDs["old@example.com"], 10) + `), min(id), CAST(X'476f6f64ff' AS TEXT) FROM open_questions`,
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

// TestMigrateKeysAnswersByResponse takes a database back to answers and
// comments keyed by rater id, as before migration 0018, and checks that
// the upgrade keeps every draft and submitted answer with its rater, that
// a new response is numbered after all of them, and that closing the round
// then detaches the anonymous answers as ever.
func TestMigrateKeysAnswersByResponse(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 6, "peer")...)
	for _, email := range []string{"peer0@example.com", "peer4@example.com", "peer5@example.com"} {
		submit(t, app, lr.Links[email], fixed(4), map[string]string{"keep": "Keeps every promise"})
	}
	items := 0
	var firstItem int64
	saveDraftWith := func(email string, score int, comment string) {
		link, err := app.Store.ResolveLink(ctx, testkit.Keys(t).Hash(lr.Links[email]))
		if err != nil {
			t.Fatal(err)
		}
		firstItem = link.Framework.Competencies[0].Items[0].ID
		items = link.Framework.ItemCount()
		if _, err := app.Store.SaveDraft(ctx, link, &rapport.Draft{Answers: map[int64]*int{firstItem: &score},
			Comments: map[string]string{"keep": comment}}); err != nil {
			t.Fatal(err)
		}
	}
	saveDraftWith("peer1@example.com", 2, "Half way")
	editAsAnOldBinary(t, app,
		`CREATE TABLE old_answers (rater_id INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
			item_id INTEGER NOT NULL REFERENCES items(id), score INTEGER, PRIMARY KEY (rater_id, item_id)) WITHOUT ROWID`,
		`INSERT INTO old_answers SELECT t.id, a.item_id, a.score FROM answers a JOIN raters t ON t.response_id = a.response_id`,
		`CREATE TABLE old_comments (rater_id INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
			question_id INTEGER NOT NULL REFERENCES open_questions(id), text TEXT NOT NULL,
			PRIMARY KEY (rater_id, question_id)) WITHOUT ROWID`,
		`INSERT INTO old_comments SELECT t.id, c.question_id, c.text FROM comments c JOIN raters t ON t.response_id = c.response_id`,
		`DROP TABLE answers`, `DROP TABLE comments`,
		`ALTER TABLE old_answers RENAME TO answers`, `ALTER TABLE old_comments RENAME TO comments`,
		`DROP INDEX raters_response`, `ALTER TABLE raters DROP COLUMN response_id`,
		`DELETE FROM schema_migrations WHERE version = 18`,
		// What a hand edit with foreign keys off can leave: answers and a
		// comment of a rater who is gone. Their id is above every rater's.
		`PRAGMA foreign_keys = OFF`,
		`INSERT INTO answers (rater_id, item_id, score) SELECT (SELECT max(id) + 1 FROM raters), id, 1 FROM items LIMIT 2`,
		`INSERT INTO comments (rater_id, question_id, text) SELECT (SELECT max(id) + 1 FROM raters), id, 'Nobody' FROM open_questions LIMIT 1`,
		`PRAGMA foreign_keys = ON`)
	if _, err := app.Store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}

	sv, err := app.Store.Survey(ctx, testkit.Keys(t).Hash(lr.Links["peer1@example.com"]))
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Answers) != 1 || sv.Answers[firstItem] == nil || *sv.Answers[firstItem] != 2 || sv.Comments["keep"] != "Half way" {
		t.Errorf("the draft after the upgrade: answers %v, comments %v", sv.Answers, sv.Comments)
	}
	// A new draft is numbered after every response kept, and the old ones
	// are still written to in place.
	saveDraftWith("peer2@example.com", 5, "Just started")
	saveDraftWith("peer1@example.com", 3, "Further on")
	raw := testkit.RawDB(t, app.Cfg)
	var got []struct {
		Email    string `db:"email"`
		Response *int64 `db:"response_id"`
		Answers  int    `db:"answers"`
		Comment  string `db:"comment"`
	}
	if err := raw.Select(&got, `SELECT t.email, t.response_id,
		(SELECT count(*) FROM answers a WHERE a.response_id = t.response_id) AS answers,
		ifnull((SELECT group_concat(c.text) FROM comments c WHERE c.response_id = t.response_id), '') AS comment
		FROM raters t WHERE t.round_id = ? AND t.email LIKE 'peer%' ORDER BY t.email`, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		answers int
		comment string
	}{"peer0@example.com": {items, "Keeps every promise"}, "peer1@example.com": {1, "Further on"},
		"peer2@example.com": {1, "Just started"}, "peer3@example.com": {0, ""},
		"peer4@example.com": {items, "Keeps every promise"}, "peer5@example.com": {items, "Keeps every promise"}}
	if len(got) != len(want) {
		t.Fatalf("%d peers, want %d", len(got), len(want))
	}
	var newest, others int64
	for _, r := range got {
		if w := want[r.Email]; r.Answers != w.answers || r.Comment != w.comment {
			t.Errorf("%s: %d answers and comment %q, want %d and %q", r.Email, r.Answers, r.Comment, w.answers, w.comment)
		}
		switch {
		case r.Email == "peer3@example.com":
			if r.Response != nil {
				t.Errorf("peer3 wrote nothing but holds response %d", *r.Response)
			}
		case r.Response == nil:
			t.Errorf("%s has no response number", r.Email)
		case r.Email == "peer2@example.com":
			newest = *r.Response
		default:
			others = max(others, *r.Response)
		}
	}
	if newest <= others {
		t.Errorf("the new response is numbered %d, not after the upgraded ones (up to %d)", newest, others)
	}
	var orphans int
	if err := raw.Get(&orphans, `SELECT (SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT response_id FROM raters WHERE response_id IS NOT NULL))
		+ (SELECT count(*) FROM comments WHERE response_id NOT IN (SELECT response_id FROM raters WHERE response_id IS NOT NULL))`); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d answers or comments of no rater kept", orphans)
	}

	if _, err := app.Store.CloseRound(ctx, lr.Coach.ID, lr.Round.ID); err != nil {
		t.Fatal(err)
	}
	if n := rowsOfAnonymousRaters(t, app, lr.Round.ID); n != 0 {
		t.Errorf("%d answers, comments or response numbers of anonymous raters left after the close", n)
	}
	var detached int
	if err := raw.Get(&detached, `SELECT count(*) FROM anonymous_answers`); err != nil {
		t.Fatal(err)
	}
	if detached != 3*items {
		t.Errorf("%d answers detached, want the three submitted peers' %d", detached, 3*items)
	}
}
