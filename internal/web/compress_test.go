package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// rawGet fetches path as a browser would, with or without gzip, without
// the Go client's transparent decompression.
func rawGet(t *testing.T, srv *testkit.Server, path, acceptEncoding string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return rawDo(t, srv, "GET", path, acceptEncoding, header...)
}

// rawDo is rawGet for any method.
func rawDo(t *testing.T, srv *testkit.Server, method, path, acceptEncoding string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	return out
}

// TestCompression: pages, JSON and static files go gzipped to clients
// that accept it, each saying Vary: Accept-Encoding; secret links keep
// their private headers; PDFs are never gzipped.
func TestCompression(t *testing.T) {
	f := newReportFixture(t)
	f.app.Do("POST", "/api/v1/rounds/"+itoa(f.roundID)+"/close", f.token, nil)
	_, reportToken := f.release(t)

	app := testkit.NewApp(t)
	lr := app.Launch(t, "Hana Leader", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer})
	survey := "/s/" + lr.Links["pia@example.com"]
	css := regexp.MustCompile(`/static/[^"]+\.css[^"]*`).FindString(string(app.Do("GET", "/login", "", nil).Body))

	for _, tc := range []struct{ name, path string }{
		{"survey page", survey},
		{"survey API", "/api/v1/survey/" + lr.Links["pia@example.com"]},
		{"sign-in page", "/login"},
		{"stylesheet", css},
	} {
		t.Run(tc.name+"/GzippedWhenAccepted", func(t *testing.T) {
			plainResp, plain := rawGet(t, app.Server, tc.path, "")
			resp, zipped := rawGet(t, app.Server, tc.path, "gzip, deflate, br")
			if resp.StatusCode != http.StatusOK || plainResp.StatusCode != http.StatusOK {
				t.Fatalf("status %d / %d", resp.StatusCode, plainResp.StatusCode)
			}
			if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
				t.Fatalf("Content-Encoding %q, want gzip", got)
			}
			if plainResp.Header.Get("Content-Encoding") != "" {
				t.Errorf("a client that accepts no gzip got %q", plainResp.Header.Get("Content-Encoding"))
			}
			for _, r := range []*http.Response{resp, plainResp} {
				if got := r.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
					t.Errorf("Vary %q, want Accept-Encoding once", got)
				}
			}
			if len(zipped) >= len(plain) {
				t.Errorf("gzipped %d bytes, plain %d", len(zipped), len(plain))
			}
			if tc.name == "stylesheet" && !bytes.Equal(gunzip(t, zipped), plain) {
				t.Error("the gzipped stylesheet differs from the plain one")
			} else if len(gunzip(t, zipped)) < len(plain)/2 {
				t.Errorf("the gzipped body unpacks to %d bytes, the plain one is %d", len(gunzip(t, zipped)), len(plain))
			}
		})
	}

	t.Run("SecretLinkKeepsPrivateHeaders", func(t *testing.T) {
		resp, _ := rawGet(t, app.Server, survey, "gzip")
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("Cache-Control %q, Referrer-Policy %q", resp.Header.Get("Cache-Control"), resp.Header.Get("Referrer-Policy"))
		}
	})

	t.Run("StylesheetRevalidatesPerEncoding", func(t *testing.T) {
		zipped, _ := rawGet(t, app.Server, css, "gzip")
		plain, _ := rawGet(t, app.Server, css, "")
		if zipped.Header.Get("ETag") == plain.Header.Get("ETag") {
			t.Fatalf("gzipped and plain stylesheet share ETag %s", plain.Header.Get("ETag"))
		}
		again, body := rawGet(t, app.Server, css, "gzip", "If-None-Match", zipped.Header.Get("ETag"))
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("revalidating the gzipped file: %d with %d bytes, want 304", again.StatusCode, len(body))
		}
	})

	t.Run("RefusedGzipIsNotSent", func(t *testing.T) {
		for _, path := range []string{css, "/login"} {
			resp, _ := rawGet(t, app.Server, path, "gzip;q=0, identity")
			if resp.Header.Get("Content-Encoding") != "" {
				t.Errorf("%s: gzip sent to a client that refused it", path)
			}
		}
	})

	t.Run("TheLeadersReportPageIsGzipped", func(t *testing.T) {
		resp, _ := rawGet(t, f.app.Server, "/r/"+reportToken, "gzip")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("report page: %d, Content-Encoding %q, Cache-Control %q", resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Cache-Control"))
		}
	})

	t.Run("TheRatersSavesAreNotGzipped", func(t *testing.T) {
		resp, body := rawDo(t, app.Server, "PUT", "/api/v1/survey/"+lr.Links["pia@example.com"], "gzip", "Content-Type", "application/json")
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("a save answered gzipped (%d, %d bytes): the busiest write pays a gzip writer", resp.StatusCode, len(body))
		}
	})

	t.Run("PDFIsNotGzipped", func(t *testing.T) {
		resp, body := rawGet(t, f.app.Server, "/r/"+reportToken+"/report.pdf", "gzip")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("report link: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("the PDF went with Content-Encoding %q, starting %q", resp.Header.Get("Content-Encoding"), body[:min(8, len(body))])
		}
	})
}
