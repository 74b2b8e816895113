package web_test

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestHeadAnswersLikeGet: mail scanners and link checkers probe the links
// in emails with HEAD; each must answer as GET does (status and headers)
// with no body, and a probe must not count as the rater opening the survey.
func TestHeadAnswersLikeGet(t *testing.T) {
	f := newReportFixture(t)
	f.app.Do("POST", "/api/v1/rounds/"+itoa(f.roundID)+"/close", f.token, nil)
	_, reportToken := f.release(t)

	app := testkit.NewApp(t)
	lr := app.Launch(t, "Hana Leader", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	survey := lr.Links["pia@example.com"]
	optOut := testkit.Keys(t).OptOutToken(survey)
	n := newNomination(t)
	css := regexp.MustCompile(`/static/[^"]+\.css`).FindString(string(app.Do("GET", "/login", "", nil).Body))
	if css == "" {
		t.Fatal("the sign-in page links no stylesheet")
	}

	cases := []struct {
		name   string
		server *testkit.Server
		path   string
		status int
	}{
		{"survey link", app.Server, "/s/" + survey, http.StatusOK},
		{"survey API", app.Server, "/api/v1/survey/" + survey, http.StatusOK},
		{"unsubscribe link", app.Server, "/u/" + optOut, http.StatusOK},
		{"nomination link", n.app.Server, n.page, http.StatusOK},
		{"leader's report link", f.app.Server, "/r/" + reportToken, http.StatusOK},
		{"stylesheet", app.Server, css, http.StatusOK},
		{"sign-in page", app.Server, "/login", http.StatusOK},
		{"favicon", app.Server, "/favicon.ico", http.StatusOK},
		{"touch icon", app.Server, "/apple-touch-icon.png", http.StatusOK},
		{"a wrong survey link", app.Server, "/s/" + optOut, http.StatusNotFound},
		{"no such page", app.Server, "/nowhere", http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Asked alike, with gzip and without, GET and HEAD answer alike.
			for _, acceptEncoding := range []string{"", "gzip"} {
				get, _ := rawDo(t, tc.server, "GET", tc.path, acceptEncoding)
				head, body := rawDo(t, tc.server, "HEAD", tc.path, acceptEncoding)
				if get.StatusCode != tc.status || head.StatusCode != get.StatusCode {
					t.Fatalf("Accept-Encoding %q: GET %d, HEAD %d; want %d for both", acceptEncoding, get.StatusCode, head.StatusCode, tc.status)
				}
				if len(body) != 0 {
					t.Errorf("HEAD answered a body of %d bytes", len(body))
				}
				for name := range get.Header {
					if name == "Date" || name == "Content-Length" {
						continue
					}
					if got, want := head.Header.Values(name), get.Header.Values(name); !slices.Equal(got, want) {
						t.Errorf("Accept-Encoding %q: header %s: HEAD %q, GET %q", acceptEncoding, name, got, want)
					}
				}
			}
		})
	}

	t.Run("AProbeIsNotAnOpening", func(t *testing.T) {
		other := app.Launch(t, "Ivo Leader", rapport.RaterInput{Name: "Rui Peer", Email: "rui@example.com", Relationship: rapport.Peer})
		app.Do("HEAD", "/s/"+other.Links["rui@example.com"], "", nil)
		var status string
		if err := testkit.RawDB(t, app.Cfg).Get(&status, `SELECT status FROM raters WHERE id = ?`, other.RaterIDs["rui@example.com"]); err != nil {
			t.Fatal(err)
		}
		if status != "invited" {
			t.Errorf("after a HEAD probe the rater is %q, want still invited", status)
		}
	})
}

// TestIconsAreServed: browsers ask for /favicon.ico and
// /apple-touch-icon.png whatever a page links, and the pages link an SVG
// icon; a 404 for any of them is a console error on every page.
func TestIconsAreServed(t *testing.T) {
	app := testkit.NewApp(t)
	login := string(app.Do("GET", "/login", "", nil).Body)
	paths := []string{"/favicon.ico", "/apple-touch-icon.png"}
	for _, rel := range []string{"icon", "apple-touch-icon"} {
		href := regexp.MustCompile(`<link rel="` + rel + `" href="([^"]+)"`).FindStringSubmatch(login)
		if href == nil {
			t.Fatalf("the pages link no %s", rel)
		}
		paths = append(paths, html.UnescapeString(href[1]))
	}
	for _, p := range paths {
		resp := app.Do("GET", p, "", nil)
		if resp.Status != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") || len(resp.Body) == 0 {
			t.Errorf("GET %s: %d %q, %d bytes; want an image", p, resp.Status, resp.Header.Get("Content-Type"), len(resp.Body))
		}
	}
}
