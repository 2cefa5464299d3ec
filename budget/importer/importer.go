// Package importer brings a budget or accounts file into the workspace: it
// reads the file with budgetfile, streams its lines into one workspace
// transaction, and commits only when every row was good. It is the one place
// that decides what an import did: imported, rejected, unchanged or a dry run.
package importer

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// Status is the outcome of an import, shared by every importer.
type Status = imports.Status

// The outcomes an import can have.
const (
	Imported  = imports.Imported  // stored and made current
	Rejected  = imports.Rejected  // rows had errors: nothing stored
	Unchanged = imports.Unchanged // the same file (sha256) was imported before with the same options
	DryRun    = imports.DryRun    // read and checked, nothing stored
)

// Store is what an import reads and writes of the workspace: the earlier
// datasets of the same bytes, one import transaction, and the clock that
// stamps the dataset when Options.Now is nil. *sqlite.DB has it.
type Store interface {
	// DatasetsBySHA256 returns every dataset imported from a file with
	// this sha256, oldest first.
	DatasetsBySHA256(ctx context.Context, sha string) ([]budget.Dataset, error)
	BeginImport(ctx context.Context, d budget.Dataset) (budget.DatasetImport, error)
	Now() time.Time
}

// Options control one import.
type Options struct {
	budgetfile.Options
	// Part is the part of the budget the file holds; empty to infer it
	// from the file (budget.PartEvidence), which fails with EMISSING when
	// the file does not show it.
	Part   budget.Part
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
	// Part is the part of the budget the file holds and PartReason how it
	// was chosen (given, or what in the file showed it).
	Part       budget.Part
	PartReason string
	// SameContent lists, when Status is Imported or DryRun, the earlier
	// datasets of the same bytes imported with other options (as forslag
	// before this vedtatt, say).
	SameContent []budget.Dataset
	// Replaced lists, when Status is Imported, the (year, version, part)
	// keys another dataset was current for until this import took them
	// over. That dataset stays in the history.
	Replaced []budget.Replacement
}

// ShapingOptions returns the canonical encoding of the options that shape
// the lines an import stores, besides the part: year, version, sheet,
// mapping and what an empty amount means (--empty-amount). The same bytes imported with the same shaping options (and the
// same part) are unchanged; with other ones they are a new dataset.
func ShapingOptions(o budgetfile.Options) (string, error) {
	version := o.Version
	if version == "" {
		version = budget.Vedtatt
	}
	mapping := ""
	if o.Mapping != nil {
		b, err := o.Mapping.YAML()
		if err != nil {
			return "", err
		}
		mapping = string(b)
	}
	b, err := json.Marshal(struct {
		Year        int            `json:"year"`
		Version     budget.Version `json:"version"`
		Sheet       string         `json:"sheet"`
		Mapping     string         `json:"mapping"`
		EmptyAmount string         `json:"empty_amount,omitempty"`
	}{o.Year, version, o.Sheet, mapping, o.EmptyAmount})
	return string(b), err
}

// sameImport reports whether prev is an import of the same bytes with the
// same shaping options and part. A dataset imported before options were
// recorded matches when what it stored agrees: its sheet, and its totals'
// year and version.
func sameImport(prev budget.Dataset, options string, o Options) bool {
	if o.Part != "" && prev.Part != o.Part {
		return false
	}
	if prev.Options != "" {
		return prev.Options == options
	}
	if o.Mapping != nil || o.EmptyAmount != "" || (o.Sheet != "" && o.Sheet != prev.Sheet) {
		return false
	}
	version := o.Version
	if version == "" {
		version = budget.Vedtatt
	}
	for _, t := range prev.Totals {
		if (t.Version != version && t.Version != budget.Regnskap) || (o.Year != 0 && t.Year != o.Year) {
			return false
		}
	}
	return true
}

