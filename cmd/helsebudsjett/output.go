package main

import (
	"os"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// formatKroner writes øre as finance staff read amounts (budget.FormatKroner).
func formatKroner(ore int64) string { return budget.FormatKroner(ore) }

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
