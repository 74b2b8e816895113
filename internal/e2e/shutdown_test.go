package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rapporthq/rapport/internal/bench"
	"github.com/rapporthq/rapport/internal/testkit"
)

// TestSIGTERMDrainsRequestsInFlight sends SIGTERM to the real server as
// soon as 20 PDF downloads have been sent on open connections, and checks
// every one is answered in full with 200, that the server exits cleanly and
// that its log ends with "stopped".
func TestSIGTERMDrainsRequestsInFlight(t *testing.T) {
	ctx := context.Background()
	bin, err := bench.Binary(testkit.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	cfg := testkit.ConfigIn(t, dataDir)
	st := testkit.Store(t, cfg)
	db := testkit.RawDB(t, cfg)
	round := testkit.OpenLoadRounds(t, st, db, 50)
	email, err := bench.ClosedRound(ctx, st, db, round.IDs[0], round.Items)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	proc, err := bench.Start(bin, dataDir, "RAPPORT_SECRET="+testkit.Secret, "RAPPORT_REMINDER_SCHEDULE=@every 1h")
	if err != nil {
		t.Fatal(err)
	}
	defer proc.Kill()

	const downloads = 20
	client := bench.Client(downloads)
	var tok struct{ Token string }
	if err := postJSON(client, proc.URL+"/api/v1/tokens", "", map[string]string{"email": email, "password": testkit.CoachPassphrase}, &tok); err != nil {
		t.Fatal(err)
	}
	pdf := fmt.Sprintf("%s/api/v1/rounds/%d/report.pdf", proc.URL, round.IDs[0])
	get := func(trace *httptrace.ClientTrace) (int, []byte, error) {
		req, _ := http.NewRequest("GET", pdf, nil)
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		if trace != nil {
			req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp.StatusCode, body, err
	}
	// Open the connections first, as a browser or a proxy holds them.
	var warm sync.WaitGroup
	for range downloads {
		warm.Add(1)
		go func() { defer warm.Done(); get(nil) }()
	}
	warm.Wait()

	type result struct {
		status int
		size   int
		err    error
	}
	results := make(chan result, downloads)
	var written sync.WaitGroup
	for range downloads {
		written.Add(1)
		var once sync.Once
		go func() {
			status, body, err := get(&httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { once.Do(written.Done) }})
			once.Do(written.Done) // a failure before writing must not hang the test
			results <- result{status, len(body), err}
		}()
	}
	written.Wait()
	if err := proc.Stop(); err != nil {
		t.Errorf("the server did not exit cleanly: %v", err)
	}
	for range downloads {
		r := <-results
		if r.err != nil || r.status != http.StatusOK || r.size < 1000 {
			t.Errorf("a download in flight at SIGTERM: status %d, %d bytes, err %v", r.status, r.size, r.err)
		}
	}

	log, err := os.ReadFile(filepath.Join(dataDir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	var last struct{ Msg string }
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Msg != "stopped" {
		t.Errorf("the log does not end with \"stopped\": %q (%v)", lines[len(lines)-1], err)
	}
}
