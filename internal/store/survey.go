package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Survey is one rater's questionnaire as they see it: their round, its
// framework and what they have answered so far.
type Survey struct {
	Rater     rapport.Rater
	Round     rapport.Round
	Framework *rapport.Framework
	Answers   map[int64]*int    // by item id; nil means "not able to observe"
	Comments  map[string]string // by question key
}

// Closed reports whether the round no longer takes answers at time now:
// the coach closed it, or its deadline has passed.
func (sv *Survey) Closed(now time.Time) bool {
	return sv.Round.Status == rapport.RoundClosed || !sv.Round.ClosesAt.After(now)
}

// errNoSurvey is the one answer to every token that does not open a
// survey, whatever the reason, so a miss reveals nothing.
var errNoSurvey = rapport.Errorf(rapport.ENOTFOUND, "there is no survey at this address")

// surveyRater finds the rater holding a link. Links of draft rounds do not
// work yet: nobody has been invited.
func surveyRater(ctx context.Context, q sqlx.QueryerContext, tokenHash []byte) (*rapport.Rater, *rapport.Round, error) {
	var rater rapport.Rater
	err := sqlx.GetContext(ctx, q, &rater, `SELECT `+raterColumns+` FROM raters WHERE token_hash = ?`, tokenHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoSurvey
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store: survey rater: %w", err)
	}
	var round rapport.Round
	if err := sqlx.GetContext(ctx, q, &round, `SELECT `+roundColumns+` WHERE r.id = ?`, rater.RoundID); err != nil {
		return nil, nil, fmt.Errorf("store: survey round: %w", err)
	}
	if round.Status == rapport.RoundDraft {
		return nil, nil, errNoSurvey
	}
	return &rater, &round, nil
}

// Survey returns the survey behind a link, changing nothing.
func (s *Store) Survey(ctx context.Context, tokenHash []byte) (*Survey, error) {
	rater, round, err := surveyRater(ctx, s.r, tokenHash)
	if err != nil {
		return nil, err
	}
	return loadSurvey(ctx, s.r, rater, round)
}

