//go:build bench

package bench

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

// The suite: `make bench`. Durations can be shortened with RAPPORT_BENCH_SECONDS.
const clients = 64

func seconds() time.Duration {
	if v := os.Getenv("RAPPORT_BENCH_SECONDS"); v != "" {
		var n int
		fmt.Sscan(v, &n)
		return time.Duration(n) * time.Second
	}
	return 8 * time.Second
}

// table collects the lines printed at the end.
type table struct{ lines []string }

func (t *table) add(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	t.lines = append(t.lines, line)
	fmt.Println(line)
}

func verdict(ok bool) string {
	if ok {
		return "goal met"
	}
	return "GOAL MISSED"
}

func faster(a, b LoadResult) LoadResult {
	if b.RPS() > a.RPS() {
		return b
	}
	return a
}

func send(client *http.Client, method, url string, body []byte) error {
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %d: %s", method, resp.StatusCode, out)
	}
	return nil
}

// TestBenchSuite measures rater writes as raters send them (RaterBody on
// the built-in leadership questionnaire: 48 scores and three comments)
// against a bare one-transaction-per-request server doing the same work.
func TestBenchSuite(t *testing.T) {
	tab := &table{}
	dur := seconds()
	fmt.Printf("\nRapport benchmarks: %s, %d CPUs, %s per load run, %d concurrent clients\n\n", runtime.Version(), runtime.NumCPU(), dur, clients)

	// The real server's rounds first: their item ids and question keys are
	// what every body, the ceiling's too, is made of. 64 raters save drafts
	// again and again; 249 × 64 submit with comments, 100 × 64 without.
	const withComments, withoutComments = 249, 100
	dataDir := t.TempDir()
	cfg := testkit.ConfigIn(t, dataDir)
	st := testkit.Store(t, cfg)
	round := testkit.OpenBuiltinLoadRounds(t, st, testkit.RawDB(t, cfg), "leadership", clients*(1+withComments+withoutComments))
	st.Close()
	if len(round.Items) != 48 || len(round.Questions) < 3 {
		t.Fatalf("the leadership questionnaire has %d items and %d open questions; the goals are stated for 48 and at least 3",
			len(round.Items), len(round.Questions))
	}
	// Bodies are made before the clock starts, so the clients' own JSON work
	// does not compete with the server for the two cores.
	bodies := make([][]byte, 64)
	scoresOnly := make([][]byte, 64)
	for i := range bodies {
		bodies[i] = RaterBody(round.Items, round.Questions, rand.New(rand.NewPCG(uint64(i), 1)), true)
		scoresOnly[i] = RaterBody(round.Items, round.Questions, rand.New(rand.NewPCG(uint64(i), 1)), false)
	}
	fmt.Printf("request body: %d bytes on average (%d without comments)\n\n", avgLen(bodies), avgLen(scoresOnly))

	// Ceilings: a bare gin handler doing the same transaction, one per
	// request, each time for a new response (as a submit writes).
	httpc := Client(clients)
	runCeiling := func(name string, cached bool, bodies [][]byte) LoadResult {
		ceiling, err := NewCeiling(t.TempDir(), cached)
		if err != nil {
			t.Fatal(err)
		}
		defer ceiling.Close()
		cs := httptest.NewServer(ceiling.Handler())
		defer cs.Close()
		return Load(name, clients, dur, func(c, call int) (bool, error) {
			rater := c*1_000_000 + call
			return true, send(httpc, "PUT", fmt.Sprintf("%s/ceiling/%d", cs.URL, rater), bodies[(c+call)%len(bodies)])
		})
	}
	// Each ceiling runs twice, before and after Rapport's loads, and the
	// faster run is the one compared with: a one-transaction-per-request
	// server varies a lot from run to run, and the better run is the
	// harder one to beat.
	runCeilings := func() (same, cached, noComments LoadResult) {
		same = runCeiling("ceiling: same work, 1 tx/request", false, bodies)
		tab.add("%s", same)
		cached = runCeiling("ceiling + cached statements", true, bodies)
		tab.add("%s", cached)
		noComments = runCeiling("ceiling without comments", false, scoresOnly)
		tab.add("%s", noComments)
		return same, cached, noComments
	}
	ceil, cached, ceilNoComments := runCeilings()

	// The real server, as its own process from a fresh build.
	bin, err := Binary(testkit.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	proc, err := Start(bin, dataDir, "RAPPORT_SECRET="+testkit.Secret, "RAPPORT_REMINDER_SCHEDULE=@every 1h")
	if err != nil {
		t.Fatal(err)
	}
	defer proc.Stop()

	// measure runs a load on the server and prints it with the server's CPU
	// time per request, which varies less than rates on a busy machine.
	cpu := func() float64 {
		s, err := proc.CPUSeconds()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	measure := func(run func() LoadResult) LoadResult {
		before := cpu()
		r := run()
		tab.add("%s  server CPU %.0f µs/request", r, (cpu()-before)*1e6/float64(r.Requests))
		if r.FirstErr != "" {
			tab.add("  first error: %s", r.FirstErr)
		}
		return r
	}
	save := measure(func() LoadResult {
		return Load("rapport: save draft (PUT survey)", clients, dur, func(c, call int) (bool, error) {
			return true, send(httpc, "PUT", proc.URL+"/api/v1/survey/"+round.Tokens[c], bodies[(c+call)%len(bodies)])
		})
	})
	// submitters runs each of per raters of every client once, from the
	// first token after skip, with the given bodies.
	submitters := func(name string, skip, per int, bodies [][]byte) LoadResult {
		return measure(func() LoadResult {
			return Load(name, clients, 10*dur, func(c, call int) (bool, error) {
				tok := round.Tokens[skip+c*per+call]
				err := send(httpc, "POST", proc.URL+"/api/v1/survey/"+tok+"/submit", bodies[(c+call)%len(bodies)])
				return call+1 < per, err
			})
		})
	}
	submit := submitters("rapport: submit (POST submit)", clients, withComments, bodies)
	submitNoComments := submitters("rapport: submit, no comments", clients*(1+withComments), withoutComments, scoresOnly)
	rss, err := proc.PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	ceil2, cached2, ceilNoComments2 := runCeilings()
	ceil, cached, ceilNoComments = faster(ceil, ceil2), faster(cached, cached2), faster(ceilNoComments, ceilNoComments2)

	fmt.Println()
	tab.add("references: vs the ceiling with cached statements, save draft %.2fx, submit %.2fx; submit without comments vs the ceiling without comments %.2fx",
		save.RPS()/cached.RPS(), submit.RPS()/cached.RPS(), submitNoComments.RPS()/ceilNoComments.RPS())
	ratio := save.RPS() / ceil.RPS()
	tab.add("save draft vs the same-work ceiling: %.2fx throughput, p99 %.1f ms, %d errors: %s (goal >= 1.5x, p99 < 50 ms, 0 errors)",
		ratio, ms(save.P99), save.Errors, verdict(ratio >= 1.5 && save.P99 < 50*time.Millisecond && save.Errors == 0))
	ratio = submit.RPS() / ceil.RPS()
	tab.add("submit vs the same-work ceiling: %.2fx throughput, p99 %.1f ms, %d errors: %s (goal >= 1.5x, p99 < 50 ms, 0 errors)",
		ratio, ms(submit.P99), submit.Errors, verdict(ratio >= 1.5 && submit.P99 < 50*time.Millisecond && submit.Errors == 0))
	tab.add("server peak RSS under rater writes: %.0f MiB: %s (goal <= 85 MiB)", rss, verdict(rss <= 85))
}

func avgLen(bodies [][]byte) int {
	n := 0
	for _, b := range bodies {
		n += len(b)
	}
	return n / len(bodies)
}
