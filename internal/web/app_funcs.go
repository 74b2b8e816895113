package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// coachFuncs are the template functions of the coach's pages.
func (s *Server) coachFuncs() template.FuncMap {
	return template.FuncMap{
		// when writes a time in UTC, saying so: coaches and raters may be
		// in different zones, and a deadline must mean one moment.
		"when": func(t time.Time) string { return t.UTC().Format("Mon 2 Jan 2006, 15:04 UTC") },
		"day":  func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"whenp": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.UTC().Format("2 Jan 2006, 15:04 UTC")
		},
		// whenParts is whenp with the date and the time each kept on one
		// line, so a narrow column wraps between them and never inside.
		"whenParts": func(t *time.Time) template.HTML {
			if t == nil {
				return ""
			}
			u := t.UTC()
			return template.HTML(`<span class="when-part">` + u.Format("2 Jan 2006") + `</span>, <span class="when-part">` +
				u.Format("15:04") + ` UTC</span>`)
		},
		// inZone and inZonep write a time in a round's zone without naming
		// it: the round page names its zone once (zoneName).
		"inZone": func(t time.Time, zone string) string {
			return t.In(rapport.ZoneOrUTC(zone)).Format("Mon 2 Jan 2006, 15:04")
		},
		"inZonep": func(t *time.Time, zone string) template.HTML {
			if t == nil {
				return ""
			}
			l := t.In(rapport.ZoneOrUTC(zone))
			return template.HTML(`<span class="when-part">` + l.Format("2 Jan 2006") + `</span>, <span class="when-part">` + l.Format("15:04") + `</span>`)
		},
		"zoneName": rapport.ZoneName,
		"every":    everyInterval,
		"zoneMenu": zoneMenu,
		"isoTime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		// timeLeft says how long until t, or that it passed.
		"timeLeft": func(t time.Time) string {
			d := t.Sub(s.store.Now())
			if d <= 0 {
				return "deadline passed"
			}
			return "closes in " + humanDuration(d)
		},
		"pct": func(part, whole int) int {
			if whole <= 0 {
				return 0
			}
			return part * 100 / whole
		},
		"relLabel":   func(r rapport.Relationship) string { return r.Label() },
		"relOne":     func(r rapport.Relationship) string { return r.Singular() },
		"relChoices": rapport.RaterChoices,
		"statusLabel": func(st rapport.RoundStatus) string {
			switch st {
			case rapport.RoundDraft:
				return "Draft"
			case rapport.RoundOpen:
				return "Collecting"
			case rapport.RoundClosed:
				return "Closed"
			}
			return string(st)
		},
		"raterStatusLabel": func(st rapport.RaterStatus) string {
			switch st {
			case rapport.RaterInvited:
				return "Not opened"
			case rapport.RaterOpened:
				return "Opened"
			case rapport.RaterInProgress:
				return "In progress"
			case rapport.RaterSubmitted:
				return "Submitted"
			case rapport.RaterDeclined:
				return "Declined"
			case rapport.RaterProposed:
				return "Proposed by the leader"
			}
			return string(st)
		},
		"duration":        rapport.FormatDuration,
		"firstName":       rapport.FirstName,
		"pronounGroups":   func() []pronounGroup { return pronounGroups },
		"frameworkGroups": frameworkGroups,
		"add":             func(a, b int) int { return a + b },
		"sub":             func(a, b int) int { return a - b },
		"field":           field,
		"emptyForm":       func() *form { return newForm(nil) },
		// groupsOf pairs a round's groups with its status for coach_groups.
		"groupsOf": func(r *rapport.Round, groups []rapport.GroupProgress) store.RoundOverview {
			return store.RoundOverview{Round: *r, Groups: groups}
		},
		"emailKind": func(kind string) string {
			switch kind {
			case rapport.EmailInvitation:
				return "Invitation"
			case rapport.EmailReminder:
				return "Reminder"
			case rapport.EmailLastCall:
				return "Last call"
			}
			return kind
		},
	}
}

// everyInterval says how often reminders go out in the unit the round form
// asks in: "every 3 days", "every day"; an interval of no whole days (set
// through the API) is written as a duration.
func everyInterval(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d == day:
		return "every day"
	case d > 0 && d%day == 0:
		return fmt.Sprintf("every %d days", d/day)
	}
	return "every " + rapport.FormatDuration(d)
}

// recentZones is how many of the coach's recent zones the menu offers first.
const recentZones = 5

// zoneGroup is one <optgroup> of the zone menu.
type zoneGroup struct {
	Name    string
	Options []zoneOption
}

type zoneOption struct {
	Value, Label string
	Selected     bool
}

// zoneMenu is the zone select's groups: first "Recent", the chosen zone
// and the coach's recent ones, then UTC and the canonical zones by region.
// A chosen zone that the regions lack (an alias such as US/Eastern, set
// through the API) is kept in Recent, so that saving the form never
// changes the zone. Only the first option of the chosen zone is selected.
func zoneMenu(chosen string, recent []string) []zoneGroup {
	first := zoneGroup{Name: "Recent"}
	seen := map[string]bool{}
	for _, z := range append([]string{chosen}, recent...) {
		if seen[z] {
			continue
		}
		if _, err := rapport.LoadZone(z); err != nil {
			continue
		}
		seen[z] = true
		first.Options = append(first.Options, zoneOption{Value: z, Label: zoneFullLabel(z), Selected: z == chosen})
	}
	var menu []zoneGroup
	if len(first.Options) > 0 {
		menu = append(menu, first)
	}
	for _, r := range rapport.ZoneRegions() {
		g := zoneGroup{Name: r.Name}
		for _, z := range r.Zones {
			g.Options = append(g.Options, zoneOption{Value: z, Label: rapport.ZoneLabel(z), Selected: z == chosen && !seen[z]})
		}
		menu = append(menu, g)
	}
	return menu
}

// zoneFullLabel names a zone outside its region's group: "Oslo (Norway),
// Europe"; an alias is shown by its IANA name.
func zoneFullLabel(zone string) string {
	if !rapport.InZoneMenu(zone) {
		return zone
	}
	region, _, _ := strings.Cut(zone, "/")
	return rapport.ZoneLabel(zone) + " · " + region
}
