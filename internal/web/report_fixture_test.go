package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// reportFixture is a closed round on the leadership framework: a leader
// with a Greek name, raters with Cyrillic, Greek and Latin names: self,
// one superior, four peers, two direct reports (too few: merged), three
// other stakeholders, some "not able to observe", comments in three scripts,
// and one peer who started but never submitted.
type reportFixture struct {
	app      *testkit.App
	coach    *rapport.Coach // signs in with testkit.CoachPassphrase
	token    string
	leaderID int64
	roundID  int64
	// anonymous raters' names and emails, which must appear nowhere.
	anonymous []string
	items     [][]int64 // item ids per competency
	questions map[string]int64
}

const fixtureLeader = "Ελένη Παπαδοπούλου"

var fixtureRaters = []struct{ name, email, relationship string }{
	{"Дмитрий Соколов", "dmitri.sokolov@example.com", "superior"},
	{"Анна Кузнецова", "anna.kuznetsova@example.com", "peer"},
	{"Игорь Волков", "igor.volkov@example.com", "peer"},
	{"Maria Schmidt", "maria.schmidt@example.com", "peer"},
	{"Νίκος Γεωργίου", "nikos.georgiou@example.com", "peer"},
	{"Ольга Морозова", "olga.morozova@example.com", "direct_report"},
	{"Pavel Novák", "pavel.novak@example.com", "direct_report"},
	{"Татьяна Лебедева", "tatiana.lebedeva@example.com", "other"},
	{"James O'Connor", "james.oconnor@example.com", "other"},
	{"Σοφία Αλεξίου", "sofia.alexiou@example.com", "other"},
	{"Late Peer", "late.peer@example.com", "peer"}, // never submits
}

// fixtureItem00 are the hand-set answers to the first communication item,
// by rater in the order above (self first; the late peer last, never counted): others' mean is 34/10 = 3.4.
var fixtureItem00 = []int{5, 4, 3, 3, 4, 4, 2, 3, 3, 4, 4, 1}

var fixtureComments = map[string][]string{
	"keep": {"Ελένη always makes time to listen — σας ευχαριστώ.", "Её спокойствие в кризисе помогает всей команде.",
		"Clear priorities every Monday.", "Η ειλικρίνειά της χτίζει εμπιστοσύνη.", "Keeps the door open, literally and otherwise."},
	"start": {"Делегировать больше решений команде.", "Share the reasons behind decisions earlier.",
		"Να ζητά τη γνώμη μας πριν από τις μεγάλες αλλαγές.", "Celebrate the small wins too.", "Чаще давать обратную связь лично."},
	"stop": {"Answering emails late at night; it sets the pace for everyone.", "Переписывать наши тексты в последний момент.",
		"Να απαντά για λογαριασμό της ομάδας.", "Booking meetings over lunch."},
	"relationship": {"Πιο συχνές συναντήσεις ένας-προς-έναν.", "More informal time with the wider team.",
		"Больше открытости о том, что происходит наверху.", "Ask how we are, not only where the project is."},
	"healthy": {"Protect recovery time after big launches.", "Меньше срочных задач в пятницу вечером.",
		"Να παίρνει κι εκείνη άδεια — το παράδειγμα μετράει.", "Say no to some requests from above."},
}

func newReportFixture(t *testing.T) *reportFixture {
	t.Helper()
	app := testkit.NewApp(t)
	coach, token := app.SignIn(t)
	f := &reportFixture{app: app, coach: coach, token: token, questions: map[string]int64{}}

	leaderID := app.CreateLeaderThroughAPI(t, token, map[string]string{"name": fixtureLeader,
		"email": "eleni.papadopoulou@example.com", "title": "Chief Operating Officer", "organization": "Αιγαίο Logistics"})
	f.leaderID = leaderID
	f.loadFramework(t)
	// An earlier round on the same framework, closed, for the progress page.
	earlier, _ := f.submittedRound(t, leaderID, "Leadership 360 · Autumn 2025", -1)
	if resp := app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", earlier), token, nil); resp.Status != http.StatusOK {
		t.Fatalf("close: %d %s", resp.Status, resp.Body)
	}
	var raterIDs []int64
	f.roundID, raterIDs = f.submittedRound(t, leaderID, "Leadership 360 · Spring 2026", 0)
	db := testkit.RawDB(t, app.Cfg)
	// The late peer's answers are saved but never submitted: they must not count.
	db.MustExec(`UPDATE raters SET status = 'in_progress', submitted_at = NULL WHERE id = ?`, raterIDs[len(raterIDs)-1])
	return f
}

