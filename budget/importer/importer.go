// Package importer brings a budget or accounts file into the workspace: it
// reads the file with budgetfile, streams its lines into one workspace
// transaction, and commits only when every row was good. It is the one place
// that decides what an import did: imported, rejected, unchanged or a dry run.
package importer

import (
	"context"
	"path/filepath"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/workspace"
)

// Status is the outcome of an import.
type Status string

// The outcomes an import can have.
const (
	Imported  Status = "imported"  // stored and made current
	Rejected  Status = "rejected"  // rows had errors: nothing stored
	Unchanged Status = "unchanged" // the same file (sha256) was imported before
	DryRun    Status = "dry-run"   // read and checked, nothing stored
)

// Options control one import.
type Options struct {
	budgetfile.Options
	DryRun bool
	Now    func() time.Time // the clock; the workspace's clock when nil
}

// Report is what an import did. Result holds the file's reading; Dataset is
// the stored dataset when Status is Imported, or the earlier one when
// Unchanged.
type Report struct {
	Status  Status
	Result  *budgetfile.Result
	Dataset *budget.Dataset
	// Replaced lists, when Status is Imported, the (year, version) keys
	// another dataset was current for until this import took them over.
	// That dataset stays in the history; a user who meant the two files as
	// parts of one budget (drift and investering) needs to know.
	Replaced []Replacement
}

// Replacement is a key an import took over from an earlier dataset.
type Replacement struct {
	Key     budget.Key
	Dataset budget.Dataset
}

// Run imports the file at path into db. It returns a Report whenever the file
// could be read, also when it was rejected; the error is non-nil only when
// the import could not be carried out at all (the file is unreadable or not a
// budget file, or the workspace failed). Whatever happens, the workspace is
// either changed by the whole file or not at all.
func Run(ctx context.Context, db *workspace.DB, path string, opts Options) (*Report, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	sha, size, err := budgetfile.HashFile(ctx, path, opts.MaxSize)
	if err != nil {
		return nil, err
	}
	if prev, err := db.DatasetBySHA256(ctx, sha); err != nil {
		return nil, err
	} else if prev != nil {
		return unchanged(prev, opts.Name, sha, size), nil
	}

	before, err := currentHolders(ctx, db)
	if err != nil {
		return nil, err
	}
	im, err := db.BeginImport(ctx, budget.Dataset{
		Source: opts.Name,
		SHA256: sha,
		Size:   size,
	})
	if err != nil {
		return nil, err
	}
	defer im.Rollback()

	res, err := budgetfile.Import(ctx, path, opts.Options, im.Add)
	if err != nil {
		return nil, err
	}
	rep := &Report{Result: res}
	switch {
	case res.ErrorCount == 0 && res.Lines == 0:
		return nil, budget.Errorf(budget.EINVALID, "%s has no budget lines (%d rows read, skipped: %s): is it the right file or sheet?",
			opts.Name, res.RowsRead, budgetfile.SkippedText(res.Skipped))
	case res.ErrorCount > 0:
		rep.Status = Rejected
		return rep, nil
	case opts.DryRun:
		rep.Status = DryRun
		return rep, nil
	}
	if res.SHA256 != sha {
		// The file changed between hashing and reading; storing it under the
		// old hash would make a later import of the same bytes look unchanged.
		return nil, budget.Errorf(budget.ECONFLICT, "%s changed while it was being imported: import it again when it is no longer being written", opts.Name)
	}
	ds, err := im.Commit(dataset(db, res, opts))
	if err != nil {
		return nil, err
	}
	rep.Status = Imported
	rep.Dataset = &ds
	for _, t := range ds.Totals {
		if prev, ok := before[t.Key]; ok {
			rep.Replaced = append(rep.Replaced, Replacement{Key: t.Key, Dataset: prev})
		}
	}
	return rep, nil
}

// currentHolders maps each (year, version) to the dataset current for it.
func currentHolders(ctx context.Context, db *workspace.DB) (map[budget.Key]budget.Dataset, error) {
	sets, err := db.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	out := map[budget.Key]budget.Dataset{}
	for _, d := range sets {
		for _, k := range d.Current {
			out[k] = d
		}
	}
	return out, nil
}

func unchanged(prev *budget.Dataset, name, sha string, size int64) *Report {
	return &Report{
		Status:  Unchanged,
		Dataset: prev,
		Result: &budgetfile.Result{
			File:     name,
			SHA256:   sha,
			Size:     size,
			Format:   prev.Format,
			Sheet:    prev.Sheet,
			RowsRead: prev.RowsRead,
			Lines:    prev.Lines,
			Skipped:  prev.Skipped,
			Totals:   prev.Totals,
		},
	}
}

func dataset(db *workspace.DB, res *budgetfile.Result, opts Options) budget.Dataset {
	now := db.Now
	if opts.Now != nil {
		now = opts.Now
	}
	mapping, _ := res.Mapping.YAML()
	return budget.Dataset{
		Source:     opts.Name,
		SHA256:     res.SHA256,
		Size:       res.Size,
		Format:     res.Format,
		Sheet:      res.Sheet,
		Mapping:    string(mapping),
		RowsRead:   res.RowsRead,
		Lines:      res.Lines,
		Skipped:    res.Skipped,
		Warnings:   res.WarningCount,
		Totals:     res.Totals,
		ImportedAt: now(),
	}
}
