package main

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/budget/measureimport"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// fileImports gives the web application the imports of areas, indicators,
// targets, catalogue, units, measures and ratings: each kind calls the
// service its import command calls, with the command's options, and
// answers the command's --json object beside the summary the pages show.
type fileImports struct{ db *sqlite.DB }

func (f fileImports) ImportFile(ctx context.Context, kind web.FileKind, path string, o web.FileOptions) (*web.FileOutcome, error) {
	switch kind {
	case web.FileAreas:
		return f.areas(ctx, path, o)
	case web.FileIndicators:
		return f.indicators(ctx, path, o)
	case web.FileTargets, web.FileCatalogue:
		return f.catalogue(ctx, kind, path, o)
	case web.FileTertial:
		return f.tertial(ctx, path, o)
	case web.FileUnits, web.FileMeasures, web.FileRatings:
		imp := map[web.FileKind]fileImporter{web.FileUnits: measureimport.Units, web.FileMeasures: measureimport.Measures, web.FileRatings: measureimport.Ratings}[kind]
		out, err := imp(ctx, f.db, path, measureimport.Options{Options: measurefile.Options{Name: o.Name, Sheet: o.Sheet, MaxSize: o.MaxSize, ReplaceAll: o.ReplaceAll}, DryRun: o.DryRun})
		if err != nil {
			return nil, err
		}
		return &web.FileOutcome{Outcome: *out, JSON: out}, nil
	}
	return nil, budget.Errorf(budget.ENOTFOUND, "no import of %q", kind)
}

func (f fileImports) areas(ctx context.Context, path string, o web.FileOptions) (*web.FileOutcome, error) {
	res, err := areafile.Read(ctx, path, areafile.Options{Name: o.Name, Sheet: o.Sheet, MaxSize: o.MaxSize})
	if err != nil {
		return nil, err
	}
	out, err := indicatorimport.StoreAreaFile(ctx, func(context.Context) (indicatorimport.AreaImportStore, error) { return f.db, nil }, res, o.DryRun)
	if err != nil {
		return nil, err
	}
	return &web.FileOutcome{Outcome: out.Summary(), Home: out.Home, Added: out.Added, JSON: out}, nil
}

func (f fileImports) indicators(ctx context.Context, path string, o web.FileOptions) (*web.FileOutcome, error) {
	opts, err := indicatorimport.ParseOptions(o.Indicator, o.Scale, o.PeriodFormat, o.Where, o.Exclude, o.AreaAliases)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%v", err)
	}
	opts.Name, opts.Sheet, opts.MaxSize, opts.DryRun = o.Name, o.Sheet, o.MaxSize, o.DryRun
	rep, err := indicatorimport.Import(ctx, f.db, path, indicatorimport.FileOptions{Options: opts, Files: imports.Files{Upload: true}})
	if err != nil {
		return nil, err
	}
	js := rep.FileResult()
	return &web.FileOutcome{Outcome: js.Summary(), Added: js.NewAreas, Replaced: js.Replaced, Notes: js.Notes, JSON: js}, nil
}

func (f fileImports) catalogue(ctx context.Context, kind web.FileKind, path string, o web.FileOptions) (*web.FileOutcome, error) {
	var out indicatorimport.CatalogueOutcome
	var err error
	if kind == web.FileTargets {
		out, err = indicatorimport.TargetsFile(ctx, func(context.Context) (indicatorimport.TargetStore, error) { return f.db, nil }, path, o.Sheet, o.DryRun)
	} else {
		out, err = indicatorimport.CatalogueFile(ctx, func(context.Context) (indicatorimport.CatalogueStore, error) { return f.db, nil }, path, o.Sheet, o.DryRun)
	}
	out.File = o.Name
	if err := out.Refused(err); err != nil {
		return nil, err
	}
	return &web.FileOutcome{Outcome: out.Summary(), New: out.Added, Overridden: out.Overridden, JSON: out}, nil
}

func (f fileImports) tertial(ctx context.Context, path string, o web.FileOptions) (*web.FileOutcome, error) {
	period, err := budget.ParsePeriod(o.Period)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%v", err)
	}
	out, err := tertial.Import(ctx, f.db, path, tertial.ImportOptions{Options: tertial.Options{Name: o.Name, MaxSize: o.MaxSize, Unit: o.Unit, Period: period}, DryRun: o.DryRun, Upload: true})
	if err != nil {
		return nil, err
	}
	return &web.FileOutcome{Outcome: out.Summary(), Blank: out.NotReported, JSON: out}, nil
}
