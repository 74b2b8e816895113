// Package e2e drives the real rapport binary: it builds it, starts it on a
// temp data dir, and checks what survives a crash.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/bench"
	"github.com/rapporthq/rapport/internal/testkit"
)

// post sends body as JSON and returns the status; out, if set, receives the
// JSON answer of a success.
func post(client *http.Client, url, token string, body, out any) (int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || out == nil || resp.StatusCode >= 300 {
		return resp.StatusCode, err
	}
	return resp.StatusCode, json.Unmarshal(raw, out)
}

// postJSON is post for setup steps that must succeed.
func postJSON(client *http.Client, url, token string, body, out any) error {
	code, err := post(client, url, token, body, out)
	if err == nil && code >= 300 {
		err = fmt.Errorf("%s: status %d", url, code)
	}
	return err
}

// TestCrashDuringSubmissions kills the server with SIGKILL while 1,000
// raters submit and coaches add raters, restarts it, and checks that every
// acknowledged submission is there in full, none is there in part, and every
// invitation whose rater was acknowledged is delivered.
func TestCrashDuringSubmissions(t *testing.T) {
	ctx := context.Background()
	bin, err := bench.Binary(testkit.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	cfg := testkit.ConfigIn(t, dataDir)
	st := testkit.Store(t, cfg)
	const submitters = 1000
	// Over rounds of at most 500 raters (the leader included), the most a round holds.
	round := testkit.OpenLoadRounds(t, st, testkit.RawDB(t, cfg), submitters)
	coach, password := testkit.Coach(t, st)
	leader, err := st.CreateLeader(ctx, coach.ID, storeLeader())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// A short lease: an invitation claimed when the process is killed is
	// sent again once it runs out, well within the wait below.
	env := []string{"RAPPORT_SECRET=" + testkit.Secret, "RAPPORT_REMINDER_SCHEDULE=@every 1h", "RAPPORT_MAIL_LEASE=5s"}
	proc, err := bench.Start(bin, dataDir, env...)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { proc.Kill() }()
	client := bench.Client(submitters)

	// The coach's own open round, to which raters are added during the crash.
	var tok struct{ Token string }
	if err := postJSON(client, proc.URL+"/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": password}, &tok); err != nil {
		t.Fatal(err)
	}
	var r struct{ ID int64 }
	if err := postJSON(client, proc.URL+"/api/v1/rounds", tok.Token, map[string]any{"leader_id": leader.ID, "framework_key": "leadership",
		"title": "Crash", "closes_at": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}, &r); err != nil {
		t.Fatal(err)
	}
	if code, err := post(client, fmt.Sprintf("%s/api/v1/rounds/%d/raters", proc.URL, r.ID), tok.Token,
		map[string]string{"name": "First", "email": "first@example.com", "relationship": "peer"}, nil); err != nil || code != 201 {
		t.Fatalf("add rater: %d %v", code, err)
	}
	if code, err := post(client, fmt.Sprintf("%s/api/v1/rounds/%d/launch", proc.URL, r.ID), tok.Token, nil, nil); err != nil || code != 200 {
		t.Fatalf("launch: %d %v", code, err)
	}

	var acked atomic.Int64
	ackedSubmit := make([]bool, submitters)
	var ackedRaters sync.Map // email -> true
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < submitters; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			answers := map[string]any{}
			for _, id := range round.Items {
				answers[fmt.Sprint(id)] = 1 + rng.IntN(5)
			}
			code, err := post(client, proc.URL+"/api/v1/survey/"+round.Tokens[i]+"/submit", "",
				map[string]any{"answers": answers, "comments": map[string]string{"keep": fmt.Sprintf("comment %d", i)}}, nil)
			if err == nil && code == http.StatusOK {
				ackedSubmit[i] = true
				acked.Add(1)
			}
		}(i)
	}
	for i := 0; i < 60; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			email := fmt.Sprintf("added%d@example.com", i)
			code, err := post(client, fmt.Sprintf("%s/api/v1/rounds/%d/raters", proc.URL, r.ID), tok.Token,
				map[string]string{"name": fmt.Sprintf("Added %d", i), "email": email, "relationship": "other"}, nil)
			if err == nil && code == http.StatusCreated {
				ackedRaters.Store(email, true)
			}
		}(i)
	}
	close(start)
	// Kill once a third are acknowledged: well inside the run, whatever the
	// machine's load.
	waitUntil := time.Now().Add(2 * time.Minute)
	for acked.Load() < submitters/3 {
		if time.Now().After(waitUntil) {
			proc.Kill()
			t.Fatalf("only %d submissions acknowledged in 2 minutes", acked.Load())
		}
		time.Sleep(time.Millisecond)
	}
	proc.Kill()
	wg.Wait()
	nAcked := acked.Load()
	t.Logf("killed after %d of %d submissions were acknowledged", nAcked, submitters)
	if nAcked >= submitters {
		t.Fatal("every submission finished before the kill: the test proved nothing")
	}

	proc, err = bench.Start(bin, dataDir, env...)
	if err != nil {
		t.Fatal(err)
	}
	db := testkit.RawDB(t, cfg)
	type row struct {
		ID       int64  `db:"id"`
		Status   string `db:"status"`
		Answers  int    `db:"answers"`
		Comments int    `db:"comments"`
	}
	var rows []row
	query, args, err := sqlx.In(`SELECT r.id, r.status,
		(SELECT count(*) FROM answers a WHERE a.response_id = r.response_id) AS answers,
		(SELECT count(*) FROM comments c WHERE c.response_id = r.response_id) AS comments
		FROM raters r WHERE r.round_id IN (?) AND r.relationship = 'peer' ORDER BY r.id`, round.IDs)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Select(&rows, query, args...); err != nil {
		t.Fatal(err)
	}
	if len(rows) != submitters {
		t.Fatalf("%d raters after restart, want %d", len(rows), submitters)
	}
	stored := 0
	for i, rw := range rows {
		full := rw.Status == "submitted" && rw.Answers == len(round.Items) && rw.Comments == 1
		none := rw.Status != "submitted" && rw.Answers == 0 && rw.Comments == 0
		switch {
		case ackedSubmit[i] && !full:
			t.Errorf("rater %d got 200 but after restart has status %s, %d answers, %d comments", i, rw.Status, rw.Answers, rw.Comments)
		case !full && !none:
			t.Errorf("rater %d is stored in part: status %s, %d answers, %d comments", i, rw.Status, rw.Answers, rw.Comments)
		}
		if full {
			stored++
		}
	}
	t.Logf("%d submissions stored (%d acknowledged before the kill)", stored, nAcked)

	// Every rater whose addition was acknowledged gets their invitation.
	var want []string
	ackedRaters.Range(func(k, _ any) bool { want = append(want, k.(string)); return true })
	deadline := time.Now().Add(90 * time.Second)
	for _, email := range want {
		for {
			var sent int
			if err := db.Get(&sent, `SELECT count(*) FROM outbox WHERE to_email = ? AND kind = 'invitation' AND status = 'sent'`, email); err != nil {
				t.Fatal(err)
			}
			if sent == 1 && emlFor(t, cfg.OutboxDir(), email) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the invitation to %s (acknowledged before the crash) was not delivered: %d sent", email, sent)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Logf("%d invitations acknowledged before the kill, all delivered after restart", len(want))
}

func emlFor(t *testing.T, dir, email string) bool {
	files, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && strings.Contains(string(b), "<"+email+">") {
			return true
		}
	}
	return false
}
