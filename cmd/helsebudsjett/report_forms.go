package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/indicators"
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
	forms, err := reportForms(ctx, db, period)
	if err != nil {
		return err
	}
	if !*all {
		form, err := pickForm(ctx, db, forms, *unit, period)
		if err != nil {
			return err
		}
		if err := outguard.Check(ctx, db, *out, *force); err != nil {
			return err
		}
		if err := writeForm(*out, form); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %s: the %s form for %s, %d measure(s). Send it to the unit and import it with 'helsebudsjett import report %s'.\n",
			*out, period.Label(), form.Unit.Code, len(form.Rows), *out)
		return nil
	}
	if len(forms) == 0 {
		return budget.Errorf(budget.EINVALID, "no unit reports on a measure that runs in %d: import units and measures first (helsebudsjett import measures)", period.Year)
	}
	for _, form := range forms { // check every form before writing any
		if err := outguard.Check(ctx, db, filepath.Join(*out, tertial.FileName(form.Unit.Code, period)), *force); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("make folder %s: %w", *out, err)
	}
	for _, form := range forms {
		p := filepath.Join(*out, tertial.FileName(form.Unit.Code, period))
		if err := writeForm(p, form); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %s (%s, %d measure(s))\n", p, form.Unit.Code, len(form.Rows))
	}
	fmt.Fprintf(e.stdout, "%d form(s) for %s in %s. Import the filled-in forms with 'helsebudsjett import report %s'.\n",
		len(forms), period.Label(), *out, filepath.Join(*out, "*.xlsx"))
	return nil
}

func writeForm(path string, form tertial.Form) error {
	if err := atomicfile.Write(path, func(w io.Writer) error { return tertial.WriteForm(w, form) }); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// pickForm returns the form of unit, or an EINVALID error saying why there
// is none.
func pickForm(ctx context.Context, db *sqlite.DB, forms []tertial.Form, unit string, period budget.Period) (tertial.Form, error) {
	for _, f := range forms {
		if f.Unit.Code == unit {
			return f, nil
		}
	}
	codes, err := db.UnitCodes(ctx)
	if err != nil {
		return tertial.Form{}, err
	}
	if !codes[unit] {
		var cands []string
		for c := range codes {
			cands = append(cands, c)
		}
		hint := ""
		if near := indicators.NearestName(unit, cands); near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", near)
		}
		return tertial.Form{}, budget.Errorf(budget.EINVALID, "no unit has the code %q%s: helsebudsjett import units lists them", unit, hint)
	}
	var who []string
	for _, f := range forms {
		who = append(who, f.Unit.Code)
	}
	return tertial.Form{}, budget.Errorf(budget.EINVALID, "unit %s reports on no measure that runs in %d; the units that do: %s",
		unit, period.Year, strings.Join(who, ", "))
}

// reportForms builds the form of every unit that is the reporting unit of
// a measure running in the period's year, in the units' stored order, with
// each measure's amount in the year's budget.
func reportForms(ctx context.Context, db *sqlite.DB, period budget.Period) ([]tertial.Form, error) {
	us, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	spend, err := db.SpentVsBudget(ctx, period.Year)
	if err != nil {
		return nil, err
	}
	amount := map[string]budget.MeasureSpending{}
	for _, s := range spend {
		amount[s.Measure] = s
	}
	budget.SortMeasures(ms)
	var out []tertial.Form
	for _, u := range us {
		form := tertial.Form{Unit: u, Period: period}
		for _, m := range ms {
			if m.Reporting != u.Code || !m.ActiveIn(period.Year) {
				continue
			}
			s := amount[m.Nr]
			form.Rows = append(form.Rows, tertial.Row{Measure: m, BudgetOre: s.BudgetOre, BudgetKnown: s.Budget.Year != 0})
		}
		if len(form.Rows) > 0 {
			out = append(out, form)
		}
	}
	return out, nil
}

// reportImport is the outcome of importing one form, and its --json form.
type reportImport struct {
	Status      string                `json:"status"` // imported, unchanged, dry-run, rejected
	File        string                `json:"file"`
	SHA256      string                `json:"sha256"`
	Sheet       string                `json:"sheet"`
	Unit        string                `json:"unit"`
	Period      string                `json:"period"`
	Snapshot    int64                 `json:"snapshot,omitempty"`
	RowsRead    int                   `json:"rows_read"`
	Reports     int                   `json:"reports"`
	NotReported []string              `json:"not_reported"`
	Warnings    []string              `json:"warnings"`
	Errors      []budgetfile.RowError `json:"errors"`
	Message     string                `json:"message,omitempty"`
}

