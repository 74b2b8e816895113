package web_test

import (
	"net/http"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// FuzzFrameworkJSON posts arbitrary bodies as a new framework: any input
// gets either 201 or a clear 4xx, never a 5xx, and a rejected one stores nothing.
func FuzzFrameworkJSON(f *testing.F) {
	f.Add([]byte(`{"key":"k","name":"N","scale":{"min":1,"max":2,"labels":["a","b"]},"competencies":[{"key":"c","name":"C","items":[{"key":"i","text_self":"I do.","text_other":"{leader} does."}]}],"open_questions":[]}`))
	f.Add([]byte(`{"key":"k","name":"N","scale":{"min":3,"max":1,"labels":[]},"competencies":[]}`))
	f.Add([]byte(`{"competencies":[{"items":[{"id":-1}]}]}`))
	f.Add([]byte(`null`))
	app := testkit.NewApp(f)
	_, token := app.SignIn(f)
	raw := testkit.RawDB(f, app.Cfg)
	f.Fuzz(func(t *testing.T, body []byte) {
		var before, after int
		if err := raw.Get(&before, `SELECT (SELECT count(*) FROM frameworks) + (SELECT count(*) FROM items)`); err != nil {
			t.Fatal(err)
		}
		resp := app.For(t).Do(http.MethodPost, "/api/v1/frameworks", token, body)
		if resp.Status >= 500 {
			t.Fatalf("status %d for %q: %s", resp.Status, body, resp.Body)
		}
		if resp.Status != http.StatusCreated {
			var e struct{ Error string }
			resp.JSON(t, &e)
			if e.Error == "" {
				t.Fatalf("status %d without an error message: %s", resp.Status, resp.Body)
			}
			if err := raw.Get(&after, `SELECT (SELECT count(*) FROM frameworks) + (SELECT count(*) FROM items)`); err != nil {
				t.Fatal(err)
			}
			if after != before {
				t.Fatalf("a rejected framework (%d) changed the database: %d -> %d rows", resp.Status, before, after)
			}
		}
	})
}
