package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// LinkTarget is what a survey link leads to: the rater, their round and
// its framework. Both a resolved SurveyLink and a Survey carry one.
type LinkTarget struct {
	Rater     rapport.Rater
	Round     rapport.Round
	Framework *rapport.Framework
}

// Closed reports whether the round no longer takes answers at time now:
// the coach closed it, or its deadline has passed.
func (t *LinkTarget) Closed(now time.Time) bool {
	return t.Round.Status == rapport.RoundClosed || !t.Round.ClosesAt.After(now)
}

// Finished reports whether the link has served its purpose at time now:
// the rater submitted or declined, or the round closed (a released round
// is closed). From then on the link shows where it stands and nothing the
// rater answered: a link can be forwarded, or quoted in a reply.
func (t *LinkTarget) Finished(now time.Time) bool {
	return t.Rater.Status == rapport.RaterSubmitted || t.Rater.Status == rapport.RaterDeclined || t.Closed(now)
}

// Survey is one rater's questionnaire as a page or response shows it:
// their round, its framework and what they have answered so far. A
// finished survey (see Finished) carries no answers: Answers and Comments
// are nil, never read from the database.
type Survey struct {
	LinkTarget
	Answers  map[int64]*int    // by item id; nil means "not able to observe"
	Comments map[string]string // by question key
}

// surveyRater finds the rater holding a link, their round, and the number
// their answers and comments are stored under (0 until a write stores
// any; see newResponse). Links of draft rounds do not work yet: nobody has
// been invited.
func surveyRater(ctx context.Context, q sqlx.QueryerContext, tokenHash []byte) (*rapport.Rater, *rapport.Round, int64, error) {
	rater, round, response, err := scanLink(q.QueryRowxContext(ctx, surveyLinkSelect+`WHERE t.token_hash = ?`, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, 0, rapport.ErrNoSurvey
	}
	if err != nil {
		return nil, nil, 0, fmt.Errorf("store: survey link: %w", err)
	}
	if round.Status == rapport.RoundDraft {
		return nil, nil, 0, rapport.ErrNoSurvey
	}
	return rater, round, response, nil
}

// surveyLinkSelect reads a rater and their round in one statement: it runs
// for every survey request.
const surveyLinkSelect = `SELECT
	t.id, t.round_id, t.name, t.email, t.relationship, t.status, t.created_at, t.opted_out_at,
	t.reminders_sent, t.last_emailed_at, ifnull(t.response_id, 0),
	r.id, r.coach_id, r.leader_id, l.name, l.pronoun, r.framework_id, f.key, r.title, r.status, r.closes_at,
	r.time_zone, r.anonymity_threshold, r.reminder_interval, r.max_reminders, r.created_at,
	r.launched_at, r.closed_at, r.released_at
	FROM raters t JOIN rounds r ON r.id = t.round_id JOIN leaders l ON l.id = r.leader_id
	JOIN frameworks f ON f.id = r.framework_id
	`

// scanLink reads a row of surveyLinkSelect, column by column in its order:
// by hand, because reflection over 27 columns costs more than the query.
func scanLink(row interface{ Scan(...any) error }) (*rapport.Rater, *rapport.Round, int64, error) {
	var t rapport.Rater
	var r rapport.Round
	var response int64
	err := row.Scan(&t.ID, &t.RoundID, &t.Name, &t.Email, &t.Relationship, &t.Status, &t.CreatedAt, &t.OptedOutAt,
		&t.RemindersSent, &t.LastEmailedAt, &response,
		&r.ID, &r.CoachID, &r.LeaderID, &r.LeaderName, &r.LeaderPronoun, &r.FrameworkID, &r.FrameworkKey, &r.Title, &r.Status, &r.ClosesAt,
		&r.TimeZone, &r.AnonymityThreshold, &r.ReminderSeconds, &r.MaxReminders, &r.CreatedAt,
		&r.LaunchedAt, &r.ClosedAt, &r.ReleasedAt)
	if err != nil {
		return nil, nil, 0, err
	}
	return &t, &r, response, nil
}

// ResolveLink looks a link up: its rater, round and framework, without the
// answers. It is the light lookup every survey request starts with, bar
// the API writes (see WriteLink).
func (s *Store) ResolveLink(ctx context.Context, tokenHash []byte) (*SurveyLink, error) {
	rater, round, _, err := surveyRater(ctx, s.r, tokenHash)
	if err != nil {
		return nil, err
	}
	f, err := s.roundFramework(ctx, s.r, round.FrameworkID)
	if err != nil {
		return nil, err
	}
	return &SurveyLink{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}, hash: string(tokenHash)}, nil
}

