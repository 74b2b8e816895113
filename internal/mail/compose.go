package mail

import (
	"bytes"
	"cmp"
	"fmt"
	htmltemplate "html/template"
	"net/mail"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/templates"
)

// Kinds of email the composer can render (the same names as the outbox's).
var Kinds = []string{rapport.EmailInvitation, rapport.EmailReminder, rapport.EmailLastCall, rapport.EmailRoundClosed, rapport.EmailReportReleased,
	rapport.EmailNomination, rapport.EmailNominationSubmitted}

// raterKinds go to raters: they carry the survey link and List-Unsubscribe.
var raterKinds = map[string]bool{rapport.EmailInvitation: true, rapport.EmailReminder: true, rapport.EmailLastCall: true}

// coachKinds go to the coach: they link to the round's page in the web app.
var coachKinds = map[string]bool{rapport.EmailRoundClosed: true, rapport.EmailNominationSubmitted: true}

// Email is what a message is rendered from.
type Email struct {
	OutboxID  int64
	Kind      string
	To        mail.Address
	MessageID string
	Date      time.Time

	RoundID            int64 // for the coach's link to the round page
	RoundTitle         string
	LeaderName         string
	LeaderPronoun      rapport.Pronoun // how the emails refer to the leader
	CoachName          string
	CoachEmail         string
	ClosesAt           time.Time
	TimeZone           string // the round's zone, in which the deadline is written
	AnonymityThreshold int
	Responded, Raters  int // for the coach's close notice
	Proposed           int // for the coach's nomination notice

	Relationship rapport.Relationship // rater emails
	Started      bool                 // the rater has saved answers
	// Token is the rater's survey token, or the leader's report token for
	// report_released, or their nomination token for nomination; empty for
	// the coach.
	Token string
	// OptOutToken is the token of the rater's unsubscribe link
	// (secrets.Keys.OptOutToken), never the survey token: the unsubscribe
	// link goes in a header that gateways read, and must not open the survey.
	OptOutToken string
}

// Composer renders emails from templates/email: for each kind, a text
// template (subject and plain body) and an HTML template (the same words in
// a simple table layout with inline styles, as mail clients need).
type Composer struct {
	baseURL string
	from    mail.Address
	text    map[string]*texttemplate.Template
	html    map[string]*htmltemplate.Template
}

// NewComposer parses every email template once; a broken template stops
// the program at start, not at the first send.
func NewComposer(baseURL, from string) (*Composer, error) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: RAPPORT_MAIL_FROM %q is not an address: %w", from, err)
	}
	c := &Composer{baseURL: strings.TrimRight(baseURL, "/"), from: *addr,
		text: map[string]*texttemplate.Template{}, html: map[string]*htmltemplate.Template{}}
	for _, kind := range Kinds {
		t, err := texttemplate.New("").ParseFS(templates.FS, "email/layout.txt", "email/"+kind+".txt")
		if err != nil {
			return nil, fmt.Errorf("mail: templates for %s: %w", kind, err)
		}
		c.text[kind] = t
		h, err := htmltemplate.New("").Funcs(htmlFuncs).
			ParseFS(templates.FS, "email/layout.html", "email/"+kind+".html")
		if err != nil {
			return nil, fmt.Errorf("mail: templates for %s: %w", kind, err)
		}
		c.html[kind] = h
	}
	return c, nil
}

// view is what the templates see.
type view struct {
	Email
	Subject        string
	SurveyURL      string
	ReportURL      string
	UnsubscribeURL string
	AppURL         string
	RoundURL       string // the round's page in the coach's web app
	NominationURL  string // the leader's nomination page
	Deadline       string
	Self           bool
	Superior       bool
	Anonymous      bool
	Role           string         // "as her manager", for the invitation
	Leader         rapport.Naming // how sentences refer to the leader
	ProductName    string
}

