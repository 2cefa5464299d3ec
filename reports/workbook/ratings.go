package workbook

import (
	"fmt"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// ratings writes Vurdering: the money of each funksjon under each rating
// (a funksjon's unrated lines on a row of their own, never as nøytral),
// with the reason, and a sum row.
func (wr *writer) ratings() error {
	b := wr.b
	s := wr.sheet(SheetRatings)
	st := wr.st
	s.title(fmt.Sprintf(wr.l("Vurdering av hele budsjettet %d (%s)", "Vurdering av heile budsjettet %d (%s)"), b.Key.Year, b.Key.Version))
	s.note(2, fmt.Sprintf(wr.l("Hver budsjettlinje er vurdert etter sin virkning på sosial ulikhet i helse, per funksjon og eventuelt snevret inn på ansvar eller art. Linjer uten vurdering står som ikke vurdert. Brutto driftsutgifter er regnet %s.",
		"Kvar budsjettline er vurdert etter verknaden på sosial ulikskap i helse, per funksjon og eventuelt avgrensa til ansvar eller art. Liner utan vurdering står som ikkje vurderte. Brutto driftsutgifter er rekna %s."), strings.TrimPrefix(b.Gross.Label(wr.lang == indicators.Nynorsk), "brutto driftsutgifter ")))
	row := 4
	s.header(1, row, "Funksjon", "Ansvar", "Art", wr.l("Vurdering", "Vurdering"), wr.l("Begrunnelse", "Grunngjeving"),
		wr.l("Linjer", "Liner"), wr.l("Brutto driftsutgifter", "Brutto driftsutgifter"), wr.l("Netto", "Netto"))
	s.freeze(row + 1)
	s.printTitles(row, row)
	top := row
	row++
	first := row
	var exp, net int64
	var count int
	for _, r := range b.Rated {
		s.str(1, row, r.Funksjon, st.text)
		if r.Rating != nil {
			s.str(2, row, dash(r.Rating.AnsvarText()), st.text)
			s.str(3, row, dash(r.Rating.ArtText()), st.text)
			s.str(4, row, string(r.Rating.Grade), st.text)
			s.str(5, row, r.Rating.Reason, st.wrap)
		} else {
			s.str(4, row, gradeText(budget.Unrated, wr), st.text)
		}
		s.number(6, row, float64(r.Lines), 0)
		s.money(7, row, r.Expenses, st.kr)
		s.money(8, row, r.Net, st.kr)
		exp += r.Expenses
		net += r.Net
		count += r.Lines
		row++
	}
	last := row - 1
	s.table("Vurderinger", 1, top, 8, max(last, top))
	if last < first {
		last = first
		row++
	}
	s.str(1, row, wr.l("Sum", "Sum"), st.bold)
	s.number(6, row, float64(count), 0)
	if s.err == nil {
		s.err = wr.f.SetCellFormula(SheetRatings, cellName(6, row), fmt.Sprintf("SUM(F%d:F%d)", first, last))
	}
	s.formula(7, row, fmt.Sprintf("SUM(G%d:G%d)", first, last), exp, st.krSum)
	s.formula(8, row, fmt.Sprintf("SUM(H%d:H%d)", first, last), net, st.krSum)
	if s.err != nil {
		return s.err
	}
	s.widths[1] = 9
	s.widths[5] = max(s.widths[5], 50)
	return s.finish(70)
}
