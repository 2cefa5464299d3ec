package indicators

import (
	"github.com/shopspring/decimal"
)

// MeasureEffect is what a trajectory needs to know of one measure (tiltak):
// plain values, so this package does not depend on how measures are
// stored. The caller passes the adopted measures that name the indicator.
//
//   - Value is the expected change in the indicator, in its unit, once the
//     full effect is reached in FullYear ("-1,5@2030"); nil when the effect
//     is not a number for this indicator.
//   - Level is the ordinal effect (lav, middels, høy) of a measure whose
//     effect cannot be put in numbers; "" when there is none. A measure
//     with Level, or with no Value, is listed beside the path, never added;
//     Other names the indicator its number is for when that is another.
//   - Start is the first year the measure runs (0: it ran before the
//     plan).
//   - Weight is the share of the target's area the effect applies to (see
//     AreaWeight): 1 for a measure covering the area or the whole
//     municipality.
type MeasureEffect struct {
	Nr       string           `json:"nr"`
	Name     string           `json:"name"`
	Value    *decimal.Decimal `json:"value,omitempty"`
	FullYear int              `json:"full_year,omitempty"`
	Level    string           `json:"level,omitempty"`
	Other    string           `json:"other,omitempty"` // the indicator a number is given for, when another
	Start    int              `json:"start,omitempty"`
	Weight   decimal.Decimal  `json:"weight"`
}

// EffectAt returns the part of the measure's effect reached in year y,
// weighted, given the target's baseline year: nothing up to the baseline
// year (the baseline already holds what came before), then a straight ramp
// that begins in the measure's first year after the baseline and reaches
// the full effect in FullYear, and the full effect from then on. With
// start year S = max(Start, baseline+1) and full year F ≥ S, year y gets
// (y − S + 1) / (F − S + 1) of the effect: a measure starting in 2027 with
// full effect in 2030 gives a quarter in 2027, half in 2028, three quarters
// in 2029 and all of it from 2030. An effect once reached is assumed to
// hold; the measure's last year of money does not take it away. The value
// is rounded to 6 decimals; a measure without a number gives 0.
func (m MeasureEffect) EffectAt(baselineYear, y int) decimal.Decimal {
	if m.Value == nil {
		return decimal.Zero
	}
	s := max(m.Start, baselineYear+1)
	f := max(m.FullYear, s)
	full := m.Value.Mul(m.Weight)
	switch {
	case y < s:
		return decimal.Zero
	case y >= f:
		return full.Round(pathPlaces)
	}
	return full.Mul(decimal.NewFromInt(int64(y-s+1))).DivRound(decimal.NewFromInt(int64(f-s+1)), pathPlaces)
}

// TrajectoryPoint is one year of a trajectory: the target path's value,
// the value the adopted measures give (the baseline plus their effects
// reached by that year) and the difference (Measures − Target).
type TrajectoryPoint struct {
	Year     int             `json:"year"`
	Target   decimal.Decimal `json:"target"`
	Measures decimal.Decimal `json:"measures"`
	Diff     decimal.Decimal `json:"diff"`
}

// Trajectory is the equity counterpart of the klimabudsjett's emission
// path: for one target (indicator and area), the target path year by year
// from the baseline year to the target year, the path the adopted measures
// give, and the gap in the target year.
//
// Gap is how far the measures' path stays short of the target in the
// target year, in the indicator's unit and signed by its direction:
// positive means the adopted measures do not reach the target, zero or
// negative that they reach it (or pass it by −Gap). Covered is the part of
// the change the target asks for (target − baseline) that the measures
// give, in percent rounded to one decimal, as "adopted measures take
// emissions to −63 % of the −95 % goal"; nil when the target asks for no
// change. Numeric are the measures summed into the path, Beside those
// named for the indicator whose effect is ordinal or not a number for it:
// listed, never summed.
type Trajectory struct {
	Indicator string            `json:"indicator"`
	Area      string            `json:"area"`
	Better    Direction         `json:"better"`
	Baseline  PathPoint         `json:"baseline"`
	Goal      PathPoint         `json:"goal"`
	Points    []TrajectoryPoint `json:"points"`
	Effect    decimal.Decimal   `json:"effect"` // the measures' summed effect in the target year
	Gap       decimal.Decimal   `json:"gap"`
	Reached   bool              `json:"reached"`
	Covered   *decimal.Decimal  `json:"covered"`
	Numeric   []MeasureEffect   `json:"numeric"`
	Beside    []MeasureEffect   `json:"beside"`
}

