package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

const defaultMaxSize = 256 << 20

func cmdImportBudget(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("import budget", e)
	year := fs.Int("year", 0, "budget year, for files with one amount column (beløp)")
	version := fs.String("version", "vedtatt", "forslag, vedtatt, revidert or regnskap (a column headed regnskap/rekneskap is regnskap whatever this says)")
	part := fs.String("part", "", "drift, investering or begge: the part of the budget the file holds (default: what the file shows)")
	sheet := fs.String("sheet", "", "xlsx sheet to read (default: the first with data)")
	mappingPath := fs.String("mapping", "", "YAML file that maps the columns (default: detect from the header)")
	saveMapping := fs.String("save-mapping", "", "write the mapping that was used to this YAML file")
	dryRun := fs.Bool("dry-run", false, "read and check the file, store nothing")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", defaultMaxSize, "refuse files larger than this many bytes")
	emptyAmount := fs.String("empty-amount", "", "a row with codes and every amount cell empty is an error; 'zero' reads it as 0, 'skip' leaves it out")
	force := fs.Bool("force", false, "let --save-mapping overwrite an existing file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import budget takes one FILE, got %d", len(pos))
	}
	v, err := budget.ParseVersion(*version)
	if err != nil {
		return usagef("--version: %v", err)
	}
	opts := importer.FileOptions{Options: importer.Options{DryRun: *dryRun}, Files: imports.Files{MappingFile: *mappingPath, SaveMapping: *saveMapping, Force: *force}}
	if *part != "" {
		if opts.Part, err = budget.ParsePart(*part); err != nil {
			return usagef("--part: %v", err)
		}
	}
	opts.Year, opts.Version, opts.Sheet, opts.MaxSize = *year, v, *sheet, *maxSize
	switch *emptyAmount {
	case "", budgetfile.EmptyZero, budgetfile.EmptySkip:
		opts.EmptyAmount = *emptyAmount
	default:
		return usagef("--empty-amount %q: use zero or skip", *emptyAmount)
	}
	if *mappingPath != "" {
		if opts.Mapping, err = budgetfile.LoadMapping(ctx, *mappingPath); err != nil {
			return err
		}
	}
	bar := newProgress(e)
	opts.Progress = bar.update

	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := opts.CheckSave(ctx, db, pos[0]); err != nil {
		return err
	}
	rep, err := importer.Import(ctx, db, pos[0], opts)
	bar.done()
	if err != nil {
		if *asJSON && rep == nil {
			writeJSON(e.stdout, importer.Failed(pos[0], err))
		}
		return err
	}
	if *asJSON {
		writeJSON(e.stdout, rep.Outcome())
	} else {
		text.BudgetImport(e.stdout, rep)
	}
	if rep.Status == importer.Rejected {
		if !*asJSON {
			text.BudgetRowErrors(e.stderr, rep.Result)
		}
		return &rejectedError{}
	}
	return nil
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
