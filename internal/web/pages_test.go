package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestPages(t *testing.T) {
	app := testkit.NewApp(t)

	t.Run("UnknownPathGetsTheNotFoundPage", func(t *testing.T) {
		resp := app.Do(http.MethodGet, "/no/such/page", "", nil)
		if resp.Status != http.StatusNotFound {
			t.Fatalf("status %d", resp.Status)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("Content-Type = %q", ct)
		}
		if !strings.Contains(string(resp.Body), "This page does not exist") {
			t.Errorf("body: %s", resp.Body)
		}
	})

	t.Run("UnknownAPIPathStaysJSON", func(t *testing.T) {
		resp := app.Do(http.MethodGet, "/api/v1/nope", "", nil)
		if resp.Status != http.StatusNotFound || resp.Map(t)["error"] == nil {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
	})

	t.Run("EveryResponseCarriesSecurityHeaders", func(t *testing.T) {
		for _, path := range []string{"/no/such/page", "/api/v1/nope"} {
			h := app.Do(http.MethodGet, path, "", nil).Header
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("%s: CSP %q lacks %q", path, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") {
				t.Errorf("%s: CSP allows too much: %q", path, csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("%s: headers %v", path, h)
			}
		}
	})

	t.Run("PagesLinkTheVersionedStylesheetThatIsServedAndCached", func(t *testing.T) {
		body := string(app.Do(http.MethodGet, "/nope", "", nil).Body)
		m := regexp.MustCompile(`href="(/static/css/app\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no stylesheet link in %s", body)
		}
		css := app.Do(http.MethodGet, m[1], "", nil)
		if css.Status != http.StatusOK || !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
			t.Fatalf("stylesheet: %d %s", css.Status, css.Header.Get("Content-Type"))
		}
		if !strings.Contains(css.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("Cache-Control = %q", css.Header.Get("Cache-Control"))
		}
	})

	t.Run("PagesLoadNothingFromOtherOrigins", func(t *testing.T) {
		body := string(app.Do(http.MethodGet, "/nope", "", nil).Body)
		if regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).MatchString(body) {
			t.Errorf("page refers to another origin: %s", body)
		}
	})
}

// TestTooManyAttemptsPageSaysWaitOnce: the 429 page after too many unknown
// links says what happened and how long to wait, once.
func TestTooManyAttemptsPageSaysWaitOnce(t *testing.T) {
	app := testkit.NewApp(t)
	for range 30 {
		resp := app.Do(http.MethodGet, "/s/"+secrets.NewToken(), "", nil)
		if resp.Status != http.StatusTooManyRequests {
			continue
		}
		page := strings.ToLower(string(resp.Body))
		if n := strings.Count(page, "wait"); n != 1 {
			t.Errorf("the page says “wait” %d times: %s", n, resp.Body)
		}
		for _, want := range []string{"too many attempts", "wait a minute", "lifts by itself"} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		return
	}
	t.Fatal("no 429 after 30 unknown links")
}
