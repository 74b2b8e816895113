package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/jobs"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/web"
)

// serveGCPercent lets the heap grow to three times what is live before the
// garbage collector runs, instead of Go's two: rater writes allocate fast
// and keep little, so collections were a large share of the server's CPU
// (the measured trade of CPU for memory is in docs/benchmarks.md).
const serveGCPercent = 200

// tuneProcess makes the process-wide settings of a long-running server,
// before the database is opened; importing a package sets none of them.
// The operator's own GOGC and glibc malloc settings win.
func tuneProcess(cfg *config.Config) {
	gin.SetMode(gin.ReleaseMode)
	store.TuneProcessMemory(cfg.MallocSettingsSet)
	if !cfg.GOGCSet {
		debug.SetGCPercent(serveGCPercent)
	}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve", "Starts the web server, the reminder scheduler and the mail worker.\nSettings come from RAPPORT_* environment variables (see README.md).")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return err
	}
	tuneProcess(cfg)
	d, err := openWith(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer d.store.Close()
	if err := d.store.CheckSchema(ctx); err != nil {
		return err
	}
	warnIfMailFromIsACoach(ctx, d.store, d.cfg.MailFrom, d.log)
	// Logged last, once the requests, the scheduler and the mail worker
	// have all stopped (deferred before them, so it runs after them).
	started := false
	defer func() {
		if started {
			d.log.Info("stopped")
		}
	}()
	srv, err := web.New(d.cfg, d.store, d.keys, d.log)
	if err != nil {
		return err
	}
	mailer, err := newMailer(d)
	if err != nil {
		return err
	}
	// Every commit that queues mail wakes the worker, whatever caused it.
	d.store.OnMailQueued(mailer.Wake)
	mailCtx, stopMail := context.WithCancel(context.Background())
	mailDone := make(chan struct{})
	go func() { defer close(mailDone); mailer.Run(mailCtx) }()
	// Stopped last: a request or a pass draining at shutdown may still queue mail.
	defer func() { stopMail(); <-mailDone }()

	runner := &jobs.Runner{Store: d.store, Log: d.log, Debriefs: debrief.New(d.store, d.keys, d.log), OutboxDir: d.cfg.OutboxDir()}
	sched, err := runner.Start(ctx, d.cfg.ReminderSchedule)
	if err != nil {
		return err
	}
	defer sched.Stop()

	ln, err := net.Listen("tcp", d.cfg.Addr)
	if err != nil {
		return err
	}
	httpServer := srv.HTTPServer(d.cfg.Addr)
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	started = true
	d.log.Info("rapport is running", "addr", ln.Addr().String(), "base_url", d.cfg.BaseURL, "data_dir", d.cfg.DataDir)
	printWelcome(e, d.cfg.BaseURL, d.cfg.DataDir)

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	d.log.Info("shutting down: draining requests and jobs")
	return drain(srv, httpServer)
}

// drainGrace is how long the server keeps serving after SIGTERM, every
// response with "Connection: close", before it stops accepting: requests
// clients sent on open connections just before the signal are still read
// and answered (see web.Server.Drain), and clients learn to reconnect
// elsewhere. Short, as service managers allow 10 to 30 s in all.
const drainGrace = 2 * time.Second

// drain stops the HTTP server without cutting a request: after the grace,
// Shutdown stops accepting and waits for every request in flight (request
// contexts derive from context.Background, not from the signal, so none is
// cancelled). No request outlives the write timeout, so waiting a little
// longer than that drains them all; past it, the rest are closed.
func drain(srv *web.Server, httpServer *http.Server) error {
	srv.Drain()
	time.Sleep(drainGrace)
	ctx, cancel := context.WithTimeout(context.Background(), web.WriteTimeout+5*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		httpServer.Close()
		return fmt.Errorf("serve: requests still running after %s were cut: %w", web.WriteTimeout+5*time.Second, err)
	}
	// Audit lines requests left to be written (report opens, failed sign-ins).
	srv.WaitAudits()
	return nil
}

func printWelcome(e *env, baseURL, dataDir string) {
	fmt.Fprintf(e.stdout, `
Rapport is running at %s  (data in %s)

First time? Create your coach account in another terminal:
    echo 'a long passphrase' | ./bin/rapport coach add --email you@example.com --name "Your Name"
Then sign in at:
    %s/login
For the JSON API, get a token:
    curl -s -X POST %s/api/v1/tokens -d '{"email":"you@example.com","password":"a long passphrase"}'

`, baseURL, dataDir, baseURL, baseURL)
}