// reportImports is the --json output of import report: one object for all
// the files. Status is rejected when any file was, else imported when any
// was, else that of the files (unchanged or dry-run).
type reportImports struct {
	Status string         `json:"status"`
	Files  []reportImport `json:"files"`
}

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
	all := reportImports{Files: []reportImport{}}
	rejected := false
	for _, p := range pos {
		out, err := importReportFile(ctx, db, p, opts, *dryRun)
		if err != nil {
			if *asJSON {
				all.Files = append(all.Files, reportImport{Status: "failed", File: p, NotReported: []string{}, Warnings: []string{},
					Errors: []budgetfile.RowError{}, Message: err.Error()})
				all.Status = "failed"
				writeJSON(e.stdout, all)
			}
			return err
		}
		all.Files = append(all.Files, *out)
		rejected = rejected || out.Status == "rejected"
		if out.Status == "imported" || out.Status == "unchanged" {
			if err := recordInputs(ctx, db, p); err != nil {
				return err
			}
		}
		if !*asJSON {
			printReportImport(e.stdout, e.stderr, out)
		}
	}
	all.Status = overallStatus(all.Files)
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

func overallStatus(fs []reportImport) string {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Status] = true
	}
	for _, s := range []string{"rejected", "imported", "dry-run"} {
		if seen[s] {
			return s
		}
	}
	return "unchanged"
}

// importReportFile reads one filled-in form, checks it against the
// workspace and, unless dryRun and when nothing is wrong, stores it as a
// snapshot. A file imported before (same sha256) is unchanged, without
// being read again. A form that cannot be read, or has errors, is
// rejected; the error returned is for failures only (I/O, the workspace).
func importReportFile(ctx context.Context, db *sqlite.DB, path string, opts tertial.Options, dryRun bool) (*reportImport, error) {
	out := &reportImport{File: filepath.Base(path), Sheet: tertial.SheetForm, NotReported: []string{}, Warnings: []string{}, Errors: []budgetfile.RowError{}}
	reject := func(err error) (*reportImport, error) {
		if budget.ErrorCode(err) != budget.EINVALID {
			return nil, err
		}
		out.Status, out.Message = "rejected", err.Error()
		return out, nil
	}
	// Only the bytes shape a stored form (its unit and period are in it);
	// --unit and --period check it, so with them the form is read and
	// checked again, and SaveReportSnapshot finds it unchanged.
	if sha, _, err := inputfile.Hash(ctx, path, "", tertial.DefaultMaxSize); err == nil && opts.Unit == "" && opts.Period.IsZero() {
		old, err := db.ReportSnapshotBySHA256(ctx, sha)
		if err != nil {
			return nil, err
		}
		if old != nil {
			out.Status, out.SHA256, out.Unit, out.Period, out.Snapshot, out.Reports = "unchanged", sha, old.Unit, old.Period.String(), old.ID, len(old.Reports)
			out.Message = fmt.Sprintf("already imported as snapshot %d on %s", old.ID, old.ImportedAt.Local().Format("2006-01-02 15:04"))
			return out, nil
		}
	}
	res, err := tertial.ReadForm(ctx, path, opts)
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
		out.Status = "rejected"
	case dryRun:
		out.Status = "dry-run"
	default:
		s, created, err := db.SaveReportSnapshot(ctx, res.Snapshot())
		if err != nil {
			return reject(err)
		}
		out.Snapshot, out.Status = s.ID, "imported"
		if !created {
			out.Status = "unchanged"
		}
	}
	return out, nil
}

// printReportImport prints the outcome of one form for a person: the
// summary on w, the errors on errw.
func printReportImport(w, errw io.Writer, out *reportImport) {
	what := out.Unit + " " + out.Period
	switch out.Status {
	case "imported":
		fmt.Fprintf(w, "%s: imported %d report(s) for %s (snapshot %d).\n", out.File, out.Reports, what, out.Snapshot)
	case "unchanged":
		fmt.Fprintf(w, "%s: unchanged, %s.\n", out.File, out.Message)
	case "dry-run":
		fmt.Fprintf(w, "%s: dry run, %d report(s) for %s would be imported; nothing was stored.\n", out.File, out.Reports, what)
	case "rejected":
		fmt.Fprintf(w, "%s: rejected, %d error(s); nothing was stored.\n", out.File, max(len(out.Errors), 1))
	}
	if len(out.NotReported) > 0 && out.Status != "rejected" {
		fmt.Fprintf(w, "  left blank: measure(s) %s\n", strings.Join(out.NotReported, ", "))
	}
	for _, s := range out.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", s)
	}
	if out.Status != "rejected" {
		return
	}
	if out.Message != "" {
		fmt.Fprintf(errw, "%s\n", out.Message)
	}
	for _, e := range out.Errors {
		fmt.Fprintf(errw, "%s, sheet %s: row %s, column %s (%s) %q: %s\n", out.File, out.Sheet, strconv.Itoa(e.Row), e.Column, e.Field, e.Value, e.Message)
	}
	fmt.Fprintf(errw, "%s was rejected: fix the cells above and import it again. The workspace is unchanged.\n", out.File)
}
