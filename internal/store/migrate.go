package store

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/migrations"
)

type migration struct {
	version int
	name    string
	sql     string
}

// knownMigrations are the embedded migrations in order, read once: health
// checks ask for them on every request.
var knownMigrations = sync.OnceValues(readMigrations)

func readMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return nil, err
	}
	var list []migration
	for _, name := range names {
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s must be named NNNN_name.sql", name)
		}
		body, err := fs.ReadFile(migrations.FS, name)
		if err != nil {
			return nil, err
		}
		list = append(list, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	for i := 1; i < len(list); i++ {
		if list[i].version == list[i-1].version {
			return nil, fmt.Errorf("store: two migrations numbered %d", list[i].version)
		}
	}
	return list, nil
}

// SchemaVersion returns the newest applied migration and the newest this
// binary knows. It only reads, so health checks never wait for the writer.
func (s *Store) SchemaVersion(ctx context.Context) (applied, known int, err error) {
	list, err := knownMigrations()
	if err != nil {
		return 0, 0, err
	}
	if len(list) > 0 {
		known = list[len(list)-1].version
	}
	var tables int
	if err := s.r.GetContext(ctx, &tables, `SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'`); err != nil {
		return 0, 0, fmt.Errorf("store: schema version: %w", err)
	}
	if tables == 0 {
		return 0, known, nil
	}
	err = s.r.GetContext(ctx, &applied, `SELECT ifnull(max(version), 0) FROM schema_migrations`)
	return applied, known, err
}

// Migrate applies every migration not yet applied, each in its own
// transaction. It refuses a database whose schema is newer than this binary,
// which would otherwise be written to by code that does not understand it.
func (s *Store) Migrate(ctx context.Context) (appliedNow []string, err error) {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return nil, fmt.Errorf("store: schema table: %w", err)
	}
	applied, known, err := s.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if applied > known {
		return nil, fmt.Errorf("store: the database schema is at version %d but this binary knows only up to %d: run a newer rapport", applied, known)
	}
	list, err := knownMigrations()
	if err != nil {
		return nil, err
	}
	// Apply every known migration not yet recorded, not only those above the
	// newest: a number that landed late must still run.
	var done []int
	if err := s.r.SelectContext(ctx, &done, `SELECT version FROM schema_migrations`); err != nil {
		return nil, fmt.Errorf("store: applied migrations: %w", err)
	}
	isDone := map[int]bool{}
	for _, v := range done {
		isDone[v] = true
	}
	for _, m := range list {
		if isDone[m.version] {
			continue
		}
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("store: migration %s: %w", m.name, err)
			}
			if step := migrationSteps[m.version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return fmt.Errorf("store: migration %s: %w", m.name, err)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, s.now().Unix())
			return err
		})
		if err != nil {
			return appliedNow, err
		}
		appliedNow = append(appliedNow, m.name)
	}
	if err := s.fillOptOutHashes(ctx); err != nil {
		return appliedNow, err
	}
	if err := s.detachClosedRounds(ctx); err != nil {
		return appliedNow, err
	}
	// A wipe another process left pending (its checkpoint was busy when it
	// closed a round, and it exited): every command migrates first, so
	// each start tries it. Tolerated if still busy (checkpoint.go).
	_ = s.CheckpointIfPending(ctx)
	return appliedNow, nil
}

// CheckSchema fails unless every migration this binary knows is applied
// and none it does not know.
func (s *Store) CheckSchema(ctx context.Context) error {
	applied, known, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	list, err := knownMigrations()
	if err != nil {
		return err
	}
	var count int
	if err := s.r.GetContext(ctx, &count, `SELECT count(*) FROM schema_migrations`); err != nil {
		return fmt.Errorf("store: schema check: %w", err)
	}
	if applied != known || count != len(list) {
		return fmt.Errorf("store: schema at version %d with %d migrations applied; this binary expects %d with %d", applied, count, known, len(list))
	}
	return nil
}
