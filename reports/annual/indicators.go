package annual

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// loadIndicators builds one Indicator per indicator of the catalogue with
// values, in catalogue order.
func (l *loader) loadIndicators(ctx context.Context, r *Report) error {
	socio, socioInd, err := l.socio(ctx)
	if err != nil {
		return err
	}
	targets, err := model.Targets(ctx, l.db, "")
	if err != nil {
		return err
	}
	trajs, err := model.Trajectories(ctx, l.db, l.cat, l.measures, l.geos, "")
	if err != nil {
		return err
	}
	for _, ind := range l.cat.All() {
		raw, err := model.Values(ctx, l.db, ind.ID)
		if err != nil {
			return err
		}
		var head []indicators.Value
		for _, v := range raw {
			if indicators.Headline(v.Dims, nil) {
				if _, ok := l.names[v.Area]; ok {
					head = append(head, v)
				}
			}
		}
		if len(head) == 0 {
			r.About.NoData = append(r.About.NoData, dash(ind.NameIn(l.lang)))
			continue
		}
		l.shown = append(l.shown, ind.ID)
		shown := indicators.Suppress(head, ind, l.geos, l.opt.Public)
		part := l.indicator(ind, shown, r.Kommune, targets, trajs, socio, socioInd)
		part.Groups = l.groups(ind, raw, r.Kommune)
		r.Indicators = append(r.Indicators, part)
		l.suppressedRows(r, ind, shown)
	}
	return nil
}

// socio returns the ranking indicator's shown headline values; none when
// it is not in the catalogue.
func (l *loader) socio(ctx context.Context) ([]indicators.Shown, indicators.Indicator, error) {
	ind, ok := l.cat.Get(l.opt.By)
	if !ok {
		return nil, indicators.Indicator{}, nil
	}
	raw, err := model.Values(ctx, l.db, ind.ID)
	if err != nil {
		return nil, ind, err
	}
	var head []indicators.Value
	for _, v := range raw {
		if indicators.Headline(v.Dims, nil) {
			head = append(head, v)
		}
	}
	return indicators.Suppress(head, ind, l.geos, l.opt.Public), ind, nil
}

