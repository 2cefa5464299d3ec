package budget

import (
	"sort"
	"strconv"
	"strings"
)

// Part is which part of the budget a dataset holds. Kommuneloven § 14-4
// divides every årsbudsjett and økonomiplan into a driftsdel and an
// investeringsdel, and ERPs mostly export them as separate files; a file
// holding both is Begge.
type Part string

// The parts a dataset can belong to.
const (
	Drift       Part = "drift"
	Investering Part = "investering"
	Begge       Part = "begge"
)

// Parts are the parts a budget is divided into, in the order documents show
// them. Begge is not one of them: a Begge dataset holds both.
var Parts = []Part{Drift, Investering}

// ParsePart accepts drift, investering or begge in bokmål or nynorsk, in
// any case. Anything else is an EINVALID error.
func ParsePart(s string) (Part, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "drift", "driftsdel", "driftsbudsjett":
		return Drift, nil
	case "investering", "investeringar", "investeringsdel", "investeringsbudsjett":
		return Investering, nil
	case "begge", "båe", "baae", "both":
		return Begge, nil
	}
	return "", Errorf(EINVALID, "unknown budget part %q: use drift, investering or begge", s)
}

// Holds reports whether a dataset of part p holds part q (drift or
// investering).
func (p Part) Holds(q Part) bool { return p == q || p == Begge }

// Covers lists the parts (drift, investering) a dataset of part p holds.
func (p Part) Covers() []Part {
	if p == Begge {
		return Parts
	}
	return []Part{p}
}

// The arts that occur in only one part of KOSTRA's chart of accounts, so a
// file holding one of them holds that part. The lists are short on
// purpose: an art used in both parts (lønn, kjøp, refusjoner, momskompensasjon)
// tells nothing.
var (
	driftOnlyArts = map[string]string{
		"570": "overføring til investering",
		"590": "avskrivninger",
		"800": "skatt på inntekt og formue",
		"810": "statlig rammetilskudd",
		"870": "skatt på eiendom",
		"874": "eiendomsskatt",
		"875": "eiendomsskatt",
		"877": "eiendomsskatt",
		"990": "motpost avskrivninger",
	}
	investeringOnlyArts = map[string]string{
		"529": "kjøp av aksjer og andeler",
		"670": "salg av fast eiendom",
		"910": "bruk av lån",
		"970": "overføring fra drift",
	}
)

// PartEvidence collects, line by line, what a file says about its part,
// so that the part can be inferred once the whole file has been read.
// The zero value is ready to use.
type PartEvidence struct {
	column          map[Part]int    // lines marked by a kontoklasse or drift/investering column
	unmarked        int             // lines whose marker column is empty or unknown
	driftArts       map[string]bool // drift-only arts seen
	investeringArts map[string]bool // investering-only arts seen
	columnName      string
}

// partColumns are the attribute names (folded) that mark each line's part.
var partColumns = []string{"kontoklasse", "drift/investering", "driftinvestering", "drift_investering",
	"budsjettdel", "regnskapsdel", "del"}

// Add records what line l says about its part.
func (e *PartEvidence) Add(l *Line) {
	if e.driftArts == nil {
		e.driftArts, e.investeringArts, e.column = map[string]bool{}, map[string]bool{}, map[Part]int{}
	}
	if _, ok := driftOnlyArts[l.Art]; ok {
		e.driftArts[l.Art] = true
	}
	if _, ok := investeringOnlyArts[l.Art]; ok {
		e.investeringArts[l.Art] = true
	}
	for _, a := range l.Attributes {
		name := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(a.Name), " ", ""))
		for _, c := range partColumns {
			if name != c {
				continue
			}
			if p, ok := markedPart(c, a.Value); ok {
				e.column[p]++
				e.columnName = a.Name
			} else {
				e.unmarked++
			}
			return
		}
	}
}

// markedPart reads a part marker: kontoklasse 1 or 3 is drift, 0 or 4
// investering (1/0 in the kontoplan, 3/4 in SSB's KOSTRA file); any other
// marker column says drift or investering in words.
func markedPart(column, v string) (Part, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if column == "kontoklasse" {
		switch v {
		case "1", "3":
			return Drift, true
		case "0", "4":
			return Investering, true
		}
		return "", false
	}
	switch {
	case strings.HasPrefix(v, "drift"):
		return Drift, true
	case strings.HasPrefix(v, "invest"):
		return Investering, true
	}
	return "", false
}

// Infer returns the part the evidence shows and why, in a sentence for the
// user, or ok false when it shows none. It is conservative: a marker column
// decides only when every line has a marker it can read; arts decide only
// when the file has arts of one part and none of the other.
func (e *PartEvidence) Infer() (p Part, why string, ok bool) {
	if len(e.column) > 0 && e.unmarked == 0 {
		d, i := e.column[Drift], e.column[Investering]
		switch {
		case i == 0:
			return Drift, "every line's " + e.columnName + " says drift", true
		case d == 0:
			return Investering, "every line's " + e.columnName + " says investering", true
		}
		return Begge, "the " + e.columnName + " column marks lines of both parts", true
	}
	d, i := sortedArts(e.driftArts), sortedArts(e.investeringArts)
	switch {
	case len(d) > 0 && len(i) > 0:
		return Begge, "it has arts of the driftsdel only (" + describeArts(d, driftOnlyArts) +
			") and of the investeringsdel only (" + describeArts(i, investeringOnlyArts) + ")", true
	case len(d) > 0:
		return Drift, "it has arts of the driftsdel only (" + describeArts(d, driftOnlyArts) + ") and none of the investeringsdel only", true
	case len(i) > 0:
		return Investering, "it has arts of the investeringsdel only (" + describeArts(i, investeringOnlyArts) + ") and none of the driftsdel only", true
	}
	return "", "", false
}

func sortedArts(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// describeArts names the first few arts, so a reason stays one line.
func describeArts(arts []string, names map[string]string) string {
	const shown = 3
	parts := make([]string, 0, shown+1)
	for i, a := range arts {
		if i == shown {
			parts = append(parts, "and "+strconv.Itoa(len(arts)-shown)+" more")
			break
		}
		parts = append(parts, a+" "+names[a])
	}
	return strings.Join(parts, ", ")
}
