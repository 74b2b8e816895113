package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// Bytes that are not UTF-8 (a lone continuation byte, an overlong "/", a
// cut-off emoji), as a misconfigured client or spreadsheet sends them.
const (
	invalidBytes = "\x80 \xc0\xaf \xf0\x9f\x98"
	// replaced is what encoding/json makes of them: one U+FFFD per byte.
	replaced = "\uFFFD \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD"
)

// TestTextRule checks the one rule for text across the transports: invalid
// UTF-8 posted in a page's form or a CSV is stored exactly as the same
// bytes sent as JSON (each byte replaced by U+FFFD), a NUL is refused on
// its field whichever way it comes, and the emails built from such text
// afterwards are valid UTF-8.
func TestTextRule(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	b := newBrowser(t, app)
	b.signIn()
	name := "Ana " + invalidBytes + " Lee"
	want := "Ana " + replaced + " Lee"

	storedName := func(t *testing.T, table, email string) string {
		t.Helper()
		var got string
		if err := db.Get(&got, `SELECT name FROM `+table+` WHERE email = ? ORDER BY id DESC LIMIT 1`, email); err != nil {
			t.Fatal(err)
		}
		return got
	}

	t.Run("LeaderNameFromAFormIsStoredAsFromJSON", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/leaders", token, []byte(`{"name":"`+name+`","email":"ana.json@example.com"}`))
		if resp.Status != http.StatusCreated {
			t.Fatalf("JSON: %d %s", resp.Status, resp.Body)
		}
		expectRedirect(t, b.post("/leaders", url.Values{"name": {name}, "email": {"ana.form@example.com"}}), "/leaders/")
		fromJSON, fromForm := storedName(t, "leaders", "ana.json@example.com"), storedName(t, "leaders", "ana.form@example.com")
		if fromJSON != want || fromForm != fromJSON {
			t.Errorf("stored from JSON %q, from the form %q; want both %q", fromJSON, fromForm, want)
		}
	})
	t.Run("RaterNameFromACSVIsStoredAsFromJSON", func(t *testing.T) {
		round := newLeaderAndRound(t, b, "Csv Leader")
		expectRedirect(t, b.post(round+"/raters/import", url.Values{"csv": {"Bo " + invalidBytes + ",bo.csv@example.com,peer\n"}}), round)
		apiRound := createRound(t, app, token, createLeader(t, app, token, "Json Leader"))
		resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", apiRound), token,
			[]byte(`{"name":"Bo `+invalidBytes+`","email":"bo.json@example.com","relationship":"peer"}`))
		if resp.Status != http.StatusCreated {
			t.Fatalf("JSON: %d %s", resp.Status, resp.Body)
		}
		fromJSON, fromCSV := storedName(t, "raters", "bo.json@example.com"), storedName(t, "raters", "bo.csv@example.com")
		if fromJSON != "Bo "+replaced || fromCSV != fromJSON {
			t.Errorf("stored from JSON %q, from the CSV %q; want both %q", fromJSON, fromCSV, "Bo "+replaced)
		}
	})
	t.Run("AnEmailAddressWithBytesThatAreNotTextIsRefusedEverywhere", func(t *testing.T) {
		expectError(t, app.Do("POST", "/api/v1/leaders", token, []byte(`{"name":"X","email":"x`+invalidBytes[:1]+`@example.com"}`)), 422, "email")
		p := b.post("/leaders", url.Values{"name": {"X"}, "email": {"x" + invalidBytes[:1] + "@example.com"}})
		expectStatus(t, p, 422, "is not a valid email address")
		expectInvalid(t, p, "email")
	})

	t.Run("NULIsRefusedOnItsFieldEverywhere", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM leaders`)
		expectError(t, app.Do("POST", "/api/v1/leaders", token, `{"name":"Nul\u0000Name","email":"nul.json@example.com"}`), 422, "name")
		expectError(t, app.Do("POST", "/api/v1/leaders", token, `{"name":"Nul Org","email":"nul.org@example.com","organization":"A\u0000B"}`), 422, "organization")
		p := b.post("/leaders", url.Values{"name": {"Nul\x00Name"}, "email": {"nul.form@example.com"}})
		expectStatus(t, p, 422, "without control characters")
		expectInvalid(t, p, "name")
		if after := count(t, db, `SELECT count(*) FROM leaders`); after != before {
			t.Errorf("refused leaders were stored: %d before, %d after", before, after)
		}
		round := newLeaderAndRound(t, b, "Nul Leader")
		p = b.post(round+"/raters/import", url.Values{"csv": {"Good Peer,good@example.com,peer\nNul\x00Peer,nul@example.com,peer\n"}})
		expectStatus(t, p, 422, "Nothing was imported", "Line 2:", "without control characters")
	})

	t.Run("SurveyCommentsFollowTheSameRule", func(t *testing.T) {
		lr := app.Launch(t, "Cora Leader", rapport.RaterInput{Name: "Form Peer", Email: "form.peer@example.com", Relationship: rapport.Peer},
			rapport.RaterInput{Name: "Json Peer", Email: "json.peer@example.com", Relationship: rapport.Peer})
		formTok, jsonTok := lr.Links["form.peer@example.com"], lr.Links["json.peer@example.com"]
		q := getSurvey(t, app, formTok).OpenQuestions[0].Key
		comment := "Kind " + invalidBytes + "\nand clear"
		if r := postForm(t, app, formTok, url.Values{"action": {"save"}, "comment-" + q: {comment}}); r.Status != http.StatusSeeOther {
			t.Fatalf("form: %d %s", r.Status, r.Body)
		}
		if r := app.Do("PUT", "/api/v1/survey/"+jsonTok, "", []byte(`{"comments":{"`+q+`":"Kind `+invalidBytes+`\nand clear"}}`)); r.Status != http.StatusOK {
			t.Fatalf("JSON: %d %s", r.Status, r.Body)
		}
		fromForm, fromJSON := getSurvey(t, app, formTok).Comments[q], getSurvey(t, app, jsonTok).Comments[q]
		if fromJSON != "Kind "+replaced+"\nand clear" || fromForm != fromJSON {
			t.Errorf("stored from JSON %q, from the form %q", fromJSON, fromForm)
		}
		expectError(t, app.Do("PUT", "/api/v1/survey/"+jsonTok, "", `{"comments":{"`+q+`":"a\u0000b"}}`), 422, "comments."+q)
		r := postForm(t, app, formTok, url.Values{"action": {"save"}, "comment-" + q: {"a\x00b"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "control character") {
			t.Errorf("a NUL in the survey form: %d %.300s", r.Status, r.Body)
		}
		if got := getSurvey(t, app, formTok).Comments[q]; got != fromForm {
			t.Errorf("a refused comment changed the stored one to %q", got)
		}
	})

	// Bidi controls cannot be seen, so a rater or a coach cannot remove
	// them (phones wrap pasted right-to-left text in isolates): they are
	// dropped, and the rest of the text kept, wherever they come.
	t.Run("BidiControlsAreDroppedEverywhere", func(t *testing.T) {
		lr := app.Launch(t, "Bidi Leader", rapport.RaterInput{Name: "Form Bidi", Email: "form.bidi@example.com", Relationship: rapport.Peer},
			rapport.RaterInput{Name: "Json Bidi", Email: "json.bidi@example.com", Relationship: rapport.Peer})
		formTok, jsonTok := lr.Links["form.bidi@example.com"], lr.Links["json.bidi@example.com"]
		q := getSurvey(t, app, formTok).OpenQuestions[0].Key
		const hebrew = "\u05e9\u05dc\u05d5\u05dd"
		want := "Said " + hebrew + " to all\nKind"
		if r := postForm(t, app, formTok, url.Values{"action": {"save"}, "comment-" + q: {"Said \u2067" + hebrew + "\u2069 to all\n\u202eKind"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("form: %d %.300s", r.Status, r.Body)
		}
		if r := app.Do("PUT", "/api/v1/survey/"+jsonTok, "", `{"comments":{"`+q+`":"Said \u2067`+hebrew+`\u2069 to all\n\u202eKind"}}`); r.Status != http.StatusOK {
			t.Fatalf("JSON: %d %s", r.Status, r.Body)
		}
		if fromForm, fromJSON := getSurvey(t, app, formTok).Comments[q], getSurvey(t, app, jsonTok).Comments[q]; fromForm != want || fromJSON != want {
			t.Errorf("stored from the form %q, from JSON %q; want both %q", fromForm, fromJSON, want)
		}
		round := newLeaderAndRound(t, b, "Bidi Csv Leader")
		expectRedirect(t, b.post(round+"/raters/import", url.Values{"csv": {"\u2067Dana\u2069 Levi,dana.csv@example.com,peer\n"}}), round)
		expectRedirect(t, b.post("/leaders", url.Values{"name": {"Noa \u202eLevi"}, "email": {"noa.bidi@example.com"}}), "/leaders/")
		if got := storedName(t, "raters", "dana.csv@example.com"); got != "Dana Levi" {
			t.Errorf("rater from the CSV stored as %q", got)
		}
		if got := storedName(t, "leaders", "noa.bidi@example.com"); got != "Noa Levi" {
			t.Errorf("leader from the form stored as %q", got)
		}
	})

	t.Run("EmailsBuiltFromSuchTextAreValidUTF8", func(t *testing.T) {
		ms := testkit.NewMailServer(t)
		app.RunMailer(t, ms)
		p := b.post("/leaders", url.Values{"name": {"Mia " + invalidBytes}, "email": {"mia@example.com"}})
		expectRedirect(t, p, "/leaders/")
		p = b.post("/rounds", roundForm(strings.TrimPrefix(p.Location, "/leaders/"), map[string]string{"title": "Round " + invalidBytes}))
		expectRedirect(t, p, "/rounds/")
		round := p.Location
		expectRedirect(t, b.post(round+"/raters", url.Values{"name": {"Pat " + invalidBytes}, "email": {"pat@example.com"}, "relationship": {"peer"}}), round)
		expectRedirect(t, b.post(round+"/launch", nil), round)
		for _, addr := range []string{"pat@example.com", "mia@example.com"} {
			e := ms.WaitFor(t, addr, 1)[0]
			if !utf8.Valid(e.Raw) || !utf8.ValidString(e.Subject) || !utf8.ValidString(e.To.Name) || !utf8.ValidString(e.Text) || !utf8.ValidString(e.HTML) {
				t.Errorf("the email to %s is not valid UTF-8: subject %q, to %q, text %q", addr, e.Subject, e.To.Name, e.Text)
			}
			if !strings.Contains(e.Text, "Mia "+replaced) {
				t.Errorf("the email to %s does not name the leader as stored: %q", addr, e.Text)
			}
		}
	})
}
