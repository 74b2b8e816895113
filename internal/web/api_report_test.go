package web_test

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
)

func writePDF(t *testing.T, body []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	// RAPPORT_REPORT_OUT keeps a copy to look at (pdftoppm -png).
	if out := os.Getenv("RAPPORT_REPORT_OUT"); out != "" {
		_ = os.WriteFile(out, body, 0o644)
	}
	return path
}

// expectReportName checks a report's Content-Disposition (RFC 6266): its
// kind, the full UTF-8 name in filename* and the ASCII fallback in filename.
func expectReportName(t *testing.T, header, kind, full, ascii string) {
	t.Helper()
	gotKind, params, err := mime.ParseMediaType(header)
	if err != nil || gotKind != kind || params["filename"] != full {
		t.Errorf("Content-Disposition %q: %q %q %v, want %s with filename* %q", header, gotKind, params["filename"], err, kind, full)
	}
	if !strings.Contains(header, `; filename="`+ascii+`";`) || !strings.Contains(header, "; filename*=UTF-8''") {
		t.Errorf("Content-Disposition %q lacks the ASCII filename %q and a UTF-8 filename*", header, ascii)
	}
}

func TestReportPDF(t *testing.T) {
	f := newReportFixture(t)
	pdfPath := fmt.Sprintf("/api/v1/rounds/%d/report.pdf", f.roundID)
	expectError(t, f.app.Do("GET", pdfPath, f.token, nil), http.StatusConflict, "")
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)

	resp := f.app.Do("GET", pdfPath, f.token, nil)
	if resp.Status != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("report: %d %s %.200s", resp.Status, resp.Header.Get("Content-Type"), resp.Body)
	}
	path := writePDF(t, resp.Body)
	text := testkit.Tool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	flat := strings.Join(strings.Fields(text), " ")

	t.Run("NamesTheFileForTheLeaderAndRound", func(t *testing.T) {
		expectReportName(t, resp.Header.Get("Content-Disposition"), "inline",
			"Rapport 360 - "+fixtureLeader+" - Leadership 360 · Spring 2026.pdf", "Rapport 360 - Leadership 360 Spring 2026.pdf")
	})
	t.Run("IsAValidPDF", func(t *testing.T) {
		testkit.Tool(t, "qpdf", "--check", path)
	})
	t.Run("HasEveryPage", func(t *testing.T) {
		info := testkit.Tool(t, "pdfinfo", path)
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		// cover, summary, how to read, overview, progress (two pages: it
		// compares the five groups both rounds report), 8 competencies two
		// to a page, extremes, window, comments, debrief, plan: 15 (17 when
		// each competency had a page of its own, progress compared two
		// groups and there was no summary).
		if m == nil || len(m[1]) != 2 || m[1] > "15" {
			t.Errorf("pages: %v, want at most 15", m)
		}
		for _, want := range []string{"CONFIDENTIAL", "Summary", "How to read this report", "Who answered", "Overview of competencies",
			"Progress since the last round", "Decision-making", "Highest and lowest rated", "Blind spots and hidden strengths",
			"In their own words", "Questions for the debrief", "Development plan", "Page 3 of"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
	})
	t.Run("PrintsGreekAndCyrillic", func(t *testing.T) {
		for _, want := range []string{fixtureLeader, "Αιγαίο Logistics", "Её спокойствие в кризисе помогает всей команде.",
			"Πιο συχνές συναντήσεις ένας-προς-έναν.", "Ελένη explains ideas"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
	})
	t.Run("ShowsTheSummarysFigures", func(t *testing.T) {
		var s summaryView
		f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID), f.token, nil).JSON(t, &s)
		for _, c := range s.Competencies {
			if sc := c.Scores["all_others"]; sc != nil && !strings.Contains(flat, fmt.Sprintf("%.2f", sc.Mean)) {
				t.Errorf("%s all_others %.2f missing", c.Key, sc.Mean)
			}
		}
		// The earlier round differs for self and for All others (see roundShift).
		selfMoved := false
		for _, c := range s.Competencies {
			for _, key := range []string{"self", "all_others"} {
				ch, ok := c.Change[key]
				if !ok {
					t.Errorf("%s: no %s change", c.Key, key)
					continue
				}
				selfMoved = selfMoved || (key == "self" && ch != 0)
				then := fmt.Sprintf("%.2f → %.2f", c.Previous[key], c.Scores[key].Mean)
				if !strings.Contains(flat, then) {
					t.Errorf("%s %s: the progress page lacks %q", c.Key, key, then)
				}
			}
		}
		if !selfMoved {
			t.Error("self's own rating did not move on any competency")
		}
		if !strings.Contains(flat, "3.40") || !strings.Contains(flat, "n 10 · sd 0.66") {
			t.Error("the hand-computed item's figures are missing")
		}
		if !strings.Contains(flat, "Direct reports & other stakeholders") {
			t.Error("the combined group is not named")
		}
	})
	t.Run("NamesNoAnonymousRater", func(t *testing.T) {
		raw := string(resp.Body)
		for _, secret := range f.anonymous {
			if strings.Contains(flat, secret) || strings.Contains(raw, secret) {
				t.Errorf("the report names %q", secret)
			}
		}
	})
}

