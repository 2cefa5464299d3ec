package budgetfile

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/shopspring/decimal"
)

// Style is the decimal separator a file's numbers use.
type Style uint8

// The decimal styles. StyleUnknown is the state of a file before any of its
// numbers has shown which separator is the decimal one.
const (
	StyleUnknown Style = iota
	StyleComma         // "1 234,56", "1.234,56": Norwegian
	StyleDot           // "1234.56", "1,234.56": English, and every raw xlsx number
)

func (s Style) String() string {
	switch s {
	case StyleComma:
		return "comma"
	case StyleDot:
		return "dot"
	}
	return "unknown"
}

// Parsed is a parsed amount.
type Parsed struct {
	// Ore is the amount in øre, rounded half away from zero.
	Ore int64
	// Empty is true for an empty cell: no amount, which is not zero.
	Empty bool
	// Evidence is the decimal style the value proves (StyleUnknown when it
	// proves none, as an integer does).
	Evidence Style
	// Ambiguous is set when the value is a single separator followed by
	// exactly three digits ("12.345", "1,234") and ParseAmount was called
	// with StyleUnknown: Ore is then the reading with that separator as the
	// decimal one (Evidence), but under the other style it would be a
	// thousands grouping. The caller decides once the file's style is known.
	Ambiguous bool
}

// maxAmountLen bounds the text ParseAmount looks at, so that a hostile cell
// cannot make it build huge numbers.
const maxAmountLen = 80

// amountError is the reason a cell is not an amount; its text goes into a
// RowError message.
type amountError string

func (e amountError) Error() string { return string(e) }

const (
	errNotNumber     amountError = "is not a number"
	errGrouping      amountError = "has misplaced thousands separators"
	errTooLong       amountError = "is too long for an amount"
	errTooLarge      amountError = "is too large"
	errAmbiguousDot  amountError = "is ambiguous: the file uses comma decimals, so the dot could be a thousands separator or a decimal point; write the number without it or with a decimal comma"
	errAmbiguousComm amountError = "is ambiguous: the file uses dot decimals, so the comma could be a thousands separator or a decimal comma; write the number without it or with a decimal point"
	errSigns         amountError = "has more than one sign"
)

// ParseAmount parses a money amount in kroner as finance staff and their
// ERPs write it and returns it in øre.
//
// Accepted: "1234567", "1 234 567" (space, NBSP, narrow NBSP, thin space or
// figure space between groups of three), "1 234 567,89", "1.234.567,89",
// "1,234,567.89", padding, a leading "+", "-" or U+2212 minus, "(1 234)" for
// a negative, "kr 1 234", "1 234 kr", "NOK 1 234", "1 234,-", and raw xlsx
// numbers ("1234.5", "1.2345E+6", "-0.06", "0.30000000000000004"). A lone "-"
// is zero, as Excel's accounting format writes zero. An empty cell is
// Parsed.Empty, never zero.
//
// style is the file's decimal style, used only to settle a single separator
// followed by exactly three digits: under the style whose decimal separator
// it is, it is a decimal; under the other style it is an error, since it
// might be a thousands grouping or a decimal typed by someone else; under
// StyleUnknown ParseAmount returns the decimal reading with Ambiguous set.
// Whether an unambiguous value contradicts the file's style is the caller's
// business: ParseAmount reports it in Parsed.Evidence.
func ParseAmount(s string, style Style) (Parsed, error) {
	s = trimSpace(s)
	if s == "" {
		return Parsed{Empty: true}, nil
	}
	if len(s) > maxAmountLen {
		return Parsed{}, errTooLong
	}
	neg, paren := false, false
	if s[0] == '(' {
		if s[len(s)-1] != ')' {
			return Parsed{}, errNotNumber
		}
		paren, neg = true, true
		s = trimSpace(s[1 : len(s)-1])
	}
	s = trimCurrency(s)
	signs := 0
	if rest, ok := cutSign(s); ok {
		if rest.neg {
			neg = !neg
		}
		signs++
		s = trimCurrency(trimSpace(rest.s))
	}
	if s == "" {
		// Excel's accounting format writes zero as a dash.
		if signs == 1 && neg && !paren {
			return Parsed{}, nil
		}
		return Parsed{}, errNotNumber
	}
	if paren && signs > 0 {
		return Parsed{}, errSigns
	}
	p, err := parseNumber(s, style)
	if err != nil {
		return Parsed{}, err
	}
	if neg {
		p.Ore = -p.Ore
	}
	return p, nil
}

type signed struct {
	s   string
	neg bool
}

// cutSign removes one leading sign.
func cutSign(s string) (signed, bool) {
	if s == "" {
		return signed{}, false
	}
	switch s[0] {
	case '-':
		return signed{s[1:], true}, true
	case '+':
		return signed{s[1:], false}, true
	}
	if strings.HasPrefix(s, "\u2212") || strings.HasPrefix(s, "\u2013") { // minus sign, en dash
		return signed{s[3:], true}, true
	}
	return signed{}, false
}

