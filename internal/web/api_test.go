package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/testkit"
)

// future is a valid deadline for new rounds.
func future() string { return time.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339) }

func rawDB(t *testing.T, app *testkit.App) *sqlx.DB { return testkit.RawDB(t, app.Cfg) }

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// expectError checks an error response: its status, that it is JSON with a
// human message, and the field it points at (if any is expected).
func expectError(t *testing.T, resp *testkit.Response, status int, field string) {
	t.Helper()
	if resp.Status != status {
		t.Fatalf("status %d, want %d: %s", resp.Status, status, resp.Body)
	}
	var body struct {
		Error string `json:"error"`
		Field string `json:"field"`
	}
	resp.JSON(t, &body)
	if len(body.Error) < 8 {
		t.Errorf("error message %q is not a helpful sentence", body.Error)
	}
	if body.Field != field {
		t.Errorf("field %q, want %q (error %q)", body.Field, field, body.Error)
	}
}

func createLeader(t *testing.T, app *testkit.App, token, name string) int64 {
	t.Helper()
	resp := app.Do("POST", "/api/v1/leaders", token, map[string]string{
		"name": name, "email": strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com",
		"title": "Head of Operations", "organization": "Acme"})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create leader: %d %s", resp.Status, resp.Body)
	}
	var l struct{ ID int64 }
	resp.JSON(t, &l)
	return l.ID
}

func createRound(t *testing.T, app *testkit.App, token string, leaderID int64) int64 {
	t.Helper()
	resp := app.Do("POST", "/api/v1/rounds", token, map[string]any{
		"leader_id": leaderID, "framework_key": "leadership", "title": "Spring 360", "closes_at": future()})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create round: %d %s", resp.Status, resp.Body)
	}
	var r struct{ ID int64 }
	resp.JSON(t, &r)
	return r.ID
}

func TestTokens(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)

	t.Run("IssuesTokenForRightPassword", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": strings.ToUpper(coach.Email), "password": password})
		if resp.Status != http.StatusCreated {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		token, _ := resp.Map(t)["token"].(string)
		if len(token) < 40 {
			t.Fatalf("token %q too short", token)
		}
		if got := app.Do("GET", "/api/v1/leaders", token, nil); got.Status != http.StatusOK {
			t.Fatalf("the new token does not work: %d %s", got.Status, got.Body)
		}
	})
	t.Run("RejectsWrongPassword", func(t *testing.T) {
		expectError(t, app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": "not the password"}), 401, "")
	})
	t.Run("RejectsUnknownEmailLikeWrongPassword", func(t *testing.T) {
		a := app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": "nobody@example.com", "password": password})
		b := app.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coach.Email, "password": "wrong password!"})
		expectError(t, a, 401, "")
		if string(a.Body) != string(b.Body) {
			t.Errorf("unknown email and wrong password answer differently: %s vs %s", a.Body, b.Body)
		}
	})
	t.Run("RejectsMalformedBody", func(t *testing.T) {
		expectError(t, app.Do("POST", "/api/v1/tokens", "", `{"email":`), 400, "")
	})
	t.Run("RejectsMissingFields", func(t *testing.T) {
		expectError(t, app.Do("POST", "/api/v1/tokens", "", `{"email":"a@example.com"}`), 422, "")
	})
}

func TestAPIRequiresToken(t *testing.T) {
	app := testkit.NewApp(t)
	routes := []struct{ method, path string }{
		{"GET", "/api/v1/leaders"}, {"POST", "/api/v1/leaders"}, {"GET", "/api/v1/leaders/1"},
		{"GET", "/api/v1/frameworks"}, {"GET", "/api/v1/frameworks/leadership"}, {"POST", "/api/v1/frameworks"},
		{"GET", "/api/v1/rounds"}, {"POST", "/api/v1/rounds"}, {"GET", "/api/v1/rounds/1"},
		{"POST", "/api/v1/rounds/1/launch"}, {"POST", "/api/v1/rounds/1/close"},
		{"POST", "/api/v1/rounds/1/raters"}, {"DELETE", "/api/v1/rounds/1/raters/1"},
	}
	for _, r := range routes {
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			expectError(t, app.Do(r.method, r.path, "", nil), 401, "")
			expectError(t, app.Do(r.method, r.path, "not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxx", nil), 401, "")
		})
	}
}

