package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
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
		printImport(e.stdout, rep)
	}
	if rep.Status == importer.Rejected {
		if !*asJSON {
			printRowErrors(e.stderr, rep.Result)
		}
		return &rejectedError{}
	}
	return nil
}

func controlText(c budgetfile.Control) string {
	s := fmt.Sprintf("control total, row %d %q, %s: stated %s kr", c.Row, c.Label, c.Key, formatKroner(c.Stated))
	if c.OK {
		return s + ": matches"
	}
	return s + fmt.Sprintf(", imported %s kr: differs by %s kr", formatKroner(c.Total), formatKroner(c.Difference))
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func printImport(w io.Writer, rep *importer.Report) {
	r := rep.Result
	where := r.File
	if r.Sheet != "" {
		where += ", sheet " + r.Sheet
	}
	switch rep.Status {
	case importer.Unchanged:
		fmt.Fprintf(w, "%s was imported before as dataset %d (same sha256 and options, %s): nothing changed.\n", where, rep.Dataset.ID, importer.Describe(*rep.Dataset))
		return
	case importer.Rejected:
		fmt.Fprintf(w, "%s: rejected, %d row error(s); nothing was stored.\n", where, r.ErrorCount)
	case importer.DryRun:
		fmt.Fprintf(w, "%s: dry run, %d lines would be imported; nothing was stored.\n", where, r.Lines)
	case importer.Imported:
		fmt.Fprintf(w, "%s: imported %d lines as dataset %d.\n", where, r.Lines, rep.Dataset.ID)
	}
	fmt.Fprintf(w, "  rows read: %d; skipped: %s\n", r.RowsRead, skippedText(r.Skipped))
	if e := r.EmptyAmounts; e != (budgetfile.EmptyAmounts{}) {
		fmt.Fprintf(w, "  rows with empty amount cells: %d with another amount filled (imported with it), %d read as 0 (--empty-amount zero), %d left out (--empty-amount skip)\n",
			e.Partial, e.Zero, e.Skipped)
	}
	if rep.Part != "" {
		fmt.Fprintf(w, "  part: %s (%s)\n", rep.Part, rep.PartReason)
	}
	for _, d := range rep.SameContent {
		fmt.Fprintf(w, "  same content as dataset %d (%s: %s), imported with other options\n", d.ID, d.Source, importer.Describe(d))
	}
	for _, rp := range rep.Replaced {
		if rp.Whole {
			fmt.Fprintf(w, "  WARNING: dataset %d (%s) held both parts of %s and is no longer current for its %s part either: import that part too, or import this file with --part begge\n",
				rp.Dataset, rp.Source, rp.Key, rp.Part)
			continue
		}
		fmt.Fprintf(w, "  replaces dataset %d (%s) as the current %s, %s; it stays in the history (budget datasets)\n",
			rp.Dataset, rp.Source, rp.Key, partText(rp.Part))
	}
	for _, t := range r.Totals {
		fmt.Fprintf(w, "  total %d %-9s %22s kr\n", t.Year, t.Version, formatKroner(t.Ore))
	}
	for _, c := range r.Controls {
		fmt.Fprintf(w, "  %s\n", controlText(c))
	}
	if r.WarningCount > 0 {
		fmt.Fprintf(w, "  %d warning(s):\n", r.WarningCount)
		for _, s := range r.Warnings {
			fmt.Fprintf(w, "    %s\n", s)
		}
		if n := r.WarningCount - len(r.Warnings); n > 0 {
			fmt.Fprintf(w, "    … and %d more\n", n)
		}
	}
}

func printRowErrors(w io.Writer, r *budgetfile.Result) {
	for _, e := range r.Errors {
		fmt.Fprintf(w, "%s: row %d, column %s (%s): %q: %s\n", r.File, e.Row, e.Column, e.Field, e.Value, e.Message)
	}
	if n := r.ErrorCount - len(r.Errors); n > 0 {
		fmt.Fprintf(w, "… and %d more errors\n", n)
	}
	fmt.Fprintf(w, "%s was rejected: fix the rows above and import it again. The workspace is unchanged.\n", r.File)
}

func skippedText(m map[string]int) string { return budgetfile.SkippedText(m) }

// partText names a part for a sentence: "drift", "investering", or "both
// parts".
func partText(p budget.Part) string {
	if p == budget.Begge {
		return "both parts"
	}
	return string(p)
}
