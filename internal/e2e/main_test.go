package e2e

import (
	"os"
	"testing"

	"github.com/rapporthq/rapport/internal/bench"
)

func TestMain(m *testing.M) {
	code := m.Run()
	bench.RemoveBinary()
	os.Exit(code)
}
