package indicatorimport

import (
	"context"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/catalogfile"
)

// What the public-health imports report, in the one JSON shape each has:
// the CLI's --json and the web application's API print these values, so a
// script gets the same object from both.

// FileResult is what an indicator import did, the same on success and on
// rejection, in the shape of the budget import's.
type FileResult struct {
	Status     imports.Status        `json:"status"`
	File       string                `json:"file"`
	SHA256     string                `json:"sha256,omitempty"`
	Format     string                `json:"format,omitempty"`
	Sheet      string                `json:"sheet,omitempty"`
	Layout     string                `json:"layout,omitempty"`
	Indicators []string              `json:"indicators"`
	Vintages   []int64               `json:"vintages"`
	Replaced   []int64               `json:"replaced"`
	RowsRead   int                   `json:"rows_read"`
	Values     int                   `json:"values"`
	Missing    int                   `json:"missing"`
	Skipped    map[string]int        `json:"skipped"`
	Warnings   []string              `json:"warnings"`
	Notes      []string              `json:"notes"`
	Errors     []budgetfile.RowError `json:"errors"`
	ErrorCount int                   `json:"error_count"`
	Message    string                `json:"message,omitempty"`
	NewAreas   []string              `json:"new_areas,omitempty"` // codes of the built-in areas stored with the values
}

// FileResult returns what rep did as its JSON object.
func (rep *Report) FileResult() FileResult {
	r := rep.Result
	out := FileResult{Status: rep.Status, File: r.File, SHA256: r.SHA256, Format: r.Format,
		Sheet: r.Sheet, Layout: r.Layout, Indicators: nonNil(r.Indicators()), Vintages: []int64{}, Replaced: []int64{},
		RowsRead: r.RowsRead, Values: r.Count(), Skipped: r.Skipped, NewAreas: Codes(r.NewAreas), Warnings: nonNil(r.Warnings), Notes: nonNil(r.Notes), Errors: r.Errors,
		ErrorCount: r.ErrorCount}
	if out.Errors == nil {
		out.Errors = []budgetfile.RowError{}
	}
	for _, v := range rep.Vintages {
		out.Vintages = append(out.Vintages, v.ID)
	}
	for _, v := range rep.Replaced {
		out.Replaced = append(out.Replaced, v.ID)
	}
	for _, vs := range r.Values {
		for _, v := range vs {
			if v.Value == nil {
				out.Missing++
			}
		}
	}
	return out
}

// FailedFile is the FileResult of an indicator import that could not be
// carried out at all (Import returned no Report).
func FailedFile(file string, err error) FileResult {
	return FileResult{Status: imports.Rejected, File: file, Indicators: []string{}, Vintages: []int64{}, Replaced: []int64{},
		Skipped: map[string]int{}, Warnings: []string{}, Notes: []string{}, Errors: []budgetfile.RowError{}, Message: err.Error()}
}

// Codes lists the areas' codes.
func Codes(gs []indicators.Geo) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Code)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// AreasResult is what an areas import did.
type AreasResult struct {
	Status   imports.Status        `json:"status"`
	File     string                `json:"file"`
	Format   string                `json:"format,omitempty"`
	Sheet    string                `json:"sheet,omitempty"`
	RowsRead int                   `json:"rows_read"`
	Areas    int                   `json:"areas"`
	Skipped  map[string]int        `json:"skipped"`
	Warnings []string              `json:"warnings"`
	Errors   []budgetfile.RowError `json:"errors"`
	Message  string                `json:"message,omitempty"`
	Home     string                `json:"home,omitempty"`  // the area marked egen
	Added    []string              `json:"added,omitempty"` // parents added from the built-in geography
}

// FailedAreas is the AreasResult of an areas file that could not be read.
func FailedAreas(file string, err error) AreasResult {
	return AreasResult{Status: imports.Rejected, File: file, Skipped: map[string]int{}, Warnings: []string{}, Errors: []budgetfile.RowError{}, Message: err.Error()}
}

// AreasOpener opens the workspace an areas import stores into; StoreAreaFile
// calls it only when there is something to store, so a dry run or a
// rejected file creates no workspace.
type AreasOpener func(ctx context.Context) (AreaImportStore, error)

