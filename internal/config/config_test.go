package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/config"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		dir := t.TempDir()
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": dir}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":8080" || c.BaseURL != "http://localhost:8080" || c.SMTPURL != "" || c.ReminderSchedule != "@hourly" ||
			c.MailRetryBase != 30*time.Second || c.MailLease != 5*time.Minute || c.BaseURLSet || c.GOGCSet || c.MallocSettingsSet {
			t.Fatalf("defaults %+v", c)
		}
		if c.OutboxDir() != filepath.Join(dir, "outbox") || c.DatabasePath() != filepath.Join(dir, "rapport.db") {
			t.Fatalf("paths %s %s", c.OutboxDir(), c.DatabasePath())
		}
	})
	t.Run("RemembersABaseURLWasGiven", func(t *testing.T) {
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), "RAPPORT_BASE_URL": "http://localhost:8080"}))
		if err != nil {
			t.Fatal(err)
		}
		if !c.BaseURLSet {
			t.Fatal("an explicit RAPPORT_BASE_URL, even the default's value, is not remembered as set")
		}
	})
	t.Run("RemembersGOGCWasGiven", func(t *testing.T) {
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), "GOGC": "100"}))
		if err != nil {
			t.Fatal(err)
		}
		if !c.GOGCSet {
			t.Fatal("an explicit GOGC is not remembered: serve would override the operator's choice")
		}
	})
	t.Run("RemembersMallocSettingsWereGiven", func(t *testing.T) {
		for _, name := range []string{"GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"} {
			c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), name: "1"}))
			if err != nil {
				t.Fatal(err)
			}
			if !c.MallocSettingsSet {
				t.Fatalf("an explicit %s is not remembered: serve would override the operator's malloc settings", name)
			}
		}
	})
	t.Run("GeneratesTheSecretOnceAndKeepsIt", func(t *testing.T) {
		dir := t.TempDir()
		first, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": dir}))
		if err != nil {
			t.Fatal(err)
		}
		second, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": dir}))
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Secret) < 32 || string(first.Secret) != string(second.Secret) || !first.SecretWasCreated || second.SecretWasCreated {
			t.Fatalf("secret not kept: %q vs %q", first.Secret, second.Secret)
		}
		fi, err := os.Stat(filepath.Join(dir, "secret"))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("secret file %v %v, want mode 0600", fi, err)
		}
	})
	t.Run("ReadsSecretsFromFiles", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "s")
		os.WriteFile(p, []byte("from-a-file-from-a-file-from-a-file-42\n"), 0o600)
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": dir, "RAPPORT_SECRET_FILE": p}))
		if err != nil || string(c.Secret) != "from-a-file-from-a-file-from-a-file-42" {
			t.Fatalf("%q %v", c.Secret, err)
		}
	})
	t.Run("AcceptsEverySecondSchedule", func(t *testing.T) {
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), "RAPPORT_REMINDER_SCHEDULE": "@every 1s"}))
		if err != nil || c.ReminderSchedule != "@every 1s" {
			t.Fatal(err)
		}
	})
	t.Run("ReadsTheMailLease", func(t *testing.T) {
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), "RAPPORT_MAIL_LEASE": "10s"}))
		if err != nil || c.MailLease != 10*time.Second {
			t.Fatalf("lease %v, err %v", c.MailLease, err)
		}
	})
	t.Run("ReadsTheMailRetryBase", func(t *testing.T) {
		c, err := config.Load(envOf(map[string]string{"RAPPORT_DATA_DIR": t.TempDir(), "RAPPORT_MAIL_RETRY_BASE": "2s"}))
		if err != nil || c.MailRetryBase != 2*time.Second {
			t.Fatalf("%v %v", c, err)
		}
	})
	bad := map[string]map[string]string{
		"ShortSecret":        {"RAPPORT_SECRET": "short"},
		"BadSMTPURL":         {"RAPPORT_SMTP_URL": "http://mail.example.com"},
		"BadBaseURL":         {"RAPPORT_BASE_URL": "feedback.example.com"},
		"BadSchedule":        {"RAPPORT_REMINDER_SCHEDULE": "every tuesday"},
		"BadSignupFlag":      {"RAPPORT_ALLOW_COACH_SIGNUP": "perhaps"},
		"BadRetryBase":       {"RAPPORT_MAIL_RETRY_BASE": "soon"},
		"LeaseTooShort":      {"RAPPORT_MAIL_LEASE": "1s"},
		"SubSecondRetryBase": {"RAPPORT_MAIL_RETRY_BASE": "200ms"},
	}
	for name, env := range bad {
		t.Run("Rejects"+name, func(t *testing.T) {
			env["RAPPORT_DATA_DIR"] = t.TempDir()
			_, err := config.Load(envOf(env))
			if err == nil || !strings.Contains(err.Error(), "RAPPORT_") {
				t.Fatalf("got %v, want an error naming the variable", err)
			}
		})
	}
}
