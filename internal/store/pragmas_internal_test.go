package store

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"
)

// TestEveryConnectionOverwritesDeletedRows checks secure_delete on every
// kind of connection the store opens: a deleted answer must not stay
// readable in free space, whichever connection deleted it.
func TestEveryConnectionOverwritesDeletedRows(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	var onWriter int
	if err := s.write(ctx, func(tx *sqlx.Tx) error { return tx.GetContext(ctx, &onWriter, `PRAGMA secure_delete`) }); err != nil {
		t.Fatal(err)
	}
	if onWriter != 1 {
		t.Errorf("secure_delete is %d on the writer", onWriter)
	}
	// Hold several readers at once so that each is a connection of its own.
	var conns []*sqlx.Conn
	for range 3 {
		c, err := s.r.Connx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var on int
		if err := c.GetContext(ctx, &on, `PRAGMA secure_delete`); err != nil || on != 1 {
			t.Errorf("secure_delete is %d on reader %d (%v)", on, i, err)
		}
		c.Close()
	}
	side, err := openSideConnection(s.path, 100)
	if err != nil {
		t.Fatal(err)
	}
	defer side.Close()
	var onSide int
	if err := side.QueryRowContext(ctx, `PRAGMA secure_delete`).Scan(&onSide); err != nil || onSide != 1 {
		t.Errorf("secure_delete is %d on the backup and checkpoint connection (%v)", onSide, err)
	}
}
