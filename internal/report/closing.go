package report

import (
	"github.com/rapporthq/rapport/internal/scoring"
)

// comments prints the open answers question by question, as written.
func (d *doc) comments() {
	d.page("In their own words", "The answers to the open questions, as written, in an order unrelated to who answered when. "+
		"A colour shows the group where that group is shown on its own.")
	p := d.pdf
	if len(d.s.Withheld) > 0 {
		d.notice("Some comments are not printed", d.withheldComments())
	}
	byQuestion := map[string][]scoring.Comment{}
	for _, c := range d.s.Comments {
		byQuestion[c.QuestionKey] = append(byQuestion[c.QuestionKey], c)
	}
	for _, q := range d.m.Questions {
		list := byQuestion[q.Key]
		first := 8.0
		if len(list) > 0 {
			d.font("", 9.5)
			first = d.height(list[0].Text, contentW-8, 4.5) + 8
		}
		d.heading(d.leader.Fill(q.Text), first)
		if len(list) == 0 {
			d.font("I", 9)
			d.textColor(grey)
			d.multi(contentW, 4.5, "No answers.")
			p.Ln(4)
			continue
		}
		for _, c := range list {
			d.font("", 9.5)
			h := d.height(c.Text, contentW-8, 4.5)
			d.ensure(h + 7)
			y := p.GetY()
			d.fillColor(colorOf(c.Group))
			p.Rect(marginX, y+0.5, 1.2, h+3.5, "F")
			p.SetXY(marginX+5, y)
			d.textColor(ink)
			d.multi(contentW-8, 4.5, c.Text)
			p.SetX(marginX + 5)
			d.font("", 7)
			d.textColor(soft)
			d.cell(contentW-8, 3.5, d.groupLabel(c.Group), "", 2, "L")
			p.Ln(2.5)
		}
		p.Ln(3)
	}
}

// reflection gives the coach and the leader questions for the debrief, in
// the spirit of relational coaching: not only whether the leader reaches
// their goals, but whether they do so in a way that stays healthy.
func (d *doc) reflection() {
	d.page("Questions for the debrief", "Feedback becomes useful in conversation. These questions are for you and your coach to pick from: "+
		"take your time with the ones that touch something, and leave the rest.")
	p := d.pdf
	for _, s := range Reflection {
		d.heading(s.Title, 20)
		for _, q := range s.Questions {
			d.font("", 10)
			h := d.height(q, contentW-8, 4.8)
			d.ensure(h + 3)
			y := p.GetY()
			d.fillColor(colorOf("self"))
			p.Rect(marginX+1, y+1.6, 1.6, 1.6, "F")
			p.SetXY(marginX+6, y)
			d.textColor(ink)
			d.multi(contentW-6, 4.8, q)
			p.Ln(2)
		}
		p.Ln(3)
	}
}

// plan is a page to fill in at the end of the debrief.
func (d *doc) plan() {
	d.page("Development plan", "To write together at the end of the debrief. Keep it small: one or two areas, concrete steps, and people who will tell you how it goes.")
	p := d.pdf
	for _, b := range PlanBoxes {
		h := 9 + float64(b.Lines)*7.5
		d.ensure(h + 4)
		y := p.GetY()
		d.drawColor(rule)
		p.SetLineWidth(0.3)
		p.Rect(marginX, y, contentW, h, "D")
		p.SetXY(marginX+4, y+3)
		d.font("B", 10)
		d.textColor(navy)
		d.cell(contentW-8, 5, b.Title, "", 0, "L")
		p.SetLineWidth(0.15)
		for i := 1; i <= b.Lines; i++ {
			ly := y + 6 + float64(i)*7.5
			p.Line(marginX+4, ly, pageW-marginX-4, ly)
		}
		p.SetXY(marginX, y+h+4)
	}
	d.font("", 9)
	d.textColor(soft)
	d.cell(contentW/2, 6, "Next check-in with my coach: ____________________", "", 0, "L")
	d.cell(contentW/2, 6, "Follow-up 360 round: ____________________", "", 1, "R")
}

// Reflection are the questions for the debrief, in the spirit of relational
// coaching; the PDF and the report's web page both print them.
var Reflection = []ReflectionSection{
	{"Making sense of it", []string{
		"What did you feel when you first read the report? What does that feeling tell you?",
		"Which figure or comment surprised you most, and what story are you telling yourself about it?",
		"Where do the groups see you differently? What might each relationship need from you that the others do not?",
		"Where do raters disagree with each other? What could explain why people experience you so differently?",
	}},
	{"Effectiveness: reaching what matters", []string{
		"Which one or two strengths, used more deliberately, would make the biggest difference to your results?",
		"Which blind spot, if it is true, costs you or your team the most today?",
		"What is one thing people asked you to keep doing that you tend to undervalue?",
	}},
	{"Health: how you get there", []string{
		"Are you reaching your goals in a way that is healthy, for yourself and for the people around you?",
		"What does leading the way you do now cost you? What might it cost others?",
		"Which relationships give you energy, and which drain it? What is your part in each?",
		"Where might your position make it hard for people to tell you the truth, and how do you invite it?",
		"How do you recover after intense periods, and does your team see you doing it?",
	}},
	{"Looking ahead", []string{
		"A year from now, what would you like people to say about working with you?",
		"Whom will you thank for their feedback, and what will you tell them you are working on?",
	}},
}

// ReflectionSection is one heading of questions for the debrief.
type ReflectionSection struct {
	Title     string
	Questions []string
}

// PlanBoxes are the development plan's parts, each with the lines it
// leaves to write on.
var PlanBoxes = []PlanBox{
	{"Strengths I will build on", 3},
	{"One or two areas I will develop, and why they matter to me", 4},
	{"First steps: what, with whom, by when", 5},
	{"Whom I will ask for support and for feedback along the way", 3},
	{"How I will know it is working, for results and for wellbeing", 3},
}

// PlanBox is one part of the development plan.
type PlanBox struct {
	Title string
	Lines int
}
