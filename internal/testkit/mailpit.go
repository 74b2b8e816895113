package testkit

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Mailpit is a running mailpit (the SMTP test server mail providers'
// checks come from): its SMTP address and the base of its HTTP API.
type Mailpit struct {
	SMTPURL string // smtp://127.0.0.1:port
	API     string // http://127.0.0.1:port/api/v1
}

// StartMailpit runs mailpit, installed by `make test-deps` under
// .cache/tools, on free ports until the test ends.
func StartMailpit(t testing.TB) *Mailpit {
	t.Helper()
	bin := filepath.Join(RepoRoot(t), ".cache", "tools", "mailpit")
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("testkit: mailpit is not installed (%v); run `make test-deps`", err)
	}
	smtpAddr, httpAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(bin, "--smtp", smtpAddr, "--listen", httpAddr,
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--quiet", "--disable-version-check")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("testkit: start mailpit: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	mp := &Mailpit{SMTPURL: "smtp://" + smtpAddr, API: "http://" + httpAddr + "/api/v1"}
	// Started means its API answers; a bound on the wait, not a timing claim.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(mp.API + "/info"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return mp
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("testkit: mailpit did not start")
		}
	}
}

// Get decodes the JSON answer of a GET on the API path ("/messages").
func (mp *Mailpit) Get(t testing.TB, path string, v any) {
	t.Helper()
	resp, err := http.Get(mp.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("mailpit GET %s: %v", path, err)
	}
}

// MailpitMessage is a message as mailpit lists it.
type MailpitMessage struct {
	ID      string
	Subject string
}

// Messages lists every message mailpit holds, newest first.
func (mp *Mailpit) Messages(t testing.TB) []MailpitMessage {
	t.Helper()
	var list struct{ Messages []MailpitMessage }
	mp.Get(t, "/messages?limit=1000", &list)
	return list.Messages
}

// freeAddr is a loopback address with a port free at the time of asking.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr())
}
