package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// A proposed rater (nominations.go) reads as status "proposed"; an erased
// one's placeholder address (erase_rater.go) reads as "".
const raterColumns = `id, round_id, name, CASE WHEN erased_at IS NULL THEN email ELSE '' END AS email, relationship,
	CASE proposed WHEN 1 THEN 'proposed' ELSE status END AS status, created_at, opted_out_at, reminders_sent, last_emailed_at, erased_at`

// Raters lists a round's raters, self first, then by relationship and name.
func (s *Store) Raters(ctx context.Context, roundID int64) ([]rapport.Rater, error) {
	list := []rapport.Rater{}
	err := s.r.SelectContext(ctx, &list, `SELECT `+raterColumns+` FROM raters WHERE round_id = ?
		ORDER BY CASE relationship WHEN 'self' THEN 0 WHEN 'superior' THEN 1 WHEN 'peer' THEN 2
		WHEN 'direct_report' THEN 3 ELSE 4 END, name COLLATE NOCASE, id`, roundID)
	if err != nil {
		return nil, fmt.Errorf("store: list raters: %w", err)
	}
	if err := s.attachLastEmails(ctx, roundID, list); err != nil {
		return nil, err
	}
	return list, nil
}

// attachLastEmails sets each rater's newest email and its delivery status.
func (s *Store) attachLastEmails(ctx context.Context, roundID int64, raters []rapport.Rater) error {
	var rows []struct {
		RaterID int64 `db:"rater_id"`
		rapport.EmailStatus
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT o.rater_id, o.kind, o.status, o.created_at, o.sent_at, o.attempts, o.last_error
		FROM outbox o WHERE o.round_id = ? AND o.id = (SELECT max(id) FROM outbox WHERE rater_id = o.rater_id)`, roundID)
	if err != nil {
		return fmt.Errorf("store: last emails: %w", err)
	}
	byRater := make(map[int64]*rapport.EmailStatus, len(rows))
	for i := range rows {
		byRater[rows[i].RaterID] = &rows[i].EmailStatus
	}
	for i := range raters {
		raters[i].LastEmail = byRater[raters[i].ID]
	}
	return nil
}

// AddRater adds a rater to one of the coach's rounds. In an open round the
// invitation is queued at once, held while the address is in its quiet
// period (invitation_quiet.go). A released round takes no new raters: a
// late answer would show in the difference between two reports. An address
// that is a coach's, the leader's (but for self) or already in the round,
// however written, is refused (see raterAddresses).
func (s *Store) AddRater(ctx context.Context, coachID, roundID int64, in rapport.RaterInput) (*rapport.Rater, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if err := r.CanAddRaters(); err != nil {
			return err
		}
		addrs, err := loadRaterAddresses(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := addrs.Padding(in.Email, in.Relationship); err != nil {
			return err
		}
		if err := addrs.Duplicate(in.Email); err != nil && in.Relationship != rapport.Self {
			return err
		}
		var lastEmailed time.Time
		if r.Status == rapport.RoundOpen {
			// Read before the new invitation is queued: only earlier mail counts.
			if lastEmailed, err = lastEmailedAddress(ctx, tx, roundID, in.Email, s.now()); err != nil {
				return err
			}
		}
		if id, err = s.insertRater(ctx, tx, roundID, in); err != nil {
			return err
		}
		if r.Status != rapport.RoundOpen {
			return nil
		}
		if _, err := s.enqueueRaterEmails(ctx, tx, rapport.EmailInvitation, false, `id = ?`, id); err != nil {
			return err
		}
		if !lastEmailed.IsZero() {
			return holdInvitation(ctx, tx, id, lastEmailed)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.rater(ctx, id)
}

// insertRater stores a rater with a fresh survey link.
func (s *Store) insertRater(ctx context.Context, tx *sqlx.Tx, roundID int64, in rapport.RaterInput) (int64, error) {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM raters WHERE round_id = ?`, roundID); err != nil {
		return 0, fmt.Errorf("store: count raters: %w", err)
	}
	if n >= rapport.MaxRatersPerRound {
		return 0, rapport.ErrRoundFull()
	}
	token, hash, sealed := s.keys.NewLink()
	res, err := tx.ExecContext(ctx, `INSERT INTO raters (round_id, name, email, relationship, token_hash, token_sealed, optout_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, roundID, in.Name, in.Email, in.Relationship, hash, sealed, s.optOutHash(token), s.now().Unix())
	if isUnique(err) {
		if in.Relationship == rapport.Self {
			var n int
			_ = tx.GetContext(ctx, &n, `SELECT count(*) FROM raters WHERE round_id = ? AND relationship = 'self'`, roundID)
			if n > 0 {
				return 0, rapport.ErrSelfTaken()
			}
		}
		return 0, rapport.ErrRaterTaken(in.Email)
	}
	if err != nil {
		return 0, fmt.Errorf("store: insert rater: %w", err)
	}
	return res.LastInsertId()
}

func (s *Store) rater(ctx context.Context, id int64) (*rapport.Rater, error) {
	var r rapport.Rater
	if err := s.r.GetContext(ctx, &r, `SELECT `+raterColumns+` FROM raters WHERE id = ?`, id); err != nil {
		return nil, notFound(err, "rater")
	}
	return &r, nil
}

// RemoveRater deletes a rater who has not started answering; their link
// stops working at once. Once the round is closed it erases the rater's
// name and email instead, keeping their answers (eraseRater). It returns
// the emails it deleted, for the file outbox.
func (s *Store) RemoveRater(ctx context.Context, coachID, roundID, raterID int64) (*Erased, error) {
	erased := &Erased{}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if r.Status == rapport.RoundClosed {
			return s.eraseRater(ctx, tx, r, raterID, erased)
		}
		var rater struct {
			Name      string              `db:"name"`
			Status    rapport.RaterStatus `db:"status"`
			TokenHash []byte              `db:"token_hash"`
		}
		if err := tx.GetContext(ctx, &rater, `SELECT name, status, token_hash FROM raters WHERE id = ? AND round_id = ?`, raterID, roundID); err != nil {
			return notFound(err, "rater")
		}
		if err := r.CanRemoveRater(rater.Status); err != nil {
			return err
		}
		// The emails already sent stay in the outbox, detached from the row,
		// so that adding the person again keeps their quiet period
		// (invitation_quiet.go); the unsent ones go with the rater.
		if _, err = tx.ExecContext(ctx, `UPDATE outbox SET rater_id = NULL WHERE rater_id = ? AND status = 'sent'`, raterID); err != nil {
			return fmt.Errorf("store: remove rater: %w", err)
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM raters WHERE id = ?`, raterID); err != nil {
			return fmt.Errorf("store: remove rater: %w", err)
		}
		// Rater ids are reused after a delete (no AUTOINCREMENT), and a
		// removed rater can no longer be erased: their name leaves the
		// audit trail now, so that no line names them later under another
		// rater's id and an erasure of them when re-added misses nothing.
		if err := stripAuditRemovedRater(ctx, tx, raterID, rater.Name); err != nil {
			return err
		}
		// A cached link would still check a write's draft before finding
		// the rater gone, and answer a bad draft with a 422 instead of the
		// 404 every link that opens nothing gets.
		s.forgetLink(string(rater.TokenHash))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if erased.Rater {
		s.finishWipe(ctx)
	}
	return erased, nil
}
