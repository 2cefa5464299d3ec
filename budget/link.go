package budget

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Link is one budget line counted for one measure in one (year, version):
// a row of the Budsjettlinjer sheet. Line is the budget line with its codes
// and attributes (texts, bydel) and, in Amounts, just the amount for Key;
// LineOre is that amount, Share the measure's Andel in percent, and
// CountedOre the amount counted for the measure: LineOre × Share / 100,
// rounded half away from zero to the øre. A measure's total for a key is
// the sum of its links' CountedOre, so every total equals the sum of its
// parts.
type Link struct {
	Key        Key             `json:"key"`
	Measure    string          `json:"measure"` // the measure's Nr
	Line       *Line           `json:"line"`
	Share      decimal.Decimal `json:"share"`
	LineOre    int64           `json:"line_ore"`
	CountedOre int64           `json:"counted_ore"`
}

// Counted returns the part of ore that a share (in percent) counts:
// ore × share / 100, rounded half away from zero to the øre. The product is
// exact; no float is involved.
func Counted(ore int64, share decimal.Decimal) int64 {
	if share.Equal(FullShare) {
		return ore
	}
	return decimal.NewFromInt(ore).Mul(share).Shift(-2).Round(0).IntPart()
}

// Linker matches budget lines against a set of measures for one budget
// year. Build it once with NewLinker and call Match for every line of the
// year's dataset: the selectors are parsed already, and a line is compared
// with each measure active in the year once. A Linker is safe for
// concurrent use.
type Linker struct {
	year     int
	measures []*Measure // active in year, in the order given
}

// NewLinker returns a Linker for the measures active in year (see
// Measure.ActiveIn). Measures without a selector pick nothing.
func NewLinker(ms []Measure, year int) *Linker {
	lk := &Linker{year: year}
	for i := range ms {
		if ms[i].ActiveIn(year) && !ms[i].Selector.IsZero() {
			lk.measures = append(lk.measures, &ms[i])
		}
	}
	return lk
}

// Measures returns how many measures the linker matches against.
func (lk *Linker) Measures() int { return len(lk.measures) }

// Match appends to dst the measures that pick l, in the order they were
// given, and returns it.
func (lk *Linker) Match(l *Line, dst []*Measure) []*Measure {
	for _, m := range lk.measures {
		if m.Selector.Match(l) {
			dst = append(dst, m)
		}
	}
	return dst
}

// Overcount is a budget line that measures together count more than once:
// the sum of their shares is above 100 %. One krone is counted once.
type Overcount struct {
	Key      Key             `json:"key"`
	Line     *Line           `json:"line"`
	Measures []string        `json:"measures"` // their Nr, in the order given
	Share    decimal.Decimal `json:"share"`    // the sum of their shares, in percent
}

// Error describes the overcount for the user, naming the line and the
// measures.
func (o Overcount) Error() string {
	return "budget line " + DescribeLine(o.Line) + " in " + o.Key.String() + " is counted " + o.Share.String() +
		" % by measures " + strings.Join(o.Measures, ", ") + OvercountAdvice
}

// OvercountAdvice is what an overcount message tells the user to do.
const OvercountAdvice = ": one krone is counted once; narrow the measures' budget links (Budsjettkobling) or lower their shares (Andel) so they add up to at most 100 %"

// CheckShares returns the overcount of line l when the measures that pick
// it (as Linker.Match gives them) together count more than 100 % of it, and
// false when they do not.
func CheckShares(key Key, l *Line, picked []*Measure) (Overcount, bool) {
	if len(picked) < 2 && (len(picked) == 0 || !picked[0].Share.GreaterThan(FullShare)) {
		return Overcount{}, false
	}
	sum := decimal.Zero
	for _, m := range picked {
		sum = sum.Add(m.Share)
	}
	if !sum.GreaterThan(FullShare) {
		return Overcount{}, false
	}
	o := Overcount{Key: key, Line: l, Share: sum}
	for _, m := range picked {
		o.Measures = append(o.Measures, m.Nr)
	}
	return o, true
}

