package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/reports/text"
)

// cmdTemplateReport: helsebudsjett template report --period P (--unit CODE
// -o FILE.xlsx | --all -o DIR).
func cmdTemplateReport(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("template report", e)
	periodFlag := fs.String("period", "", "the reporting period: 2026-T1, 2026-T2 or 2026-year")
	unit := fs.String("unit", "", "the code of the unit that reports")
	all := fs.Bool("all", false, "write a form for every unit that reports on a measure, into the folder -o")
	out := fs.String("o", "", "the form to write (FILE.xlsx), or with --all the folder")
	force := fs.Bool("force", false, "overwrite forms that exist")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("template report takes no arguments; use -o FILE.xlsx or --all -o DIR")
	case *periodFlag == "":
		return usagef("template report needs --period, such as --period 2026-T1")
	case *all == (*unit != ""):
		return usagef("template report needs either --unit CODE or --all")
	case *out == "":
		return usagef("template report needs -o: a FILE.xlsx, or with --all a folder")
	case !*all && !strings.HasSuffix(strings.ToLower(*out), ".xlsx"):
		return usagef("template report -o %s: give a file name ending in .xlsx", *out)
	}
	period, err := budget.ParsePeriod(*periodFlag)
	if err != nil {
		return usagef("--period: %v", err)
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	unitCode := *unit
	if *all {
		unitCode = ""
	}
	written, err := tertial.WriteForms(ctx, db, tertial.WriteOptions{Period: period, Unit: unitCode, Out: *out, Force: *force})
	if !*all {
		if err != nil {
			return err
		}
		form := written[0].Form
		fmt.Fprintf(e.stdout, "Wrote %s: the %s form for %s, %d measure(s). Send it to the unit and import it with 'helsebudsjett import report %s'.\n",
			*out, period.Label(), form.Unit.Code, len(form.Rows), *out)
		return nil
	}
	for _, w := range written {
		fmt.Fprintf(e.stdout, "Wrote %s (%s, %d measure(s))\n", w.Path, w.Form.Unit.Code, len(w.Form.Rows))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d form(s) for %s in %s. Import the filled-in forms with 'helsebudsjett import report %s'.\n",
		len(written), period.Label(), *out, filepath.Join(*out, "*.xlsx"))
	return nil
}

// reportImports is the --json output of import report: one object for all
// the files. Status is rejected when any file was, else imported when any
// was, else that of the files (unchanged or dry-run).
type reportImports struct {
	Status imports.Status     `json:"status"`
	Files  []tertial.Imported `json:"files"`
}

// importFailed is the status --json gives an import that could not be
// carried out at all (an I/O or workspace failure, not the user's file).
const importFailed imports.Status = "failed"

// cmdImportReport: helsebudsjett import report FILE….
func cmdImportReport(ctx context.Context, args []string, e *env) error {
	fs, dbFlag := newFlags("import report", e)
	unit := fs.String("unit", "", "refuse a form for any other unit")
	periodFlag := fs.String("period", "", "refuse a form for any other period (2026-T1, 2026-T2, 2026-year)")
	dryRun := fs.Bool("dry-run", false, "read and check the forms, store nothing")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	maxSize := fs.Int64("max-size", tertial.DefaultMaxSize, "refuse files larger than this many bytes")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("import report takes one or more FILE.xlsx")
	}
	opts := tertial.Options{Unit: *unit, MaxSize: *maxSize}
	if *periodFlag != "" {
		if opts.Period, err = budget.ParsePeriod(*periodFlag); err != nil {
			return usagef("--period: %v", err)
		}
	}
	db, err := openWorkspace(ctx, *dbFlag, e)
	if err != nil {
		return err
	}
	defer db.Close()
	all := reportImports{Files: []tertial.Imported{}}
	rejected := false
	for _, p := range pos {
		out, err := tertial.Import(ctx, db, p, tertial.ImportOptions{Options: opts, DryRun: *dryRun})
		if err != nil {
			if *asJSON {
				all.Files = append(all.Files, tertial.Imported{Status: importFailed, File: p, NotReported: []string{}, Warnings: []string{},
					Errors: []imports.RowError{}, Message: err.Error()})
				all.Status = importFailed
				writeJSON(e.stdout, all)
			}
			return err
		}
		all.Files = append(all.Files, *out)
		rejected = rejected || out.Status == imports.Rejected
		if !*asJSON {
			text.TertialImport(e.stdout, e.stderr, out)
		}
	}
	all.Status = tertial.Overall(all.Files)
	if *asJSON {
		writeJSON(e.stdout, all)
	}
	if rejected {
		if !*asJSON && len(pos) > 1 {
			fmt.Fprintln(e.stderr, "Forms marked rejected were not imported; the others were (each form is all or nothing).")
		}
		return &rejectedError{}
	}
	return db.Close()
}
