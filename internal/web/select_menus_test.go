package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// TestCoachMenus: every menu of the coach's forms groups its options and
// names the one it starts on, so that screen readers announce a value and
// the groups (HTML_CodeSniffer's H91 and H85 warn otherwise), and so that
// what is sent matches what is shown.
func TestCoachMenus(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	db := rawDB(t, app)
	earlier := newLeaderAndRound(t, b, "Ines Duarte")
	leaderID := fmt.Sprint(count(t, db, `SELECT leader_id FROM rounds WHERE id = `+strings.TrimPrefix(earlier, "/rounds/")))
	p := b.post("/rounds", roundForm(leaderID, map[string]string{"title": "Autumn 360"}))
	expectRedirect(t, p, "/rounds/")
	draft := p.Location

	t.Run("EveryMenuHasGroupsAndAChosenOption", func(t *testing.T) {
		for _, path := range []string{"/leaders", "/leaders/" + leaderID + "/edit", "/rounds/new", "/rounds/new?leader=" + leaderID,
			"/rounds/new?leader=999999", draft, draft + "/edit"} {
			page := b.get(path)
			expectStatus(t, page, 200)
			menus := pageMenus(t, page.Body)
			if len(menus) == 0 {
				t.Errorf("%s: no menu", path)
			}
			for _, m := range menus {
				if len(m.groups) == 0 {
					t.Errorf("%s: menu %s has no <optgroup>", path, m.id)
				}
				if len(m.selected()) != 1 {
					t.Errorf("%s: menu %s has %d options marked selected, want 1: %v", path, m.id, len(m.selected()), m.selected())
				}
			}
		}
	})
	t.Run("NewLeaderStartsOnTheFirstName", func(t *testing.T) {
		m := menuByID(t, b.get("/leaders").Body, "f-pronoun")
		if fmt.Sprint(m.selected()) != "[name]" {
			t.Errorf("pronoun menu starts on %v, want [name] (what an empty choice means)", m.selected())
		}
	})
	t.Run("NewRoundStartsOnNoLeaderUnlessOneIsGiven", func(t *testing.T) {
		for query, want := range map[string]string{"": `[""]`, "?leader=999999": `[""]`, "?leader=" + leaderID: `["` + leaderID + `"]`} {
			m := menuByID(t, b.get("/rounds/new"+query).Body, "f-leader_id")
			if fmt.Sprintf("%q", m.selected()) != want {
				t.Errorf("/rounds/new%s: leader menu starts on %v, want %s", query, m.selected(), want)
			}
		}
	})
	t.Run("CopyMenuStartsOnTheNewestRoundAndLeavesOutThisOne", func(t *testing.T) {
		// Close the earlier round: closed rounds come first, the newest first.
		if _, err := db.Exec(`UPDATE rounds SET status = 'closed' WHERE id = ?`, strings.TrimPrefix(earlier, "/rounds/")); err != nil {
			t.Fatal(err)
		}
		m := menuByID(t, b.get(draft).Body, "f-from_round_id")
		if want := "[" + strings.TrimPrefix(earlier, "/rounds/") + "]"; fmt.Sprint(m.values()) != want || fmt.Sprint(m.selected()) != want {
			t.Errorf("copy menu offers %v, selected %v; want %s for both", m.values(), m.selected(), want)
		}
		if fmt.Sprint(m.groups) != "[Closed]" {
			t.Errorf("copy menu groups %v, want [Closed]", m.groups)
		}
	})
	t.Run("RefusedImportLeavesTheAddFormOnPeer", func(t *testing.T) {
		p := b.post(draft+"/raters/import", url.Values{"csv": {"Ana Novak,not-an-email,peer"}})
		expectStatus(t, p, 422)
		m := menuByID(t, p.Body, "f-relationship")
		if fmt.Sprint(m.selected()) != "[peer]" {
			t.Errorf("after a refused import the add form's relationship menu starts on %v, want [peer]", m.selected())
		}
	})
	t.Run("CopyingFromTheChosenRoundStillWorks", func(t *testing.T) {
		p := b.post(draft+"/raters/copy", url.Values{"from_round_id": {strings.TrimPrefix(earlier, "/rounds/")}})
		expectRedirect(t, p, draft)
	})
}
