package model

import (
	"context"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// ResultRow is a row of the Resultatindikatorer sheet: one måltall of one
// measure, with the indicator's latest value and its status against that
// måltall (indicators.JudgeGoal), never against another target.
//
// The area: the measure's own area when it names exactly one and the area
// has a target path or values of the indicator; else the kommune (the
// sheet names the area, so a kommune figure is never read as a bydel's).
// With the area's target path (Path) the måltall is judged on a path from
// that path's baseline to the måltall (indicators.GoalPath); without one,
// against the måltall itself (Reached or not).
type ResultRow struct {
	Nr        string               `json:"nr"`
	Measure   string               `json:"measure"`
	Indicator indicators.Indicator `json:"indicator"`
	Target    budget.MeasureTarget `json:"target"`
	Area      string               `json:"area,omitempty"`
	AreaName  string               `json:"area_name,omitempty"`
	Latest    *decimal.Decimal     `json:"latest"`
	Period    string               `json:"period,omitempty"`
	// State, Reached, GoalAt and Distance judge Latest against the
	// måltall: GoalAt is the måltall's path in the period (the måltall
	// itself once reached or without an area path), Distance how much
	// better (+) or worse (−) Latest is than GoalAt.
	State    indicators.State   `json:"state,omitempty"`
	Reached  bool               `json:"reached,omitempty"`
	GoalAt   *decimal.Decimal   `json:"goal_at,omitempty"`
	Distance *decimal.Decimal   `json:"distance,omitempty"`
	Path     *indicators.Target `json:"path,omitempty"` // the area's target path, nil without one
}

// Results returns the result indicators of ms (in their order): one row per
// måltall whose indicator is in cat.
func Results(ctx context.Context, db IndicatorReader, cat *indicators.Catalogue, ms []budget.Measure, geos []indicators.Geo) ([]ResultRow, error) {
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
			row := ResultRow{Nr: m.Nr, Measure: m.Name, Indicator: ind, Target: mt}
			row.Area, row.Path = indicators.GoalArea(m, ind.ID, targets, kommune, vals)
			row.AreaName = names[row.Area]
			st := indicators.JudgeGoal(mt.Value, mt.Year, row.Path, row.Area, ind, vals)
			if st.State != indicators.NoData {
				row.Latest, row.Period = st.Value, st.Period.Label
				row.State, row.Reached, row.GoalAt, row.Distance = st.State, st.Reached, st.Path, st.Distance
			} else if v := indicators.LatestIn(vals, row.Area); v != nil {
				// A value from before the baseline year is shown, not judged.
				row.Latest, row.Period = v.Value, v.Period.Label
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// GoalWarning is a måltall that the area's baseline already meets (see
// indicators.GoalsReachedAtBaseline).
type GoalWarning = indicators.GoalWarning

// GoalsReachedAtBaseline reads the targets, areas and values that
// indicators.GoalsReachedAtBaseline judges ms against.
func GoalsReachedAtBaseline(ctx context.Context, db IndicatorReader, cat *indicators.Catalogue, ms []budget.Measure) ([]GoalWarning, error) {
	targets, err := db.Targets(ctx, "")
	if err != nil {
		return nil, err
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	return indicators.GoalsReachedAtBaseline(ms, cat, targets, indicators.KommuneCode(geos), func(id string) ([]indicators.Value, error) {
		return db.IndicatorValues(ctx, id, time.Time{})
	})
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
func Trajectories(ctx context.Context, db IndicatorReader, cat *indicators.Catalogue, ms []budget.Measure, geos []indicators.Geo, id string) ([]TrajectoryRow, error) {
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
