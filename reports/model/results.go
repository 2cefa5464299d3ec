package model

import (
	"context"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/workspace"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// ResultRow is a row of the Resultatindikatorer sheet: one måltall of one
// measure, with the indicator's latest value and its status against the
// target path of the area the measure is judged in.
//
// The area: the measure's own area when it names exactly one and a target
// path is stored for it there; else the kommune's. Without a target path
// the latest value is the kommune's and State is "" (no path to judge by).
type ResultRow struct {
	Nr        string               `json:"nr"`
	Measure   string               `json:"measure"`
	Indicator indicators.Indicator `json:"indicator"`
	Target    budget.MeasureTarget `json:"target"`
	Area      string               `json:"area,omitempty"`
	AreaName  string               `json:"area_name,omitempty"`
	Latest    *decimal.Decimal     `json:"latest"`
	Period    string               `json:"period,omitempty"`
	State     indicators.State     `json:"state,omitempty"`
	Distance  *decimal.Decimal     `json:"distance,omitempty"`
	Path      *indicators.Target   `json:"path,omitempty"`
}

// Results returns the result indicators of ms (in their order): one row per
// måltall whose indicator is in cat.
func Results(ctx context.Context, db *workspace.DB, cat *indicators.Catalogue, ms []budget.Measure, geos []indicators.Geo) ([]ResultRow, error) {
	targets, err := db.Targets(ctx, "")
	if err != nil {
		return nil, err
	}
	kommune := ""
	names := map[string]string{}
	for _, g := range geos {
		names[g.Code] = g.Name
		if g.Level == indicators.Kommune && kommune == "" {
			kommune = g.Code
		}
	}
	series := map[string][]indicators.Value{}
	out := []ResultRow{}
	for _, m := range ms {
		for _, mt := range m.Targets {
			ind, ok := cat.Get(mt.Indicator)
			if !ok {
				continue
			}
			vals, ok := series[ind.ID]
			if !ok {
				raw, err := db.IndicatorValues(ctx, ind.ID, time.Time{})
				if err != nil {
					return nil, err
				}
				for _, v := range raw {
					if indicators.Headline(v.Dims, nil) {
						vals = append(vals, v)
					}
				}
				series[ind.ID] = vals
			}
			row := ResultRow{Nr: m.Nr, Measure: m.Name, Indicator: ind, Target: mt, Area: kommune}
			if len(m.Areas) == 1 && findTarget(targets, ind.ID, m.Areas[0]) != nil {
				row.Area = m.Areas[0]
			}
			row.AreaName = names[row.Area]
			if t := findTarget(targets, ind.ID, row.Area); t != nil {
				st := indicators.TargetStatus(*t, ind, vals)
				row.Path, row.State, row.Distance = t, st.State, st.Distance
				row.Latest = st.Value
				if st.Period != nil {
					row.Period = st.Period.Label
				}
			} else if v := latest(vals, row.Area); v != nil {
				row.Latest, row.Period = v.Value, v.Period.Label
			}
			out = append(out, row)
		}
	}
	return out, nil
}

func findTarget(ts []indicators.Target, id, area string) *indicators.Target {
	for i := range ts {
		if ts[i].Indicator == id && ts[i].Area == area {
			return &ts[i]
		}
	}
	return nil
}

// latest is the area's latest value that is present.
func latest(vals []indicators.Value, area string) *indicators.Value {
	var best *indicators.Value
	for i := range vals {
		v := &vals[i]
		if v.Area == area && v.Value != nil && (best == nil || indicators.ComparePeriods(v.Period, best.Period) > 0) {
			best = v
		}
	}
	return best
}

// TrajectoryRow is one target's trajectory with the names the documents
// print.
type TrajectoryRow struct {
	indicators.Trajectory
	Name     string          `json:"name"`
	Unit     indicators.Unit `json:"unit"`
	AreaName string          `json:"area_name"`
}

// Trajectories returns the trajectory of every stored target of the
// indicator id ("" for every indicator), in catalogue order and then by
// area code, from the adopted measures of ms (budget.Status.Adopted) that
// name the indicator (in Indikatorer or their Effekt). A measure in
// another area than the target's does not bear on it; one in parts of it
// is weighted by their population in the target year (indicators.AreaWeight).
// Targets of indicators not in cat are left out.
func Trajectories(ctx context.Context, db *workspace.DB, cat *indicators.Catalogue, ms []budget.Measure, geos []indicators.Geo, id string) ([]TrajectoryRow, error) {
	targets, err := db.Targets(ctx, id)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, g := range geos {
		names[g.Code] = g.Name
	}
	out := []TrajectoryRow{}
	for _, ind := range cat.All() {
		for _, t := range targets {
			if t.Indicator != ind.ID {
				continue
			}
			tr := indicators.NewTrajectory(t, ind.Better, Effects(ind.ID, t.Area, t.TargetYear, ms, geos))
			out = append(out, TrajectoryRow{Trajectory: tr, Name: ind.Name, Unit: ind.Unit, AreaName: names[t.Area]})
		}
	}
	return out, nil
}

// Effects turns the adopted measures of ms that name indicator id into the
// plain values a trajectory of the target in area needs (see
// indicators.MeasureEffect): the number when the measure's Effekt is a
// number for id, else its ordinal level. Measures that do not bear on the
// area are left out.
func Effects(id, area string, year int, ms []budget.Measure, geos []indicators.Geo) []indicators.MeasureEffect {
	var out []indicators.MeasureEffect
	for _, m := range ms {
		numeric := m.Effect.IsNumber() && m.Effect.Indicator == id
		if !m.Status.Adopted() || (!numeric && !slices.Contains(m.Indicators, id)) {
			continue
		}
		w, ok := indicators.AreaWeight(area, m.Areas, geos, year)
		if !ok {
			continue
		}
		e := indicators.MeasureEffect{Nr: m.Nr, Name: m.Name, Start: m.Start, Weight: w, Level: string(m.Effect.Level)}
		if numeric {
			v := *m.Effect.Value
			e.Value, e.FullYear = &v, m.Effect.Year
		} else if m.Effect.IsNumber() {
			e.Other = m.Effect.Indicator
		}
		out = append(out, e)
	}
	return out
}
