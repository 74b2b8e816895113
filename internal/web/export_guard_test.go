package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestExportGuards: the export pages are GETs under a SameSite=Lax
// session cookie, so another site could start them; they answer only
// their own pages (or a typed URL), and a refused one builds and records
// nothing. Exports are costly, so only a few run at once: a busy server
// says so with 429, on the pages and the API alike.
func TestExportGuards(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	created := b.post("/leaders", url.Values{"name": {"Xena Export"}, "email": {"xena@example.com"}})
	expectRedirect(t, created, "/leaders/")
	leaderPath := created.Location
	getFrom := func(site, path string) *page {
		t.Helper()
		req, _ := http.NewRequest("GET", app.URL+path, nil)
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		return b.do(req)
	}
	exports := func() int {
		return count(t, rawDB(t, app), `SELECT count(*) FROM audit_log WHERE action = 'export.downloaded'`)
	}

	t.Run("RefusesAnotherSite", func(t *testing.T) {
		for _, site := range []string{"cross-site", "same-site"} {
			for _, path := range []string{leaderPath + "/export", "/export"} {
				p := getFrom(site, path)
				if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "started from another site") ||
					p.Header.Get("Content-Type") == "application/zip" {
					t.Errorf("%s from %s: %d %s\n%.300s", path, site, p.Status, p.Header.Get("Content-Type"), p.Body)
				}
			}
		}
		if n := exports(); n != 0 {
			t.Errorf("refused exports recorded %d lines", n)
		}
	})

	t.Run("ServesItsOwnButtonsAndATypedURL", func(t *testing.T) {
		for _, site := range []string{"same-origin", "none"} {
			for _, path := range []string{leaderPath + "/export", "/export"} {
				if p := getFrom(site, path); p.Status != http.StatusOK || p.Header.Get("Content-Type") != "application/zip" {
					t.Errorf("%s from %s: %d %s", path, site, p.Status, p.Header.Get("Content-Type"))
				}
			}
		}
	})

	t.Run("BusyAnswers429", func(t *testing.T) {
		_, token := app.SignIn(t)
		apiLeader := app.CreateLeaderThroughAPI(t, token, map[string]string{"name": "Yuri Api", "email": "yuri@example.com"})
		release := app.Web.TakeExportSlotsForTest()
		before := exports()
		p := getFrom("same-origin", leaderPath+"/export")
		if p.Status != http.StatusTooManyRequests || !strings.Contains(p.Body, "try again in a minute") || p.Header.Get("Retry-After") == "" {
			t.Errorf("page export while busy: %d (Retry-After %q)\n%.300s", p.Status, p.Header.Get("Retry-After"), p.Body)
		}
		resp := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d/export", apiLeader), token, nil)
		expectError(t, resp, http.StatusTooManyRequests, "")
		if n := exports(); n != before {
			t.Errorf("busy exports recorded %d lines", n-before)
		}
		release()
		if resp := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d/export", apiLeader), token, nil); resp.Status != http.StatusOK {
			t.Errorf("API export once free: %d %s", resp.Status, resp.Body)
		}
	})
}
