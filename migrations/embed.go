// Package migrations embeds the numbered SQL files that build the schema.
// Each file NNNN_name.sql runs once, in order, in its own transaction.
package migrations

import "embed"

//go:embed *.sql
var FS embed.FS
