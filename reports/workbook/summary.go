package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
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
	s.title(title)
	s.fit(1, 12)
	s.note(2, fmt.Sprintf(wr.l("Budsjett %d, %s. Beløp i kroner. Økonomiplanen %s.", "Budsjett %d, %s. Beløp i kroner. Økonomiplanen %s."),
		b.Key.Year, b.Key.Version, planSpan(b.Plan)))
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
	base := capitalize(b.Gross.Label(wr.lang == indicators.Nynorsk))
	rGross, rOutside, rNet, rLinkedGross, rShare, rLinked := row, row+1, row+2, row+3, row+4, row+5
	for _, ln := range []struct {
		row   int
		label string
		ore   func(model.YearTotals) int64
	}{
		{rGross, base, func(y model.YearTotals) int64 { return y.Expenses }},
		{rOutside, wr.l("Andre linjer: inntekter, finansposter og avsetninger", "Andre liner: inntekter, finanspostar og avsetjingar"), func(y model.YearTotals) int64 { return y.Outside }},
		{rLinkedGross, wr.l("Knyttet til tiltak for helseutjevning, av brutto driftsutgifter", "Knytt til tiltak for helseutjamning, av brutto driftsutgifter"), func(y model.YearTotals) int64 { return y.LinkedGross }},
		{rLinked, wr.l("Knyttet til tiltak for helseutjevning, netto etter inntekter", "Knytt til tiltak for helseutjamning, netto etter inntekter"), func(y model.YearTotals) int64 { return y.Linked }},
	} {
		s.str(1, ln.row, ln.label, st.wrap)
		for j, y := range b.Years {
			s.money(j+2, ln.row, ln.ore(y), st.kr)
		}
	}
	s.str(1, rNet, wr.l("Netto, driftsdelen", "Netto, driftsdelen"), st.text)
	s.str(1, rShare, wr.l("Andel av brutto driftsutgifter", "Del av brutto driftsutgifter"), st.text)
	for j, y := range b.Years {
		c := colName(j + 2)
		s.formula(j+2, rNet, fmt.Sprintf("%s%d+%s%d", c, rGross, c, rOutside), y.Net, st.kr)
		s.ratio(j+2, rShare, fmt.Sprintf("IF(%s%d=0,0,%s%d/%s%d)", c, rGross, c, rLinkedGross, c, rGross), share(y.LinkedGross, y.Expenses), st.pct)
	}
	r := rLinked
	s.table("SammendragBudsjett", 1, top, n+1, r)
	row = r + 1
	for _, note := range wr.baseNotes() {
		s.note(row, note)
		row++
	}
	// The investeringsdel beside the share, never in it.
	for _, ln := range []struct {
		label string
		ore   func(model.YearTotals) int64
	}{
		{wr.l("Investeringsdelen: utgifter (art 010–599)", "Investeringsdelen: utgifter (art 010–599)"), func(y model.YearTotals) int64 { return y.InvesteringExpenses }},
		{wr.l("Investeringsdelen: knyttet til tiltak", "Investeringsdelen: knytt til tiltak"), func(y model.YearTotals) int64 { return y.LinkedInvestering }},
	} {
		s.str(1, row, ln.label, st.text)
		for j, y := range b.Years {
			s.money(j+2, row, ln.ore(y), st.kr)
		}
		row++
	}
	row += 2

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
	s.header(1, row, wr.l("Vurdering", "Vurdering"), wr.l("Budsjettlinjer", "Budsjettliner"), wr.l("Brutto driftsutgifter", "Brutto driftsutgifter"),
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
	s.note(row, wr.l("Budsjettlinjer uten vurdering er vist som ikke vurdert, aldri som nøytrale. Hver vurdering har en begrunnelse; se Vurdering.",
		"Budsjettliner utan vurdering er viste som ikkje vurderte, aldri som nøytrale. Kvar vurdering har ei grunngjeving; sjå Vurdering."))
	s.fit(1, 12)
	if s.err != nil {
		return s.err
	}
	if err := s.finish(44); err != nil {
		return err
	}
	return nil
}

// baseNotes say what the share is computed on, and which lines could not
// be placed in or out of gross operating expenditure.
func (wr *writer) baseNotes() []string {
	b := wr.b
	notes := []string{fmt.Sprintf(wr.l("Andelen er beløpet knyttet til tiltak på linjer som er brutto driftsutgifter, delt på %s. Netto etter inntekter tar også med inntektslinjene som er knyttet til tiltakene.",
		"Delen er beløpet knytt til tiltak på liner som er brutto driftsutgifter, delt på %s. Netto etter inntekter tek òg med inntektslinene som er knytte til tiltaka."), b.Gross.Label(wr.lang == indicators.Nynorsk)),
		wr.l("Tallene over gjelder driftsdelen av budsjettet (en fil med begge deler regnes som drift); investeringsdelen står under.",
			"Tala over gjeld driftsdelen av budsjettet (ei fil med begge delar blir rekna som drift); investeringsdelen står under.")}
	for _, y := range b.Years {
		if y.UnknownLines == 0 {
			continue
		}
		notes = append(notes, fmt.Sprintf(wr.l("%d: %s uten gyldig art (til sammen %s) er ikke regnet med i brutto driftsutgifter.",
			"%d: %s utan gyldig art (til saman %s) er ikkje rekna med i brutto driftsutgifter."),
			y.Key.Year, wr.count(y.UnknownLines, "budsjettlinje", "budsjettlinjer", "budsjettline", "budsjettliner"), kronerText(y.UnknownOre)))
	}
	return notes
}

// count writes n with the singular or plural noun, in bokmål or nynorsk.
func (wr *writer) count(n int, nb1, nbN, nn1, nnN string) string {
	if n == 1 {
		return "1 " + wr.l(nb1, nn1)
	}
	return strconv.Itoa(n) + " " + wr.l(nbN, nnN)
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
	return fmt.Sprintf("%d–%d", ks[0].Year, ks[len(ks)-1].Year)
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
