package model

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// ShowOptions choose what ShowIndicator gathers.
type ShowOptions struct {
	ID string // the indicator, as cat.Lookup takes it
	// Area, when set (a code or name the workspace knows), narrows the
	// series, targets, trend and group comparison to that area.
	Area string
	// Where keeps only the values that have each of these dimensions with
	// the value given (names and values compared ignoring case).
	Where []indicators.Dim
	// By is the socio-economic indicator areas are ranked by for SII and
	// RII (indicators show's default is "lavinntekt").
	By string
	// Groups, written DIM=A,B, compares group B with group A; "" compares
	// the indicator's own pair (indicators.Indicator.Groups), if any.
	Groups string
	AsOf   time.Time // the figures as known then; zero for the latest
	Public bool      // suppress small numbers (prikking) instead of marking them confidential
	Lang   indicators.Lang
}

// ShowIndicator gathers from the workspace everything indicators show
// prints for one indicator of cat, as o says: the values (suppressed as
// indicators.Suppress does), ordered by area level, then Norwegian area
// name, then code; the targets of the indicator with their status; the
// trend of each area; the inequality between the areas of the level below
// kommune that most areas with values are at (ComparisonLevel), per
// period; and the comparison of two groups.
//
// Targets, trends and inequality are about the headline values: those
// whose dimensions are all chosen by o.Where or are totals; when there is
// none, Notes says so.
//
// An option the workspace cannot answer is an *OptionError (see there);
// any other error is the workspace's.
func ShowIndicator(ctx context.Context, db IndicatorReader, cat *indicators.Catalogue, o ShowOptions) (*IndicatorView, error) {
	ind, err := cat.Lookup(o.ID)
	if err != nil {
		return nil, optionErrorf("%v", err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]indicators.Geo{}
	for _, g := range areas {
		names[g.Code] = g
	}
	out := &IndicatorView{ID: ind.ID, Name: ind.NameIn(o.Lang), Unit: ind.Unit, Better: ind.Better, Determinant: ind.Determinant,
		Definition: ind.Definition, Source: ind.Source, MinCount: ind.Threshold(), Lang: o.Lang, Public: o.Public,
		Where: o.Where, Series: []SeriesPoint{}, Targets: []TargetView{}, Status: []indicators.Status{},
		Inequality: []InequalityView{}, Notes: []string{}}
	if !o.AsOf.IsZero() {
		out.AsOf = o.AsOf.Format(time.RFC3339)
	}
	if o.Area != "" {
		g, err := db.Area(ctx, o.Area)
		if err != nil {
			// Not found, as every command reports an unknown area (exit 3,
			// 404), not a misused flag.
			return nil, fmt.Errorf("--area: %w", err)
		}
		out.Area = g.Code
	}
	raw, err := db.IndicatorValues(ctx, ind.ID, o.AsOf)
	if err != nil {
		return nil, err
	}
	values, err := filterWhere(raw, o.Where)
	if err != nil {
		return nil, err
	}
	shown := indicators.Suppress(values, ind, areas, o.Public)
	if len(raw) == 0 {
		out.Notes = append(out.Notes, text(o.Lang, "ingen verdier importert ennå: 'helsebudsjett import indicators FILE --indicator "+ind.ID+"'",
			"ingen verdiar importerte enno: 'helsebudsjett import indicators FILE --indicator "+ind.ID+"'"))
	}
	home := ""
	for _, g := range areas { // the workspace lists the home kommune first
		if g.Level == indicators.Kommune {
			home = g.Code
			break
		}
	}
	out.Series = series(shown, names, out.Area, home)
	headline := headlineSlice(shown, o.Where)
	if len(headline) == 0 && len(shown) > 0 {
		out.Notes = append(out.Notes, text(o.Lang, "verdiene er fordelt på grupper uten en totalgruppe: velg én med --where DIM=VERDI for mål, trend og forskjeller mellom områder",
			"verdiane er fordelte på grupper utan ei totalgruppe: vel éi med --where DIM=VERDI for mål, trend og skilnader mellom område"))
	}
	if err := addTargets(ctx, db, out, ind, headline, names); err != nil {
		return nil, err
	}
	addTrends(out, ind, headline, o)
	if err := addInequality(ctx, db, cat, out, ind, headline, areas, o); err != nil {
		return nil, err
	}
	if err := addGroups(out, ind, shown, names, o); err != nil {
		return nil, err
	}
	return out, nil
}

// text picks the bokmål or nynorsk text.
func text(lang indicators.Lang, nb, nn string) string {
	if lang == indicators.Nynorsk {
		return nn
	}
	return nb
}

// filterWhere keeps the values that have every where dimension with the
// value given (names and values compared ignoring case). A dimension no
// value has is an OptionError naming the dimensions there are.
func filterWhere(values []indicators.Value, where []indicators.Dim) ([]indicators.Value, error) {
	if len(where) == 0 {
		return values, nil
	}
	have := map[string]bool{}
	for _, v := range values {
		for _, d := range v.Dims {
			have[strings.ToLower(d.Name)] = true
		}
	}
	for _, w := range where {
		if !have[strings.ToLower(w.Name)] && len(values) > 0 {
			dims := make([]string, 0, len(have))
			for d := range have {
				dims = append(dims, d)
			}
			sort.Strings(dims)
			return nil, optionErrorf("--where %s: the values have no dimension %q; they have: %s", w.Name, w.Name, strings.Join(dims, ", "))
		}
	}
	var out []indicators.Value
next:
	for _, v := range values {
		for _, w := range where {
			if !hasDim(v.Dims, w) {
				continue next
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func hasDim(dims []indicators.Dim, w indicators.Dim) bool {
	for _, d := range dims {
		if strings.EqualFold(d.Name, w.Name) && strings.EqualFold(strings.TrimSpace(d.Value), w.Value) {
			return true
		}
	}
	return false
}

// headlineSlice is the values whose dims are all chosen by where or
// totals ("Kjønn samlet"): one figure per area and period, the one targets,
// trends and area inequality are about.
func headlineSlice(shown []indicators.Shown, where []indicators.Dim) []indicators.Shown {
	var out []indicators.Shown
	for _, s := range shown {
		if indicators.Headline(s.Dims, where) {
			out = append(out, s)
		}
	}
	return out
}

// series orders the points by level, the home kommune before the
// comparison kommuner, then by name.
func series(shown []indicators.Shown, names map[string]indicators.Geo, area, home string) []SeriesPoint {
	pts := []SeriesPoint{}
	for _, s := range shown {
		if area != "" && s.Area != area {
			continue
		}
		dims := s.Dims
		if dims == nil {
			dims = []indicators.Dim{}
		}
		pts = append(pts, SeriesPoint{Area: s.Area, AreaName: names[s.Area].Name, Period: s.Period.Label, Dims: dims,
			Value: s.Value.Value, Marker: s.Marker, Count: s.Count, Suppressed: s.Suppressed, Secondary: s.Secondary,
			Confidential: s.Confidential, Note: s.Note})
	}
	sort.SliceStable(pts, func(i, j int) bool {
		a, b := names[pts[i].Area], names[pts[j].Area]
		if ra, rb := levelRank(a.Level), levelRank(b.Level); ra != rb {
			return ra < rb
		}
		if ha, hb := pts[i].Area == home, pts[j].Area == home; ha != hb {
			return ha
		}
		if a.Name != b.Name {
			return indicators.NorwegianLess(a.Name, b.Name)
		}
		return pts[i].Area < pts[j].Area // the store's order of periods and dims stays
	})
	return pts
}

func levelRank(l indicators.Level) int {
	for i, x := range []indicators.Level{indicators.Land, indicators.Fylke, indicators.Kommune, indicators.Bydel, indicators.Delbydel, indicators.Sone} {
		if x == l {
			return i
		}
	}
	return 6 // an area not stored: last
}

func addTargets(ctx context.Context, db IndicatorReader, out *IndicatorView, ind indicators.Indicator, headline []indicators.Shown,
	names map[string]indicators.Geo) error {
	ts, err := db.Targets(ctx, ind.ID)
	if err != nil {
		return err
	}
	vals := make([]indicators.Value, len(headline))
	for i, s := range headline {
		vals[i] = s.Value
	}
	for _, t := range ts {
		if out.Area != "" && t.Area != out.Area {
			continue
		}
		out.Targets = append(out.Targets, TargetView{Target: t, AreaName: names[t.Area].Name, Path: t.Path()})
		st := indicators.TargetStatus(t, ind, vals)
		out.Status = append(out.Status, st)
	}
	return nil
}

func addTrends(out *IndicatorView, ind indicators.Indicator, headline []indicators.Shown, o ShowOptions) {
	out.Trend = TrendView{Rule: ind.Trend.TextIn(o.Lang), Periods: ind.Trend.Periods, Threshold: ind.Trend.Threshold,
		Ratings: []indicators.Trend{}}
	byArea := map[string][]indicators.Value{}
	for _, s := range headline {
		if out.Area == "" || s.Area == out.Area {
			byArea[s.Area] = append(byArea[s.Area], s.Value)
		}
	}
	for _, s := range out.Series { // the series' area order
		if vs, ok := byArea[s.Area]; ok {
			out.Trend.Ratings = append(out.Trend.Ratings, indicators.RateTrend(ind, s.Area, vs, o.Lang))
			delete(byArea, s.Area)
		}
	}
}

// addInequality measures the inequality between the areas of one level
// for each period of the headline slice. The level is the one below
// kommune with the most areas that have values (bydel, delbydel or sone);
// every stored area of that level takes part, so one without a value is
// listed as left out.
func addInequality(ctx context.Context, db IndicatorReader, c *indicators.Catalogue, out *IndicatorView, ind indicators.Indicator,
	headline []indicators.Shown, areas []indicators.Geo, o ShowOptions) error {
	level, members := ComparisonLevel(headline, areas)
	if len(members) < 2 {
		if len(headline) > 0 {
			out.Notes = append(out.Notes, text(o.Lang, "forskjeller mellom områder måles ikke: verdiene finnes ikke for flere områder på samme nivå under kommunen",
				"skilnader mellom område blir ikkje målte: verdiane finst ikkje for fleire område på same nivå under kommunen"))
		}
		return nil
	}
	socioInd, err := c.Lookup(o.By)
	if err != nil {
		return optionErrorf("--by: %v", err)
	}
	socioRaw, err := db.IndicatorValues(ctx, socioInd.ID, o.AsOf)
	if err != nil {
		return err
	}
	var socioHead []indicators.Value
	for _, v := range socioRaw {
		if indicators.Headline(v.Dims, nil) {
			socioHead = append(socioHead, v)
		}
	}
	socio := indicators.Suppress(socioHead, socioInd, areas, o.Public)
	if len(socio) == 0 {
		out.Notes = append(out.Notes, fmt.Sprintf(text(o.Lang, "SII og RII mangler: %s har ingen verdier uten grupper; importer dem eller velg en annen med --by",
			"SII og RII manglar: %s har ingen verdiar utan grupper; importer dei eller vel ein annan med --by"), socioInd.ID))
	}
	periods := map[string]indicators.Period{}
	for _, s := range headline {
		periods[s.Period.Label] = s.Period
	}
	ps := make([]indicators.Period, 0, len(periods))
	for _, p := range periods {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return indicators.ComparePeriods(ps[i], ps[j]) < 0 })
	for _, p := range ps {
		figs := indicators.Figures(p, members, headline, socio)
		in := indicators.AreaInequality(p, ind.Better, socioInd.Better, figs)
		out.Inequality = append(out.Inequality, InequalityView{Period: p.Label, Level: level, By: socioInd.ID, Areas: in.Areas,
			Gap: round(in.Gap), Ratio: round(in.Ratio), Mean: round(in.Mean), SII: round(in.SII), RII: round(in.RII),
			Best: in.Best, Worst: in.Worst, Confidential: in.Confidential, LeftOut: in.LeftOut, Notes: in.Notes})
	}
	return nil
}

// ComparisonLevel picks the level areas are compared at, from the areas
// of shown: the one below kommune (bydel, delbydel or sone) with the most
// areas that have values, the first of these in that order on a tie, ""
// when none has any. It returns that level's areas among areas (all of
// them, with a value or not), in code order. Both indicators show and the
// annual report compare areas at this level.
func ComparisonLevel(shown []indicators.Shown, areas []indicators.Geo) (indicators.Level, []indicators.Geo) {
	levelOf := map[string]indicators.Level{}
	for _, g := range areas {
		levelOf[g.Code] = g.Level
	}
	foreign := foreignAreas(areas)
	withValues := map[indicators.Level]map[string]bool{}
	for _, s := range shown {
		l := levelOf[s.Area]
		if l != indicators.Bydel && l != indicators.Delbydel && l != indicators.Sone || foreign[s.Area] {
			continue
		}
		if withValues[l] == nil {
			withValues[l] = map[string]bool{}
		}
		withValues[l][s.Area] = true
	}
	var best indicators.Level
	for _, l := range []indicators.Level{indicators.Bydel, indicators.Delbydel, indicators.Sone} {
		if len(withValues[l]) > len(withValues[best]) {
			best = l
		}
	}
	var members []indicators.Geo
	for _, g := range areas {
		if best != "" && g.Level == best && !foreign[g.Code] {
			members = append(members, g)
		}
	}
	sort.Slice(members, func(i, j int) bool { return members[i].Code < members[j].Code })
	return best, members
}

// foreignAreas are the areas that lie in another kommune than the
// municipality's own, the first kommune of areas (the workspace lists the
// home area first): another city's bydeler, stored because an indicator
// file held them, are compared with each other, never with the
// municipality's own. An area whose parents reach no kommune is taken as
// the municipality's.
func foreignAreas(areas []indicators.Geo) map[string]bool {
	parent := map[string]string{}
	level := map[string]indicators.Level{}
	home := ""
	for _, g := range areas {
		parent[g.Code], level[g.Code] = g.Parent, g.Level
		if home == "" && g.Level == indicators.Kommune {
			home = g.Code
		}
	}
	out := map[string]bool{}
	if home == "" {
		return out
	}
	for _, g := range areas {
		code := g.Code
		for i := 0; i < 10 && code != "" && level[code] != indicators.Kommune; i++ {
			code = parent[code]
		}
		if level[code] == indicators.Kommune && code != home && g.Level != indicators.Kommune {
			out[g.Code] = true
		}
	}
	return out
}

// round keeps six decimals of a statistic: more is noise from float64.
func round(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := math.Round(*f*1e6) / 1e6
	return &r
}

// addGroups compares the indicator's two named groups (or o.Groups).
func addGroups(out *IndicatorView, ind indicators.Indicator, shown []indicators.Shown, names map[string]indicators.Geo, o ShowOptions) error {
	pair := ind.Groups
	if o.Groups != "" {
		dim, ab, ok := strings.Cut(o.Groups, "=")
		a, b, ok2 := strings.Cut(ab, ",")
		if !ok || !ok2 || strings.TrimSpace(dim) == "" || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return optionErrorf("--groups %q: write DIM=A,B, such as utdanningsnivå=grunnskole,universitet/høyskole", o.Groups)
		}
		pair = indicators.GroupPair{Dim: strings.TrimSpace(dim), A: strings.TrimSpace(a), B: strings.TrimSpace(b)}
	}
	if pair == (indicators.GroupPair{}) {
		return nil
	}
	var mine []indicators.Shown
	for _, s := range shown {
		if out.Area == "" || s.Area == out.Area {
			mine = append(mine, s)
		}
	}
	for _, g := range indicators.CompareGroups(pair, mine) {
		g.A, g.B, g.Gap, g.Ratio = round(g.A), round(g.B), round(g.Gap), round(g.Ratio)
		out.Groups = append(out.Groups, GroupView{Dim: pair.Dim, GroupA: pair.A, GroupB: pair.B, AreaName: names[g.Area].Name, GroupGap: g})
	}
	return nil
}
