package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// newLeaderAndRound creates a leader and a draft round through the pages
// and returns the round's path.
func newLeaderAndRound(t *testing.T, b *browser, name string) string {
	t.Helper()
	p := b.post("/leaders", url.Values{"name": {name}, "email": {strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com"}})
	expectRedirect(t, p, "/leaders/")
	leaderID := strings.TrimPrefix(p.Location, "/leaders/")
	p = b.post("/rounds", roundForm(leaderID, nil))
	expectRedirect(t, p, "/rounds/")
	return p.Location
}

func roundForm(leaderID string, change map[string]string) url.Values {
	v := url.Values{"leader_id": {leaderID}, "framework_key": {"leadership"}, "title": {"Spring 360"},
		"closes_at": {time.Now().UTC().AddDate(0, 0, 14).Format("2006-01-02T15:04")}, "timezone": {"Europe/Berlin"},
		"anonymity_threshold": {"3"}, "reminder_days": {"3"}, "max_reminders": {"3"}}
	for k, val := range change {
		v.Set(k, val)
	}
	return v
}

func TestLeadersAndRoundsPages(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	db := rawDB(t, app)

	t.Run("DashboardEmptyStateSaysWhatToDo", func(t *testing.T) {
		expectStatus(t, b.get("/"), 200, "No rounds yet", "Add your first leader")
	})
	t.Run("CreatesALeader", func(t *testing.T) {
		p := b.post("/leaders", url.Values{"name": {"Marta Kowalska"}, "email": {"marta@example.com"}, "title": {"COO"}})
		expectRedirect(t, p, "/leaders/")
		expectStatus(t, b.get(p.Location), 200, "Marta Kowalska", "was added", "Create a round")
	})
	t.Run("RefusesASecondLeaderWithTheSameEmail", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM leaders`)
		p := b.post("/leaders", url.Values{"name": {"Marta Again"}, "email": {"MARTA@example.com"}})
		expectStatus(t, p, 409, "You already have a leader with the email address MARTA@example.com.", `value="Marta Again"`)
		expectInvalid(t, p, "email")
		if count(t, db, `SELECT count(*) FROM leaders`) != before {
			t.Error("a duplicate leader was stored")
		}
	})
	t.Run("RefusesABadLeaderKeepingTheInput", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM leaders`)
		p := b.post("/leaders", url.Values{"name": {"Jan Nowak"}, "email": {"not-an-email"}, "organization": {"Acme"}})
		expectStatus(t, p, 422, "is not a valid email address", `value="Jan Nowak"`, `value="Acme"`, `aria-invalid="true"`)
		if count(t, db, `SELECT count(*) FROM leaders`) != before {
			t.Error("a refused form created a leader")
		}
	})
	leaderID := fmt.Sprint(count(t, db, `SELECT max(id) FROM leaders`))
	var roundPath string
	t.Run("CreatesARoundReadingTheDeadlineInTheChosenZone", func(t *testing.T) {
		berlin, _ := time.LoadLocation("Europe/Berlin")
		day := time.Now().AddDate(0, 0, 30).Format("2006-01-02")
		closes, _ := time.ParseInLocation("2006-01-02T15:04", day+"T17:00", berlin)
		p := b.post("/rounds", roundForm(leaderID, map[string]string{"closes_at": day + "T17:00", "timezone": "Europe/Berlin"}))
		expectRedirect(t, p, "/rounds/")
		roundPath = p.Location
		// Shown back as typed, naming the zone: 17:00 in Berlin, not in UTC.
		want := strings.ReplaceAll(rapport.FormatDeadline(closes, "Europe/Berlin"), "+", "&#43;")
		if !strings.Contains(want, "17:00 (Europe/Berlin, UTC&#43;") {
			t.Fatalf("FormatDeadline = %q", want)
		}
		// The round page names its zone once and writes its times in it.
		expectStatus(t, b.get(roundPath), 200, "Spring 360", "Round created as a draft", closes.Format("Mon 2 Jan 2006, 15:04"),
			"Times on this page are in Europe/Berlin (UTC&#43;", "Launch round")
		// The next new round starts in the zone of this one.
		expectStatus(t, b.get("/rounds/new"), 200, `<option value="Europe/Berlin" selected>Berlin (Germany) · Europe</option>`)
	})
	bad := []struct{ name, field, value, message string }{
		{"PastDeadline", "closes_at", "2020-01-01T10:00", "The deadline must be in the future."},
		{"GarbledDeadline", "closes_at", "soon", "Enter the deadline as a date and a time"},
		{"UnknownZone", "timezone", "Mars/Olympus", "Choose the time zone"},
		{"ThresholdOfOne", "anonymity_threshold", "1", "must be between 2 and 10"},
		{"NoTitle", "title", " ", "Enter the round&#39;s title."},
		{"ZeroReminderDays", "reminder_days", "0", "Remind every 1 to 30 days"},
		{"NoLeader", "leader_id", "", "Choose the leader"},
	}
	for _, tc := range bad {
		t.Run("RefusesRoundWith"+tc.name, func(t *testing.T) {
			before := count(t, db, `SELECT count(*) FROM rounds`)
			p := b.post("/rounds", roundForm(leaderID, map[string]string{tc.field: tc.value, "title": map[bool]string{true: " ", false: "Kept title"}[tc.field == "title"]}))
			expectStatus(t, p, 422, tc.message, `aria-invalid="true"`)
			if tc.field != "title" && !strings.Contains(p.Body, `value="Kept title"`) {
				t.Error("the title was not kept")
			}
			if count(t, db, `SELECT count(*) FROM rounds`) != before {
				t.Error("a refused form created a round")
			}
		})
	}
	t.Run("PointsOutEveryFaultOfARoundAtOnce", func(t *testing.T) {
		p := b.post("/rounds", roundForm(leaderID, map[string]string{"title": "Kept title", "closes_at": "2020-01-01T10:00",
			"anonymity_threshold": "1", "reminder_days": "0", "max_reminders": "11"}))
		expectStatus(t, p, 422, "The deadline must be in the future.", "must be between 2 and 10", "Remind every 1 to 30 days.",
			"Send between 0 and 10 reminders.", `value="Kept title"`, `value="11"`)
		expectInvalid(t, p, "closes_at", "anonymity_threshold", "reminder_days", "max_reminders")
	})
	t.Run("PointsOutEveryFaultOfALeaderAtOnce", func(t *testing.T) {
		p := b.post("/leaders", url.Values{"name": {" "}, "email": {"nope"}, "organization": {"Acme"}})
		expectStatus(t, p, 422, "Enter the leader&#39;s name.", "is not a valid email address", `value="Acme"`)
		expectInvalid(t, p, "name", "email")
	})
	t.Run("EditsADraftsSettings", func(t *testing.T) {
		expectStatus(t, b.get(roundPath+"/edit"), 200, `value="Spring 360"`)
		day := time.Now().UTC().AddDate(0, 0, 40)
		p := b.post(roundPath+"/edit", url.Values{"title": {"Autumn 360"}, "closes_at": {day.Format("2006-01-02") + "T09:30"}, "timezone": {"Europe/Athens"},
			"anonymity_threshold": {"4"}, "reminder_days": {"2"}, "max_reminders": {"1"}})
		expectRedirect(t, p, roundPath)
		athens, _ := time.LoadLocation("Europe/Athens")
		at, _ := time.ParseInLocation("2006-01-02T15:04", day.Format("2006-01-02")+"T09:30", athens)
		shown := rapport.FormatDeadline(at, "Europe/Athens")
		if !strings.Contains(shown, "09:30 (Europe/Athens, UTC+") {
			t.Fatalf("FormatDeadline = %q", shown)
		}
		expectStatus(t, b.get(roundPath), 200, "Autumn 360", at.Format("Mon 2 Jan 2006, 15:04"), "in Europe/Athens (UTC&#43;", "4 per group", "every 2 days, at most 1")
		// The edit page reopens the deadline as typed, in its zone.
		expectStatus(t, b.get(roundPath+"/edit"), 200, `value="`+day.Format("2006-01-02")+`T09:30"`,
			`<option value="Europe/Athens" selected>Athens (Greece) · Europe</option>`)
		if n := count(t, db, `SELECT count(*) FROM rounds WHERE time_zone = 'Europe/Athens' AND closes_at = ?`, at.Unix()); n != 1 {
			t.Errorf("rounds stored in Athens at %v: %d, want 1", at, n)
		}
		expectStatus(t, b.post(roundPath+"/edit", url.Values{"title": {"X"}, "closes_at": {"2001-01-01T00:00"}, "timezone": {"UTC"},
			"anonymity_threshold": {"4"}, "reminder_days": {"2"}, "max_reminders": {"1"}}), 422, "in the future")
	})
	t.Run("DashboardListsTheRoundWithItsGroups", func(t *testing.T) {
		p := b.get("/")
		expectStatus(t, p, 200, "Autumn 360", "Marta Kowalska", "Draft", `aria-label="Self: 0 of 1 submitted"`)
	})
	t.Run("PreviewsTheQuestionnaireBothWays", func(t *testing.T) {
		self := b.get(roundPath + "/preview?as=self")
		expectStatus(t, self, 200, "As the leader", "Your self-assessment")
		others := b.get(roundPath + "/preview?as=others")
		expectStatus(t, others, 200, "Marta ", "Feedback for <bdi>Marta Kowalska</bdi>")
		if !strings.Contains(text(self), " I ") || strings.Contains(others.Body, "{leader}") || strings.Contains(self.Body, "{leader}") {
			t.Errorf("wording not applied:\nself %.500s\nothers %.500s", text(self), text(others))
		}
	})
	t.Run("PreviewIsTheRealSurveyPageReadOnly", func(t *testing.T) {
		for as, want := range map[string]string{"self": "yourself", "superior": "Marta’s manager",
			"peer": "a peer of Marta", "direct_report": "someone who reports to Marta", "other": "someone who works with Marta"} {
			p := b.get(roundPath + "/preview?as=" + as)
			expectStatus(t, p, 200, "Preview: the survey as", `<fieldset class="item"`, "Not able to observe", "In your own words")
			if !strings.Contains(strings.ToLower(text(p)), strings.ToLower(want)) {
				t.Errorf("as=%s: the page does not say %q", as, want)
			}
			radios, disabled := strings.Count(p.Body, `type="radio"`), strings.Count(p.Body, ` disabled>`)
			textareas := strings.Count(p.Body, "<textarea")
			if radios < 48*6 || disabled != radios+textareas {
				t.Errorf("as=%s: %d radios and %d text areas, %d disabled; want every one disabled", as, radios, textareas, disabled)
			}
			for _, never := range []string{"<form class=\"survey-form\"", "survey.js", `value="submit"`, `value="save"`, `value="decline"`} {
				if strings.Contains(p.Body, never) {
					t.Errorf("as=%s: the preview has %q; it must not be able to send anything", as, never)
				}
			}
		}
		expectStatus(t, b.get(roundPath+"/preview?as=boss"), 400, "A preview is seen as self, superior, peer, direct_report or other.")
		expectStatus(t, b.post(roundPath+"/preview?as=peer", url.Values{"item-1": {"3"}}), 404)
	})
}

func TestDashboardPutsRoundsNeedingAttentionFirst(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	calm := newLeaderAndRound(t, b, "Calm Leader")
	for i, rel := range []string{"peer", "peer", "peer", "direct_report", "direct_report", "direct_report", "superior"} {
		expectRedirect(t, b.post(calm+"/raters", url.Values{"name": {fmt.Sprintf("R%d", i)}, "email": {fmt.Sprintf("calm%d@example.com", i)}, "relationship": {rel}}), calm)
	}
	urgent := newLeaderAndRound(t, b, "Urgent Leader")
	// Closing in a little under 30 hours, whatever second of the minute the
	// test starts at (the form keeps minutes only): "Closes in 29 hours".
	expectRedirect(t, b.post(urgent+"/edit", url.Values{"title": {"Due soon"}, "closes_at": {time.Now().UTC().Add(30*time.Hour - 10*time.Minute).Format("2006-01-02T15:04")},
		"timezone": {"UTC"}, "anonymity_threshold": {"3"}, "reminder_days": {"3"}, "max_reminders": {"3"}}), urgent)
	small := newLeaderAndRound(t, b, "Small Leader")
	for i, rel := range []string{"peer", "direct_report", "direct_report", "other"} {
		expectRedirect(t, b.post(small+"/raters", url.Values{"name": {"Small " + rel}, "email": {fmt.Sprintf("small%d@example.com", i)}, "relationship": {rel}}), small)
	}
	newest := newLeaderAndRound(t, b, "Newest Calm")
	for i := 0; i < 3; i++ {
		expectRedirect(t, b.post(newest+"/raters", url.Values{"name": {fmt.Sprintf("N%d", i)}, "email": {fmt.Sprintf("n%d@example.com", i)}, "relationship": {"other"}}), newest)
	}
	body := text(b.get("/"))
	idx := func(s string) int {
		i := strings.Index(body, s)
		if i < 0 {
			t.Fatalf("dashboard lacks %q: %s", s, body)
		}
		return i
	}
	if !(idx("Needs attention") < idx("Small Leader") && idx("Small Leader") < idx("Urgent Leader") &&
		idx("Urgent Leader") < idx("Everything else") && idx("Everything else") < idx("Newest Calm") && idx("Newest Calm") < idx("Calm Leader ·")) {
		t.Errorf("wrong order: %s", body)
	}
	for _, want := range []string{"Peers: 1 invited, fewer than the threshold of 3", "Direct reports: 2 invited, fewer than the threshold of 3",
		"Other stakeholders: 1 invited, fewer than the threshold of 3", "Closes in 29 hours"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
}

func multipartCSV(t *testing.T, csv string) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("file", "raters.csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(csv))
	w.WriteField("csv", "")
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestRatersOnTheRoundPage(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	db := rawDB(t, app)
	round := newLeaderAndRound(t, b, "Rita Leader")
	roundID := strings.TrimPrefix(round, "/rounds/")

	t.Run("AddsOneRater", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/raters", url.Values{"name": {"Ana Novak"}, "email": {"ana@example.com"}, "relationship": {"peer"}}), round)
		expectStatus(t, b.get(round), 200, "Ana Novak was added as a peer.", "ana@example.com", "Not opened")
	})
	t.Run("PointsOutEveryFaultOfARaterAtOnce", func(t *testing.T) {
		p := b.post(round+"/raters", url.Values{"name": {" "}, "email": {"ana@"}, "relationship": {"friend"}})
		expectStatus(t, p, 422, "Enter the rater&#39;s name.", "is not a valid email address",
			"use Manager, Peer, Direct report or Other stakeholder.", `<option value="direct_report">Direct report</option>`)
		expectInvalid(t, p, "name", "email", "relationship")
		if strings.Contains(p.Body, `value="self"`) {
			t.Error("the form offers self")
		}
	})
	t.Run("RefusesADuplicateKeepingTheInput", func(t *testing.T) {
		expectStatus(t, b.post(round+"/raters", url.Values{"name": {"Ana Again"}, "email": {"ANA@example.com"}, "relationship": {"other"}}),
			409, "already a rater in this round", `value="Ana Again"`)
	})
	t.Run("WarnsAboutGroupsTooSmallBeforeLaunch", func(t *testing.T) {
		expectStatus(t, b.get(round), 200, `<p class="alert__title"><svg class="icon"`, "Some groups are too small to be reported on their own", "Peers: 1 invited, the threshold is 3.")
	})
	t.Run("ImportReportsEveryBadLineAndImportsNothing", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ?`, roundID)
		csv := "name,email,relationship\nBo Good,bo@example.com,peer\nNo Email,,peer\nCy Dup,cy@example.com,direct report\nCy Again,CY@example.com,other\nAna Novak,ana@example.com,peer\nDi Friend,di@example.com,friend\nToo,many,columns,here\n"
		p := b.post(round+"/raters/import", url.Values{"csv": {csv}})
		expectStatus(t, p, 422, "Nothing was imported", "Line 3:", "Enter the rater&#39;s email address.", "Line 5:", "CY@example.com is also on line 4",
			"Line 6:", "ana@example.com is already a rater", "Line 7:", "&#34;friend&#34; is not a relationship we know: use Manager, Peer, Direct report or Other stakeholder.", "Line 8:", "Expected 3 columns")
		if strings.Contains(p.Body, "Line 2:") || strings.Contains(p.Body, "Line 4:") {
			t.Error("good lines were reported as bad")
		}
		if !strings.Contains(p.Body, "Bo Good,bo@example.com,peer") {
			t.Error("the pasted CSV was not kept")
		}
		if after := count(t, db, `SELECT count(*) FROM raters WHERE round_id = ?`, roundID); after != before {
			t.Errorf("half imported: %d raters before, %d after", before, after)
		}
	})
	t.Run("ImportsAnUploadedFileWithoutHeader", func(t *testing.T) {
		body, ctype := multipartCSV(t, "Bo Good,bo@example.com,peer\r\nCy Dup,cy@example.com,direct_report\r\n\"Smith, Di\",di@example.com,Manager\r\n")
		req, _ := http.NewRequest("POST", app.URL+round+"/raters/import", body)
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		expectRedirect(t, b.do(req), round)
		expectStatus(t, b.get(round), 200, "3 raters imported.", "Smith, Di", "Manager")
	})
	t.Run("RefusesAnEmptyImport", func(t *testing.T) {
		expectStatus(t, b.post(round+"/raters/import", url.Values{"csv": {"name,email,relationship\n"}}), 422, "holds no raters")
	})
	var raterID int
	t.Run("RemovesARaterWhoHasNotStarted", func(t *testing.T) {
		raterID = count(t, db, `SELECT id FROM raters WHERE email = 'bo@example.com'`)
		expectRedirect(t, b.post(fmt.Sprintf("%s/raters/%d/remove", round, raterID), nil), round)
		expectStatus(t, b.get(round), 200, "The rater was removed")
		if count(t, db, `SELECT count(*) FROM raters WHERE id = ?`, raterID) != 0 {
			t.Error("not removed")
		}
	})
	t.Run("RefusesToRemoveAStartedRater", func(t *testing.T) {
		id := count(t, db, `SELECT id FROM raters WHERE email = 'cy@example.com'`)
		if _, err := db.Exec(`UPDATE raters SET status = 'in_progress' WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		expectRedirect(t, b.post(fmt.Sprintf("%s/raters/%d/remove", round, id), nil), round)
		expectStatus(t, b.get(round), 200, "Not removed: this rater has already started answering")
	})
	t.Run("AnotherCoachGetsNotFoundEverywhere", func(t *testing.T) {
		other := newBrowser(t, app)
		other.signIn()
		leaderID := count(t, db, `SELECT leader_id FROM rounds WHERE id = ?`, roundID)
		for _, path := range []string{round, round + "/edit", round + "/preview?as=self", fmt.Sprintf("/leaders/%d", leaderID)} {
			expectStatus(t, other.get(path), 404)
		}
		for _, path := range []string{round + "/raters", round + "/raters/import", round + "/launch", round + "/close", round + "/remind", round + "/edit",
			fmt.Sprintf("%s/raters/%d/remove", round, count(t, db, `SELECT id FROM raters WHERE email = 'ana@example.com'`))} {
			expectStatus(t, other.post(path, url.Values{"name": {"X"}, "email": {"x@example.com"}, "relationship": {"peer"}, "csv": {"X,x@example.com,peer"}}), 404)
		}
		p := other.post("/rounds", roundForm(fmt.Sprint(leaderID), nil))
		expectStatus(t, p, 404)
		if n := count(t, db, `SELECT count(*) FROM raters WHERE email = 'x@example.com'`); n != 0 {
			t.Error("another coach changed the round")
		}
	})
}

func TestRoundActions(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	db := rawDB(t, app)
	round := newLeaderAndRound(t, b, "Action Leader")
	roundID := strings.TrimPrefix(round, "/rounds/")

	t.Run("NoPDFBeforeClosing", func(t *testing.T) {
		expectStatus(t, b.get(round+"/report.pdf"), 409, "only once the round is closed")
	})
	t.Run("LaunchRefusedWithoutRatersSaysWhy", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/launch", nil), round)
		expectStatus(t, b.get(round), 200, "The round was not launched: add at least one rater")
	})
	expectRedirect(t, b.post(round+"/raters/import", url.Values{"csv": {"A,a@example.com,peer\nB,b@example.com,peer\nC,c@example.com,peer\nM,m@example.com,superior"}}), round)
	t.Run("Launches", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/launch", nil), round)
		expectStatus(t, b.get(round), 200, "Launched. Invitations are on their way", "Collecting", "Send reminders now", "Close round")
		if n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'invitation' AND round_id = ?`, roundID); n != 5 {
			t.Errorf("%d invitations, want 5", n)
		}
		expectRedirect(t, b.get(round+"/edit"), round)
		expectStatus(t, b.get(round), 200, "can no longer change")
		expectRedirect(t, b.post(round+"/edit", url.Values{"title": {"Late change"}}), round)
		expectStatus(t, b.get(round), 200, "can no longer change")
		if strings.Contains(b.get(round).Body, `href="`+round+`/edit"`) {
			t.Error("an open round still links to its settings form")
		}
	})
	t.Run("SendsRemindersNow", func(t *testing.T) {
		afterQuietPeriod(t, app) // the invitations went out just now
		expectRedirect(t, b.post(round+"/remind", nil), round)
		expectStatus(t, b.get(round), 200, "Reminders queued for 5 raters")
	})
	t.Run("Closes", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/close", nil), round)
		expectStatus(t, b.get(round), 200, "Closed. Answers are final", "Read the report, hold the debrief", "Download the PDF report")
		expectRedirect(t, b.post(round+"/close", nil), round)
		expectStatus(t, b.get(round), 200, "The round was not closed: the round is closed")
	})
	t.Run("DownloadsThePDFOnceClosed", func(t *testing.T) {
		p := b.get(round + "/report.pdf")
		expectStatus(t, p, 200)
		if !strings.HasPrefix(p.Body, "%PDF-") || p.Header.Get("Content-Type") != "application/pdf" ||
			!strings.Contains(p.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("not a PDF download: %q %q %.20q", p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"), p.Body)
		}
		expectReportName(t, p.Header.Get("Content-Disposition"), "attachment",
			"Rapport 360 - Action Leader - Spring 360.pdf", "Rapport 360 - Action Leader - Spring 360.pdf")
		expectStatus(t, b.get(round), 200, "Download the PDF report")
	})
	t.Run("ReleasesToTheLeaderOnce", func(t *testing.T) {
		expectRedirect(t, b.post(round+"/release", nil), round)
		expectStatus(t, b.get(round), 200, "Released. Action Leader is getting an email", "Released to leader")
		if n := count(t, db, `SELECT count(*) FROM outbox WHERE kind = 'report_released' AND round_id = ?`, roundID); n != 1 {
			t.Errorf("%d report emails, want 1", n)
		}
		expectRedirect(t, b.post(round+"/release", nil), round)
		expectStatus(t, b.get(round), 200, "The report was not released: the report was already released")
	})
}

func TestFrameworkPages(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	t.Run("ListsAndShowsBuiltins", func(t *testing.T) {
		expectStatus(t, b.get("/frameworks"), 200, "Built in", "No frameworks of your own yet")
		p := b.get("/frameworks/leadership")
		expectStatus(t, p, 200, "Duplicate", "Export JSON", "Self: I ")
		if strings.Contains(p.Body, `/frameworks/leadership/edit"`) {
			t.Error("a built-in framework offers editing")
		}
	})
	t.Run("ShowsEachScalePointOnce", func(t *testing.T) {
		// The list's own numbers are the scale's values: "1. Rarely", never "1. 1: Rarely".
		p := b.get("/frameworks/leadership")
		expectStatus(t, p, 200, `<li value="1">Rarely</li>`, `<li value="5">Almost always</li>`)
		if strings.Contains(p.Body, "1: Rarely") {
			t.Error("the scale numbers each point twice")
		}
		expectStatus(t, b.get("/frameworks/leadership/edit"), 200, "Built-in frameworks cannot be changed")
		expectStatus(t, b.post("/frameworks/leadership/edit", url.Values{"name": {"Mine now"}}), 422, "Built-in frameworks cannot be changed")
	})
	t.Run("DuplicatesABuiltin", func(t *testing.T) {
		expectStatus(t, b.post("/frameworks/leadership/duplicate", url.Values{"key": {"Bad Key"}, "name": {"My copy"}}), 422, "key must be", `value="My copy"`)
		expectStatus(t, b.post("/frameworks/leadership/duplicate", url.Values{"key": {"executive"}, "name": {"My copy"}}), 409, "already exists")
		expectRedirect(t, b.post("/frameworks/leadership/duplicate", url.Values{"key": {"my-lead"}, "name": {"My copy"}}), "/frameworks/my-lead/edit")
		expectStatus(t, b.get("/frameworks/my-lead/edit"), 200, "Copied.", `value="My copy"`, `name="c0_0_self"`)
	})
	t.Run("EditsTheCopy", func(t *testing.T) {
		form := url.Values{"name": {"My leadership"}, "description": {"Adapted"}}
		for i, l := range []string{"Rarely", "Sometimes", "Often", "Very often", "Always"} {
			form.Set(fmt.Sprintf("label_%d", i), l)
		}
		form.Set("c0_key", "")
		form.Set("c0_name", "Listening")
		form.Set("c0_desc", "")
		form.Set("c0_0_key", "")
		form.Set("c0_0_self", "I let people finish.")
		form.Set("c0_0_other", "{leader} lets people finish.")
		form.Set("c0_1_key", "")
		form.Set("c0_1_self", "")
		form.Set("c0_1_other", "")
		form.Set("q0_key", "")
		form.Set("q0_text", "What should {leader} keep doing?")
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("c0_0_other", "")
		bad.Set("name", " ")
		expectStatus(t, b.post("/frameworks/my-lead/edit", bad), 422, "Please correct the 2 highlighted fields.", "Enter the framework&#39;s name.",
			"Enter the wording for others of competency 1, item 1.", `value="I let people finish."`)
		expectRedirect(t, b.post("/frameworks/my-lead/edit", form), "/frameworks/my-lead")
		p := b.get("/frameworks/my-lead")
		expectStatus(t, p, 200, "Framework saved.", "My leadership", "Listening", "{leader} lets people finish.", "1 competencies")
	})
	var exported []byte
	t.Run("ExportsJSONInTheAPIShape", func(t *testing.T) {
		p := b.get("/frameworks/my-lead/export")
		expectStatus(t, p, 200)
		if !strings.Contains(p.Header.Get("Content-Disposition"), "my-lead.json") {
			t.Errorf("disposition %q", p.Header.Get("Content-Disposition"))
		}
		var f map[string]any
		if err := json.Unmarshal([]byte(p.Body), &f); err != nil || f["key"] != "my-lead" {
			t.Fatalf("export %v: %s", err, p.Body)
		}
		exported = []byte(p.Body)
	})
	t.Run("ImportsJSON", func(t *testing.T) {
		taken := b.post("/frameworks/import", url.Values{"json": {string(exported)}})
		expectStatus(t, taken, 409, "A framework with the key &#34;my-lead&#34; already exists: choose another key.")
		var nested map[string]any
		if err := json.Unmarshal(exported, &nested); err != nil {
			t.Fatal(err)
		}
		nested["key"] = "nested-fault"
		nested["competencies"].([]any)[0].(map[string]any)["key"] = "Bad Key!"
		badKey, _ := json.Marshal(nested)
		fault := b.post("/frameworks/import", url.Values{"json": {string(badKey)}})
		expectStatus(t, fault, 422, "Competency 1: the key must be 1-40 lowercase letters")
		for _, p := range []*page{taken, fault} {
			if strings.Contains(p.Body, "(at ") {
				t.Errorf("the message keeps the field name tacked on: %s", p.Body)
			}
		}
		expectStatus(t, b.post("/frameworks/import", url.Values{"json": {`{"key":`}}), 422, "not valid JSON")
		twoFaults := `{"key":"two-faults","name":"","scale":{"min":1,"max":2,"labels":["No","Yes"]},` +
			`"competencies":[{"key":"c","name":"C","items":[{"key":"i","text_self":"I do.","text_other":""}]}],"open_questions":[]}`
		expectStatus(t, b.post("/frameworks/import", url.Values{"json": {twoFaults}}), 422, "Enter the framework&#39;s name. Enter the wording for others of competency 1, item 1.")
		overflow := `{"key":"overflow","name":"Overflow","scale":{"min":9223372036854775806,"max":9223372036854775807,"labels":["No","Yes"]},` +
			`"competencies":[{"key":"c","name":"C","items":[{"key":"i","text_self":"I do.","text_other":"{leader} does."}]}],"open_questions":[]}`
		expectStatus(t, b.post("/frameworks/import", url.Values{"json": {overflow}}), 422, "The scale must run upwards from min to max, within 0 to 10")
		expectStatus(t, b.get("/frameworks/overflow"), 404)
		changed := strings.Replace(string(exported), `"my-lead"`, `"imported-one"`, 1)
		expectRedirect(t, b.post("/frameworks/import", url.Values{"json": {changed}}), "/frameworks/imported-one")
		expectStatus(t, b.get("/frameworks/imported-one"), 200, "was imported", "Listening")
	})
	t.Run("RefusesToEditAFrameworkInUse", func(t *testing.T) {
		p := b.post("/leaders", url.Values{"name": {"Fw User"}, "email": {"fw@example.com"}})
		leaderID := strings.TrimPrefix(p.Location, "/leaders/")
		expectRedirect(t, b.post("/rounds", roundForm(leaderID, map[string]string{"framework_key": "my-lead"})), "/rounds/")
		expectStatus(t, b.get("/frameworks/my-lead/edit"), 200, "used by 1 round(s)")
		expectStatus(t, b.post("/frameworks/my-lead/edit", url.Values{"name": {"x"}}), 422, "used by 1 round(s)")
	})
	t.Run("AnotherCoachCannotSeeIt", func(t *testing.T) {
		other := newBrowser(t, app)
		other.signIn()
		for _, p := range []string{"/frameworks/my-lead", "/frameworks/my-lead/export", "/frameworks/my-lead/edit"} {
			expectStatus(t, other.get(p), 404)
		}
	})
}
