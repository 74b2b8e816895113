package debrief

import (
	"context"
	"io"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Release gives the leader their report, but only once it has been drawn:
// a report that cannot be drawn is never sent to the leader, and the coach
// learns why (ECONFLICT) while the round stays closed and unreleased. The
// store queues the leader's email; waking the mail worker is the caller's.
func (d *Debriefs) Release(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	r, err := d.store.Round(ctx, coachID, id)
	if err != nil {
		return nil, err
	}
	if r.Status == rapport.RoundClosed && !r.Released() { // otherwise ReleaseRound says why not
		if _, err := d.PDF(ctx, r, io.Discard); err != nil {
			d.log.Error("report cannot be drawn", "round", id, "err", err)
			return nil, rapport.Errorf(rapport.ECONFLICT, "The report cannot be drawn, so it was not released (%s) "+
				"Nothing was sent to the leader.", strings.TrimSuffix(rapport.ErrorMessage(err), "."))
		}
	}
	return d.store.ReleaseRound(ctx, coachID, id)
}