// Run imports the file at path into db. It returns a Report whenever the file
// could be read, also when it was rejected; the error is non-nil only when
// the import could not be carried out at all (the file is unreadable or not a
// budget file, or the workspace failed). Whatever happens, the workspace is
// either changed by the whole file or not at all.
func Run(ctx context.Context, db Store, path string, opts Options) (*Report, error) {
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	sha, size, err := inputfile.Hash(ctx, path, "", opts.MaxSize)
	if err != nil {
		return nil, err
	}
	options, err := ShapingOptions(opts.Options)
	if err != nil {
		return nil, err
	}
	prevs, err := db.DatasetsBySHA256(ctx, sha)
	if err != nil {
		return nil, err
	}
	for i := len(prevs) - 1; i >= 0; i-- {
		if sameImport(prevs[i], options, opts) {
			return unchanged(&prevs[i], opts.Name, sha, size), nil
		}
	}

	im, err := db.BeginImport(ctx, budget.Dataset{
		Source:  opts.Name,
		SHA256:  sha,
		Size:    size,
		Options: options,
	})
	if err != nil {
		return nil, err
	}
	defer im.Rollback()

	var ev budget.PartEvidence
	res, err := budgetfile.Import(ctx, path, opts.Options, func(l *budget.Line) error {
		ev.Add(l)
		return im.Add(l)
	})
	if err != nil {
		return nil, err
	}
	rep := &Report{Result: res, SameContent: prevs}
	switch {
	case res.ErrorCount == 0 && res.Lines == 0:
		return nil, budget.Errorf(budget.EINVALID, "%s has no budget lines (%d rows read, skipped: %s): is it the right file or sheet?",
			opts.Name, res.RowsRead, budgetfile.SkippedText(res.Skipped))
	case res.ErrorCount > 0:
		rep.Status = Rejected
		return rep, nil
	}
	if rep.Part, rep.PartReason, err = choosePart(opts, &ev); err != nil {
		return nil, err
	}
	if opts.DryRun {
		rep.Status = DryRun
		return rep, nil
	}
	if res.SHA256 != sha {
		// The file changed between hashing and reading; storing it under the
		// old hash would make a later import of the same bytes look unchanged.
		return nil, budget.Errorf(budget.ECONFLICT, "%s changed while it was being imported: import it again when it is no longer being written", opts.Name)
	}
	d := dataset(db, res, opts)
	d.Part, d.PartReason = rep.Part, rep.PartReason
	ds, err := im.Commit(d)
	if err != nil {
		return nil, err
	}
	rep.Status = Imported
	rep.Dataset = &ds
	rep.Replaced = im.Replaced()
	return rep, nil
}

// choosePart takes the part given, else the one the file shows. A file
// that shows none is an EMISSING error naming the option.
func choosePart(opts Options, ev *budget.PartEvidence) (budget.Part, string, error) {
	if opts.Part != "" {
		p, err := budget.ParsePart(string(opts.Part))
		return p, "given with --part", err
	}
	if p, why, ok := ev.Infer(); ok {
		return p, "inferred: " + why, nil
	}
	return "", "", budget.Errorf(budget.EMISSING, "%s: cannot tell whether it holds the driftsdel, the investeringsdel or both "+
		"(it has no kontoklasse or drift/investering column, and no art found in only one part, such as 800 skatt or 910 bruk av lån): "+
		"give --part drift, --part investering or --part begge", opts.Name)
}

func unchanged(prev *budget.Dataset, name, sha string, size int64) *Report {
	return &Report{
		Status:     Unchanged,
		Dataset:    prev,
		Part:       prev.Part,
		PartReason: prev.PartReason,
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

func dataset(db Store, res *budgetfile.Result, opts Options) budget.Dataset {
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

// Describe says in a few words what a dataset holds, for messages: its
// keys and part ("2027 forslag, drift").
func Describe(d budget.Dataset) string {
	keys := make([]string, 0, len(d.Totals))
	for _, t := range d.Totals {
		keys = append(keys, t.Key.String())
	}
	return strings.Join(keys, ", ") + ", " + string(d.Part)
}
