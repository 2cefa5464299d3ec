package workbook

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// summary writes Sammendrag.
func (wr *writer) summary() error {
	b := wr.b
	s := wr.sheet(SheetSummary)
	st := wr.st
	title := fmt.Sprintf("%s %d", wr.l("Helsebudsjett", "Helsebudsjett"), b.Key.Year)
	if b.Municipality != "" {
		title += " – " + b.Municipality
	}
	s.str(1, 1, title, st.title)
	s.fit(1, 12)
	s.str(1, 2, fmt.Sprintf(wr.l("Budsjett %d, %s. Beløp i kroner. Økonomiplanen %s.", "Budsjett %d, %s. Beløp i kroner. Økonomiplanen %s."),
		b.Key.Year, b.Key.Version, planSpan(b.Plan)), st.note)
	s.fit(1, 12)
	n := len(b.Plan)
	row := 4

	// The budget and the money linked to measures, the plan's years side by side.
	s.str(1, row, wr.l("Budsjettet og helsebudsjettet", "Budsjettet og helsebudsjettet"), st.bold)
	row++
	head := []string{wr.l("Beløp", "Beløp")}
	for _, k := range b.Plan {
		head = append(head, wr.yearLabel(k))
	}
	s.header(1, row, head...)
	top := row
	row++
	lines := []struct {
		label string
		ore   func(model.YearTotals) int64
	}{
		{wr.l("Brutto driftsutgifter (art 010-599)", "Brutto driftsutgifter (art 010-599)"), func(y model.YearTotals) int64 { return y.Expenses }},
		{wr.l("Inntekter og finansiering (art 600-999)", "Inntekter og finansiering (art 600-999)"), func(y model.YearTotals) int64 { return y.Income }},
		{wr.l("Netto", "Netto"), func(y model.YearTotals) int64 { return y.Net }},
		{wr.l("Knyttet til tiltak for helseutjevning", "Knytt til tiltak for helseutjamning"), func(y model.YearTotals) int64 { return y.Linked }},
	}
	for i, ln := range lines {
		r := row + i
		s.str(1, r, ln.label, st.text)
		for j, y := range b.Years {
			c := colName(j + 2)
			if i == 2 {
				s.formula(j+2, r, fmt.Sprintf("%s%d+%s%d", c, row, c, row+1), ln.ore(y), st.kr)
				continue
			}
			s.money(j+2, r, ln.ore(y), st.kr)
		}
	}
	r := row + len(lines)
	s.str(1, r, wr.l("Andel av brutto driftsutgifter", "Del av brutto driftsutgifter"), st.text)
	for j, y := range b.Years {
		c := colName(j + 2)
		s.ratio(j+2, r, fmt.Sprintf("IF(%s%d=0,0,%s%d/%s%d)", c, row, c, row+3, c, row), share(y.Linked, y.Expenses), st.pct)
	}
	s.table("SammendragBudsjett", 1, top, n+1, r)
	row = r + 3

	// The linked money by effort type, determinant and unit.
	for _, g := range []struct {
		title, col, table string
		groups            []model.Group
		name              func(string) string
	}{
		{wr.l("Etter innsatstype", "Etter innsatstype"), wr.l("Innsatstype", "Innsatstype"), "SammendragInnsats", b.ByEffort, capitalize},
		{wr.l("Etter påvirkningsfaktor", "Etter påverknadsfaktor"), wr.l("Påvirkningsfaktor", "Påverknadsfaktor"), "SammendragFaktor", b.ByDeterminant, capitalize},
		{wr.l("Etter virksomhet (som pengene er regnet til)", "Etter verksemd (som pengane er rekna til)"), wr.l("Virksomhet", "Verksemd"), "SammendragVirksomhet", b.ByUnit, nil},
	} {
		s.str(1, row, g.title, st.bold)
		row++
		head := []string{g.col}
		for _, k := range b.Plan {
			head = append(head, wr.yearLabel(k))
		}
		s.header(1, row, head...)
		top := row
		row++
		first := row
		for _, grp := range g.groups {
			name := grp.Name
			if g.name != nil {
				name = g.name(name)
			}
			s.str(1, row, name, st.text)
			for j, o := range grp.Ore {
				s.money(j+2, row, o, st.kr)
			}
			row++
		}
		s.table(g.table, 1, top, n+1, max(row-1, top))
		if row == first {
			row++ // the table's empty row
		}
		wr.sumRow(s, row, first, row-1, n, sums(g.groups, n))
		row += 3
	}

	// The rating of the whole budget.
	s.str(1, row, fmt.Sprintf(wr.l("Vurdering av hele budsjettet %d", "Vurdering av heile budsjettet %d"), b.Key.Year), st.bold)
	row++
	s.header(1, row, wr.l("Vurdering", "Vurdering"), wr.l("Linjer", "Linjer"), wr.l("Brutto driftsutgifter", "Brutto driftsutgifter"),
		wr.l("Andel av brutto driftsutgifter", "Del av brutto driftsutgifter"), wr.l("Netto", "Netto"))
	top = row
	row++
	first := row
	var exp, net int64
	var count int
	for _, g := range b.Grades {
		exp += g.Expenses
		net += g.Net
		count += g.Lines
	}
	for _, g := range b.Grades {
		s.str(1, row, capitalize(gradeText(g.Grade, wr)), st.text)
		s.number(2, row, float64(g.Lines), 0)
		s.money(3, row, g.Expenses, st.kr)
		s.ratio(4, row, fmt.Sprintf("IF(C%d=0,0,C%d/C%d)", first+len(b.Grades), row, first+len(b.Grades)), share(g.Expenses, exp), st.pct)
		s.money(5, row, g.Net, st.kr)
		row++
	}
	s.table("SammendragVurdering", 1, top, 5, row-1)
	s.str(1, row, wr.l("Sum", "Sum"), st.bold)
	s.number(2, row, float64(count), 0)
	if s.err == nil {
		s.err = wr.f.SetCellFormula(SheetSummary, cellName(2, row), fmt.Sprintf("SUM(B%d:B%d)", first, row-1))
	}
	s.formula(3, row, fmt.Sprintf("SUM(C%d:C%d)", first, row-1), exp, st.krSum)
	s.ratio(4, row, fmt.Sprintf("SUM(D%d:D%d)", first, row-1), share(exp, exp), st.pctSum)
	s.formula(5, row, fmt.Sprintf("SUM(E%d:E%d)", first, row-1), net, st.krSum)
	row += 2
	s.str(1, row, wr.l("Linjer uten vurdering er vist som ikke vurdert, aldri som nøytrale. Hver vurdering har en begrunnelse (se arket Vurdering).",
		"Linjer utan vurdering er viste som ikkje vurderte, aldri som nøytrale. Kvar vurdering har ei grunngjeving (sjå arket Vurdering)."), st.note)
	s.fit(1, 12)
	if s.err != nil {
		return s.err
	}
	if err := s.finish(44); err != nil {
		return err
	}
	return nil
}

// sumRow writes a "Sum" row under rows first..last of n year columns (from
// column 2), with SUM formulas whose cached values are sums.
func (wr *writer) sumRow(s *sheet, row, first, last, n int, sums []int64) {
	s.str(1, row, wr.l("Sum", "Sum"), wr.st.bold)
	for j := 0; j < n; j++ {
		c := colName(j + 2)
		f := "0"
		if last >= first {
			f = fmt.Sprintf("SUM(%s%d:%s%d)", c, first, c, last)
		}
		s.formula(j+2, row, f, sums[j], wr.st.krSum)
	}
}

func sums(gs []model.Group, n int) []int64 {
	out := make([]int64, n)
	for _, g := range gs {
		for i, o := range g.Ore {
			out[i] += o
		}
	}
	return out
}

// share is part/whole as a cell ratio (not money).
func share(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

func planSpan(ks []budget.Key) string {
	if len(ks) == 0 {
		return ""
	}
	return fmt.Sprintf("%d-%d", ks[0].Year, ks[len(ks)-1].Year)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func gradeText(g budget.Grade, wr *writer) string {
	if g == budget.Unrated {
		return wr.l("ikke vurdert", "ikkje vurdert")
	}
	return string(g)
}
