package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
	"github.com/rapporthq/rapport/internal/web"
)

// get sends a GET with extra headers.
func get(t *testing.T, app *testkit.App, path string, header ...string) *testkit.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, app.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return app.Send(t, req)
}

// deadLinks launches a round and returns the app with survey links that
// open nothing, by the reason why, and one that works.
func deadLinks(t *testing.T) (app *testkit.App, dead map[string]string, good string) {
	app = testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen)
	// A removed rater's link stops working.
	removed := lr.Links["ben@example.com"]
	if resp := app.Do("DELETE", "/api/v1/rounds/"+itoa(lr.Round.ID)+"/raters/"+itoa(lr.RaterIDs["ben@example.com"]), lr.CoachToken, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("remove rater: %d %s", resp.Status, resp.Body)
	}
	// A draft round's links do not work yet: nobody was invited.
	var draftSealed []byte
	draftRound := createRound(t, app, lr.CoachToken, createLeader(t, app, lr.CoachToken, "Drafty Draft"))
	if err := rawDB(t, app).Get(&draftSealed, `SELECT token_sealed FROM raters WHERE round_id = ?`, draftRound); err != nil {
		t.Fatal(err)
	}
	draft, err := testkit.Keys(t).Open(draftSealed)
	if err != nil {
		t.Fatal(err)
	}
	return app, map[string]string{
		"draft":     draft,
		"unknown":   secrets.NewToken(),
		"malformed": "not-a-token",
		"too-long":  lr.Links["pia@example.com"] + "A",
		"removed":   removed,
	}, lr.Links["pia@example.com"]
}

func TestSurveyLinksThatOpenNothingLookAlike(t *testing.T) {
	app, tokens, _ := deadLinks(t)
	for _, prefix := range []string{"/s/", "/api/v1/survey/"} {
		var first *testkit.Response
		for name, tok := range tokens {
			resp := app.Do("GET", prefix+tok, "", nil)
			if resp.Status != http.StatusNotFound {
				t.Errorf("%s%s: status %d", prefix, name, resp.Status)
			}
			if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("%s%s: headers %v", prefix, name, resp.Header)
			}
			if first == nil {
				first = resp
				if prefix == "/s/" && !strings.Contains(string(resp.Body), "This page does not exist") {
					t.Errorf("the survey miss is not the common 404 page: %s", resp.Body)
				}
				continue
			}
			if !bytes.Equal(resp.Body, first.Body) || resp.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
				t.Errorf("%s%s answers differently:\n%s\nvs\n%s", prefix, name, resp.Body, first.Body)
			}
		}
	}
}

// TestSurveyWritesToLinksThatOpenNothingLookAlike: API writes find their
// link inside the write. Whatever the write and whatever the reason, the
// answer is the same 404 as a read's, and nothing is stored.
func TestSurveyWritesToLinksThatOpenNothingLookAlike(t *testing.T) {
	app, tokens, good := deadLinks(t)
	db := rawDB(t, app)
	const changes = `SELECT (SELECT count(*) FROM answers) + (SELECT count(*) FROM raters WHERE status != 'invited')`
	before := count(t, db, changes)
	writes := []struct{ method, path, body string }{
		{"PUT", "", `{"answers": {}}`},
		{"POST", "/submit", `{"answers": {}}`},
		{"POST", "/submit", ""},
		{"POST", "/decline", ""},
	}
	// A read's miss, from another instance: every miss here counts.
	read := testkit.NewApp(t).Do("GET", "/api/v1/survey/"+secrets.NewToken(), "", nil)
	n := 1
	for name, tok := range tokens {
		// Two writes per link: the eleventh miss from one address is refused.
		for _, w := range []int{n % 4, (n + 1) % 4} {
			n++
			var body any
			if writes[w].body != "" {
				body = writes[w].body
			}
			resp := app.Do(writes[w].method, "/api/v1/survey/"+tok+writes[w].path, "", body)
			if resp.Status != http.StatusNotFound || !bytes.Equal(resp.Body, read.Body) {
				t.Errorf("%s %s%s: %d %s, want the read's 404 %s", writes[w].method, name, writes[w].path, resp.Status, resp.Body, read.Body)
			}
		}
	}
	if after := count(t, db, changes); after != before {
		t.Errorf("writes to dead links changed something: %d, then %d", before, after)
	}
	t.Run("TheNextMissIsRefused", func(t *testing.T) {
		expectError(t, app.Do("PUT", "/api/v1/survey/"+secrets.NewToken(), "", `{"answers": {}}`), http.StatusTooManyRequests, "")
	})
	t.Run("AGoodLinkStillWritesFromTheBlockedAddress", func(t *testing.T) {
		if resp := app.Do("PUT", "/api/v1/survey/"+good, "", `{"answers": {}}`); resp.Status != http.StatusOK {
			t.Fatalf("status %d %s", resp.Status, resp.Body)
		}
	})
}

