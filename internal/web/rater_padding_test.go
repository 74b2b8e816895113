package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// fullWidth writes ASCII letters and digits in their full-width forms
// ("ｃｏａｃｈ１"), which Unicode NFKC folds back to ASCII.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r <= '~' && r != '@' && r != '.' {
			return r - '!' + '\uff01'
		}
		return r
	}, s)
}

// softHyphen and zeroWidth put an invisible character in the middle of s.
func softHyphen(s string) string { return s[:2] + "\u00ad" + s[2:] }
func zeroWidth(s string) string  { return s[:1] + "\u200b" + s[1:] }

// extraCoach creates a coach account with the given address.
func extraCoach(t *testing.T, app *testkit.App, email string) rapport.Coach {
	t.Helper()
	hash, err := auth.HashPassword("a long test passphrase")
	if err != nil {
		t.Fatal(err)
	}
	c, err := app.Store.CreateCoach(context.Background(), email, "Extra Coach", hash)
	if err != nil {
		t.Fatal(err)
	}
	return *c
}

// TestRaterPadding checks that a coach cannot pad a group with themself:
// no rater may have a coach account's address (any coach's), nor the
// leader's outside self, however the address is written (case, NFKC,
// +tag, IDNA, invisible characters, Gmail's dots), through every way of adding raters; nothing is stored when
// refused, and a launch checks again.
func TestRaterPadding(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	coach, token := app.SignIn(t)
	other, _ := testkit.Coach(t, app.Store)
	idnaCoach := extraCoach(t, app, "ida@exämple.com")
	extraCoach(t, app, "GMCoach@gmail.com")
	leaderID := createLeader(t, app, token, "Lena Leader") // lena.leader@example.com
	roundID := createRound(t, app, token, leaderID)
	path := fmt.Sprintf("/api/v1/rounds/%d/raters", roundID)
	local, domain, _ := strings.Cut(coach.Email, "@")

	refused := []struct{ name, email, rel, says string }{
		{"TheCoachsOwnAddress", coach.Email, "peer", "coach account"},
		{"TheCoachsAddressInCapitals", strings.ToUpper(coach.Email), "peer", "coach account"},
		{"TheCoachsAddressWithATag", local + "+2@" + domain, "peer", "coach account"},
		{"TheCoachsAddressInFullWidth", fullWidth(local) + "@" + domain, "direct_report", "coach account"},
		{"AnotherCoachsAddress", other.Email, "other", "coach account"},
		{"TheCoachsDomainWithASoftHyphen", local + "@" + softHyphen(domain), "peer", "not a valid email address"},
		{"TheCoachsDomainWithAZeroWidthSpace", local + "@" + zeroWidth(domain), "peer", "not a valid email address"},
		{"TheCoachsLocalPartWithAZeroWidthSpace", zeroWidth(local) + "@" + domain, "peer", "not a valid email address"},
		{"TheCoachsDomainAsAnIPLiteral", local + "@[127.0.0.1]", "peer", "not a valid email address"},
		{"TheCoachsDomainWithAnIdeographicFullStop", local + "@" + strings.ReplaceAll(domain, ".", "\u3002"), "peer", "coach account"},
		{"IDNACoachsDomainInPunycode", idnaCoach.Email[:strings.IndexByte(idnaCoach.Email, '@')] + "@xn--exmple-cua.com", "peer", "coach account"},
		{"GmailCoachWithDots", "g.m.coach@googlemail.com", "peer", "coach account"},
		{"TheLeadersAddressAsPeer", "lena.leader@example.com", "peer", "the leader's own address"},
		{"TheLeadersAddressWithATagAsManager", "Lena.Leader+boss@example.com", "superior", "the leader's own address"},
	}
	for _, tc := range refused {
		t.Run("API/Refuses"+tc.name, func(t *testing.T) {
			resp := app.Do("POST", path, token, map[string]string{"name": "Fake Rater", "email": tc.email, "relationship": tc.rel})
			expectError(t, resp, 422, "email")
			if !strings.Contains(string(resp.Body), tc.says) {
				t.Errorf("the refusal does not say why (%q): %s", tc.says, resp.Body)
			}
		})
	}
	if n := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ?`, roundID); n != 1 {
		t.Errorf("%d raters stored, want only the leader as self", n)
	}
	t.Run("API/AcceptsARealPeer", func(t *testing.T) {
		if r := app.Do("POST", path, token, map[string]string{"name": "Rea Peer", "email": "rea@example.com", "relationship": "peer"}); r.Status != 201 {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	})
	t.Run("API/RefusesARaterAgainUnderATag", func(t *testing.T) {
		expectError(t, app.Do("POST", path, token, map[string]string{"name": "Rea Twice", "email": "REA+two@example.com", "relationship": "other"}), 409, "email")
	})

	t.Run("LaunchChecksAgain", func(t *testing.T) {
		// A rater accepted while their address was nobody's; then a coach
		// account takes it (written differently) before the launch.
		if r := app.Do("POST", path, token, map[string]string{"name": "Cody Later", "email": "cody@example.com", "relationship": "peer"}); r.Status != 201 {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
		hash, err := auth.HashPassword("a long test passphrase")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.Store.CreateCoach(context.Background(), "Cody+coach@Example.com", "Cody Coach", hash); err != nil {
			t.Fatal(err)
		}
		resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", roundID), token, nil)
		expectError(t, resp, 422, "")
		if !strings.Contains(string(resp.Body), "Cody Later (cody@example.com)") {
			t.Errorf("the refusal does not name the rater: %s", resp.Body)
		}
		if n := count(t, db, `SELECT count(*) FROM rounds WHERE id = ? AND status = 'draft'`, roundID); n != 1 {
			t.Error("the round was launched")
		}
		if n := count(t, db, `SELECT count(*) FROM outbox WHERE round_id = ?`, roundID); n != 0 {
			t.Errorf("%d emails queued by a refused launch", n)
		}
		id := count(t, db, `SELECT id FROM raters WHERE email = 'cody@example.com'`)
		if r := app.Do("DELETE", fmt.Sprintf("%s/%d", path, id), token, nil); r.Status != 204 {
			t.Fatalf("remove: %d %s", r.Status, r.Body)
		}
		if r := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", roundID), token, nil); r.Status != 200 {
			t.Fatalf("launch without the rater: %d %s", r.Status, r.Body)
		}
	})

	b := newBrowser(t, app)
	pageCoach := b.signIn()
	round := newLeaderAndRound(t, b, "Paula Leader") // paula.leader@example.com
	pageRoundID := strings.TrimPrefix(round, "/rounds/")
	pLocal, pDomain, _ := strings.Cut(pageCoach.Email, "@")
	t.Run("Page/RefusesTheCoachsAddressOnTheEmailField", func(t *testing.T) {
		p := b.post(round+"/raters", url.Values{"name": {"Fake Peer"}, "email": {pLocal + "+peer@" + pDomain}, "relationship": {"peer"}})
		expectStatus(t, p, 422, "is the address of a coach account on this service", `value="Fake Peer"`)
		expectInvalid(t, p, "email")
	})
	t.Run("Page/RefusesTheLeadersAddressOnTheEmailField", func(t *testing.T) {
		p := b.post(round+"/raters", url.Values{"name": {"Paula Again"}, "email": {"PAULA.LEADER@example.com"}, "relationship": {"direct_report"}})
		expectStatus(t, p, 422, "is the leader&#39;s own address")
		expectInvalid(t, p, "email")
	})
	t.Run("Page/ImportRefusesTheLinesThatPad", func(t *testing.T) {
		csv := "name,email,relationship\nReal Peer,real.peer@example.com,peer\nFake Peer," + strings.ToUpper(pLocal) + "+1@" + pDomain +
			",peer\nOther Fake," + other.Email + ",other\nPaula,paula.leader+x@example.com,peer\n"
		p := b.post(round+"/raters/import", url.Values{"csv": {csv}})
		expectStatus(t, p, 422, "Nothing was imported", "Line 3:", "Line 4:", "coach account", "Line 5:", "the leader&#39;s own address")
		if strings.Contains(p.Body, "Line 2:") {
			t.Error("the good line was reported as bad")
		}
	})
	if n := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ?`, pageRoundID); n != 1 {
		t.Errorf("%d raters stored by refused forms, want only the leader as self", n)
	}
}

// TestOneAccountAndOneLeaderPerMailbox checks that leaders (per coach) and
// coach accounts are unique by the same comparison as rater addresses.
func TestOneAccountAndOneLeaderPerMailbox(t *testing.T) {
	app := testkit.NewApp(t)
	coach, token := app.SignIn(t)
	createLeader(t, app, token, "Mona Leader") // mona.leader@example.com
	t.Run("RefusesALeaderAgainUnderATag", func(t *testing.T) {
		expectError(t, app.Do("POST", "/api/v1/leaders", token, map[string]string{"name": "Mona Twice", "email": "Mona.Leader+2@example.com"}), 409, "email")
	})
	t.Run("RefusesACoachAccountAgainUnderATag", func(t *testing.T) {
		local, domain, _ := strings.Cut(coach.Email, "@")
		_, err := app.Store.CreateCoach(context.Background(), fullWidth(local)+"+second@"+domain, "Second Account", "x")
		if err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Fatalf("a second account for one mailbox: err %v", err)
		}
	})
}
