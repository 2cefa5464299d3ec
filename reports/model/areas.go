package model

import (
	"context"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// AreaRow is one area as areas list shows it.
type AreaRow struct {
	Code       string           `json:"code"`
	Name       string           `json:"name"`
	Level      indicators.Level `json:"level"`
	Parent     string           `json:"parent"`
	Role       indicators.Role  `json:"role"`
	Origin     string           `json:"origin"` // file, reference (stored by an indicator import) or built-in (not stored)
	Population map[int]int      `json:"population"`
}

// AreaStore is what AreaList reads.
type AreaStore interface {
	Areas(ctx context.Context) ([]indicators.Geo, error)
	// AreaOrigins maps each stored area's code to where it came from:
	// "file" or "reference".
	AreaOrigins(ctx context.Context) (map[string]string, error)
	// Home is the municipality's own area, ok false when none is chosen.
	Home(ctx context.Context) (g indicators.Geo, ok bool, err error)
}

// AreaListOptions choose the areas of AreaList.
type AreaListOptions struct {
	Level indicators.Level // only this level; "" for all
	// Reference holds the built-in reference geography's areas: with it,
	// the list ends with those not stored, by level and code, as
	// "built-in".
	Reference []indicators.Geo
}

// AreaList returns the workspace's areas in its order (then o.Reference's
// not stored), each with its role relative to the home area, and the home
// area (the zero Geo when none is chosen).
func AreaList(ctx context.Context, db AreaStore, o AreaListOptions) ([]AreaRow, indicators.Geo, error) {
	geos, err := db.Areas(ctx)
	if err != nil {
		return nil, indicators.Geo{}, err
	}
	origins, err := db.AreaOrigins(ctx)
	if err != nil {
		return nil, indicators.Geo{}, err
	}
	home, _, err := db.Home(ctx)
	if err != nil {
		return nil, indicators.Geo{}, err
	}
	n := len(geos)
	var extra []indicators.Geo
	for _, g := range o.Reference {
		if _, ok := origins[g.Code]; !ok {
			extra = append(extra, g)
		}
	}
	rank := map[indicators.Level]int{indicators.Land: 0, indicators.Fylke: 1, indicators.Kommune: 2, indicators.Bydel: 3}
	sort.SliceStable(extra, func(i, j int) bool { return rank[extra[i].Level] < rank[extra[j].Level] })
	geos = append(geos, extra...)
	roles := indicators.AreaRoles(geos, home.Code)
	rows := []AreaRow{}
	for i, g := range geos {
		if o.Level != "" && g.Level != o.Level {
			continue
		}
		origin := origins[g.Code]
		if i >= n {
			origin = "built-in"
		}
		rows = append(rows, AreaRow{Code: g.Code, Name: g.Name, Level: g.Level, Parent: g.Parent, Role: roles[g.Code], Origin: origin, Population: g.Population})
	}
	return rows, home, nil
}
