package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// FuzzRatersCSV imports arbitrary text as a rater CSV: it either adds
// exactly the raters it reports, or refuses with an application error
// (never an internal one) and adds nothing.
func FuzzRatersCSV(f *testing.F) {
	f.Add("name,email,relationship\nAna Lima,ana@example.com,peer\n")
	f.Add("Bo,bo@example.com,Direct report\r\nCy,cy@example.com,manager\n")
	f.Add("\ufeffname,email,relationship\n\"Dee, Jr\",dee@example.com,other\n")
	f.Add("x,\"unterminated,peer\n")
	f.Add("a,a@example.com,peer\na,A@EXAMPLE.com,peer\n")
	f.Add("Self,self@example.com,self\n")
	ctx := context.Background()
	cfg := testkit.Config(f)
	st := testkit.Store(f, cfg)
	coach, _ := testkit.Coach(f, st)
	leader, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Fuzz Leader", Email: "leader@example.com"})
	if err != nil {
		f.Fatal(err)
	}
	raw := testkit.RawDB(f, cfg)
	f.Fuzz(func(t *testing.T, text string) {
		round, err := st.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
			Title: "Fuzz", ClosesAt: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		n, err := st.ImportRaters(ctx, coach.ID, round.ID, text)
		var count int
		if qerr := raw.Get(&count, `SELECT count(*) FROM raters WHERE round_id = ?`, round.ID); qerr != nil {
			t.Fatal(qerr)
		}
		if err != nil {
			var appErr *rapport.Error
			if !errors.As(err, &appErr) || rapport.ErrorCode(err) == rapport.EINTERNAL {
				t.Fatalf("import of %q failed with an internal error: %v", text, err)
			}
			if count != 1 {
				t.Fatalf("a refused import of %q left %d raters (want only the leader)", text, count)
			}
			return
		}
		if count != 1+n {
			t.Fatalf("import of %q reported %d raters but stored %d", text, n, count-1)
		}
	})
}
