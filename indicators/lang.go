package indicators

import (
	"fmt"
	"strings"
	"unicode"
)

// Lang is a written standard of Norwegian: bokmål (nb, the default) or
// nynorsk (nn).
type Lang string

// The languages.
const (
	Bokmal  Lang = "nb"
	Nynorsk Lang = "nn"
)

// ParseLang reads "nb", "nn" (also "bokmål", "nynorsk", "no", "nob", "nno";
// "" is bokmål).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "nb", "nob", "no", "bokmål", "bokmal":
		return Bokmal, nil
	case "nn", "nno", "nynorsk":
		return Nynorsk, nil
	}
	return "", fmt.Errorf("language %q: use nb (bokmål) or nn (nynorsk)", s)
}

// Pick returns nn for nynorsk when it is given, else nb: the one place
// that chooses between a bokmål and a nynorsk text.
func (l Lang) Pick(nb, nn string) string {
	if l == Nynorsk && nn != "" {
		return nn
	}
	return nb
}

// NameIn returns the indicator's name in lang.
func (ind Indicator) NameIn(lang Lang) string { return lang.Pick(ind.Name, ind.NameNN) }

// DefinitionIn returns the indicator's definition in lang.
func (ind Indicator) DefinitionIn(lang Lang) string {
	return lang.Pick(ind.Definition, ind.DefinitionNN)
}

// TextIn returns the rule's text in lang.
func (r TrendRule) TextIn(lang Lang) string { return lang.Pick(r.Text, r.TextNN) }

// NorwegianLess reports whether a sorts before b in Norwegian alphabetical
// order: case is ignored at first, Æ Ø Å come after Z in that order (Ä and
// Ö sort as Æ and Ø, Aa is not treated as Å), accented letters sort as
// their base letter (é as e), and digits before letters. Strings equal
// under these rules fall back to byte order, so the order is total.
func NorwegianLess(a, b string) bool {
	ka, kb := collationKey(a), collationKey(b)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	if len(ka) != len(kb) {
		return len(ka) < len(kb)
	}
	return a < b
}

// Weights above 'z' for the three last letters of the alphabet.
const (
	weightAE = 'z' + 1 + iota
	weightOE
	weightAA
)

func collationKey(s string) []rune {
	key := make([]rune, 0, len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'æ', 'ä':
			r = weightAE
		case 'ø', 'ö':
			r = weightOE
		case 'å':
			r = weightAA
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'á', 'à', 'â':
			r = 'a'
		case 'ó', 'ò', 'ô':
			r = 'o'
		case 'ü':
			r = 'y' // as in Norwegian dictionaries
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		case 'ú', 'ù', 'û':
			r = 'u'
		}
		key = append(key, r)
	}
	return key
}
