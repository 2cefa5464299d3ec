package budget

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Selector picks budget lines for a measure: the Budsjettkobling column.
//
// Syntax: alternatives separated by "|", each a conjunction of clauses
// "field=pattern" separated by ";", all of which must hold. A line is
// picked when any alternative holds. Example:
//
//	funksjon=232;ansvar=31*|prosjekt=P1407
//
// picks the lines of funksjon 232 whose ansvar starts with 31, and every
// line of prosjekt P1407. Spaces around fields, patterns and separators are
// ignored.
//
// A field is one of the codes ansvar, funksjon, art, prosjekt, tjeneste and
// konto, or the name of an attribute kept at import ("bydel",
// "virksomhetsområde"), compared case-insensitively. Whether an attribute
// name is known is for the caller to check against the workspace (see
// Fields); a line without the attribute has the value "".
//
// A pattern is:
//   - a code, "232": the value equals it (letters compared without regard
//     to case);
//   - a prefix ending in "*", "31*": the value starts with it; "*" alone
//     picks any non-empty value;
//   - a range of numeric codes, "200-299": both ends are digits of the
//     same length, and the value is digits of that same length between them
//     inclusive. Codes are compared as numbers with the same number of
//     digits, never as numbers of different lengths: "200-299" does not pick
//     the 5-digit tjeneste 20200 (write tjeneste=20200-29999 for that) nor
//     the code "23" — which keeps a range from silently picking codes of
//     another chart.
//
// A Selector is immutable once parsed and safe for concurrent use. The
// zero Selector picks nothing.
type Selector struct {
	alts [][]Clause
}

// Clause is one "field=pattern" of a Selector. Field is lower case.
type Clause struct {
	Field   string
	Pattern Pattern
	code    codeField // which code of the line, or attrField
}

// PatternKind says how a Pattern compares.
type PatternKind uint8

// Pattern kinds.
const (
	Exact  PatternKind = iota // the value equals Value
	Prefix                    // the value starts with Value (the "*" is not part of Value)
	Range                     // Value ≤ the value ≤ To, digits of equal length
)

// Pattern is the right-hand side of a clause.
type Pattern struct {
	Kind  PatternKind
	Value string
	To    string // for Range
}

type codeField uint8

const (
	attrField codeField = iota
	fieldAnsvar
	fieldFunksjon
	fieldArt
	fieldProsjekt
	fieldTjeneste
	fieldKonto
	fieldDel // the line's part of the budget: drift, investering, begge
)

// CodeFields are the line codes a Selector may name besides attributes;
// "del" is the line's part of the budget (drift, investering, or begge for
// a file holding both), so a measure can pick the investeringsdel only.
var CodeFields = []string{"ansvar", "funksjon", "art", "prosjekt", "tjeneste", "konto", "del"}

func codeFieldOf(name string) codeField {
	switch name {
	case "ansvar":
		return fieldAnsvar
	case "funksjon":
		return fieldFunksjon
	case "art":
		return fieldArt
	case "prosjekt":
		return fieldProsjekt
	case "tjeneste":
		return fieldTjeneste
	case "konto":
		return fieldKonto
	case "del":
		return fieldDel
	}
	return attrField
}

// maxSelector bounds the text of a selector: far above any real one, low
// enough that a hostile cell cannot make matching slow.
const maxSelector = 4096

// ParseSelector reads a selector (see Selector). An empty or blank string
// is the zero Selector, which picks nothing. Anything malformed is an
// EINVALID *Error saying what is wrong: a clause without "=", an empty
// field or pattern, a "*" other than at the end, a range whose ends differ
// in length or run backwards.
func ParseSelector(s string) (Selector, error) {
	if strings.TrimSpace(s) == "" {
		return Selector{}, nil
	}
	if len(s) > maxSelector {
		return Selector{}, Errorf(EINVALID, "budget link is %d characters long; at most %d", len(s), maxSelector)
	}
	if !utf8.ValidString(s) {
		return Selector{}, Errorf(EINVALID, "budget link %q is not valid text", s)
	}
	var sel Selector
	for _, alt := range strings.Split(s, "|") {
		if strings.TrimSpace(alt) == "" {
			return Selector{}, Errorf(EINVALID, "budget link %q has an empty alternative: remove the extra '|'", s)
		}
		var conj []Clause
		for _, cl := range strings.Split(alt, ";") {
			if strings.TrimSpace(cl) == "" {
				return Selector{}, Errorf(EINVALID, "budget link %q has an empty clause: remove the extra ';'", s)
			}
			c, err := parseClause(cl)
			if err != nil {
				return Selector{}, err
			}
			conj = append(conj, c)
		}
		sel.alts = append(sel.alts, conj)
	}
	return sel, nil
}

