package web_test

import (
	"fmt"
	"strings"
	"time"
)

// editsByContract edits the leader, copies the main draft round's raters
// into a second draft, imports a spreadsheet's CSV into it, edits it and
// deletes it, with the refusals a client meets; the main round is left as
// it was.
func editsByContract(k *contract, token string, leaderID, roundID int64) {
	leader := fmt.Sprintf("/api/v1/leaders/%d", leaderID)
	k.do(call{name: "edit title and organization", method: "PATCH", path: leader, token: token, status: 200,
		body: map[string]string{"title": "Chief Technology Officer", "organization": "Analytical Engines"}})
	k.do(call{name: "edit the pronoun", method: "PATCH", path: leader, token: token, status: 200,
		body: map[string]string{"pronoun": "they"}})
	k.do(call{name: "unknown pronoun", method: "PATCH", path: leader, token: token, status: 422, offSpec: true,
		body: map[string]string{"pronoun": "it"}})
	k.do(call{name: "a rater's address", method: "PATCH", path: leader, token: token, status: 422,
		body: map[string]string{"email": "pat@example.com"}})
	k.do(call{name: "unknown field", method: "PATCH", path: leader, token: token, status: 400, offSpec: true,
		body: map[string]string{"nickname": "A"}})
	k.do(call{name: "unknown leader", method: "PATCH", path: "/api/v1/leaders/999999", token: token, status: 404,
		body: map[string]string{"title": "CTO"}})

	resp := k.do(call{name: "second draft", method: "POST", path: "/api/v1/rounds", token: token, status: 201,
		body: map[string]any{"leader_id": leaderID, "framework_key": "leadership", "title": "Autumn 360",
			"closes_at": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)}})
	var draft struct{ ID int64 }
	resp.JSON(k.t, &draft)
	round := fmt.Sprintf("/api/v1/rounds/%d", draft.ID)
	k.do(call{name: "copy raters", method: "POST", path: round + "/raters/copy", token: token, status: 201,
		body: map[string]any{"from_round_id": roundID}})
	k.do(call{name: "copy from nowhere", method: "POST", path: round + "/raters/copy", token: token, status: 422,
		body: map[string]any{"from_round_id": 999999}})
	k.do(call{name: "import a semicolon CSV", method: "POST", path: round + "/raters/import", token: token, status: 201,
		contentType: "text/csv", body: "\ufeffFull name;E-mail;Group\r\nRay Client;ray@example.com;client\r\n;;\r\n"})
	k.do(call{name: "import with faults", method: "POST", path: round + "/raters/import", token: token, status: 422,
		contentType: "text/csv", body: "name,email,relationship\nBo,not-an-email,peer\nCy,cy@example.com,friend\n"})
	k.do(call{name: "import JSON", method: "POST", path: round + "/raters/import", token: token, status: 400, offSpec: true,
		body: map[string]string{"csv": "Bo,bo@example.com,peer"}})
	k.do(call{name: "import over 256 KB", method: "POST", path: round + "/raters/import", token: token, status: 413,
		contentType: "text/csv", body: strings.Repeat("x", 300<<10)})
	k.do(call{name: "edit the draft", method: "PATCH", path: round, token: token, status: 204,
		body: map[string]any{"title": "Autumn 360 (revised)", "max_reminders": 1}})
	k.do(call{name: "a past deadline", method: "PATCH", path: round, token: token, status: 422,
		body: map[string]any{"closes_at": "2020-01-01T00:00:00Z"}})
	k.do(call{name: "change the leader", method: "PATCH", path: round, token: token, status: 400, offSpec: true,
		body: map[string]any{"leader_id": leaderID}})
	k.do(call{name: "delete the draft", method: "DELETE", path: round, token: token, status: 204})
	k.do(call{name: "delete it again", method: "DELETE", path: round, token: token, status: 404})
}
