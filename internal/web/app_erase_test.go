package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

func TestEraseLeaderPage(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	b.signIn()
	db := rawDB(t, app)
	// The "was added" message waits in the session, naming the leader,
	// until a page shows it: the erasure must take it along.
	p := b.post("/leaders", url.Values{"name": {"Zoë Faure-Lindqvist"}, "email": {"zoe.faure@example.com"}})
	expectRedirect(t, p, "/leaders/")
	leaderPath := p.Location
	erasePath := leaderPath + "/erase"

	t.Run("RefusesAMismatchedNameAndErasesNothing", func(t *testing.T) {
		for _, typed := range []string{"", "Zoe Faure-Lindqvist", "Zoë"} {
			p := b.post(erasePath, url.Values{"confirm_name": {typed}})
			expectStatus(t, p, http.StatusUnprocessableEntity, "Type the leader&#39;s name", `value="`+typed+`"`)
			expectInvalid(t, p, "confirm_name")
		}
		if n := count(t, db, `SELECT count(*) FROM leaders WHERE email = 'zoe.faure@example.com'`); n != 1 {
			t.Fatal("a refused erasure deleted the leader")
		}
	})
	t.Run("AnotherCoachGets404", func(t *testing.T) {
		other := newBrowser(t, app)
		other.signIn()
		expectStatus(t, other.post(erasePath, url.Values{"confirm_name": {"Zoë Faure-Lindqvist"}}), http.StatusNotFound)
		expectStatus(t, other.get(leaderPath+"/export"), http.StatusNotFound)
	})
	t.Run("RefusesACrossSiteForm", func(t *testing.T) {
		p := b.postFrom("cross-site", erasePath, url.Values{"confirm_name": {"Zoë Faure-Lindqvist"}})
		if p.Status != http.StatusForbidden {
			t.Fatalf("cross-site erase: %d", p.Status)
		}
		if n := count(t, db, `SELECT count(*) FROM leaders WHERE email = 'zoe.faure@example.com'`); n != 1 {
			t.Fatal("a cross-site form deleted the leader")
		}
	})
	t.Run("PagesOfferExport", func(t *testing.T) {
		expectStatus(t, b.get(leaderPath), http.StatusOK, `href="`+leaderPath+`/export"`, `action="`+erasePath+`"`)
		expectStatus(t, b.get("/"), http.StatusOK, `href="/export"`)
		for _, path := range []string{leaderPath + "/export", "/export"} {
			p := b.get(path)
			if p.Status != http.StatusOK || p.Header.Get("Content-Type") != "application/zip" || !strings.HasPrefix(p.Body, "PK") {
				t.Errorf("%s: %d %s", path, p.Status, p.Header.Get("Content-Type"))
			}
		}
	})
	t.Run("ErasesOnceTheNameIsTyped", func(t *testing.T) {
		p := b.post(erasePath, url.Values{"confirm_name": {"  zoë   faure-lindqvist "}})
		expectRedirect(t, p, "/leaders")
		page := b.get(p.Location)
		expectStatus(t, page, http.StatusOK, "were erased")
		if strings.Contains(page.Body, "Faure-Lindqvist") {
			t.Error("the leaders page still names the erased leader")
		}
		expectStatus(t, b.get(leaderPath), http.StatusNotFound)
	})
	t.Run("TakesAMessageNamingTheLeaderAlong", func(t *testing.T) {
		// The same coach in two browsers: one adds Ines (and "Ines ... was
		// added" waits in that session), the other erases her at once.
		c, password := testkit.Coach(t, app.Store)
		one, two := newBrowser(t, app), newBrowser(t, app)
		for _, br := range []*browser{one, two} {
			expectRedirect(t, br.post("/login", url.Values{"email": {c.Email}, "password": {password}}), "/")
		}
		p := one.post("/leaders", url.Values{"name": {"Ines Quist-Hallberg"}, "email": {"ines.quist@example.com"}})
		expectRedirect(t, p, "/leaders/")
		expectRedirect(t, two.post(p.Location+"/erase", url.Values{"confirm_name": {"Ines Quist-Hallberg"}}), "/leaders")
		assertAbsent(t, databaseCopies(t, app), "Faure-Lindqvist", "zoe.faure@example.com", "Quist-Hallberg", "ines.quist@example.com")
	})
}

func TestEraseRaterOnTheRoundPage(t *testing.T) {
	app := testkit.NewApp(t)
	b := newBrowser(t, app)
	coach := b.signIn()
	ctx := context.Background()
	leader, err := app.Store.CreateLeader(ctx, coach.ID, rapport.LeaderInput{Name: "Lea Leader", Email: "lea@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	round, err := app.Store.CreateRound(ctx, coach.ID, rapport.RoundInput{LeaderID: leader.ID, FrameworkKey: "leadership",
		Title: "Spring 360", ClosesAt: time.Now().Add(14 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	rater, err := app.Store.AddRater(ctx, coach.ID, round.ID, rapport.RaterInput{Name: "Sam Superior", Email: "sam.superior@example.com", Relationship: rapport.Superior})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Store.LaunchRound(ctx, coach.ID, round.ID); err != nil {
		t.Fatal(err)
	}
	app.SubmitResponse(t, rater.ID, nil, nil)
	if _, err := app.Store.CloseRound(ctx, coach.ID, round.ID); err != nil {
		t.Fatal(err)
	}
	roundPath := fmt.Sprintf("/rounds/%d", round.ID)
	removePath := fmt.Sprintf("%s/raters/%d/remove", roundPath, rater.ID)

	expectStatus(t, b.get(roundPath), http.StatusOK, `action="`+removePath+`"`, "Erase name and email")
	t.Run("AnotherCoachGets404", func(t *testing.T) {
		other := newBrowser(t, app)
		other.signIn()
		expectStatus(t, other.post(removePath, url.Values{}), http.StatusNotFound)
	})
	p := b.post(removePath, url.Values{})
	expectRedirect(t, p, roundPath)
	page := b.get(roundPath)
	expectStatus(t, page, http.StatusOK, "were erased", "Name and email erased", "Submitted")
	if strings.Contains(page.Body, "Sam Superior") || strings.Contains(page.Body, "sam.superior@example.com") {
		t.Error("the round page still shows the erased rater")
	}
}
