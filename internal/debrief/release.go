package debrief

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Release gives the leader their report, but only once it has been drawn:
// a report that cannot be drawn is never sent to the leader, and the coach
// learns why (ECONFLICT) while the round stays closed and unreleased. A
// failure on our side on the way (reading the round's answers) is not the
// report's fault: the coach is told to try again (EINTERNAL). The store
// queues the leader's email; waking the mail worker is the caller's.
func (d *Debriefs) Release(ctx context.Context, coachID, id int64) (*rapport.Round, error) {
	r, err := d.store.Round(ctx, coachID, id)
	if err != nil {
		return nil, err
	}
	if r.Status == rapport.RoundClosed && !r.Released() { // otherwise ReleaseRound says why not
		if _, err := d.PDF(ctx, r, io.Discard); err != nil {
			return nil, d.notReleased(id, err)
		}
	}
	return d.store.ReleaseRound(ctx, coachID, id)
}

// notReleased words why drawing the report before its release failed.
func (d *Debriefs) notReleased(id int64, err error) error {
	switch {
	case errors.Is(err, errCannotDraw):
		d.log.Error("report cannot be drawn", "round", id, "err", err)
		reason := ""
		if rapport.ErrorCode(err) != rapport.EINTERNAL { // a reason the coach can read
			reason = " (" + strings.TrimSuffix(rapport.ErrorMessage(err), ".") + ")"
		}
		return rapport.Errorf(rapport.ECONFLICT, "The report cannot be drawn, so it was not released%s. "+
			"Nothing was sent to the leader.", reason)
	case rapport.ErrorCode(err) != rapport.EINTERNAL:
		return err
	}
	d.log.Error("release: drawing the report failed", "round", id, "err", err)
	return rapport.Errorf(rapport.EINTERNAL, "The report was not released: something went wrong on our side; please try again.")
}
