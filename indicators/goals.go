package indicators

import (
	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/shopspring/decimal"
)

// LatestIn is the area's latest value that is present, or nil.
func LatestIn(vals []Value, area string) *Value {
	var best *Value
	for i := range vals {
		v := &vals[i]
		if v.Area == area && v.Value != nil && (best == nil || ComparePeriods(v.Period, best.Period) > 0) {
			best = v
		}
	}
	return best
}

// FindTarget is the target path of indicator id in area, or nil.
func FindTarget(ts []Target, id, area string) *Target {
	for i := range ts {
		if ts[i].Indicator == id && ts[i].Area == area {
			return &ts[i]
		}
	}
	return nil
}

// GoalArea is the area a measure's måltall for indicator id is judged in,
// and that area's target path (nil without one): the measure's own area
// when it names exactly one that has a target path or values, else the
// kommune.
func GoalArea(m budget.Measure, id string, targets []Target, kommune string, vals []Value) (string, *Target) {
	if len(m.Areas) == 1 {
		a := m.Areas[0]
		if t := FindTarget(targets, id, a); t != nil || LatestIn(vals, a) != nil {
			return a, t
		}
	}
	return kommune, FindTarget(targets, id, kommune)
}

// GoalWarning is a måltall that the area's baseline already meets: as a
// result requirement it asks for nothing.
type GoalWarning struct {
	Row       int             `json:"row"`
	Nr        string          `json:"nr"`
	Indicator string          `json:"indicator"`
	Area      string          `json:"area"`
	Goal      decimal.Decimal `json:"goal"`
	Year      int             `json:"year"`
	Baseline  Target
}

// GoalsReachedAtBaseline returns, in measure order, each måltall of ms
// that the baseline value of the target path it is judged on (GoalArea)
// already meets, direction-aware. Måltall without a path, or of an
// indicator not in cat, are not judged. values gives an indicator's
// stored values; it is asked once per indicator.
func GoalsReachedAtBaseline(ms []budget.Measure, cat *Catalogue, targets []Target, kommune string, values func(id string) ([]Value, error)) ([]GoalWarning, error) {
	var out []GoalWarning
	series := map[string][]Value{}
	for _, m := range ms {
		for _, mt := range m.Targets {
			ind, ok := cat.Get(mt.Indicator)
			if !ok {
				continue
			}
			vals, ok := series[ind.ID]
			if !ok {
				var err error
				if vals, err = values(ind.ID); err != nil {
					return nil, err
				}
				series[ind.ID] = vals
			}
			area, path := GoalArea(m, ind.ID, targets, kommune, vals)
			if path == nil || !Reached(path.BaselineValue, mt.Value, ind.Better) {
				continue
			}
			out = append(out, GoalWarning{Row: m.Row, Nr: m.Nr, Indicator: ind.ID, Area: area, Goal: mt.Value, Year: mt.Year, Baseline: *path})
		}
	}
	return out, nil
}

// KommuneCode is the code of the first area at kommune level in geos, or
// "" when there is none: the area a måltall falls back to.
func KommuneCode(geos []Geo) string {
	for _, g := range geos {
		if g.Level == Kommune {
			return g.Code
		}
	}
	return ""
}
