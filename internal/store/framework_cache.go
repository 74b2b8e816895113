package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// frameworkCache keeps the frameworks that rounds use, by id. Such a
// framework never changes (UpdateFramework refuses one any round uses), so
// the survey's hot path reads it from memory instead of joining four
// tables for every answer saved. Callers must treat it as read-only.
type frameworkCache struct {
	byID sync.Map // int64 -> *rapport.Framework
}

// roundFramework returns the framework of a round, from the cache when it
// is there.
func (s *Store) roundFramework(ctx context.Context, q sqlx.QueryerContext, id int64) (*rapport.Framework, error) {
	if f, ok := s.frameworks.byID.Load(id); ok {
		return f.(*rapport.Framework), nil
	}
	var row frameworkRow
	if err := sqlx.GetContext(ctx, q, &row, `SELECT `+frameworkColumns+` FROM frameworks WHERE id = ?`, id); err != nil {
		return nil, fmt.Errorf("store: round framework: %w", err)
	}
	f, err := loadFramework(ctx, q, row)
	if err != nil {
		return nil, err
	}
	s.frameworks.byID.Store(id, f)
	return f, nil
}

// forgetFramework drops a framework from the cache (it is being replaced).
func (s *Store) forgetFramework(id int64) { s.frameworks.byID.Delete(id) }
