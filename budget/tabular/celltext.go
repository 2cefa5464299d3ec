package tabular

import (
	"fmt"
	"unicode/utf16"
)

// MaxCellText is the most characters a spreadsheet cell holds: Excel's
// limit, counted as Excel counts, in UTF-16 code units. A longer text
// cannot round-trip through an xlsx template or show whole in the
// workbook (excelize would cut it short without a word), so importers
// refuse it.
const MaxCellText = 32767

// CellTextError returns "" when s fits in a spreadsheet cell, else a
// message for a row error that says how long it is and what to do.
func CellTextError(s string) string {
	if len(s) <= MaxCellText { // bytes ≥ UTF-16 units: the common case is cheap
		return ""
	}
	n := 0
	for _, r := range s {
		n += len(utf16.AppendRune(nil, r))
	}
	if n <= MaxCellText {
		return ""
	}
	return fmt.Sprintf("holds %d characters, more than the %d a spreadsheet cell holds: shorten it (it would be cut short, so it is not imported)", n, MaxCellText)
}

// CellTextValue is a long text shortened for a message: its first 40
// characters and an ellipsis.
func CellTextValue(s string) string {
	r := []rune(s)
	if len(r) <= 40 {
		return s
	}
	return string(r[:40]) + "…"
}
