package jobs_test

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var reportLink = regexp.MustCompile(`http://rapport\.test/r/[A-Za-z0-9_-]{43}`)

func TestReportReleased(t *testing.T) {
	f := newFixture(t)
	roundID := f.launch(t, roundOptions{}, fyodor, manager, report)
	f.deliver(t)
	for i, p := range []person{leader, fyodor, manager, report} {
		f.answerFromInvitation(t, p, 2+i)
	}
	f.clock.Advance(time.Hour)
	mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", roundID), f.token, nil), 200)
	mustStatus(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/release", roundID), f.token, nil), 200)
	f.deliver(t)
	coachPDF := f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/report.pdf", roundID), f.token, nil)
	mustStatus(t, coachPDF, 200)

	t.Run("TellsTheCoachAllAnswered", func(t *testing.T) {
		got := f.smtp.To(f.coach.Email)
		if len(got) != 1 || !strings.Contains(flat(got[0].Text), "4 of 4 raters answered") {
			t.Fatalf("the coach received %d emails, want the close notice with 4 of 4", len(got))
		}
	})

	t.Run("EmailLinksTheLeaderToTheSamePDF", func(t *testing.T) {
		got := f.smtp.To(leader.Email)
		if len(got) != 2 {
			t.Fatalf("the leader received %d emails, want the invitation and the report", len(got))
		}
		e := got[1]
		link := reportLink.FindString(e.Text)
		if link == "" || !strings.Contains(e.HTML, `href="`+link+`"`) {
			t.Fatalf("no report link in both parts of %q:\n%s", e.Subject, e.Text)
		}
		// Opened twice, by a mail scanner and then the leader: both get the
		// report's page, which links to the coach's PDF.
		path := f.pathOf(t, link)
		for range 2 {
			page := f.app.Do("GET", path, "", nil)
			mustStatus(t, page, 200)
			if !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(page.Body), `href="`+path+`/report.pdf"`) {
				t.Errorf("the report link gives %s without a link to the PDF", page.Header.Get("Content-Type"))
			}
			resp := f.app.Do("GET", path+"/report.pdf", "", nil)
			mustStatus(t, resp, 200)
			if resp.Header.Get("Content-Type") != "application/pdf" || !bytes.Equal(resp.Body, coachPDF.Body) {
				t.Errorf("the report's PDF link gives %s, %d bytes; want the coach's PDF of %d bytes",
					resp.Header.Get("Content-Type"), len(resp.Body), len(coachPDF.Body))
			}
			for _, r := range []http.Header{page.Header, resp.Header} {
				if r.Get("Referrer-Policy") != "no-referrer" || r.Get("Cache-Control") != "no-store" {
					t.Errorf("the report link's headers: %v", r)
				}
			}
		}
	})

	t.Run("NoRaterGetsTheReportLink", func(t *testing.T) {
		for _, p := range []person{fyodor, manager, report} {
			for _, e := range f.smtp.To(p.Email) {
				if reportLink.MatchString(e.Text) || reportLink.MatchString(e.HTML) {
					t.Errorf("%s received the report link", p.Email)
				}
			}
		}
	})
}
