package web_test

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestMain runs the tests in gin's release mode, as `rapport serve` does;
// web.New leaves gin's global mode alone.
func TestMain(m *testing.M) {
	gin.SetMode(gin.ReleaseMode)
	os.Exit(m.Run())
}
