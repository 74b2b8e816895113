//go:build bench

package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rapporthq/rapport/internal/testkit"
)

func TestProfileSave(t *testing.T) {
	app := testkit.NewApp(t)
	round, err := PrepareRound(context.Background(), app.Store, testkit.RawDB(t, app.Cfg), 64)
	if err != nil {
		t.Fatal(err)
	}
	httpc := Client(64)
	res := Load("inproc save", 64, 5*time.Second, func(c, call int) (bool, error) {
		rng := rand.New(rand.NewPCG(uint64(c), uint64(call)))
		return true, send(httpc, "PUT", app.URL+"/api/v1/survey/"+round.Tokens[c], answersBody(round.Items, rng))
	})
	fmt.Println(res)
}
