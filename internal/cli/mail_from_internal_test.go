package cli

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestServeWarnsWhenMailFromIsACoach(t *testing.T) {
	st := testkit.Store(t, testkit.Config(t))
	coach, _ := testkit.Coach(t, st)
	local, domain, _ := strings.Cut(coach.Email, "@")
	for from, warns := range map[string]bool{
		"Rapport <" + coach.Email + ">":            true,
		strings.ToUpper(local) + "+mail@" + domain: true,
		"Rapport <no-reply@feedback.example.com>":  false,
		"Rapport <rapport@localhost>":              false,
	} {
		var logs bytes.Buffer
		warnIfMailFromIsACoach(context.Background(), st, from, slog.New(slog.NewTextHandler(&logs, nil)))
		if got := strings.Contains(logs.String(), "RAPPORT_MAIL_FROM is a coach account's address"); got != warns {
			t.Errorf("from %q: warned %v, want %v (%s)", from, got, warns, logs.String())
		}
	}
}
