package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// personalDataByContract exports the leader, erases a rater of the closed
// round, then erases the leader; leader.json is held to LeaderExport.
func personalDataByContract(k *contract, token string, leaderID, roundID int64) {
	leader := fmt.Sprintf("/api/v1/leaders/%d", leaderID)
	resp := k.do(call{name: "export a leader", method: "GET", path: leader + "/export", token: token, status: 200})
	files := openZip(k.t, resp)
	schema := k.doc.Components.Schemas["LeaderExport"].Value
	var doc any
	if err := json.Unmarshal(files["leader.json"], &doc); err != nil {
		k.t.Fatalf("leader.json: %v", err)
	}
	if err := schema.VisitJSON(doc); err != nil {
		k.t.Errorf("leader.json does not match LeaderExport: %v", err)
	}
	k.do(call{name: "export all", method: "GET", path: "/api/v1/export", token: token, status: 200})
	k.do(call{name: "export an unknown leader", method: "GET", path: "/api/v1/leaders/999999/export", token: token, status: 404})

	api := fmt.Sprintf("/api/v1/rounds/%d", roundID)
	var round struct {
		Raters []struct {
			ID           int64
			Relationship string
		}
	}
	k.do(call{name: "round to erase a rater of", method: "GET", path: api, token: token, status: 200}).JSON(k.t, &round)
	rater := round.Raters[len(round.Raters)-1].ID
	k.do(call{name: "erase a rater after close", method: "DELETE", path: fmt.Sprintf("%s/raters/%d", api, rater), token: token, status: 204})
	k.do(call{name: "round with an erased rater", method: "GET", path: api, token: token, status: 200})

	k.do(call{name: "erase an unknown leader", method: "DELETE", path: "/api/v1/leaders/999999", token: token, status: 404})
	k.do(call{name: "erase the leader", method: "DELETE", path: leader, token: token, status: http.StatusNoContent})
	k.do(call{name: "the erased leader", method: "GET", path: leader, token: token, status: 404})
	k.do(call{name: "the erased leader's round", method: "GET", path: api, token: token, status: 404})
}