// TestLinkMissesAreRateLimited checks made-up survey and unsubscribe links
// are limited per address, and that only misses are: a valid link from an
// address that has used up its misses (others behind the same NAT) still
// opens. (/r/ is checked in TestRelease.)
func TestLinkMissesAreRateLimited(t *testing.T) {
	for _, prefix := range []string{"/s/", "/u/"} {
		t.Run(strings.Trim(prefix, "/"), func(t *testing.T) {
			app := testkit.NewApp(t)
			lr := app.Launch(t, "Ana Souza", peerAna)
			good := lr.Links["pia@example.com"]
			if prefix == "/u/" {
				good = testkit.Keys(t).OptOutToken(good)
			}
			for i := range 10 {
				// Every kind of miss costs the same and answers the same 404;
				// a forged X-Forwarded-For must not buy a fresh allowance.
				bad := []string{secrets.NewToken(), "short", good[:42] + "!"}[i%3]
				resp := get(t, app, prefix+bad, "X-Forwarded-For", "10.0.0."+itoa(int64(i)))
				if resp.Status != http.StatusNotFound {
					t.Fatalf("miss %d: status %d", i+1, resp.Status)
				}
				// Valid links in between neither count nor are refused.
				if resp := app.Do("GET", prefix+good, "", nil); resp.Status != http.StatusOK {
					t.Fatalf("a good link after %d misses: %d", i+1, resp.Status)
				}
			}
			t.Run("TheNextMissIsRefused", func(t *testing.T) {
				for _, bad := range []string{secrets.NewToken(), "short"} {
					resp := get(t, app, prefix+bad, "X-Forwarded-For", "10.9.9.9")
					if resp.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
						t.Fatalf("status %d, Retry-After %q", resp.Status, resp.Header.Get("Retry-After"))
					}
					if !strings.Contains(string(resp.Body), "Too many attempts") {
						t.Errorf("page: %s", resp.Body)
					}
				}
			})
			if prefix == "/s/" {
				t.Run("TheAPIIsRefusedToo", func(t *testing.T) {
					expectError(t, app.Do("GET", "/api/v1/survey/"+secrets.NewToken(), "", nil), http.StatusTooManyRequests, "")
				})
			}
			t.Run("AGoodLinkStillOpensFromTheBlockedAddress", func(t *testing.T) {
				if resp := app.Do("GET", prefix+good, "", nil); resp.Status != http.StatusOK {
					t.Fatalf("status %d", resp.Status)
				}
				if prefix == "/s/" {
					if resp := app.Do("GET", "/api/v1/survey/"+good, "", nil); resp.Status != http.StatusOK {
						t.Fatalf("API status %d", resp.Status)
					}
				}
			})
		})
	}
}

func TestSurveyResponsesAreNotCachedNorLeakedByReferer(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	tok := lr.Links["pia@example.com"]
	form := "action=save"
	for _, r := range []struct{ method, path, body string }{
		{"GET", "/s/" + tok, ""},
		{"POST", "/s/" + tok, form},
		{"GET", "/api/v1/survey/" + tok, ""},
		{"PUT", "/api/v1/survey/" + tok, `{"answers": {}}`},
		{"POST", "/api/v1/survey/" + tok + "/submit", `{"answers": {"1": 99}}`},
	} {
		req, _ := http.NewRequest(r.method, app.URL+r.path, strings.NewReader(r.body))
		if r.method == "POST" && strings.HasPrefix(r.path, "/s/") {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		client := *app.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if h.Get("Cache-Control") != "no-store" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s %s (%d): Cache-Control %q, Referrer-Policy %q", r.method, r.path[:8], resp.StatusCode, h.Get("Cache-Control"), h.Get("Referrer-Policy"))
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: security headers %v", r.method, r.path[:8], h)
		}
	}
	for _, path := range []string{"/s/" + tok + "/extra", "/api/v1/survey/" + tok + "/nope", "/u/" + tok + "/extra", "/r/" + tok + "/extra"} {
		h := app.Do("GET", path, "", nil).Header
		if h.Get("Cache-Control") != "no-store" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("a mangled link %s...: %v", path[:8], h)
		}
	}
	page := string(app.Do("GET", "/s/"+tok, "", nil).Body)
	if !strings.Contains(page, `<meta name="referrer" content="no-referrer">`) {
		t.Error("the page does not also ask for no referrer in its markup")
	}
}