// NewTrajectory computes the trajectory of target t for an indicator whose
// values improve in direction better, from the measures given (the
// caller's adopted measures naming the indicator, in the order to list
// them). Measures with a Value and a positive Weight are summed into the
// path; the rest are listed in Beside. It is a pure function.
func NewTrajectory(t Target, better Direction, ms []MeasureEffect) Trajectory {
	tr := Trajectory{Indicator: t.Indicator, Area: t.Area, Better: better,
		Baseline: PathPoint{Year: t.BaselineYear, Value: t.BaselineValue},
		Goal:     PathPoint{Year: t.TargetYear, Value: t.TargetValue},
		Points:   []TrajectoryPoint{}, Numeric: []MeasureEffect{}, Beside: []MeasureEffect{}}
	for _, m := range ms {
		if m.Value != nil && m.Weight.IsPositive() {
			tr.Numeric = append(tr.Numeric, m)
		} else {
			tr.Beside = append(tr.Beside, m)
		}
	}
	for y := t.BaselineYear; y <= t.TargetYear; y++ {
		eff := decimal.Zero
		for _, m := range tr.Numeric {
			eff = eff.Add(m.EffectAt(t.BaselineYear, y))
		}
		target := t.PathAt(y)
		with := t.BaselineValue.Add(eff)
		tr.Points = append(tr.Points, TrajectoryPoint{Year: y, Target: target, Measures: with, Diff: with.Sub(target)})
		if y == t.TargetYear {
			tr.Effect = eff
		}
	}
	if len(tr.Points) == 0 { // a target year before the baseline: Validate refuses it, but stay total
		return tr
	}
	last := tr.Points[len(tr.Points)-1]
	tr.Gap = last.Diff
	if better == HigherIsBetter {
		tr.Gap = tr.Gap.Neg()
	}
	tr.Reached = !tr.Gap.IsPositive()
	if need := t.TargetValue.Sub(t.BaselineValue); !need.IsZero() {
		c := tr.Effect.Mul(decimal.NewFromInt(100)).DivRound(need, 1)
		tr.Covered = &c
	}
	return tr
}

// AreaWeight returns the share of a target's area that a measure covering
// areas (codes; none for the whole municipality) works in, by population
// in year y, and whether the measure bears on the target at all:
//
//   - a measure for the whole municipality, or one that names the target's
//     area, covers it all: weight 1;
//   - a measure in parts of the target's area (bydeler of the kommune, say)
//     covers their share of its population: an effect of −2 points in a
//     bydel with a tenth of the people is −0.2 points for the kommune;
//   - a measure elsewhere, or in parts whose population is not known, does
//     not bear on the target (false).
//
// geos are the municipality's areas with their parents and populations.
func AreaWeight(target string, areas []string, geos []Geo, y int) (decimal.Decimal, bool) {
	if len(areas) == 0 {
		return decimal.NewFromInt(1), true
	}
	byCode := make(map[string]Geo, len(geos))
	for _, g := range geos {
		byCode[g.Code] = g
	}
	within := func(code string) bool {
		seen := map[string]bool{}
		for g, ok := byCode[code]; ok && !seen[g.Code]; g, ok = byCode[g.Parent] {
			seen[g.Code] = true
			if g.Parent == target {
				return true
			}
		}
		return false
	}
	var part int64
	for _, a := range areas {
		if a == target {
			return decimal.NewFromInt(1), true
		}
		if within(a) {
			part += int64(PopulationIn(byCode[a], y))
		}
	}
	whole := int64(PopulationIn(byCode[target], y))
	if part == 0 || whole == 0 {
		return decimal.Zero, false
	}
	if part >= whole {
		return decimal.NewFromInt(1), true
	}
	return decimal.NewFromInt(part).DivRound(decimal.NewFromInt(whole), pathPlaces), true
}
