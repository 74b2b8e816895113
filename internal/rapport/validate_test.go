package rapport_test

import (
	"testing"

	"github.com/rapporthq/rapport/internal/rapport"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 5000: "5,000", 5001: "5,001",
		123456: "123,456", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := rapport.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
