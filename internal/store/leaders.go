package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

const leaderColumns = `id, coach_id, name, email, title, organization, pronoun, created_at`

// CreateLeader adds a leader (a client) for a coach, one per address
// (compared as rapport.EmailKey).
func (s *Store) CreateLeader(ctx context.Context, coachID int64, in rapport.LeaderInput) (*rapport.Leader, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	l := &rapport.Leader{CoachID: coachID, Name: in.Name, Email: in.Email, Title: in.Title,
		Organization: in.Organization, Pronoun: in.Pronoun, CreatedAt: s.now()}
	taken := rapport.ErrLeaderTaken(l.Email)
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var others []string
		if err := tx.SelectContext(ctx, &others, `SELECT email FROM leaders WHERE coach_id = ? AND legacy_duplicate = 0`, coachID); err != nil {
			return fmt.Errorf("store: create leader: %w", err)
		}
		if rapport.EmailTaken(l.Email, others) {
			return taken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO leaders (coach_id, name, email, title, organization, pronoun, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, l.CoachID, l.Name, l.Email, l.Title, l.Organization, l.Pronoun, l.CreatedAt.Unix())
		if isUnique(err) {
			return taken
		}
		if err != nil {
			return fmt.Errorf("store: create leader: %w", err)
		}
		l.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Leaders lists a coach's leaders by name.
func (s *Store) Leaders(ctx context.Context, coachID int64) ([]rapport.Leader, error) {
	list := []rapport.Leader{}
	err := s.r.SelectContext(ctx, &list, `SELECT `+leaderColumns+` FROM leaders WHERE coach_id = ? ORDER BY name COLLATE NOCASE, id`, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: list leaders: %w", err)
	}
	return list, nil
}

// Leader returns one of the coach's leaders; another coach's is not found.
func (s *Store) Leader(ctx context.Context, coachID, id int64) (*rapport.Leader, error) {
	return getLeader(ctx, s.r, coachID, id)
}

func getLeader(ctx context.Context, q sqlx.QueryerContext, coachID, id int64) (*rapport.Leader, error) {
	var l rapport.Leader
	err := sqlx.GetContext(ctx, q, &l, `SELECT `+leaderColumns+` FROM leaders WHERE id = ? AND coach_id = ?`, id, coachID)
	if err != nil {
		return nil, notFound(err, "leader")
	}
	return &l, nil
}
