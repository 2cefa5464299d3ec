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
	sum := imports.Outcome{Status: out.Status, File: out.File, Format: out.Format, Sheet: out.Sheet, RowsRead: out.RowsRead,
		Count: out.Areas, Skipped: out.Skipped, Warnings: out.Warnings, Errors: out.Errors}
	return &web.FileOutcome{Outcome: sum, Home: out.Home, Added: out.Added, JSON: out}, nil
}

func (f fileImports) indicators(ctx context.Context, path string, o web.FileOptions) (*web.FileOutcome, error) {
	opts, err := indicatorimport.ParseOptions(o.Indicator, o.Scale, o.PeriodFormat, o.Where, o.Exclude, o.AreaAliases)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%v", err)
	}
	opts.Name, opts.Sheet, opts.MaxSize, opts.DryRun = o.Name, o.Sheet, o.MaxSize, o.DryRun
	rep, err := indicatorimport.Import(ctx, f.db, path, indicatorimport.FileOptions{Options: opts})
	if err != nil {
		return nil, err
	}
	js := rep.FileResult()
	sum := imports.Outcome{Status: js.Status, File: js.File, Format: js.Format, Sheet: js.Sheet, RowsRead: js.RowsRead,
		Count: js.Values, Skipped: js.Skipped, Warnings: js.Warnings, Errors: js.Errors}
	return &web.FileOutcome{Outcome: sum, Added: js.NewAreas, Replaced: js.Replaced, Notes: js.Notes, JSON: js}, nil
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
	sum := imports.Outcome{Status: out.Status, File: out.File, Count: out.Targets + len(out.Added) + len(out.Overridden), Skipped: map[string]int{}}
	if err != nil {
		if budget.ErrorCode(err) != budget.EINVALID {
			return nil, err
		}
		out.Refuse(err) // what the file holds is refused: an outcome, as import targets --json prints it
		sum.Status, sum.Message, sum.Count = out.Status, budget.ErrorMessage(err), 0
	}
	return &web.FileOutcome{Outcome: sum, New: out.Added, Overridden: out.Overridden, JSON: out}, nil
}

func (f fileImports) tertial(ctx context.Context, path string, o web.FileOptions) (*web.FileOutcome, error) {
	period, err := budget.ParsePeriod(o.Period)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%v", err)
	}
	out, err := tertial.Import(ctx, f.db, path, tertial.ImportOptions{Options: tertial.Options{Name: o.Name, MaxSize: o.MaxSize, Unit: o.Unit, Period: period}, DryRun: o.DryRun})
	if err != nil {
		return nil, err
	}
	sum := imports.Outcome{Status: out.Status, File: out.File, Sheet: out.Sheet, RowsRead: out.RowsRead, Count: out.Reports,
		Skipped: map[string]int{}, Warnings: out.Warnings, Errors: out.Errors, Message: out.Message}
	return &web.FileOutcome{Outcome: sum, Blank: out.NotReported, JSON: out}, nil
}