// Survey returns the survey behind a link, changing nothing: with its
// answers while it is open to them, without once it is finished.
func (s *Store) Survey(ctx context.Context, tokenHash []byte) (*Survey, error) {
	link, err := s.ResolveLink(ctx, tokenHash)
	if err != nil {
		return nil, err
	}
	return s.answersUnlessFinished(ctx, link)
}

// PeekSurvey returns the survey of a resolved link as OpenSurvey does,
// recording nothing: for a link checker's probe rather than a person.
func (s *Store) PeekSurvey(ctx context.Context, link *SurveyLink) (*Survey, error) {
	return s.answersUnlessFinished(ctx, link)
}

// OpenSurvey returns the survey of a link as Survey does and records the
// first time it was opened. Opening never uses the link up: mail scanners
// open links before people do. The link must be resolved (ResolveLink).
func (s *Store) OpenSurvey(ctx context.Context, link *SurveyLink) (*Survey, error) {
	sv, err := s.answersUnlessFinished(ctx, link)
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

// answersUnlessFinished reads the answers of an open link. A finished link
// gets none: they are not even read, so no page or response built from it
// can show them.
func (s *Store) answersUnlessFinished(ctx context.Context, link *SurveyLink) (*Survey, error) {
	if link.Finished(s.now()) {
		return &Survey{LinkTarget: link.LinkTarget}, nil
	}
	return loadSurvey(ctx, s.r, &link.Rater, &link.Round, link.Framework)
}

// SaveDraft stores a partial set of answers. Everything is checked first and
// written in one transaction: a draft with one bad value changes nothing.
// The draft of a resolved link is checked before the write, so that the
// single writer only writes.
func (s *Store) SaveDraft(ctx context.Context, link *SurveyLink, d *rapport.Draft) (*Survey, error) {
	if err := checkBeforeWrite(link, d); err != nil {
		return nil, err
	}
	var sv *Survey
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		ctx := statementContext(ctx)
		rater, round, f, response, err := s.writableLink(ctx, tx, link, d)
		if err != nil {
			return err
		}
		// Remembered here, on the writer, so that an erasure or a purge
		// (which forgets its links after its own commit) cannot come between
		// this write and the remembering.
		if !link.resolved() {
			s.rememberLink(link.hash, f)
		}
		if err := s.startAnswering(ctx, tx, rater); err != nil {
			return err
		}
		if err := s.saveDraft(ctx, tx, rater.ID, response, f, d); err != nil {
			return err
		}
		// Read back on the writer, whose cache holds the pages just written:
		// cheaper than a reader starting a new snapshot after the commit.
		sv, err = s.savedSurvey(ctx, tx, rater, round, f, d)
		return err
	})
	if err != nil {
		return nil, s.forgetLinkIfGone(link, err)
	}
	return sv, nil
}

