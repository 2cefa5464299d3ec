package cell

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Markers are the signs statistics publish for a missing figure: "-" no
// figure, ":" suppressed (prikket), ".." not available, "." cannot occur,
// "*" suppressed or uncertain. An empty cell is missing too, with marker "".
var Markers = []string{"-", ":", "..", ".", "*", "…"}

// maxValueLen bounds the text ParseValue looks at, so that a hostile cell
// cannot make it build huge numbers.
const maxValueLen = 64

// maxExp bounds the exponent of "1.2E-3" forms: real figures need a few.
const maxExp = 30

// Errors ParseValue returns. Their text goes into row error messages.
var (
	ErrNotNumber = errors.New("is not a number or a missing-value sign (-, :, .., ., *)")
	ErrTooLong   = errors.New("is too long for a number")
	ErrGrouping  = errors.New("has misplaced thousands separators")
)

// ParseValue reads a published figure. It returns the value, or nil and the
// marker when the cell is one of Markers or empty (missing is never zero).
//
// Accepted: "10", "10,3", "10.3", "-0,5", "1 234,5" and "1.234,5" and
// "1,234.5" (grouped thousands), spaces of any kind, a trailing "%", and
// raw spreadsheet numbers ("8.3000000000000007", "1.2E-3"). A lone comma
// or dot is always the decimal separator: indicator values are shares,
// rates and years, seldom in the thousands, and a count written "1.234" is
// then refused as not whole rather than read as a thousand. A number with
// more than 15 significant digits is a binary float printed in full (Excel
// writes 8.3 as 8.3000000000000007): it is taken as the shortest decimal
// that reads back as the same float, so the same figure gives the same
// value from xlsx and csv.
func ParseValue(s string) (v *decimal.Decimal, marker string, err error) {
	s = strings.TrimSpace(Clean(s))
	if s == "" {
		return nil, "", nil
	}
	for _, m := range Markers {
		if s == m {
			return nil, m, nil
		}
	}
	if len(s) > maxValueLen {
		return nil, "", ErrTooLong
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		neg = s[0] == '-'
		s = s[1:]
	case strings.HasPrefix(s, "\u2212"):
		neg, s = true, s[len("\u2212"):]
	}
	mant, exp, err := splitExp(s)
	if err != nil {
		return nil, "", err
	}
	digits, err := plainDigits(mant)
	if err != nil {
		return nil, "", err
	}
	if exp != 0 {
		digits += "e" + strconv.Itoa(exp)
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return nil, "", ErrNotNumber
	}
	if significant(digits) > 15 {
		f, _ := d.Float64()
		d, _ = decimal.NewFromString(strconv.FormatFloat(f, 'g', -1, 64))
	}
	if neg {
		d = d.Neg()
	}
	return &d, "", nil
}

// splitExp cuts an exponent "E-3" off a raw spreadsheet number.
func splitExp(s string) (string, int, error) {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return s, 0, nil
	}
	e, err := strconv.Atoi(s[i+1:])
	if err != nil || e < -maxExp || e > maxExp || strings.ContainsAny(s[:i], " ,") {
		return "", 0, ErrNotNumber
	}
	return s[:i], e, nil
}

// plainDigits turns a number with separators into "1234.5".
func plainDigits(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009', '\u2007', '\'':
			return '_' // a grouping space: checked below
		}
		return r
	}, s)
	if s == "" {
		return "", ErrNotNumber
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' && r != '_' {
			return "", ErrNotNumber
		}
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	intPart, frac := s, ""
	switch {
	case dots+commas == 0:
	case dots == 1 && commas == 0, commas == 1 && dots == 0:
		i := strings.LastIndexAny(s, ".,")
		intPart, frac = s[:i], s[i+1:]
	case dots > 0 && commas > 0:
		// The one that comes last, once, is the decimal separator; the
		// other groups thousands.
		i := strings.LastIndexAny(s, ".,")
		dec := s[i]
		if strings.Count(s, string(dec)) != 1 {
			return "", ErrGrouping
		}
		intPart, frac = s[:i], s[i+1:]
		other := ","
		if dec == ',' {
			other = "."
		}
		intPart = strings.ReplaceAll(intPart, other, "_")
	default: // the same separator several times: thousands
		sep := "."
		if commas > 0 {
			sep = ","
		}
		intPart = strings.ReplaceAll(s, sep, "_")
	}
	if strings.ContainsAny(frac, "_.,") {
		return "", ErrNotNumber
	}
	if strings.Contains(intPart, "_") {
		groups := strings.Split(intPart, "_")
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return "", ErrGrouping
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" && frac == "" {
		return "", ErrNotNumber
	}
	if intPart == "" {
		intPart = "0"
	}
	if frac == "" {
		return intPart, nil
	}
	return intPart + "." + frac, nil
}

// significant counts the significant digits of "0012.340e5".
func significant(s string) int {
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		s = s[:i]
	}
	s = strings.Replace(s, ".", "", 1)
	s = strings.TrimLeft(s, "0")
	s = strings.TrimRight(s, "0")
	return len(s)
}
