package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// The audit trail (migration 0017): an append-only record of what a coach
// does and of who opens their reports. A line names its subject by ids and
// keeps one column of personal data, subject_name, looked up when the line
// is written (a leader's or rater's name, a round's title), so that an
// erasure can blank it and keep the line (StripAuditPersonalData). So do
// a rater's removal and a draft round's deletion, since rater ids are
// reused after a delete (RemoveRater). Lines
// never hold answers, comments, tokens or passwords: the entry has no field
// that could carry them.

// Who did what an audit line records.
const (
	ActorCoach      = "coach"
	ActorScheduler  = "scheduler"
	ActorLeaderLink = "leader link"
	// ActorUnknown is whoever tried a coach's address with a wrong password.
	ActorUnknown = "unknown"
)

// AuditSubject is what an audit line is about, by ids. The store looks up
// the name to show from them when it writes the line.
type AuditSubject struct {
	Kind     string // leader, round, rater, account, settings, export; empty for none
	ID       int64
	LeaderID int64
	RoundID  int64
	RaterID  int64
}

// LeaderSubject is a line about a leader.
func LeaderSubject(leaderID int64) AuditSubject {
	return AuditSubject{Kind: "leader", ID: leaderID, LeaderID: leaderID}
}

// RoundSubject is a line about a round (and so its leader).
func RoundSubject(roundID int64) AuditSubject {
	return AuditSubject{Kind: "round", ID: roundID, RoundID: roundID}
}

// RaterSubject is a line about one rater of a round.
func RaterSubject(roundID, raterID int64) AuditSubject {
	return AuditSubject{Kind: "rater", ID: raterID, RoundID: roundID, RaterID: raterID}
}

// AccountSubject is a line about the coach's own account (sign-ins, tokens,
// settings, an export of everything).
func AccountSubject() AuditSubject { return AuditSubject{Kind: "account"} }

// AuditEntry is one line to record.
type AuditEntry struct {
	CoachID int64 // whose trail
	Actor   string
	Action  string // e.g. round.launched (docs/api.md lists them)
	Subject AuditSubject
	// Detail says more without naming anyone: a group, a count, which
	// fields changed (never their values), PDF or summary.
	Detail string
}

// AuditLine is a line of a coach's trail as the API shows it.
type AuditLine struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action"`
	Subject string    `json:"subject"`
	Detail  string    `json:"detail"`
}

// Audit records a line in a write of its own. Callers record it after the
// action committed: a failed audit write never undoes an action.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	return s.write(statementContext(ctx), func(tx *sqlx.Tx) error { return s.insertAudit(ctx, tx, e) })
}

// insertAudit writes a line in tx, with the subject's name as it is now.
func (s *Store) insertAudit(ctx context.Context, tx *sqlx.Tx, e AuditEntry) error {
	leaderID, name, err := auditSubjectName(ctx, tx, e.CoachID, &e.Subject)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (coach_id, at, actor, action, subject_kind, subject_id,
		leader_id, rater_id, subject_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CoachID, s.now().Unix(), e.Actor, e.Action, e.Subject.Kind, nullID(e.Subject.ID),
		nullID(leaderID), nullID(e.Subject.RaterID), name, e.Detail)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return nil
}

// auditSubjectName finds the leader a subject belongs to (what an erasure
// strips by) and the name to show: the leader's name; a round's title and
// leader; a rater's name, round and leader. Only the coach's own rows are
// looked at. A subject gone by now (a deleted draft) keeps its ids only.
func auditSubjectName(ctx context.Context, tx *sqlx.Tx, coachID int64, sub *AuditSubject) (int64, string, error) {
	var row struct {
		LeaderID   int64  `db:"leader_id"`
		LeaderName string `db:"leader_name"`
		Title      string `db:"title"`
		RaterName  string `db:"rater_name"`
	}
	var err error
	switch {
	case sub.RoundID != 0:
		err = tx.GetContext(ctx, &row, `SELECT l.id AS leader_id, l.name AS leader_name, r.title,
			ifnull((SELECT name FROM raters WHERE id = ? AND round_id = r.id), '') AS rater_name
			FROM rounds r JOIN leaders l ON l.id = r.leader_id WHERE r.id = ? AND l.coach_id = ?`,
			sub.RaterID, sub.RoundID, coachID)
	case sub.LeaderID != 0:
		err = tx.GetContext(ctx, &row, `SELECT id AS leader_id, name AS leader_name FROM leaders
			WHERE id = ? AND coach_id = ?`, sub.LeaderID, coachID)
	default:
		return 0, "", nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return sub.LeaderID, "", nil
	}
	if err != nil {
		return 0, "", err
	}
	name := row.LeaderName
	if sub.RoundID != 0 {
		name = "“" + row.Title + "” for " + row.LeaderName
		if row.RaterName != "" {
			name = row.RaterName + ", " + name
		}
	}
	return row.LeaderID, name, nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// StripAuditPersonalData blanks the names on every audit line about a
// leader (their rounds and raters included), keeping the lines: for the
// leader's erasure, in its transaction. The only change the audit_log
// triggers allow.
func StripAuditPersonalData(ctx context.Context, tx *sqlx.Tx, leaderID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET subject_name = '' WHERE leader_id = ? AND subject_name != ''`, leaderID); err != nil {
		return fmt.Errorf("store: strip audit lines of leader %d: %w", leaderID, err)
	}
	return nil
}

// StripAuditRaterData blanks the names on every audit line about one rater,
// for that rater's erasure, in its transaction.
func StripAuditRaterData(ctx context.Context, tx *sqlx.Tx, raterID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET subject_name = '' WHERE rater_id = ? AND subject_name != ''`, raterID); err != nil {
		return fmt.Errorf("store: strip audit lines of rater %d: %w", raterID, err)
	}
	return nil
}

