package web_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestHealth(t *testing.T) {
	app := testkit.NewApp(t)
	if r := app.Do("GET", "/healthz", "", nil); r.Status != 200 {
		t.Fatalf("healthz %d", r.Status)
	}
	if r := app.Do("GET", "/readyz", "", nil); r.Status != 200 {
		t.Fatalf("readyz %d %s", r.Status, r.Body)
	}
	t.Run("NotReadyOnAStaleSchema", func(t *testing.T) {
		raw := testkit.RawDB(t, app.Cfg)
		if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future.sql', 0)`); err != nil {
			t.Fatal(err)
		}
		if r := app.Do("GET", "/readyz", "", nil); r.Status != 503 {
			t.Fatalf("readyz on a newer schema: %d %s", r.Status, r.Body)
		}
		if r := app.Do("GET", "/healthz", "", nil); r.Status != 200 {
			t.Fatalf("healthz %d", r.Status)
		}
	})
}
