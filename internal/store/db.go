// Package store keeps Rapport's data in SQLite through sqlx. Every method
// that changes data runs in one transaction on the single writer connection;
// reads use a separate pool, so readers never wait for writers (WAL).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
)

// Store is the database. Its zero value is not usable: call Open.
type Store struct {
	w      *sqlx.DB // one connection: SQLite has one writer at a time anyway
	writer *writer  // the goroutine that owns w and commits writes in groups
	// checkpoints copies the WAL into the database file off the writer.
	checkpoints *walCheckpointer
	r           *sqlx.DB // read-only pool
	keys        *secrets.Keys
	path        string
	// frameworks caches the frameworks rounds use (see framework_cache.go).
	frameworks frameworkCache
	// links caches which rater a link leads to (see survey_links.go).
	links linkCache
	// Now is the clock; tests replace it to move time.
	Now func() time.Time
	// Log takes the store's warnings (a postponed wipe); nil is slog's default.
	Log *slog.Logger
}

func (s *Store) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// Open opens (creating if needed) the database file at path. It does not
// migrate: call Migrate before use.
//
// synchronous=NORMAL in WAL mode keeps every committed transaction across a
// process crash (SIGKILL); only a power loss or OS crash may lose the last
// transactions before a checkpoint. See docs/operations.md.
//
// secure_delete=on on every connection overwrites deleted rows with zeros,
// so that answers moved off their raters at close (detach.go), and drafts
// cleared before submitting, cannot be read back from free space.
func Open(path string, keys *secrets.Keys) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create data dir: %w", err)
	}
	params := url.Values{}
	params.Set("_journal_mode", "WAL")
	params.Set("_foreign_keys", "on")
	params.Set("_busy_timeout", "10000")
	params.Set("_synchronous", "NORMAL")
	params.Set("_secure_delete", "on")
	params.Set("_txlock", "immediate")
	// Keep prepared statements per connection: the survey's queries are the
	// same for every rater, and preparing them costs more than running them.
	params.Set("_stmt_cache_size", "64")
	// The writer leaves checkpoints to a goroutine of their own (see
	// wal_checkpointer.go), bar a backstop.
	w := sqlx.NewDb(openDB("file:"+path+"?"+params.Encode(), walAutoCheckpoint), "sqlite3")
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	params.Del("_txlock")
	params.Set("_query_only", "true")
	r := sqlx.NewDb(openDB("file:"+path+"?"+params.Encode()), "sqlite3")
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s := &Store{w: w, r: r, keys: keys, path: path, Now: time.Now}
	s.checkpoints = newWALCheckpointer(path, walCheckpointEvery, s.logger)
	var err error
	if s.writer, err = newWriter(w, s.checkpoints.committed); err != nil {
		s.checkpoints.close()
		return nil, errors.Join(err, r.Close(), w.Close())
	}
	return s, nil
}

// Close closes both pools, once the writes and checkpoints under way are done.
func (s *Store) Close() error {
	s.writer.close()
	s.checkpoints.close()
	return errors.Join(s.r.Close(), s.w.Close())
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.r.PingContext(ctx) }

// Keys are the instance keys the store uses for link tokens.
func (s *Store) Keys() *secrets.Keys { return s.keys }

// now is the clock truncated to seconds, the precision of stored times.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Second) }

// write runs fn as one all-or-nothing unit on the writer (see writer.go):
// its changes are committed before write returns nil, and undone if fn
// returns an error.
func (s *Store) write(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	return s.writer.do(ctx, fn)
}

// notFound turns sql.ErrNoRows into a not-found error naming what was missing.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return rapport.NotFound(what)
	}
	return err
}

// openSideConnection opens a connection of its own beside the writer and
// the read pool (for a backup or a checkpoint), with the same secure_delete
// as every other connection and this busy timeout in milliseconds.
func openSideConnection(path string, busyTimeoutMillis int) (*sql.DB, error) {
	params := url.Values{}
	params.Set("_busy_timeout", strconv.Itoa(busyTimeoutMillis))
	params.Set("_secure_delete", "on")
	return openDB("file:" + path + "?" + params.Encode()), nil
}

// isPrimaryKeyClash reports whether err is a PRIMARY KEY violation.
func isPrimaryKeyClash(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
}

// isUnique reports whether err is a UNIQUE constraint violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}
