package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/testkit"
)

// postCSV posts a CSV body with a content type, as a spreadsheet export would be sent.
func postCSV(t *testing.T, app *testkit.App, token, path, contentType, body string) *testkit.Response {
	t.Helper()
	req, err := http.NewRequest("POST", app.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	return app.Send(t, req)
}

func TestImportRatersAPI(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Iris Import")
	path := func(id int64) string { return fmt.Sprintf("/api/v1/rounds/%d/raters/import", id) }

	t.Run("ImportsAnExcelFileFromAGermanLocale", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		excel := "\ufeffName;E-Mail;Group\r\nAna Novak;ana@example.com;Colleague\r\n\"Smith; Di\";di@example.com;Boss\r\nBo Lee;bo@example.com;Team member\r\n;;\r\n;;\r\n"
		resp := postCSV(t, app, token, path(id), "text/csv; charset=utf-8", excel)
		if resp.Status != http.StatusCreated || string(resp.Body) != `{"imported":3}` {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		got := map[string]string{}
		for _, r := range getRound(t, app, token, id).Raters {
			got[r.Email] = r.Name + "/" + r.Relationship
		}
		if got["ana@example.com"] != "Ana Novak/peer" || got["di@example.com"] != "Smith; Di/superior" || got["bo@example.com"] != "Bo Lee/direct_report" {
			t.Errorf("raters %v", got)
		}
	})
	t.Run("RefusesEveryBadLineWithItsSpreadsheetRowAndImportsNothing", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		// Row 2 holds a line break in a quoted cell (a name is one line):
		// row 3 is the file's line 4.
		csv := "Full name,E-mail,Group\n\"Ana\nNovak\",ana@example.com,peer\nBo,not-an-email,friend\nCy,cy@example.com,peer\nCy again,CY@example.com,peer\n"
		resp := postCSV(t, app, token, path(id), "text/csv", csv)
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		var body struct {
			Error  string `json:"error"`
			Errors []struct {
				Line  int    `json:"line"`
				Field string `json:"field"`
				Error string `json:"error"`
			} `json:"errors"`
		}
		resp.JSON(t, &body)
		var got []string
		for _, e := range body.Errors {
			got = append(got, fmt.Sprintf("%d %s", e.Line, e.Field))
			if len(e.Error) < 8 {
				t.Errorf("unhelpful message %q", e.Error)
			}
		}
		if body.Error == "" || strings.Join(got, ",") != "2 name,3 email,3 relationship,5 email" {
			t.Fatalf("errors %v in %s", got, resp.Body)
		}
		if n := len(getRound(t, app, token, id).Raters); n != 1 {
			t.Errorf("%d raters after a refused import, want only the leader", n)
		}
	})
	t.Run("RefusesOtherBodiesAndOtherCoaches", func(t *testing.T) {
		id := createRound(t, app, token, leaderID)
		expectError(t, app.Do("POST", path(id), token, map[string]string{"csv": "a,b,c"}), http.StatusBadRequest, "")
		expectError(t, postCSV(t, app, token, path(id), "text/csv", ",,\n"), http.StatusUnprocessableEntity, "csv")
		expectError(t, postCSV(t, app, otherToken, path(id), "text/csv", "Ana,ana@example.com,peer\n"), http.StatusNotFound, "")
		expectError(t, postCSV(t, app, token, path(id), "text/csv", strings.Repeat("x", 300<<10)), http.StatusRequestEntityTooLarge, "")
	})
}

