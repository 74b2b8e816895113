package rapport

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFormatDeadline(t *testing.T) {
	at := time.Date(2026, 12, 9, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ zone, want string }{
		{"UTC", "Wednesday 9 December 2026, 15:00 UTC"},
		{"", "Wednesday 9 December 2026, 15:00 UTC"},
		{"Europe/Athens", "Wednesday 9 December 2026, 17:00 (Europe/Athens, UTC+2)"},
		{"Asia/Kolkata", "Wednesday 9 December 2026, 20:30 (Asia/Kolkata, UTC+5:30)"},
		{"America/New_York", "Wednesday 9 December 2026, 10:00 (America/New_York, UTC-5)"},
		{"Europe/London", "Wednesday 9 December 2026, 15:00 (Europe/London, UTC)"},
	} {
		if got := FormatDeadline(at, tc.zone); got != tc.want {
			t.Errorf("FormatDeadline(%q) = %q, want %q", tc.zone, got, tc.want)
		}
	}
}

func TestLoadZone(t *testing.T) {
	t.Run("RefusesUnknownZoneOnFieldTimeZone", func(t *testing.T) {
		for _, name := range []string{"", "Local", "Mars/Olympus", "../etc/passwd"} {
			_, err := LoadZone(name)
			if f := ErrorFaults(err); len(f) != 1 || f[0].Field != "time_zone" {
				t.Errorf("LoadZone(%q) = %v, want a fault on time_zone", name, err)
			}
		}
	})
	t.Run("EveryMenuZoneLoads", func(t *testing.T) {
		for _, r := range ZoneRegions() {
			for _, z := range r.Zones {
				if _, err := LoadZone(z); err != nil {
					t.Errorf("%s: %v", z, err)
				}
			}
		}
	})
}

func TestZoneRegions(t *testing.T) {
	regions := ZoneRegions()
	if regions[0].Name != "UTC" || len(regions[0].Zones) != 1 {
		t.Fatalf("first region = %+v, want UTC alone", regions[0])
	}
	seen := map[string]bool{}
	for _, r := range regions[1:] {
		if seen[r.Name] {
			t.Errorf("region %s appears twice", r.Name)
		}
		seen[r.Name] = true
		for _, z := range r.Zones {
			if !strings.HasPrefix(z, r.Name+"/") {
				t.Errorf("%s is in region %s", z, r.Name)
			}
		}
	}
	if !seen["Europe"] || !seen["America"] || !seen["Pacific"] {
		t.Errorf("regions = %v, want Europe, America and Pacific among them", seen)
	}
}

// TestZoneMenuIsCanonical: the menu is the tzdb's canonical zones, one
// per country and region, never a retired spelling or an alias; each is
// labelled with its place and country.
func TestZoneMenuIsCanonical(t *testing.T) {
	if n := len(zoneNames); n < 350 || n > 450 {
		t.Errorf("%d zones in the menu; zone.tab has about 420", n)
	}
	for _, alias := range []string{"Africa/Asmera", "Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "Asia/Katmandu",
		"America/Buenos_Aires", "America/Indianapolis", "Pacific/Samoa", "Atlantic/Faeroe", "US/Eastern", "Etc/GMT+5"} {
		if slices.Contains(zoneNames, alias) {
			t.Errorf("the menu lists the alias %s", alias)
		}
		if _, err := LoadZone(alias); err != nil {
			t.Errorf("%s is no longer accepted: %v", alias, err)
		}
	}
	for _, z := range zoneNames {
		if zoneCountries[z] == "" {
			t.Errorf("%s has no country", z)
		}
	}
	for zone, want := range map[string]string{"Europe/Oslo": "Oslo (Norway)", "Africa/Asmara": "Asmara (Eritrea)",
		"America/Indiana/Indianapolis":   "Indianapolis, Indiana (United States)",
		"America/Argentina/Buenos_Aires": "Buenos Aires, Argentina", "UTC": "UTC"} {
		if got := ZoneLabel(zone); got != want {
			t.Errorf("ZoneLabel(%s) = %q, want %q", zone, got, want)
		}
	}
}
