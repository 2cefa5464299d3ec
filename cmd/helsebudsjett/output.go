package main

import (
	"os"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// formatKroner writes øre as finance staff read amounts (budget.FormatKroner).
func formatKroner(ore int64) string { return budget.FormatKroner(ore) }

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