func TestCopyRatersAPI(t *testing.T) {
	app := testkit.NewApp(t)
	_, token := app.SignIn(t)
	_, otherToken := app.SignIn(t)
	leaderID := createLeader(t, app, token, "Carla Copy")
	otherLeader := createLeader(t, app, token, "Someone Else")
	from := createRound(t, app, token, leaderID)
	for _, r := range []string{"Ana,ana@example.com,peer", "Di,di@example.com,manager", "Bo,bo@example.com,report"} {
		f := strings.Split(r, ",")
		if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", from), token,
			map[string]string{"name": f[0], "email": f[1], "relationship": map[string]string{"peer": "peer", "manager": "superior", "report": "direct_report"}[f[2]]}); resp.Status != 201 {
			t.Fatalf("add rater: %d %s", resp.Status, resp.Body)
		}
	}
	copyPath := func(id int64) string { return fmt.Sprintf("/api/v1/rounds/%d/raters/copy", id) }

	t.Run("CopiesAllButSelfAndThoseAlreadyThere", func(t *testing.T) {
		to := createRound(t, app, token, leaderID)
		if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", to), token,
			map[string]string{"name": "Ana N.", "email": "Ana+work@example.com", "relationship": "peer"}); resp.Status != 201 {
			t.Fatalf("add rater: %d %s", resp.Status, resp.Body)
		}
		resp := app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": from})
		if resp.Status != http.StatusCreated || string(resp.Body) != `{"copied":2}` {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		r := getRound(t, app, token, to)
		if len(r.Raters) != 4 || r.Counts.Invited["self"] != 1 || r.Counts.Invited["superior"] != 1 || r.Counts.Invited["direct_report"] != 1 {
			t.Fatalf("raters %+v counts %+v", r.Raters, r.Counts)
		}
		resp = app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": from})
		if resp.Status != http.StatusCreated || string(resp.Body) != `{"copied":0}` {
			t.Fatalf("copying twice: %d %s", resp.Status, resp.Body)
		}
	})
	t.Run("RefusesAnotherLeadersRoundAMissingOneAndALaunchedTarget", func(t *testing.T) {
		to := createRound(t, app, token, leaderID)
		expectError(t, app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": createRound(t, app, token, otherLeader)}), http.StatusUnprocessableEntity, "from_round_id")
		expectError(t, app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": 999999}), http.StatusUnprocessableEntity, "from_round_id")
		expectError(t, app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": to}), http.StatusUnprocessableEntity, "from_round_id")
		expectError(t, app.Do("POST", copyPath(to), token, map[string]any{}), http.StatusUnprocessableEntity, "from_round_id")
		expectError(t, app.Do("POST", copyPath(to), token, map[string]any{"from_round_id": "1"}), http.StatusBadRequest, "from_round_id")
		expectError(t, app.Do("POST", copyPath(to), otherToken, map[string]any{"from_round_id": from}), http.StatusNotFound, "")
		if n := len(getRound(t, app, token, to).Raters); n != 1 {
			t.Fatalf("%d raters after refusals", n)
		}
		launched := createRound(t, app, token, leaderID)
		app.Do("POST", copyPath(launched), token, map[string]any{"from_round_id": from})
		if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/launch", launched), token, nil); resp.Status != 200 {
			t.Fatalf("launch: %d %s", resp.Status, resp.Body)
		}
		expectError(t, app.Do("POST", copyPath(launched), token, map[string]any{"from_round_id": from}), http.StatusConflict, "")
	})
}

// A leader's proposals wait for the coach's approval; copying a round's
// raters must not turn them into approved raters of another round.
func TestCopyRatersLeavesProposalsBehind(t *testing.T) {
	n := newNomination(t)
	app := n.app
	list := nominees([3]string{"Mia Manager", "mia@example.com", "superior"}, [3]string{"Pia Peer", "pia@example.com", "peer"})
	if resp := app.Do("PUT", n.path, "", list); resp.Status != 200 {
		t.Fatalf("save list: %d %s", resp.Status, resp.Body)
	}
	if resp := app.Do("POST", n.path+"/submit", "", nil); resp.Status != 200 {
		t.Fatalf("submit list: %d %s", resp.Status, resp.Body)
	}
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters", n.roundID), n.token,
		map[string]string{"name": "Ana Approved", "email": "ana@example.com", "relationship": "peer"}); resp.Status != 201 {
		t.Fatalf("add rater: %d %s", resp.Status, resp.Body)
	}
	to := createRound(t, app, n.token, getRound(t, app, n.token, n.roundID).LeaderID)
	resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/raters/copy", to), n.token, map[string]any{"from_round_id": n.roundID})
	if resp.Status != http.StatusCreated || string(resp.Body) != `{"copied":1}` {
		t.Fatalf("%d %s", resp.Status, resp.Body)
	}
	st := raterStatuses(t, app, n.token, to)
	if _, ok := st["mia@example.com"]; ok || st["ana@example.com"] != "invited" {
		t.Errorf("copied raters %v, want only ana@example.com", st)
	}
}
