package testkit

import (
	"net/http"
	"testing"

	"github.com/rapporthq/rapport/internal/config"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
	"github.com/rapporthq/rapport/internal/web"
)

// App is a whole running instance: configuration, database and HTTP server.
type App struct {
	Cfg   *config.Config
	Store *store.Store
	Web   *web.Server
	*Server
}

// NewApp starts an instance on a temp dir and a loopback port.
func NewApp(t testing.TB) *App { return NewAppWith(t, nil) }

// NewAppWith starts an instance with some RAPPORT_* variables set by env.
func NewAppWith(t testing.TB, env map[string]string) *App {
	t.Helper()
	cfg := ConfigWith(t, env)
	st := Store(t, cfg)
	srv, err := web.New(cfg, st, Keys(t), Logger())
	if err != nil {
		t.Fatal(err)
	}
	return &App{Cfg: cfg, Store: st, Web: srv, Server: Serve(t, srv.Handler())}
}

// SignIn creates a coach and returns it with an API token.
func (a *App) SignIn(t testing.TB) (*rapport.Coach, string) {
	t.Helper()
	c, password := Coach(t, a.Store)
	resp := a.Do(http.MethodPost, "/api/v1/tokens", "", map[string]string{"email": c.Email, "password": password})
	if resp.Status != http.StatusCreated {
		t.Fatalf("sign in: %d %s", resp.Status, resp.Body)
	}
	var out struct{ Token string }
	resp.JSON(t, &out)
	return c, out.Token
}
