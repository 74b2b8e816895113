package store_test

import (
	"context"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestMigrateGivesLeadersAPronoun runs migration 0014 on a database as it
// was before it: leaders get "name", and the built-in items that refer to
// the leader get the pronoun placeholders, while a coach's own are kept.
func TestMigrateGivesLeadersAPronoun(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	coach, _ := app.SignIn(t)
	if _, err := app.Store.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Ólafur Þórsson", Email: "olafur@example.com", Pronoun: rapport.PronounHe}); err != nil {
		t.Fatal(err)
	}
	raw := testkit.RawDB(t, app.Cfg)
	const old, placeholder = "{leader} keeps their word.", "{leader} keeps {their} word."
	for _, q := range []string{
		`ALTER TABLE leaders DROP COLUMN pronoun`,
		`UPDATE items SET text_other = '` + old + `' WHERE text_other = '` + placeholder + `'`,
		`DELETE FROM schema_migrations WHERE version = 14`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := app.Store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var pronoun string
	if err := raw.Get(&pronoun, `SELECT pronoun FROM leaders WHERE email = 'olafur@example.com'`); err != nil || pronoun != "name" {
		t.Errorf("a leader from before has pronoun %q (%v), want name", pronoun, err)
	}
	var n int
	if err := raw.Get(&n, `SELECT count(*) FROM items WHERE text_other = ?`, placeholder); err != nil || n != 1 {
		t.Errorf("%d built-in items read %q after the migration (%v), want 1", n, placeholder, err)
	}
	if _, err := raw.Exec(`UPDATE leaders SET pronoun = 'xe'`); err == nil {
		t.Error("the database took an unknown pronoun")
	}
}
