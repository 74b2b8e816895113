package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The quiet period is kept per address, not only per rater row: a rater
// removed and added again to an open round is a new row, but the same
// person (RemoveRater keeps the emails sent to the old row). Their invitation is queued at once (the new row has a new link)
// and held until rapport.RemindQuietPeriod after the round's last email
// to that address, however spelled.

// lastEmailedAddress is when the round's outbox last emailed the address
// (or queued an email to it) within the quiet period; zero if it did not.
func lastEmailedAddress(ctx context.Context, tx *sqlx.Tx, roundID int64, email string, now time.Time) (time.Time, error) {
	var rows []struct {
		ToEmail string `db:"to_email"`
		At      int64  `db:"at"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT to_email, max(created_at, coalesce(sent_at, 0)) AS at FROM outbox
		WHERE round_id = ? AND status IN ('pending', 'sending', 'sent') AND max(created_at, coalesce(sent_at, 0)) > ?`,
		roundID, now.Add(-rapport.RemindQuietPeriod).Unix()); err != nil {
		return time.Time{}, fmt.Errorf("store: last email to address: %w", err)
	}
	key := rapport.EmailKey(email)
	var last int64
	for _, r := range rows {
		if r.At > last && rapport.EmailKey(r.ToEmail) == key {
			last = r.At
		}
	}
	if last == 0 {
		return time.Time{}, nil
	}
	return time.Unix(last, 0).UTC(), nil
}

// holdInvitation delays the rater's queued invitation until the quiet
// period after the address's last email in the round has passed.
func holdInvitation(ctx context.Context, tx *sqlx.Tx, raterID int64, lastEmailed time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ? WHERE rater_id = ? AND kind = ? AND status = 'pending'`,
		lastEmailed.Add(rapport.RemindQuietPeriod).Unix(), raterID, rapport.EmailInvitation); err != nil {
		return fmt.Errorf("store: hold invitation: %w", err)
	}
	return nil
}
