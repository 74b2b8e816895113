package rapport_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
)

func faultFields(err error) []string {
	var fields []string
	for _, f := range rapport.ErrorFaults(err) {
		fields = append(fields, f.Field)
	}
	return fields
}

func TestRaterInput(t *testing.T) {
	t.Run("ReportsEveryFaultAtOnce", func(t *testing.T) {
		in := rapport.RaterInput{Name: " ", Email: "not-an-email", Relationship: "friend"}
		err := in.Validate()
		if got := faultFields(err); !slices.Equal(got, []string{"name", "email", "relationship"}) || rapport.ErrorCode(err) != rapport.EINVALID {
			t.Errorf("faults %v (%v), want name, email, relationship", got, err)
		}
	})
	t.Run("AsksForARelationshipInTheMenusWords", func(t *testing.T) {
		for typed, want := range map[rapport.Relationship]string{
			"":       "Choose how the rater works with the leader: Manager, Peer, Direct report or Other stakeholder.",
			"friend": `"friend" is not a relationship we know: use Manager, Peer, Direct report or Other stakeholder.`,
		} {
			in := rapport.RaterInput{Name: "Ana", Email: "ana@example.com", Relationship: typed}
			if got := rapport.ErrorMessage(in.Validate()); got != want {
				t.Errorf("%q: %q, want %q", typed, got, want)
			}
		}
	})
	t.Run("TrimsWhatItAccepts", func(t *testing.T) {
		in := rapport.RaterInput{Name: "  Ana Lima ", Email: " ana@example.com ", Relationship: rapport.Peer}
		if err := in.Validate(); err != nil || in.Name != "Ana Lima" || in.Email != "ana@example.com" {
			t.Errorf("got %+v, %v", in, err)
		}
	})
}

func TestLeaderInput(t *testing.T) {
	t.Run("RequiresNameAndEmailOnly", func(t *testing.T) {
		in := rapport.LeaderInput{}
		if got := faultFields(in.Validate()); !slices.Equal(got, []string{"name", "email"}) {
			t.Errorf("faults %v, want name, email", got)
		}
		in = rapport.LeaderInput{Name: "Lee", Email: "lee@example.com"}
		if err := in.Validate(); err != nil {
			t.Error(err)
		}
	})
}

func TestCheckCoach(t *testing.T) {
	t.Run("RefusesADisplayNameInTheAddress", func(t *testing.T) {
		if _, _, err := rapport.CheckCoach("Dana <dana@example.com>", "Dana"); !slices.Equal(faultFields(err), []string{"email"}) {
			t.Errorf("err %v, want a fault on email", err)
		}
	})
}

func TestRoundInput(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	t.Run("FillsInTheDefaults", func(t *testing.T) {
		in := rapport.RoundInput{LeaderID: 1, FrameworkKey: "leadership", Title: " Spring ", ClosesAt: now.Add(time.Hour)}
		if err := in.Validate(now); err != nil {
			t.Fatal(err)
		}
		if in.Title != "Spring" || in.TimeZone != "UTC" || *in.AnonymityThreshold != 3 || *in.ReminderInterval != 72*time.Hour || *in.MaxReminders != 3 {
			t.Errorf("defaults not filled in: %+v", in)
		}
	})
	t.Run("RejectsAThresholdOfOne", func(t *testing.T) {
		one := 1
		in := rapport.RoundInput{FrameworkKey: "leadership", Title: "T", ClosesAt: now.Add(time.Hour), AnonymityThreshold: &one}
		if got := faultFields(in.Validate(now)); !slices.Equal(got, []string{"anonymity_threshold"}) {
			t.Errorf("faults %v, want anonymity_threshold", got)
		}
	})
	t.Run("RejectsAPastOrFarDeadline", func(t *testing.T) {
		for _, at := range []time.Time{now, now.Add(-time.Hour), now.Add(rapport.MaxRoundLength + time.Hour), {}} {
			in := rapport.RoundInput{FrameworkKey: "leadership", Title: "T", ClosesAt: at}
			if got := faultFields(in.Validate(now)); !slices.Equal(got, []string{"closes_at"}) {
				t.Errorf("%v: faults %v, want closes_at", at, got)
			}
		}
	})
}
