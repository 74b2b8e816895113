package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/secrets"
	"github.com/rapporthq/rapport/internal/testkit"
)

// browserDo runs steps or fails the test.
func browserDo(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func browserEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// checkPage runs axe at both widths, checks for sideways scrolling on a
// phone, and saves screenshots when RAPPORT_SHOTS_DIR is set: the whole
// page, or for the long survey the top and the parts named by views (CSS
// selectors scrolled to the top of the window). It leaves the page at 375 px.
func checkPage(t *testing.T, ctx context.Context, name string, views ...string) {
	t.Helper()
	for _, width := range []int64{1280, 375} {
		browserDo(t, ctx, testkit.Viewport(width, 900))
		for _, v := range testkit.Axe(t, ctx) {
			t.Errorf("%s at %d px: %s", name, width, v)
		}
		assertNoHorizontalScroll(t, ctx, width)
		if len(views) == 0 {
			testkit.Screenshot(t, ctx, fmt.Sprintf("%s_%d", name, width))
			continue
		}
		browserDo(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
		testkit.ScreenshotViewport(t, ctx, fmt.Sprintf("%s_%d_top", name, width))
		for i, sel := range views {
			browserDo(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "start"})`, sel)))
			testkit.ScreenshotViewport(t, ctx, fmt.Sprintf("%s_%d_%d", name, width, i+1))
		}
	}
}

// chooseByKeyboard answers the items from the focused radio on: Space picks
// the first point, arrow keys move to the wanted one, Tab goes to the next
// statement. It returns the value chosen for each item.
func chooseByKeyboard(t *testing.T, ctx context.Context, ids []int64, pick func(i int) int) map[int64]string {
	t.Helper()
	chosen := map[int64]string{}
	for i, id := range ids {
		steps := []chromedp.Action[chromedp.Void]{chromedp.KeyEvent(" ")}
		for range pick(i) {
			steps = append(steps, chromedp.KeyEvent(kb.ArrowRight))
		}
		steps = append(steps, chromedp.KeyEvent(kb.Tab))
		browserDo(t, ctx, steps...)
		if pick(i) == 5 {
			chosen[id] = "na"
		} else {
			chosen[id] = fmt.Sprint(1 + pick(i))
		}
	}
	return chosen
}

// setScripts turns the page's JavaScript on or off. Reading the page from
// the test still works while it is off: the evaluation is the DevTools'.
func setScripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
	if err != nil {
		t.Fatal(err)
	}
}

// checkedValues reads the chosen value of every statement on the page.
func checkedValues(t *testing.T, ctx context.Context) map[string]string {
	return browserEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("input[type=radio]:checked")].map(i => [i.name, i.value]))`)
}

func TestSurveyInBrowser(t *testing.T) {
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Ana Souza", peerAna, bossBen, reportDo)
	tok := lr.Links["pia@example.com"]
	ids := func() []int64 { s := getSurvey(t, app, lr.Links["ben@example.com"]); return s.itemIDs() }()
	half := ids[:len(ids)/2]
	link := app.URL + "/s/" + tok
	ctx := testkit.Browser(t)

	browserDo(t, ctx, testkit.Viewport(375, 900), chromedp.Navigate(link))
	checkPage(t, ctx, "survey_empty", ".survey-form", "#open-title")

	// Fill the first half with the keyboard alone, type a comment, save with Enter.
	browserDo(t, ctx, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`input[name="item-%d"][value="1"]`, half[0]))))
	want := chooseByKeyboard(t, ctx, half, func(i int) int { return i % 6 })
	comment := "Runs calm, clear meetings. 👍"
	browserDo(t, ctx,
		chromedp.Focus(chromedp.CSS(`textarea[name="comment-keep"]`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="comment-keep"]`), comment),
		chromedp.Focus(chromedp.CSS(`button[value="save"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".alert--success")),
	)

	// Open the link again: everything is there.
	browserDo(t, ctx, chromedp.Navigate(link))
	got := checkedValues(t, ctx)
	for id, v := range want {
		if got[fmt.Sprintf("item-%d", id)] != v {
			t.Errorf("item %d: got %q after reload, want %q", id, got[fmt.Sprintf("item-%d", id)], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d answers after reload, want %d", len(got), len(want))
	}
	if c := browserEval[string](t, ctx, `document.querySelector("textarea[name=comment-keep]").value`); c != comment {
		t.Errorf("comment after reload %q", c)
	}
	if p := browserEval[string](t, ctx, `document.querySelector("[data-answered]").textContent`); p != fmt.Sprint(len(half)) {
		t.Errorf("progress shows %q answered", p)
	}
	checkPage(t, ctx, "survey_partly_filled", fmt.Sprintf("#item-%d", half[len(half)-3]))

	// Submit too early: the missing statements are pointed out.
	browserDo(t, ctx,
		chromedp.Focus(chromedp.CSS(`button[value="submit"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".item--missing")),
	)
	missing := browserEval[int](t, ctx, `document.querySelectorAll(".item--missing").length`)
	if missing != len(ids)-len(half) {
		t.Errorf("%d statements marked missing, want %d", missing, len(ids)-len(half))
	}
	checkPage(t, ctx, "survey_missing", "#survey-status", fmt.Sprintf("#item-%d", ids[len(half)]))

	// Follow the first "missing" link with the keyboard and answer the rest.
	rest := ids[len(half):]
	browserDo(t, ctx, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`input[name="item-%d"][value="1"]`, rest[0]))))
	chooseByKeyboard(t, ctx, rest, func(i int) int { return 3 })
	browserDo(t, ctx,
		chromedp.Focus(chromedp.CSS(`button[value="submit"]`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".icon-badge--success")),
	)
	if title := browserEval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(title, "Thank you") {
		t.Errorf("after submit: %q", title)
	}
	checkPage(t, ctx, "thanks")
	if st := raterState(t, app, lr.RaterIDs["pia@example.com"]); st.Status != "submitted" || st.Answers != len(ids) || st.Comments != 1 {
		t.Errorf("stored after submit: %+v", st)
	}

	t.Run("AutosaveKeepsAnswersWithoutPressingSave", func(t *testing.T) {
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+lr.Links["dora@example.com"]),
			chromedp.Focus(chromedp.CSS(fmt.Sprintf(`input[name="item-%d"][value="1"]`, ids[0]))),
			chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowRight))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("autosave-status").textContent.includes("Saved automatically")`)); err != nil {
			t.Fatalf("no autosave: %v", err)
		}
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+lr.Links["dora@example.com"]))
		if v := checkedValues(t, ctx)[fmt.Sprintf("item-%d", ids[0])]; v != "2" {
			t.Errorf("after autosave and reload: %q", v)
		}
	})

	t.Run("WorksWithoutJavaScript", func(t *testing.T) {
		setScripts(t, ctx, false)
		ben := app.URL + "/s/" + lr.Links["ben@example.com"]
		browserDo(t, ctx, chromedp.Navigate(ben),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="item-%d"][value="5"]`, ids[1]))),
			chromedp.Click(chromedp.CSS(`button[value="save"]`)),
			chromedp.WaitVisible(chromedp.CSS(".alert--success")),
			chromedp.Navigate(ben))
		answered := browserEval[string](t, ctx, `document.querySelector("[data-answered]").textContent`)
		value := checkedValues(t, ctx)[fmt.Sprintf("item-%d", ids[1])]
		if value != "5" || answered != "1" {
			t.Errorf("without JavaScript, after save and reload: %q, %s answered", value, answered)
		}
		setScripts(t, ctx, true) // axe needs scripts; the pages below have none of their own
		// Decline, confirm, and see the declined page.
		browserDo(t, ctx, chromedp.Click(chromedp.CSS(`button[value="decline"]`)),
			chromedp.WaitVisible(chromedp.CSS(`button[value="confirm_decline"]`)))
		checkPage(t, ctx, "decline_confirm")
		browserDo(t, ctx, chromedp.Click(chromedp.CSS(`button[value="confirm_decline"]`)),
			chromedp.WaitVisible(chromedp.CSS(".icon-badge--neutral")))
		checkPage(t, ctx, "declined")
		if st := raterState(t, app, lr.RaterIDs["ben@example.com"]); st.Status != "declined" {
			t.Errorf("status %q", st.Status)
		}
	})

	t.Run("ClosedAndNotFoundPages", func(t *testing.T) {
		if _, err := app.Store.CloseRound(context.Background(), lr.Coach.ID, lr.Round.ID); err != nil {
			t.Fatal(err)
		}
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+lr.Links["dora@example.com"]))
		checkPage(t, ctx, "closed")
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+secrets.NewToken()))
		checkPage(t, ctx, "not_found")
	})

	t.Run("GreekTitlesKeepTheirCaseAndAccents", func(t *testing.T) {
		// Uppercased by CSS, Greek would keep its accents (ΗΓΕΣΊΑ), which
		// Greek typography drops: user text is shown as typed.
		g := app.Launch(t, "Ελένη Παπαδοπούλου", rapport.RaterInput{Name: "Νίκος", Email: "nikos@example.com", Relationship: rapport.Peer})
		title := "Ηγεσία 2026 · Άνοιξη"
		rawDB(t, app).MustExec(`UPDATE rounds SET title = ? WHERE id = ?`, title, g.Round.ID)
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+g.Links["nikos@example.com"]))
		if shown := browserEval[string](t, ctx, `document.querySelector(".eyebrow").innerText`); shown != title {
			t.Errorf("the round title shows as %q, want %q", shown, title)
		}
		checkPage(t, ctx, "survey_greek", ".survey-form")
	})

	t.Run("HostileNamesAndCommentsShowAsPlainText", func(t *testing.T) {
		h := app.Launch(t, hostile, rapport.RaterInput{Name: "Eve", Email: "eve@example.com", Relationship: rapport.Other})
		eve := h.Links["eve@example.com"]
		comment := `</textarea><img src=x onerror="document.title='pwned'"> שלום 👋`
		if resp := app.Do("PUT", "/api/v1/survey/"+eve, "", map[string]any{"comments": map[string]string{"keep": comment}}); resp.Status != 200 {
			t.Fatalf("%d %s", resp.Status, resp.Body)
		}
		browserDo(t, ctx, chromedp.Navigate(app.URL+"/s/"+eve))
		if h1 := browserEval[string](t, ctx, `document.querySelector("h1").textContent`); h1 != "Feedback for "+hostile {
			t.Errorf("h1 = %q", h1)
		}
		if v := browserEval[string](t, ctx, `document.querySelector("textarea[name=comment-keep]").value`); v != comment {
			t.Errorf("comment = %q", v)
		}
		n := browserEval[int](t, ctx, `document.querySelectorAll("script:not([src^='/static/']), img").length`)
		if title := browserEval[string](t, ctx, `document.title`); n != 0 || title == "pwned" {
			t.Errorf("injected markup ran or exists: %d elements, title %q", n, title)
		}
		checkPage(t, ctx, "survey_hostile", ".survey-form")
	})
}
