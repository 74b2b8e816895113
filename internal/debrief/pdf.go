package debrief

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// errCannotDraw marks a failure of the drawing itself, as opposed to one
// reading what the report is drawn from.
var errCannotDraw = errors.New("the report cannot be drawn")

// PDF draws a closed round's report into w and returns what it was drawn
// from (the leader's name and the round's title name the file). A round
// that is not closed is refused (ECONFLICT) and nothing is written. On any
// other error w may hold part of a file: draw into a buffer, not straight
// into a response.
func (d *Debriefs) PDF(ctx context.Context, r *rapport.Round, w io.Writer) (report.Meta, error) {
	meta, sum, err := d.Report(ctx, r)
	if err != nil {
		return meta, err
	}
	done, err := d.renders.take(ctx)
	if err != nil {
		return meta, err
	}
	defer done()
	if err := report.Render(w, meta, sum); err != nil {
		return meta, fmt.Errorf("debrief: %w of round %d: %w", errCannotDraw, r.ID, err)
	}
	return meta, nil
}

// Report returns everything a closed round's report shows: the summary's
// figures and the facts around them. The PDF and the report's web page are
// both drawn from it, so they cannot disagree. A round that is not closed
// is refused (ECONFLICT).
func (d *Debriefs) Report(ctx context.Context, r *rapport.Round) (report.Meta, *scoring.Summary, error) {
	sum, err := d.Summary(ctx, r)
	if err != nil {
		return report.Meta{}, nil, err
	}
	fw, err := d.store.FrameworkByID(ctx, r.FrameworkID)
	if err != nil {
		return report.Meta{}, nil, fmt.Errorf("debrief: framework of round %d: %w", r.ID, err)
	}
	leader, err := d.store.Leader(ctx, r.CoachID, r.LeaderID)
	if err != nil {
		return report.Meta{}, nil, fmt.Errorf("debrief: leader of round %d: %w", r.ID, err)
	}
	coach, err := d.store.CoachByID(ctx, r.CoachID)
	if err != nil {
		return report.Meta{}, nil, fmt.Errorf("debrief: coach of round %d: %w", r.ID, err)
	}
	counts, err := d.store.Counts(ctx, r.ID)
	if err != nil {
		return report.Meta{}, nil, fmt.Errorf("debrief: counts of round %d: %w", r.ID, err)
	}
	meta := report.Meta{LeaderName: leader.Name, LeaderPronoun: leader.Pronoun, LeaderTitle: leader.Title, Organization: leader.Organization,
		CoachName: coach.Name, RoundTitle: r.Title, FrameworkName: fw.Name, LaunchedAt: r.LaunchedAt, ClosedAt: *r.ClosedAt,
		Scale: fw.Scale, Competencies: fw.Competencies, Questions: fw.OpenQuestions, Invited: counts.Invited}
	return meta, sum, nil
}
