package store

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"
)

// Checkpoints off the writer. In WAL mode SQLite copies the log back into
// the database file (a checkpoint) by itself, in the commit that takes the
// log past 1,000 pages: on the single writer goroutine, which every rater
// write waits for. A checkpoint reads and writes those pages and syncs both
// files (tens of milliseconds on a busy virtual disk); a submit adds three
// to four pages to the log (fourteen before migrations/0018), so under a
// stream of submits every write stalled for one several times a second
// (docs/benchmarks.md).
//
// So the writer connection leaves checkpoints to this goroutine, which runs
// them on a connection of its own while the writer goes on committing (WAL
// lets one checkpoint and one writer run at once): after a commit, at most
// once per walCheckpointEvery. Nothing about durability changes: a commit
// is in the log, synced as before, whether or not it has been copied yet.
//
// The writer keeps SQLite's own checkpoint, at 32,000 pages
// (walAutoCheckpoint): a backstop, and under a steady stream of writes
// also what lets the log start over (a log starts over only once all of
// it is copied, which a checkpoint beside a busy writer rarely sees). By
// then the background checkpoints have copied all but the last moments.

// walCheckpointEvery is the least time between two background checkpoints.
// Short, because a checkpoint still slows the writer down while it runs:
// its syncs of the log and of the database file hold up the writer's
// appends to the log on a virtual disk, for as long as they take to write
// what came in since the last checkpoint, and the writer's backstop
// copies and syncs everything since then. Measured under a stream of
// submits (docs/benchmarks.md): every 200 ms, commits stalled for 40–90 ms
// several times a second (every second, for up to 240 ms); every 20 ms,
// for 20 ms at most, and submit's p99 fell from 67–74 to 47–55 ms, for
// 60–140 µs more server CPU per submit, most of it in these extra syncs.
const walCheckpointEvery = 20 * time.Millisecond

// walAutoCheckpoint is the writer connection's backstop: it checkpoints
// itself once the log holds 32,000 pages (of 4 KiB: a -wal file of up to
// 128 MiB on disk, not in memory), should the background
// checkpoints fall behind.
const walAutoCheckpoint = "PRAGMA wal_autocheckpoint = 32000"

// walCheckpointer runs passive checkpoints after commits, in the background.
type walCheckpointer struct {
	path  string
	every time.Duration
	log   func() *slog.Logger

	wake chan struct{} // a commit happened; buffered, so the writer never waits
	// passing is held for each background checkpoint, and by a truncating
	// checkpoint (Store.Checkpoint) for its own: SQLite runs one checkpoint
	// at a time and refuses a second at once, so without it the wipe after
	// a close would fail whenever it met one of these passes.
	passing sync.Mutex
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
}

func newWALCheckpointer(path string, every time.Duration, log func() *slog.Logger) *walCheckpointer {
	c := &walCheckpointer{path: path, every: every, log: log,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c
}

// committed tells the checkpointer that the log has grown. It never blocks.
func (c *walCheckpointer) committed() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// close stops the checkpointer and waits for a checkpoint under way. What
// is left in the log is copied when the last connection closes, or by the
// next process.
func (c *walCheckpointer) close() {
	c.once.Do(func() { close(c.stop) })
	<-c.done
}

func (c *walCheckpointer) loop() {
	defer close(c.done)
	var db *sql.DB // opened at the first checkpoint: most commands never need one
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	last := time.Time{}
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
		}
		if wait := c.every - time.Since(last); wait > 0 {
			select {
			case <-c.stop:
				return
			case <-time.After(wait):
			}
		}
		last = time.Now()
		if db == nil {
			// A passive checkpoint never waits for readers or the writer, so
			// the connection needs no busy timeout.
			var err error
			if db, err = openSideConnection(c.path, 0); err != nil {
				c.log().Warn("background checkpoint: open", "err", err)
				continue
			}
			db.SetMaxOpenConns(1)
		}
		c.passing.Lock()
		_, err := db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		c.passing.Unlock()
		if err != nil {
			// Nothing is lost: the log is copied at the next attempt, or by
			// the writer's backstop.
			c.log().Warn("background checkpoint", "err", err)
		}
	}
}