// trimCurrency removes a "kr"/"NOK" before or after the number and the
// ",-" that means "no øre".
func trimCurrency(s string) string {
	for _, c := range [...]string{"kr.", "kr", "nok"} {
		if len(s) >= len(c) && strings.EqualFold(s[:len(c)], c) {
			s = trimSpace(s[len(c):])
			break
		}
	}
	for _, c := range [...]string{"kr.", "kr", "nok"} {
		if len(s) >= len(c) && strings.EqualFold(s[len(s)-len(c):], c) {
			s = trimSpace(s[:len(s)-len(c)])
			break
		}
	}
	for _, suf := range [...]string{",-", ".-"} {
		if strings.HasSuffix(s, suf) {
			s = trimSpace(s[:len(s)-len(suf)])
		}
	}
	return s
}

// isSpace reports the spaces finance exports put in and around numbers.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\u00a0', '\u202f', '\u2009', '\u2007', '\ufeff':
		return true
	}
	return false
}

func trimSpace(s string) string {
	// Fast path: most cells have no padding.
	if s == "" || (s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

// number is a number's digits without separators, with the count of
// digits after the decimal separator and a power-of-ten exponent.
type number struct {
	digits [maxAmountLen]byte
	n      int // digits used
	frac   int // digits after the decimal separator
	exp    int // from an E notation
}

// parseNumber parses an unsigned number: digits with group separators and
// at most one decimal separator, or a raw float in E notation.
func parseNumber(s string, style Style) (Parsed, error) {
	var num number
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		return parseExp(s, i, &num)
	}
	// One pass over s: collect digits and the separators between them.
	// seps[k] is a separator and pos[k] how many digits came before it.
	var seps [maxAmountLen]byte
	var pos [maxAmountLen]int
	nsep := 0
	lastWasSep := false
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			num.digits[num.n] = c
			num.n++
			lastWasSep = false
			i++
			continue
		}
		var sep byte
		size := 1
		switch {
		case c == '.' || c == ',':
			sep = c
		case c == ' ':
			sep = ' '
		case c >= 0x80:
			r, sz := utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) {
				return Parsed{}, errNotNumber
			}
			sep, size = ' ', sz
		default:
			return Parsed{}, errNotNumber
		}
		if lastWasSep {
			return Parsed{}, errNotNumber
		}
		seps[nsep], pos[nsep] = sep, num.n
		nsep++
		lastWasSep = true
		i += size
	}
	if num.n == 0 || lastWasSep {
		return Parsed{}, errNotNumber
	}
	p := Parsed{}
	switch {
	case nsep == 0:
	default:
		dec := -1 // index in seps of the decimal separator
		var ndot, ncomma, nspace int
		for k := 0; k < nsep; k++ {
			switch seps[k] {
			case '.':
				ndot++
			case ',':
				ncomma++
			default:
				nspace++
			}
		}
		last := seps[nsep-1]
		switch {
		case ndot > 0 && ncomma > 0:
			// Both: the last is the decimal one, once; the other groups.
			if last == ' ' || (last == '.' && ndot > 1) || (last == ',' && ncomma > 1) || nspace > 0 {
				return Parsed{}, errGrouping
			}
			dec = nsep - 1
			p.Evidence = styleOf(last)
		case ndot+ncomma == 0:
			// Spaces only: grouping.
		case ndot+ncomma > 1:
			// The same punctuation more than once cannot be a decimal
			// separator: it groups thousands, and proves the other style.
			if nspace > 0 {
				return Parsed{}, errGrouping
			}
			if last == '.' {
				p.Evidence = StyleComma
			} else {
				p.Evidence = StyleDot
			}
		default:
			// One '.' or ','.
			k := nsep - 1
			if seps[k] == ' ' {
				return Parsed{}, errGrouping // "1,234 567"
			}
			dec = k
			p.Evidence = styleOf(seps[k])
			intLen := pos[k]
			fracLen := num.n - pos[k]
			if nspace == 0 && fracLen == 3 && intLen >= 1 && intLen <= 3 && num.digits[0] != '0' {
				// "12.345", "1,234": a decimal or a thousands grouping.
				switch style {
				case StyleUnknown:
					p.Ambiguous = true
				case p.Evidence:
				default:
					if seps[k] == '.' {
						return Parsed{}, errAmbiguousDot
					}
					return Parsed{}, errAmbiguousComm
				}
			}
		}
		// The separators before the decimal one group thousands: groups of
		// three after a first group of one to three digits.
		end := nsep
		if dec >= 0 {
			end = dec
			num.frac = num.n - pos[dec]
		}
		intDigits := num.n - num.frac
		if end > 0 {
			if pos[0] < 1 || pos[0] > 3 {
				return Parsed{}, errGrouping
			}
			for k := 1; k < end; k++ {
				if pos[k]-pos[k-1] != 3 {
					return Parsed{}, errGrouping
				}
			}
			if intDigits-pos[end-1] != 3 {
				return Parsed{}, errGrouping
			}
		}
	}
	ore, err := num.ore()
	if err != nil {
		return Parsed{}, err
	}
	p.Ore = ore
	return p, nil
}

