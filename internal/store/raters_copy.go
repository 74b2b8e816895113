package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// CopyRaters adds the raters of another round of the same leader to a
// draft round, in one transaction, and returns how many it added. The
// leader (self) is not copied, nor the leader's proposals the coach has
// not approved, nor anyone already in the round, nor anyone the padding
// rule now refuses (their address became a coach's or the
// leader's): those are skipped, not refused, since the coach asked for
// "the same people again".
func (s *Store) CopyRaters(ctx context.Context, coachID, roundID, fromRoundID int64) (int, error) {
	copied := 0
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if err := r.CanCopyRaters(); err != nil {
			return err
		}
		from, err := getRound(ctx, tx, coachID, fromRoundID)
		switch {
		case rapport.ErrorCode(err) == rapport.ENOTFOUND:
			return rapport.FieldError("from_round_id", "You have no round %d to copy raters from.", fromRoundID)
		case err != nil:
			return err
		case from.ID == r.ID:
			return rapport.FieldError("from_round_id", "Choose another round than this one to copy raters from.")
		case from.LeaderID != r.LeaderID:
			return rapport.FieldError("from_round_id", "%q is about another leader; copy raters from a round about %s.", from.Title, r.LeaderName)
		}
		addrs, err := loadRaterAddresses(ctx, tx, r)
		if err != nil {
			return err
		}
		var raters []rapport.RaterInput
		err = tx.SelectContext(ctx, &raters, `SELECT name, email, relationship FROM raters
			WHERE round_id = ? AND relationship != 'self' AND proposed = 0 AND erased_at IS NULL ORDER BY id`, from.ID)
		if err != nil {
			return fmt.Errorf("store: copy raters: %w", err)
		}
		for _, in := range raters {
			if addrs.Duplicate(in.Email) != nil || addrs.Padding(in.Email, in.Relationship) != nil {
				continue
			}
			if _, err := s.insertRater(ctx, tx, r.ID, in); err != nil {
				return err
			}
			addrs.Add(in.Email)
			copied++
		}
		return nil
	})
	return copied, err
}
