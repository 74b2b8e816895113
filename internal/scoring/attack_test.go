package scoring

import (
	"fmt"
	"math"
	"slices"

	"github.com/rapporthq/rapport/internal/rapport"
)

// This file is the attacker: given a summary and the true answers behind it,
// it builds every figure the summary shows as a linear form over the raters'
// answers, and asks whether any linear combination of them (what a reader
// can compute with a calculator: sums recovered from mean × n, counts per
// scale point, N/A counts, competency pools, all_others minus the rest)
// depends on the answers of fewer than the threshold anonymous raters.
//
// Two models cover every kind of figure:
//   - scores: one variable per (rater, item) answered with a score. Means,
//     standard deviations and the counts per scale point are sums over the
//     same answers (of the score, its square, or "is it k"), so they span
//     the same forms.
//   - presence: one variable per (rater, item) for every rater of a group:
//     "did they answer or choose N/A". n and N/A counts are sums of it, and
//     so is a distribution (its total is n).
//
// A combination reveals something about a set T of anonymous raters alone
// exactly when the span of the visible forms holds a vector whose anonymous
// part is non-zero and lies within T (identified raters' parts are known
// anyway). With V the visible forms restricted to anonymous coordinates,
// that happens iff dropping T's coordinates lowers the rank of V.

type model int

const (
	scoresModel model = iota
	presenceModel
)

func (m model) String() string { return [...]string{"scores", "presence"}[m] }

// leak describes a set of fewer than threshold anonymous raters whose
// answers some combination of visible figures isolates.
type leak struct {
	model  model
	raters []int
}

func (l leak) String() string { return fmt.Sprintf("%s model isolates raters %v", l.model, l.raters) }

// findLeak returns a leak, or nil if the summary is safe.
func findLeak(in Input, s *Summary) *leak {
	for _, m := range []model{scoresModel, presenceModel} {
		if l := findLeakIn(m, in, s); l != nil {
			return l
		}
	}
	return nil
}

func findLeakIn(m model, in Input, s *Summary) *leak {
	var items []int64
	compOf := map[int64]string{}
	for _, c := range in.Competencies {
		for _, it := range c.Items {
			items = append(items, it.ID)
			compOf[it.ID] = c.Key
		}
	}
	var anon []int
	for i, r := range in.Responses {
		if r.Relationship.Anonymous() {
			anon = append(anon, i)
		}
	}
	// Coordinates: anonymous rater a (index into anon) × item j.
	col := func(a, j int) int { return a*len(items) + j }
	width := len(anon) * len(items)
	inGroup := func(g Group, rater int) bool {
		return slices.Contains(g.Members, in.Responses[rater].Relationship)
	}
	// form builds the visible form of group g over the given items.
	form := func(g Group, itemIdx []int) []float64 {
		v := make([]float64, width)
		for a, r := range anon {
			if !inGroup(g, r) {
				continue
			}
			for _, j := range itemIdx {
				if m == scoresModel && in.Responses[r].Scores[items[j]] == nil {
					continue
				}
				v[col(a, j)] = 1
			}
		}
		return v
	}

	var rows [][]float64
	for j, it := range s.Items {
		for _, g := range s.Groups {
			_, score := it.Scores[g.Key]
			_, dist := it.Distribution[g.Key]
			_, na := it.NA[g.Key]
			if score || dist || (m == presenceModel && na) {
				rows = append(rows, form(g, []int{j}))
			}
		}
	}
	for _, c := range s.Competencies {
		var idx []int
		for j, id := range items {
			if compOf[id] == c.Key {
				idx = append(idx, j)
			}
		}
		for _, g := range s.Groups {
			if _, ok := c.Scores[g.Key]; ok {
				rows = append(rows, form(g, idx))
			}
		}
	}

	full := rank(rows, nil)
	t := s.AnonymityThreshold
	size := min(t-1, len(anon))
	var found *leak
	combinations(len(anon), size, func(set []int) bool {
		drop := map[int]bool{}
		for _, a := range set {
			for j := range items {
				drop[col(a, j)] = true
			}
		}
		if rank(rows, drop) < full {
			raters := make([]int, len(set))
			for i, a := range set {
				raters[i] = anon[a]
			}
			found = &leak{model: m, raters: raters}
			return false
		}
		return true
	})
	return found
}

// rank is the rank of rows with the dropped columns left out.
func rank(rows [][]float64, drop map[int]bool) int {
	if len(rows) == 0 {
		return 0
	}
	m := make([][]float64, len(rows))
	for i, r := range rows {
		m[i] = make([]float64, 0, len(r))
		for j, x := range r {
			if !drop[j] {
				m[i] = append(m[i], x)
			}
		}
	}
	cols := len(m[0])
	r := 0
	for c := 0; c < cols && r < len(m); c++ {
		p := r
		for i := r + 1; i < len(m); i++ {
			if math.Abs(m[i][c]) > math.Abs(m[p][c]) {
				p = i
			}
		}
		if math.Abs(m[p][c]) < 1e-9 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := r + 1; i < len(m); i++ {
			f := m[i][c] / m[r][c]
			if f == 0 {
				continue
			}
			for k := c; k < cols; k++ {
				m[i][k] -= f * m[r][k]
			}
		}
		r++
	}
	return r
}

// combinations calls fn with every k-subset of 0..n-1 until fn returns false.
func combinations(n, k int, fn func([]int) bool) {
	if k <= 0 {
		return
	}
	set := make([]int, k)
	var rec func(start, depth int) bool
	rec = func(start, depth int) bool {
		if depth == k {
			return fn(set)
		}
		for i := start; i <= n-(k-depth); i++ {
			set[depth] = i
			if !rec(i+1, depth+1) {
				return false
			}
		}
		return true
	}
	rec(0, 0)
}

// rels expands counts into a list of relationships in report order.
func rels(self, superior, peer, direct, other int) []rapport.Relationship {
	var out []rapport.Relationship
	for r, n := range map[rapport.Relationship]int{rapport.Self: self, rapport.Superior: superior,
		rapport.Peer: peer, rapport.DirectReport: direct, rapport.Other: other} {
		for range n {
			out = append(out, r)
		}
	}
	return inOrder(out)
}

func inOrder(rs []rapport.Relationship) []rapport.Relationship {
	slices.SortStableFunc(rs, func(a, b rapport.Relationship) int {
		return slices.Index(rapport.Relationships, a) - slices.Index(rapport.Relationships, b)
	})
	return rs
}
