// Package cell holds what the indicator and area readers share about the
// text in a cell: header folding, label cleaning and the decimal values of
// published statistics with their missing-value markers.
package cell

import (
	"strings"
	"unicode"
)

// Clean trims a label: leading and trailing white space of any kind
// (non-breaking and thin spaces included), and runs of inner white space
// turned into one space. "0-17 år " and "Alle\u00a0aldre" come out as
// "0-17 år" and "Alle aldre".
func Clean(s string) string {
	if s == "" {
		return s
	}
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '!' || c >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

var (
	folder   = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "ä", "ae", "ö", "oe", "ü", "ue")
	unfolder = strings.NewReplacer("aa", "a", "oe", "o", "ae", "a")
)

// Fold returns the form header names are compared in: lower case, æ/ø/å
// spelled out and reduced to a/o/a, without spaces, hyphens, underscores,
// dots and parentheses. "Måltall", "MAALTALL" and "maltall" fold alike.
func Fold(s string) string {
	s = folder.Replace(strings.ToLower(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '.', '(', ')', ':', '/':
			return -1
		}
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return unfolder.Replace(s)
}