// Compose renders e into a message. Every text of e is made valid UTF-8
// first (rapport.ValidUTF8): the message says charset=UTF-8, and a name
// stored as raw bytes before the text rule must not break it.
func (c *Composer) Compose(e Email) (*Message, error) {
	e = e.validUTF8()
	text, ok := c.text[e.Kind]
	if !ok {
		return nil, fmt.Errorf("mail: no template for email kind %q", e.Kind)
	}
	v := view{Email: e, AppURL: c.baseURL + "/", ProductName: "Rapport",
		Deadline: rapport.FormatDeadline(e.ClosesAt, e.TimeZone),
		Self:     e.Relationship == rapport.Self, Superior: e.Relationship == rapport.Superior,
		Anonymous: e.Relationship.Anonymous(), Leader: rapport.NamingOf(e.LeaderName, e.LeaderPronoun)}
	v.Role = e.Relationship.InvitationRole(v.Leader)
	m := &Message{OutboxID: e.OutboxID, Kind: e.Kind, From: c.from, To: e.To, MessageID: e.MessageID, Date: e.Date}
	if raterKinds[e.Kind] {
		if e.Token == "" || e.OptOutToken == "" {
			return nil, fmt.Errorf("mail: %s without a survey token and an opt-out token", e.Kind)
		}
		if e.OptOutToken == e.Token {
			return nil, fmt.Errorf("mail: %s: the opt-out token must not be the survey token", e.Kind)
		}
		v.SurveyURL = c.baseURL + "/s/" + e.Token
		v.UnsubscribeURL = c.baseURL + "/u/" + e.OptOutToken
		m.Link, m.Unsubscribe = v.SurveyURL, v.UnsubscribeURL
	}
	if e.Kind == rapport.EmailReportReleased {
		if e.Token == "" {
			return nil, fmt.Errorf("mail: report_released without a report token")
		}
		v.ReportURL = c.baseURL + "/r/" + e.Token
		m.Link = v.ReportURL
	}
	if e.Kind == rapport.EmailNomination {
		if e.Token == "" {
			return nil, fmt.Errorf("mail: nomination without a nomination token")
		}
		v.NominationURL = c.baseURL + "/n/" + e.Token
		m.Link = v.NominationURL
	}
	if coachKinds[e.Kind] {
		// Straight to the round, where the report or the proposed raters
		// are: sign-in comes back there.
		v.RoundURL = fmt.Sprintf("%s/rounds/%d", c.baseURL, e.RoundID)
		m.Link = v.RoundURL
	}
	if e.CoachName != "" && !coachKinds[e.Kind] {
		// "Dana Coach via Rapport": the rater sees who is asking; the
		// address stays ours so SPF and DKIM still line up.
		m.From.Name = e.CoachName + " via " + cmp.Or(c.from.Name, "Rapport")
	}
	m.ReplyTo = replyTo(e)

	var buf bytes.Buffer
	if err := text.ExecuteTemplate(&buf, "subject", v); err != nil {
		return nil, fmt.Errorf("mail: render %s subject: %w", e.Kind, err)
	}
	v.Subject = strings.Join(strings.Fields(buf.String()), " ")
	m.Subject = v.Subject
	buf.Reset()
	if err := text.ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("mail: render %s text: %w", e.Kind, err)
	}
	m.Text = wrap(strings.TrimSpace(buf.String())) + "\n"
	buf.Reset()
	if err := c.html[e.Kind].ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, fmt.Errorf("mail: render %s html: %w", e.Kind, err)
	}
	m.HTML = buf.String()
	return m, nil
}

// validUTF8 is e with each of its texts passed through rapport.ValidUTF8.
func (e Email) validUTF8() Email {
	for _, p := range []*string{&e.To.Name, &e.To.Address, &e.RoundTitle, &e.LeaderName, &e.CoachName, &e.CoachEmail, &e.TimeZone} {
		*p = rapport.ValidUTF8(*p)
	}
	return e
}

// replyTo is the Reply-To of an email, or nil. Only the leader's report
// email is answered to the coach: its link opens the leader's own report,
// which the coach has read and released, so a reply quoting it shows the
// coach nothing new. A rater's email carries their survey link, and an
// ordinary reply would quote it to the coach, who could then open (before
// submission even change) that rater's answers: those emails give the
// coach's address as a mailto: link in the body instead, which starts a
// new message. The coach's own close notice needs none.
func replyTo(e Email) *mail.Address {
	// The leader's nomination link likewise shows the coach nothing they
	// may not see: the list is theirs to decide on.
	if (e.Kind != rapport.EmailReportReleased && e.Kind != rapport.EmailNomination) || e.CoachEmail == "" {
		return nil
	}
	return &mail.Address{Name: e.CoachName, Address: e.CoachEmail}
}

// buttonLink is the argument of the HTML "button" partial.
type buttonLink struct{ URL, Label string }

func button(url, label string) buttonLink { return buttonLink{URL: url, Label: label} }

// wrap breaks plain text at 72 columns, as mail readers expect; a word
// longer than that (a link) stays whole on its own line.
func wrap(s string) string {
	var out strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		col := 0
		for j, w := range strings.Fields(para) {
			n := len([]rune(w))
			if j > 0 && col+1+n > 72 {
				out.WriteByte('\n')
				col = 0
			} else if j > 0 {
				out.WriteByte(' ')
				col++
			}
			out.WriteString(w)
			col += n
		}
	}
	return out.String()
}