// indicator builds one indicator's section from its shown headline values.
func (l *loader) indicator(ind indicators.Indicator, shown []indicators.Shown, kommune string, targets []indicators.Target,
	trajs []model.TrajectoryRow, socio []indicators.Shown, socioInd indicators.Indicator) Indicator {
	part := Indicator{ID: ind.ID, Name: dash(ind.NameIn(l.lang)), Determinant: ind.Determinant, Definition: dash(definition(ind, l.lang)), DefinitionTranslated: l.lang != indicators.Nynorsk || ind.DefinitionNN != "",
		Source: ind.Source, Unit: ind.Unit, UnitText: UnitText(ind.Unit, l.lang), Better: ind.Better,
		Threshold: ind.Threshold(), Series: []Series{}, Rows: []AreaRow{}, Paths: []PathRow{}, Bars: []Bar{}, Notes: []string{}, ChartNotes: []string{}}
	values := make([]indicators.Value, len(shown))
	for i, s := range shown {
		values[i] = s.Value
	}
	part.Periods = periodSpan(shown)
	level, members := model.ComparisonLevel(shown, l.geos)
	part.Level = level
	areas := members
	if kommune != "" {
		areas = append([]indicators.Geo{l.names[kommune]}, members...)
	}
	byArea := map[string][]indicators.Shown{}
	for _, s := range shown {
		byArea[s.Area] = append(byArea[s.Area], s)
	}
	var withheld, missing []string
	for _, g := range areas {
		ss := byArea[g.Code]
		if len(ss) == 0 {
			continue
		}
		var hid, miss []string
		for _, s := range ss {
			switch {
			case s.Value.Value != nil:
			case s.Suppressed:
				hid = append(hid, dash(s.Period.Label))
			default:
				miss = append(miss, dash(s.Period.Label))
			}
		}
		if len(hid) > 0 {
			withheld = append(withheld, l.areaName(g.Code)+" ("+joinAnd(l.lang, hid)+")")
		}
		if len(miss) > 0 {
			missing = append(missing, l.areaName(g.Code)+" ("+joinAnd(l.lang, miss)+")")
		}
		sort.SliceStable(ss, func(i, j int) bool { return indicators.ComparePeriods(ss[i].Period, ss[j].Period) < 0 })
		se := Series{Area: g.Code, Name: l.areaName(g.Code), Kommune: g.Code == kommune, Points: []Point{}}
		for _, s := range ss {
			if s.Value.Value == nil {
				continue // missing, or suppressed in a public report: never drawn
			}
			se.Points = append(se.Points, Point{X: float64(s.Period.End), Period: dash(s.Period.Label),
				Y: s.Value.Value.InexactFloat64(), Confidential: s.Confidential})
		}
		part.Series = append(part.Series, se)
		last := ss[len(ss)-1]
		row := AreaRow{Area: g.Code, Name: se.Name, Kommune: se.Kommune, Period: dash(last.Period.Label), Value: last.Value.Value,
			Suppressed: last.Suppressed && l.opt.Public, Confidential: last.Confidential,
			Trend: indicators.RateTrend(ind, g.Code, values, l.lang)}
		row.Text = l.valueText(last, ind.Unit)
		row.StatusText = l.t("ingen målbane", "inga målbane")
		for _, t := range targets {
			if t.Indicator == ind.ID && t.Area == g.Code {
				st := indicators.TargetStatus(t, ind, values)
				row.Status = &st
				row.StatusText = st.State.Text(l.lang)
				if st.Distance != nil {
					row.DistanceText = DistanceText(*st.Distance, ind.Unit, l.lang)
				}
			}
		}
		part.Rows = append(part.Rows, row)
		if se.Kommune {
			part.Trend = &AreaTrend{Trend: row.Trend, AreaName: se.Name}
		}
	}
	if len(withheld) > 0 {
		part.ChartNotes = append(part.ChartNotes, fmt.Sprintf(l.t("Tall for %s er holdt tilbake for å verne små grupper, så linjene er brutt der.",
			"Tal for %s er haldne tilbake for å verne små grupper, så linjene er brotne der."), joinAnd(l.lang, withheld)))
	}
	if len(missing) > 0 {
		part.ChartNotes = append(part.ChartNotes, fmt.Sprintf(l.t("Verdien mangler i kilden for %s, så linjene er brutt der.",
			"Verdien manglar i kjelda for %s, så linjene er brotne der."), joinAnd(l.lang, missing)))
	}
	for _, tr := range trajs {
		if tr.Indicator != ind.ID {
			continue
		}
		var t indicators.Target
		for _, x := range targets {
			if x.Indicator == tr.Indicator && x.Area == tr.Area {
				t = x
			}
		}
		pr := PathRow{Area: tr.Area, Name: l.areaName(tr.Area), Target: t, Trajectory: tr.Trajectory,
			Status: indicators.TargetStatus(t, ind, values), Unquantified: tr.Effect.IsZero()}
		pr.GapText = l.gapText(tr.Trajectory, ind.Unit)
		for _, b := range tr.Beside {
			pr.Beside = append(pr.Beside, b.Nr+" "+b.Name)
		}
		part.Paths = append(part.Paths, pr)
	}
	if len(members) >= 2 {
		l.inequality(&part, ind, shown, members, socio, socioInd)
	} else {
		part.Notes = append(part.Notes, l.t("Forskjeller mellom områder måles ikke: verdiene finnes ikke for flere områder på samme nivå under kommunen.",
			"Skilnader mellom område blir ikkje målte: verdiane finst ikkje for fleire område på same nivå under kommunen."))
	}
	return part
}

// valueText writes a shown value: ":" when suppressed in public, "–" when
// missing, the value with "*" when confidential (internal).
func (l *loader) valueText(s indicators.Shown, u indicators.Unit) string {
	switch {
	case s.Value.Value == nil && s.Suppressed:
		return indicators.SuppressedMarker
	case s.Value.Value == nil:
		return Missing
	case s.Confidential:
		return Value(*s.Value.Value, u) + "*"
	}
	return Value(*s.Value.Value, u)
}

// gapText states the gap between the target path and the measures' path
// in the target year.
func (l *loader) gapText(tr indicators.Trajectory, u indicators.Unit) string {
	if tr.Reached {
		return fmt.Sprintf(l.t("de vedtatte tiltakene når målet i %d", "dei vedtekne tiltaka når målet i %d"), tr.Goal.Year)
	}
	return fmt.Sprintf(l.t("de vedtatte tiltakene mangler %s for å nå målet i %d", "dei vedtekne tiltaka manglar %s for å nå målet i %d"),
		Diff(tr.Gap, u, l.lang), tr.Goal.Year)
}

// periodSpan is "2016–2025": the first and last period of the values.
func periodSpan(shown []indicators.Shown) string {
	if len(shown) == 0 {
		return ""
	}
	first, last := shown[0].Period, shown[0].Period
	for _, s := range shown {
		if indicators.ComparePeriods(s.Period, first) < 0 {
			first = s.Period
		}
		if indicators.ComparePeriods(s.Period, last) > 0 {
			last = s.Period
		}
	}
	if first.Label == last.Label {
		return first.Label
	}
	if first.Span() || last.Span() {
		return dash(first.Label) + " til " + dash(last.Label) // "2013–2015 til 2023–2025" (the same in nynorsk)
	}
	return first.Label + "–" + last.Label
}

