package indicators

import (
	"math"
	"sort"
	"strings"
)

// Reasons an area is left out of an inequality measure.
const (
	LeftMissing    = "missing"                 // no value for the period
	LeftSuppressed = "suppressed"              // prikket in public output
	LeftNoPop      = "no population"           // left out of mean, SII and RII
	LeftNoSocio    = "no socio-economic value" // left out of SII and RII
)

// LeftOut is an area an inequality measure was computed without, and why.
type LeftOut struct {
	Area   string `json:"area"`
	Reason string `json:"reason"`
}

// AreaFigure is one area's input to AreaInequality.
type AreaFigure struct {
	Area       string
	Value      *float64 // nil when missing or suppressed
	Suppressed bool     // Value is nil because the figure is prikket
	Population int      // 0 when unknown
	Socio      *float64 // the ranking indicator's value, nil when unknown
	// Confidential marks a value below the publishing threshold, used in
	// internal output.
	Confidential bool
}

// Inequality is the inequality between areas for one indicator, period and
// slice. A measure that cannot be computed is nil; LeftOut lists every area
// that was not used, with the reason, so no figure is silently computed
// over gaps.
type Inequality struct {
	Period Period   `json:"period"`
	Areas  int      `json:"areas"` // areas with a value, used for gap, ratio
	Gap    *float64 `json:"gap"`   // distance from the best area to the worst, ≥ 0, in the unit
	Ratio  *float64 `json:"ratio"` // the highest value over the lowest, ≥ 1
	Best   string   `json:"best,omitempty"`
	Worst  string   `json:"worst,omitempty"`
	Mean   *float64 `json:"mean"` // population-weighted mean
	SII    *float64 `json:"sii"`
	RII    *float64 `json:"rii"`
	By     string   `json:"by,omitempty"` // the ranking indicator
	// Confidential says figures below the publishing threshold went into the
	// measures (internal output only).
	Confidential bool      `json:"confidential,omitempty"`
	LeftOut      []LeftOut `json:"left_out"`
	Notes        []string  `json:"notes,omitempty"`
}

// AreaInequality measures the inequality between the areas of figs for an
// indicator whose direction is better.
//
// Gap and Ratio use every area with a value. Gap is best minus worst by the
// direction, written so it is never negative: max − min for both
// directions, with Best and Worst naming the areas. Ratio is max / min
// (nil when min ≤ 0).
//
// Mean, SII and RII also need a population; SII and RII need the value of
// the socio-economic ranking indicator (socioBetter is its direction).
//
// The slope index of inequality (SII) and relative index (RII):
//
//  1. Order the n areas from the socio-economically worst to the best by
//     the ranking indicator (for a lower-is-better one such as lavinntekt,
//     the highest value first). Areas with equal ranking values share a
//     rank.
//  2. With population wᵢ and W = Σwᵢ, area i covers the cumulative
//     population share (Cᵢ₋₁, Cᵢ] with Cᵢ = (w₁+…+wᵢ)/W; its rank is the
//     midpoint xᵢ = (Cᵢ₋₁ + Cᵢ)/2, in (0, 1).
//  3. Fit yᵢ = a + b·xᵢ by least squares weighted by wᵢ:
//     x̄ = Σwᵢxᵢ/W, ȳ = Σwᵢyᵢ/W,
//     b = Σwᵢ(xᵢ−x̄)(yᵢ−ȳ) / Σwᵢ(xᵢ−x̄)², a = ȳ − b·x̄.
//  4. SII = b: the fitted difference between the top of the social scale
//     (x = 1) and the bottom (x = 0), in the indicator's unit.
//     RII = (a + b) / a: the fitted value at the top over that at the
//     bottom (nil when a ≤ 0).
//
// So SII > 0 means the indicator is higher in advantaged areas. At least
// two areas with different ranks are needed; otherwise SII and RII are nil
// with a note.
func AreaInequality(p Period, better, socioBetter Direction, figs []AreaFigure) Inequality {
	in := Inequality{Period: p, LeftOut: []LeftOut{}}
	var have []AreaFigure
	for _, f := range figs {
		switch {
		case f.Value == nil && f.Suppressed:
			in.LeftOut = append(in.LeftOut, LeftOut{f.Area, LeftSuppressed})
		case f.Value == nil || math.IsNaN(*f.Value):
			in.LeftOut = append(in.LeftOut, LeftOut{f.Area, LeftMissing})
		default:
			have = append(have, f)
		}
	}
	in.Areas = len(have)
	for _, f := range have {
		in.Confidential = in.Confidential || f.Confidential
	}
	gapRatio(&in, better, have)
	var weighted, ranked []AreaFigure
	for _, f := range have {
		switch {
		case f.Population <= 0:
			in.LeftOut = append(in.LeftOut, LeftOut{f.Area, LeftNoPop})
		case f.Socio == nil:
			weighted = append(weighted, f)
			in.LeftOut = append(in.LeftOut, LeftOut{f.Area, LeftNoSocio})
		default:
			weighted = append(weighted, f)
			ranked = append(ranked, f)
		}
	}
	if len(weighted) > 0 {
		var sw, swy float64
		for _, f := range weighted {
			sw += float64(f.Population)
			swy += float64(f.Population) * *f.Value
		}
		in.Mean = ptr(swy / sw)
	}
	// With one area prikket, a mean over the others and the published total
	// of the whole would give the hidden value back.
	if n := countReason(in.LeftOut, LeftSuppressed); n == 1 && in.Mean != nil {
		in.Mean = nil
		in.Notes = append(in.Notes, "gjennomsnittet er prikket: med ett område prikket kunne det gi den prikkede verdien tilbake")
	}
	sii(&in, socioBetter, ranked)
	return in
}

