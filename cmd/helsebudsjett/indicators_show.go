package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget/workspace"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// defaultBy is the socio-economic indicator areas are ranked by for SII
// and RII unless --by names another.
const defaultBy = "lavinntekt"

// whereFlags collects repeated --where DIM=VALUE.
type whereFlags []indicators.Dim

func (w *whereFlags) String() string { return fmt.Sprint(*w) }

func (w *whereFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("%q: write DIM=VALUE, such as kjønn=kjønn samlet", s)
	}
	*w = append(*w, indicators.Dim{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	return nil
}

// showOptions are the flags of indicators show.
type showOptions struct {
	id, area, by, groups string
	where                whereFlags
	asOf                 time.Time
	public               bool
	lang                 indicators.Lang
}

func cmdIndicatorsShow(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("indicators show", e)
	var o showOptions
	fs.StringVar(&o.area, "area", "", "show the series, targets and trend of this area only (code or name)")
	fs.Var(&o.where, "where", "DIM=VALUE: take only the values of this group (repeatable), e.g. kjønn=kjønn samlet")
	fs.StringVar(&o.by, "by", defaultBy, "the socio-economic indicator areas are ranked by for SII and RII")
	fs.StringVar(&o.groups, "groups", "", "DIM=A,B: compare group B with group A (default: the indicator's own pair, if any)")
	asOf := fs.String("as-of", "", "DATE (YYYY-MM-DD): the figures as known at the end of that day")
	fs.BoolVar(&o.public, "public", false, "public output: suppress small numbers (prikking)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	langS := fs.String("lang", "nb", "nb (bokmål) or nn (nynorsk)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("indicators show takes one indicator ID, got %d", len(pos))
	}
	o.id = pos[0]
	if o.lang, err = langFlag(*langS); err != nil {
		return err
	}
	if o.asOf, err = parseAsOf(*asOf); err != nil {
		return err
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := showIndicator(ctx, db, o, fs)
	if err != nil {
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, out)
		return nil
	}
	return printShow(e, out, o.lang)
}

// parseAsOf reads --as-of: a date is the end of that day in Norway.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		return time.Time{}, err
	}
	d, err := time.ParseInLocation("2006-01-02", s, oslo)
	if err != nil {
		return time.Time{}, usagef("--as-of %q: write a date such as 2025-06-30", s)
	}
	return d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
}

// showOut is the --json form of indicators show: one object.
type showOut struct {
	ID          string               `json:"id"`
	Name        string               `json:"name"`
	Unit        indicators.Unit      `json:"unit"`
	Better      indicators.Direction `json:"better"`
	Determinant string               `json:"determinant"`
	Definition  string               `json:"definition"`
	Source      string               `json:"source"`
	MinCount    int                  `json:"min_count"`
	Lang        indicators.Lang      `json:"lang"`
	AsOf        string               `json:"as_of,omitempty"`
	Public      bool                 `json:"public"`
	Where       []indicators.Dim     `json:"where,omitempty"`
	Area        string               `json:"area,omitempty"`
	Series      []seriesPoint        `json:"series"`
	Targets     []targetOut          `json:"targets"`
	Status      []indicators.Status  `json:"status"`
	Trend       trendOut             `json:"trend"`
	Inequality  []inequalityOut      `json:"inequality"`
	Groups      []groupOut           `json:"groups,omitempty"`
	Notes       []string             `json:"notes"`
}

type seriesPoint struct {
	Area         string           `json:"area"`
	AreaName     string           `json:"area_name"`
	Period       string           `json:"period"`
	Dims         []indicators.Dim `json:"dims"`
	Value        *decimal.Decimal `json:"value"` // null when missing or suppressed
	Marker       string           `json:"marker"`
	Count        *int             `json:"count,omitempty"`
	Suppressed   bool             `json:"suppressed,omitempty"`
	Secondary    bool             `json:"secondary,omitempty"`
	Confidential bool             `json:"confidential,omitempty"`
	Note         string           `json:"note,omitempty"`
}

type targetOut struct {
	indicators.Target
	AreaName string                 `json:"area_name"`
	Path     []indicators.PathPoint `json:"path"`
}

type trendOut struct {
	Rule      string             `json:"rule"`
	Periods   int                `json:"periods"`
	Threshold decimal.Decimal    `json:"threshold"`
	Ratings   []indicators.Trend `json:"ratings"`
}

type inequalityOut struct {
	Period       string               `json:"period"`
	Level        indicators.Level     `json:"level"`
	By           string               `json:"by"`
	Areas        int                  `json:"areas"`
	Gap          *float64             `json:"gap"`
	Ratio        *float64             `json:"ratio"`
	Mean         *float64             `json:"mean"`
	SII          *float64             `json:"sii"`
	RII          *float64             `json:"rii"`
	Best         string               `json:"best,omitempty"`
	Worst        string               `json:"worst,omitempty"`
	Confidential bool                 `json:"confidential,omitempty"`
	LeftOut      []indicators.LeftOut `json:"left_out"`
	Notes        []string             `json:"notes,omitempty"`
}

