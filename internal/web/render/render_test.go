package render_test

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rapporthq/rapport/internal/web/render"
)

func TestTemplates(t *testing.T) {
	tpl, err := render.New(os.DirFS("testdata"), template.FuncMap{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("EachPageKeepsItsOwnMainBlock", func(t *testing.T) {
		one, err := tpl.Render("one", "<a>")
		if err != nil {
			t.Fatal(err)
		}
		two, err := tpl.Render("two", "b")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(one), "<title>One</title>[first &lt;a&gt;]!"; got != want {
			t.Errorf("one = %q, want %q", got, want)
		}
		if got, want := string(two), "<title>Default</title>[second b]!"; got != want {
			t.Errorf("two = %q, want %q", got, want)
		}
	})
	t.Run("TemplateErrorReturnsNoPartialPage", func(t *testing.T) {
		out, err := tpl.Render("broken", map[string]any{})
		if err == nil {
			t.Fatalf("want an error, got %q", out)
		}
		if out != nil {
			t.Errorf("want no output, got %q", out)
		}
	})
	t.Run("UnknownPageIsAnError", func(t *testing.T) {
		if _, err := tpl.Render("nope", nil); err == nil {
			t.Fatal("want an error")
		}
		if tpl.Has("nope") || !tpl.Has("one") {
			t.Error("Has is wrong")
		}
	})
}

func TestNewRejectsMissingLayout(t *testing.T) {
	fsys := fstest.MapFS{"pages/a.html": {Data: []byte(`{{define "main"}}a{{end}}`)}}
	if _, err := render.New(fsys, nil); err == nil {
		t.Fatal("want an error without layouts/base")
	}
}

func TestAssets(t *testing.T) {
	fsys := fstest.MapFS{"css/app.css": {Data: []byte("body{}")}, "embed.go": {Data: []byte("package x")}}
	a, err := render.NewAssets(fsys, "/static/")
	if err != nil {
		t.Fatal(err)
	}
	url, err := a.URL("css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "/static/css/app.css?v=") {
		t.Fatalf("url = %q", url)
	}
	if _, err := a.URL("css/none.css"); err == nil {
		t.Error("unknown asset: want an error")
	}
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		a.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	t.Run("VersionedURLIsCachedForAYear", func(t *testing.T) {
		w := get(url)
		if w.Code != 200 || w.Body.String() != "body{}" {
			t.Fatalf("got %d %q", w.Code, w.Body)
		}
		if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
			t.Errorf("Cache-Control = %q", cc)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
			t.Errorf("Content-Type = %q", ct)
		}
	})
	t.Run("StaleVersionMustRevalidate", func(t *testing.T) {
		if cc := get("/static/css/app.css?v=old").Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("Cache-Control = %q", cc)
		}
	})
	t.Run("UnknownAndSourceFilesAreNotFound", func(t *testing.T) {
		for _, p := range []string{"/static/css/x.css", "/static/embed.go", "/static/../go.mod"} {
			if w := get(p); w.Code != 404 {
				t.Errorf("%s: %d", p, w.Code)
			}
		}
	})
}
