package main

import (
	"os"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// formatKroner writes øre the way Norwegian finance staff read amounts:
// space-grouped kroner and comma decimals, "-1 362 250,00".
func formatKroner(ore int64) string {
	s := budget.FormatOre(ore) // "-1362250.00"
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, dec, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	b.WriteByte(',')
	b.WriteString(dec)
	return b.String()
}

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
