package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// surveyStatusJSON is where a survey stands: all its link shows once it
// has served its purpose (submitted, declined, or the round closed), and
// the part of every survey a client needs to pick the right message.
type surveyStatusJSON struct {
	RoundTitle         string               `json:"round_title"`
	LeaderName         string               `json:"leader_name"`
	Relationship       rapport.Relationship `json:"relationship"`
	ClosesAt           time.Time            `json:"closes_at"`
	TimeZone           string               `json:"time_zone"`
	Status             rapport.RaterStatus  `json:"status"`
	RoundClosed        bool                 `json:"round_closed"`
	AnonymityThreshold int                  `json:"anonymity_threshold"`
}

// surveyJSON is a survey open to answers, as the rater's API shows it.
type surveyJSON struct {
	surveyStatusJSON
	Scale    rapport.Scale     `json:"scale"`
	Answers  map[int64]*int    `json:"answers"`
	Comments map[string]string `json:"comments"`
	// The questionnaire: encoded once per round and wording, and spliced
	// in by respondSurvey as "competencies" and "open_questions".
	questionnaire questionnaireJSON
}

type surveyCompetency struct {
	Key   string       `json:"key"`
	Name  string       `json:"name"`
	Items []surveyItem `json:"items"`
}

type surveyItem struct {
	ID   int64  `json:"id"`
	Text string `json:"text"`
}

type surveyQuestion struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

func surveyStatusOf(sv *store.Survey, now time.Time) surveyStatusJSON {
	return surveyStatusJSON{
		RoundTitle: sv.Round.Title, LeaderName: sv.Round.LeaderName, Relationship: sv.Rater.Relationship,
		ClosesAt: sv.Round.ClosesAt, TimeZone: sv.Round.TimeZone, Status: sv.Rater.Status, RoundClosed: sv.Closed(now),
		AnonymityThreshold: sv.Round.AnonymityThreshold,
	}
}

// respondSurvey answers with the survey as JSON: the questionnaire and the
// answers while it is open to them, its status only once it is finished.
// The cached questionnaire bytes are written as they are rather than
// passed through encoding/json, which would scan all of them again on
// every save.
func (s *Server) respondSurvey(c *gin.Context, sv *store.Survey) {
	now := s.store.Now()
	status := surveyStatusOf(sv, now)
	if sv.Finished(now) {
		c.JSON(http.StatusOK, status)
		return
	}
	out := surveyJSON{surveyStatusJSON: status, Scale: sv.Framework.Scale,
		Answers: sv.Answers, Comments: sv.Comments, questionnaire: s.questionnaires.get(sv)}
	head, err := json.Marshal(out)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := out.questionnaire
	parts := [][]byte{
		head[:len(head)-1], // without the closing brace
		[]byte(`,"competencies":`), q.competencies,
		[]byte(`,"open_questions":`), q.openQuestions,
		[]byte("}"),
	}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(n))
	c.Status(http.StatusOK)
	for _, p := range parts {
		if _, err := c.Writer.Write(p); err != nil {
			return // the client has gone; nothing more can be said to it
		}
	}
}

// draftRequest is the body of PUT /api/v1/survey/{token} and, optionally,
// of its submit. Values are read one by one so that a fault names the
// exact item or question.
type draftRequest struct {
	Answers  map[string]json.RawMessage `json:"answers"`
	Comments map[string]json.RawMessage `json:"comments"`
}

// newDraftRequest has room for a whole form's answers, so that decoding
// does not grow the map step by step.
func newDraftRequest() *draftRequest {
	return &draftRequest{Answers: make(map[string]json.RawMessage, 64)}
}

