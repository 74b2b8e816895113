package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The nomination page's form replaces the leader's whole list, so a form
// that cannot be read, or says neither save nor submit, must change nothing.
func TestNominationPage(t *testing.T) {
	n := newNomination(t)
	app := n.app
	if resp := app.Do("PUT", n.path, "", nominees([3]string{"Mia Manager", "mia@example.com", "superior"})); resp.Status != 200 {
		t.Fatalf("save list: %d %s", resp.Status, resp.Body)
	}
	b := newBrowser(t, app)
	listKept := func(t *testing.T) {
		t.Helper()
		var got struct{ Nominees []struct{ Email string } }
		app.Do("GET", n.path, "", nil).JSON(t, &got)
		if len(got.Nominees) != 1 || got.Nominees[0].Email != "mia@example.com" {
			t.Fatalf("the saved list changed: %+v", got.Nominees)
		}
	}

	t.Run("GroupsRelationshipsByHowTheyAreReported", func(t *testing.T) {
		// A manager is named as a group of their own; the others are anonymous.
		p := b.get(n.page)
		want := `<optgroup label="Named in the report as a group of their own"><option value="superior" selected>Manager</option></optgroup>` +
			`<optgroup label="Anonymous: reported only as a group"><option value="peer">Peer</option>`
		expectStatus(t, p, 200, want)
	})
	t.Run("RefusesAFormOverTheLimit", func(t *testing.T) {
		big := url.Values{"action": {"save"}, "name": {strings.Repeat("x", 300<<10)}}
		expectStatus(t, b.post(n.page, big), http.StatusRequestEntityTooLarge)
		listKept(t)
	})
	t.Run("RefusesAFormThatCannotBeRead", func(t *testing.T) {
		req, _ := http.NewRequest("POST", app.URL+n.page, strings.NewReader("action=save&name=%zz"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		expectStatus(t, b.do(req), http.StatusBadRequest)
		listKept(t)
	})
	t.Run("RefusesAFormWithoutAnAction", func(t *testing.T) {
		for _, action := range []string{"", "publish"} {
			v := url.Values{"name": {""}, "email": {""}, "relationship": {"peer"}}
			if action != "" {
				v.Set("action", action)
			}
			expectStatus(t, b.post(n.page, v), http.StatusBadRequest)
		}
		listKept(t)
	})
	t.Run("SavesWithSave", func(t *testing.T) {
		v := url.Values{"action": {"save"}, "name": {"Mia Manager", "Pia Peer"},
			"email": {"mia@example.com", "pia@example.com"}, "relationship": {"superior", "peer"}}
		expectRedirect(t, b.post(n.page, v), n.page+"?saved=1")
	})
}
