package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// roundRequest is the body of POST /api/v1/rounds. Times and durations are
// strings so that a bad one gets a message naming the expected format.
type roundRequest struct {
	LeaderID           int64  `json:"leader_id"`
	FrameworkKey       string `json:"framework_key"`
	Title              string `json:"title"`
	ClosesAt           string `json:"closes_at"`
	TimeZone           string `json:"time_zone"` // IANA name; the store defaults it to UTC
	AnonymityThreshold *int   `json:"anonymity_threshold"`
	ReminderInterval   string `json:"reminder_interval"`
	MaxReminders       *int   `json:"max_reminders"`
}

// toInput reads the request into a rapport.RoundInput. Faults found here
// come first; the store's rules are checked when the round is created.
func (r *roundRequest) toInput() (rapport.RoundInput, error) {
	in := rapport.RoundInput{LeaderID: r.LeaderID, FrameworkKey: r.FrameworkKey, Title: r.Title, TimeZone: r.TimeZone,
		AnonymityThreshold: r.AnonymityThreshold, MaxReminders: r.MaxReminders}
	if r.LeaderID <= 0 {
		return in, rapport.FieldError("leader_id", "Give the id of the leader this round is about (leader_id).")
	}
	if r.ClosesAt == "" {
		return in, rapport.FieldError("closes_at", "Give the deadline as an RFC 3339 time, such as 2026-12-31T17:00:00Z.")
	}
	t, err := time.Parse(time.RFC3339, r.ClosesAt)
	if err != nil {
		return in, rapport.FieldError("closes_at", "The deadline must be an RFC 3339 time, such as 2026-12-31T17:00:00Z.")
	}
	in.ClosesAt = t
	if r.ReminderInterval != "" {
		d, err := time.ParseDuration(r.ReminderInterval)
		if err != nil {
			return in, rapport.FieldError("reminder_interval", "The reminder interval must be a duration such as 72h or 48h30m.")
		}
		in.ReminderInterval = &d
	}
	return in, nil
}

// roundJSON is a round as the API shows it.
type roundJSON struct {
	*rapport.Round
	ReminderInterval string `json:"reminder_interval"`
	// PurgeAt follows the coach's retention setting rather than being kept.
	PurgeAt *time.Time         `json:"purge_at"`
	Raters  []rapport.Rater    `json:"raters,omitempty"`
	Counts  *store.RoundCounts `json:"counts,omitempty"`
	// ReleaseEmail is the delivery of the leader's report email, once released.
	ReleaseEmail *rapport.EmailStatus `json:"release_email,omitempty"`
}

func (s *Server) createRound(c *gin.Context) {
	var req roundRequest
	if err := decodeJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	in, err := req.toInput()
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.CreateRound(c.Request.Context(), coachOf(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.audit(c, "round.created", store.RoundSubject(r.ID), "")
	s.respondRound(c, http.StatusCreated, r)
}

func (s *Server) listRounds(c *gin.Context) {
	list, err := s.store.Rounds(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]roundJSON, len(list))
	for i := range list {
		out[i] = roundJSON{Round: &list[i], ReminderInterval: rapport.FormatDuration(list[i].ReminderInterval()), PurgeAt: list[i].PurgeAt()}
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) getRound(c *gin.Context) {
	s.roundAction(c, s.store.Round)
}

func (s *Server) launchRound(c *gin.Context) {
	s.roundAction(c, s.audited("round.launched", s.store.LaunchRound))
}

func (s *Server) closeRound(c *gin.Context) {
	s.roundAction(c, s.audited("round.closed", s.debriefs.Close))
}

// roundAction runs a store call on the round named in the path and answers
// with the round in full.
func (s *Server) roundAction(c *gin.Context, action func(ctx context.Context, coachID, id int64) (*rapport.Round, error)) {
	id, err := idParam(c, "id", "round")
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := action(c.Request.Context(), coachOf(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondRound(c, http.StatusOK, r)
}

// respondRound answers with a round, its raters and its counts.
func (s *Server) respondRound(c *gin.Context, status int, r *rapport.Round) {
	raters, err := s.store.Raters(c.Request.Context(), r.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	counts, err := s.store.Counts(c.Request.Context(), r.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	// The report email is queued in the transaction that releases the
	// round: before that there is none to look for.
	var release *rapport.EmailStatus
	if r.Released() {
		if release, err = s.store.ReleaseEmail(c.Request.Context(), r.ID); err != nil {
			s.fail(c, err)
			return
		}
	}
	c.JSON(status, roundJSON{Round: r, ReminderInterval: rapport.FormatDuration(r.ReminderInterval()), PurgeAt: r.PurgeAt(), Raters: raters, Counts: counts,
		ReleaseEmail: release})
}
