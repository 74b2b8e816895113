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
// learns why (ECONFLICT) while the round stays closed and unreleased. The
// store queues the leader's email and wakes the mail worker.
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

// notReleased words why preparing the report before its release failed.
// Whether the drawing or the reading of what it is drawn from failed, the
// coach is refused the same way (409) and nothing reaches the leader; a
// failure on our side asks them to try again, and the log says why.
func (d *Debriefs) notReleased(id int64, err error) error {
	if rapport.ErrorCode(err) != rapport.EINTERNAL && !errors.Is(err, errCannotDraw) {
		return err // the store's own refusal: not found, not closed
	}
	d.log.Error("release: the report could not be prepared", "round", id, "err", err)
	reason := "please try again; if it keeps failing, the server's log says why"
	if rapport.ErrorCode(err) != rapport.EINTERNAL { // a reason the coach can read
		reason = strings.TrimSuffix(rapport.ErrorMessage(err), ".")
	}
	return rapport.Errorf(rapport.ECONFLICT, "The report could not be prepared, so it was not released (%s). "+
		"Nothing was sent to the leader.", reason)
}
