package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/secrets"
)

func openTestStore(t *testing.T) *Store {
	t.Helper()
	keys, err := secrets.New([]byte("writer-test-secret-writer-test-secret"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(filepath.Join(t.TempDir(), "w.db"), keys)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.w.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGroupCommit(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	errRefused := errors.New("refused")

	// 300 concurrent writes: every third fails after writing, one in ten
	// panics after writing. Each of the others must be stored exactly once,
	// and none of the failed ones may leave a trace.
	const n = 300
	var wg sync.WaitGroup
	results := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = s.write(ctx, func(tx *sqlx.Tx) error {
				if _, err := tx.Exec(`INSERT INTO t (k, v) VALUES (?, ?)`, i, fmt.Sprint("v", i)); err != nil {
					return err
				}
				switch {
				case i%10 == 7:
					panic("boom")
				case i%3 == 0:
					return errRefused
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	var stored []int
	if err := s.r.Select(&stored, `SELECT k FROM t ORDER BY k`); err != nil {
		t.Fatal(err)
	}
	want := []int{}
	for i := 0; i < n; i++ {
		switch {
		case i%10 == 7:
			if results[i] == nil || errors.Is(results[i], errRefused) {
				t.Errorf("write %d panicked but returned %v", i, results[i])
			}
		case i%3 == 0:
			if !errors.Is(results[i], errRefused) {
				t.Errorf("write %d returned %v, want its own error", i, results[i])
			}
		default:
			if results[i] != nil {
				t.Errorf("write %d failed: %v", i, results[i])
			}
			want = append(want, i)
		}
	}
	if fmt.Sprint(stored) != fmt.Sprint(want) {
		t.Fatalf("stored %d rows %v\nwant %d rows %v", len(stored), stored, len(want), want)
	}
}

func TestWriteAfterCloseFails(t *testing.T) {
	s := openTestStore(t)
	s.writer.close()
	err := s.write(context.Background(), func(tx *sqlx.Tx) error { return nil })
	if !errors.Is(err, errClosed) {
		t.Fatalf("write after close: %v", err)
	}
}

func TestCanceledWriteIsNotApplied(t *testing.T) {
	s := openTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO t (k, v) VALUES (1, 'x')`)
		return err
	})
	var n int
	s.r.Get(&n, `SELECT count(*) FROM t`)
	if err == nil || n != 0 {
		t.Fatalf("canceled write: err %v, %d rows", err, n)
	}
}