// OpenSurvey returns the survey behind a link and records the first time it
// was opened. Opening never uses the link up: mail scanners open links
// before people do.
func (s *Store) OpenSurvey(ctx context.Context, tokenHash []byte) (*Survey, error) {
	sv, err := s.Survey(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if sv.Rater.Status != rapport.RaterInvited || sv.Closed(now) {
		return sv, nil
	}
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE raters SET status = 'opened', opened_at = coalesce(opened_at, ?)
			WHERE id = ? AND status = 'invited'`, now.Unix(), sv.Rater.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: open survey: %w", err)
	}
	sv.Rater.Status = rapport.RaterOpened
	return sv, nil
}

// SaveDraft stores a partial set of answers. Everything is checked first and
// written in one transaction: a draft with one bad value changes nothing.
func (s *Store) SaveDraft(ctx context.Context, tokenHash []byte, d *rapport.Draft) (*Survey, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		sv, err := s.writableSurvey(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		return s.saveDraft(ctx, tx, sv, d)
	})
	if err != nil {
		return nil, err
	}
	return s.Survey(ctx, tokenHash)
}

// SubmitSurvey saves d (if any) and then submits the answers. When items
// are still unanswered the draft stays saved, so nothing typed is lost, and
// a *rapport.MissingError lists the items; an invalid draft changes nothing.
func (s *Store) SubmitSurvey(ctx context.Context, tokenHash []byte, d *rapport.Draft) (*Survey, error) {
	var missing []int64
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		sv, err := s.writableSurvey(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		if err := s.saveDraft(ctx, tx, sv, d); err != nil {
			return err
		}
		answers, err := answersOf(ctx, tx, sv.Rater.ID)
		if err != nil {
			return err
		}
		if missing = rapport.MissingItems(sv.Framework, answers); len(missing) > 0 {
			return nil
		}
		now := s.now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE raters SET status = 'submitted', submitted_at = ?,
			opened_at = coalesce(opened_at, ?), started_at = coalesce(started_at, ?) WHERE id = ?`, now, now, now, sv.Rater.ID)
		if err != nil {
			return fmt.Errorf("store: submit survey: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sv, err := s.Survey(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return sv, &rapport.MissingError{Items: missing}
	}
	return sv, nil
}

// DeclineSurvey records that the rater will not give feedback. Anything
// they had saved is deleted: a declined answer must never reach a report.
func (s *Store) DeclineSurvey(ctx context.Context, tokenHash []byte) (*Survey, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		sv, err := s.writableSurvey(ctx, tx, tokenHash)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM answers WHERE rater_id = ?`, `DELETE FROM comments WHERE rater_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, sv.Rater.ID); err != nil {
				return fmt.Errorf("store: decline survey: %w", err)
			}
		}
		now := s.now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE raters SET status = 'declined', declined_at = ?,
			opened_at = coalesce(opened_at, ?) WHERE id = ?`, now, now, sv.Rater.ID)
		if err != nil {
			return fmt.Errorf("store: decline survey: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Survey(ctx, tokenHash)
}

// writableSurvey loads a survey inside a write transaction and refuses it
// when it can no longer change.
func (s *Store) writableSurvey(ctx context.Context, tx *sqlx.Tx, tokenHash []byte) (*Survey, error) {
	rater, round, err := surveyRater(ctx, tx, tokenHash)
	if err != nil {
		return nil, err
	}
	sv, err := loadSurvey(ctx, tx, rater, round)
	if err != nil {
		return nil, err
	}
	switch {
	case rater.Status == rapport.RaterSubmitted:
		return nil, rapport.Errorf(rapport.ECONFLICT, "these answers have already been submitted and can no longer change")
	case rater.Status == rapport.RaterDeclined:
		return nil, rapport.Errorf(rapport.ECONFLICT, "this survey was declined and can no longer change")
	case sv.Closed(s.now()):
		return nil, rapport.Errorf(rapport.ECONFLICT, "this feedback round has closed; answers can no longer change")
	}
	return sv, nil
}

// saveDraft checks d and writes it over the survey's answers, moving the
// rater to in_progress.
func (s *Store) saveDraft(ctx context.Context, tx *sqlx.Tx, sv *Survey, d *rapport.Draft) error {
	if err := d.Check(sv.Framework); err != nil {
		return err
	}
	if d == nil {
		return nil
	}
	for id, score := range d.Answers {
		var v any
		if score != nil {
			v = *score
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO answers (rater_id, item_id, score) VALUES (?, ?, ?)
			ON CONFLICT (rater_id, item_id) DO UPDATE SET score = excluded.score`, sv.Rater.ID, id, v)
		if err != nil {
			return fmt.Errorf("store: save answer: %w", err)
		}
	}
	questionID := map[string]int64{}
	for _, q := range sv.Framework.OpenQuestions {
		questionID[q.Key] = q.ID
	}
	for key, text := range d.Comments {
		var err error
		if isBlank(text) {
			_, err = tx.ExecContext(ctx, `DELETE FROM comments WHERE rater_id = ? AND question_id = ?`, sv.Rater.ID, questionID[key])
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO comments (rater_id, question_id, text) VALUES (?, ?, ?)
				ON CONFLICT (rater_id, question_id) DO UPDATE SET text = excluded.text`, sv.Rater.ID, questionID[key], text)
		}
		if err != nil {
			return fmt.Errorf("store: save comment: %w", err)
		}
	}
	now := s.now().Unix()
	_, err := tx.ExecContext(ctx, `UPDATE raters SET status = CASE WHEN status IN ('invited', 'opened') THEN 'in_progress' ELSE status END,
		opened_at = coalesce(opened_at, ?), started_at = coalesce(started_at, ?) WHERE id = ?`, now, now, sv.Rater.ID)
	if err != nil {
		return fmt.Errorf("store: save draft: %w", err)
	}
	return nil
}

func loadSurvey(ctx context.Context, q sqlx.QueryerContext, rater *rapport.Rater, round *rapport.Round) (*Survey, error) {
	var fw frameworkRow
	if err := sqlx.GetContext(ctx, q, &fw, `SELECT `+frameworkColumns+` FROM frameworks WHERE id = ?`, round.FrameworkID); err != nil {
		return nil, fmt.Errorf("store: survey framework: %w", err)
	}
	f, err := loadFramework(ctx, q, fw)
	if err != nil {
		return nil, err
	}
	sv := &Survey{Rater: *rater, Round: *round, Framework: f}
	if sv.Answers, err = answersOf(ctx, q, rater.ID); err != nil {
		return nil, err
	}
	var comments []struct {
		Key  string `db:"key"`
		Text string `db:"text"`
	}
	err = sqlx.SelectContext(ctx, q, &comments, `SELECT q.key, c.text FROM comments c
		JOIN open_questions q ON q.id = c.question_id WHERE c.rater_id = ?`, rater.ID)
	if err != nil {
		return nil, fmt.Errorf("store: survey comments: %w", err)
	}
	sv.Comments = make(map[string]string, len(comments))
	for _, c := range comments {
		sv.Comments[c.Key] = c.Text
	}
	return sv, nil
}

func answersOf(ctx context.Context, q sqlx.QueryerContext, raterID int64) (map[int64]*int, error) {
	var rows []struct {
		ItemID int64         `db:"item_id"`
		Score  sql.NullInt64 `db:"score"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT item_id, score FROM answers WHERE rater_id = ?`, raterID); err != nil {
		return nil, fmt.Errorf("store: survey answers: %w", err)
	}
	answers := make(map[int64]*int, len(rows))
	for _, r := range rows {
		if r.Score.Valid {
			v := int(r.Score.Int64)
			answers[r.ItemID] = &v
		} else {
			answers[r.ItemID] = nil
		}
	}
	return answers, nil
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
