// Package demo fills a Rapport instance with a demo coach, one leader and
// three rounds (two closed, one collecting answers), through the same
// store paths as real use: raters are added, rounds launched, surveys
// answered through the survey write path and rounds closed through close,
// so forward anonymity applies to the demo's answers too. Seeding again
// adds nothing; it only gives the demo coach a new password.
package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/rapporthq/rapport/internal/auth"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/store"
)

// Result is what Seed did and how to sign in.
type Result struct {
	Email, Password string
	LeaderName      string
	RoundsAdded     int // 0 when the demo was there already
}

// roundPlan is one demo round: when it ran (days before now), how much the
// leader had grown since the baseline, and who did not simply submit.
type roundPlan struct {
	title            string
	launchedDaysAgo  int
	closedDaysAgo    int // -1: still open
	growth           func(competency int) float64
	declined, absent []int // indexes into people
	drafts           []int // saved answers, not submitted (open round only)
	submitted        []int // nil: everyone not declined or absent; for the open round, who has submitted
	selfAnswered     bool
}

var plans = []roundPlan{
	{title: "Leadership 360 · baseline", launchedDaysAgo: 300, closedDaysAgo: 286,
		growth: func(int) float64 { return 0 }, declined: []int{2}, absent: []int{11}, selfAnswered: true},
	{title: "Leadership 360 · one year on", launchedDaysAgo: 70, closedDaysAgo: 56,
		growth: func(c int) float64 { return []float64{0.6, 0.2, 0.7, 0.3, -0.1, 0.4}[c%6] }, absent: []int{8}, selfAnswered: true},
	{title: "Leadership 360 · quarterly check-in", launchedDaysAgo: 3, closedDaysAgo: -1,
		growth:    func(c int) float64 { return []float64{0.8, 0.3, 0.8, 0.4, 0, 0.5}[c%6] },
		submitted: []int{0, 1, 3, 5, 6}, drafts: []int{7}, selfAnswered: true},
}