type groupOut struct {
	Dim      string `json:"dim"`
	GroupA   string `json:"group_a"`
	GroupB   string `json:"group_b"`
	AreaName string `json:"area_name"`
	indicators.GroupGap
}

// showIndicator gathers everything indicators show prints.
func showIndicator(ctx context.Context, db *workspace.DB, o showOptions, fs *flag.FlagSet) (*showOut, error) {
	c, err := catalogue(ctx, db)
	if err != nil {
		return nil, err
	}
	ind, err := c.Lookup(o.id)
	if err != nil {
		return nil, usagef("%v", err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]indicators.Geo{}
	for _, g := range areas {
		names[g.Code] = g
	}
	out := &showOut{ID: ind.ID, Name: ind.NameIn(o.lang), Unit: ind.Unit, Better: ind.Better, Determinant: ind.Determinant,
		Definition: ind.Definition, Source: ind.Source, MinCount: ind.Threshold(), Lang: o.lang, Public: o.public,
		Where: o.where, Series: []seriesPoint{}, Targets: []targetOut{}, Status: []indicators.Status{},
		Inequality: []inequalityOut{}, Notes: []string{}}
	if !o.asOf.IsZero() {
		out.AsOf = o.asOf.Format(time.RFC3339)
	}
	if o.area != "" {
		g, err := db.Area(ctx, o.area)
		if err != nil {
			return nil, usagef("--area: %v", err)
		}
		out.Area = g.Code
	}
	raw, err := db.IndicatorValues(ctx, ind.ID, o.asOf)
	if err != nil {
		return nil, err
	}
	values, err := filterWhere(raw, o.where)
	if err != nil {
		return nil, err
	}
	shown := indicators.Suppress(values, ind, areas, o.public)
	if len(raw) == 0 {
		out.Notes = append(out.Notes, tr(o.lang, "ingen verdier importert ennå: 'helsebudsjett import indicators FILE --indicator "+ind.ID+"'",
			"ingen verdiar importerte enno: 'helsebudsjett import indicators FILE --indicator "+ind.ID+"'"))
	}
	out.Series = series(shown, names, out.Area)
	headline := headlineSlice(shown, o.where)
	if len(headline) == 0 && len(shown) > 0 {
		out.Notes = append(out.Notes, tr(o.lang, "verdiene er fordelt på grupper uten en totalgruppe: velg én med --where DIM=VERDI for mål, trend og forskjeller mellom områder",
			"verdiane er fordelte på grupper utan ei totalgruppe: vel éi med --where DIM=VERDI for mål, trend og skilnader mellom område"))
	}
	if err := addTargets(ctx, db, out, ind, headline, names, o); err != nil {
		return nil, err
	}
	addTrends(out, ind, headline, o)
	if err := addInequality(ctx, db, c, out, ind, headline, areas, o); err != nil {
		return nil, err
	}
	if err := addGroups(out, ind, shown, names, o); err != nil {
		return nil, err
	}
	return out, nil
}

// filterWhere keeps the values that have every --where dimension with the
// value given (names and values compared ignoring case). A dimension no
// value has is a usage error naming the dimensions there are.
func filterWhere(values []indicators.Value, where whereFlags) ([]indicators.Value, error) {
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
			return nil, usagef("--where %s: the values have no dimension %q; they have: %s", w.Name, w.Name, strings.Join(dims, ", "))
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

// headlineSlice is the values whose dims are all chosen by --where or
// totals ("Kjønn samlet"): one figure per area and period, the one targets,
// trends and area inequality are about.
func headlineSlice(shown []indicators.Shown, where whereFlags) []indicators.Shown {
	var out []indicators.Shown
	for _, s := range shown {
		if indicators.Headline(s.Dims, where) {
			out = append(out, s)
		}
	}
	return out
}

func series(shown []indicators.Shown, names map[string]indicators.Geo, area string) []seriesPoint {
	pts := []seriesPoint{}
	for _, s := range shown {
		if area != "" && s.Area != area {
			continue
		}
		dims := s.Dims
		if dims == nil {
			dims = []indicators.Dim{}
		}
		pts = append(pts, seriesPoint{Area: s.Area, AreaName: names[s.Area].Name, Period: s.Period.Label, Dims: dims,
			Value: s.Value.Value, Marker: s.Marker, Count: s.Count, Suppressed: s.Suppressed, Secondary: s.Secondary,
			Confidential: s.Confidential, Note: s.Note})
	}
	sort.SliceStable(pts, func(i, j int) bool {
		a, b := names[pts[i].Area], names[pts[j].Area]
		if ra, rb := levelRank(a.Level), levelRank(b.Level); ra != rb {
			return ra < rb
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

func addTargets(ctx context.Context, db *workspace.DB, out *showOut, ind indicators.Indicator, headline []indicators.Shown,
	names map[string]indicators.Geo, o showOptions) error {
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
		out.Targets = append(out.Targets, targetOut{Target: t, AreaName: names[t.Area].Name, Path: t.Path()})
		st := indicators.TargetStatus(t, ind, vals)
		out.Status = append(out.Status, st)
	}
	return nil
}

func addTrends(out *showOut, ind indicators.Indicator, headline []indicators.Shown, o showOptions) {
	out.Trend = trendOut{Rule: ind.Trend.TextIn(o.lang), Periods: ind.Trend.Periods, Threshold: ind.Trend.Threshold,
		Ratings: []indicators.Trend{}}
	byArea := map[string][]indicators.Value{}
	for _, s := range headline {
		if out.Area == "" || s.Area == out.Area {
			byArea[s.Area] = append(byArea[s.Area], s.Value)
		}
	}
	for _, s := range out.Series { // the series' area order
		if vs, ok := byArea[s.Area]; ok {
			out.Trend.Ratings = append(out.Trend.Ratings, indicators.RateTrend(ind, s.Area, vs, o.lang))
			delete(byArea, s.Area)
		}
	}
}

// addInequality measures the inequality between the areas of one level
// for each period of the headline slice. The level is the one below
// kommune with the most areas that have values (bydel, delbydel or sone);
// every stored area of that level takes part, so one without a value is
// listed as left out.
func addInequality(ctx context.Context, db *workspace.DB, c *indicators.Catalogue, out *showOut, ind indicators.Indicator,
	headline []indicators.Shown, areas []indicators.Geo, o showOptions) error {
	level, members := comparisonLevel(headline, areas)
	if len(members) < 2 {
		if len(headline) > 0 {
			out.Notes = append(out.Notes, tr(o.lang, "forskjeller mellom områder måles ikke: verdiene finnes ikke for flere områder på samme nivå under kommunen",
				"skilnader mellom område blir ikkje målte: verdiane finst ikkje for fleire område på same nivå under kommunen"))
		}
		return nil
	}
	socioInd, err := c.Lookup(o.by)
	if err != nil {
		return usagef("--by: %v", err)
	}
	socioRaw, err := db.IndicatorValues(ctx, socioInd.ID, o.asOf)
	if err != nil {
		return err
	}
	var socioHead []indicators.Value
	for _, v := range socioRaw {
		if indicators.Headline(v.Dims, nil) {
			socioHead = append(socioHead, v)
		}
	}
	socio := indicators.Suppress(socioHead, socioInd, areas, o.public)
	if len(socio) == 0 {
		out.Notes = append(out.Notes, fmt.Sprintf(tr(o.lang, "SII og RII mangler: %s har ingen verdier uten grupper; importer dem eller velg en annen med --by",
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
		out.Inequality = append(out.Inequality, inequalityOut{Period: p.Label, Level: level, By: socioInd.ID, Areas: in.Areas,
			Gap: round(in.Gap), Ratio: round(in.Ratio), Mean: round(in.Mean), SII: round(in.SII), RII: round(in.RII),
			Best: in.Best, Worst: in.Worst, Confidential: in.Confidential, LeftOut: in.LeftOut, Notes: in.Notes})
	}
	return nil
}

// comparisonLevel picks the level areas are compared at and its stored
// areas, in code order.
func comparisonLevel(headline []indicators.Shown, areas []indicators.Geo) (indicators.Level, []indicators.Geo) {
	levelOf := map[string]indicators.Level{}
	for _, g := range areas {
		levelOf[g.Code] = g.Level
	}
	withValues := map[indicators.Level]map[string]bool{}
	for _, s := range headline {
		l := levelOf[s.Area]
		if l != indicators.Bydel && l != indicators.Delbydel && l != indicators.Sone {
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
		if best != "" && g.Level == best {
			members = append(members, g)
		}
	}
	return best, members
}

// round keeps six decimals of a statistic: more is noise from float64.
func round(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := math.Round(*f*1e6) / 1e6
	return &r
}

// addGroups compares the indicator's two named groups (or --groups).
func addGroups(out *showOut, ind indicators.Indicator, shown []indicators.Shown, names map[string]indicators.Geo, o showOptions) error {
	pair := ind.Groups
	if o.groups != "" {
		dim, ab, ok := strings.Cut(o.groups, "=")
		a, b, ok2 := strings.Cut(ab, ",")
		if !ok || !ok2 || strings.TrimSpace(dim) == "" || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return usagef("--groups %q: write DIM=A,B, such as utdanningsnivå=grunnskole,universitet/høyskole", o.groups)
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
		out.Groups = append(out.Groups, groupOut{Dim: pair.Dim, GroupA: pair.A, GroupB: pair.B, AreaName: names[g.Area].Name, GroupGap: g})
	}
	return nil
}
