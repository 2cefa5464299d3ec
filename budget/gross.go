package budget

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ArtRange is an inclusive range of national 3-digit arts, From ≤ To.
type ArtRange struct {
	From int `json:"from"`
	To   int `json:"to"`
}

func (r ArtRange) has(art int) bool { return art >= r.From && art <= r.To }

// String writes the range as "010-480", or "590" for a single art.
func (r ArtRange) String() string {
	if r.From == r.To {
		return fmt.Sprintf("%03d", r.From)
	}
	return fmt.Sprintf("%03d-%03d", r.From, r.To)
}

// GrossBase defines gross operating expenditure (brutto driftsutgifter),
// the base a share of the budget is computed on: the amounts on the arts in
// Include, less the amounts on the arts in Deduct.
//
// The arts in Deduct are income arts (fordelte utgifter, refunds), stored
// negative like all income. Deducting them means adding their signed
// amount: a refund of 100 kr (−100) lowers the base by 100 kr, and a
// reversed refund (+100) raises it. Every other art, and every line whose
// art is not a 3-digit code, is outside the base.
//
// The zero GrossBase is not usable; start from KOSTRAGross or
// ParseGrossBase.
type GrossBase struct {
	Include []ArtRange `json:"include"`
	Deduct  []ArtRange `json:"deduct"`
}

// KOSTRAGross is SSB's definition of brutto driftsutgifter for the
// driftsregnskap (kontoklasse 1): arts 010-480 and 590 (avskrivninger),
// less 690 (fordelte utgifter), 710 (sykelønnsrefusjon) and 729
// (kompensasjon for merverdiavgift). The financial arts 500-589 (renter,
// avdrag, utlån) are not in it.
func KOSTRAGross() GrossBase {
	return GrossBase{
		Include: []ArtRange{{10, 480}, {590, 590}},
		Deduct:  []ArtRange{{690, 690}, {710, 710}, {729, 729}},
	}
}

// ArtClass is where an art stands in a GrossBase.
type ArtClass int

// The classes of an art.
const (
	ArtOutside  ArtClass = iota // a 3-digit art that is not in the base
	ArtIncluded                 // in Include: counts with its amount
	ArtDeducted                 // in Deduct: an income art that lowers the base
	ArtUnknown                  // not a 3-digit code: cannot be placed, left out
)

// Classify places art, the 3-digit art of a line (a longer konto is
// placed by its first three digits), in the base.
func (g GrossBase) Classify(art string) ArtClass {
	n, ok := artNumber(art)
	if !ok {
		return ArtUnknown
	}
	for _, r := range g.Include {
		if r.has(n) {
			return ArtIncluded
		}
	}
	for _, r := range g.Deduct {
		if r.has(n) {
			return ArtDeducted
		}
	}
	return ArtOutside
}

// Counts returns the part of ore on art that counts in gross operating
// expenditure: ore for an included or deducted art (see GrossBase), 0
// otherwise.
func (g GrossBase) Counts(art string, ore int64) int64 {
	switch g.Classify(art) {
	case ArtIncluded, ArtDeducted:
		return ore
	}
	return 0
}

func artNumber(art string) (int, bool) {
	if len(art) < 3 {
		return 0, false
	}
	for _, c := range art[:3] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, _ := strconv.Atoi(art[:3])
	return n, true
}

// Equal reports whether g and o hold the same ranges in the same order.
func (g GrossBase) Equal(o GrossBase) bool {
	return slices.Equal(g.Include, o.Include) && slices.Equal(g.Deduct, o.Deduct)
}

// IsKOSTRA reports whether g is KOSTRA's definition.
func (g GrossBase) IsKOSTRA() bool { return g.Equal(KOSTRAGross()) }

// String writes g in the form ParseGrossBase reads:
// "010-480,590 minus 690,710,729".
func (g GrossBase) String() string {
	s := joinRanges(g.Include, ",")
	if len(g.Deduct) > 0 {
		s += " minus " + joinRanges(g.Deduct, ",")
	}
	return s
}

// Arts describes the arts for a reader, in words that are the same in
// bokmål and nynorsk: "art 010–480 og 590 minus 690, 710 og 729".
func (g GrossBase) Arts() string {
	s := "art " + listRanges(g.Include)
	if len(g.Deduct) > 0 {
		s += " minus " + listRanges(g.Deduct)
	}
	return s
}

