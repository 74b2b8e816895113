package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestLeaderPronoun(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)

	t.Run("APIRoundTrip", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/leaders", token, map[string]string{"name": "Zoë Martínez-Ölander", "email": "zoe@example.com", "pronoun": "she"})
		if resp.Status != http.StatusCreated || resp.Map(t)["pronoun"] != "she" {
			t.Fatalf("create: %d %s", resp.Status, resp.Body)
		}
		path := fmt.Sprintf("/api/v1/leaders/%d", int64(resp.Map(t)["id"].(float64)))
		if got := app.Do("GET", path, token, nil).Map(t)["pronoun"]; got != "she" {
			t.Errorf("GET says pronoun %v, want she", got)
		}
		if got := app.Do("PATCH", path, token, map[string]string{"pronoun": "they"}); got.Status != 200 || got.Map(t)["pronoun"] != "they" {
			t.Fatalf("patch: %d %s", got.Status, got.Body)
		}
		if got := app.Do("PATCH", path, token, map[string]string{"title": "CFO"}).Map(t)["pronoun"]; got != "they" {
			t.Errorf("a patch without pronoun changed it to %v", got)
		}
		if got := app.Do("GET", path, token, nil).Map(t)["pronoun"]; got != "they" {
			t.Errorf("GET after the patch says pronoun %v, want they", got)
		}
	})
	t.Run("DefaultsToTheName", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/leaders", token, map[string]string{"name": "Ólafur Þórsson", "email": "olafur@example.com"})
		if resp.Status != http.StatusCreated || resp.Map(t)["pronoun"] != "name" {
			t.Fatalf("create: %d %s", resp.Status, resp.Body)
		}
	})
	t.Run("RejectsAnUnknownPronoun", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM leaders`)
		resp := app.Do("POST", "/api/v1/leaders", token, map[string]string{"name": "Ana Lima", "email": "ana@example.com", "pronoun": "xe"})
		expectError(t, resp, 422, "pronoun")
		if msg := resp.Map(t)["error"].(string); !strings.Contains(msg, "she, he, they or name") {
			t.Errorf("the message does not say what to send: %q", msg)
		}
		if after := count(t, db, `SELECT count(*) FROM leaders`); after != before {
			t.Errorf("a refused leader was stored: %d before, %d after", before, after)
		}
		var id int64
		if err := db.Get(&id, `SELECT id FROM leaders WHERE email = 'zoe@example.com'`); err != nil {
			t.Fatal(err)
		}
		expectError(t, app.Do("PATCH", fmt.Sprintf("/api/v1/leaders/%d", id), token, map[string]string{"pronoun": "It"}), 422, "pronoun")
		var pronoun string
		if err := db.Get(&pronoun, `SELECT pronoun FROM leaders WHERE id = ?`, id); err != nil || pronoun != "they" {
			t.Errorf("a refused patch left pronoun %q (%v), want they", pronoun, err)
		}
	})
}

func TestLeaderPronounForms(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()

	t.Run("NewLeaderFormOffersThePronoun", func(t *testing.T) {
		expectStatus(t, b.get("/leaders"), 200, "How should the report refer to them?", `<option value="she">she / her</option>`)
	})
	t.Run("RejectsAnUnknownPronounWithTheFormKept", func(t *testing.T) {
		p := b.post("/leaders", url.Values{"name": {"Zoë Martínez"}, "email": {"zoe@example.com"}, "pronoun": {"xe"}})
		expectStatus(t, p, http.StatusUnprocessableEntity, "Zoë Martínez", "is not a pronoun we know")
		expectInvalid(t, p, "pronoun")
	})
	var id string
	t.Run("StoresTheChosenPronoun", func(t *testing.T) {
		p := b.post("/leaders", url.Values{"name": {"Zoë Martínez"}, "email": {"zoe@example.com"}, "pronoun": {"she"}})
		expectRedirect(t, p, "/leaders/")
		id = strings.TrimPrefix(p.Location, "/leaders/")
		expectStatus(t, b.get(p.Location), 200, "and the people around her the same questions")
		expectStatus(t, b.get(p.Location+"/edit"), 200, `<option value="she" selected>`)
	})
	t.Run("EditChangesThePronoun", func(t *testing.T) {
		p := b.post("/leaders/"+id+"/edit", url.Values{"name": {"Zoë Martínez"}, "email": {"zoe@example.com"}, "pronoun": {"he"}})
		expectRedirect(t, p, "/leaders/"+id)
		expectStatus(t, b.get("/leaders/"+id+"/edit"), 200, `<option value="he" selected>`)
		p = b.post("/leaders/"+id+"/edit", url.Values{"name": {"Zoë Martínez"}, "email": {"zoe@example.com"}, "pronoun": {"ze"}})
		expectStatus(t, p, http.StatusUnprocessableEntity, "is not a pronoun we know")
		expectInvalid(t, p, "pronoun")
		expectStatus(t, b.get("/leaders/"+id+"/edit"), 200, `<option value="he" selected>`)
	})
}

// TestSurveyAndEmailsFollowThePronoun reads what a peer and the manager of
// a leader who chose "she" are sent and shown, and the same for "name".
func TestSurveyAndEmailsFollowThePronoun(t *testing.T) {
	for _, c := range []struct {
		pronoun                           rapport.Pronoun
		invitation, manager, item, survey string
	}{
		{rapport.PronounShe, "would value your feedback as one of her peers", "would value your feedback as her manager",
			"Zoë keeps her promises to people.", "Think about what you have seen her do"},
		{rapport.PronounName, "would value your feedback as one of Zoë's peers", "would value your feedback as Zoë's manager",
			"Zoë keeps Zoë's promises to people.", "Think about what you have seen Zoë do"},
	} {
		t.Run(string(c.pronoun), func(t *testing.T) {
			app := testkit.NewApp(t)
			smtp := testkit.NewMailServer(t)
			lr := app.Launch(t, "Zoë Martínez-Ölander", rapport.RaterInput{Name: "Pia Peer", Email: "pia@example.com", Relationship: rapport.Peer},
				rapport.RaterInput{Name: "Max Boss", Email: "max@example.com", Relationship: rapport.Superior})
			patch := app.Do("PATCH", fmt.Sprintf("/api/v1/leaders/%d", lr.Round.LeaderID), lr.CoachToken, map[string]string{"pronoun": string(c.pronoun)})
			if patch.Status != 200 {
				t.Fatalf("patch: %d %s", patch.Status, patch.Body)
			}
			app.RunMailer(t, smtp) // bodies are rendered at delivery, after the patch
			for addr, want := range map[string]string{"pia@example.com": c.invitation, "max@example.com": c.manager} {
				e := smtp.WaitFor(t, addr, 1)[0]
				for _, part := range []string{e.Text, html.UnescapeString(e.HTML)} {
					if !strings.Contains(strings.Join(strings.Fields(part), " "), want) {
						t.Errorf("the invitation to %s lacks %q:\n%s", addr, want, part)
					}
				}
			}
			shown := html.UnescapeString(text(&page{Body: string(app.Do("GET", "/s/"+lr.Links["pia@example.com"], "", nil).Body)}))
			for _, want := range []string{c.item, c.survey} {
				if !strings.Contains(shown, want) {
					t.Errorf("the survey page lacks %q", want)
				}
			}
			if strings.Contains(shown, "{their}") || strings.Contains(shown, "{them}") {
				t.Error("the survey page shows a placeholder")
			}
		})
	}
}
