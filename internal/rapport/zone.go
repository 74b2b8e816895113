package rapport

//go:generate go run ./internal/zonesgen /usr/share/zoneinfo

import (
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // deadlines are kept in the coach's zone, whatever the host has installed
)

// DefaultTimeZone is the zone of a round that names none.
const DefaultTimeZone = "UTC"

// ZoneRegion is one group of the zone menu: "Europe" and its zones.
type ZoneRegion struct {
	Name  string
	Zones []string
}

// ZoneRegions lists every zone a coach can pick, grouped by region in the
// order of the names; UTC comes first, on its own.
func ZoneRegions() []ZoneRegion {
	regions := []ZoneRegion{{Name: "UTC", Zones: []string{DefaultTimeZone}}}
	for _, z := range zoneNames {
		region, _, _ := strings.Cut(z, "/")
		if last := &regions[len(regions)-1]; last.Name == region {
			last.Zones = append(last.Zones, z)
			continue
		}
		regions = append(regions, ZoneRegion{Name: region, Zones: []string{z}})
	}
	return regions
}

// InZoneMenu tells whether a zone is one of the menu's canonical zones.
func InZoneMenu(zone string) bool {
	_, ok := zoneCountries[zone]
	return ok
}

// ZoneLabel names a zone of the menu for people: its place, most precise
// first, and its country: "Oslo (Norway)", "Indianapolis, Indiana
// (United States)", "Buenos Aires, Argentina".
func ZoneLabel(zone string) string {
	_, place, ok := strings.Cut(zone, "/")
	if !ok {
		return zone
	}
	parts := strings.Split(strings.ReplaceAll(place, "_", " "), "/")
	slices.Reverse(parts)
	label := strings.Join(parts, ", ")
	if country := zoneCountries[zone]; country != "" && !strings.Contains(label, country) {
		label += " (" + country + ")"
	}
	return label
}

// LoadZone returns the location of an IANA zone name, refusing the empty
// name and "Local" (which would mean whatever the server is set to).
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, FieldError("time_zone", "Give the time zone as an IANA name, such as Europe/Athens or UTC.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, FieldError("time_zone", "%q is not a time zone Rapport knows; give an IANA name, such as Europe/Athens or UTC.", name)
	}
	return loc, nil
}

// ZoneOrUTC is the location of a stored zone name; a name that no longer
// loads (tzdata dropped it) falls back to UTC rather than failing a page.
func ZoneOrUTC(name string) *time.Location {
	if loc, err := LoadZone(name); err == nil {
		return loc
	}
	return time.UTC
}

// FormatDeadline writes a deadline the way people read one, in the round's
// zone and naming it, since raters may be anywhere: "Wednesday 9 December
// 2026, 17:00 (Europe/Athens, UTC+2)"; in UTC, "Wednesday 9 December 2026,
// 17:00 UTC".
func FormatDeadline(t time.Time, zone string) string {
	loc := ZoneOrUTC(zone)
	local := t.In(loc)
	text := local.Format("Monday 2 January 2006, 15:04")
	if loc == time.UTC {
		return text + " UTC"
	}
	return fmt.Sprintf("%s (%s, %s)", text, loc.String(), utcOffset(local))
}

// utcOffset writes t's offset from UTC: "UTC+2", "UTC+5:30", "UTC-3", "UTC".
func utcOffset(t time.Time) string {
	_, secs := t.Zone()
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	h, m := secs/3600, secs%3600/60
	switch {
	case secs == 0:
		return "UTC"
	case m == 0:
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// ZoneName names a zone as the round page states it once, at moment t:
// "Europe/Paris (UTC+1)", or "UTC".
func ZoneName(zone string, t time.Time) string {
	loc := ZoneOrUTC(zone)
	if loc == time.UTC {
		return "UTC"
	}
	return fmt.Sprintf("%s (%s)", loc.String(), utcOffset(t.In(loc)))
}
