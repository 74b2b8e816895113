// Package testkit builds what tests need in one line each: a migrated
// SQLite database in a temp dir, a running server, a signed-in coach, and
// JSON requests against it. Everything is real; nothing is mocked.
package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/framework"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/store"
)

// Secret is the instance secret of every test instance.
const Secret = "test-secret-test-secret-test-secret-0123456789"

// Keys returns the keys derived from Secret.
func Keys(t testing.TB) *secrets.Keys {
	k, err := secrets.New([]byte(Secret))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Config returns a configuration rooted in a fresh temp dir.
func Config(t testing.TB) *config.Config { return ConfigIn(t, t.TempDir()) }

// ConfigIn returns the test configuration rooted in dir.
func ConfigIn(t testing.TB, dir string) *config.Config { return configWith(t, dir, nil) }

// ConfigWith is Config with some variables set (or overridden) by env.
func ConfigWith(t testing.TB, env map[string]string) *config.Config {
	return configWith(t, t.TempDir(), env)
}

func configWith(t testing.TB, dir string, env map[string]string) *config.Config {
	cfg, err := config.Load(func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		switch k {
		case "RAPPORT_DATA_DIR":
			return dir
		case "RAPPORT_SECRET":
			return Secret
		case "RAPPORT_BASE_URL":
			return "http://rapport.test"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Store opens a migrated database with the built-in frameworks, in the
// data dir of cfg, closed when the test ends.
func Store(t testing.TB, cfg *config.Config) *store.Store {
	t.Helper()
	st, err := store.Open(cfg.DatabasePath(), Keys(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	builtin, err := framework.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SyncBuiltin(ctx, builtin); err != nil {
		t.Fatal(err)
	}
	return st
}

// Logger discards logs unless RAPPORT_TEST_LOG is set.
func Logger() *slog.Logger {
	if os.Getenv("RAPPORT_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// Clock is a settable clock for store.Now.
type Clock struct{ unix atomic.Int64 }

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock {
	c := &Clock{}
	c.Set(t)
	return c
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return time.Unix(0, c.unix.Load()).UTC() }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.unix.Store(t.UnixNano()) }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.unix.Add(int64(d)) }

var coachSeq atomic.Int64

// CoachPassphrase is the password of every coach Coach creates.
const CoachPassphrase = "a long test passphrase"

// Coach creates a coach with a unique email and returns it with its password.
func Coach(t testing.TB, st *store.Store) (*rapport.Coach, string) {
	t.Helper()
	password := CoachPassphrase
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	n := coachSeq.Add(1)
	c, err := st.CreateCoach(context.Background(), "coach"+itoa(n)+"@example.com", "Coach "+itoa(n), hash)
	if err != nil {
		t.Fatal(err)
	}
	return c, password
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Server is an httptest server over a handler, with a JSON client.
type Server struct {
	*httptest.Server
	t testing.TB
}

// Serve starts h on a loopback port, closed when the test ends.
func Serve(t testing.TB, h http.Handler) *Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &Server{Server: ts, t: t}
}

// Remote is a server already running at url (a real `rapport serve`),
// to send requests to with the same helpers.
func Remote(t testing.TB, url string) *Server {
	return &Server{Server: &httptest.Server{URL: url}, t: t}
}

// For returns the same server reporting failures to t, for use inside
// subtests and fuzz targets (which may not use the outer test's helpers).
func (s *Server) For(t testing.TB) *Server { return &Server{Server: s.Server, t: t} }

// Response is a finished request: its status, headers and body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test if it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response %d is not JSON (%v): %s", r.Status, err, r.Body)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map(t testing.TB) map[string]any {
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Do sends a request; body may be nil, a string, []byte or any value to
// encode as JSON. token, if set, goes in the Authorization header.
func (s *Server) Do(method, path, token string, body any) *Response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.Send(s.t, req)
}

// Send sends a request built by the caller and reads the whole answer,
// failing t if either goes wrong.
func (s *Server) Send(t testing.TB, req *http.Request) *Response {
	t.Helper()
	client := s.Client()
	if client == nil { // a Remote server
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: out}
}

// RepoRoot finds the module root (where go.mod is), for tests that need
// files outside their package such as installed test tools.
func RepoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testkit: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// RawDB opens the test database directly, for checking what was (or was
// not) written, behind the store's back.
func RawDB(t testing.TB, cfg *config.Config) *sqlx.DB {
	t.Helper()
	db, err := sqlx.Open("sqlite3", "file:"+cfg.DatabasePath()+"?_busy_timeout=5000&_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
