package indicators

import "strings"

// IsTotal reports whether a dimension value stands for the whole
// population rather than one group, as statistics label it: "totalt",
// "i alt", "samlet", "kjønn samlet", "begge kjønn", "alle", "alle aldre",
// "alle utdanningsnivåer" and the like (case and spacing ignored).
func IsTotal(dimValue string) bool {
	v := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(dimValue, "\u00a0", " "))), " ")
	switch v {
	case "total", "totalt", "i alt", "samlet", "samla", "alle", "begge kjønn", "både kjønn", "begge kjønn samlet", "sum":
		return true
	}
	return strings.HasPrefix(v, "alle ") || strings.HasSuffix(v, " samlet") || strings.HasSuffix(v, " samla") ||
		strings.HasSuffix(v, " i alt") || strings.HasSuffix(v, " totalt")
}

// Headline reports whether a value with dims belongs to the headline
// slice, one figure per area and period: every dim is either chosen (named
// in where, which the caller has already matched) or a total (IsTotal).
func Headline(dims, where []Dim) bool {
next:
	for _, d := range dims {
		for _, w := range where {
			if strings.EqualFold(d.Name, w.Name) {
				continue next
			}
		}
		if !IsTotal(d.Value) {
			return false
		}
	}
	return true
}
