package budget

import (
	"strings"
	"unicode"
)

// UnitKind is what kind of organisational unit a Unit is.
type UnitKind string

// The kinds of unit: a virksomhet (a school, a health centre), an etat (an
// agency of several virksomheter), a bydel administration, or a sektor (a
// sector of the budget document, such as Oppvekst).
const (
	Virksomhet UnitKind = "virksomhet"
	Etat       UnitKind = "etat"
	BydelUnit  UnitKind = "bydel"
	Sektor     UnitKind = "sektor"
)

// UnitKinds lists the kinds in the order lists show them.
var UnitKinds = []UnitKind{Virksomhet, Etat, BydelUnit, Sektor}

// ParseUnitKind reads a kind in any case ("Virksomhet", "sektor"; the
// plural forms and "sector" are accepted too). "" is Virksomhet. Anything
// else is an EINVALID error.
func ParseUnitKind(s string) (UnitKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "virksomhet", "virksomheter", "enhet":
		return Virksomhet, nil
	case "etat", "etater", "agency":
		return Etat, nil
	case "bydel", "bydeler", "district":
		return BydelUnit, nil
	case "sektor", "sektorer", "sector", "tjenesteområde":
		return Sektor, nil
	}
	return "", Errorf(EINVALID, "unknown kind of unit %q: use virksomhet, etat, bydel or sektor", s)
}

// Unit is an organisational unit of the municipality: a virksomhet, etat,
// bydel or sektor. Measures name units as responsible, by Code.
//
// Code is the unit's stable short code as the municipality writes it
// ("nav", "bydel-nordbyen", "3300"); it is unique and compared exactly.
// Parent is the code of the unit it belongs to (a virksomhet's etat or
// sektor), or "". Ansvar are the ansvar codes and ranges that belong to
// the unit; no ansvar belongs to two units. Bydel is the code of the bydel
// the unit serves, or "" when it serves the whole municipality.
type Unit struct {
	Row         int         `json:"-"` // row in the source file, for messages
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	Kind        UnitKind    `json:"kind"`
	Parent      string      `json:"parent,omitempty"`
	Leader      string      `json:"leader,omitempty"`       // leader's name
	LeaderTitle string      `json:"leader_title,omitempty"` // "virksomhetsleder", "kommunalsjef"
	Address     string      `json:"address,omitempty"`
	Ansvar      []CodeRange `json:"ansvar,omitempty"`
	Bydel       string      `json:"bydel,omitempty"`
}

// OwnsAnsvar reports whether ansvar belongs to the unit.
func (u *Unit) OwnsAnsvar(ansvar string) bool {
	for _, r := range u.Ansvar {
		if r.Contains(ansvar) {
			return true
		}
	}
	return false
}

// CodeRange is a code (From == To) or an inclusive range of numeric codes
// with the same number of digits, "1000-1099". See Pattern for how a
// range compares.
type CodeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// String writes the range as ParseCodeRanges reads it: "1000-1099", or
// the code alone.
func (r CodeRange) String() string {
	if r.From == r.To {
		return r.From
	}
	return r.From + "-" + r.To
}

// Contains reports whether code is in the range: equal to From for a
// single code, else a string of digits of the same length as the ends
// between them inclusive.
func (r CodeRange) Contains(code string) bool {
	if r.From == r.To {
		return code == r.From
	}
	return len(code) == len(r.From) && isDigits(code) && r.From <= code && code <= r.To
}

// overlaps reports whether two ranges share a code.
func (r CodeRange) overlaps(o CodeRange) bool {
	switch {
	case r.From == r.To:
		return o.Contains(r.From)
	case o.From == o.To:
		return r.Contains(o.From)
	case len(r.From) != len(o.From):
		return false
	}
	return r.From <= o.To && o.From <= r.To
}

// ParseCodeRanges reads a list of codes and ranges separated by commas,
// semicolons or spaces: "1000-1099, 1200; 1300-1310". A range's ends must be
// digits of the same length, the first not above the second. An empty list
// is nil.
func ParseCodeRanges(s string) ([]CodeRange, error) {
	var out []CodeRange
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\u00a0' }) {
		r, err := parseCodeRange(f)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func parseCodeRange(s string) (CodeRange, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok || !isDigits(from) || !isDigits(to) {
		if strings.ContainsAny(s, "*|=") {
			return CodeRange{}, Errorf(EINVALID, "%q is not a code or a range of codes such as 1000-1099", s)
		}
		return CodeRange{From: s, To: s}, nil
	}
	if len(from) != len(to) {
		return CodeRange{}, Errorf(EINVALID, "range %q: both ends must have the same number of digits (write 0100-0199, not 100-0199)", s)
	}
	if from > to {
		return CodeRange{}, Errorf(EINVALID, "range %q runs backwards: write the lower code first", s)
	}
	return CodeRange{From: from, To: to}, nil
}

// FormatCodeRanges writes ranges as ParseCodeRanges reads them, joined by
// ", ".
func FormatCodeRanges(rs []CodeRange) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// ValidateUnits checks a set of units: each has a code and a name, no code
// is given twice, every Parent is a unit of the set, and no ansvar belongs
// to two units. It returns every problem found, each an EINVALID *Error
// naming the unit (and its Row when set); nil when all is well.
func ValidateUnits(units []Unit) []*Error {
	var errs []*Error
	at := func(u *Unit) string {
		if u.Row > 0 {
			return "row " + itoa(u.Row) + ": unit " + u.Code
		}
		return "unit " + u.Code
	}
	seen, folded := map[string]int{}, map[string]int{}
	for i := range units {
		u := &units[i]
		switch {
		case strings.TrimSpace(u.Code) == "":
			errs = append(errs, Errorf(EINVALID, "row %d: unit %q has no code", u.Row, u.Name))
			continue
		case strings.TrimSpace(u.Name) == "":
			errs = append(errs, Errorf(EINVALID, "%s has no name", at(u)))
		}
		if err := CheckUnitCode(u.Code); err != nil {
			errs = append(errs, Errorf(EINVALID, "row %d: %v", u.Row, err))
			continue
		}
		if j, dup := folded[strings.ToLower(u.Code)]; dup {
			also := "also row " + itoa(units[j].Row)
			if units[j].Code != u.Code {
				also = "as " + units[j].Code + " in row " + itoa(units[j].Row) + ": codes that differ only in case are the same unit"
			}
			errs = append(errs, Errorf(EINVALID, "%s is given twice (%s)", at(u), also))
			continue
		}
		seen[u.Code] = i
		folded[strings.ToLower(u.Code)] = i
	}
	for i := range units {
		u := &units[i]
		if u.Parent != "" {
			if _, ok := seen[u.Parent]; !ok || u.Parent == u.Code {
				errs = append(errs, Errorf(EINVALID, "%s belongs to %q, which is not a unit of the file", at(u), u.Parent))
			}
		}
		for _, r := range u.Ansvar {
			for j := i + 1; j < len(units); j++ {
				for _, o := range units[j].Ansvar {
					if r.overlaps(o) {
						errs = append(errs, Errorf(EINVALID, "%s and unit %s both hold ansvar %s / %s: an ansvar belongs to one unit",
							at(u), units[j].Code, r, o))
					}
				}
			}
		}
	}
	return errs
}

// CheckUnitCode returns an EINVALID error unless code is made of letters,
// digits, '-' and '_' only: codes end up in file names, selectors and
// drop-down lists, where spaces, quotes or ';' would make them ambiguous.
func CheckUnitCode(code string) error {
	for _, r := range code {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return Errorf(EINVALID, "unit code %q holds %q: use letters, digits, '-' and '_' only", code, r)
		}
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
