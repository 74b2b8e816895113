package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/web/render"
	"github.com/rapporthq/rapport/static"
	"github.com/rapporthq/rapport/templates"
)

// staticPrefix is where the embedded static files are served.
const staticPrefix = "/static/"

// loadPages parses the page templates and indexes the static files.
func (s *Server) loadPages() error {
	assets, err := render.NewAssets(static.FS, staticPrefix)
	if err != nil {
		return err
	}
	funcs := pageFuncs()
	funcs["asset"] = assets.URL
	for name, fn := range s.coachFuncs() {
		funcs[name] = fn
	}
	pages, err := render.New(templates.FS, funcs)
	if err != nil {
		return err
	}
	s.assets, s.pages = assets, pages
	return nil
}

// page renders a whole page into memory and only then writes it, so a
// template error becomes a clean error page instead of half a page.
func (s *Server) page(c *gin.Context, status int, name string, data any) {
	html, err := s.pages.Render(name, data)
	if err != nil {
		s.log.Error("render failed", "route", c.FullPath(), "page", name, "err", err)
		s.errorPage(c, http.StatusInternalServerError, err)
		return
	}
	c.Data(status, "text/html; charset=utf-8", html)
}

// errorPageData is what the error page shows.
type errorPageData struct {
	Status  int
	Heading string
	Message string
	Hint    string
}

// errorPage answers a page request with the error page. Internal errors
// show a generic message (their details go to the log only).
func (s *Server) errorPage(c *gin.Context, status int, err error) {
	code := rapport.ErrorCode(err)
	if code == rapport.EINTERNAL && status < 500 {
		status = http.StatusInternalServerError
	}
	if status == http.StatusNotFound {
		s.notFoundPage(c)
		return
	}
	d := errorPageData{Status: status, Heading: "Something went wrong", Message: rapport.ErrorMessage(err),
		Hint: "Please try again in a moment. Nothing you entered before this page was lost."}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		// What the failed form sent may well be lost: do not promise otherwise.
		d.Hint = "Please try again in a moment."
	}
	if status == http.StatusTooManyRequests {
		// The message says how long to wait; the hint says why, not it again.
		d.Heading, d.Hint = "Too many attempts", "This limit keeps private links from being guessed, and lifts by itself."
	}
	if status >= 500 && code == rapport.EINTERNAL && err != nil {
		s.log.Error("page failed", "route", c.FullPath(), "method", c.Request.Method, "err", err)
	}
	html, rerr := s.pages.Render("error", d)
	if rerr != nil {
		// The error page itself failed: fall back to plain text.
		s.log.Error("render error page failed", "err", rerr)
		c.Data(status, "text/plain; charset=utf-8", []byte(d.Heading+"\n"))
		c.Abort()
		return
	}
	c.Data(status, "text/html; charset=utf-8", html)
	c.Abort()
}

// notFoundPage answers with the common 404 page. Its body never depends on
// what was asked for, so a miss tells nothing about why it missed.
func (s *Server) notFoundPage(c *gin.Context) {
	html, err := s.pages.Render("not_found", nil)
	if err != nil {
		s.log.Error("render not_found failed", "err", err)
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("Not found\n"))
		c.Abort()
		return
	}
	c.Data(http.StatusNotFound, "text/html; charset=utf-8", html)
	c.Abort()
}

// serveStatic serves the embedded static files.
func (s *Server) serveStatic(c *gin.Context) {
	s.assets.ServeHTTP(c.Writer, c.Request)
}

// serveStaticFile answers a fixed address with one static file.
func (s *Server) serveStaticFile(name string) gin.HandlerFunc {
	return func(c *gin.Context) { s.assets.ServeFile(c.Writer, c.Request, name) }
}
