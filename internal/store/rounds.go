package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

const roundColumns = `r.id, r.coach_id, r.leader_id, l.name AS leader_name, l.pronoun AS leader_pronoun, r.framework_id, f.key AS framework_key,
	r.title, r.status, r.closes_at, r.time_zone, r.anonymity_threshold, r.reminder_interval, r.max_reminders,
	r.created_at, r.launched_at, r.closed_at, r.released_at, r.purged_at, c.retention_days
	FROM rounds r JOIN leaders l ON l.id = r.leader_id JOIN frameworks f ON f.id = r.framework_id
	JOIN coaches c ON c.id = r.coach_id`

// CreateRound creates a draft round on one of the coach's leaders, with the
// leader already added as the self rater.
func (s *Store) CreateRound(ctx context.Context, coachID int64, in rapport.RoundInput) (*rapport.Round, error) {
	now := s.now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var id int64
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		leader, err := getLeader(ctx, tx, coachID, in.LeaderID)
		if err != nil {
			return err
		}
		fw, err := frameworkByKey(ctx, tx, coachID, in.FrameworkKey)
		if err != nil {
			return rapport.ErrNoFramework(in.FrameworkKey)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO rounds (coach_id, leader_id, framework_id, title, closes_at, time_zone,
			anonymity_threshold, reminder_interval, max_reminders, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			coachID, leader.ID, fw.ID, in.Title, in.ClosesAt.Unix(), in.TimeZone, *in.AnonymityThreshold,
			int64(*in.ReminderInterval/time.Second), *in.MaxReminders, now.Unix())
		if err != nil {
			return fmt.Errorf("store: create round: %w", err)
		}
		id, _ = res.LastInsertId()
		_, err = s.insertRater(ctx, tx, id, rapport.RaterInput{Name: leader.Name, Email: leader.Email, Relationship: rapport.Self})
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Round(ctx, coachID, id)
}

// LatestTimeZone is the zone of the coach's most recent round, or UTC
// before their first: the zone a new round's form starts in.
func (s *Store) LatestTimeZone(ctx context.Context, coachID int64) (string, error) {
	var zones []string
	err := s.r.SelectContext(ctx, &zones, `SELECT time_zone FROM rounds WHERE coach_id = ?
		ORDER BY created_at DESC, id DESC LIMIT 1`, coachID)
	if err != nil {
		return "", fmt.Errorf("store: latest time zone: %w", err)
	}
	if len(zones) == 0 {
		return rapport.DefaultTimeZone, nil
	}
	return zones[0], nil
}

// RecentTimeZones lists the zones of the coach's rounds, the most recently
// used first, at most limit of them.
func (s *Store) RecentTimeZones(ctx context.Context, coachID int64, limit int) ([]string, error) {
	zones := []string{}
	err := s.r.SelectContext(ctx, &zones, `SELECT time_zone FROM rounds WHERE coach_id = ?
		GROUP BY time_zone ORDER BY MAX(created_at) DESC, MAX(id) DESC LIMIT ?`, coachID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: recent time zones: %w", err)
	}
	return zones, nil
}

// Rounds lists the coach's rounds, newest first.
func (s *Store) Rounds(ctx context.Context, coachID int64) ([]rapport.Round, error) {
	list := []rapport.Round{}
	err := s.r.SelectContext(ctx, &list, `SELECT `+roundColumns+` WHERE r.coach_id = ? ORDER BY r.created_at DESC, r.id DESC`, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: list rounds: %w", err)
	}
	return list, nil
}

// Round returns one of the coach's rounds; another coach's is not found.
func (s *Store) Round(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	return getRound(ctx, s.r, coachID, id)
}

func getRound(ctx context.Context, q sqlx.QueryerContext, coachID, id int64) (*rapport.Round, error) {
	var r rapport.Round
	if err := sqlx.GetContext(ctx, q, &r, `SELECT `+roundColumns+` WHERE r.id = ? AND r.coach_id = ?`, id, coachID); err != nil {
		return nil, notFound(err, "round")
	}
	return &r, nil
}

// LaunchRound opens a draft round and queues an invitation to every rater.
func (s *Store) LaunchRound(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	now := s.now()
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, id)
		if err != nil {
			return err
		}
		var others int
		var proposed int
		if err := tx.GetContext(ctx, &proposed, `SELECT count(*) FROM raters WHERE round_id = ? AND proposed = 1`, id); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &others, `SELECT count(*) FROM raters WHERE round_id = ? AND relationship != 'self' AND proposed = 0`, id); err != nil {
			return err
		}
		if r.Status == rapport.RoundDraft && proposed > 0 {
			return rapport.ProposalsAwait(proposed)
		}
		if err := r.CanLaunch(now, others); err != nil {
			return err
		}
		// A coach account or the leader's address may have appeared since a
		// rater was added: check again before any invitation goes out.
		if err := paddedRaters(ctx, tx, r); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE rounds SET status = 'open', launched_at = ? WHERE id = ?`, now.Unix(), id); err != nil {
			return fmt.Errorf("store: launch round: %w", err)
		}
		_, err = s.enqueueRaterEmails(ctx, tx, rapport.EmailInvitation, false, `round_id = ?`, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Round(ctx, coachID, id)
}

// CloseRound closes an open round: answers become final and the report can
// be read. The coach is told by email.
func (s *Store) CloseRound(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, id)
		if err != nil {
			return err
		}
		return s.closeRound(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	// After the commit; if readers keep it from finishing, the next
	// scheduler pass checkpoints instead (checkpoint.go).
	_ = s.CheckpointIfPending(ctx)
	return s.Round(ctx, coachID, id)
}

// closeRound closes an open round in tx, detaching its anonymous answers
// from their raters in the same transaction (detach.go): the round is
// never closed with answers still tied to a person.
func (s *Store) closeRound(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) error {
	if err := r.CanClose(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?`, s.now().Unix(), r.ID); err != nil {
		return fmt.Errorf("store: close round: %w", err)
	}
	if err := s.detachAnonymous(ctx, tx, r); err != nil {
		return err
	}
	return s.enqueueCoachEmail(ctx, tx, rapport.EmailRoundClosed, r)
}

// RoundCounts are the raters of a round per relationship: all of them, and
// those who submitted.
type RoundCounts struct {
	Invited   map[rapport.Relationship]int `json:"invited"`
	Submitted map[rapport.Relationship]int `json:"submitted"`
}

// Counts returns the raters of a round per relationship; proposals the
// coach has not approved are not counted.
func (s *Store) Counts(ctx context.Context, roundID int64) (*RoundCounts, error) {
	var rows []struct {
		Relationship rapport.Relationship `db:"relationship"`
		Invited      int                  `db:"invited"`
		Submitted    int                  `db:"submitted"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT relationship, count(*) AS invited,
		sum(status = 'submitted') AS submitted FROM raters WHERE round_id = ? AND proposed = 0 GROUP BY relationship`, roundID)
	if err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	c := &RoundCounts{Invited: map[rapport.Relationship]int{}, Submitted: map[rapport.Relationship]int{}}
	for _, row := range rows {
		c.Invited[row.Relationship] = row.Invited
		c.Submitted[row.Relationship] = row.Submitted
	}
	return c, nil
}