func TestSurveyTokensNeverReachTheLog(t *testing.T) {
	var logs bytes.Buffer
	cfg := testkit.Config(t)
	st := testkit.Store(t, cfg)
	srv, err := web.New(cfg, st, testkit.Keys(t), slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	app := &testkit.App{Cfg: cfg, Store: st, Web: srv, Server: testkit.Serve(t, srv.Handler())}
	lr := app.Launch(t, "Ana Souza", peerAna)
	tok := lr.Links["pia@example.com"]
	bad := secrets.NewToken()
	app.Do("GET", "/s/"+tok, "", nil)
	app.Do("GET", "/s/"+bad, "", nil)
	app.Do("GET", "/s/"+tok+"/nope", "", nil)
	app.Do("PUT", "/api/v1/survey/"+tok, "", `{"answers": {"x": 1}}`)
	app.Do("POST", "/api/v1/survey/"+tok+"/submit", "", nil)
	st.Close() // later requests fail inside: internal errors are logged too
	app.Do("GET", "/api/v1/survey/"+tok, "", nil)
	app.Do("GET", "/s/"+tok, "", nil)

	out := logs.String()
	if !strings.Contains(out, "route=/s/:token") {
		t.Fatalf("expected request logs by route pattern, got:\n%s", out)
	}
	for _, secret := range []string{tok, bad, tok[:16]} {
		if strings.Contains(out, secret) {
			t.Fatalf("a token reached the log:\n%s", out)
		}
	}
}

// TestARemovedRatersLinkNeverReachesTheNextRater: SQLite hands a removed
// rater's id to the next rater added. A link this process has already
// written through must still open nothing once its rater is gone, and must
// never write to whoever got the id.
func TestARemovedRatersLinkNeverReachesTheNextRater(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	base := "/api/v1/rounds/" + itoa(lr.Round.ID) + "/raters"
	db := rawDB(t, app)
	add := func(email string) (int64, string) {
		resp := app.Do("POST", base, lr.CoachToken, map[string]string{"name": "Someone", "email": email, "relationship": "peer"})
		if resp.Status != http.StatusCreated {
			t.Fatalf("add %s: %d %s", email, resp.Status, resp.Body)
		}
		var r struct{ ID int64 }
		resp.JSON(t, &r)
		var sealed []byte
		if err := db.Get(&sealed, `SELECT token_sealed FROM raters WHERE id = ?`, r.ID); err != nil {
			t.Fatal(err)
		}
		tok, err := testkit.Keys(t).Open(sealed)
		if err != nil {
			t.Fatal(err)
		}
		return r.ID, tok
	}
	gone, goneLink := add("xavier@example.com")
	// A first write caches the link, even one refused (a rater who has
	// started answering could not be removed).
	expectError(t, app.Do("PUT", "/api/v1/survey/"+goneLink, "", `{"answers": {"999999": 3}}`), http.StatusUnprocessableEntity, "answers.999999")
	if resp := app.Do("DELETE", base+"/"+itoa(gone), lr.CoachToken, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("remove: %d %s", resp.Status, resp.Body)
	}
	next, _ := add("yolanda@example.com")
	if next != gone {
		t.Fatalf("the next rater got id %d, not the removed one's %d: this test no longer covers id reuse", next, gone)
	}
	for _, w := range []struct{ method, path string }{{"PUT", ""}, {"POST", "/submit"}, {"POST", "/decline"}} {
		var body any
		if w.method == "PUT" {
			body = `{"answers": {}}`
		}
		if resp := app.Do(w.method, "/api/v1/survey/"+goneLink+w.path, "", body); resp.Status != http.StatusNotFound {
			t.Errorf("%s%s with the removed rater's link: %d %s", w.method, w.path, resp.Status, resp.Body)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM raters WHERE id = ? AND status = 'invited' AND started_at IS NULL`, next); n != 1 {
		t.Error("the removed rater's link changed the rater who got their id")
	}
}

// TestSecretLinksWithATrailingSlashOpenNothing: a slash after a valid
// token is not redirected to the link (the redirect would repeat the token
// in Location, without the private headers); it is answered like any link
// that opens nothing, JSON under /api/, and writes nothing.
func TestSecretLinksWithATrailingSlashOpenNothing(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna)
	tok := lr.Links["pia@example.com"]
	db := rawDB(t, app)
	const changes = `SELECT (SELECT count(*) FROM answers) + (SELECT count(*) FROM raters WHERE status != 'invited')`
	before := count(t, db, changes)
	page := app.Do("GET", "/no-such-page", "", nil)
	read := app.Do("GET", "/api/v1/survey/"+secrets.NewToken(), "", nil)
	client := *app.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, r := range []struct{ method, path, body string }{
		{"GET", "/s/" + tok + "/", ""},
		{"GET", "/u/" + testkit.Keys(t).OptOutToken(tok) + "/", ""},
		{"GET", "/r/" + tok + "/", ""},
		{"GET", "/api/v1/survey/" + tok + "/", ""},
		{"PUT", "/api/v1/survey/" + tok + "/", `{"answers": {}}`},
		{"POST", "/api/v1/survey/" + tok + "/submit/", `{"answers": {}}`},
	} {
		req, _ := http.NewRequest(r.method, app.URL+r.path, strings.NewReader(r.body))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := page
		if strings.HasPrefix(r.path, "/api/") {
			want = read
		}
		name := r.method + " " + r.path[:3] + "<token>/"
		if resp.StatusCode != http.StatusNotFound || !bytes.Equal(body, want.Body) {
			t.Errorf("%s: %d %s, want the 404 of a link that opens nothing", name, resp.StatusCode, body)
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			t.Errorf("%s: redirected to %s", name, loc)
		}
		if resp.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
			t.Errorf("%s: Content-Type %q, want %q", name, resp.Header.Get("Content-Type"), want.Header.Get("Content-Type"))
		}
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", name, resp.Header)
		}
	}
	if after := count(t, db, changes); after != before {
		t.Errorf("writes through a slashed link changed something: %d, then %d", before, after)
	}
}

// TestARemovedRatersCachedLinkAnswersLikeAnUnknownOne: a link the process
// has written through (and so cached) answers, once its rater is removed,
// every write with the 404 of an unknown link, bad drafts included, and
// each counts as a miss.
func TestARemovedRatersCachedLinkAnswersLikeAnUnknownOne(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen)
	tok := lr.Links["ben@example.com"]
	const bad = `{"answers": {"999999": 3}}`
	// A refused draft caches the link too, and leaves the rater removable.
	expectError(t, app.Do("PUT", "/api/v1/survey/"+tok, "", bad), http.StatusUnprocessableEntity, "answers.999999")
	if resp := app.Do("DELETE", "/api/v1/rounds/"+itoa(lr.Round.ID)+"/raters/"+itoa(lr.RaterIDs["ben@example.com"]), lr.CoachToken, nil); resp.Status != http.StatusNoContent {
		t.Fatalf("remove rater: %d %s", resp.Status, resp.Body)
	}
	unknown := testkit.NewApp(t).Do("PUT", "/api/v1/survey/"+secrets.NewToken(), "", bad)
	for i := range 10 {
		resp := app.Do("PUT", "/api/v1/survey/"+tok, "", bad)
		if resp.Status != http.StatusNotFound || !bytes.Equal(resp.Body, unknown.Body) {
			t.Fatalf("write %d after removal: %d %s, want an unknown link's %d %s", i+1, resp.Status, resp.Body, unknown.Status, unknown.Body)
		}
	}
	t.Run("EachWasAMiss", func(t *testing.T) {
		expectError(t, app.Do("GET", "/api/v1/survey/"+secrets.NewToken(), "", nil), http.StatusTooManyRequests, "")
	})
}