func gapRatio(in *Inequality, better Direction, have []AreaFigure) {
	if len(have) < 2 {
		in.Notes = append(in.Notes, "for få områder med verdi til å måle forskjeller")
		return
	}
	lo, hi := have[0], have[0]
	for _, f := range have[1:] {
		if *f.Value < *lo.Value || (*f.Value == *lo.Value && f.Area < lo.Area) {
			lo = f
		}
		if *f.Value > *hi.Value || (*f.Value == *hi.Value && f.Area < hi.Area) {
			hi = f
		}
	}
	in.Gap = ptr(*hi.Value - *lo.Value)
	in.Best, in.Worst = hi.Area, lo.Area
	if better == LowerIsBetter {
		in.Best, in.Worst = lo.Area, hi.Area
	}
	if *lo.Value > 0 {
		in.Ratio = ptr(*hi.Value / *lo.Value)
	}
}

// sii fills SII and RII from the areas that have a value, a population and
// a ranking value; see AreaInequality for the formula.
func sii(in *Inequality, socioBetter Direction, ranked []AreaFigure) {
	if len(ranked) < 2 {
		in.Notes = append(in.Notes, "SII og RII krever minst to områder med verdi, folketall og sosioøkonomisk verdi")
		return
	}
	// Worst first: for a lower-is-better ranking indicator, the highest value.
	sort.Slice(ranked, func(i, j int) bool {
		a, b := *ranked[i].Socio, *ranked[j].Socio
		if a != b {
			return (a > b) == (socioBetter == LowerIsBetter)
		}
		return ranked[i].Area < ranked[j].Area
	})
	var W float64
	for _, f := range ranked {
		W += float64(f.Population)
	}
	x := make([]float64, len(ranked))
	cum := 0.0
	for i := 0; i < len(ranked); {
		// Areas with the same ranking value form one group sharing its midpoint.
		j, w := i, 0.0
		for ; j < len(ranked) && *ranked[j].Socio == *ranked[i].Socio; j++ {
			w += float64(ranked[j].Population)
		}
		mid := (cum + w/2) / W
		for k := i; k < j; k++ {
			x[k] = mid
		}
		cum += w
		i = j
	}
	var xbar, ybar float64
	for i, f := range ranked {
		w := float64(f.Population)
		xbar += w * x[i] / W
		ybar += w * *f.Value / W
	}
	var sxx, sxy float64
	for i, f := range ranked {
		w := float64(f.Population)
		sxx += w * (x[i] - xbar) * (x[i] - xbar)
		sxy += w * (x[i] - xbar) * (*f.Value - ybar)
	}
	if sxx == 0 {
		in.Notes = append(in.Notes, "SII og RII: alle områdene har samme sosioøkonomiske verdi")
		return
	}
	b := sxy / sxx
	a := ybar - b*xbar
	in.SII = ptr(b)
	if a > 0 {
		in.RII = ptr((a + b) / a)
	} else {
		in.Notes = append(in.Notes, "RII: den tilpassede verdien nederst på den sosiale skalaen er ikke positiv")
	}
}

