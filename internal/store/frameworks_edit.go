package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// FrameworkInUse reports how many rounds use a framework. A framework in use
// never changes, so answers always point at the items they rated.
func (s *Store) FrameworkInUse(ctx context.Context, frameworkID int64) (int, error) {
	return frameworkUses(ctx, s.r, frameworkID)
}

func frameworkUses(ctx context.Context, q sqlx.QueryerContext, frameworkID int64) (int, error) {
	var n int
	if err := sqlx.GetContext(ctx, q, &n, `SELECT count(*) FROM rounds WHERE framework_id = ?`, frameworkID); err != nil {
		return 0, fmt.Errorf("store: framework use: %w", err)
	}
	return n, nil
}

// DuplicateFramework copies a framework the coach can use (built-in or
// their own) into a new framework of theirs under a new key and name.
func (s *Store) DuplicateFramework(ctx context.Context, coachID int64, fromKey, newKey, newName string) (*rapport.Framework, error) {
	src, err := s.Framework(ctx, coachID, fromKey)
	if err != nil {
		return nil, err
	}
	cp := *src
	cp.Key, cp.Name = newKey, newName
	return s.CreateFramework(ctx, coachID, &cp)
}

// UpdateFramework replaces the contents of one of the coach's own
// frameworks (its key stays). Built-in frameworks and frameworks used by a
// round cannot be changed: duplicate them instead.
func (s *Store) UpdateFramework(ctx context.Context, coachID int64, key string, f *rapport.Framework) (*rapport.Framework, error) {
	f.Key = key
	if err := f.Validate(); err != nil {
		return nil, err
	}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		cur, err := frameworkByKey(ctx, tx, coachID, key)
		if err != nil {
			return err
		}
		if cur.Builtin {
			return rapport.ErrBuiltinFramework()
		}
		used, err := frameworkUses(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		if used > 0 {
			return rapport.ErrFrameworkInUse(used)
		}
		// Nothing points at the old items (no round uses them), so the
		// simplest faithful update is to replace the framework whole.
		if _, err := tx.ExecContext(ctx, `DELETE FROM frameworks WHERE id = ?`, cur.ID); err != nil {
			return fmt.Errorf("store: replace framework: %w", err)
		}
		s.forgetFramework(cur.ID)
		return s.insertFramework(ctx, tx, &coachID, f)
	})
	if err != nil {
		return nil, err
	}
	return s.Framework(ctx, coachID, key)
}
