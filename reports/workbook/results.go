package workbook

import (
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// results writes Resultatindikatorer: per measure and måltall, the
// indicator, the måltall and its year, the latest value and the status
// against the target path of the area the measure is judged in.
func (wr *writer) results() error {
	b := wr.b
	s := wr.sheet(SheetResults)
	st := wr.st
	s.str(1, 1, fmt.Sprintf(wr.l("Resultatindikatorer og måltall %d", "Resultatindikatorar og måltal %d"), b.Key.Year), st.title)
	s.str(1, 2, wr.l("Status: siste verdi mot målbanen for området (tiltakets område når det har en egen målbane, ellers kommunen). Avstand: positiv er bedre enn målbanen.",
		"Status: siste verdi mot målbana for området (området til tiltaket når det har eiga målbane, elles kommunen). Avstand: positiv er betre enn målbana."), st.note)
	row := 4
	s.header(1, row, wr.l("Nr", "Nr"), wr.l("Tiltak", "Tiltak"), wr.l("Resultatindikator", "Resultatindikator"), wr.l("Enhet", "Eining"),
		wr.l("Måltall", "Måltal"), wr.l("Målår", "Målår"), wr.l("Område", "Område"), wr.l("Siste verdi", "Siste verdi"),
		wr.l("Periode", "Periode"), wr.l("Målbanen i perioden", "Målbana i perioden"), wr.l("Avstand til målbanen", "Avstand til målbana"), wr.l("Status", "Status"))
	s.freeze(row + 1)
	top := row
	row++
	for _, r := range b.Results {
		s.str(1, row, r.Nr, st.text)
		s.str(2, row, r.Measure, st.wrap)
		s.str(3, row, r.Indicator.NameIn(wr.lang), st.wrap)
		s.str(4, row, unitText(r.Indicator.Unit, wr), st.text)
		s.number(5, row, decimalCell(r.Target.Value), st.num)
		s.number(6, row, float64(r.Target.Year), 0)
		s.str(7, row, r.AreaName, st.text)
		if r.Latest != nil {
			s.number(8, row, decimalCell(*r.Latest), st.num)
			s.str(9, row, r.Period, st.text)
		}
		state := wr.l("ingen målbane", "inga målbane")
		if r.Path != nil {
			state = r.State.Text(wr.lang)
			if r.Distance != nil && r.Latest != nil {
				p := r.Path.PathAt(pathYear(r.Period, r.Path.BaselineYear))
				s.number(10, row, decimalCell(p), st.num)
				s.number(11, row, decimalCell(*r.Distance), st.num)
			}
		}
		s.str(12, row, state, st.text)
		row++
	}
	s.table("Resultatindikatorer", 1, top, 12, max(row-1, top))
	if s.err != nil {
		return s.err
	}
	s.widths[2], s.widths[3] = max(s.widths[2], 30), max(s.widths[3], 30)
	return s.finish(40)
}

// pathYear is the year a period is judged in: its end year.
func pathYear(period string, fallback int) int {
	p, err := indicators.ParsePeriod(period)
	if err != nil {
		return fallback
	}
	return p.End
}

// unitText names an indicator's unit.
func unitText(u indicators.Unit, wr *writer) string {
	switch u {
	case indicators.Percent:
		return wr.l("prosent", "prosent")
	case indicators.Per1000:
		return wr.l("promille", "promille")
	case indicators.Years:
		return wr.l("år", "år")
	case indicators.Points:
		return wr.l("poeng", "poeng")
	case indicators.Count:
		return wr.l("antall", "tal")
	}
	return string(u)
}
