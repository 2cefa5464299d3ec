package tertial

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

// ImportStore is what importing filled-in forms reads and writes.
type ImportStore interface {
	Measures(ctx context.Context) ([]budget.Measure, error)
	UnitCodes(ctx context.Context) (map[string]bool, error)
	ReportSnapshotBySHA256(ctx context.Context, sha string) (*budget.ReportSnapshot, error)
	SaveReportSnapshot(ctx context.Context, s budget.ReportSnapshot) (budget.ReportSnapshot, bool, error)
	// RecordInputs remembers the imported files, so no output is ever
	// written over them (outguard).
	RecordInputs(ctx context.Context, ins ...outguard.Input) error
}

// Imported is the outcome of importing one form, and its JSON form.
type Imported struct {
	Status      imports.Status     `json:"status"` // imported, unchanged, dry-run, rejected
	File        string             `json:"file"`
	SHA256      string             `json:"sha256"`
	Sheet       string             `json:"sheet"`
	Unit        string             `json:"unit"`
	Period      string             `json:"period"`
	Snapshot    int64              `json:"snapshot,omitempty"`
	RowsRead    int                `json:"rows_read"`
	Reports     int                `json:"reports"`
	NotReported []string           `json:"not_reported"`
	Warnings    []string           `json:"warnings"`
	Errors      []imports.RowError `json:"errors"`
	Message     string             `json:"message,omitempty"`
}

// ImportOptions control an import of forms: Options say what the forms
// must be for (ReadForm), DryRun stores nothing.
type ImportOptions struct {
	Options
	DryRun bool
	// Upload says the file is a temporary copy of an upload (the web
	// application's): it is not recorded as an input.
	Upload bool
}

// Import reads one filled-in form, checks it against the workspace (each
// measure exists and is the unit's) and, unless opts.DryRun and when
// nothing is wrong, stores it as a snapshot and records the file as an
// input (not an opts.Upload). A file imported before (same sha256) is
// unchanged, without being read again, unless opts names a unit or period
// to check it against. A
// form that cannot be read, or has errors, is rejected; the error returned
// is for failures only (I/O, the workspace). Each form is all or nothing.
func Import(ctx context.Context, db ImportStore, path string, opts ImportOptions) (*Imported, error) {
	out, err := importForm(ctx, db, path, opts)
	if err != nil {
		return nil, err
	}
	if (out.Status == imports.Imported || out.Status == imports.Unchanged) && !opts.Upload {
		if err := outguard.Record(ctx, db, path); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func importForm(ctx context.Context, db ImportStore, path string, opts ImportOptions) (*Imported, error) {
	out := &Imported{File: filepath.Base(path), Sheet: SheetForm, NotReported: []string{}, Warnings: []string{}, Errors: []imports.RowError{}}
	reject := func(err error) (*Imported, error) {
		if budget.ErrorCode(err) != budget.EINVALID {
			return nil, err
		}
		out.Status, out.Message = imports.Rejected, err.Error()
		return out, nil
	}
	// Only the bytes shape a stored form (its unit and period are in it);
	// a unit or period to expect checks it, so with them the form is read
	// and checked again, and SaveReportSnapshot finds it unchanged.
	if sha, _, err := inputfile.Hash(ctx, path, "", DefaultMaxSize); err == nil && opts.Unit == "" && opts.Period.IsZero() {
		old, err := db.ReportSnapshotBySHA256(ctx, sha)
		if err != nil {
			return nil, err
		}
		if old != nil {
			out.Status, out.SHA256, out.Unit, out.Period, out.Snapshot, out.Reports = imports.Unchanged, sha, old.Unit, old.Period.String(), old.ID, len(old.Reports)
			out.Message = fmt.Sprintf("already imported as snapshot %d on %s", old.ID, old.ImportedAt.Local().Format("2006-01-02 15:04"))
			return out, nil
		}
	}
	res, err := ReadForm(ctx, path, opts.Options)
	if err != nil {
		return reject(err)
	}
	out.SHA256, out.Unit, out.Period, out.RowsRead = res.SHA256, res.Unit, res.Period.String(), res.RowsRead
	if len(res.Errors) == 0 {
		ms, err := db.Measures(ctx)
		if err != nil {
			return nil, err
		}
		codes, err := db.UnitCodes(ctx)
		if err != nil {
			return nil, err
		}
		res.Check(ms, codes)
	}
	out.Reports, out.NotReported, out.Warnings, out.Errors = len(res.Reports), res.NotReported, res.Warnings, res.Errors
	switch {
	case len(res.Errors) > 0:
		out.Status = imports.Rejected
	case opts.DryRun:
		out.Status = imports.DryRun
	default:
		s, created, err := db.SaveReportSnapshot(ctx, res.Snapshot())
		if err != nil {
			return reject(err)
		}
		out.Snapshot, out.Status = s.ID, imports.Imported
		if !created {
			out.Status = imports.Unchanged
		}
	}
	return out, nil
}

// Overall is the status of an import of several forms: rejected when any
// was, else imported when any was, else dry-run when any was, else
// unchanged.
func Overall(fs []Imported) imports.Status {
	seen := map[imports.Status]bool{}
	for _, f := range fs {
		seen[f.Status] = true
	}
	for _, s := range []imports.Status{imports.Rejected, imports.Imported, imports.DryRun} {
		if seen[s] {
			return s
		}
	}
	return imports.Unchanged
}