// SubmitSurvey saves d (if any) and then submits the answers. When items
// are still unanswered the draft stays saved, so nothing typed is lost, and
// a *rapport.MissingError lists the items; an invalid draft changes nothing.
func (s *Store) SubmitSurvey(ctx context.Context, link *SurveyLink, d *rapport.Draft) (*Survey, error) {
	if err := checkBeforeWrite(link, d); err != nil {
		return nil, err
	}
	var missing []int64
	var sv *Survey
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		ctx := statementContext(ctx)
		rater, round, f, response, err := s.writableLink(ctx, tx, link, d)
		if err != nil {
			return err
		}
		if err := s.saveDraft(ctx, tx, rater.ID, response, f, d); err != nil {
			return err
		}
		// A draft that answers every item (as a browser or client submits
		// the whole form) is complete: nothing needs reading back. Else the
		// stored answers decide, read on the writer, whose cache holds the
		// pages just written.
		if d == nil || len(d.Answers) != f.ItemCount() {
			if sv, err = loadSurvey(ctx, tx, rater, round, f); err != nil {
				return err
			}
			missing = rapport.MissingItems(f, sv.Answers)
		}
		if len(missing) > 0 {
			// Not submitted, but what was sent is kept: the rater has started,
			// and the link is remembered as a save's is.
			if err := s.startAnswering(ctx, tx, rater); err != nil {
				return err
			}
			if !link.resolved() {
				s.rememberLink(link.hash, f)
			}
			sv.Rater.Status = rater.Status
			return nil
		}
		now := s.now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE raters SET status = 'submitted', submitted_at = ?,
			opened_at = coalesce(opened_at, ?), started_at = coalesce(started_at, ?) WHERE id = ?`, now, now, now, rater.ID)
		if err != nil {
			return fmt.Errorf("store: submit survey: %w", err)
		}
		// Submitted, the link has served its purpose: what it returns
		// holds the status only, like every later view of it.
		sv = &Survey{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}}
		sv.Rater.Status = rapport.RaterSubmitted
		return nil
	})
	if err != nil {
		return nil, s.forgetLinkIfGone(link, err)
	}
	if len(missing) > 0 {
		return sv, &rapport.MissingError{Items: missing}
	}
	// Submitted, the link can write nothing more.
	s.forgetLink(link.hash)
	return sv, nil
}

// DeclineSurvey records that the rater will not give feedback. Anything
// they had saved is deleted: a declined answer must never reach a report.
func (s *Store) DeclineSurvey(ctx context.Context, link *SurveyLink) (*Survey, error) {
	var sv *Survey
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		rater, round, f, response, err := s.writableLink(ctx, tx, link, nil)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM answers WHERE response_id = ?`, `DELETE FROM comments WHERE response_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, response); err != nil {
				return fmt.Errorf("store: decline survey: %w", err)
			}
		}
		now := s.now().Unix()
		_, err = tx.ExecContext(ctx, `UPDATE raters SET status = 'declined', declined_at = ?,
			opened_at = coalesce(opened_at, ?), response_id = NULL WHERE id = ?`, now, now, rater.ID)
		if err != nil {
			return fmt.Errorf("store: decline survey: %w", err)
		}
		rater.Status = rapport.RaterDeclined
		// Nothing is left to read back: the answers were just deleted.
		sv = &Survey{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}}
		return nil
	})
	if err != nil {
		return nil, s.forgetLinkIfGone(link, err)
	}
	// Declined, the link can write nothing more.
	s.forgetLink(link.hash)
	return sv, nil
}

// checkBeforeWrite checks d against the framework of a resolved link, so
// that a faulty draft never reaches the writer; an unresolved link's draft
// is checked by writableLink once the framework is known.
func checkBeforeWrite(link *SurveyLink, d *rapport.Draft) error {
	if !link.resolved() {
		return nil
	}
	return d.Check(link.Framework)
}

// startAnswering moves the rater to in_progress on their first save.
// Later saves leave the rater row alone: it is not rewritten for every
// answer saved.
func (s *Store) startAnswering(ctx context.Context, tx *sqlx.Tx, rater *rapport.Rater) error {
	if rater.Status == rapport.RaterInProgress {
		return nil
	}
	now := s.now().Unix()
	_, err := tx.ExecContext(ctx, `UPDATE raters SET status = 'in_progress',
		opened_at = coalesce(opened_at, ?), started_at = coalesce(started_at, ?) WHERE id = ?`, now, now, rater.ID)
	if err != nil {
		return fmt.Errorf("store: save draft: %w", err)
	}
	rater.Status = rapport.RaterInProgress
	return nil
}

// saveDraft writes an already checked d over the survey's answers, stored
// under response (0: nothing is stored yet, so the rater gets a number and
// the empty text boxes a browser sends have nothing to clear).
func (s *Store) saveDraft(ctx context.Context, tx *sqlx.Tx, raterID, response int64, f *rapport.Framework, d *rapport.Draft) error {
	if d == nil || len(d.Answers) == 0 && len(d.Comments) == 0 {
		return nil
	}
	fresh := response == 0
	if fresh {
		var err error
		if response, err = newResponse(ctx, tx, raterID); err != nil {
			return err
		}
	}
	if err := upsertAnswers(ctx, tx, response, d.Answers); err != nil {
		return err
	}
	return saveComments(ctx, tx, response, f, d.Comments, fresh)
}

// newResponse gives a rater who has none the number their answers and
// comments are stored under: one more than the highest held, so that new
// responses go at the end of both tables (migrations/0018). Writes are one
// at a time (writer.go), so no other write can take the same number.
func newResponse(ctx context.Context, tx *sqlx.Tx, raterID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `UPDATE raters SET response_id = (SELECT ifnull(max(response_id), 0) + 1 FROM raters)
		WHERE id = ? RETURNING response_id`, raterID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: new response: %w", err)
	}
	return id, nil
}

// savedSurvey is the survey right after d was written in tx. A draft that
// answers every item and every open question (autosave sends the whole
// form) is itself what is stored, so nothing need be read back; what it
// leaves out is read.
func (s *Store) savedSurvey(ctx context.Context, tx *sqlx.Tx, rater *rapport.Rater, round *rapport.Round, f *rapport.Framework, d *rapport.Draft) (*Survey, error) {
	if d == nil || len(d.Answers) != f.ItemCount() {
		return loadSurvey(ctx, tx, rater, round, f)
	}
	// The draft's own map: the caller hands the draft over and does not
	// use it again.
	sv := &Survey{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}, Answers: d.Answers}
	if len(d.Comments) != len(f.OpenQuestions) {
		var err error
		sv.Comments, err = commentsOf(ctx, tx, rater.ID, f)
		return sv, err
	}
	// Every question: the written texts are the stored ones (saveComments
	// removed the empty ones).
	sv.Comments = make(map[string]string, len(d.Comments))
	for key, text := range d.Comments {
		if !isBlank(text) {
			sv.Comments[key] = text
		}
	}
	return sv, nil
}

// loadSurvey reads the rater's answers and comments as stored now.
func loadSurvey(ctx context.Context, q sqlx.QueryerContext, rater *rapport.Rater, round *rapport.Round, f *rapport.Framework) (*Survey, error) {
	sv := &Survey{LinkTarget: LinkTarget{Rater: *rater, Round: *round, Framework: f}}
	var err error
	if sv.Answers, err = answersOf(ctx, q, rater.ID); err != nil {
		return nil, err
	}
	sv.Comments, err = commentsOf(ctx, q, rater.ID, f)
	return sv, err
}

// commentsOf reads a rater's open answers by question key. The keys come
// from the framework in memory rather than a join: this runs for every save.
func commentsOf(ctx context.Context, q sqlx.QueryerContext, raterID int64, f *rapport.Framework) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.question_id, c.text FROM comments c
		JOIN raters t ON t.response_id = c.response_id WHERE t.id = ?`, raterID)
	if err != nil {
		return nil, fmt.Errorf("store: survey comments: %w", err)
	}
	defer rows.Close()
	key := make(map[int64]string, len(f.OpenQuestions))
	for _, oq := range f.OpenQuestions {
		key[oq.ID] = oq.Key
	}
	comments := map[string]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, fmt.Errorf("store: survey comments: %w", err)
		}
		comments[key[id]] = text
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: survey comments: %w", err)
	}
	return comments, nil
}

