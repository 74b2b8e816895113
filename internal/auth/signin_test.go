package auth_test

import (
	"context"
	"testing"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestSignIn(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, testkit.Config(t))
	coach, password := testkit.Coach(t, st)

	t.Run("AcceptsTheRightPassword", func(t *testing.T) {
		got, err := auth.SignIn(ctx, st, coach.Email, password)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != coach.ID {
			t.Errorf("signed in as coach %d, want %d", got.ID, coach.ID)
		}
	})

	// A wrong password and an unknown email get the same answer, so the
	// answer does not tell whether an account exists.
	t.Run("RejectsAWrongPasswordAndAnUnknownEmailAlike", func(t *testing.T) {
		wrong, err := auth.SignIn(ctx, st, coach.Email, password+"!")
		if rapport.ErrorCode(err) != rapport.EUNAUTHORIZED || wrong != nil {
			t.Fatalf("wrong password: %v, %v; want unauthorized", wrong, err)
		}
		unknown, err2 := auth.SignIn(ctx, st, "nobody@example.com", password)
		if rapport.ErrorCode(err2) != rapport.EUNAUTHORIZED || unknown != nil {
			t.Fatalf("unknown email: %v, %v; want unauthorized", unknown, err2)
		}
		if err.Error() != err2.Error() {
			t.Errorf("the answers differ: %q and %q", err, err2)
		}
	})

	// A database that cannot be read is our fault, not a wrong password.
	t.Run("ReportsAStoreFailureAsInternal", func(t *testing.T) {
		broken := testkit.Store(t, testkit.Config(t))
		if err := broken.Close(); err != nil {
			t.Fatal(err)
		}
		_, err := auth.SignIn(ctx, broken, coach.Email, password)
		if rapport.ErrorCode(err) != rapport.EINTERNAL {
			t.Errorf("a closed database: %v; want an internal error", err)
		}
	})
}