// Seed makes the demo on st, whose clock it moves back in time while it
// runs the past rounds (and restores).
func Seed(ctx context.Context, st *store.Store) (*Result, error) {
	password := newPassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	c, err := st.CoachByEmail(ctx, coach.Email)
	if rapport.ErrorCode(err) == rapport.ENOTFOUND {
		c, err = st.CreateCoach(ctx, coach.Email, coach.Name, hash)
	} else if err == nil {
		err = st.SetCoachPassword(ctx, c.ID, hash)
	}
	if err == nil {
		// Marked first, so that no email of the demo's ever goes out.
		err = st.MarkDemoCoach(ctx, c.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("demo: coach: %w", err)
	}
	l, err := demoLeader(ctx, st, c.ID)
	if err != nil {
		return nil, err
	}
	existing, err := st.Rounds(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, r := range existing {
		have[r.Title] = true
	}
	res := &Result{Email: coach.Email, Password: password, LeaderName: l.Name}
	now := st.Now()
	clock := atomic.Int64{}
	realNow := st.Now
	st.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	defer func() { st.Now = realNow }()
	for i, plan := range plans {
		if have[plan.title] {
			continue
		}
		if err := seedRound(ctx, st, c.ID, l, plan, i, now, &clock); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", plan.title, err)
		}
		res.RoundsAdded++
	}
	// Invitations and notices to example.com go nowhere: say so rather
	// than have the mail worker try.
	if _, err := st.SkipQueuedMail(ctx, c.ID, "demo data: not sent"); err != nil {
		return nil, err
	}
	return res, nil
}

func demoLeader(ctx context.Context, st *store.Store, coachID int64) (*rapport.Leader, error) {
	list, err := st.Leaders(ctx, coachID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if rapport.EmailKey(list[i].Email) == rapport.EmailKey(leader.Email) {
			return &list[i], nil
		}
	}
	return st.CreateLeader(ctx, coachID, leader)
}

func seedRound(ctx context.Context, st *store.Store, coachID int64, l *rapport.Leader, plan roundPlan, index int, now time.Time, clock *atomic.Int64) error {
	day := 24 * time.Hour
	at := func(daysAgo int) { clock.Store(now.Add(-time.Duration(daysAgo) * day).UnixNano()) }
	at(plan.launchedDaysAgo + 2)
	r, err := st.CreateRound(ctx, coachID, rapport.RoundInput{LeaderID: l.ID, FrameworkKey: "leadership", Title: plan.title,
		TimeZone: "Europe/Madrid", ClosesAt: now.Add(time.Duration(14-plan.launchedDaysAgo) * day).Truncate(time.Hour)})
	if err != nil {
		return err
	}
	for _, p := range people {
		if _, err := st.AddRater(ctx, coachID, r.ID, p.RaterInput); err != nil {
			return err
		}
	}
	at(plan.launchedDaysAgo)
	if _, err := st.LaunchRound(ctx, coachID, r.ID); err != nil {
		return err
	}
	links, err := st.SealedLinks(ctx, coachID, r.ID)
	if err != nil {
		return err
	}
	rng := mrand.New(mrand.NewPCG(uint64(index+1), 360))
	at(plan.launchedDaysAgo - 1)
	for _, link := range links {
		who := -1 // the leader
		for i, p := range people {
			if rapport.EmailKey(p.Email) == rapport.EmailKey(link.Email) {
				who = i
			}
		}
		if err := answer(ctx, st, link, who, plan, index, rng); err != nil {
			return fmt.Errorf("answer as %s: %w", link.Email, err)
		}
	}
	if plan.closedDaysAgo >= 0 {
		at(plan.closedDaysAgo)
		if _, err := st.CloseRound(ctx, coachID, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// answer plays one rater through the survey write path.
func answer(ctx context.Context, st *store.Store, link store.SealedLink, who int, plan roundPlan, round int, rng *mrand.Rand) error {
	token, err := st.Keys().Open(link.Sealed)
	if err != nil {
		return err
	}
	sv, err := st.ResolveLink(ctx, st.Keys().Hash(token))
	if err != nil {
		return err
	}
	in := func(list []int) bool {
		for _, i := range list {
			if i == who {
				return true
			}
		}
		return false
	}
	switch {
	case who < 0 && !plan.selfAnswered, in(plan.absent):
		return nil
	case in(plan.declined):
		_, err := st.DeclineSurvey(ctx, sv)
		return err
	case in(plan.drafts):
		d := draft(sv.Framework, who, plan, round, rng)
		_, err := st.SaveDraft(ctx, sv, &d)
		return err
	case who >= 0 && plan.submitted != nil && !in(plan.submitted):
		if who%2 == 0 {
			_, err = st.OpenSurvey(ctx, sv) // opened, not answered yet
		}
		return err
	}
	d := draft(sv.Framework, who, plan, round, rng)
	_, err = st.SubmitSurvey(ctx, sv, &d)
	return err
}

// draft makes one rater's answers: the group's view of each competency,
// the rater's leniency, some noise, a few "not able to observe" and a
// comment or two. The leader rates themself higher than others do on some
// competencies (blind spots) and lower on others (hidden strengths).
func draft(f *rapport.Framework, who int, plan roundPlan, round int, rng *mrand.Rand) rapport.Draft {
	d := rapport.Draft{Answers: map[int64]*int{}, Comments: map[string]string{}}
	lenient, rel := 0.0, rapport.Self
	if who >= 0 {
		lenient, rel = people[who].leniency, people[who].Relationship
	}
	for c, comp := range f.Competencies {
		base := 3.3 + 0.5*math.Sin(float64(c)*1.7) + plan.growth(c)
		switch rel {
		case rapport.Self:
			base += []float64{0.2, 0.9, -0.6, 0.1}[c%4]
		case rapport.Superior:
			base += 0.2
		case rapport.DirectReport:
			base += 0.15 * float64(c%3-1)
		case rapport.Other:
			base -= 0.1
		}
		for _, it := range comp.Items {
			if rel != rapport.Self && rng.Float64() < 0.07 {
				d.Answers[it.ID] = nil // not able to observe
				continue
			}
			score := int(math.Round(base + lenient + rng.NormFloat64()*0.7))
			score = min(max(score, f.Scale.Min), f.Scale.Max)
			d.Answers[it.ID] = &score
		}
	}
	if who < 0 {
		return d
	}
	for _, q := range f.OpenQuestions {
		pool := comments[q.Key]
		if len(pool) == 0 || rng.Float64() < 0.4 {
			continue
		}
		d.Comments[q.Key] = pool[(who+round)%len(pool)]
	}
	return d
}

// newPassword is a random password of four groups of letters and digits,
// easy to type from a terminal.
func newPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	out := make([]byte, 0, 19)
	for i, v := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(v)%len(alphabet)])
	}
	return string(out)
}