func TestLeaders(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)

	t.Run("CreatesListsAndGets", func(t *testing.T) {
		resp := app.Do("POST", "/api/v1/leaders", token, map[string]string{
			"name": "  Ζωή Παπαδοπούλου ", "email": "zoe@example.com", "title": "CFO", "organization": "Acme"})
		if resp.Status != http.StatusCreated {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		l := resp.Map(t)
		if l["name"] != "Ζωή Παπαδοπούλου" || l["email"] != "zoe@example.com" || l["title"] != "CFO" || l["organization"] != "Acme" {
			t.Fatalf("leader %v", l)
		}
		id := int64(l["id"].(float64))
		var list []map[string]any
		app.Do("GET", "/api/v1/leaders", token, nil).JSON(t, &list)
		if len(list) != 1 || list[0]["name"] != "Ζωή Παπαδοπούλου" {
			t.Fatalf("list %v", list)
		}
		got := app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d", id), token, nil)
		if got.Status != 200 || got.Map(t)["email"] != "zoe@example.com" {
			t.Fatalf("get %d %s", got.Status, got.Body)
		}
		expectError(t, app.Do("GET", fmt.Sprintf("/api/v1/leaders/%d", id), otherToken, nil), 404, "")
		var otherList []map[string]any
		app.Do("GET", "/api/v1/leaders", otherToken, nil).JSON(t, &otherList)
		if len(otherList) != 0 {
			t.Fatalf("another coach sees %v", otherList)
		}
	})

	before := count(t, db, `SELECT count(*) FROM leaders`)
	bad := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"MalformedJSON", `{"name": "Ana"`, 400, ""},
		{"NotAnObject", `["Ana"]`, 400, ""},
		{"EmptyBody", ``, 400, ""},
		{"TwoObjects", `{"name":"A","email":"a@example.com"}{}`, 400, ""},
		{"UnknownField", `{"name":"Ana","email":"ana@example.com","age":40}`, 400, "age"},
		{"WrongType", `{"name":42,"email":"ana@example.com"}`, 400, "name"},
		{"MissingName", `{"email":"ana@example.com"}`, 422, "name"},
		{"BlankName", `{"name":"   ","email":"ana@example.com"}`, 422, "name"},
		{"MissingEmail", `{"name":"Ana"}`, 422, "email"},
		{"BadEmail", `{"name":"Ana","email":"ana.example.com"}`, 422, "email"},
		{"EmailWithDisplayName", `{"name":"Ana","email":"Ana <ana@example.com>"}`, 422, "email"},
		{"NameWithNewline", `{"name":"Ana\nBcc: x@example.com","email":"ana@example.com"}`, 422, "name"},
		{"TooLongTitle", `{"name":"Ana","email":"ana@example.com","title":"` + strings.Repeat("x", 201) + `"}`, 422, "title"},
		{"HugeBody", `{"name":"` + strings.Repeat("x", 3<<20) + `","email":"ana@example.com"}`, 413, ""},
		{"SameEmailAgainInAnotherCase", `{"name":"Zoe Again","email":"ZOE@example.com"}`, 409, "email"},
	}
	for _, tc := range bad {
		t.Run("Rejects"+tc.name, func(t *testing.T) {
			expectError(t, app.Do("POST", "/api/v1/leaders", token, tc.body), tc.status, tc.field)
		})
	}
	if after := count(t, db, `SELECT count(*) FROM leaders`); after != before {
		t.Errorf("bad requests changed the leaders: %d before, %d after", before, after)
	}
	t.Run("AnotherCoachMayHaveALeaderWithTheSameEmail", func(t *testing.T) {
		if resp := app.Do("POST", "/api/v1/leaders", otherToken, map[string]string{"name": "Zoe", "email": "zoe@example.com"}); resp.Status != 201 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
	})
	t.Run("UnknownIDsAreNotFound", func(t *testing.T) {
		for _, p := range []string{"/api/v1/leaders/999999", "/api/v1/leaders/abc", "/api/v1/leaders/-1"} {
			expectError(t, app.Do("GET", p, token, nil), 404, "")
		}
	})
}

func TestParallelWritersLoseNothing(t *testing.T) {
	app := testkit.NewApp(t)
	db := rawDB(t, app)
	_, token := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Parallel Leader")
	roundID := createRound(t, app, token, leaderID)

	const writers = 64
	var wg sync.WaitGroup
	failures := make(chan string, 2*writers)
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Each writer creates a leader and adds a rater, while others read.
			l := app.Do("POST", "/api/v1/leaders", token, map[string]string{"name": fmt.Sprintf("Leader %d", i), "email": fmt.Sprintf("l%d@example.com", i)})
			if l.Status != http.StatusCreated {
				failures <- fmt.Sprintf("leader %d: %d %s", i, l.Status, l.Body)
			}
			r := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", roundID), token,
				map[string]string{"name": fmt.Sprintf("Rater %d", i), "email": fmt.Sprintf("r%d@example.com", i), "relationship": "peer"})
			if r.Status != http.StatusCreated {
				failures <- fmt.Sprintf("rater %d: %d %s", i, r.Status, r.Body)
			}
			if g := app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d", roundID), token, nil); g.Status != http.StatusOK {
				failures <- fmt.Sprintf("read %d: %d %s", i, g.Status, g.Body)
			}
		}(i)
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	if n := count(t, db, `SELECT count(*) FROM leaders WHERE name LIKE 'Leader %'`); n != writers {
		t.Errorf("%d leaders stored, want %d", n, writers)
	}
	if n := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ? AND relationship = 'peer'`, roundID); n != writers {
		t.Errorf("%d raters stored, want %d", n, writers)
	}
}
