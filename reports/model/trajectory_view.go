package model

import (
	"context"
	"fmt"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// TrajectoryView is one indicator's target trajectories as indicators
// trajectory shows them (its --json form).
type TrajectoryView struct {
	ID           string               `json:"id"`
	Name         string               `json:"name"`
	Unit         indicators.Unit      `json:"unit"`
	Better       indicators.Direction `json:"better"`
	Lang         indicators.Lang      `json:"lang"`
	Trajectories []TrajectoryRow      `json:"trajectories"`
	Notes        []string             `json:"notes"`
}

// TrajectoryStore is what TrajectoryOf reads.
type TrajectoryStore interface {
	IndicatorReader
	Measures(ctx context.Context) ([]budget.Measure, error)
}

// TrajectoryOf returns the trajectories of indicator id's targets
// (Trajectories), only area's when area (a code or name) is not empty,
// with names in lang. An unknown indicator is the catalogue's ENOTFOUND
// and an unknown area the store's, prefixed "--area: ". Without a target
// Notes says how to import one.
func TrajectoryOf(ctx context.Context, db TrajectoryStore, cat *indicators.Catalogue, id, area string, lang indicators.Lang) (*TrajectoryView, error) {
	ind, err := cat.Lookup(id)
	if err != nil {
		return nil, err
	}
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	trs, err := Trajectories(ctx, db, cat, ms, geos, ind.ID)
	if err != nil {
		return nil, err
	}
	if area != "" {
		g, err := db.Area(ctx, area)
		if err != nil {
			return nil, fmt.Errorf("--area: %w", err)
		}
		var keep []TrajectoryRow
		for _, t := range trs {
			if t.Area == g.Code {
				keep = append(keep, t)
			}
		}
		trs = keep
	}
	out := &TrajectoryView{ID: ind.ID, Name: ind.NameIn(lang), Unit: ind.Unit, Better: ind.Better, Lang: lang,
		Trajectories: []TrajectoryRow{}, Notes: []string{}}
	for _, t := range trs {
		t.Name = ind.NameIn(lang)
		out.Trajectories = append(out.Trajectories, t)
	}
	if len(trs) == 0 {
		out.Notes = append(out.Notes, lang.Pick("ingen målbane for indikatoren: importer mål med 'helsebudsjett import targets FILE'",
			"inga målbane for indikatoren: importer mål med 'helsebudsjett import targets FILE'"))
	}
	return out, nil
}