// inequality measures the gap between the areas in the latest period
// that has one, compares it with the period before that has one, and
// orders the latest period's areas by socio-economic rank for the bars.
func (l *loader) inequality(part *Indicator, ind indicators.Indicator, shown []indicators.Shown, members []indicators.Geo,
	socio []indicators.Shown, socioInd indicators.Indicator) {
	periods := map[string]indicators.Period{}
	for _, s := range shown {
		periods[s.Period.Label] = s.Period
	}
	ps := make([]indicators.Period, 0, len(periods))
	for _, p := range periods {
		ps = append(ps, p)
	}
	sortPeriods(ps)
	better := socioInd.Better
	if better == "" {
		better = indicators.LowerIsBetter
	}
	var found []indicators.Inequality
	var figs []indicators.AreaFigure
	for i := len(ps) - 1; i >= 0 && len(found) < 2; i-- {
		f := indicators.Figures(ps[i], members, shown, socio)
		in := indicators.AreaInequality(ps[i], ind.Better, better, f)
		if in.Gap == nil {
			continue
		}
		in.By = socioInd.ID
		in.Period.Label = dash(in.Period.Label)
		if len(found) == 0 {
			figs = f
		}
		found = append(found, in)
	}
	if len(found) == 0 {
		part.Notes = append(part.Notes, l.t("Ingen periode har verdier for minst to områder, så forskjellene kan ikke måles.",
			"Ingen periode har verdiar for minst to område, så skilnadene kan ikkje målast."))
		return
	}
	iq := &Inequality{By: dash(socioInd.NameIn(l.lang)), Latest: found[0], LeftOut: []string{}}
	if iq.By == "" {
		iq.By = l.opt.By
	}
	if len(found) > 1 {
		iq.Previous = &found[1]
		// compared as the table prints them, so the sentence and the
		// table agree
		places := float64(ValuePlaces(ind.Unit))
		a, b := roundTo(*found[0].Gap, places), roundTo(*found[1].Gap, places)
		switch {
		case a < b:
			iq.Change = Narrowed
		case a > b:
			iq.Change = Widened
		default:
			iq.Change = Same
		}
	}
	for _, lo := range found[0].LeftOut {
		iq.LeftOut = append(iq.LeftOut, l.areaName(lo.Area)+" ("+l.leftReason(lo.Reason)+")")
	}
	part.Inequality = iq
	for _, f := range figs {
		if f.Value == nil {
			continue // missing or suppressed: not drawn
		}
		b := Bar{Area: f.Area, Name: l.areaName(f.Area), Value: *f.Value, Socio: math.NaN(), Confidential: f.Confidential}
		if f.Socio != nil {
			b.Socio = *f.Socio
		}
		part.Bars = append(part.Bars, b)
	}
	sort.SliceStable(part.Bars, func(i, j int) bool {
		a, b := part.Bars[i], part.Bars[j]
		switch {
		case math.IsNaN(a.Socio) != math.IsNaN(b.Socio):
			return !math.IsNaN(a.Socio) // unranked last
		case math.IsNaN(a.Socio) || a.Socio == b.Socio:
			return a.Area < b.Area
		}
		return (a.Socio > b.Socio) == (better == indicators.LowerIsBetter) // worst first
	})
}

func (l *loader) leftReason(r string) string {
	switch r {
	case indicators.LeftMissing:
		return l.t("mangler", "manglar")
	case indicators.LeftSuppressed:
		return l.t("prikket", "prikka")
	case indicators.LeftNoPop:
		return l.t("folketall mangler", "folketal manglar")
	case indicators.LeftNoSocio:
		return l.t("ingen sosioøkonomisk verdi", "ingen sosioøkonomisk verdi")
	}
	return r
}

// roundTo rounds f to places decimals, half away from zero.
func roundTo(f, places float64) float64 {
	m := math.Pow(10, places)
	return math.Round(f*m) / m
}

// suppressedRows lists the indicator's suppressed values for Om tallene.
func (l *loader) suppressedRows(r *Report, ind indicators.Indicator, shown []indicators.Shown) {
	var rows []SuppressedRow
	for _, s := range shown {
		if !s.Suppressed {
			continue
		}
		reason := fmt.Sprintf(l.t("færre enn %d personer", "færre enn %d personar"), ind.Threshold())
		switch {
		case l.opt.Public:
			reason = "" // the public edition never tells which figure protects another
		case s.Secondary:
			reason = l.t("skjermer en annen prikket verdi", "skjermar ein annan prikka verdi")
		}
		row := SuppressedRow{Indicator: dash(ind.NameIn(l.lang)), Area: l.areaName(s.Area), Period: dash(s.Period.Label),
			Text: l.valueText(s, ind.Unit), Reason: reason}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Area != rows[j].Area {
			return indicators.NorwegianLess(rows[i].Area, rows[j].Area)
		}
		return rows[i].Period < rows[j].Period
	})
	r.About.Suppressed = append(r.About.Suppressed, rows...)
}

// definition is the indicator's definition in the report's language; the
// bokmål one where a municipality's own indicator has none in nynorsk.
func definition(ind indicators.Indicator, lang indicators.Lang) string {
	return ind.DefinitionIn(lang)
}