func parseClause(s string) (Clause, error) {
	field, pat, ok := strings.Cut(s, "=")
	field = strings.ToLower(strings.TrimSpace(field))
	pat = strings.TrimSpace(pat)
	switch {
	case !ok:
		return Clause{}, Errorf(EINVALID, "budget link clause %q has no '=': write field=pattern, such as funksjon=232", strings.TrimSpace(s))
	case field == "":
		return Clause{}, Errorf(EINVALID, "budget link clause %q has no field before '='", strings.TrimSpace(s))
	case pat == "":
		return Clause{}, Errorf(EINVALID, "budget link clause %q has no pattern after '='", strings.TrimSpace(s))
	case strings.ContainsAny(field, "*=") || !printable(field):
		return Clause{}, Errorf(EINVALID, "budget link clause %q: %q is not a field name", strings.TrimSpace(s), field)
	}
	p, err := parsePattern(pat)
	if err != nil {
		return Clause{}, Errorf(EINVALID, "budget link clause %q: %s", strings.TrimSpace(s), err.Error())
	}
	return Clause{Field: field, Pattern: p, code: codeFieldOf(field)}, nil
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func parsePattern(s string) (Pattern, error) {
	if !printable(s) || strings.Contains(s, "=") {
		return Pattern{}, Errorf(EINVALID, "%q is not a pattern", s)
	}
	if i := strings.IndexByte(s, '*'); i >= 0 {
		if i != len(s)-1 {
			return Pattern{}, Errorf(EINVALID, "'*' may only end a pattern (31* is a prefix), not stand inside %q", s)
		}
		return Pattern{Kind: Prefix, Value: strings.TrimSpace(s[:i])}, nil
	}
	if from, to, ok := strings.Cut(s, "-"); ok {
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if isDigits(from) && isDigits(to) {
			if len(from) != len(to) {
				return Pattern{}, Errorf(EINVALID, "range %q: both ends must have the same number of digits (200-299, 0100-0199)", s)
			}
			if from > to {
				return Pattern{}, Errorf(EINVALID, "range %q runs backwards: write the lower code first", s)
			}
			return Pattern{Kind: Range, Value: from, To: to}, nil
		}
	}
	return Pattern{Kind: Exact, Value: s}, nil
}

// String writes the pattern as ParsePattern reads it.
func (p Pattern) String() string {
	switch p.Kind {
	case Prefix:
		return p.Value + "*"
	case Range:
		return p.Value + "-" + p.To
	}
	return p.Value
}

// Match reports whether a value matches the pattern.
func (p Pattern) Match(v string) bool {
	switch p.Kind {
	case Prefix:
		if p.Value == "" {
			return v != ""
		}
		return len(v) >= len(p.Value) && strings.EqualFold(v[:len(p.Value)], p.Value)
	case Range:
		return len(v) == len(p.Value) && isDigits(v) && p.Value <= v && v <= p.To
	}
	return strings.EqualFold(v, p.Value)
}

// ParsePattern reads one pattern (see Selector).
func ParsePattern(s string) (Pattern, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Pattern{}, Errorf(EINVALID, "empty pattern")
	}
	return parsePattern(s)
}

// IsZero reports whether the selector is empty and so picks nothing.
func (s Selector) IsZero() bool { return len(s.alts) == 0 }

// Alternatives returns the selector's alternatives, each a list of clauses
// that must all hold. The slices are fresh copies.
func (s Selector) Alternatives() [][]Clause {
	out := make([][]Clause, len(s.alts))
	for i, a := range s.alts {
		out[i] = append([]Clause(nil), a...)
	}
	return out
}

// Fields returns the distinct fields the selector names, lower case, in
// order of first appearance.
func (s Selector) Fields() []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range s.alts {
		for _, c := range a {
			if !seen[c.Field] {
				seen[c.Field] = true
				out = append(out, c.Field)
			}
		}
	}
	return out
}

// String writes the selector in its canonical form, which ParseSelector
// reads back to an equal selector: no spaces, fields lower case.
func (s Selector) String() string {
	var b strings.Builder
	for i, a := range s.alts {
		if i > 0 {
			b.WriteByte('|')
		}
		for j, c := range a {
			if j > 0 {
				b.WriteByte(';')
			}
			b.WriteString(c.Field)
			b.WriteByte('=')
			b.WriteString(c.Pattern.String())
		}
	}
	return b.String()
}

// MarshalText writes String.
func (s Selector) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses with ParseSelector.
func (s *Selector) UnmarshalText(b []byte) error {
	p, err := ParseSelector(string(b))
	if err != nil {
		return err
	}
	*s = p
	return nil
}

// Match reports whether the selector picks the line.
func (s Selector) Match(l *Line) bool {
	for _, a := range s.alts {
		if matchAll(a, l) {
			return true
		}
	}
	return false
}

func matchAll(cs []Clause, l *Line) bool {
	for i := range cs {
		if !cs[i].Pattern.Match(cs[i].value(l)) {
			return false
		}
	}
	return true
}

// value returns the line's value for the clause's field.
func (c *Clause) value(l *Line) string {
	switch c.code {
	case fieldAnsvar:
		return l.Ansvar
	case fieldFunksjon:
		return l.Funksjon
	case fieldArt:
		return l.Art
	case fieldProsjekt:
		return l.Prosjekt
	case fieldTjeneste:
		return l.Tjeneste
	case fieldKonto:
		return l.Konto
	case fieldDel:
		return string(l.Part)
	}
	v, _ := l.Attr(c.Field)
	return v
}
