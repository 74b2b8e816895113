package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
)

// Every failed request is answered by s.fail, in the form its audience
// reads: JSON for the coach's API and the rater's survey API, a page for
// the coach's app and for the links raters and leaders open from emails.
// Each route group picks its responder once (answeredBy in routes.go);
// handlers never choose.

// A responder answers a failed request for one audience.
type responder func(s *Server, c *gin.Context, err error)

const responderKey = "responder"

// answeredBy makes every route of a group answer its failures with r.
func answeredBy(r responder) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(responderKey, r)
		c.Next()
	}
}

// fail answers a failed request with its route group's responder. A
// request no group has taken yet (a panic in the global middleware) gets
// a page.
func (s *Server) fail(c *gin.Context, err error) {
	respond := answerPage
	if r, ok := c.Get(responderKey); ok {
		respond = r.(responder)
	}
	respond(s, c, err)
}

// statusOf maps an error to its HTTP status: the one place this is decided.
func statusOf(err error) int {
	switch rapport.ErrorCode(err) {
	case rapport.EMALFORMED:
		return http.StatusBadRequest
	case rapport.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case rapport.ENOTFOUND:
		return http.StatusNotFound
	case rapport.ECONFLICT:
		return http.StatusConflict
	case rapport.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case rapport.EINVALID:
		return http.StatusUnprocessableEntity
	case rapport.ERATELIMIT:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

// missingJSON is the body of a refused submit with unanswered items.
type missingJSON struct {
	apiError
	Missing []int64 `json:"missing"`
}

// importJSON is the body of a refused CSV import: every fault by line.
type importJSON struct {
	apiError
	Errors []rapport.RowError `json:"errors"`
}

// answerJSON is the coach's API responder: err as JSON. Internal errors
// are logged and their details kept from the client.
func answerJSON(s *Server, c *gin.Context, err error) {
	if rapport.ErrorCode(err) == rapport.EINTERNAL {
		s.log.Error("request failed", "route", c.FullPath(), "method", c.Request.Method, "err", err)
	}
	body := apiError{Error: rapport.ErrorMessage(err), Field: rapport.ErrorField(err)}
	var missing *rapport.MissingError
	if errors.As(err, &missing) {
		c.AbortWithStatusJSON(statusOf(err), missingJSON{apiError: body, Missing: missing.Items})
		return
	}
	var refused *rapport.ImportError
	if errors.As(err, &refused) {
		c.AbortWithStatusJSON(statusOf(err), importJSON{apiError: body, Errors: refused.Rows})
		return
	}
	c.AbortWithStatusJSON(statusOf(err), body)
}

// answerSurveyJSON is the rater's survey API responder: like answerJSON,
// but every not found reads rapport.ErrNoSurvey, so that a vanished survey and an
// unknown, malformed or revoked link all get the same answer.
func answerSurveyJSON(s *Server, c *gin.Context, err error) {
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		err = rapport.ErrNoSurvey
	}
	answerJSON(s, c, err)
}

// answerPage is the pages' responder, for the coach's app and for the
// links raters and leaders open: the error page, or the common 404 page
// (see errorPage).
func answerPage(s *Server, c *gin.Context, err error) {
	s.errorPage(c, statusOf(err), err)
}

// noRoute answers a request that matched no route. Gin has one such
// handler for the whole engine and such a request belongs to no route
// group, so this is the one place that tells the audience by the path.
func (s *Server) noRoute(c *gin.Context) {
	path := c.Request.URL.Path
	// A mangled secret link (/s/<token>/, /api/v1/survey/<token>/...) may
	// still hold the token: keep it out of caches and Referer headers, and
	// answer it as any other link that opens nothing (a counted miss).
	for _, prefix := range []string{"/s/", "/u/", "/r/", "/n/", "/api/v1/survey/", "/api/v1/nomination/"} {
		if strings.HasPrefix(path, prefix) {
			c.Header("Referrer-Policy", "no-referrer")
			c.Header("Cache-Control", "no-store")
			respond := answerPage
			switch prefix {
			case "/api/v1/survey/":
				respond = answerSurveyJSON
			case "/api/v1/nomination/":
				respond = answerJSON
			}
			respond(s, c, s.linkMiss(c))
			return
		}
	}
	if strings.HasPrefix(path, "/api/") {
		answerJSON(s, c, rapport.Errorf(rapport.ENOTFOUND, "no such endpoint"))
		return
	}
	s.notFoundPage(c)
}