// stripAuditRemovedRater blanks the lines that name a rater being deleted
// (removed before close, or in a deleted draft): those about their id
// whose name begins with theirs. Ids are reused, so a line about an
// earlier rater of the same id, naming someone else or only the round,
// keeps its name.
func stripAuditRemovedRater(ctx context.Context, tx *sqlx.Tx, raterID int64, name string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET subject_name = '' WHERE rater_id = ? AND subject_name != ''
		AND substr(subject_name, 1, length(?) + 2) = ? || ', '`, raterID, name, name); err != nil {
		return fmt.Errorf("store: strip audit lines of removed rater %d: %w", raterID, err)
	}
	return nil
}

// stripAuditRoundRatersRemoved does stripAuditRemovedRater for every rater
// of a round about to be deleted.
func stripAuditRoundRatersRemoved(ctx context.Context, tx *sqlx.Tx, roundID int64) error {
	var raters []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := tx.SelectContext(ctx, &raters, `SELECT id, name FROM raters WHERE round_id = ?`, roundID); err != nil {
		return fmt.Errorf("store: strip audit lines of round %d's raters: %w", roundID, err)
	}
	for _, r := range raters {
		if err := stripAuditRemovedRater(ctx, tx, r.ID, r.Name); err != nil {
			return err
		}
	}
	return nil
}

// AuditTrail returns up to limit lines of a coach's trail, newest first,
// older than the line with id before (0: from the newest). Ids only grow,
// so paging by them never shows a line twice nor skips one, however many
// lines share a second.
func (s *Store) AuditTrail(ctx context.Context, coachID, before int64, limit int) ([]AuditLine, error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	var rows []struct {
		ID      int64         `db:"id"`
		At      time.Time     `db:"at"`
		Actor   string        `db:"actor"`
		Action  string        `db:"action"`
		Kind    string        `db:"subject_kind"`
		Subject sql.NullInt64 `db:"subject_id"`
		Name    string        `db:"subject_name"`
		Detail  string        `db:"detail"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT id, at, actor, action, subject_kind, subject_id, subject_name, detail
		FROM audit_log WHERE coach_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, coachID, before, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit trail: %w", err)
	}
	lines := make([]AuditLine, len(rows))
	for i, r := range rows {
		subject := r.Kind
		if r.Subject.Valid {
			subject += " " + strconv.FormatInt(r.Subject.Int64, 10)
		}
		if r.Name != "" {
			subject += ": " + r.Name
		}
		lines[i] = AuditLine{ID: r.ID, At: r.At.UTC(), Actor: r.Actor, Action: r.Action, Subject: subject, Detail: r.Detail}
	}
	return lines, nil
}

// auditDeadlineClose records the scheduler's close of a round at its
// deadline, in the transaction that closes it. A failed line is logged and
// the close goes on: the trail must never hold up a round's end.
func (s *Store) auditDeadlineClose(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) {
	e := AuditEntry{CoachID: r.CoachID, Actor: ActorScheduler, Action: "round.closed", Subject: RoundSubject(r.ID),
		Detail: "deadline passed"}
	if err := s.insertAudit(ctx, tx, e); err != nil {
		s.logger().Error("audit line not recorded", "action", e.Action, "round", r.ID, "err", err)
	}
}

// StripAuditRoundRaters blanks the names on every audit line about the
// raters of a round: for the retention purge, which replaces those raters'
// names with a placeholder, in its transaction. Lines about the round
// itself keep the round's title and leader.
func StripAuditRoundRaters(ctx context.Context, tx *sqlx.Tx, roundID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET subject_name = ''
		WHERE rater_id IN (SELECT id FROM raters WHERE round_id = ?) AND subject_name != ''`, roundID); err != nil {
		return fmt.Errorf("store: strip audit lines of round %d's raters: %w", roundID, err)
	}
	return nil
}
