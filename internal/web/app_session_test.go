package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestSignIn(t *testing.T) {
	app := testkit.NewApp(t)
	coach, password := testkit.Coach(t, app.Store)
	db := rawDB(t, app)

	t.Run("ShowsTheForm", func(t *testing.T) {
		expectStatus(t, newBrowser(t, app).get("/login"), 200, `name="email"`, `name="password"`, "rapport coach add")
	})
	t.Run("RedirectsAnonymousVisitorsToSignIn", func(t *testing.T) {
		expectRedirect(t, newBrowser(t, app).get("/leaders"), "/login?next=%2Fleaders")
		expectRedirect(t, newBrowser(t, app).get("/"), "/login")
	})
	t.Run("SignsInSetsASafeCookieAndGoesToNext", func(t *testing.T) {
		b := newBrowser(t, app)
		p := b.post("/login", url.Values{"email": {strings.ToUpper(coach.Email)}, "password": {password}, "next": {"/leaders"}})
		expectRedirect(t, p, "/leaders")
		ck := p.Header.Get("Set-Cookie")
		for _, want := range []string{"rapport_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(ck, want) {
				t.Errorf("cookie %q lacks %s", ck, want)
			}
		}
		if strings.Contains(ck, "Secure") {
			t.Errorf("cookie over http is Secure: %q", ck)
		}
		value := strings.TrimPrefix(strings.Split(ck, ";")[0], "rapport_session=")
		if n := count(t, db, `SELECT count(*) FROM sessions WHERE token_hash = ?`, value); n != 0 {
			t.Error("the session id is stored in the clear")
		}
		if n := count(t, db, `SELECT count(*) FROM sessions WHERE token_hash = ?`, testkit.Keys(t).Hash(value)); n != 1 {
			t.Errorf("%d sessions under the hash of the cookie, want 1", n)
		}
		expectStatus(t, b.get("/"), 200, "Rounds", coach.Name)
	})
	t.Run("NeverRedirectsOffSite", func(t *testing.T) {
		p := newBrowser(t, app).post("/login", url.Values{"email": {coach.Email}, "password": {password}, "next": {"//evil.example/x"}})
		expectRedirect(t, p, "/")
		if p.Location != "/" {
			t.Errorf("redirected to %q", p.Location)
		}
	})
	t.Run("GivesANewSessionIDAtEachSignIn", func(t *testing.T) {
		b := newBrowser(t, app)
		first := b.post("/login", url.Values{"email": {coach.Email}, "password": {password}}).Header.Get("Set-Cookie")
		second := b.post("/login", url.Values{"email": {coach.Email}, "password": {password}}).Header.Get("Set-Cookie")
		if first == "" || strings.Split(first, ";")[0] == strings.Split(second, ";")[0] {
			t.Errorf("the session id did not change: %q then %q", first, second)
		}
	})
	t.Run("RefusesAWrongPasswordKeepingTheEmail", func(t *testing.T) {
		p := newBrowser(t, app).post("/login", url.Values{"email": {coach.Email}, "password": {"not the password"}})
		expectStatus(t, p, 422, "The email or the password is wrong.", `value="`+coach.Email+`"`)
		if strings.Contains(p.Body, "not the password") {
			t.Error("the password is echoed back")
		}
		if p.Header.Get("Set-Cookie") != "" {
			t.Error("a failed sign-in set a cookie")
		}
	})
	t.Run("AnswersAnUnknownEmailLikeAWrongPassword", func(t *testing.T) {
		expectStatus(t, newBrowser(t, app).post("/login", url.Values{"email": {"nobody@example.com"}, "password": {"whatever-whatever"}}),
			422, "The email or the password is wrong.")
	})
	t.Run("PointsAtMissingFields", func(t *testing.T) {
		expectStatus(t, newBrowser(t, app).post("/login", url.Values{"email": {""}, "password": {""}}),
			422, "Enter your email address.", "Enter your password.", `aria-invalid="true"`)
	})
}

