package annual

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// Groups is the equity signal within the population: the values of two
// groups of one dimension (grunnskole against universitet/høyskole, say)
// and the gap between them, for the kommune over time and per area in the
// latest period. The gap is B − A, computed from the values as printed, so
// every row of the table adds up as it reads.
type Groups struct {
	Dim    string     `json:"dim"`
	A      string     `json:"a"`
	B      string     `json:"b"`
	Unit   string     `json:"unit"`   // the unit of the gap in words: "år", "prosentpoeng"
	Series []GroupRow `json:"series"` // the kommune per period, oldest first
	Areas  []GroupRow `json:"areas"`  // the areas in the latest period of Series; none when no area has the groups
	Notes  []string   `json:"notes"`
}

// GroupRow is one area and period: the two groups' values and the gap
// between them, as printed ("" for a value that is missing or withheld).
type GroupRow struct {
	Area    string   `json:"area"`
	Name    string   `json:"name"`
	Period  string   `json:"period"`
	X       float64  `json:"x"` // the period's end year, for the chart
	A       *float64 `json:"a"` // rounded as printed; nil when missing or withheld
	B       *float64 `json:"b"`
	Gap     *float64 `json:"gap"` // B − A as printed
	AText   string   `json:"a_text"`
	BText   string   `json:"b_text"`
	GapText string   `json:"gap_text"`
}

// groups builds the group comparison of an indicator whose catalogue entry
// names a pair of groups, from its values by group (all dims, suppressed
// as the report is); nil when the values hold neither group.
func (l *loader) groups(ind indicators.Indicator, raw []indicators.Value, kommune string) *Groups {
	pair := ind.Groups
	if pair == (indicators.GroupPair{}) {
		return nil
	}
	var mine []indicators.Value
	for _, v := range raw {
		if _, ok := l.names[v.Area]; !ok {
			continue
		}
		// a pair that compares a group with everyone ("innvandrere"
		// against "totalt") takes the headline value, stored without the
		// dimension, as the total
		if indicators.IsTotal(pair.A) && indicators.Headline(v.Dims, nil) && !hasDim(v.Dims, pair.Dim) {
			v.Dims = append(append([]indicators.Dim{}, v.Dims...), indicators.Dim{Name: pair.Dim, Value: pair.A})
		}
		mine = append(mine, v)
	}
	shown := indicators.Suppress(mine, ind, l.geos, l.opt.Public)
	places := int(ValuePlaces(ind.Unit))
	g := &Groups{Dim: pair.Dim, A: pair.A, B: pair.B, Unit: DiffUnit(ind.Unit, l.lang), Series: []GroupRow{}, Areas: []GroupRow{}, Notes: []string{}}
	withheld := false
	var byArea = map[string][]GroupRow{}
	for _, gg := range indicators.CompareGroups(pair, shown) {
		if !indicators.Headline(gg.Dims, nil) {
			continue // a slice by another dimension too (kjønn within utdanning)
		}
		row := GroupRow{Area: gg.Area, Name: l.areaName(gg.Area), Period: dash(gg.Period.Label), X: float64(gg.Period.End)}
		row.A, row.AText = printed(gg.A, places)
		row.B, row.BText = printed(gg.B, places)
		if row.A != nil && row.B != nil {
			d := roundTo(*row.B-*row.A, float64(places))
			row.Gap, row.GapText = &d, Float(d, places)
		} else {
			row.GapText = Missing
		}
		withheld = withheld || hiddenGroup(gg.Reason)
		if row.A == nil && hiddenGroup(gg.Reason) && gg.A == nil {
			row.AText = indicators.SuppressedMarker
		}
		if row.B == nil && hiddenGroup(gg.Reason) && gg.B == nil {
			row.BText = indicators.SuppressedMarker
		}
		byArea[gg.Area] = append(byArea[gg.Area], row)
	}
	g.Series = byArea[kommune]
	if len(g.Series) == 0 {
		return nil
	}
	sort.SliceStable(g.Series, func(i, j int) bool { return g.Series[i].X < g.Series[j].X })
	latest := g.Series[len(g.Series)-1].Period
	var areas []GroupRow
	for code, rows := range byArea {
		if code == kommune || l.names[code].Level.Reference() {
			continue // the areas of the kommune only, not the county or the country
		}
		for _, row := range rows {
			if row.Period == latest {
				areas = append(areas, row)
			}
		}
	}
	sort.Slice(areas, func(i, j int) bool { return areas[i].Area < areas[j].Area })
	if len(areas) > 0 {
		g.Areas = append([]GroupRow{g.Series[len(g.Series)-1]}, areas...)
	}
	if withheld && l.opt.Public {
		g.Notes = append(g.Notes, l.t("Noen tall er holdt tilbake (:) for å verne små grupper; forskjellen kan da ikke regnes ut.",
			"Nokre tal er haldne tilbake (:) for å verne små grupper; skilnaden kan då ikkje reknast ut."))
	}
	return g
}