// fixtureScore is rater r's answer to item ii of competency ci (r = 0 is
// self, then fixtureRaters in order); nil is "not able to observe".
func fixtureScore(r, ci, ii int) *int {
	v := func(n int) *int { n = max(1, min(5, n)); return &n }
	if ci == 0 && ii == 0 {
		return v(fixtureItem00[r])
	}
	switch {
	case r >= 5 && r <= 6 && ci == 3 && ii < 2: // direct reports cannot see some decisions
		return nil
	case r >= 2 && r <= 3 && ci == 3 && ii == 2: // two peers cannot either: their cell shrinks to two
		return nil
	case r == 9 && ci == 1 && ii == 4:
		return nil
	}
	if r == 0 { // self: higher on communication, lower on empathy and teambuilding
		switch ci {
		case 0:
			return v(5)
		case 4, 7:
			return v(2 + ii%2)
		}
		return v(4 - ii%3/2)
	}
	base := []int{3, 4, 3, 4, 5, 3, 3, 5}[ci]
	return v(base + (r*7+ii*3)%3 - 1 + (r+ii)%2*(ii%3/2))
}

// loadFramework reads the leadership framework's item and question ids.
func (f *reportFixture) loadFramework(t *testing.T) {
	var fw struct {
		Competencies  []struct{ Items []struct{ ID int64 } }
		OpenQuestions []struct {
			Key string
		} `json:"open_questions"`
	}
	f.app.Do("GET", "/api/v1/frameworks/leadership", f.token, nil).JSON(t, &fw)
	for _, c := range fw.Competencies {
		var ids []int64
		for _, it := range c.Items {
			ids = append(ids, it.ID)
		}
		f.items = append(f.items, ids)
	}
	db := testkit.RawDB(t, f.app.Cfg)
	for _, q := range fw.OpenQuestions {
		var id int64
		if err := db.Get(&id, `SELECT q.id FROM open_questions q JOIN frameworks f ON f.id = q.framework_id
			WHERE f.key = 'leadership' AND q.key = ?`, q.Key); err != nil {
			t.Fatal(err)
		}
		f.questions[q.Key] = id
	}
}

// roundShift is how much rater r's answers to competency ci differ in a
// round shifted by shift: others by shift on every other competency; self
// (r = 0) rated themself a point higher on the even competencies before
// (more modest after the feedback) and a point lower on empathy (grown).
func roundShift(r, ci, shift int) int {
	switch {
	case r > 0 && ci%2 == 1:
		return shift
	case r == 0 && ci == 7:
		return shift
	case r == 0 && ci%2 == 0:
		return -shift
	}
	return 0
}

// submittedRound creates and launches a round with every fixture rater and
// submits everyone's answers, shifted as roundShift says.
func (f *reportFixture) submittedRound(t *testing.T, leaderID int64, title string, shift int) (int64, []int64) {
	spec := testkit.APIRound{LeaderID: leaderID, Title: title, ClosesAt: time.Now().Add(14 * 24 * time.Hour)}
	f.anonymous = nil
	for _, p := range fixtureRaters {
		spec.Raters = append(spec.Raters, testkit.APIRater{Name: p.name, Email: p.email, Relationship: p.relationship})
		if p.relationship != "superior" {
			f.anonymous = append(f.anonymous, p.name, p.email)
		}
	}
	round := f.app.LaunchThroughAPI(t, f.token, spec)
	raterIDs := round.RaterIDs
	written := map[string]int{}
	for r, id := range raterIDs {
		scores := map[int64]*int{}
		for ci, items := range f.items {
			for ii, item := range items {
				scores[item] = fixtureScore(r, ci, ii)
				if s := scores[item]; s != nil && shift != 0 {
					if d := roundShift(r, ci, shift); d != 0 {
						v := max(1, min(5, *s+d))
						scores[item] = &v
					}
				}
			}
		}
		comments := map[int64]string{}
		if r > 0 {
			for _, key := range []string{"keep", "start", "stop", "relationship", "healthy"} {
				if list := fixtureComments[key]; (r+len(key))%3 == 0 {
					comments[f.questions[key]] = list[written[key]%len(list)]
					written[key]++
				}
			}
		}
		f.app.SubmitResponse(t, id, scores, comments)
	}
	return round.ID, raterIDs
}

// release releases the fixture's closed round through the API and returns
// the answer and the leader's report token, opened from its sealed copy.
func (f *reportFixture) release(t *testing.T) (*testkit.Response, string) {
	t.Helper()
	resp := f.app.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/release", f.roundID), f.token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("release: %d %s", resp.Status, resp.Body)
	}
	var sealed []byte
	if err := testkit.RawDB(t, f.app.Cfg).Get(&sealed, `SELECT report_token_sealed FROM rounds WHERE id = ?`, f.roundID); err != nil {
		t.Fatal(err)
	}
	token, err := testkit.Keys(t).Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	return resp, token
}
