package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// loadRaterAddresses reads the addresses a rater of round r is checked
// against (rapport.RaterAddresses holds the rule): every coach account's,
// the leader's and the round's raters'.
func loadRaterAddresses(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) (*rapport.RaterAddresses, error) {
	var coaches, raters []string
	var leader string
	if err := tx.SelectContext(ctx, &coaches, `SELECT email FROM coaches`); err != nil {
		return nil, fmt.Errorf("store: coach addresses: %w", err)
	}
	if err := tx.GetContext(ctx, &leader, `SELECT email FROM leaders WHERE id = ?`, r.LeaderID); err != nil {
		return nil, fmt.Errorf("store: leader address: %w", err)
	}
	if err := tx.SelectContext(ctx, &raters, `SELECT email FROM raters WHERE round_id = ?`, r.ID); err != nil {
		return nil, fmt.Errorf("store: rater addresses: %w", err)
	}
	return rapport.NewRaterAddresses(coaches, leader, raters), nil
}

// paddedRaters refuses a launch when a rater of round r fails the padding
// rule now (see rapport.RaterAddresses.PaddedRaters). Nil when none does.
func paddedRaters(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) error {
	a, err := loadRaterAddresses(ctx, tx, r)
	if err != nil {
		return err
	}
	var raters []rapport.Rater
	if err := tx.SelectContext(ctx, &raters, `SELECT `+raterColumns+` FROM raters WHERE round_id = ? ORDER BY id`, r.ID); err != nil {
		return fmt.Errorf("store: launch check: %w", err)
	}
	return a.PaddedRaters(raters)
}