func TestSignInRateLimit(t *testing.T) {
	// Behind a trusted proxy, so tests can speak from several addresses.
	app := testkit.NewAppWith(t, map[string]string{"RAPPORT_TRUSTED_PROXIES": "127.0.0.1"})
	coach, password := testkit.Coach(t, app.Store)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	signInPage := func(ip, email, password string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", app.URL+"/login", strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", ip)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	signIn := func(ip, email, password string) int {
		t.Helper()
		status, _ := signInPage(ip, email, password)
		return status
	}
	apiToken := func(ip, email, password string) int {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"email": email, "password": password})
		req, _ := http.NewRequest("POST", app.URL+"/api/v1/tokens", bytes.NewReader(body))
		req.Header.Set("X-Forwarded-For", ip)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	t.Run("SuccessfulSignInsDoNotCount", func(t *testing.T) {
		for i := range 30 {
			if got := signIn("10.0.0.1", coach.Email, password); got != http.StatusSeeOther {
				t.Fatalf("sign-in %d: %d, want 303", i+1, got)
			}
		}
		for i := range 30 {
			if got := apiToken("10.0.0.1", coach.Email, password); got != http.StatusCreated {
				t.Fatalf("API sign-in %d: %d, want 201", i+1, got)
			}
		}
	})
	t.Run("RefusesAfterRepeatedFailuresForOneEmailFromOneAddress", func(t *testing.T) {
		for i := range 5 {
			if got := signIn("10.0.0.2", coach.Email, "wrong password "+itoa(int64(i))); got != 422 {
				t.Fatalf("failure %d: %d, want 422", i+1, got)
			}
		}
		status, page := signInPage("10.0.0.2", coach.Email, "wrong again")
		if status != http.StatusTooManyRequests || !strings.Contains(page, "Too many sign-in attempts") || !strings.Contains(page, `value="`+coach.Email+`"`) {
			t.Fatalf("failure 6: %d, want 429 with the message and the email kept:\n%.500s", status, page)
		}
		if got := signIn("10.0.0.2", coach.Email, password); got != http.StatusTooManyRequests {
			t.Errorf("the right password from the limited address: %d, want 429", got)
		}
		if got := apiToken("10.0.0.2", coach.Email, password); got != http.StatusTooManyRequests {
			t.Errorf("the API from the limited address: %d, want 429", got)
		}
	})
	t.Run("OthersCannotLockTheCoachOut", func(t *testing.T) {
		// The coach, from their own address, is not held back by the failures above.
		if got := signIn("10.0.0.3", coach.Email, password); got != http.StatusSeeOther {
			t.Fatalf("the coach from another address: %d, want 303", got)
		}
		// One wrong try a minute from each of many addresses locks nobody out.
		for i := range 10 {
			signIn("10.1.0."+itoa(int64(i)), coach.Email, "wrong")
		}
		if got := signIn("10.0.0.3", coach.Email, password); got != http.StatusSeeOther {
			t.Fatalf("the coach after failures from ten addresses: %d, want 303", got)
		}
	})
	t.Run("LimitsOneAddressAcrossEmails", func(t *testing.T) {
		start := time.Now()
		for i := range 20 {
			if got := signIn("10.0.0.4", "someone"+itoa(int64(i))+"@example.com", "wrong password"); got != 422 {
				t.Fatalf("failure %d: %d, want 422", i+1, got)
			}
		}
		// The address's budget refills one try every 6 s: on a slow machine
		// the 20 slow password checks above may have earned a few back, and
		// those must be all it gets.
		refilled := int(time.Since(start) / (6 * time.Second))
		for i := 0; ; i++ {
			got := signIn("10.0.0.4", "someone-else"+itoa(int64(i))+"@example.com", "wrong password")
			if got == http.StatusTooManyRequests {
				break
			}
			if got != 422 || i >= refilled {
				t.Fatalf("failure %d from one address: %d, want 429 (%d tries refilled meanwhile)", 21+i, got, refilled)
			}
		}
		if got := apiToken("10.0.0.4", "another@example.com", "wrong password"); got != http.StatusTooManyRequests {
			t.Fatalf("API failure from the same address: %d, want 429", got)
		}
	})
}

