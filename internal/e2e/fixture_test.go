package e2e

import "github.com/rapporthq/rapport/internal/rapport"

func storeLeader() rapport.LeaderInput {
	return rapport.LeaderInput{Name: "Crash Leader", Email: "crash.leader@example.com"}
}
