package scoring

import "math"

// cell is the answers of one group to one item or competency: the scores
// given, who gave them (indices into Input.Responses) and the N/A count.
type cell struct {
	scores []int
	raters []int
	na     int
}

func (c *cell) add(rater int, score *int) {
	if score == nil {
		c.na++
		return
	}
	c.scores = append(c.scores, *score)
	c.raters = append(c.raters, rater)
}

func (c *cell) merge(o cell) {
	c.scores = append(c.scores, o.scores...)
	c.raters = append(c.raters, o.raters...)
	c.na += o.na
}

func (c cell) n() int { return len(c.scores) }

// score is the mean and population standard deviation, rounded to two
// decimals. Both come from integer sums, so the figures do not depend on
// the order of the answers: detached anonymous responses are read back in
// a random order (store: detach.go), and the report must not change.
func (c cell) score() Score {
	var sum, sumSq int
	for _, s := range c.scores {
		sum += s
		sumSq += s * s
	}
	n := len(c.scores)
	mean := float64(sum) / float64(n)
	variance := float64(n*sumSq-sum*sum) / float64(n*n)
	return Score{Mean: round2(mean), N: n, SD: round2(math.Sqrt(variance))}
}

// distribution counts the scores per point of a scale of points points from min.
func (c cell) distribution(min, points int) []int {
	d := make([]int, points)
	for _, s := range c.scores {
		if s >= min && s-min < points {
			d[s-min]++
		}
	}
	return d
}

// round2 rounds to two decimals, the precision every figure is shown in.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
