package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/report"
	"github.com/rapporthq/rapport/internal/scoring"
)

// withComment is a round of three peers whose first writes comment.
func withComment(comment string) scoring.Input {
	in := round(3, 0, rapport.Self, rapport.Peer, rapport.Peer, rapport.Peer)
	in.Responses[1].Comments["keep"] = comment
	return in
}

func TestRenderAnyText(t *testing.T) {
	t.Run("EmojiCommentRendersWithItsWords", func(t *testing.T) {
		text, _ := render(t, "emoji", withComment("Fewer urgent requests on Friday afternoons 🙏 and more 👍🏽 thanks 👨‍👩‍👧 🇫🇷"))
		if !strings.Contains(text, "Fewer urgent requests on Friday afternoons") || !strings.Contains(text, "thanks") {
			t.Errorf("the words beside the emoji are not intact: %q", text)
		}
		if strings.Contains(text, "cannot draw") {
			t.Error("the report says a character cannot be drawn, but the emoji font draws every one of these")
		}
		// Copy, search and screen readers get the emoji, not the font's
		// private-use code points.
		if !strings.Contains(text, "afternoons 🙏 and more 👍") || strings.ContainsFunc(text, func(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }) {
			t.Errorf("the emoji do not extract as themselves: %q", text)
		}
	})

	t.Run("OtherScriptsAndSymbolsRender", func(t *testing.T) {
		text, _ := render(t, "scripts", withComment("Română: ș ț · Tiếng Việt · Հայերեն · ქართული · ✓ ★ ☂"))
		for _, want := range []string{"Română: ș ț", "Tiếng Việt", "Հայերեն", "ქართული"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		if strings.Contains(text, "cannot draw") {
			t.Error("the report says a character cannot be drawn")
		}
	})

	t.Run("UndrawableCharactersArePlaceholdersExplainedOnce", func(t *testing.T) {
		in := withComment("Great 丁寧 work \ue000 and \xff bytes, right-to-left שלום too")
		in.Responses[2].Comments["keep"] = "Another 漢字 here"
		text, _ := render(t, "placeholder", in)
		for _, want := range []string{"Great □□ work □ and □ bytes, right-to-left □□□□ too", "Another □□ here"} {
			if !strings.Contains(text, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		if n := strings.Count(text, "□ marks a character this report cannot draw"); n != 1 {
			t.Errorf("the placeholder is explained %d times, want once", n)
		}
	})
}

// FuzzReportText feeds arbitrary strings through every text the report
// draws: it must never fail, panic or write an invalid PDF.
func FuzzReportText(f *testing.F) {
	// The seeds are in testdata/fuzz/FuzzReportText: emoji, ZWJ sequences,
	// flags, skin tones, combining marks, right-to-left and direction
	// overrides, private use, unassigned code points, invalid UTF-8 and lone
	// surrogates, control characters, long words, CJK and Indic scripts.
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			s = s[:4000] // texts are at most 2,000 characters
		}
		in := withComment(s)
		in.Leader = rapport.NamingOf(s, rapport.PronounName)
		in.Competencies[0].Name = s
		in.Competencies[0].Items[0].TextOther = s
		in.Questions[0].Text = s
		m := meta(in)
		m.LeaderName, m.LeaderTitle, m.Organization, m.CoachName, m.RoundTitle, m.FrameworkName = s, s, s, s, s, s
		m.Scale.Labels = append([]string{s}, m.Scale.Labels[1:]...)
		m.Competencies[0].Description = s
		var buf bytes.Buffer
		if err := report.Render(&buf, m, scoring.Compute(in)); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes()[buf.Len()-10:], []byte("%%EOF")) {
			t.Fatalf("%q: not a whole PDF", s)
		}
	})
}
