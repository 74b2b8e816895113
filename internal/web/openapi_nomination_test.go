package web_test

import (
	"fmt"

	"github.com/rapporthq/rapport/internal/testkit"
)

// nominationByContract has the leader of a draft round propose two raters
// through the nomination link; the coach approves one, removes both again
// (so the session's later counts are unchanged) and launch waits meanwhile.
func nominationByContract(k *contract, token string, roundID int64) {
	api := fmt.Sprintf("/api/v1/rounds/%d", roundID)
	k.do(call{name: "send nomination", method: "POST", path: api + "/nomination", token: token, status: 201})
	var sealed []byte
	if err := rawDB(k.t, k.app).Get(&sealed, `SELECT token_sealed FROM nominations WHERE round_id = ?`, roundID); err != nil {
		k.t.Fatal(err)
	}
	link, err := testkit.Keys(k.t).Open(sealed)
	if err != nil {
		k.t.Fatal(err)
	}
	path := "/api/v1/nomination/" + link
	list := func(email string) map[string]any {
		return map[string]any{"nominees": []map[string]string{
			{"name": "Nia Nominee", "email": "nia@example.com", "relationship": "peer"},
			{"name": "Ned Nominee", "email": email, "relationship": "other"}}}
	}
	k.do(call{name: "get nomination", method: "GET", path: path, status: 200})
	k.do(call{name: "nominee with a bad email", method: "PUT", path: path, status: 422, offSpec: true, body: list("ned.example.com")})
	k.do(call{name: "save nomination", method: "PUT", path: path, status: 200, body: list("ned@example.com")})
	k.do(call{name: "submit nomination", method: "POST", path: path + "/submit", status: 200})
	k.do(call{name: "submit nomination twice", method: "POST", path: path + "/submit", status: 409})
	k.do(call{name: "unknown nomination", method: "GET", path: "/api/v1/nomination/" + testkit.Secret[:43], status: 404})
	k.do(call{name: "launch with proposals", method: "POST", path: api + "/launch", token: token, status: 409})
	var round struct {
		Raters []struct {
			ID     int64
			Status string
		}
	}
	k.do(call{name: "round with proposals", method: "GET", path: api, token: token, status: 200}).JSON(k.t, &round)
	approved := false
	for _, r := range round.Raters {
		if r.Status != "proposed" {
			continue
		}
		rater := fmt.Sprintf("%s/raters/%d", api, r.ID)
		if !approved {
			k.do(call{name: "approve", method: "POST", path: rater + "/approve", token: token, status: 200})
			k.do(call{name: "approve twice", method: "POST", path: rater + "/approve", token: token, status: 409})
			approved = true
		}
		k.do(call{name: "remove proposal", method: "DELETE", path: rater, token: token, status: 204})
	}
}