// LinkLine returns the links of line l for key to the picked measures,
// with l's amount for key (0 when it has none).
func LinkLine(key Key, l *Line, picked []*Measure) []Link {
	ore := l.OreFor(key)
	out := make([]Link, len(picked))
	for i, m := range picked {
		out[i] = Link{Key: key, Measure: m.Nr, Line: l, Share: m.Share, LineOre: ore, CountedOre: Counted(ore, m.Share)}
	}
	return out
}

// OreFor returns the line's amount for key, 0 when it has none.
func (l *Line) OreFor(key Key) int64 {
	for _, a := range l.Amounts {
		if a.Key == key {
			return a.Ore
		}
	}
	return 0
}

// DescribeLine names a line for messages: its codes and its row in the
// budget file, "ansvar 3300, funksjon 273, art 010, prosjekt 71005 (row 118
// of the budget file)".
func DescribeLine(l *Line) string {
	var parts []string
	for _, c := range [][2]string{{"ansvar", l.Ansvar}, {"funksjon", l.Funksjon}, {"tjeneste", l.Tjeneste},
		{"art", l.Art}, {"konto", l.Konto}, {"prosjekt", l.Prosjekt}} {
		if c[1] != "" && (c[0] != "tjeneste" || c[1] != l.Funksjon) && (c[0] != "konto" || c[1] != l.Art) {
			parts = append(parts, c[0]+" "+c[1])
		}
	}
	s := strings.Join(parts, ", ")
	if l.Row > 0 {
		s += " (row " + itoa(l.Row) + " of the budget file)"
	}
	return s
}

// Links computes, from lines in memory, every link of the measures to the
// lines for key, in line order and, within a line, in measure order, and
// every line counted more than once. It is the pure form of what the
// workspace's Links does over a stored dataset; tests and small callers use
// it directly.
func Links(key Key, lines []Line, ms []Measure) ([]Link, []Overcount) {
	lk := NewLinker(ms, key.Year)
	var links []Link
	var over []Overcount
	var picked []*Measure
	for i := range lines {
		l := &lines[i]
		picked = lk.Match(l, picked[:0])
		if len(picked) == 0 {
			continue
		}
		if o, bad := CheckShares(key, l, picked); bad {
			over = append(over, o)
		}
		links = append(links, LinkLine(key, l, picked)...)
	}
	return links, over
}

// EachLink calls fn with every link of the measures ms active in key.Year
// (Measure.ActiveIn) to the lines that lines gives (key's current budget,
// in line order), within a line in measure order, until fn returns an
// error, which EachLink returns; an error of lines is returned too. It
// matches each line once against selectors parsed once, so it suits a
// million lines and hundreds of measures, and holds no more than one
// line's links: a store gives its lines through lines without loading
// them all.
//
// A line that the measures count more than 100 % of (a budget imported
// after the measures can cause it) is an ECONFLICT error naming the line
// and the measures: a krone is never counted twice. When no measure is
// active in key.Year, EachLink reads no line and returns nil.
func EachLink(key Key, ms []Measure, lines func(fn func(*Line) error) error, fn func(Link) error) error {
	lk := NewLinker(ms, key.Year)
	if lk.Measures() == 0 {
		return nil
	}
	var picked []*Measure
	return lines(func(l *Line) error {
		picked = lk.Match(l, picked[:0])
		if len(picked) == 0 {
			return nil
		}
		if o, bad := CheckShares(key, l, picked); bad {
			return Errorf(ECONFLICT, "%s; then import the measures again", o.Error())
		}
		for _, link := range LinkLine(key, l, picked) {
			if err := fn(link); err != nil {
				return err
			}
		}
		return nil
	})
}

// MeasureTotals sums the counted amounts of links per measure Nr: the
// amount a measure has in a budget. Measures without links are absent. A
// sum that does not fit in an int64 of øre is EINVALID.
func MeasureTotals(links []Link) (map[string]int64, error) {
	out := map[string]int64{}
	for _, l := range links {
		s, ok := SumOre(out[l.Measure], l.CountedOre)
		if !ok {
			return nil, Errorf(EINVALID, "the amount of measure %s in %s is too large", l.Measure, l.Key)
		}
		out[l.Measure] = s
	}
	return out, nil
}