func answersOf(ctx context.Context, q sqlx.QueryerContext, raterID int64) (map[int64]*int, error) {
	// Scanned by hand: this runs for every save, and reflection would cost
	// more than the query.
	rows, err := q.QueryContext(ctx, `SELECT a.item_id, a.score FROM answers a
		JOIN raters t ON t.response_id = a.response_id WHERE t.id = ?`, raterID)
	if err != nil {
		return nil, fmt.Errorf("store: survey answers: %w", err)
	}
	defer rows.Close()
	answers := map[int64]*int{}
	for rows.Next() {
		var item int64
		var score sql.NullInt64
		if err := rows.Scan(&item, &score); err != nil {
			return nil, fmt.Errorf("store: survey answers: %w", err)
		}
		if score.Valid {
			v := int(score.Int64)
			answers[item] = &v
		} else {
			answers[item] = nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: survey answers: %w", err)
	}
	return answers, nil
}

// upsertAnswers writes a draft's answers in one statement, passed as one
// JSON object ({"item id": score or null}) that SQLite takes apart: one
// parse, one B-tree walk and one bound value for the whole set, instead of
// three bound values per item, each converted by database/sql.
func upsertAnswers(ctx context.Context, tx *sqlx.Tx, responseID int64, answers map[int64]*int) error {
	if len(answers) == 0 {
		return nil
	}
	set := make([]byte, 0, 16*len(answers))
	set = append(set, '{')
	for id, score := range answers {
		if len(set) > 1 {
			set = append(set, ',')
		}
		set = append(set, '"')
		set = strconv.AppendInt(set, id, 10)
		set = append(set, '"', ':')
		if score == nil {
			set = append(set, "null"...)
		} else {
			set = strconv.AppendInt(set, int64(*score), 10)
		}
	}
	set = append(set, '}')
	// An unchanged answer is not rewritten: autosave sends the whole form.
	// ("WHERE true" tells the parser that ON CONFLICT belongs to the INSERT.)
	_, err := tx.ExecContext(ctx, `INSERT INTO answers (response_id, item_id, score)
		SELECT ?, CAST(key AS INTEGER), value FROM json_each(?) WHERE true
		ON CONFLICT (response_id, item_id) DO UPDATE SET score = excluded.score
		WHERE answers.score IS NOT excluded.score`, responseID, string(set))
	if err != nil {
		return fmt.Errorf("store: save answers: %w", err)
	}
	return nil
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