func (r *draftRequest) toDraft() (*rapport.Draft, error) {
	d := &rapport.Draft{Answers: make(map[int64]*int, len(r.Answers)), Comments: make(map[string]string, len(r.Comments))}
	for key, raw := range r.Answers {
		field := "answers." + key
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, rapport.FieldError(field, "%q is not an item of this survey: answers are keyed by item id", key)
		}
		score, err := readScore(field, raw)
		if err != nil {
			return nil, err
		}
		d.Answers[id] = score
	}
	for key, raw := range r.Comments {
		text, err := readComment(raw)
		if err != nil {
			return nil, &rapport.Error{Code: rapport.EMALFORMED, Field: "comments." + key,
				Message: fmt.Sprintf("comments.%s must be a string, not %s", key, raw)}
		}
		d.Comments[key] = text
	}
	return d, nil
}

// readComment reads one open answer, a JSON string (null reads as empty,
// as encoding/json has it). raw is one value the decoder has already
// checked, so a string without escapes in valid UTF-8 is its own text
// between the quotes: taken as it is, rather than scanned and decoded a
// second time, as every save sends every text box.
func readComment(raw json.RawMessage) (string, error) {
	n := len(raw)
	if n >= 2 && raw[0] == '"' && bytes.IndexByte(raw[1:n-1], '\\') < 0 && utf8.Valid(raw) {
		return string(raw[1 : n-1]), nil
	}
	var text string
	err := json.Unmarshal(raw, &text)
	return text, err
}

// readScore reads one answer: a whole number, or null for "not able to
// observe". Whether it lies on the scale is checked against the framework.
func readScore(field string, raw json.RawMessage) (*int, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	// raw is one JSON value the decoder has already checked, so a first
	// character of - or a digit makes it a number ("4" in quotes is not).
	if len(raw) == 0 || !strings.ContainsRune("-0123456789", rune(raw[0])) {
		return nil, &rapport.Error{Code: rapport.EMALFORMED, Field: field,
			Message: fmt.Sprintf("%s must be a score (a number) or null for \"not able to observe\", not %s", field, raw)}
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil {
		return nil, rapport.FieldError(field, "%s must be a whole number on the scale, not %s", field, raw)
	}
	return &v, nil
}

func (s *Server) apiGetSurvey(c *gin.Context) {
	sv, err := s.openSurvey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondSurvey(c, sv)
}

func (s *Server) apiSaveSurvey(c *gin.Context) {
	req := newDraftRequest()
	if err := decodeJSON(c, req); err != nil {
		s.fail(c, err)
		return
	}
	d, err := req.toDraft()
	if err != nil {
		s.fail(c, err)
		return
	}
	sv, err := s.store.SaveDraft(c.Request.Context(), linkOf(c), d)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	s.respondSurvey(c, sv)
}

func (s *Server) apiSubmitSurvey(c *gin.Context) {
	var d *rapport.Draft
	if hasBody(c) {
		req := newDraftRequest()
		if err := decodeJSON(c, req); err != nil {
			s.fail(c, err)
			return
		}
		var err error
		if d, err = req.toDraft(); err != nil {
			s.fail(c, err)
			return
		}
	}
	sv, err := s.store.SubmitSurvey(c.Request.Context(), linkOf(c), d)
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	s.respondSurvey(c, sv)
}

func (s *Server) apiDeclineSurvey(c *gin.Context) {
	sv, err := s.store.DeclineSurvey(c.Request.Context(), linkOf(c))
	if err != nil {
		s.fail(c, s.missed(c, err))
		return
	}
	s.respondSurvey(c, sv)
}

// hasBody reports whether the request carries a body, without consuming it.
func hasBody(c *gin.Context) bool {
	if c.Request.Body == nil || c.Request.Body == http.NoBody || c.Request.ContentLength == 0 {
		return false
	}
	if c.Request.ContentLength > 0 {
		return true
	}
	// Length unknown (chunked): look at the first byte.
	br := bufio.NewReader(c.Request.Body)
	c.Request.Body = peekedBody{br, c.Request.Body}
	_, err := br.Peek(1)
	return err == nil
}

// peekedBody reads through the buffer that peeked at the body and closes
// the original.
type peekedBody struct {
	*bufio.Reader
	io.Closer
}
