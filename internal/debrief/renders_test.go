package debrief

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A report waits for a turn once maxConcurrentRenders are being drawn, and
// gives up when its request ends; a turn handed back lets the next one in.
func TestRenderTurns(t *testing.T) {
	turns := newRenderTurns()
	var held []func()
	for range maxConcurrentRenders {
		done, err := turns.take(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, done)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := turns.take(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a render beyond the limit: %v, want to wait until its request ends", err)
	}
	held[0]()
	if done, err := turns.take(context.Background()); err != nil {
		t.Fatalf("after a turn was handed back: %v", err)
	} else {
		done()
	}
}
