package workbook

import (
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// results writes Resultatindikatorer: per measure and måltall, the
// indicator, the måltall and its year, the latest value and its status
// against that måltall (model.ResultRow), the distance in words, and the
// area's own target where it differs.
func (wr *writer) results() error {
	b := wr.b
	s := wr.sheet(SheetResults)
	st := wr.st
	s.title(fmt.Sprintf(wr.l("Resultatindikatorer og måltall %d", "Resultatindikatorar og måltal %d"), b.Key.Year))
	s.note(2, wr.l("Status: siste verdi mot tiltakets eget måltall. Når området har en målbane, går måltallets bane fra målbanens basisverdi til måltallet i målåret; ellers sammenlignes siste verdi med måltallet. Forskjeller mellom to prosenter er i prosentpoeng.",
		"Status: siste verdi mot måltalet til tiltaket. Når området har ei målbane, går bana til måltalet frå basisverdien i målbana til måltalet i målåret; elles blir siste verdi samanlikna med måltalet. Skilnader mellom to prosentar er i prosentpoeng."))
	row := 4
	s.header(1, row, wr.l("Nr", "Nr"), wr.l("Tiltak", "Tiltak"), wr.l("Resultatindikator", "Resultatindikator"), wr.l("Enhet", "Eining"),
		wr.l("Måltall", "Måltal"), wr.l("Målår", "Målår"), wr.l("Område", "Område"), wr.l("Siste verdi", "Siste verdi"),
		wr.l("Periode", "Periode"), wr.l("Måltallets bane i perioden", "Bana til måltalet i perioden"), wr.l("Avstand", "Avstand"),
		wr.l("Status mot måltallet", "Status mot måltalet"), wr.l("Områdets mål", "Målet for området"))
	s.freeze(row + 1)
	s.printTitles(row, row)
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
			s.str(9, row, dash(r.Period), st.text)
		}
		if r.GoalAt != nil && r.Distance != nil {
			s.number(10, row, decimalCell(*r.GoalAt), st.num)
			s.str(11, row, wr.distanceText(r), st.wrap)
		}
		s.str(12, row, wr.goalState(r), st.text)
		s.str(13, row, wr.areaGoal(r), st.wrap)
		row++
	}
	s.table("Resultatindikatorer", 1, top, 13, max(row-1, top))
	if s.err != nil {
		return s.err
	}
	s.widths[2], s.widths[3] = max(s.widths[2], 30), max(s.widths[3], 30)
	s.widths[11], s.widths[13] = max(s.widths[11], 24), max(s.widths[13], 20)
	return s.finish(40)
}

// distanceText states a row's distance in words: to the måltall once it is
// reached or when there is no path, else to the måltall's path.
func (wr *writer) distanceText(r model.ResultRow) string {
	if r.Reached || r.Path == nil {
		return indicators.DistanceText(*r.Distance, r.Indicator.Unit, wr.lang, "måltallet", "måltalet")
	}
	return indicators.DistanceText(*r.Distance, r.Indicator.Unit, wr.lang, "målbanen", "målbana")
}

// goalState is a row's status against its måltall.
func (wr *writer) goalState(r model.ResultRow) string {
	switch {
	case r.Reached:
		return wr.l("måltallet er nådd", "måltalet er nådd")
	case r.State == "" && r.Latest != nil:
		return wr.l("ingen verdi etter basisåret", "ingen verdi etter basisåret")
	case r.State == "":
		return wr.l("ingen data", "ingen data")
	}
	return r.State.Text(wr.lang)
}

// areaGoal names the area's own target where it is not the måltall, so the
// two are never read as one.
func (wr *writer) areaGoal(r model.ResultRow) string {
	if r.Path == nil {
		return wr.l("ingen målbane", "inga målbane")
	}
	if r.Path.TargetValue.Equal(r.Target.Value) && r.Path.TargetYear == r.Target.Year {
		return wr.l("samme som måltallet", "same som måltalet")
	}
	return fmt.Sprintf(wr.l("%s i %d (målbanen)", "%s i %d (målbana)"), indicators.FormatNumber(r.Path.TargetValue, decimalPlaces(r.Path.TargetValue)), r.Path.TargetYear)
}

// decimalPlaces is how many decimals d has as given, at least one.
func decimalPlaces(d decimal.Decimal) int32 {
	return max(1, -d.Exponent())
}

// rangeHyphen is a hyphen between two digits: a range of years or codes.
var rangeHyphen = regexp.MustCompile(`(\d)-(\d)`)

// dash writes ranges with an en dash, as Norwegian typesetting does:
// "2024–2025", "2000–2099".
func dash(s string) string { return rangeHyphen.ReplaceAllString(s, "$1–$2") }

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
