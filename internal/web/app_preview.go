package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// surveyPreview marks a survey page shown to the coach as a preview: the
// real page a rater of one group sees, read-only, with no form to send
// and no script to save, so that nothing can be recorded from it.
type surveyPreview struct {
	RoundPath string
	Audience  string // "Marta", "a peer"
	Tabs      []previewTab
}

type previewTab struct {
	Label, Href string
	Current     bool
}

// previewAudiences are the groups a preview can be seen as, with their
// tab labels; "others" is the address older round pages linked.
var previewAudiences = []struct {
	rel           rapport.Relationship
	tab, sentence string
}{
	{rapport.Self, "As the leader", ""},
	{rapport.Superior, "As a manager", "a manager"},
	{rapport.Peer, "As a peer", "a peer"},
	{rapport.DirectReport, "As a direct report", "a direct report"},
	{rapport.Other, "As another stakeholder", "another stakeholder"},
}

// previewPage shows the round's survey page as a rater of the chosen group
// (?as=self, superior, peer, direct_report or other) would see it.
func (s *Server) previewPage(c *gin.Context) {
	r, ok := s.coachRound(c)
	if !ok {
		return
	}
	as := rapport.Relationship(c.DefaultQuery("as", string(rapport.Peer)))
	if as == "others" {
		as = rapport.Peer
	}
	if !as.Valid() {
		s.errorPage(c, http.StatusBadRequest, rapport.FieldError("as",
			"A preview is seen as self, superior, peer, direct_report or other."))
		return
	}
	fw, err := s.store.FrameworkByID(c.Request.Context(), r.FrameworkID)
	if err != nil {
		s.fail(c, err)
		return
	}
	sv := &store.Survey{LinkTarget: store.LinkTarget{Round: *r, Framework: fw,
		Rater: rapport.Rater{Relationship: as, Status: rapport.RaterInvited}}}
	v := newSurveyView(sv, nil)
	p := &surveyPreview{RoundPath: roundPath(r.ID)}
	for _, a := range previewAudiences {
		tab := previewTab{Label: a.tab, Href: roundPath(r.ID) + "/preview?as=" + string(a.rel), Current: a.rel == as}
		p.Tabs = append(p.Tabs, tab)
		if tab.Current {
			p.Audience = a.sentence
			if as == rapport.Self {
				p.Audience = r.LeaderName
			}
		}
	}
	v.Preview = p
	s.page(c, http.StatusOK, "survey", v)
}
