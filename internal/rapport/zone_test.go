package rapport

import (
	"archive/zip"
	"os/exec"
	"path/filepath"
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

// TestZoneNamesMatchGoTzdata keeps the menu in step with the Go release's
// tzdata (the list internal/zonesgen writes, checked here independently).
func TestZoneNamesMatchGoTzdata(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Fatalf("open Go's zoneinfo.zip: %v", err)
	}
	defer zr.Close()
	var want []string
	for _, f := range zr.File {
		region, _, ok := strings.Cut(f.Name, "/")
		if ok && slices.Contains([]string{"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
			"Australia", "Europe", "Indian", "Pacific"}, region) {
			want = append(want, f.Name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(want, zoneNames) {
		t.Errorf("zones_gen.go differs from %s (%d zones, want %d); regenerate it: go generate ./internal/rapport",
			zr.File[0].Name, len(zoneNames), len(want))
	}
}
