package demo

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// writeDocuments makes the demo's documents from the workspace in place,
// into dir: the årshjul's calendar, the oppdragsbrev, the workbook and the
// annual report.
func writeDocuments(ctx context.Context, db Store, dir string, w io.Writer, p Printer, res *Result) error {
	if err := writeWheel(ctx, db, dir, w, p, res); err != nil {
		return fmt.Errorf("demo wheel: %w", err)
	}
	if err := writeLetters(ctx, db, dir, w, res); err != nil {
		return fmt.Errorf("demo letters: %w", err)
	}
	if err := writeWorkbook(ctx, db, dir, w, res); err != nil {
		return fmt.Errorf("demo workbook: %w", err)
	}
	if err := writeAnnualReports(ctx, db, dir, w, p, res); err != nil {
		return fmt.Errorf("demo annual report: %w", err)
	}
	return nil
}

// writeWheel writes the sample's calendar for its budget year to
// dir/arshjul.ics and shows the wheel list of that year.
func writeWheel(ctx context.Context, db Store, dir string, w io.Writer, p Printer, res *Result) error {
	res.Calendar = filepath.Join(dir, "arshjul.ics")
	if err := runner.WriteCalendar(ctx, db, res.Calendar, sample.BudgetYear, 1, "nb", true); err != nil {
		return err
	}
	l, err := runner.YearList(ctx, db, sample.BudgetYear, "nb", time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := p.wheelList(w, l, sample.BudgetYear); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCalendar: %s\n", res.Calendar)
	return nil
}

// writeLetters writes the oppdragsbrev of the sample's budget year into
// dir/oppdragsbrev-2027/ (replacing an earlier demo's), with the sample's
// configuration copied beside the workspace as brev.yaml, where the
// wheel's letters action finds it.
func writeLetters(ctx context.Context, db Store, dir string, w io.Writer, res *Result) error {
	data, err := fs.ReadFile(sample.Files, "brev.yaml")
	if err != nil {
		return err
	}
	res.LettersConfig = filepath.Join(dir, documents.LettersConfigFile)
	if err := atomicfile.WriteBytes(res.LettersConfig, data); err != nil {
		return fmt.Errorf("write %s: %w", res.LettersConfig, err)
	}
	ws, err := documents.Open(ctx, db)
	if err != nil {
		return err
	}
	out := filepath.Join(dir, fmt.Sprintf("oppdragsbrev-%d", sample.BudgetYear))
	res.Letters, err = documents.Letters(ctx, ws, documents.LettersOptions{Year: sample.BudgetYear, Lang: indicators.Bokmal,
		Dir: out, Combined: true, Force: true, Config: res.LettersConfig})
	if err != nil {
		return err
	}
	pages := 0
	for _, f := range res.Letters.Letters {
		pages += f.Pages
	}
	fmt.Fprintf(w, "\nOppdragsbrev %d: %d letters (%d pages) in %s, all of them in %s, manifest %s\n",
		sample.BudgetYear, len(res.Letters.Letters), pages, out, filepath.Base(res.Letters.Combined.Path), filepath.Base(res.Letters.Manifest))
	fmt.Fprintf(w, "  try: helsebudsjett letters --db %s --year %d --lang nn --unit nav --config %s -o %s\n",
		res.Workspace, sample.BudgetYear, res.LettersConfig, filepath.Join(dir, "oppdragsbrev-nn"))
	return nil
}

// writeWorkbook writes the helsebudsjett workbook of the sample's adopted
// budget, dir/helsebudsjett-2027.xlsx.
func writeWorkbook(ctx context.Context, db Store, dir string, w io.Writer, res *Result) error {
	key := budget.Key{Year: sample.BudgetYear, Version: budget.Vedtatt}
	res.Workbook = filepath.Join(dir, fmt.Sprintf("helsebudsjett-%d.xlsx", key.Year))
	wb, err := documents.ExportWorkbook(ctx, db, documents.WorkbookOptions{Key: key, Path: res.Workbook, Lang: indicators.Bokmal, Overwrite: true})
	if err != nil {
		return err
	}
	b := wb.Budget
	fmt.Fprintf(w, "\nHelsebudsjett workbook: %s (%d measures, %s kr linked in %d)\n",
		res.Workbook, len(b.Measures), budget.FormatKroner(b.Years[0].Linked), key.Year)
	return nil
}

// writeAnnualReports writes the annual report of sample.ReportYear twice
// into dir: arsrapport-2026-intern.pdf, marked internal on every page, and
// arsrapport-2026-offentlig.pdf, with the small-number rules applied, for
// the council.
func writeAnnualReports(ctx context.Context, db Store, dir string, w io.Writer, p Printer, res *Result) error {
	fmt.Fprintf(w, "\nAnnual report %d (årsrapport for helsebudsjettet):\n", sample.ReportYear)
	for _, public := range []bool{false, true} {
		opt := annual.Options{Year: sample.ReportYear, Public: public}
		f := filepath.Join(dir, documents.ReportFileName(opt))
		rr, err := documents.Report(ctx, db, documents.ReportOptions{Options: opt, Path: f, Overwrite: true})
		if err != nil {
			return err
		}
		res.Reports = append(res.Reports, f)
		p.annualReport(w, f, rr.Report, rr.Size)
	}
	return nil
}
