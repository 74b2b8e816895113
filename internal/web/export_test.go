package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// leaderJSON is leader.json as a client of the export reads it.
type leaderJSON struct {
	ExportedAt string `json:"exported_at"`
	Leader     struct {
		ID    int64
		Name  string
		Email string
	}
	Rounds []struct {
		ID     int64
		Title  string
		Status string
		Raters []struct {
			Name, Email, Relationship, Status string
		}
		Summary json.RawMessage
		Report  string
	}
}

func TestExport(t *testing.T) {
	f := newReportFixture(t)
	app := f.app
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("close: %d %s", resp.Status, resp.Body)
	}
	var round struct {
		LeaderID int64 `json:"leader_id"`
	}
	app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", f.roundID), f.token, nil).JSON(t, &round)
	otherID := app.CreateLeaderThroughAPI(t, f.token, map[string]string{"name": "Otto Bleibt", "email": "otto.bleibt@example.com"})

	t.Run("OneLeader", func(t *testing.T) {
		resp := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d/export", round.LeaderID), f.token, nil)
		files := openZip(t, resp)
		wantFilename(t, resp, "Rapport export - "+fixtureLeader+".zip")
		var doc leaderJSON
		if err := json.Unmarshal(files["leader.json"], &doc); err != nil {
			t.Fatalf("leader.json: %v\n%s", err, files["leader.json"])
		}
		if doc.Leader.Name != fixtureLeader || doc.Leader.Email != "eleni.papadopoulou@example.com" || doc.ExportedAt == "" {
			t.Errorf("leader: %+v at %q", doc.Leader, doc.ExportedAt)
		}
		if len(doc.Rounds) != 2 {
			t.Fatalf("%d rounds, want 2", len(doc.Rounds))
		}
		for _, r := range doc.Rounds {
			if r.Status != "closed" || len(r.Raters) != len(fixtureRaters)+1 {
				t.Errorf("round %q: status %s, %d raters", r.Title, r.Status, len(r.Raters))
			}
			var sum struct{ Groups []json.RawMessage }
			if err := json.Unmarshal(r.Summary, &sum); err != nil || len(r.Summary) == 0 {
				t.Errorf("round %q: summary %v: %.200s", r.Title, err, r.Summary)
			}
			// The summary is the one the API gives.
			api := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", r.ID), f.token, nil)
			if !jsonEqual(t, api.Body, r.Summary) {
				t.Errorf("round %q: the exported summary differs from the API's", r.Title)
			}
			pdf, ok := files[r.Report]
			if r.Report == "" || !ok {
				t.Fatalf("round %q: report %q not in the archive (%v)", r.Title, r.Report, slices.Collect(maps.Keys(files)))
			}
			qpdfCheck(t, pdf)
		}
		statuses := map[string]string{}
		for _, rt := range doc.Rounds[0].Raters {
			statuses[rt.Email] = rt.Status
		}
		if statuses["late.peer@example.com"] != "in_progress" || statuses["dmitri.sokolov@example.com"] != "submitted" {
			t.Errorf("rater statuses: %v", statuses)
		}
	})
	t.Run("EveryLeaderOfTheCoachInAFolderEach", func(t *testing.T) {
		resp := app.Do("GET", "/api/v1/export", f.token, nil)
		files := openZip(t, resp)
		folders := map[string]bool{}
		for name := range files {
			dir, _, ok := strings.Cut(name, "/")
			if !ok {
				t.Errorf("%s is not in a leader's folder", name)
			}
			folders[dir] = true
		}
		want := []string{fmt.Sprintf("%s (%d)", fixtureLeader, round.LeaderID), fmt.Sprintf("Otto Bleibt (%d)", otherID)}
		for _, dir := range want {
			if !folders[dir] || files[dir+"/leader.json"] == nil {
				t.Errorf("no folder %q with leader.json in %v", dir, slices.Collect(maps.Keys(files)))
			}
		}
		if len(folders) != 2 {
			t.Errorf("folders %v, want %v", folders, want)
		}
	})
	t.Run("AnotherCoachGets404", func(t *testing.T) {
		_, stranger := app.SignIn(t)
		resp := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d/export", round.LeaderID), stranger, nil)
		if resp.Status != http.StatusNotFound || resp.Map(t)["error"] == "" {
			t.Errorf("another coach's export: %d %s", resp.Status, resp.Body)
		}
		files := openZip(t, app.Do("GET", "/api/v1/export", stranger, nil))
		if len(files) != 0 {
			t.Errorf("another coach's full export holds %v", slices.Collect(maps.Keys(files)))
		}
	})
	t.Run("RejectsABadID", func(t *testing.T) {
		for _, path := range []string{"/api/v1/leaders/x/export", "/api/v1/leaders/-1/export"} {
			resp := app.Do("GET", path, f.token, nil)
			if resp.Status != http.StatusNotFound && resp.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s", path, resp.Status, resp.Body)
			}
		}
		if resp := app.Do("GET", "/api/v1/export", "", nil); resp.Status != http.StatusUnauthorized {
			t.Errorf("export without a token: %d", resp.Status)
		}
	})
}

// openZip checks the response is a zip download and reads every file in it.
func openZip(t *testing.T, resp *testkit.Response) map[string][]byte {
	t.Helper()
	if resp.Status != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export: %d %s: %.300s", resp.Status, resp.Header.Get("Content-Type"), resp.Body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	zr, err := zip.NewReader(bytes.NewReader(resp.Body), int64(len(resp.Body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, zf := range zr.File {
		if strings.Contains(zf.Name, "..") || strings.HasPrefix(zf.Name, "/") {
			t.Errorf("unsafe entry name %q", zf.Name)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[zf.Name] = b
	}
	return files
}

// wantFilename checks the download's name as a browser reads it.
func wantFilename(t *testing.T, resp *testkit.Response, want string) {
	t.Helper()
	kind, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil || kind != "attachment" || params["filename"] != want {
		t.Errorf("Content-Disposition %q: %v %v, want %q", resp.Header.Get("Content-Disposition"), kind, err, want)
	}
}

// qpdfCheck runs qpdf --check on a PDF.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	testkit.Tool(t, "qpdf", "--check", path)
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	ea, _ := json.Marshal(x)
	eb, _ := json.Marshal(y)
	return bytes.Equal(ea, eb)
}
