package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// savepointStatements run each write of a batch in a savepoint of its own,
// so that a failed write undoes only its own changes. They are prepared
// once on the writer connection: passed as text, each of the two or three
// per write would be parsed again every time (about a tenth of the writer's
// time per submit, measured in docs/benchmarks.md), on the one goroutine
// every write waits for.
type savepointStatements struct {
	begin, rollback, release *sql.Stmt
}

func prepareSavepoints(db *sql.DB) (savepointStatements, error) {
	var s savepointStatements
	var err error
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{{&s.begin, `SAVEPOINT write`}, {&s.rollback, `ROLLBACK TO write`}, {&s.release, `RELEASE write`}} {
		if *p.stmt, err = db.Prepare(p.sql); err != nil {
			s.close()
			return savepointStatements{}, fmt.Errorf("store: prepare %s: %w", p.sql, err)
		}
	}
	return s, nil
}

func (s savepointStatements) close() {
	for _, st := range []*sql.Stmt{s.begin, s.rollback, s.release} {
		if st != nil {
			st.Close()
		}
	}
}

// around runs fn in a savepoint of tx: if fn fails (or panics), what it
// changed is rolled back and the rest of the transaction stays.
func (s savepointStatements) around(tx *sqlx.Tx, fn func(tx *sqlx.Tx) error) (err error) {
	if _, err := tx.Stmt(s.begin).Exec(); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
		}
		if err != nil {
			if _, rbErr := tx.Stmt(s.rollback).Exec(); rbErr != nil {
				err = errors.Join(err, rbErr)
			}
		}
		if _, relErr := tx.Stmt(s.release).Exec(); relErr != nil && err == nil {
			err = fmt.Errorf("store: release savepoint: %w", relErr)
		}
	}()
	return fn(tx)
}