func TestSession(t *testing.T) {
	app := testkit.NewApp(t)
	clock := testkit.NewClock(time.Now())
	app.Store.Now = clock.Now

	t.Run("SignOutEndsTheSessionInTheDatabase", func(t *testing.T) {
		b := newBrowser(t, app)
		b.signIn()
		u, _ := url.Parse(app.URL)
		stolen := b.client.Jar.Cookies(u)
		expectRedirect(t, b.post("/logout", nil), "/login?bye=1")
		expectRedirect(t, b.get("/"), "/login")
		// A copy of the old cookie does not work either.
		thief := newBrowser(t, app)
		thief.client.Jar.SetCookies(u, stolen)
		expectRedirect(t, thief.get("/"), "/login")
		if n := count(t, rawDB(t, app), `SELECT count(*) FROM sessions`); n != 0 {
			t.Errorf("%d sessions left after sign-out", n)
		}
	})
	t.Run("ExpiresWhenIdle", func(t *testing.T) {
		b := newBrowser(t, app)
		b.signIn()
		clock.Advance(11 * time.Hour)
		expectStatus(t, b.get("/"), 200)
		clock.Advance(11 * time.Hour) // 22 h since sign-in, but 11 h since the last request
		expectStatus(t, b.get("/"), 200)
		clock.Advance(12*time.Hour + time.Minute)
		expectRedirect(t, b.get("/leaders"), "/login?expired=1&next=%2Fleaders")
		expectStatus(t, b.get("/login?expired=1"), 200, "Your session has ended")
	})
	t.Run("ExpiresAfterAWeekHoweverActive", func(t *testing.T) {
		b := newBrowser(t, app)
		b.signIn()
		for i := 0; i < 14; i++ {
			clock.Advance(11 * time.Hour)
			expectStatus(t, b.get("/"), 200)
		}
		clock.Advance(11 * time.Hour) // 165 h
		expectStatus(t, b.get("/"), 200)
		clock.Advance(4 * time.Hour) // 169 h > 7 days
		expectRedirect(t, b.get("/"), "/login")
	})
	t.Run("RefusesACrossOriginPost", func(t *testing.T) {
		b := newBrowser(t, app)
		b.signIn()
		p := b.postFrom("cross-site", "/leaders", url.Values{"name": {"Evil"}, "email": {"evil@example.com"}})
		expectStatus(t, p, http.StatusForbidden, "another site")
		p = b.postFrom("cross-site", "/logout", nil)
		expectStatus(t, p, http.StatusForbidden)
		expectStatus(t, b.get("/"), 200) // still signed in
		if n := count(t, rawDB(t, app), `SELECT count(*) FROM leaders WHERE name = 'Evil'`); n != 0 {
			t.Error("a cross-origin post created a leader")
		}
	})
	t.Run("RefusesACrossOriginPostByOriginHeader", func(t *testing.T) {
		b := newBrowser(t, app)
		req, _ := http.NewRequest("POST", app.URL+"/logout", nil)
		req.Header.Set("Origin", "https://evil.example")
		expectStatus(t, b.do(req), http.StatusForbidden)
	})
}

func TestSecureCookieOverHTTPS(t *testing.T) {
	app := testkit.NewAppWith(t, map[string]string{"RAPPORT_BASE_URL": "https://rapport.example"})
	coach, password := testkit.Coach(t, app.Store)
	p := newBrowser(t, app).post("/login", url.Values{"email": {coach.Email}, "password": {password}})
	ck := p.Header.Get("Set-Cookie")
	if !strings.HasPrefix(ck, "__Host-rapport_session=") || !strings.Contains(ck, "Secure") {
		t.Errorf("cookie over https: %q", ck)
	}
}

func TestCoachSignup(t *testing.T) {
	t.Run("IsNotFoundUnlessAllowed", func(t *testing.T) {
		app := testkit.NewApp(t)
		b := newBrowser(t, app)
		b.signIn()
		expectStatus(t, b.get("/coaches/new"), 404)
		expectStatus(t, b.post("/coaches", url.Values{"name": {"X"}, "email": {"x@example.com"}, "password": {"long enough password"}}), 404)
	})
	app := testkit.NewAppWith(t, map[string]string{"RAPPORT_ALLOW_COACH_SIGNUP": "true"})
	t.Run("NeedsASignedInCoach", func(t *testing.T) {
		expectRedirect(t, newBrowser(t, app).get("/coaches/new"), "/login")
	})
	b := newBrowser(t, app)
	b.signIn()
	t.Run("RefusesAShortPasswordKeepingTheRest", func(t *testing.T) {
		expectStatus(t, b.post("/coaches", url.Values{"name": {"Ana Novak"}, "email": {"ana@example.com"}, "password": {"short"}}),
			422, "at least 10 characters", `value="Ana Novak"`, `value="ana@example.com"`)
	})
	t.Run("PointsOutEveryFaultAtOnce", func(t *testing.T) {
		p := b.post("/coaches", url.Values{"name": {""}, "email": {"ana"}, "password": {"short"}})
		expectStatus(t, p, 422, "Enter the coach&#39;s name.", "is not a valid email address", "at least 10 characters", `value="ana"`)
		expectInvalid(t, p, "name", "email", "password")
	})
	t.Run("CreatesACoachWhoCanSignIn", func(t *testing.T) {
		expectRedirect(t, b.post("/coaches", url.Values{"name": {"Ana Novak"}, "email": {"ana@example.com"}, "password": {"a long passphrase"}}), "/")
		expectStatus(t, b.get("/"), 200, "Coach account created")
		p := newBrowser(t, app).post("/login", url.Values{"email": {"ana@example.com"}, "password": {"a long passphrase"}})
		expectRedirect(t, p, "/")
	})
	t.Run("RefusesADuplicateEmail", func(t *testing.T) {
		expectStatus(t, b.post("/coaches", url.Values{"name": {"Ana"}, "email": {"ANA@example.com"}, "password": {"a long passphrase"}}),
			409, "already exists")
	})
}