func styleOf(sep byte) Style {
	if sep == ',' {
		return StyleComma
	}
	return StyleDot
}

// parseExp parses E notation as Excel stores floats: digits, an optional
// point and digits, E, an optional sign and up to three digits.
func parseExp(s string, e int, num *number) (Parsed, error) {
	mant, ex := s[:e], s[e+1:]
	seenDot := false
	for i := 0; i < len(mant); i++ {
		c := mant[i]
		switch {
		case c >= '0' && c <= '9':
			num.digits[num.n] = c
			num.n++
			if seenDot {
				num.frac++
			}
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return Parsed{}, errNotNumber
		}
	}
	if num.n == 0 {
		return Parsed{}, errNotNumber
	}
	negExp := false
	if ex != "" && (ex[0] == '+' || ex[0] == '-') {
		negExp = ex[0] == '-'
		ex = ex[1:]
	}
	if ex == "" || len(ex) > 3 {
		return Parsed{}, errNotNumber
	}
	for i := 0; i < len(ex); i++ {
		if ex[i] < '0' || ex[i] > '9' {
			return Parsed{}, errNotNumber
		}
		num.exp = num.exp*10 + int(ex[i]-'0')
	}
	if negExp {
		num.exp = -num.exp
	}
	ore, err := num.ore()
	if err != nil {
		return Parsed{}, err
	}
	p := Parsed{Ore: ore}
	if seenDot {
		p.Evidence = StyleDot
	}
	return p, nil
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// ore converts the number to øre, rounding half away from zero. Numbers of
// up to 18 digits, which is every real amount, take an exact integer path
// with no allocation; longer ones go through shopspring/decimal and
// budget.ToOre, which round the same way (the fuzz test checks they agree).
func (n *number) ore() (int64, error) {
	// Leading zeros carry no value and would only push numbers off the
	// fast path.
	d := n.digits[:n.n]
	for len(d) > 1 && d[0] == '0' {
		d = d[1:]
	}
	shift := 2 - n.frac + n.exp // øre = mantissa × 10^shift
	if len(d) > 18 {
		return n.slowOre(d, shift)
	}
	var m int64
	for _, c := range d {
		m = m*10 + int64(c-'0')
	}
	switch {
	case m == 0:
		return 0, nil
	case shift >= 0:
		if shift > 18 || m > math.MaxInt64/pow10[shift] {
			return 0, errTooLarge
		}
		return m * pow10[shift], nil
	case shift < -18:
		return 0, nil // below half an øre: m < 10^18 ≤ 10^-shift / 10
	default:
		p := pow10[-shift]
		q, r := m/p, m%p
		if r >= p-r { // r ≥ p/2 without overflow or truncation
			q++
		}
		return q, nil
	}
}

func (n *number) slowOre(d []byte, shift int) (int64, error) {
	m, err := decimal.NewFromString(string(d))
	if err != nil {
		return 0, errNotNumber
	}
	ore, err := budget.ToOre(m.Shift(int32(shift - 2)))
	if err != nil {
		return 0, errTooLarge
	}
	return ore, nil
}

// parseAmountDecimal is the reference conversion for the fuzz test: the
// digits of a value ParseAmount accepted, through shopspring/decimal and
// budget.ToOre only. It returns the absolute value in øre.
func parseAmountDecimal(s string, style Style) (int64, error) {
	p, err := ParseAmount(s, style)
	if err != nil || p.Empty {
		return 0, err
	}
	exp := strings.ContainsAny(s, "eE")
	dec := byte(0)
	switch {
	case exp:
		dec = '.'
	case p.Evidence == StyleComma:
		dec = ','
	case p.Evidence == StyleDot:
		dec = '.'
	}
	var clean strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == ',' || c == '.') && i+1 < len(s) && s[i+1] == '-' {
			i++ // ",-": no øre
			continue
		}
		switch {
		case c >= '0' && c <= '9', c == dec:
			clean.WriteByte(c)
		case exp && (c == 'e' || c == 'E'):
			clean.WriteByte('e')
			if i+1 < len(s) && (s[i+1] == '-' || s[i+1] == '+') {
				clean.WriteByte(s[i+1])
				i++
			}
		}
	}
	t := strings.ReplaceAll(clean.String(), ",", ".")
	if t == "" {
		return 0, nil
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return 0, err
	}
	return budget.ToOre(v)
}
