package store

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/jmoiron/sqlx"
)

// TestOnMailQueued checks the one place the mail worker is woken: after a
// commit whose write queued mail, and only then.
func TestOnMailQueued(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var calls atomic.Int32
	s.OnMailQueued(func() { calls.Add(1) })
	write := func(queued int64, fail bool) {
		t.Helper()
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			res, err := tx.Exec(`INSERT INTO t (v) SELECT 'mail' WHERE ? > 0`, queued)
			if err != nil {
				return err
			}
			s.markMailQueued(res)
			if fail {
				return errors.New("refused")
			}
			return nil
		})
		if (err != nil) != fail {
			t.Fatalf("write: %v", err)
		}
	}
	expect := func(t *testing.T, want int32) {
		t.Helper()
		if got := calls.Load(); got != want {
			t.Fatalf("woken %d times, want %d", got, want)
		}
	}
	t.Run("WakesAfterACommitThatQueuedMail", func(t *testing.T) {
		write(1, false)
		expect(t, 1) // before the write returned: the caller is answered after the wake
	})
	t.Run("NotWhenNothingWasQueued", func(t *testing.T) {
		write(0, false)
		expect(t, 1)
	})
	t.Run("NotWhenTheWriteWasUndone", func(t *testing.T) {
		write(1, true)
		expect(t, 1)
	})
}
