package indicators

import "sort"

// Figures builds AreaInequality's input for period p: one AreaFigure per
// area of areas, in their order. values are the indicator's shown values
// of one slice (one combination of dims); those of other periods and areas
// are ignored, and an area without a value for p is given as missing. The
// population is the area's for the period's end year, else the nearest
// earlier year, else the nearest later one. socio are the ranking
// indicator's shown values: each area takes its value for the latest
// period ending in or before p's end; none, or one hidden by suppression,
// leaves Socio nil. socio may be nil.
func Figures(p Period, areas []Geo, values, socio []Shown) []AreaFigure {
	byArea := map[string]Shown{}
	for _, v := range values {
		if v.Period.Label == p.Label {
			byArea[v.Area] = v
		}
	}
	socioBy := map[string]Shown{}
	for _, v := range socio {
		if v.Period.End > p.End || v.Value.Value == nil {
			continue
		}
		if old, ok := socioBy[v.Area]; !ok || ComparePeriods(v.Period, old.Period) > 0 {
			socioBy[v.Area] = v
		}
	}
	figs := make([]AreaFigure, 0, len(areas))
	for _, g := range areas {
		f := AreaFigure{Area: g.Code, Population: PopulationIn(g, p.End)}
		if v, ok := byArea[g.Code]; ok {
			f.Suppressed, f.Confidential = v.Suppressed, v.Confidential
			if v.Value.Value != nil {
				x := v.Value.Value.InexactFloat64()
				f.Value = &x
			}
		}
		if s, ok := socioBy[g.Code]; ok {
			x := s.Value.Value.InexactFloat64()
			f.Socio = &x
		}
		figs = append(figs, f)
	}
	return figs
}

// PopulationIn returns g's population in year y, else in the nearest
// earlier year, else in the nearest later one; 0 when none is known.
func PopulationIn(g Geo, y int) int {
	if n, ok := g.Population[y]; ok {
		return n
	}
	years := make([]int, 0, len(g.Population))
	for yr := range g.Population {
		years = append(years, yr)
	}
	sort.Ints(years)
	best := -1
	for _, yr := range years {
		if yr <= y {
			best = yr
		}
	}
	if best < 0 && len(years) > 0 {
		best = years[0]
	}
	if best < 0 {
		return 0
	}
	return g.Population[best]
}
