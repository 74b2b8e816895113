// Package bench measures Rapport against ceilings measured in the same run,
// so that the ratios hold on a noisy machine. `make bench` runs the suite
// (bench_test.go, build tag "bench") and prints a table; docs/benchmarks.md
// records a run.
package bench

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// LoadResult is what a load run measured.
type LoadResult struct {
	Name     string
	Requests int
	Errors   int
	Elapsed  time.Duration
	P50, P99 time.Duration
	FirstErr string
}

// RPS is the rate of successful requests per second.
func (r LoadResult) RPS() float64 {
	return float64(r.Requests-r.Errors) / r.Elapsed.Seconds()
}

func (r LoadResult) String() string {
	return fmt.Sprintf("%-34s %9.0f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d/%d",
		r.Name, r.RPS(), ms(r.P50), ms(r.P99), r.Errors, r.Requests)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Load runs do from clients goroutines at once until the duration ends or
// a client's requests run out (do returns false), and measures each call.
// do gets the client number and its call count, and reports an error for
// any failed request.
func Load(name string, clients int, duration time.Duration, do func(client, call int) (more bool, err error)) LoadResult {
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var mu sync.Mutex
	var latencies []time.Duration
	errs, firstErr := 0, ""
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			myErrs, myFirst := 0, ""
			for call := 0; ctx.Err() == nil; call++ {
				t0 := time.Now()
				more, err := do(c, call)
				mine = append(mine, time.Since(t0))
				if err != nil {
					myErrs++
					if myFirst == "" {
						myFirst = err.Error()
					}
				}
				if !more {
					break
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			errs += myErrs
			if firstErr == "" {
				firstErr = myFirst
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	return LoadResult{Name: name, Requests: len(latencies), Errors: errs, Elapsed: elapsed,
		P50: percentile(latencies, 0.50), P99: percentile(latencies, 0.99), FirstErr: firstErr}
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[int(float64(len(sorted)-1)*p)]
}

// Client is an HTTP client that keeps one connection per load client alive.
func Client(clients int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: time.Minute}}
}
