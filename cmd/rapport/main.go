// Command rapport runs the Rapport 360-degree feedback service.
package main

import (
	"os"

	"github.com/rapporthq/rapport/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
