package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Erasure of a rater after close. Before close a rater who has not started
// is removed outright (RemoveRater); once the round is closed their
// answers are part of the report and stay, so that it reads the same, but
// who they are goes: their name and email, the emails sent to them (which
// name them), their entry in the leader's nomination list, and their
// links. The row keeps its relationship and status, which the response
// counts are made of; migrations/0016 describes the placeholder.

// raterEmailKinds are the emails a rater receives; those left by an
// earlier row of the same person (RemoveRater keeps the sent ones) are
// found by address.
const raterEmailKinds = `kind IN ('invitation', 'reminder', 'last_call')`

// eraseRater erases the name and email of a closed round's rater, inside
// RemoveRater's transaction. Erasing an erased rater again does nothing.
func (s *Store) eraseRater(ctx context.Context, tx *sqlx.Tx, r *rapport.Round, raterID int64, erased *Erased) error {
	var rater struct {
		Email     string `db:"email"`
		TokenHash []byte `db:"token_hash"`
		Erased    bool   `db:"erased"`
	}
	if err := tx.GetContext(ctx, &rater, `SELECT email, token_hash, erased_at IS NOT NULL AS erased FROM raters
		WHERE id = ? AND round_id = ?`, raterID, r.ID); err != nil {
		return notFound(err, "rater")
	}
	erased.Rater = true
	if rater.Erased {
		return nil
	}
	if err := s.eraseRaterEmails(ctx, tx, r.ID, raterID, rater.Email, erased); err != nil {
		return err
	}
	if err := eraseNominee(ctx, tx, r.ID, rater.Email); err != nil {
		return err
	}
	// New random link hashes: no token leads to them, so the survey and
	// unsubscribe links answer 404 like any unknown link.
	if _, err := tx.ExecContext(ctx, `UPDATE raters SET name = '', email = 'erased-' || id, token_hash = randomblob(32),
		token_sealed = x'', optout_hash = randomblob(32), erased_at = ? WHERE id = ?`, s.now().Unix(), raterID); err != nil {
		return fmt.Errorf("store: erase rater: %w", err)
	}
	if err := StripAuditRaterData(ctx, tx, raterID); err != nil {
		return err
	}
	s.forgetLink(string(rater.TokenHash))
	return countDetach(ctx, tx)
}

// eraseRaterEmails deletes the round's emails to the rater: their row's,
// and those to the same address left by an earlier row of theirs.
func (s *Store) eraseRaterEmails(ctx context.Context, tx *sqlx.Tx, roundID, raterID int64, email string, erased *Erased) error {
	var rows []struct {
		ID      int64  `db:"id"`
		RaterID *int64 `db:"rater_id"`
		ToEmail string `db:"to_email"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT id, rater_id, to_email FROM outbox WHERE round_id = ?
		AND (rater_id = ? OR (rater_id IS NULL AND `+raterEmailKinds+`))`, roundID, raterID); err != nil {
		return fmt.Errorf("store: erase rater's emails: %w", err)
	}
	key := rapport.EmailKey(email)
	for _, row := range rows {
		if row.RaterID == nil && rapport.EmailKey(row.ToEmail) != key {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE id = ?`, row.ID); err != nil {
			return fmt.Errorf("store: erase rater's emails: %w", err)
		}
		erased.OutboxIDs = append(erased.OutboxIDs, row.ID)
	}
	return nil
}

// eraseNominee takes the rater out of the leader's saved nomination list,
// if they were proposed there.
func eraseNominee(ctx context.Context, tx *sqlx.Tx, roundID int64, email string) error {
	var list string
	err := tx.GetContext(ctx, &list, `SELECT nominees FROM nominations WHERE round_id = ?`, roundID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no nomination for this round
	}
	if err != nil {
		return fmt.Errorf("store: erase rater's nomination: %w", err)
	}
	var nominees []rapport.RaterInput
	if err := json.Unmarshal([]byte(list), &nominees); err != nil {
		return fmt.Errorf("store: erase rater's nomination: %w", err)
	}
	key := rapport.EmailKey(email)
	kept := nominees[:0]
	for _, n := range nominees {
		if rapport.EmailKey(n.Email) != key {
			kept = append(kept, n)
		}
	}
	if len(kept) == len(nominees) {
		return nil
	}
	out, err := json.Marshal(kept)
	if err != nil {
		return fmt.Errorf("store: erase rater's nomination: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE nominations SET nominees = ? WHERE round_id = ?`, string(out), roundID); err != nil {
		return fmt.Errorf("store: erase rater's nomination: %w", err)
	}
	return nil
}
