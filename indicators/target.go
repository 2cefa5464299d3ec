package indicators

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// pathPlaces is the precision of a target path's values: more than any
// published figure has, so rounding never decides on track or off track.
const pathPlaces = 6

// PathAt returns the value the target path gives year y: the baseline
// value in the baseline year, the target value in the target year and the
// straight line between them. Before the baseline year it is the baseline
// value and after the target year the target value, since the goal holds
// once reached. The value is rounded to 6 decimals.
func (t Target) PathAt(y int) decimal.Decimal {
	switch {
	case y <= t.BaselineYear:
		return t.BaselineValue
	case y >= t.TargetYear:
		return t.TargetValue
	}
	step := t.TargetValue.Sub(t.BaselineValue).Mul(decimal.NewFromInt(int64(y - t.BaselineYear)))
	return t.BaselineValue.Add(step.DivRound(decimal.NewFromInt(int64(t.TargetYear-t.BaselineYear)), pathPlaces))
}

// Path returns the path's value for every year from the baseline year to
// the target year, in order.
func (t Target) Path() []PathPoint {
	var pts []PathPoint
	for y := t.BaselineYear; y <= t.TargetYear; y++ {
		pts = append(pts, PathPoint{Year: y, Value: t.PathAt(y)})
	}
	return pts
}

// PathPoint is one year of a target path.
type PathPoint struct {
	Year  int             `json:"year"`
	Value decimal.Decimal `json:"value"`
}

// Validate checks the target against its indicator: an area, a target year
// after the baseline year (both 1900-2200), and both values within the
// unit's range (0-100 for percent, 0-1000 per 1000, not negative
// otherwise). The error is an EINVALID *budget.Error naming the indicator
// and area.
func (t Target) Validate(ind Indicator) error {
	var bad []string
	if strings.TrimSpace(t.Area) == "" {
		bad = append(bad, "area is missing")
	}
	if t.BaselineYear < minYear || t.BaselineYear > maxYear || t.TargetYear < minYear || t.TargetYear > maxYear {
		bad = append(bad, fmt.Sprintf("years %d and %d: give four-digit years", t.BaselineYear, t.TargetYear))
	} else if t.TargetYear <= t.BaselineYear {
		bad = append(bad, fmt.Sprintf("target year %d is not after the baseline year %d", t.TargetYear, t.BaselineYear))
	}
	for _, v := range []struct {
		name string
		d    decimal.Decimal
	}{{"baseline_value", t.BaselineValue}, {"target_value", t.TargetValue}} {
		if err := ind.Unit.CheckRange(v.d); err != nil {
			bad = append(bad, v.name+" "+err.Error())
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return budget.Errorf(budget.EINVALID, "target for %s in %s: %s", t.Indicator, t.Area, strings.Join(bad, ", "))
}

// CheckRange returns an error when v cannot be a value of the unit: below
// 0, or above 100 for percent or 1000 for per 1000.
func (u Unit) CheckRange(v decimal.Decimal) error {
	if v.IsNegative() {
		return fmt.Errorf("%s is negative", v)
	}
	limit := map[Unit]int64{Percent: 100, Per1000: 1000}[u]
	if limit > 0 && v.GreaterThan(decimal.NewFromInt(limit)) {
		return fmt.Errorf("%s is above %d, the most a %s value can be", v, limit, u)
	}
	return nil
}

// State is a target status.
type State string

// The states of a target.
const (
	OnTrack  State = "on_track"  // at or better than the path
	OffTrack State = "off_track" // worse than the path
	NoData   State = "no_data"   // no value since the baseline year
)

// Text returns the state in Norwegian.
func (s State) Text(lang Lang) string {
	switch s {
	case OnTrack:
		return lang.Pick("i rute", "i rute")
	case OffTrack:
		return lang.Pick("ikke i rute", "ikkje i rute")
	}
	return lang.Pick("ingen data", "ingen data")
}

// Status is where an area stands against its target in the latest period
// that has a value.
type Status struct {
	Indicator string           `json:"indicator"`
	Area      string           `json:"area"`
	State     State            `json:"state"`
	Period    *Period          `json:"period"`   // the period judged; nil for no data
	Value     *decimal.Decimal `json:"value"`    // the value in that period
	Path      *decimal.Decimal `json:"path"`     // the path's value in the period's end year
	Distance  *decimal.Decimal `json:"distance"` // how much better (+) or worse (−) than the path, in the unit
	Note      string           `json:"note,omitempty"`
}

// TargetStatus judges series, the values of one slice (one combination of
// dims) in the target's area, against the target. It takes the latest
// period (by ComparePeriods) whose value is present and ends in or after
// the baseline year, and compares it with the path in the period's end
// year. Distance is signed by the indicator's direction: positive means
// better than the path, negative worse, so a lower-is-better indicator 1
// point above its path has Distance -1. A value exactly on the path is on
// track. Values of other areas are ignored. When newer periods are missing,
// Note names them: the status is then older than the series.
func TargetStatus(t Target, ind Indicator, series []Value) Status {
	st := Status{Indicator: t.Indicator, Area: t.Area, State: NoData}
	var latest *Value
	var newerMissing []string
	for i := range series {
		v := &series[i]
		if v.Area != t.Area || v.Period.End < t.BaselineYear {
			continue
		}
		if v.Value == nil {
			if latest == nil || ComparePeriods(v.Period, latest.Period) > 0 {
				newerMissing = append(newerMissing, v.Period.Label)
			}
			continue
		}
		if latest == nil || ComparePeriods(v.Period, latest.Period) > 0 {
			latest = v
		}
	}
	if latest == nil {
		st.Note = fmt.Sprintf("ingen verdi fra og med basisåret %d", t.BaselineYear)
		return st
	}
	var missing []string
	for _, l := range newerMissing {
		if p, err := ParsePeriod(l); err == nil && ComparePeriods(p, latest.Period) > 0 {
			missing = append(missing, l)
		}
	}
	path := t.PathAt(latest.Period.End)
	dist := latest.Value.Sub(path)
	if ind.Better == LowerIsBetter {
		dist = dist.Neg()
	}
	p := latest.Period
	st.Period, st.Value, st.Path, st.Distance = &p, latest.Value, &path, &dist
	st.State = OnTrack
	if dist.IsNegative() {
		st.State = OffTrack
	}
	if len(missing) > 0 {
		st.Note = "nyere perioder uten verdi: " + strings.Join(missing, ", ")
	}
	return st
}
