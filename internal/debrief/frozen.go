package debrief

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rapporthq/rapport/internal/rapport"
)

// A frozen report. When a round closes its summary is computed once and
// kept as JSON (store: round_summaries); the API, the PDF, the coach's and
// the leader's views and the next round's progress all read that copy. So
// they never change, and they survive the purge of the round's answers
// after the coach's retention period. The kept JSON is the summary the API
// has always answered: grouped and thresholded, nothing more
// (docs/confidentiality.md).
//
// The freeze follows the close's commit rather than sharing its
// transaction (the summary is read through the store's read pool). That
// costs nothing in durability: a closed round without a frozen summary
// still has every answer it is computed from, and it is frozen on its
// first read or by the next scheduler pass (FreezeClosed), and it is never
// purged before.

// Close closes an open round and freezes its summary. If the freeze fails
// the round is closed all the same; the failure is logged and the freeze
// happens on first read or at the next scheduler pass.
func (d *Debriefs) Close(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	r, err := d.store.CloseRound(ctx, coachID, id)
	if err != nil {
		return nil, err
	}
	if _, err := d.Freeze(ctx, r); err != nil {
		d.log.Error("freezing the closed round's summary postponed", "round", r.ID, "err", err)
	}
	return r, nil
}

// Freeze computes a closed round's summary and keeps it, unless one is
// kept already; it returns the kept JSON.
func (d *Debriefs) Freeze(ctx context.Context, r *rapport.Round) ([]byte, error) {
	if err := RequireClosed(r); err != nil {
		return nil, err
	}
	if r.Purged() { // PurgeExpiredRounds purges only frozen rounds
		return nil, fmt.Errorf("debrief: round %d was purged without a frozen summary", r.ID)
	}
	fw, err := d.store.FrameworkByID(ctx, r.FrameworkID)
	if err != nil {
		return nil, fmt.Errorf("debrief: framework of round %d: %w", r.ID, err)
	}
	sum, err := d.compute(ctx, r, fw)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(sum)
	if err != nil {
		return nil, fmt.Errorf("debrief: encode summary of round %d: %w", r.ID, err)
	}
	return d.store.FreezeSummary(ctx, r.ID, js)
}

// FreezeClosed freezes every closed round not frozen yet (closed before
// frozen summaries existed, or whose freeze after the close failed), oldest
// first, and returns how many it froze. A round that fails is logged and
// left for the next pass; it is not purged meanwhile.
func (d *Debriefs) FreezeClosed(ctx context.Context) (int, error) {
	rounds, err := d.store.UnfrozenRounds(ctx)
	if err != nil {
		return 0, err
	}
	frozen := 0
	for i := range rounds {
		if _, err := d.Freeze(ctx, &rounds[i]); err != nil {
			if ctx.Err() != nil {
				return frozen, ctx.Err()
			}
			d.log.Error("freezing a closed round's summary failed", "round", rounds[i].ID, "err", err)
			continue
		}
		frozen++
	}
	return frozen, nil
}
