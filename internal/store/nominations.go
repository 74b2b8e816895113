package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The leader nominates, the coach decides. The coach sends the leader a
// nomination link for a draft round (a secret like a survey link: only its
// keyed hash and sealed copy are kept); the leader saves a list of people
// there and submits it; each becomes a rater marked proposed, whom the
// coach approves or removes before launch.

// SendNomination makes the round's nomination link, replacing any earlier
// one (whose link then stops working), and queues the email that carries
// it to the leader. A list the leader saved is kept. It returns the
// leader's address.
func (s *Store) SendNomination(ctx context.Context, coachID, roundID int64) (string, error) {
	var to string
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if err := r.CanNominate(); err != nil {
			return err
		}
		_, hash, sealed := s.keys.NewLink()
		if _, err := tx.ExecContext(ctx, `INSERT INTO nominations (round_id, token_hash, token_sealed, created_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (round_id) DO UPDATE SET token_hash = excluded.token_hash,
			token_sealed = excluded.token_sealed, status = 'open', created_at = excluded.created_at, submitted_at = NULL`,
			roundID, hash, sealed, s.now().Unix()); err != nil {
			return fmt.Errorf("store: send nomination: %w", err)
		}
		if err := tx.GetContext(ctx, &to, `SELECT email FROM leaders WHERE id = ?`, r.LeaderID); err != nil {
			return fmt.Errorf("store: send nomination: %w", err)
		}
		return s.enqueueLeaderEmail(ctx, tx, rapport.EmailNomination, r)
	})
	return to, err
}

// NominationState is where a round's nomination stands, for the coach.
type NominationState struct {
	Status      string     `db:"status"`
	SentAt      time.Time  `db:"created_at"`
	SubmittedAt *time.Time `db:"submitted_at"`
}

const nominationColumns = `n.round_id, r.title AS round_title, r.status AS round_status, l.name AS leader_name,
	c.name AS coach_name, r.anonymity_threshold, n.status, n.submitted_at, n.nominees
	FROM nominations n JOIN rounds r ON r.id = n.round_id JOIN leaders l ON l.id = r.leader_id JOIN coaches c ON c.id = r.coach_id`

type nominationRow struct {
	rapport.Nomination
	NomineesJSON string `db:"nominees"`
}

func getNomination(ctx context.Context, q sqlx.QueryerContext, tokenHash []byte) (*rapport.Nomination, error) {
	var row nominationRow
	// The link ends with its purpose: once the round is launched it opens
	// nothing, like an unknown link.
	if err := sqlx.GetContext(ctx, q, &row, `SELECT `+nominationColumns+` WHERE n.token_hash = ? AND r.status = 'draft'`, tokenHash); err != nil {
		return nil, notFound(err, "nomination")
	}
	if err := json.Unmarshal([]byte(row.NomineesJSON), &row.Nomination.Nominees); err != nil {
		return nil, fmt.Errorf("store: nomination %d: %w", row.RoundID, err)
	}
	return &row.Nomination, nil
}

// Nomination finds the nomination whose link has this keyed hash.
func (s *Store) Nomination(ctx context.Context, tokenHash []byte) (*rapport.Nomination, error) {
	return getNomination(ctx, s.r, tokenHash)
}

// SaveNomination replaces the leader's saved list, each nominee checked
// like a rater (rapport.NominationInput.Validate). Nothing is proposed to
// the coach until the leader submits.
func (s *Store) SaveNomination(ctx context.Context, tokenHash []byte, in rapport.NominationInput) (*rapport.Nomination, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		n, err := getNomination(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		if _, _, err := checkNomination(ctx, tx, n, &in); err != nil {
			return err
		}
		list, err := json.Marshal(in.Nominees)
		if err != nil {
			return fmt.Errorf("store: save nomination: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE nominations SET nominees = ? WHERE token_hash = ?`, string(list), tokenHash)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Nomination(ctx, tokenHash)
}

// SubmitNomination sends the leader's saved list to the coach: each
// nominee becomes a rater marked proposed (one already in the round, the
// coach having added them meanwhile, is left as they are) and the coach is
// emailed. The list is checked again first: a coach account may have
// appeared with a nominee's address since it was saved.
func (s *Store) SubmitNomination(ctx context.Context, tokenHash []byte) (*rapport.Nomination, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		n, err := getNomination(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		in := rapport.NominationInput{Nominees: n.Nominees}
		r, addrs, err := checkNomination(ctx, tx, n, &in)
		if err != nil {
			return err
		}
		if len(in.Nominees) == 0 {
			return rapport.FieldError("nominees", "Propose at least one person before sending your list.")
		}
		for _, nominee := range in.Nominees {
			if addrs.Duplicate(nominee.Email) != nil {
				continue
			}
			id, err := s.insertRater(ctx, tx, r.ID, nominee)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE raters SET proposed = 1 WHERE id = ?`, id); err != nil {
				return fmt.Errorf("store: propose rater: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE nominations SET status = 'submitted', submitted_at = ? WHERE round_id = ?`,
			s.now().Unix(), r.ID); err != nil {
			return fmt.Errorf("store: submit nomination: %w", err)
		}
		return s.enqueueCoachEmail(ctx, tx, rapport.EmailNominationSubmitted, r)
	})
	if err != nil {
		return nil, err
	}
	return s.Nomination(ctx, tokenHash)
}

// checkNomination checks that the leader may still change nomination n,
// read in tx, and validates in against the round's addresses. It returns
// the round and those addresses (Validate leaves them as read).
func checkNomination(ctx context.Context, tx *sqlx.Tx, n *rapport.Nomination, in *rapport.NominationInput) (*rapport.Round, *rapport.RaterAddresses, error) {
	if err := n.CanChange(); err != nil {
		return nil, nil, err
	}
	var r rapport.Round
	if err := tx.GetContext(ctx, &r, `SELECT `+roundColumns+` WHERE r.id = ?`, n.RoundID); err != nil {
		return nil, nil, fmt.Errorf("store: nomination round: %w", err)
	}
	addrs, err := loadRaterAddresses(ctx, tx, &r)
	if err != nil {
		return nil, nil, err
	}
	if in.Nominees == nil {
		in.Nominees = []rapport.RaterInput{}
	}
	return &r, addrs, in.Validate(addrs)
}

// RoundNomination is where a round's nomination stands, or nil when the
// leader was never asked.
func (s *Store) RoundNomination(ctx context.Context, roundID int64) (*NominationState, error) {
	var st NominationState
	err := s.r.GetContext(ctx, &st, `SELECT status, created_at, submitted_at FROM nominations WHERE round_id = ?`, roundID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: round nomination: %w", err)
	}
	return &st, nil
}

// ApproveRater accepts a rater the leader proposed: they become a rater
// like any other, invited at launch.
func (s *Store) ApproveRater(ctx context.Context, coachID, roundID, raterID int64) (*rapport.Rater, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := getRound(ctx, tx, coachID, roundID); err != nil {
			return err
		}
		var proposed bool
		if err := tx.GetContext(ctx, &proposed, `SELECT proposed FROM raters WHERE id = ? AND round_id = ?`, raterID, roundID); err != nil {
			return notFound(err, "rater")
		}
		if !proposed {
			return rapport.Errorf(rapport.ECONFLICT, "this rater is not a proposal awaiting your decision")
		}
		_, err := tx.ExecContext(ctx, `UPDATE raters SET proposed = 0 WHERE id = ?`, raterID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.rater(ctx, raterID)
}
