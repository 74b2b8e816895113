package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// surveyPage shows the survey behind a link, or the page for where it
// stands: thank you, declined, or closed. Viewing marks it opened.
func (s *Server) surveyPage(c *gin.Context) {
	sv, err := s.openSurvey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v := s.surveyViewFor(c, sv, nil)
	v.Saved = c.Query("saved") == "1"
	page := s.surveyStatePage(sv)
	if page == "survey" && c.Query("decline") == "1" {
		page = "survey_decline" // the question the Decline button leads to
	}
	s.page(c, http.StatusOK, page, v)
}

// surveyStatePage picks the page for where a survey stands.
func (s *Server) surveyStatePage(sv *store.Survey) string {
	switch {
	case sv.Rater.Status == rapport.RaterSubmitted:
		return "survey_thanks"
	case sv.Rater.Status == rapport.RaterDeclined:
		return "survey_declined"
	case sv.Closed(s.store.Now()):
		return "survey_closed"
	}
	return "survey"
}

func (s *Server) surveyViewFor(c *gin.Context, sv *store.Survey, form *rapport.Draft) *surveyView {
	v := newSurveyView(sv, form)
	v.Path = "/s/" + c.Param("token")
	v.DeadlinePassed = !sv.Round.ClosesAt.After(s.store.Now())
	return v
}

// Form actions: the buttons of the survey form and of the decline page.
const (
	actionSave           = "save"
	actionSubmit         = "submit"
	actionDecline        = "decline"
	actionConfirmDecline = "confirm_decline"
)

// surveyPost handles the survey form. It works without JavaScript:
// parse, then save/submit/decline, then redirect (303) to the page, so that
// no successful POST is answered directly and a reload never posts again;
// or show the form again (422), with the fault pointed out and every value
// kept.
func (s *Server) surveyPost(c *gin.Context) {
	ctx, link := c.Request.Context(), linkOf(c)
	if link.Finished(s.store.Now()) {
		// Nothing can change any more (a write would be refused), and a
		// form shown again would show the answers: the page says why.
		c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token"))
		return
	}
	if c.Request.ContentLength > maxBodyBytes {
		s.fail(c, rapport.Errorf(rapport.ETOOLARGE, "The form is larger than we accept."))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes)
	draft, formErr := parseSurveyForm(c)
	action := c.PostForm("action")
	if formErr != nil {
		s.surveyFormError(c, nil, draft, formErr)
		return
	}
	var sv *store.Survey // the survey a refused submit left, saved; nil otherwise
	var err error
	switch action {
	case actionSave:
		if _, err = s.store.SaveDraft(ctx, link, draft); err == nil {
			c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token")+"?saved=1#survey-status")
			return
		}
	case actionSubmit:
		// A submit refused for missing answers has saved the draft and
		// returns the survey as saved: the form is shown from that.
		if sv, err = s.store.SubmitSurvey(ctx, link, draft); err == nil {
			c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token"))
			return
		}
	case actionDecline:
		// Keep what was typed, in case the rater thinks again.
		if !draft.Empty() {
			_, err = s.store.SaveDraft(ctx, link, draft)
		} else {
			_, err = s.store.Survey(ctx, surveyHashOf(c))
		}
		if err != nil {
			break
		}
		// Post/Redirect/Get: the question is a page of its own, so a reload
		// asks it again rather than posting the form again.
		c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token")+"?decline=1")
		return
	case actionConfirmDecline:
		if _, err = s.store.DeclineSurvey(ctx, link); err == nil {
			c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token"))
			return
		}
	default:
		err = rapport.Errorf(rapport.EINVALID, "Please use one of the buttons: Save, Submit or Decline.")
	}
	s.surveyFormError(c, sv, draft, err)
}

// surveyFormError shows the form again after a refused action: the missing
// items or the faulty field pointed out, and everything typed kept. sv is
// the survey as the refused write left it, or nil when it returned none.
func (s *Server) surveyFormError(c *gin.Context, sv *store.Survey, draft *rapport.Draft, err error) {
	code := rapport.ErrorCode(err)
	switch code {
	case rapport.ECONFLICT:
		// Submitted, declined or closed meanwhile: the page says which.
		c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token"))
		return
	case rapport.ENOTFOUND, rapport.EINTERNAL, rapport.ETOOLARGE:
		s.fail(c, err)
		return
	}
	if sv == nil {
		sv = s.storedSurvey(c)
	}
	if sv.Finished(s.store.Now()) {
		// Finished meanwhile: the form, with what was typed, is not shown
		// again on a link that has served its purpose.
		c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token"))
		return
	}
	v := s.surveyViewFor(c, sv, draft)
	var missing *rapport.MissingError
	if errors.As(err, &missing) {
		v.markMissing(missing.Items)
	} else if !v.markQuestionError(rapport.ErrorField(err), rapport.ErrorMessage(err)) {
		v.Error = rapport.ErrorMessage(err)
	}
	if v.Error == "" && len(v.Missing) == 0 {
		v.Error = "One of your answers needs a change before it can be saved: see the message below."
	}
	s.page(c, statusOf(err), "survey", v)
}

// storedSurvey reads the survey behind the request's link as stored now,
// for a form shown again; should the read fail, the form is shown over
// the link's questionnaire alone.
func (s *Server) storedSurvey(c *gin.Context) *store.Survey {
	sv, err := s.store.Survey(c.Request.Context(), surveyHashOf(c))
	if err != nil {
		return &store.Survey{LinkTarget: linkOf(c).LinkTarget}
	}
	return sv
}

// parseSurveyForm reads the answers of the survey form: "item-<id>" holds
// a score or "na", "comment-<key>" an open answer. A value that cannot be
// read is an error; the draft still carries everything that could be.
func parseSurveyForm(c *gin.Context) (*rapport.Draft, error) {
	d := &rapport.Draft{Answers: map[int64]*int{}, Comments: map[string]string{}}
	if err := readForm(c); err != nil {
		return d, err
	}
	var firstErr error
	for name, values := range c.Request.PostForm {
		if len(values) == 0 {
			continue
		}
		value := values[len(values)-1]
		switch {
		case strings.HasPrefix(name, "item-"):
			id, err := strconv.ParseInt(strings.TrimPrefix(name, "item-"), 10, 64)
			if err != nil {
				firstErr = orFirst(firstErr, rapport.FieldError("answers", "The form holds an answer to an unknown question."))
				continue
			}
			if value == "na" {
				d.Answers[id] = nil
				continue
			}
			score, err := strconv.Atoi(value)
			if err != nil {
				firstErr = orFirst(firstErr, rapport.FieldError("answers", "The form holds an answer that is not a number."))
				continue
			}
			d.Answers[id] = &score
		case strings.HasPrefix(name, "comment-"):
			// Browsers send CRLF line ends; keep the text as typed otherwise,
			// bar bytes that are not UTF-8, replaced as the JSON API does.
			d.Comments[strings.TrimPrefix(name, "comment-")] = rapport.ValidUTF8(strings.ReplaceAll(value, "\r\n", "\n"))
		}
	}
	return d, firstErr
}

// orFirst keeps the first error met: the form points out one fault of
// its answers at a time.
func orFirst(first, next error) error {
	if first != nil {
		return first
	}
	return next
}
