// Package debrief turns a closed round, its answers and the scoring into
// what the coach debriefs with: the summary of figures and the PDF report.
// The API, the coach's pages, the leader's link and the release check all
// come here, so the report is assembled in one place and web only answers
// HTTP.
package debrief

import (
	"log/slog"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

// Debriefs assembles rounds' summaries and reports from the store.
type Debriefs struct {
	store *store.Store
	log   *slog.Logger
	// commentKey orders comments (scoring.Input.CommentKey): keyed, so the
	// order reveals neither who wrote them nor when.
	commentKey []byte
	// renders lets a few reports be drawn at once (renders.go).
	renders renderTurns
}

// New returns Debriefs reading from st; keys derive the comment order.
func New(st *store.Store, keys *secrets.Keys, log *slog.Logger) *Debriefs {
	return &Debriefs{store: st, log: log, commentKey: keys.Hash("report/comment-order"), renders: newRenderTurns()}
}

// RequireClosed refuses a round that is not closed yet: figures computed
// while raters still answer would leak answer by answer.
func RequireClosed(r *rapport.Round) error {
	if r.Status != rapport.RoundClosed {
		return rapport.Errorf(rapport.ECONFLICT, "the round is %s; its report exists only once it is closed", r.Status)
	}
	return nil
}