func TestRelease(t *testing.T) {
	f := newReportFixture(t)
	release := fmt.Sprintf("/api/v1/rounds/%d/release", f.roundID)
	db := testkit.RawDB(t, f.app.Cfg)

	t.Run("RefusedWhileOpen", func(t *testing.T) {
		expectError(t, f.app.Do("POST", release, f.token, nil), http.StatusConflict, "")
	})
	f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil)

	resp, token := f.release(t)

	t.Run("QueuesTheLeadersEmail", func(t *testing.T) {
		n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'report_released' AND round_id = ? AND to_email = 'eleni.papadopoulou@example.com'`, f.roundID)
		if n != 1 {
			t.Errorf("%d report_released emails", n)
		}
		if resp.Map(t)["released_at"] == nil {
			t.Error("released_at not set")
		}
	})
	t.Run("StoresNoTokenInTheClear", func(t *testing.T) {
		if n := count(t, db, `SELECT count(*) FROM rounds WHERE instr(report_token_hash, ?) OR instr(report_token_sealed, ?)`, token, token); n != 0 {
			t.Error("the report token is stored in the clear")
		}
	})
	t.Run("LinkDownloadsTheReport", func(t *testing.T) {
		r := f.app.Do("GET", "/r/"+token+"/report.pdf", "", nil)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(r.Body, []byte("%PDF-")) {
			t.Fatalf("%d %s", r.Status, r.Header.Get("Content-Type"))
		}
		if r.Header.Get("Referrer-Policy") != "no-referrer" || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("headers %v", r.Header)
		}
		expectReportName(t, r.Header.Get("Content-Disposition"), "inline",
			"Rapport 360 - "+fixtureLeader+" - Leadership 360 · Spring 2026.pdf", "Rapport 360 - Leadership 360 Spring 2026.pdf")
	})
	t.Run("UnknownLinksGetTheOrdinary404", func(t *testing.T) {
		missing := f.app.Do("GET", "/no-such-page", "", nil)
		for _, path := range []string{"/r/" + secrets.NewToken(), "/r/short", "/r/" + token[:42] + "!"} {
			r := f.app.Do("GET", path, "", nil)
			if r.Status != http.StatusNotFound || !bytes.Equal(r.Body, missing.Body) {
				t.Errorf("%s: %d, body differs from an ordinary 404", path, r.Status)
			}
			if r.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("%s: no Referrer-Policy", path)
			}
		}
	})
	t.Run("MissesAreRateLimitedButTheLinkStillOpens", func(t *testing.T) {
		for i := 3; i < 10; i++ { // three misses above
			if r := f.app.Do("GET", "/r/"+secrets.NewToken(), "", nil); r.Status != http.StatusNotFound {
				t.Fatalf("miss %d: %d", i+1, r.Status)
			}
		}
		if r := f.app.Do("GET", "/r/"+secrets.NewToken(), "", nil); r.Status != http.StatusTooManyRequests {
			t.Fatalf("miss 11: %d, want 429", r.Status)
		}
		if r := f.app.Do("GET", "/r/"+token, "", nil); r.Status != http.StatusOK {
			t.Fatalf("the valid link from the blocked address: %d", r.Status)
		}
	})
	t.Run("ReleasingAgainIsAConflict", func(t *testing.T) {
		expectError(t, f.app.Do("POST", release, f.token, nil), http.StatusConflict, "")
	})
	t.Run("AReleasedRoundTakesNoNewRaters", func(t *testing.T) {
		expectError(t, f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", f.roundID), f.token,
			map[string]string{"name": "Late Comer", "email": "late.comer@example.com", "relationship": "peer"}), http.StatusConflict, "")
	})
	t.Run("AnotherCoachCannotRelease", func(t *testing.T) {
		_, other := f.app.SignIn(t)
		expectError(t, f.app.Do("POST", release, other, nil), http.StatusNotFound, "")
	})
}
