package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// UpdateLeader changes one of the coach's leaders. The leader is the self
// rater of their rounds: in rounds not yet closed the self rater follows
// the new name and address (reminders and the report email reach the new
// one); a closed round keeps its record as it was. A new address may not
// be another leader's of the coach (409), nor that of a rater of one of the
// leader's rounds not yet closed (422 on email): that rater would then be
// the leader answering a second time, padding a group.
func (s *Store) UpdateLeader(ctx context.Context, coachID, id int64, in rapport.LeaderInput) (*rapport.Leader, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := getLeader(ctx, tx, coachID, id); err != nil {
			return err
		}
		var others []string
		if err := tx.SelectContext(ctx, &others, `SELECT email FROM leaders WHERE coach_id = ? AND id != ? AND legacy_duplicate = 0`,
			coachID, id); err != nil {
			return fmt.Errorf("store: update leader: %w", err)
		}
		if rapport.EmailTaken(in.Email, others) {
			return rapport.ErrLeaderTaken(in.Email)
		}
		if err := leaderAddressFree(ctx, tx, id, in.Email); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE leaders SET name = ?, email = ?, title = ?, organization = ?, pronoun = ? WHERE id = ?`,
			in.Name, in.Email, in.Title, in.Organization, in.Pronoun, id)
		if isUnique(err) {
			return rapport.ErrLeaderTaken(in.Email)
		}
		if err != nil {
			return fmt.Errorf("store: update leader: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE raters SET name = ?, email = ? WHERE relationship = 'self'
			AND round_id IN (SELECT id FROM rounds WHERE leader_id = ? AND status != 'closed')`, in.Name, in.Email, id)
		if err != nil {
			return fmt.Errorf("store: update leader's self raters: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Leader(ctx, coachID, id)
}

// leaderAddressFree refuses a leader's new address when a rater (not the
// self rater) of one of the leader's rounds not yet closed has it.
func leaderAddressFree(ctx context.Context, tx *sqlx.Tx, leaderID int64, email string) error {
	var raters []struct {
		Name  string `db:"name"`
		Email string `db:"email"`
		Round string `db:"title"`
	}
	err := tx.SelectContext(ctx, &raters, `SELECT ra.name, ra.email, ro.title FROM raters ra JOIN rounds ro ON ro.id = ra.round_id
		WHERE ro.leader_id = ? AND ro.status != 'closed' AND ra.relationship != 'self' ORDER BY ro.id, ra.id`, leaderID)
	if err != nil {
		return fmt.Errorf("store: leader's raters: %w", err)
	}
	key := rapport.EmailKey(email)
	for _, rt := range raters {
		if rapport.EmailKey(rt.Email) == key {
			return rapport.FieldError("email", "%s is the address of %s, a rater of “%s”; the leader answers once, as the self rater. Remove that rater first or use the leader's own address.",
				email, rt.Name, rt.Round)
		}
	}
	return nil
}
