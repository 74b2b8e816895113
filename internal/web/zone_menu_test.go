package web_test

import (
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// zoneOptions reads the zone menu of a round form.
func zoneOptions(t *testing.T, body string) []menuOption {
	t.Helper()
	return menuByID(t, body, "f-timezone").options
}

// TestZoneMenu: the coach picks a round's zone from the canonical zones,
// grouped by region and named with their country, the round's and the
// coach's recent zones first; retired spellings are not offered.
func TestZoneMenu(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	p := b.post("/leaders", map[string][]string{"name": {"Marta Kowalska"}, "email": {"marta@example.com"}})
	expectRedirect(t, p, "/leaders/")
	leaderID := strings.TrimPrefix(p.Location, "/leaders/")
	for _, zone := range []string{"America/New_York", "Europe/Athens"} {
		expectRedirect(t, b.post("/rounds", roundForm(leaderID, map[string]string{"timezone": zone})), "/rounds/")
	}

	t.Run("NewRoundOffersRecentZonesFirst", func(t *testing.T) {
		opts := zoneOptions(t, b.get("/rounds/new").Body)
		if len(opts) < 3 || opts[0].group != "Recent" || opts[0].value != "Europe/Athens" || !opts[0].selected ||
			opts[1].value != "America/New_York" {
			t.Fatalf("first options %+v; want Recent: Europe/Athens (selected), America/New_York", opts[:min(3, len(opts))])
		}
		if opts[0].label != "Athens (Greece) · Europe" {
			t.Errorf("label %q", opts[0].label)
		}
		selected, values := 0, map[string]menuOption{}
		for _, o := range opts {
			if o.selected {
				selected++
			}
			if o.group != "Recent" {
				values[o.value] = o
			}
		}
		if selected != 1 {
			t.Errorf("%d options selected, want 1", selected)
		}
		if len(values) > 430 {
			t.Errorf("%d zones in the menu; want the canonical ones only (about 420)", len(values))
		}
		for _, alias := range []string{"Africa/Asmera", "Asia/Calcutta", "Europe/Kiev", "America/Buenos_Aires"} {
			if _, ok := values[alias]; ok {
				t.Errorf("the menu offers the retired %s", alias)
			}
		}
		if o := values["Africa/Asmara"]; o.group != "Africa" || o.label != "Asmara (Eritrea)" {
			t.Errorf("Africa/Asmara is %+v; want it in Africa as Asmara (Eritrea)", o)
		}
	})

	t.Run("EditKeepsAnAliasSetThroughTheAPI", func(t *testing.T) {
		var id int64
		if err := rawDB(t, app).Get(&id, `SELECT max(id) FROM rounds`); err != nil {
			t.Fatal(err)
		}
		if _, err := rawDB(t, app).Exec(`UPDATE rounds SET time_zone = 'US/Eastern' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		opts := zoneOptions(t, b.get("/rounds/"+itoa(id)+"/edit").Body)
		if opts[0].value != "US/Eastern" || !opts[0].selected || opts[0].label != "US/Eastern" {
			t.Errorf("first option %+v; want the round's US/Eastern, selected", opts[0])
		}
	})
}
