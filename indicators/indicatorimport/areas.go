package indicatorimport

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
)

// AreaImportStore is what ImportAreas reads and writes: the workspace's
// areas over the reference geography (AreaStore), and the import of an
// areas file's areas, aliases and home area in one transaction (budget/sqlite's
// ImportAreasHome says what it checks). *sqlite.DB has it.
type AreaImportStore interface {
	AreaStore
	ImportAreasHome(ctx context.Context, source string, geos []indicators.Geo, aliases map[string]string, home string) error
}

// ImportAreas stores the areas an areas file gave (see
// AreaImportStore), with the areas of the built-in reference
// geography above them that neither the file nor the workspace holds: a
// file of Oslo's delbydeler whose parents are bydeler brings those
// bydeler, Oslo and the country along, so the parents form a tree. It
// returns the areas added from the reference.
func ImportAreas(ctx context.Context, db AreaImportStore, res *areafile.Result) ([]indicators.Geo, error) {
	gaz, err := Areas(ctx, db)
	if err != nil {
		return nil, err
	}
	ref, err := refgeo.Load()
	if err != nil {
		return nil, err
	}
	refOnly := indicators.NewGazetteerWithReference(nil, nil, ref)
	have := map[string]bool{}
	for _, g := range res.Areas {
		have[g.Code] = true
		if r, ok := refOnly.ByCode(g.Code); ok && r.Code == g.Code && r.Level != g.Level {
			return nil, budget.Errorf(budget.EINVALID, "%s: area %s %s (%s): code %s is %s in SSB's codes, and a file's %s would be taken for it: give the %s a code of its own (S%s)",
				res.File, g.Code, g.Name, g.Level, g.Code, indicators.Describe(r), g.Code, g.Level, g.Code)
		}
	}
	var added []indicators.Geo
	for i := 0; i < len(res.Areas)+len(added); i++ {
		var g indicators.Geo
		if i < len(res.Areas) {
			g = res.Areas[i]
		} else {
			g = added[i-len(res.Areas)]
		}
		if g.Parent == "" || have[g.Parent] {
			continue
		}
		if p, ok := gaz.ByCode(g.Parent); ok && p.Code == g.Parent && gaz.FromReference(p.Code) {
			have[p.Code] = true
			added = append(added, p)
		}
	}
	geos := append(append([]indicators.Geo(nil), res.Areas...), added...)
	return added, db.ImportAreasHome(ctx, res.File, geos, res.Aliases, res.Home)
}

// HomeStore is what SetHome reads and writes.
type HomeStore interface {
	AreaStore
	SetHome(ctx context.Context, g indicators.Geo) error
}

// SetHome marks the area named by text, its code or else its name, as the
// municipality's own (rolle egen) and returns it. An area that is not
// found, or a name that fits several, is an EINVALID error.
func SetHome(ctx context.Context, db HomeStore, text string) (indicators.Geo, error) {
	gaz, err := Areas(ctx, db)
	if err != nil {
		return indicators.Geo{}, err
	}
	g, err := gaz.Find(text, "", "")
	if err != nil {
		if g, err = gaz.Find("", text, ""); err != nil {
			return indicators.Geo{}, budget.Errorf(budget.EINVALID, "areas set-home %s: %v", text, err)
		}
	}
	return g, db.SetHome(ctx, g)
}
