package store

import (
	"context"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
)

// IsCoachAddress reports whether addr is a coach account's address,
// compared as rapport.EmailKey.
func (s *Store) IsCoachAddress(ctx context.Context, addr string) (bool, error) {
	var coaches []string
	if err := s.r.SelectContext(ctx, &coaches, `SELECT email FROM coaches`); err != nil {
		return false, fmt.Errorf("store: coach addresses: %w", err)
	}
	return rapport.EmailTaken(addr, coaches), nil
}
