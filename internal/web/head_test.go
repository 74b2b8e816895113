package web_test

import (
	"net/http"
	"regexp"
	"slices"
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
		{"a wrong survey link", app.Server, "/s/" + optOut, http.StatusNotFound},
		{"no such page", app.Server, "/nowhere", http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := tc.server.For(t)
			get := srv.Do("GET", tc.path, "", nil)
			head := srv.Do("HEAD", tc.path, "", nil)
			if get.Status != tc.status || head.Status != get.Status {
				t.Fatalf("GET %d, HEAD %d; want %d for both", get.Status, head.Status, tc.status)
			}
			if len(head.Body) != 0 {
				t.Errorf("HEAD answered a body of %d bytes", len(head.Body))
			}
			for name := range get.Header {
				if name == "Date" || name == "Content-Length" {
					continue
				}
				if got, want := head.Header.Values(name), get.Header.Values(name); !slices.Equal(got, want) {
					t.Errorf("header %s: HEAD %q, GET %q", name, got, want)
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
