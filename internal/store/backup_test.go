package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	coach, _ := testkit.Coach(t, st)

	// Writers keep adding leaders while the backup runs.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := st.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: fmt.Sprintf("L%d", i), Email: fmt.Sprintf("l%d@example.com", i)}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	path := filepath.Join(t.TempDir(), "backup.db")
	err := st.Backup(ctx, path)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}

	copyDB, err := sqlx.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.Get(&check, `PRAGMA integrity_check`); err != nil || check != "ok" {
		t.Fatalf("integrity_check %q %v", check, err)
	}
	var coaches int
	if err := copyDB.Get(&coaches, `SELECT count(*) FROM coaches`); err != nil || coaches != 1 {
		t.Fatalf("coaches in backup: %d %v", coaches, err)
	}
	if err := st.Backup(ctx, path); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
}

// TestBackupIsReadableByItsOwnerOnly: the copy holds every answer. The
// umask is opened wide to show the mode does not depend on it.
func TestBackupIsReadableByItsOwnerOnly(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, testkit.Config(t))
	testkit.Coach(t, st)
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Fatalf("backup mode %v, size %d; want -rw------- and a database", fi.Mode().Perm(), fi.Size())
	}
	t.Run("AFailedBackupLeavesNoFile", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "backup.db")
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if err := st.Backup(cancelled, bad); err == nil {
			t.Fatal("a backup with a cancelled context succeeded")
		}
		if _, err := os.Stat(bad); !os.IsNotExist(err) {
			t.Fatalf("a failed backup left %s behind (%v)", bad, err)
		}
	})
}
