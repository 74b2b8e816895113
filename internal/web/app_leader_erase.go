package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"github.com/rapporthq/rapport/internal/rapport"
)

// eraseLeaderForm erases a leader and everything about them once the coach
// has typed the leader's name: a click alone must not undo a client's
// whole record. A name that does not match re-renders the leader's page
// with the fault, and nothing is erased.
func (s *Server) eraseLeaderForm(c *gin.Context) {
	l, ok := s.coachLeader(c)
	if !ok {
		return
	}
	f := postedForm(c, "confirm_name")
	if !sameName(f.Get("confirm_name"), l.Name) {
		f.setError(rapport.FieldError("confirm_name", "Type the leader's name, %s, exactly as shown to erase them.", l.Name))
		s.renderLeader(c, http.StatusUnprocessableEntity, l, f)
		return
	}
	if err := s.eraseLeaderData(c, l.ID); err != nil {
		s.fail(c, err)
		return
	}
	// The message names nobody: it is stored in the session until shown.
	s.flashRedirect(c, "The leader and all their rounds, raters, answers and emails were erased.", "/leaders")
}

// backToLeader sends a reload of a refused erase form's URL back to the
// leader's page.
func (s *Server) backToLeader(c *gin.Context) {
	if l, ok := s.coachLeader(c); ok {
		c.Redirect(http.StatusSeeOther, "/leaders/"+strconv.FormatInt(l.ID, 10)+"#erase")
	}
}

// sameName compares a typed name with the leader's as a person would: the
// same letters, whatever the case, the spacing and the Unicode form.
func sameName(typed, name string) bool {
	clean := func(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
	typed = clean(typed)
	return typed != "" && strings.EqualFold(typed, clean(name))
}
