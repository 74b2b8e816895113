package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

type summaryView struct {
	RoundID            int64          `json:"round_id"`
	AnonymityThreshold int            `json:"anonymity_threshold"`
	Responses          map[string]int `json:"responses"`
	Groups             []struct {
		Key     string
		Label   string
		Members []string
		N       int
	}
	Competencies []struct {
		Key    string
		Name   string
		Scores map[string]*struct {
			Mean float64
			N    int
			SD   float64
		}
		Change   map[string]float64
		Previous map[string]float64
	}
	Items []struct {
		ID            int64
		CompetencyKey string `json:"competency_key"`
		Text          string
		Scores        map[string]*struct {
			Mean float64
			N    int
			SD   float64
		}
		Distribution map[string][]int
		NA           map[string]int
	}
	TopItems        []struct{ ID int64 } `json:"top_items"`
	BottomItems     []struct{ ID int64 } `json:"bottom_items"`
	BlindSpots      []struct{ ID int64 } `json:"blind_spots"`
	HiddenStrengths []struct{ ID int64 } `json:"hidden_strengths"`
	Comments        []struct {
		QuestionKey string `json:"question_key"`
		Group       string
		Text        string
	}
}

func TestSummary(t *testing.T) {
	f := newReportFixture(t)
	path := fmt.Sprintf("/api/v1/rounds/%d/summary", f.roundID)

	t.Run("RefusedWhileTheRoundIsADraft", func(t *testing.T) {
		draft := createRound(t, f.app, f.token, createLeader(t, f.app, f.token, "Draft Leader"))
		expectError(t, f.app.Do("GET", fmt.Sprintf("/api/v1/rounds/%d/summary", draft), f.token, nil), http.StatusConflict, "")
	})
	t.Run("RefusedWhileTheRoundIsOpen", func(t *testing.T) {
		expectError(t, f.app.Do("GET", path, f.token, nil), http.StatusConflict, "")
	})
	if resp := f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", f.roundID), f.token, nil); resp.Status != http.StatusOK {
		t.Fatalf("close: %d %s", resp.Status, resp.Body)
	}
	resp := f.app.Do("GET", path, f.token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("summary: %d %s", resp.Status, resp.Body)
	}
	var s summaryView
	resp.JSON(t, &s)

	t.Run("CountsSubmittedRatersOnly", func(t *testing.T) {
		want := map[string]int{"self": 1, "superior": 1, "peer": 4, "direct_report": 2, "other": 3}
		for k, n := range want {
			if s.Responses[k] != n {
				t.Errorf("responses %v, want %v", s.Responses, want)
			}
		}
	})
	t.Run("MergesTheTwoDirectReportsWithTheOthers", func(t *testing.T) {
		var keys []string
		for _, g := range s.Groups {
			keys = append(keys, g.Key)
			if g.Key == "combined" && (strings.Join(g.Members, ",") != "direct_report,other" || g.N != 5) {
				t.Errorf("combined %+v", g)
			}
		}
		if strings.Join(keys, ",") != "self,superior,peer,combined,all_others" {
			t.Errorf("groups %v", keys)
		}
	})
	t.Run("FiguresMatchTheHandComputedItem", func(t *testing.T) {
		it := s.Items[0]
		all, self, peer := it.Scores["all_others"], it.Scores["self"], it.Scores["peer"]
		if all == nil || all.Mean != 3.4 || all.N != 10 || all.SD != 0.66 { // 34/10; Σx²=120: sqrt(12 − 11.56)
			t.Errorf("all_others %+v", all)
		}
		if self == nil || self.Mean != 5 || peer == nil || peer.Mean != 3.5 || peer.N != 4 {
			t.Errorf("self %+v peer %+v", self, peer)
		}
		if d := fmt.Sprint(it.Distribution["all_others"]); d != "[0 1 4 5 0]" {
			t.Errorf("distribution %s", d)
		}
		if !strings.HasPrefix(it.Text, "Ελένη ") {
			t.Errorf("item text %q", it.Text)
		}
	})
	t.Run("HidesTheShrunkenCellAndItsComplement", func(t *testing.T) {
		item := s.Items[3*6+2] // decision making, item 3: two of four peers chose N/A
		if item.Scores["peer"] != nil || item.Scores["combined"] != nil || item.Distribution["peer"] != nil {
			t.Errorf("item shows %v", item.Scores)
		}
		if item.NA["peer"] != 2 || item.Scores["all_others"] == nil {
			t.Errorf("na %v, all_others %v", item.NA, item.Scores["all_others"])
		}
		if s.Competencies[3].Scores["peer"] != nil {
			t.Error("decision making shows peers although one of its cells is hidden")
		}
	})
	t.Run("NamesNoAnonymousRater", func(t *testing.T) {
		for _, secret := range f.anonymous {
			if strings.Contains(string(resp.Body), secret) {
				t.Errorf("summary names %q", secret)
			}
		}
		for _, key := range []string{`"direct_report":{`, `"other":{`, `"group":"direct_report"`, `"group":"other"`} {
			if strings.Contains(string(resp.Body), key) {
				t.Errorf("summary reports a merged group on its own: %s", key)
			}
		}
	})
	t.Run("FindsBlindSpotsAndHiddenStrengths", func(t *testing.T) {
		if len(s.BlindSpots) == 0 || len(s.HiddenStrengths) == 0 || len(s.TopItems) != 5 || len(s.BottomItems) != 5 {
			t.Errorf("blind %d hidden %d top %d bottom %d", len(s.BlindSpots), len(s.HiddenStrengths), len(s.TopItems), len(s.BottomItems))
		}
	})
	t.Run("CommentsCarryReportedGroupsOnly", func(t *testing.T) {
		if len(s.Comments) == 0 {
			t.Fatal("no comments")
		}
		for _, c := range s.Comments {
			if c.Group != "superior" && c.Group != "peer" && c.Group != "combined" {
				t.Errorf("comment labelled %q", c.Group)
			}
		}
	})
	t.Run("AnotherCoachCannotSeeIt", func(t *testing.T) {
		_, other := f.app.SignIn(t)
		expectError(t, f.app.Do("GET", path, other, nil), http.StatusNotFound, "")
	})
}
