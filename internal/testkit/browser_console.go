package testkit

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// failOnConsoleErrors makes every browser test fail, at its end, for each
// error a page wrote to the console: an exception, console.error, or a
// resource that failed to load (a missing favicon was one on every page).
// A page the test opened on purpose that answers an error status (a 404
// page) is the test's business, not the console's.
func failOnConsoleErrors(t testing.TB, ctx context.Context) {
	var (
		mu        sync.Mutex
		documents = map[network.RequestID]bool{}
		logged    []*log.Entry
		errs      []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			if e.Type == network.ResourceTypeDocument {
				documents[e.RequestID] = true
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				logged = append(logged, e.Entry)
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				errs = append(errs, fmt.Sprintf("console.error with %d arguments", len(e.Args)))
			}
		}
	})
	if err != nil {
		t.Fatalf("testkit: watch the console: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range logged {
			if e.Source == log.EntrySourceNetwork && documents[e.NetworkRequestID] {
				continue
			}
			errs = append(errs, fmt.Sprintf("%s: %s (%s)", e.Source, e.Text, e.URL))
		}
		for _, e := range errs {
			t.Errorf("the browser's console logged an error: %s", e)
		}
	})
}
