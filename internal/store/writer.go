package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
)

// Group commit. All writes go through one goroutine that owns the writer
// connection. It takes every write waiting at that moment, runs each in its
// own SAVEPOINT inside one transaction, commits once, and only then answers
// each caller. The writes still run one after another, exactly as separate
// transactions would, so their meaning is unchanged; what is shared is the
// cost of BEGIN/COMMIT and of writing the same pages to the WAL.
//
// A write that fails (or panics) is rolled back to its savepoint and only
// its caller sees the error. If the commit itself fails, every caller of
// that batch gets the error and none of the batch is stored.

// maxBatch bounds a batch so that one commit never holds up answers for long.
const maxBatch = 128

var errClosed = errors.New("store: closed")

type writeRequest struct {
	ctx  context.Context
	fn   func(tx *sqlx.Tx) error
	done chan error
}

type writer struct {
	db       *sqlx.DB
	queue    chan writeRequest
	closing  chan struct{}
	finished chan struct{}
	once     sync.Once

	// mailQueued is set by a write that queued mail (see markMailQueued).
	// Only the writer's goroutine touches it.
	mailQueued bool
	// onMailQueued, if set, is called after a commit that queued mail.
	onMailQueued atomic.Pointer[func()]
	// committed is called after every commit; it must not block.
	committed func()
	// savepoints are the statements around each write, prepared once.
	savepoints savepointStatements
}

func newWriter(db *sqlx.DB, committed func()) (*writer, error) {
	savepoints, err := prepareSavepoints(db.DB)
	if err != nil {
		return nil, err
	}
	w := &writer{db: db, queue: make(chan writeRequest), closing: make(chan struct{}), finished: make(chan struct{}),
		committed: committed, savepoints: savepoints}
	go w.loop()
	return w, nil
}

// do runs fn in the next batch and returns its result after the commit.
func (w *writer) do(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	req := writeRequest{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case w.queue <- req:
	case <-w.closing:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once taken, the request always gets an answer: wait for it even if the
	// caller's context ends, so that "failed" never hides "committed".
	return <-req.done
}

// close stops taking writes and waits for the running batch to finish.
func (w *writer) close() {
	w.once.Do(func() { close(w.closing) })
	<-w.finished
	w.savepoints.close()
}

func (w *writer) loop() {
	defer close(w.finished)
	for {
		var first writeRequest
		select {
		case first = <-w.queue:
		case <-w.closing:
			return
		}
		batch := []writeRequest{first}
	gather:
		for len(batch) < maxBatch {
			select {
			case r := <-w.queue:
				batch = append(batch, r)
			default:
				break gather
			}
		}
		w.run(batch)
	}
}

func (w *writer) run(batch []writeRequest) {
	results := make([]error, len(batch))
	tx, err := w.db.BeginTxx(context.Background(), nil)
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("store: begin: %w", err)
		}
		return
	}
	mail := false
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			results[i] = err
			continue
		}
		w.mailQueued = false
		results[i] = w.savepoints.around(tx, r.fn)
		mail = mail || (results[i] == nil && w.mailQueued)
	}
	if err := tx.Commit(); err != nil {
		err = fmt.Errorf("store: commit: %w", err)
		for i := range results {
			results[i] = err
		}
		mail = false
	} else {
		w.committed()
	}
	// Before the callers hear back, so that mail queued by a request is
	// already on its way when the request is answered.
	if fn := w.onMailQueued.Load(); mail && fn != nil {
		(*fn)()
	}
	for i, r := range batch {
		r.done <- results[i]
	}
}

// statementContext is the context for the statements of a write the
// writer has taken: it carries ctx's values but is never cancelled. Once
// taken, a write runs to its end and its caller hears only after the commit
// (see do), so cancelling a statement midway could only turn the write into
// a rollback; and a context that cannot be cancelled spares the driver a
// goroutine (or a watcher) per statement, on the one goroutine all writes
// wait for.
func statementContext(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
