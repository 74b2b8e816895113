// Package web is Rapport's HTTP layer: the coach's JSON API, the rater's
// survey and the coach's pages, on Gin. Handlers parse and validate input,
// call the store, and answer failures through one responder per audience,
// with one mapping from error to status (respond.go).
package web

import (
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/export"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/web/render"
)

// Server holds what the handlers need.
type Server struct {
	cfg    *config.Config
	store  *store.Store
	keys   *secrets.Keys
	log    *slog.Logger
	engine *gin.Engine
	pages  *render.Templates
	assets *render.Assets
	// debriefs assembles closed rounds' summaries and reports.
	debriefs *debrief.Debriefs
	// exports writes leaders' data as zip archives.
	exports *export.Exporter
	// signInLimit bounds failed sign-ins per address and per address and email.
	signInLimit *signInLimiter

	// linkMisses counts misses on secret links per address.
	linkMisses  *missLimiter
	crossOrigin *http.CrossOriginProtection
	// draining is set at shutdown (see Drain).
	draining atomic.Bool

	// questionnaires caches the encoded items of the survey JSON.
	questionnaires questionnaireCache
	// audits counts audit lines still being written (auditLater), and
	// auditsPending bounds how many may wait at once.
	audits        sync.WaitGroup
	auditsPending atomic.Int32
	// reportOpens keeps the leader's report link from flooding the trail.
	reportOpens reportOpens
	// exportSlots bounds the exports built at once (export.go).
	exportSlots chan struct{}
}

// New builds the server and its routes.
func New(cfg *config.Config, st *store.Store, keys *secrets.Keys, log *slog.Logger) (*Server, error) {
	s := &Server{cfg: cfg, store: st, keys: keys, log: log, engine: gin.New(), signInLimit: newSignInLimiter(),
		linkMisses:  newMissLimiter(linkMissEvery, linkMissBurst),
		crossOrigin: http.NewCrossOriginProtection(), exportSlots: make(chan struct{}, maxExports)}
	s.debriefs = debrief.New(st, keys, log)
	s.exports = &export.Exporter{Store: st, Debriefs: s.debriefs, Now: func() time.Time { return st.Now() }}
	// Only the configured proxies may set X-Forwarded-For: otherwise a client
	// could pick its own address and dodge the rate limits.
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, err
	}
	// Behind a proxy the Host the server sees may differ from the public origin.
	if err := s.crossOrigin.AddTrustedOrigin(cfg.Base.Scheme + "://" + cfg.Base.Host); err != nil {
		log.Warn("base url is not a valid trusted origin", "err", err)
	}
	if err := s.loadPages(); err != nil {
		return nil, err
	}
	// A secret link with a trailing slash must not be redirected: the
	// redirect repeats the token in Location, without the private headers
	// (noRoute answers it as a link that opens nothing).
	s.engine.RedirectTrailingSlash = false
	s.engine.Use(s.recoverPanics, s.logRequests, securityHeaders, s.closeWhenDraining, compress())
	s.routes()
	return s, nil
}

// Routes lists the registered routes (the API contract test reads them).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// Handler is the http.Handler to serve.
func (s *Server) Handler() http.Handler { return headAsGet(s.engine) }

// WriteTimeout bounds a response; no request can take longer, so a
// shutdown that waits a little more than this has drained every one.
const WriteTimeout = 60 * time.Second

// HTTPServer wraps the handler with the timeouts gin's Run leaves unset.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
