package store

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	mrand "math/rand/v2"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
)

// Forward anonymity. While a round is open, answers sit under their rater
// rows' response numbers so that a rater can stop and come back. When it
// closes, in the same transaction, detachAnonymous moves the anonymous
// raters' answers and comments into anonymous_responses, anonymous_answers and
// anonymous_comments (migrations/0009): random ids, inserted in a shuffled
// order, no rater id, no time, and labelled with the reported group rather
// than the relationship. Self and superior stay on their rater rows: the
// report names their groups anyway. See docs/confidentiality.md.

// anonymousRelationships matches the raters whose answers are detached.
const anonymousRelationships = `relationship IN ('peer', 'direct_report', 'other')`

// detachAnonymous detaches round r's anonymous answers and comments, and
// deletes those that never reach the report: drafts never submitted, and
// the answers of raters withheld as too few. Rater rows keep their status
// and times. It runs inside the close transaction.
func (s *Store) detachAnonymous(ctx context.Context, tx *sqlx.Tx, r *rapport.Round) error {
	counts, err := submittedCounts(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	groups := scoring.ReportedGroups(counts, r.AnonymityThreshold)
	shuffle := newShuffler()

	var raters []struct {
		ID           int64                `db:"id"`
		Relationship rapport.Relationship `db:"relationship"`
	}
	if err := tx.SelectContext(ctx, &raters, `SELECT id, relationship FROM raters
		WHERE round_id = ? AND status = 'submitted' AND `+anonymousRelationships, r.ID); err != nil {
		return fmt.Errorf("store: detach round %d: raters: %w", r.ID, err)
	}
	shuffle.Shuffle(len(raters), func(i, j int) { raters[i], raters[j] = raters[j], raters[i] })
	for _, rater := range raters {
		group := groups[rater.Relationship]
		if group == "" {
			continue // withheld: in no figure, so kept nowhere
		}
		id, err := insertWithRandomID(ctx, tx, `INSERT INTO anonymous_responses (id, round_id, grp) VALUES (?, ?, ?)`, r.ID, group)
		if err != nil {
			return fmt.Errorf("store: detach round %d: response: %w", r.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO anonymous_answers (response_id, item_id, score)
			SELECT ?, a.item_id, a.score FROM answers a JOIN raters t ON t.response_id = a.response_id
			WHERE t.id = ?`, id, rater.ID); err != nil {
			return fmt.Errorf("store: detach round %d: answers: %w", r.ID, err)
		}
	}

	// Comments are detached one by one, apart from the answers they came
	// with and from each other: none can be matched to a set of scores or
	// to another comment of the same writer.
	var comments []struct {
		Relationship rapport.Relationship `db:"relationship"`
		QuestionID   int64                `db:"question_id"`
		Text         string               `db:"text"`
	}
	if err := tx.SelectContext(ctx, &comments, `SELECT r.relationship, c.question_id, c.text FROM comments c
		JOIN raters r ON r.response_id = c.response_id WHERE r.round_id = ? AND r.status = 'submitted' AND r.`+anonymousRelationships, r.ID); err != nil {
		return fmt.Errorf("store: detach round %d: comments: %w", r.ID, err)
	}
	shuffle.Shuffle(len(comments), func(i, j int) { comments[i], comments[j] = comments[j], comments[i] })
	for _, c := range comments {
		group := groups[c.Relationship]
		if group == "" {
			continue
		}
		if _, err := insertWithRandomID(ctx, tx, `INSERT INTO anonymous_comments (id, round_id, grp, question_id, text)
			VALUES (?, ?, ?, ?, ?)`, r.ID, group, c.QuestionID, c.Text); err != nil {
			return fmt.Errorf("store: detach round %d: comment: %w", r.ID, err)
		}
	}

	for _, table := range []string{"answers", "comments"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE response_id IN
			(SELECT response_id FROM raters WHERE round_id = ? AND `+anonymousRelationships+`)`, r.ID); err != nil {
			return fmt.Errorf("store: detach round %d: delete %s: %w", r.ID, table, err)
		}
	}
	// The response numbers go with the answers they keyed.
	if _, err := tx.ExecContext(ctx, `UPDATE raters SET response_id = NULL
		WHERE round_id = ? AND response_id IS NOT NULL AND `+anonymousRelationships, r.ID); err != nil {
		return fmt.Errorf("store: detach round %d: response numbers: %w", r.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rounds SET answers_detached = 1 WHERE id = ?`, r.ID); err != nil {
		return fmt.Errorf("store: detach round %d: %w", r.ID, err)
	}
	// The deleted rows' pages are overwritten (secure_delete), but older
	// copies of them sit in the WAL until a checkpoint: ask for one, in the
	// database, so that any process can finish it (checkpoint.go).
	return countDetach(ctx, tx)
}

// checkDetachedLabels fails unless the detached responses and comments of
// a round are labelled exactly as the grouping of its submitted raters
// reports them: every label one of its anonymous blocks, and each block
// holding one response per rater in it. detachAnonymous wrote them from
// the same counts and rule; a label the report's grouping does not have
// (a changed rule, an edited database) would otherwise be dropped from
// every figure without a word, or counted in the wrong block.
func checkDetachedLabels(roundID int64, threshold int, in *RoundResponses) error {
	want := map[string]int{} // reported block → its raters
	for rel, group := range scoring.ReportedGroups(in.Counts, threshold) {
		if rel.Anonymous() {
			want[group] += in.Counts[rel]
		}
	}
	got := map[string]int{}
	for _, r := range in.Responses {
		if r.Group == "" {
			continue // kept with its rater
		}
		if _, ok := want[r.Group]; !ok {
			return fmt.Errorf("store: round %d: a detached response is labelled %q, which the report's grouping does not have", roundID, r.Group)
		}
		got[r.Group]++
	}
	for _, c := range in.Comments {
		if _, ok := want[c.Group]; !ok {
			return fmt.Errorf("store: round %d: a detached comment is labelled %q, which the report's grouping does not have", roundID, c.Group)
		}
	}
	for group, n := range want {
		if got[group] != n {
			return fmt.Errorf("store: round %d: %d detached responses are labelled %q, but that group has %d raters", roundID, got[group], group, n)
		}
	}
	return nil
}

// submittedCounts are a round's submitted raters per relationship: what the
// report's grouping is computed from, before and after detaching.
func submittedCounts(ctx context.Context, q sqlx.QueryerContext, roundID int64) (map[rapport.Relationship]int, error) {
	var rows []struct {
		Relationship rapport.Relationship `db:"relationship"`
		N            int                  `db:"n"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT relationship, count(*) AS n FROM raters
		WHERE round_id = ? AND status = 'submitted' GROUP BY relationship`, roundID); err != nil {
		return nil, fmt.Errorf("store: submitted counts: %w", err)
	}
	counts := map[rapport.Relationship]int{}
	for _, row := range rows {
		counts[row.Relationship] = row.N
	}
	return counts, nil
}

// insertWithRandomID runs an INSERT whose first parameter is the new row's
// id, with a random positive 63-bit id: ids then say nothing about the order
// rows were made in. A collision (about 2⁻⁶³ a row) takes another id.
func insertWithRandomID(ctx context.Context, tx *sqlx.Tx, query string, args ...any) (int64, error) {
	var err error
	for range 4 {
		id := randomID()
		if _, err = tx.ExecContext(ctx, query, append([]any{id}, args...)...); err == nil {
			return id, nil
		}
		if !isPrimaryKeyClash(err) {
			return 0, err
		}
	}
	return 0, err
}

func randomID() int64 {
	var b [8]byte
	crand.Read(b[:]) // never fails (crypto/rand)
	if id := int64(binary.BigEndian.Uint64(b[:]) >> 1); id != 0 {
		return id
	}
	return 1
}

// newShuffler is a generator seeded from crypto/rand: the order rows are
// written in must not be predictable from anything in the database.
func newShuffler() *mrand.Rand {
	var seed [32]byte
	crand.Read(seed[:])
	return mrand.New(mrand.NewChaCha8(seed))
}

// detachClosedRounds detaches the rounds closed before migration 0009 (or
// by a binary without it). Migrate calls it after the SQL migrations, so
// every closed round is detached before anything is served or reported.
// Each detach marks the once-only VACUUM pending again (what the older
// binary freed is still in free space); then, if it is pending, it runs
// (WipeFreeSpaceIfPending). A VACUUM that fails (low disk, a long write
// by another process) is a warning, never a failed start: the wipe stays
// pending and the next scheduler pass or sweep retries it.
func (s *Store) detachClosedRounds(ctx context.Context) error {
	var ids []int64
	if err := s.r.SelectContext(ctx, &ids, `SELECT id FROM rounds WHERE status = 'closed' AND answers_detached = 0`); err != nil {
		return fmt.Errorf("store: rounds to detach: %w", err)
	}
	for _, id := range ids {
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			var r rapport.Round
			if err := tx.GetContext(ctx, &r, `SELECT `+roundColumns+` WHERE r.id = ? AND r.answers_detached = 0`, id); err != nil {
				return notFound(err, "round")
			}
			if err := s.detachAnonymous(ctx, tx, &r); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE wipe_state SET vacuum_pending = 1`)
			return err
		})
		if err != nil && rapport.ErrorCode(err) != rapport.ENOTFOUND {
			return err
		}
	}
	if err := s.WipeFreeSpaceIfPending(ctx); err != nil {
		s.logger().Warn("wiping free space postponed to the next scheduler pass", "err", err)
	}
	return nil
}

