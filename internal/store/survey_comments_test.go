package store_test

import (
	"context"
	"maps"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/testkit"
)

// A browser saves the whole form each time: every item and every text box,
// the empty ones too. What the save answers must be what is stored.
func TestSaveDraftWholeForm(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 1, "peer")...)
	token := lr.Links["peer0@example.com"]
	hash := testkit.Keys(t).Hash(token)
	link, err := app.Store.ResolveLink(ctx, hash)
	if err != nil {
		t.Fatal(err)
	}
	wholeForm := func(comments map[string]string) *rapport.Draft {
		d := &rapport.Draft{Answers: everyItem(link.Framework, notObserved), Comments: map[string]string{}}
		for _, q := range link.Framework.OpenQuestions {
			d.Comments[q.Key] = comments[q.Key]
		}
		return d
	}
	stored := func() map[string]string {
		sv, err := app.Store.Survey(ctx, hash)
		if err != nil {
			t.Fatal(err)
		}
		return sv.Comments
	}
	t.Run("EmptyTextBoxesRemoveWhatWasSaved", func(t *testing.T) {
		saveDraft(t, app, token, &rapport.Draft{Comments: map[string]string{"keep": "Listens well.", "stop": "Late replies."}})
		sv, err := app.Store.SaveDraft(ctx, link, wholeForm(map[string]string{"keep": "Listens — really well, Zoë says.", "start": " \u200b "}))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"keep": "Listens — really well, Zoë says."}
		if got := stored(); !maps.Equal(got, want) {
			t.Errorf("stored comments %q, want %q", got, want)
		}
		if !maps.Equal(sv.Comments, want) {
			t.Errorf("the save answered comments %q, want what is stored, %q", sv.Comments, want)
		}
	})
	t.Run("TextsAreTidiedAsStored", func(t *testing.T) {
		sv, err := app.Store.SaveDraft(ctx, link, wholeForm(map[string]string{"keep": "a\r\n\r\n\r\nb", "healthy": "\n\nrest\n"}))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"keep": "a\n\nb", "healthy": "rest"}
		if got := stored(); !maps.Equal(got, want) {
			t.Errorf("stored comments %q, want %q", got, want)
		}
		if !maps.Equal(sv.Comments, want) {
			t.Errorf("the save answered comments %q, want what is stored, %q", sv.Comments, want)
		}
	})
	t.Run("APartialDraftKeepsTheOtherComments", func(t *testing.T) {
		sv, err := app.Store.SaveDraft(ctx, link, &rapport.Draft{Comments: map[string]string{"stop": "Fewer meetings."}})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"keep": "a\n\nb", "healthy": "rest", "stop": "Fewer meetings."}
		if got := stored(); !maps.Equal(got, want) {
			t.Errorf("stored comments %q, want %q", got, want)
		}
		if !maps.Equal(sv.Comments, want) {
			t.Errorf("the save answered comments %q, want %q", sv.Comments, want)
		}
	})
}

// A rater's first write gives them a response number, and they keep it
// whatever their status says: a save with the status back at opened still
// writes under it, beside what is stored there.
func TestSaveKeepsTheResponseNumber(t *testing.T) {
	ctx := context.Background()
	app := testkit.NewApp(t)
	lr := app.Launch(t, "Lea Leader", raters(rapport.Peer, 2, "peer")...)
	saveDraft(t, app, lr.Links["peer1@example.com"], &rapport.Draft{Comments: map[string]string{"keep": "Other rater"}})
	saveDraft(t, app, lr.Links["peer0@example.com"], &rapport.Draft{Comments: map[string]string{"keep": "First words"}})
	raw := testkit.RawDB(t, app.Cfg)
	raw.MustExec(`UPDATE raters SET status = 'opened' WHERE id = ?`, lr.RaterIDs["peer0@example.com"])
	saveDraft(t, app, lr.Links["peer0@example.com"], &rapport.Draft{Comments: map[string]string{"start": "More words"}})
	sv, err := app.Store.Survey(ctx, testkit.Keys(t).Hash(lr.Links["peer0@example.com"]))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"keep": "First words", "start": "More words"}; !maps.Equal(sv.Comments, want) {
		t.Errorf("comments %v, want %v", sv.Comments, want)
	}
}
