//go:build ext

package ext_test

import (
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/bench"
	"github.com/rapporthq/rapport/internal/testkit"
)

// instance is a real `rapport serve` sending its mail to mailpit, with one
// coach who has been through a whole round: the pages and emails every
// kind of user meets exist on it.
type instance struct {
	srv      *testkit.Server
	mailpit  *testkit.Mailpit
	cookie   string // the coach's session, for the coach's pages
	pages    map[string]string
	pdfPath  string // the round's report PDF, through the API
	apiToken string
}

const coachEmail, coachPassword = "dana.coach@example.org", "a long passphrase for the checks"

var tokenRE = regexp.MustCompile(`/([snru])/([A-Za-z0-9_-]{43})`)

func startInstance(t *testing.T) *instance {
	t.Helper()
	root := testkit.RepoRoot(t)
	bin, err := bench.BuildBinary(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mp := testkit.StartMailpit(t)
	data := t.TempDir()
	add := exec.Command(bin, "coach", "add", "--email", coachEmail, "--name", "Dana Coach")
	add.Env = append(add.Environ(), "RAPPORT_DATA_DIR="+data)
	add.Stdin = strings.NewReader(coachPassword + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("coach add: %v\n%s", err, out)
	}
	p, err := bench.Start(bin, data, "RAPPORT_SMTP_URL="+mp.SMTPURL, "RAPPORT_MAIL_FROM=Rapport <rapport@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop() })
	in := &instance{srv: testkit.Remote(t, p.URL), mailpit: mp, pages: map[string]string{}}
	in.walkThrough(t)
	return in
}

// walkThrough runs a round as a coach, a leader and raters would: a
// nomination, a launch, answers, close and release, through the API.
func (in *instance) walkThrough(t *testing.T) {
	s := in.srv
	var tok struct{ Token string }
	s.Do("POST", "/api/v1/tokens", "", map[string]string{"email": coachEmail, "password": coachPassword}).JSON(t, &tok)
	api := tok.Token
	leader := s.CreateLeaderThroughAPI(t, api, map[string]string{"name": "Sofía Martínez-Ölander", "email": "sofia@example.org",
		"title": "Head of Operations", "organization": "Αιγαίο Logistics"})

	// A draft round whose raters the leader proposes.
	var draft struct{ ID int64 }
	s.Do("POST", "/api/v1/rounds", api, map[string]any{"leader_id": leader, "framework_key": "leadership",
		"title": "Autumn 360 🍂", "closes_at": time.Now().Add(21 * 24 * time.Hour).UTC().Format(time.RFC3339)}).JSON(t, &draft)
	must(t, s.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/nomination", draft.ID), api, nil), http.StatusCreated)
	nomination := in.waitToken(t, "sofia@example.org", "n", 1)
	must(t, s.Do("PUT", "/api/v1/nomination/"+nomination, "", map[string]any{"nominees": []map[string]string{
		{"name": "Jonas Weber", "email": "jonas@example.org", "relationship": "peer"}}}), http.StatusOK)
	in.pages["nomination"] = "/n/" + nomination

	// A launched round: the leader, a manager, three peers, three reports.
	raters := []testkit.APIRater{{Name: "Mira Okafor", Email: "mira@example.org", Relationship: "superior"}}
	for i, n := range []string{"Chen Wei", "Ama Mensah", "Lukas Nowak"} {
		raters = append(raters, testkit.APIRater{Name: n, Email: fmt.Sprintf("peer%d@example.org", i), Relationship: "peer"})
	}
	for i, n := range []string{"Ελένη Παππά", "Иван Петров", "Zoë Laurent", "Noah Fischer"} {
		raters = append(raters, testkit.APIRater{Name: n, Email: fmt.Sprintf("report%d@example.org", i), Relationship: "direct_report"})
	}
	round := s.LaunchThroughAPI(t, api, testkit.APIRound{LeaderID: leader, Title: "Spring 360 🌸",
		ClosesAt: time.Now().Add(14 * 24 * time.Hour), TimeZone: "Europe/Lisbon", Raters: raters})
	surveys := map[string]string{"sofia@example.org": in.waitToken(t, "sofia@example.org", "s", 1)}
	for _, r := range raters {
		surveys[r.Email] = in.waitToken(t, r.Email, "s", 1)
	}
	// One report has not answered yet: their survey and unsubscribe pages.
	in.pages["survey"] = "/s/" + surveys["report3@example.org"]
	in.pages["unsubscribe"] = "/u/" + in.waitToken(t, "report3@example.org", "u", 1)
	for email, token := range surveys {
		if email != "report3@example.org" {
			answer(t, s, token)
		}
	}
	must(t, s.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/close", round.ID), api, nil), http.StatusOK)
	must(t, s.Do("POST", fmt.Sprintf("/api/v1/rounds/%d/release", round.ID), api, nil), http.StatusOK)
	in.pages["leader's report"] = "/r/" + in.waitToken(t, "sofia@example.org", "r", 1)

	in.cookie = in.signIn(t)
	in.pages["sign-in"] = "/login"
	in.pages["dashboard"] = "/"
	in.pages["round"] = fmt.Sprintf("/rounds/%d", round.ID)
	in.pages["coach's report"] = fmt.Sprintf("/rounds/%d/report", round.ID)
	in.pages["leader"] = fmt.Sprintf("/leaders/%d", leader)
	in.pages["leaders"] = "/leaders"
	in.pages["draft round"] = fmt.Sprintf("/rounds/%d", draft.ID)
	in.pages["edit round"] = fmt.Sprintf("/rounds/%d/edit", draft.ID)
	in.pages["new round"] = "/rounds/new"
	in.pages["preview"] = fmt.Sprintf("/rounds/%d/preview?as=peer", draft.ID)
	in.pages["frameworks"] = "/frameworks"
	in.pages["framework"] = "/frameworks/leadership"
	in.pages["settings"] = "/settings"
	in.pages["audit trail"] = "/audit"
	in.pages["survey answered"] = "/s/" + surveys["peer0@example.org"]
	in.pdfPath = fmt.Sprintf("/api/v1/rounds/%d/report.pdf", round.ID)
	in.apiToken = api
}

// answer submits a whole survey through the rater's API with varied
// scores, one in ten "not able to observe", and a comment.
func answer(t *testing.T, s *testkit.Server, token string) {
	var sv struct {
		Scale         struct{ Min, Max int }
		Competencies  []struct{ Items []struct{ ID int64 } }
		OpenQuestions []struct{ Key string } `json:"open_questions"`
	}
	s.Do("GET", "/api/v1/survey/"+token, "", nil).JSON(t, &sv)
	answers, i := map[string]any{}, 0
	for _, c := range sv.Competencies {
		for _, item := range c.Items {
			i++
			if i%10 == 0 {
				answers[fmt.Sprint(item.ID)] = nil
			} else {
				answers[fmt.Sprint(item.ID)] = sv.Scale.Min + (i+len(token))%(sv.Scale.Max-sv.Scale.Min+1)
			}
		}
	}
	comments := map[string]string{}
	if len(sv.OpenQuestions) > 0 {
		comments[sv.OpenQuestions[0].Key] = "Listens well in one-to-ones; in larger meetings the quieter voices get less room. Ελπίζω να συνεχίσει! 🙏"
	}
	must(t, s.Do("POST", "/api/v1/survey/"+token+"/submit", "", map[string]any{"answers": answers, "comments": comments}), http.StatusOK)
}

// waitToken waits for the n-th email to addr holding a link of kind
// ("s", "n", "r", "u") and returns its token.
func (in *instance) waitToken(t *testing.T, addr, kind string, n int) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var found []string
		for _, m := range in.mailpit.Messages(t) {
			if !m.SentTo(addr) {
				continue
			}
			for _, sub := range tokenRE.FindAllStringSubmatch(in.mailpit.Text(t, m.ID), -1) {
				if sub[1] == kind {
					found = append(found, sub[2])
					break
				}
			}
		}
		if len(found) >= n {
			return found[len(found)-n]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no email to %s with a /%s/ link arrived", addr, kind)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// signIn signs the coach in through the form and returns the session
// cookie, as a browser would send it.
func (in *instance) signIn(t *testing.T) string {
	req, _ := http.NewRequest("POST", in.srv.URL+"/login", strings.NewReader("email="+coachEmail+"&password="+strings.ReplaceAll(coachPassword, " ", "+")))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Value != "" {
			return c.Name + "=" + c.Value
		}
	}
	t.Fatalf("sign-in set no cookie: %s", resp.Status)
	return ""
}

func must(t *testing.T, resp *testkit.Response, status int) {
	t.Helper()
	if resp.Status != status {
		t.Fatalf("status %d, want %d: %s", resp.Status, status, resp.Body)
	}
}