// WipeFreeSpaceIfPending runs the once-only VACUUM (wipeFreeSpace) if it
// is still pending: Migrate tries it first, and every scheduler pass and
// sweep retries it until it succeeds. A failure leaves it pending.
func (s *Store) WipeFreeSpaceIfPending(ctx context.Context) error {
	var pending bool
	if err := s.r.GetContext(ctx, &pending, `SELECT vacuum_pending FROM wipe_state`); err != nil {
		return fmt.Errorf("store: wipe state: %w", err)
	}
	if !pending {
		return nil
	}
	return s.wipeFreeSpace(ctx)
}

// wipeFreeSpace rebuilds the database with VACUUM, then checkpoints and
// truncates the WAL. secure_delete wipes only what is deleted from now on:
// an older binary (before migration 0009) wrote without it, so the answers
// and the autosaved drafts it replaced or deleted are still in free pages
// and in the free space of live pages, where detaching the live rows does
// not reach. VACUUM writes every page afresh from the live rows only.
//
// It runs once, at the upgrade (vacuum_pending, set by migration 0010), and
// again whenever Migrate detaches rounds an older binary closed. The
// migrating command tries it before it serves anything; VACUUM takes a
// while on a large database and needs as much free disk again, so it may
// fail: it is then retried by later scheduler passes (on the writer's
// connection, between writes).
func (s *Store) wipeFreeSpace(ctx context.Context) error {
	// On the writer's connection (Migrate's callers write nothing yet):
	// VACUUM cannot run inside a transaction, so not through s.write.
	if _, err := s.w.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("store: vacuum: %w", err)
	}
	// The rebuilt pages are in the WAL, beside the old ones: the WAL
	// must be checkpointed and emptied too, by whichever process can.
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE wipe_state SET vacuum_pending = 0`); err != nil {
			return fmt.Errorf("store: vacuum done: %w", err)
		}
		return countDetach(ctx, tx)
	})
	if err != nil {
		return err
	}
	// Tolerated if busy: the wipe stays pending in the database and the
	// next scheduler pass, sweep, backup or Migrate finishes it.
	_ = s.CheckpointIfPending(ctx)
	return nil
}
