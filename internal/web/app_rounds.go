package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

const datetimeLocal = "2006-01-02T15:04"

var roundSettingFields = []string{"title", "closes_at", "timezone", "anonymity_threshold", "reminder_days", "max_reminders"}

type roundFormData struct {
	Leaders    []rapport.Leader
	Frameworks []rapport.Framework
	Round      *rapport.Round // set when editing a draft
	// RecentZones are the zones of the coach's latest rounds, offered
	// first in the zone menu.
	RecentZones []string
}

// parseRoundSettingsFor turns the settings fields of a round form into a
// rapport.RoundInput and checks it with the store's own rules, so that every
// fault is pointed out at once. The form only reads what it can: a field
// that cannot be read is pointed out as such.
func (s *Server) parseRoundSettingsFor(f *form, frameworkKey string) (rapport.RoundInput, error) {
	var v rapport.Faults
	in := rapport.RoundInput{Title: f.Get("title"), FrameworkKey: frameworkKey, TimeZone: f.Get("timezone")}
	loc, err := rapport.LoadZone(in.TimeZone)
	if err != nil {
		v.Add(rapport.FieldError("timezone", "Choose the time zone the deadline is in."))
		loc = time.UTC
	}
	if raw := f.Get("closes_at"); raw != "" {
		t, err := time.ParseInLocation(datetimeLocal, raw, loc)
		if err != nil {
			v.Add(rapport.FieldError("closes_at", "Enter the deadline as a date and a time, such as 2026-05-29 17:00."))
		}
		in.ClosesAt = t
	}
	in.AnonymityThreshold = formInt(&v, f, "anonymity_threshold", "Enter the threshold as a whole number, such as 3.")
	if days := formInt(&v, f, "reminder_days", "Enter the days between reminders as a whole number, such as 3."); days != nil {
		d := time.Duration(*days) * 24 * time.Hour
		in.ReminderInterval = &d
	}
	in.MaxReminders = formInt(&v, f, "max_reminders", "Enter the number of reminders as a whole number, such as 3.")
	v.Add(mapRoundField(in.Validate(s.store.Now())))
	return in, v.Err()
}

// formInt reads a whole number field; an unreadable one is pointed out and
// left nil (which the store would take as its default, so it must not be
// stored: the fault stops the form).
func formInt(v *rapport.Faults, f *form, name, message string) *int {
	n, err := strconv.Atoi(strings.TrimSpace(f.Get(name)))
	if err != nil {
		v.Add(rapport.FieldError(name, "%s", message))
		return nil
	}
	return &n
}

// mapRoundField points store faults at the form's own field names: the
// form asks for the reminder interval in days, and has already pointed out
// a bad zone.
func mapRoundField(err error) error {
	faults := rapport.ErrorFaults(err)
	if len(faults) == 0 {
		return err
	}
	var v rapport.Faults
	for _, ff := range faults {
		if ff.Field == "time_zone" {
			continue // the form reads the zone itself and points a bad one at "timezone"
		}
		if ff.Field == "reminder_interval" {
			ff = rapport.FieldFault{Field: "reminder_days", Message: "Remind every 1 to 30 days."}
		}
		v.Add(rapport.FieldError(ff.Field, "%s", ff.Message))
	}
	return v.Err()
}

func (s *Server) roundFormData(c *gin.Context) (roundFormData, error) {
	ctx := c.Request.Context()
	leaders, err := s.store.Leaders(ctx, coachOf(c))
	if err != nil {
		return roundFormData{}, err
	}
	fws, err := s.store.Frameworks(ctx, coachOf(c))
	if err != nil {
		return roundFormData{}, err
	}
	zones, err := s.store.RecentTimeZones(ctx, coachOf(c), recentZones)
	if err != nil {
		return roundFormData{}, err
	}
	return roundFormData{Leaders: leaders, Frameworks: fws, RecentZones: zones}, nil
}