func ptr(f float64) *float64 { return &f }

// GroupGap compares two groups of one dimension (such as utdanningsnivå
// grunnskole against universitet/høyskole) in one area and period: Gap is
// B − A and Ratio B / A in the indicator's unit. Either is nil, with
// Reason, when a group's value is missing or suppressed, or (Ratio) when A
// is not positive.
type GroupGap struct {
	Area         string   `json:"area"`
	Period       Period   `json:"period"`
	Dims         []Dim    `json:"dims,omitempty"` // the other dims of the slice
	A            *float64 `json:"a"`
	B            *float64 `json:"b"`
	Gap          *float64 `json:"gap"`
	Ratio        *float64 `json:"ratio"`
	Confidential bool     `json:"confidential,omitempty"`
	Reason       string   `json:"reason,omitempty"`
}

// CompareGroups finds, for every area, period and combination of the other
// dims, the values of groups pair.A and pair.B of dimension pair.Dim
// (names and values matched ignoring case and spaces) and compares them. Results are ordered by area, then period.
func CompareGroups(pair GroupPair, values []Shown) []GroupGap {
	type key struct{ area, period, rest string }
	type cell struct {
		gg   GroupGap
		a, b *Shown
	}
	cells := map[key]*cell{}
	var order []key
	dim, ga, gb := normDim(pair.Dim), normGroup(pair.A), normGroup(pair.B)
	for i := range values {
		v := &values[i]
		var rest []Dim
		group := ""
		for _, d := range v.Dims {
			if normDim(d.Name) == dim {
				group = normGroup(d.Value)
			} else {
				rest = append(rest, d)
			}
		}
		if group != ga && group != gb {
			continue
		}
		k := key{v.Area, v.Period.Label, dimsKey(rest)}
		c, ok := cells[k]
		if !ok {
			c = &cell{gg: GroupGap{Area: v.Area, Period: v.Period, Dims: rest}}
			cells[k] = c
			order = append(order, k)
		}
		if group == ga {
			c.a = v
		} else {
			c.b = v
		}
	}
	out := make([]GroupGap, 0, len(order))
	for _, k := range order {
		c := cells[k]
		g := c.gg
		fa, ra := groupValue(c.a, pair.A)
		fb, rb := groupValue(c.b, pair.B)
		g.A, g.B = fa, fb
		g.Confidential = (c.a != nil && c.a.Confidential) || (c.b != nil && c.b.Confidential)
		switch {
		case ra != "":
			g.Reason = ra
		case rb != "":
			g.Reason = rb
		default:
			g.Gap = ptr(*fb - *fa)
			if *fa > 0 {
				g.Ratio = ptr(*fb / *fa)
			}
		}
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Area != out[j].Area {
			return out[i].Area < out[j].Area
		}
		return ComparePeriods(out[i].Period, out[j].Period) < 0
	})
	return out
}

func groupValue(s *Shown, name string) (*float64, string) {
	switch {
	case s == nil:
		return nil, name + ": " + LeftMissing
	case s.Value.Value == nil && s.Suppressed:
		return nil, name + ": " + LeftSuppressed
	case s.Value.Value == nil:
		return nil, name + ": " + LeftMissing
	}
	f := s.Value.Value.InexactFloat64()
	return &f, ""
}

func countReason(l []LeftOut, reason string) int {
	n := 0
	for _, x := range l {
		if x.Reason == reason {
			n++
		}
	}
	return n
}

// normGroup folds case, removes spaces (non-breaking ones too, and those
// around a slash) and spells bokmål and nynorsk variants alike, so FHI's
// "universitet/ høgskole" matches "Universitet/høyskole".
func normGroup(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "\u00a0", " "))), "")
	return groupSpellings.Replace(s)
}

var groupSpellings = strings.NewReplacer("høgskole", "høyskole", "høgskule", "høyskole", "grunnskule", "grunnskole",
	"vidaregåande", "videregående", "universitetet", "universitet")

// normDim is normGroup for a dimension name, also without a trailing
// "nivå": FHI heads the column "Utdanning" where the catalogue says
// "utdanningsnivå".
func normDim(s string) string {
	s = normGroup(s)
	for _, suf := range []string{"snivå", "nivå"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			return t
		}
	}
	return s
}
