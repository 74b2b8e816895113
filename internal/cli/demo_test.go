package cli_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

var demoPassword = regexp.MustCompile(`password: (\S+)`)

// TestDemo runs `rapport demo` twice on a fresh data directory: the second
// run adds nothing, the password it prints is the one that signs in, and
// the finished round's report renders with its progress and comments.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SECRET": testkit.Secret}
	code, first, errOut := runWith(t, env, "", "demo")
	if code != 0 || !strings.Contains(first, "Demo ready") || !strings.Contains(first, "demo.coach@example.com") ||
		!strings.Contains(first, "http://localhost:8080/login") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, first, errOut)
	}
	cfg := testkit.ConfigIn(t, dir)
	db := testkit.RawDB(t, cfg)
	counts := func() string {
		var c struct {
			Coaches, Leaders, Closed, Open, Raters, Submitted, Pending, Anonymous int
		}
		if err := db.Get(&c, `SELECT (SELECT count(*) FROM coaches) AS coaches, (SELECT count(*) FROM leaders) AS leaders,
			(SELECT count(*) FROM rounds WHERE status = 'closed') AS closed, (SELECT count(*) FROM rounds WHERE status = 'open') AS open,
			(SELECT count(*) FROM raters) AS raters, (SELECT count(*) FROM raters WHERE status = 'submitted') AS submitted,
			(SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
			(SELECT count(*) FROM anonymous_responses) AS anonymous`); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(c.Coaches, c.Leaders, c.Closed, c.Open, c.Raters, c.Submitted, c.Pending, c.Anonymous)
	}
	after1 := counts()
	// 1 coach, 1 leader, 2 closed, 1 open, 13 raters a round, 11+12+6
	// submitted, no email left to send, the closed rounds' anonymous
	// answers detached (9 + 10 of them).
	if want := "1 1 2 1 39 29 0 19"; after1 != want {
		t.Errorf("after the first run: %s, want %s (coaches leaders closed open raters submitted pending anonymous)", after1, want)
	}

	code, second, errOut := runWith(t, env, "", "demo")
	if code != 0 || !strings.Contains(second, "already there") {
		t.Fatalf("second run: exit %d\n%s\n%s", code, second, errOut)
	}
	if after2 := counts(); after2 != after1 {
		t.Errorf("the second run changed the counts: %s, then %s", after1, after2)
	}
	var hash string
	if err := db.Get(&hash, `SELECT password_hash FROM coaches`); err != nil {
		t.Fatal(err)
	}
	pw := demoPassword.FindStringSubmatch(second)
	if pw == nil || !auth.CheckPassword(hash, pw[1]) {
		t.Errorf("the printed password %v does not sign in", pw)
	}
	if old := demoPassword.FindStringSubmatch(first); old != nil && auth.CheckPassword(hash, old[1]) {
		t.Errorf("the first run's password still works after the second")
	}
	var na int
	if err := db.Get(&na, `SELECT count(*) FROM anonymous_answers WHERE score IS NULL`); err != nil || na == 0 {
		t.Errorf("no \"not able to observe\" answers in the demo (%d, %v)", na, err)
	}

	t.Run("TheFinishedReportRenders", func(t *testing.T) {
		st := testkit.Store(t, cfg)
		ctx := context.Background()
		coach, err := st.CoachByEmail(ctx, "demo.coach@example.com")
		if err != nil {
			t.Fatal(err)
		}
		rounds, err := st.Rounds(ctx, coach.ID)
		if err != nil {
			t.Fatal(err)
		}
		var latest *rapport.Round
		for i := range rounds {
			if rounds[i].Status == rapport.RoundClosed && (latest == nil || rounds[i].ClosedAt.After(*latest.ClosedAt)) {
				latest = &rounds[i]
			}
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := debrief.New(st, testkit.Keys(t), testkit.Logger()).PDF(ctx, latest, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		testkit.Tool(t, "qpdf", "--check", path)
		text := testkit.Tool(t, "pdftotext", "-enc", "UTF-8", path, "-")
		for _, want := range []string{"Clara Martín Ortega", "Progress since the last round", "Leadership 360 · baseline"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		if !regexp.MustCompile(`\p{Greek}|\p{Cyrillic}`).MatchString(text) || !strings.ContainsAny(text, "éàüñę") {
			t.Errorf("the report's comments are not in several scripts")
		}
	})
}