func (s *Server) newRoundPage(c *gin.Context) {
	// A coach mostly works in one zone: start where their last round was.
	zone, err := s.store.LatestTimeZone(c.Request.Context(), coachOf(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm(map[string]string{
		"leader_id": c.Query("leader"), "framework_key": "leadership",
		"closes_at":           s.store.Now().In(rapport.ZoneOrUTC(zone)).AddDate(0, 0, 14).Format("2006-01-02") + "T17:00",
		"timezone":            zone,
		"anonymity_threshold": strconv.Itoa(rapport.DefaultAnonymityThreshold),
		"reminder_days":       strconv.Itoa(int(rapport.DefaultReminderInterval / (24 * time.Hour))),
		"max_reminders":       strconv.Itoa(rapport.DefaultMaxReminders),
	})
	s.renderNewRound(c, http.StatusOK, f)
}

func (s *Server) renderNewRound(c *gin.Context, status int, f *form) {
	d, err := s.roundFormData(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.coachView(c, status, "round_new", "dashboard", "New round", f, d)
}

func (s *Server) createRoundForm(c *gin.Context) {
	f := postedForm(c, append([]string{"leader_id", "framework_key"}, roundSettingFields...)...)
	var v rapport.Faults
	leaderID, _ := strconv.ParseInt(f.Get("leader_id"), 10, 64)
	if leaderID <= 0 {
		v.Add(rapport.FieldError("leader_id", "Choose the leader this round is about."))
	}
	f.Values["framework_key"] = strings.TrimSpace(f.Get("framework_key"))
	in, err := s.parseRoundSettingsFor(f, f.Get("framework_key"))
	v.Add(err)
	in.LeaderID = leaderID
	err = v.Err()
	var r *rapport.Round
	if err == nil {
		r, err = s.store.CreateRound(c.Request.Context(), coachOf(c), in)
	}
	if err != nil {
		err = mapRoundField(err)
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.renderNewRound(c, statusOf(err), f)
		return
	}
	s.audit(c, "round.created", store.RoundSubject(r.ID), "")
	s.flashRedirect(c, "Round created as a draft. Add raters, then launch it when you are ready.", roundPath(r.ID))
}

func roundPath(id int64) string { return "/rounds/" + strconv.FormatInt(id, 10) }

// coachRound loads the round named in the path, answering 404 for an
// unknown id or another coach's round.
func (s *Server) coachRound(c *gin.Context) (*rapport.Round, bool) {
	id, err := idParam(c, "id", "round")
	if err == nil {
		var r *rapport.Round
		if r, err = s.store.Round(c.Request.Context(), coachOf(c), id); err == nil {
			return r, true
		}
	}
	s.fail(c, err)
	return nil, false
}

// launchedNotice says why a launched round's settings are not offered.
const launchedNotice = "This round has been launched: raters were told its terms, so its settings can no longer change."

// draftRound is the coach's round of the request if it is still a draft;
// a launched round sends the coach back to its page with launchedNotice.
// Only a draft can change: an editable form that then refuses to save
// wastes the coach's typing.
func (s *Server) draftRound(c *gin.Context) (*rapport.Round, bool) {
	r, ok := s.coachRound(c)
	if !ok {
		return nil, false
	}
	if r.Status != rapport.RoundDraft {
		s.flashRedirect(c, launchedNotice, roundPath(r.ID))
		return nil, false
	}
	return r, true
}

func (s *Server) editRoundPage(c *gin.Context) {
	r, ok := s.draftRound(c)
	if !ok {
		return
	}
	f := newForm(map[string]string{
		"title": r.Title, "closes_at": r.ClosesAt.In(rapport.ZoneOrUTC(r.TimeZone)).Format(datetimeLocal), "timezone": r.TimeZone,
		"anonymity_threshold": strconv.Itoa(r.AnonymityThreshold),
		"reminder_days":       strconv.Itoa(max(1, int(r.ReminderInterval()/(24*time.Hour)))),
		"max_reminders":       strconv.Itoa(r.MaxReminders),
	})
	s.renderEditRound(c, http.StatusOK, r, f)
}

func (s *Server) renderEditRound(c *gin.Context, status int, r *rapport.Round, f *form) {
	zones, err := s.store.RecentTimeZones(c.Request.Context(), coachOf(c), recentZones)
	if err != nil {
		s.fail(c, err)
		return
	}
	// The round's own zone heads the menu (zoneMenu puts the chosen one first).
	s.coachView(c, status, "round_edit", "dashboard", "Edit round", f, roundFormData{Round: r, RecentZones: zones})
}

func (s *Server) updateRoundForm(c *gin.Context) {
	r, ok := s.draftRound(c)
	if !ok {
		return
	}
	f := postedForm(c, roundSettingFields...)
	in, err := s.parseRoundSettingsFor(f, r.FrameworkKey)
	var updated *rapport.Round
	if err == nil {
		updated, err = s.store.UpdateDraftRound(c.Request.Context(), coachOf(c), r.ID, in)
	}
	if err != nil {
		err = mapRoundField(err)
		if !s.formFault(c, err) {
			return
		}
		f.setError(err)
		s.renderEditRound(c, statusOf(err), r, f)
		return
	}
	s.audit(c, "round.changed", store.RoundSubject(r.ID), roundChanges(r, updated))
	s.flashRedirect(c, "Round settings saved.", roundPath(r.ID))
}
