package documents

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// OpenDataStore is what the open-data export reads, through the read
// layer, with the catalogue's overrides, and the workspace's file and
// inputs it is never written over.
type OpenDataStore interface {
	model.Store
	outguard.Workspace
	indicatorimport.OverrideStore
}

// OpenDataOptions are the choices of one open-data export.
type OpenDataOptions struct {
	Year int    // its vedtatt budget is published
	Dir  string // the new folder of the package
}

// OpenDataResult is a written open-data package.
type OpenDataResult struct {
	Dir     string
	Key     budget.Key // the budget published
	Package opendata.Package
	// Suppressed counts the indicator values withheld under the
	// small-number rule.
	Suppressed int
}

// ExportOpenData writes the open-data package of o.Year's vedtatt budget
// (opendata.Key) into the new folder o.Dir: the budget's lines, the
// amounts linked to measures, the measures' money per plan year and the
// published indicator values (in bokmål). It refuses a year without a
// vedtatt budget, a folder that exists and a path that is the workspace
// or an input, before it reads the figures, and then writes nothing.
func ExportOpenData(ctx context.Context, db OpenDataStore, o OpenDataOptions) (*OpenDataResult, error) {
	key, err := opendata.Key(ctx, db, o.Year)
	if err != nil {
		return nil, err
	}
	if err := opendata.CheckNew(o.Dir); err != nil {
		return nil, err
	}
	if err := outguard.Check(ctx, db, o.Dir, false); err != nil {
		return nil, err
	}
	cat, err := indicatorimport.Catalogue(ctx, db)
	if err != nil {
		return nil, err
	}
	b, err := model.Load(ctx, db, cat, key)
	if err != nil {
		return nil, err
	}
	p, err := opendata.Load(ctx, db, b)
	if err != nil {
		return nil, err
	}
	if p.Indicators, err = opendata.LoadIndicators(ctx, db, cat, indicators.Bokmal); err != nil {
		return nil, err
	}
	res := &OpenDataResult{Dir: o.Dir, Key: key, Package: p}
	for _, v := range p.Indicators {
		if v.Marker == indicators.SuppressedMarker {
			res.Suppressed++
		}
	}
	if err := opendata.Write(o.Dir, p); err != nil {
		return nil, err
	}
	return res, nil
}