// StoreAreaFile decides and carries out the import of an areas file that
// areafile.Read has read: rejected when a row is wrong, a dry run when
// dryRun, else its areas are stored with their parents from the built-in
// geography (ImportAreas) in one transaction. The error is non-nil only
// when storing failed; the result then says rejected, with the reason.
func StoreAreaFile(ctx context.Context, open AreasOpener, res *areafile.Result, dryRun bool) (AreasResult, error) {
	out := AreasResult{Status: imports.Decide(len(res.Errors), dryRun), File: res.File, Format: res.Format, Sheet: res.Sheet, RowsRead: res.RowsRead,
		Areas: len(res.Areas), Skipped: res.Skipped, Warnings: res.Warnings, Errors: res.Errors, Home: res.Home}
	if out.Status != imports.Imported {
		return out, nil
	}
	db, err := open(ctx)
	if err != nil {
		return out, err
	}
	added, err := ImportAreas(ctx, db, res)
	if err != nil {
		out = AreasResult{Status: imports.Rejected, File: res.File, Skipped: res.Skipped, Warnings: res.Warnings, Errors: res.Errors, Message: err.Error()}
		return out, err
	}
	out.Added = Codes(added)
	return out, nil
}

// DryRunCatalogue is the dry-run status of the catalogue and targets
// imports: they wrote dry_run before the imports shared one Status, and
// their JSON is kept as it was.
const DryRunCatalogue imports.Status = "dry_run"

// Failed is the status of an import that could not be carried out (the
// workspace failed), as opposed to a file rejected for what it holds.
const Failed imports.Status = "failed"

// CatalogueOutcome is what a catalogue or targets import did.
type CatalogueOutcome struct {
	Status     imports.Status `json:"status"` // imported, dry_run or rejected (failed when the workspace failed)
	File       string         `json:"file"`
	Added      []string       `json:"added,omitempty"`
	Overridden []string       `json:"overridden,omitempty"`
	Targets    int            `json:"targets,omitempty"`
	Message    string         `json:"message,omitempty"`
}

// Refuse marks the outcome as not carried out, for err.
func (o *CatalogueOutcome) Refuse(err error) {
	o.Status, o.Message = imports.Rejected, err.Error()
	if budget.ErrorCode(err) == budget.EINTERNAL {
		o.Status = Failed
	}
}

// CatalogueFile reads a catalogue file (yaml or xlsx) and, unless dryRun,
// stores its indicators over the built-in ones (StoreCatalogue). open is
// called once the file has been read. The outcome names the file; on an
// error it is not yet refused (see Refuse).
func CatalogueFile(ctx context.Context, open func(context.Context) (CatalogueStore, error), path, sheet string, dryRun bool) (CatalogueOutcome, error) {
	out := CatalogueOutcome{File: path}
	inds, err := catalogfile.ReadIndicators(ctx, path, tabular.Options{Sheet: sheet})
	if err != nil {
		return out, err
	}
	db, err := open(ctx)
	if err != nil {
		return out, err
	}
	r, err := StoreCatalogue(ctx, db, filepath.Base(path), inds, dryRun)
	if r != nil {
		out.Added, out.Overridden = r.Added, r.Overridden
	}
	return out.settle(err, dryRun)
}

// TargetsFile reads a targets file (csv, xlsx or yaml) and, unless dryRun,
// stores its targets (StoreTargets), as CatalogueFile.
func TargetsFile(ctx context.Context, open func(context.Context) (TargetStore, error), path, sheet string, dryRun bool) (CatalogueOutcome, error) {
	out := CatalogueOutcome{File: path}
	ts, err := catalogfile.ReadTargets(ctx, path, tabular.Options{Sheet: sheet})
	if err != nil {
		return out, err
	}
	db, err := open(ctx)
	if err != nil {
		return out, err
	}
	out.Targets, err = StoreTargets(ctx, db, filepath.Base(path), ts, dryRun)
	return out.settle(err, dryRun)
}

func (o CatalogueOutcome) settle(err error, dryRun bool) (CatalogueOutcome, error) {
	switch {
	case err != nil:
		return o, err
	case dryRun:
		o.Status = DryRunCatalogue
	default:
		o.Status = imports.Imported
	}
	return o, nil
}
