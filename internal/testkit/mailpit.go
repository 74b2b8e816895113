package testkit

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	To      []struct{ Address string }
}

// SentTo tells whether addr is among the message's recipients.
func (m MailpitMessage) SentTo(addr string) bool {
	for _, to := range m.To {
		if strings.EqualFold(to.Address, addr) {
			return true
		}
	}
	return false
}

// Text is the plain-text part of message id.
func (mp *Mailpit) Text(t testing.TB, id string) string {
	t.Helper()
	var m struct{ Text string }
	mp.Get(t, "/message/"+id, &m)
	return m.Text
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

// degradesGracefully lists the features mailpit's HTML check may find
// unsupported in many clients because the email reads the same without
// them: each with the reason.
var degradesGracefully = map[string]string{
	"css-border-radius":   "rounded corners on the card and the button; square ones read the same",
	"css-text-decoration": "only removes the underline of the button's link; an underlined button reads the same",
	"css-max-width": "keeps the card narrow on wide screens; Outlook for Windows, which ignores it, gets a " +
		"560-pixel table from a conditional comment, and the other clients missing it are phones, already narrow",
	"html-body": "the <body> carries no style (the wrapper table does), so a client that drops it loses nothing",
}

// mostClientsMiss is the share of the clients mailpit tests (caniemail's
// data) above which an email may not use a feature.
const mostClientsMiss = 5.0

// HTMLFaults runs mailpit's HTML compatibility check on message id and
// returns each feature it uses that more than 5% of mail clients do not
// support, decoration that degrades gracefully aside.
func (mp *Mailpit) HTMLFaults(t testing.TB, id string) []string {
	t.Helper()
	var check struct {
		Warnings []struct {
			Slug, Title string
			Score       struct {
				Found       int
				Unsupported float64
			}
		}
	}
	mp.Get(t, "/message/"+id+"/html-check", &check)
	var faults []string
	for _, w := range check.Warnings {
		if _, ok := degradesGracefully[w.Slug]; ok || w.Score.Unsupported <= mostClientsMiss {
			continue
		}
		faults = append(faults, fmt.Sprintf("%s (%s, %d uses) is unsupported in %.0f%% of clients", w.Title, w.Slug, w.Score.Found, w.Score.Unsupported))
	}
	return faults
}

// LinkFaults runs mailpit's link check (HEAD requests, as mail scanners
// make them, following redirects) on message id and returns each link
// that did not answer 2xx.
func (mp *Mailpit) LinkFaults(t testing.TB, id string) []string {
	t.Helper()
	var check struct {
		Errors int
		Links  []struct {
			URL        string
			StatusCode int
			Status     string
		}
	}
	mp.Get(t, "/message/"+id+"/link-check?follow=true", &check)
	var faults []string
	for _, l := range check.Links {
		if l.StatusCode < 200 || l.StatusCode > 299 {
			faults = append(faults, fmt.Sprintf("%s: %d %s", l.URL, l.StatusCode, l.Status))
		}
	}
	if check.Errors > 0 && len(faults) == 0 {
		faults = append(faults, fmt.Sprintf("%d link errors", check.Errors))
	}
	return faults
}
