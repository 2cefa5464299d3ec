package budgetfile

import (
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// acc adds øre exactly: in an int64 while it fits, which is always for a
// real budget, and in a big sum past that, so a hostile file cannot wrap.
type acc struct {
	small   int64
	big     budget.BigSum
	spilled bool
}

func (a *acc) add(v int64) {
	if s, ok := budget.SumOre(a.small, v); ok {
		a.small = s
		return
	}
	a.big.Add(a.small)
	a.small, a.spilled = v, true
}

// value returns the sum and whether it fits in an int64.
func (a *acc) value() (int64, bool) {
	if !a.spilled {
		return a.small, true
	}
	a.big.Add(a.small)
	a.small = 0
	return a.big.Ore()
}

// keySums are the running sums for one (year, version): of every line
// (total) and of the lines since the last sum row (section).
type keySums struct {
	total, section acc
	n              int // amounts added
}

func (s *keySums) add(v int64) {
	s.total.add(v)
	s.section.add(v)
	s.n++
}

// keySums returns the sums of a key, creating them in first-seen order.
func (im *importer) keySums(k budget.Key) *keySums {
	s, ok := im.sums[k]
	if !ok {
		s = &keySums{}
		im.sums[k] = s
		im.keyOrder = append(im.keyOrder, k)
	}
	return s
}

// sumWords start the label of a sum row, compared case-insensitively.
var sumWords = [...]string{"sum", "total", "i alt"}

// sumLabel returns the first cell of a row that labels it a sum row
// ("Sum drift", "Totalt", "I alt"), or "". Import asks only about rows
// with no codes: Stavanger's "Sum felles inntekter og utgifter" is a
// virksomhetsområde of rows that have codes, and those are data.
func sumLabel(cells []string) string {
	for _, c := range cells {
		if c = trimSpace(c); hasSumWord(c) {
			return c
		}
	}
	return ""
}

// hasSumWord reports whether s starts with a sum word.
func hasSumWord(s string) bool {
	for _, w := range sumWords {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// onlySumLabels reports whether every non-empty code is a sum label, as
// when "Sum" stands in the ansvar column; false when all are empty.
func onlySumLabels(codes ...string) bool {
	found := false
	for _, c := range codes {
		if c == "" {
			continue
		}
		if !hasSumWord(c) {
			return false
		}
		found = true
	}
	return found
}

// sumRow checks a sum row's amounts against the lines since the previous
// sum row and against all lines so far. A sum row is never imported; a
// mismatch is a warning, since it says the file disagrees with itself but
// the lines themselves may be right.
func (im *importer) sumRow(p *plan, row tabular.Row) {
	im.skip("sum_rows")
	label := sumLabel(row.Cells)
	year := 0
	if p.year >= 0 {
		year, _ = parseYear(cell(row.Cells, p.year))
	}
	for i := range p.amounts {
		a := &p.amounts[i]
		raw := ""
		if a.idx < len(row.Cells) {
			raw = row.Cells[a.idx]
		}
		stated, empty, msg := im.amount(raw, row.Number, a.idx, p.unit, false)
		if msg != "" {
			im.warnf(row.Number, "sum row %q: column %s %q %s; not checked", label, columnLetter(a.idx), trimSpace(raw), msg)
			continue
		}
		if empty {
			continue
		}
		k := a.key
		if k.Year == 0 {
			if year == 0 {
				continue
			}
			k.Year = year
		}
		s := im.keySums(k)
		section, ok1 := s.section.value()
		total, ok2 := s.total.value()
		if !ok1 || !ok2 {
			continue
		}
		c := Control{Row: row.Number, Label: label, Key: k, Stated: stated, Section: section, Total: total, Difference: stated - section}
		c.OK = matches(stated, section) || matches(stated, total)
		if !c.OK {
			im.warnf(row.Number, "sum row %q says %s kr for %s, but the lines above add up to %s kr (since the previous sum row) and %s kr (in all): %s kr apart",
				label, budget.FormatOre(stated), k, budget.FormatOre(section), budget.FormatOre(total), budget.FormatOre(c.Difference))
		}
		if len(im.res.Controls) < maxKept {
			im.res.Controls = append(im.res.Controls, c)
		} else if !im.controlsCapped {
			im.controlsCapped = true
			im.warnf(row.Number, "more than %d sum-row checks: later ones are not listed, but their mismatches are still warnings", maxKept)
		}
	}
	// The next section starts here, for every key.
	for _, s := range im.sums {
		s.section = acc{}
	}
}

// matches reports whether a sum row's amount agrees with a sum: to the
// øre, or to the krone when the sum row is in whole kroner, as sum rows
// often are.
func matches(stated, sum int64) bool {
	d := stated - sum
	if d == 0 {
		return true
	}
	return stated%100 == 0 && d >= -50 && d <= 50
}
