package web

import (
	"fmt"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// roundData is everything the round page shows.
type roundData struct {
	Round     *rapport.Round
	Framework *rapport.Framework
	Groups    []rapport.GroupProgress
	Raters    []rapport.Rater
	Submitted int
	Invited   int
	// SmallGroups are the anonymous groups too small to be reported on
	// their own, warned about before launch.
	SmallGroups []rapport.GroupProgress
	// FormFor says which form a refused submission came from: add or import.
	FormFor string
	CanPDF  bool
	// ReleaseEmail is how the leader's report email went, once released.
	ReleaseEmail *rapport.EmailStatus
	// Nomination is where the leader's nomination stands (nil if never
	// asked); Proposed counts the proposals awaiting the coach's decision.
	Nomination *store.NominationState
	Proposed   int
	// CopyMenu holds the leader's other rounds a draft can copy raters from.
	CopyMenu []copyGroup
	// RemindReach and RemindRecent say beforehand what "Send reminders
	// now" would do: how many it emails, how many it spares (emailed
	// within rapport.RemindQuietPeriod).
	RemindReach, RemindRecent int
	// ZoneName names the round's zone once; every time on the page is in it.
	ZoneName string
}

func (s *Server) roundPage(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	s.renderRound(c, http.StatusOK, r, nil, "")
}

func (s *Server) renderRound(c *gin.Context, status int, r *rapport.Round, f *form, formFor string) {
	ctx := c.Request.Context()
	d := roundData{Round: r, FormFor: formFor, CanPDF: r.Status == rapport.RoundClosed}
	var err error
	if d.Groups, err = s.store.Progress(ctx, r); err == nil {
		if d.Raters, err = s.store.Raters(ctx, r.ID); err == nil {
			if d.Framework, err = s.store.FrameworkByID(ctx, r.FrameworkID); err == nil && r.Released() {
				d.ReleaseEmail, err = s.store.ReleaseEmail(ctx, r.ID)
			}
		}
	}
	if err == nil && r.Status == rapport.RoundDraft {
		d.Nomination, err = s.store.RoundNomination(ctx, r.ID)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, rt := range d.Raters {
		if rt.Status == rapport.RaterProposed {
			d.Proposed++
		}
	}
	for _, g := range d.Groups {
		d.Submitted += g.Submitted
		d.Invited += g.Invited
		if g.Threshold > 0 && g.Invited < g.Threshold {
			d.SmallGroups = append(d.SmallGroups, g)
		}
	}
	now := s.store.Now()
	d.RemindReach, d.RemindRecent = rapport.RemindReach(d.Raters, now)
	d.ZoneName = rapport.ZoneName(r.TimeZone, now)
	if r.Status == rapport.RoundDraft {
		sources, err := s.copySources(c, r)
		if err != nil {
			s.fail(c, err)
			return
		}
		d.CopyMenu = copyMenu(sources)
	}
	if f == nil {
		f = newForm(map[string]string{"relationship": "peer"})
	}
	s.coachView(c, status, "round", "dashboard", r.Title, f, d)
}

// copySources are the leader's other rounds, newest first.
func (s *Server) copySources(c *gin.Context, r *rapport.Round) ([]rapport.Round, error) {
	rounds, err := s.store.LeaderRounds(c.Request.Context(), coachOf(c), r.LeaderID)
	if err != nil {
		return nil, err
	}
	var others []rapport.Round
	for _, o := range rounds {
		if o.ID != r.ID {
			others = append(others, o)
		}
	}
	return others, nil
}

var raterFields = []string{"name", "email", "relationship"}

func (s *Server) addRaterForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	f := postedForm(c, raterFields...)
	rt, err := s.store.AddRater(c.Request.Context(), coachOf(c), r.ID, rapport.RaterInput{
		Name: f.Get("name"), Email: f.Get("email"), Relationship: rapport.Relationship(f.Get("relationship"))})
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.renderRound(c, statusOf(err), r, f, "add")
		return
	}
	s.audit(c, "rater.added", store.RaterSubject(r.ID, rt.ID), string(rt.Relationship))
	msg := rt.Name + " was added as " + rt.Relationship.Member() + "."
	if r.Status == rapport.RoundOpen {
		msg += " Their invitation is on its way."
	}
	s.flashRedirect(c, msg, roundPath(r.ID)+"#raters")
}

// maxCSVBytes bounds an uploaded or pasted CSV (500 raters fit in 64 KB).
const maxCSVBytes = 256 << 10

func (s *Server) importRatersForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxCSVBytes+8<<10)
	f := newForm(map[string]string{"csv": c.PostForm("csv")})
	text := f.Get("csv")
	if fh, err := c.FormFile("file"); err == nil && fh.Size > 0 {
		file, err := fh.Open()
		if err == nil {
			var b []byte
			b, err = io.ReadAll(io.LimitReader(file, maxCSVBytes+1))
			file.Close()
			text = string(b)
			if len(b) > maxCSVBytes {
				err = fmt.Errorf("too large")
			}
		}
		if err != nil {
			f.setError(rapport.FieldError("csv", "The file could not be read, or is larger than %d KB.", maxCSVBytes>>10))
			s.renderRound(c, http.StatusUnprocessableEntity, r, f, "import")
			return
		}
	}
	n, err := s.store.ImportRaters(c.Request.Context(), coachOf(c), r.ID, text)
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.renderRound(c, statusOf(err), r, f, "import")
		return
	}
	s.audit(c, "raters.imported", store.RoundSubject(r.ID), countDetail(n))
	msg := fmt.Sprintf("%d raters imported.", n)
	if r.Status == rapport.RoundOpen {
		msg += " Their invitations are on their way."
	}
	s.flashRedirect(c, msg, roundPath(r.ID)+"#raters")
}

func (s *Server) removeRaterForm(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	raterID, err := idParam(c, "rater_id", "rater")
	var erased bool
	if err == nil {
		erased, err = s.removeRaterData(c, r.ID, raterID)
	}
	if err != nil {
		if !s.formFault(c, err) {
			return
		}
		s.flashRedirect(c, "Not removed: "+rapport.ErrorMessage(err), roundPath(r.ID)+"#raters")
		return
	}
	if erased {
		s.flashRedirect(c, "The rater's name and email were erased; their answers stay in the report.", roundPath(r.ID)+"#raters")
		return
	}
	s.flashRedirect(c, "The rater was removed; their link no longer works.", roundPath(r.ID)+"#raters")
}