// Label names the base for a reader, saying what it is, in bokmål or (nn)
// nynorsk: "brutto driftsutgifter etter KOSTRA (art 010–480 og 590 minus
// 690, 710 og 729)", or "etter kommunens avgrensing" for any other base.
// It starts in lower case; capitalise it at the start of a sentence.
func (g GrossBase) Label(nn bool) string {
	who := "etter kommunens avgrensing"
	if nn {
		who = "etter avgrensinga til kommunen"
	}
	if g.IsKOSTRA() {
		who = "etter KOSTRA"
	}
	return "brutto driftsutgifter " + who + " (" + g.Arts() + ")"
}

func joinRanges(rs []ArtRange, sep string) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, sep)
}

// listRanges writes "010–480, 500 og 590": en dashes, the last joined
// with "og".
func listRanges(rs []ArtRange) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = strings.Replace(r.String(), "-", "–", 1)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " og " + parts[len(parts)-1]
}

// ParseGrossBase reads a base written as the arts to include, then
// optionally "minus" and the arts to deduct, each a comma-separated list of
// 3-digit arts and ranges: "010-480,590 minus 690,710,729". An en dash may
// stand for the hyphen. It returns an EINVALID error naming the part it
// cannot read, when there is nothing to include, when a range runs
// backwards, or when an art is both included and deducted.
func ParseGrossBase(spec string) (GrossBase, error) {
	var g GrossBase
	inc, ded, hasMinus := strings.Cut(spec, "minus")
	var err error
	if g.Include, err = parseRanges(inc); err != nil {
		return GrossBase{}, err
	}
	if len(g.Include) == 0 {
		return GrossBase{}, Errorf(EINVALID, "gross expenditure base %q: no arts to include; write them as \"010-480,590 minus 690,710,729\"", spec)
	}
	if hasMinus {
		if g.Deduct, err = parseRanges(ded); err != nil {
			return GrossBase{}, err
		}
		if len(g.Deduct) == 0 {
			return GrossBase{}, Errorf(EINVALID, "gross expenditure base %q: no arts after \"minus\"", spec)
		}
	}
	for _, a := range g.Include {
		for _, b := range g.Deduct {
			if a.From <= b.To && b.From <= a.To {
				return GrossBase{}, Errorf(EINVALID, "gross expenditure base %q: art %s is both included and deducted", spec, ArtRange{max(a.From, b.From), min(a.To, b.To)})
			}
		}
	}
	return g, nil
}

func parseRanges(s string) ([]ArtRange, error) {
	var out []ArtRange
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		from, to, isRange := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-")
		if !isRange {
			to = from
		}
		f, okF := artCode(from)
		t, okT := artCode(to)
		if !okF || !okT {
			return nil, Errorf(EINVALID, "gross expenditure base: %q is not a 3-digit art or a range of them such as 010-480", part)
		}
		if f > t {
			return nil, Errorf(EINVALID, "gross expenditure base: the range %q runs backwards", part)
		}
		out = append(out, ArtRange{f, t})
	}
	return out, nil
}

func artCode(s string) (int, bool) {
	if len(s) != 3 {
		return 0, false
	}
	return artNumber(s)
}

// GrossSum adds up gross operating expenditure line by line. The zero
// value counts nothing; set Base first.
type GrossSum struct {
	Base GrossBase
	// Gross is the sum of the amounts that count (GrossBase.Counts).
	Gross int64
	// UnknownLines and UnknownOre are the lines whose art is not a 3-digit
	// code and their sum: left out of Gross, to be named beside it.
	UnknownLines int
	UnknownOre   int64
}

// Add counts one line of ore on art.
func (s *GrossSum) Add(art string, ore int64) { s.AddLines(art, ore, 1) }

// AddLines counts n lines on art that sum to ore (a total by art).
func (s *GrossSum) AddLines(art string, ore int64, n int) {
	switch s.Base.Classify(art) {
	case ArtIncluded, ArtDeducted:
		s.Gross += ore
	case ArtUnknown:
		s.UnknownLines += n
		s.UnknownOre += ore
	}
}
