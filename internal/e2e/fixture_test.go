package e2e

import "github.com/rapporthq/rapport/internal/store"

func storeLeader() store.LeaderInput {
	return store.LeaderInput{Name: "Crash Leader", Email: "crash.leader@example.com"}
}