// hiddenGroup reports whether a group comparison lacks a value because it
// is withheld (rather than missing).
func hiddenGroup(reason string) bool {
	return strings.HasSuffix(reason, indicators.LeftSuppressed)
}

// printed rounds f as the table prints it.
func printed(f *float64, places int) (*float64, string) {
	if f == nil || math.IsNaN(*f) {
		return nil, Missing
	}
	r := roundTo(*f, float64(places))
	return &r, Float(r, places)
}

// groups writes the group comparison: a chart of the two groups over
// time, the table for the kommune by period, and the areas in the latest
// period.
func (w *writer) groups(ind Indicator, c charts) {
	g := ind.Groups
	a, b := lowerFirst(g.A), lowerFirst(g.B)
	title := fmt.Sprintf(w.t("Forskjell mellom grupper: %s mot %s", "Skilnad mellom grupper: %s mot %s"), b, a)
	w.d.Ensure(groupChartHeight + 20)
	w.subhead(title)
	w.d.Paragraph(fmt.Sprintf(w.t("Figuren og tabellen viser %s for gruppene %s og %s etter %s i kommunen, og forskjellen mellom dem (%s minus %s) i %s.",
		"Figuren og tabellen viser %s for gruppene %s og %s etter %s i kommunen, og skilnaden mellom dei (%s minus %s) i %s."),
		lowerFirst(ind.Name), a, b, lowerFirst(g.Dim), b, a, g.Unit))
	if len(c.groups) > 0 {
		w.d.Figure("grupper-"+ind.ID, c.groups, chartWidth+padWidth(c.groupsPad), groupChartHeight, groupAlt(ind, w.lang))
		w.d.Caption(w.figureCaption(fmt.Sprintf(w.t("%s for %s og %s, kommunen", "%s for %s og %s, kommunen"), ind.Name, a, b)) + ". " +
			w.t("Tallene står i tabellen under.", "Tala står i tabellen under."))
	}
	diff := fmt.Sprintf(w.t("Forskjell, %s", "Skilnad, %s"), g.Unit)
	rows := make([][]string, 0, len(g.Series))
	for _, r := range g.Series {
		rows = append(rows, []string{r.Period, r.AText, r.BText, r.GapText})
	}
	w.d.Table(pdf.Table{Header: []string{w.t("Periode", "Periode"), g.A, g.B, diff}, Rows: rows,
		Widths: []float64{1.6, 1.4, 1.4, 1.4}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
	if len(g.Areas) > 0 {
		rows = rows[:0]
		for _, r := range g.Areas {
			rows = append(rows, []string{r.Name, r.AText, r.BText, r.GapText})
		}
		w.d.Table(pdf.Table{Header: []string{w.t("Område", "Område") + " (" + g.Areas[0].Period + ")", g.A, g.B, diff}, Rows: rows,
			Widths: []float64{1.6, 1.4, 1.4, 1.4}, Align: []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right}})
	}
	for _, n := range g.Notes {
		w.note(n)
	}
}

// hasDim reports whether dims has a dimension named name (case and spaces
// ignored).
func hasDim(dims []indicators.Dim, name string) bool {
	for _, d := range dims {
		if strings.EqualFold(strings.TrimSpace(d.Name), strings.TrimSpace(name)) {
			return true
		}
	}
	return false
}
