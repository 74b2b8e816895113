package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/store"
)

// The unsubscribe link of every rater email, /u/{token}: the token is the
// rater's opt-out token (secrets.Keys.OptOutToken), derived from the survey
// token but not usable as one, and the survey token does not work here:
// the link sits in the List-Unsubscribe header, which mail providers and
// gateways read and may keep, so it must not open the survey.
//
// GET only shows a page with a button (mail scanners open links, and
// opening one must change nothing); POST stops reminders. A mail client's
// one-click POST (RFC 8058, body "List-Unsubscribe=One-Click") lands on the
// same handler.

type unsubscribePageData struct {
	U    *store.Unsubscriber
	Done bool
}

func (s *Server) unsubscribePage(c *gin.Context) {
	s.unsubscriberPage(c, s.store.UnsubscriberByToken, false)
}

func (s *Server) unsubscribe(c *gin.Context) {
	s.unsubscriberPage(c, s.store.OptOut, true)
}

// unsubscriberPage resolves the opt-out link with find (which may opt the
// rater out) and shows the page; done says the opt-out is now in force.
func (s *Server) unsubscriberPage(c *gin.Context, find func(context.Context, []byte) (*store.Unsubscriber, error), done bool) {
	hash, ok := s.linkHash(c)
	if !ok {
		return
	}
	u, err := find(c.Request.Context(), hash)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	s.page(c, http.StatusOK, "unsubscribe", unsubscribePageData{U: u, Done: done || u.OptedOutAt != nil})
}
