//go:build bench

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/testkit"
	"github.com/rapporthq/rapport/internal/web"
)

// TestBenchReports measures the summary and the PDF of a closed round of
// 50 raters × 40 items: in process (median time, bytes allocated per PDF)
// and on the real server binary (20 concurrent downloads, peak RSS).
func TestBenchReports(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()
	cfg := testkit.ConfigIn(t, dataDir)
	st := testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	round := testkit.OpenLoadRounds(t, st, db, 50)
	email, err := ClosedRound(ctx, st, db, round.IDs[0], round.Items)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("\nReports: a closed round of 50 raters (1 manager, 20 peers, 20 direct reports, 9 others) and self, 40 items, %s, %d CPUs\n\n",
		runtime.Version(), runtime.NumCPU())

	// In process: the web handler, as the server runs it.
	srv, err := web.New(cfg, st, testkit.Keys(t), testkit.Logger())
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	token := apiToken(t, func(req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}, "", email)
	get := func(path string) []byte {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %.200s", path, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	summaryPath := fmt.Sprintf("/api/v1/rounds/%d/summary", round.IDs[0])
	pdfPath := fmt.Sprintf("/api/v1/rounds/%d/report.pdf", round.IDs[0])

	tab := &table{}
	sum := timeMedian(100, func() { get(summaryPath) })
	tab.add("summary JSON, in process: median %.2f ms: %s (goal < 5 ms)", ms(sum), verdict(sum < 5*time.Millisecond))
	pdfTime := timeMedian(30, func() { get(pdfPath) })
	pdfBytes := allocated(10, func() { get(pdfPath) })
	pdfAllocs := testing.AllocsPerRun(5, func() { get(pdfPath) })
	size := len(get(pdfPath))
	tab.add("PDF report, in process: median %.1f ms: %s (goal < 50 ms)", ms(pdfTime), verdict(pdfTime < 50*time.Millisecond))
	tab.add("PDF report, in process: %.1f MB allocated, %.0f allocations, %d kB file: %s (goal < 30 MB)",
		mb(pdfBytes), pdfAllocs, size/1024, verdict(mb(pdfBytes) < 30))

	// What a document's own copy of the three body faces costs (fpdf parses a
	// UTF-8 font into each document; see docs/benchmarks.md).
	fontTime := timeMedian(30, func() { newFontDoc() })
	fontBytes := allocated(10, func() { newFontDoc() })
	tab.add("  of which the fonts parsed per document: median %.1f ms, %.1f MB allocated", ms(fontTime), mb(fontBytes))

	// The real server: 20 concurrent downloads.
	bin, err := Binary(testkit.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	proc, err := Start(bin, dataDir, "RAPPORT_SECRET="+testkit.Secret, "RAPPORT_REMINDER_SCHEDULE=@every 1h")
	if err != nil {
		t.Fatal(err)
	}
	defer proc.Stop()
	client := Client(20)
	remoteToken := apiToken(t, func(req *http.Request) *http.Response {
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}, proc.URL, email)
	download := func(path string) (int, error) {
		req, _ := http.NewRequest("GET", proc.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+remoteToken)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		return int(n), err
	}
	serverSum := timeMedian(100, func() { download(summaryPath) })
	tab.add("summary JSON, server over loopback: median %.2f ms: %s (goal < 5 ms)", ms(serverSum), verdict(serverSum < 5*time.Millisecond))

	const concurrent, rounds = 20, 5
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
	)
	start := time.Now()
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		for c := 0; c < concurrent; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t0 := time.Now()
				_, err := download(pdfPath)
				mu.Lock()
				defer mu.Unlock()
				latencies = append(latencies, time.Since(t0))
				if err != nil {
					errs++
				}
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	slices.Sort(latencies)
	rss, err := proc.PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	tab.add("PDF report, server, %d concurrent downloads × %d: %.1f PDFs/s, p50 %.0f ms, p99 %.0f ms, %d errors",
		concurrent, rounds, float64(len(latencies))/elapsed.Seconds(), ms(latencies[len(latencies)/2]), ms(latencies[len(latencies)*99/100]), errs)
	tab.add("server peak RSS with %d concurrent PDF downloads: %.0f MiB: %s (goal < 200 MiB)", concurrent, rss, verdict(rss < 200 && errs == 0))
}

// newFontDoc starts a document with the report's fonts, as each report
// does.
func newFontDoc() {
	if pdf := report.NewFontDocument(); pdf.Err() {
		panic(pdf.Error())
	}
}

// apiToken signs the bench coach in through do and returns an API token.
func apiToken(t *testing.T, do func(*http.Request) *http.Response, base, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": testkit.CoachPassphrase})
	req, _ := http.NewRequest("POST", base+"/api/v1/tokens", bytes.NewReader(body))
	if base == "" {
		req = httptest.NewRequest("POST", "/api/v1/tokens", bytes.NewReader(body))
	}
	req.Header.Set("Content-Type", "application/json")
	resp := do(req)
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("sign in: %d %v", resp.StatusCode, err)
	}
	return out.Token
}

// timeMedian runs f n times after one warm-up run and returns the median time.
func timeMedian(n int, f func()) time.Duration {
	f()
	times := make([]time.Duration, n)
	for i := range times {
		t0 := time.Now()
		f()
		times[i] = time.Since(t0)
	}
	return median(times)
}

// allocated is the mean number of bytes f allocates per run.
func allocated(n int, f func()) uint64 {
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < n; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }
