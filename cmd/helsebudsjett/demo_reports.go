package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// demoReportYear is the year the demo's units report on: the sample
// municipality's previous year, the one with accounts (regnskap-2026).
const demoReportYear = sample.ReportYear

// demoReports fills in the sample municipality's reporting forms for the
// 1st and 2nd tertial and the year of demoReportYear, writes them under
// outDir/tertialrapporter-2026/, and imports them into db, in period
// order, so the annual report has statuses, changes between tertials,
// deviation notes and spending to show. db must hold the sample budget,
// accounts, units and measures. The forms are the same bytes every run.
//
// The sample's measures that run in 2026 are those without a Start year
// (igangsatt before the økonomiplan); the reports cover them.
func demoReports(ctx context.Context, db *sqlite.DB, outDir string, w io.Writer) error {
	dir := filepath.Join(outDir, fmt.Sprintf("tertialrapporter-%d", demoReportYear))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: make %s: %w", dir, err)
	}
	spend, err := tertial.SpentVsBudget(ctx, db, demoReportYear)
	if err != nil {
		return fmt.Errorf("demo reports: %w", err)
	}
	level := map[string]int64{} // the measure's yearly money, to report spending against
	for _, s := range spend {
		switch {
		case s.AccountLines > 0:
			level[s.Measure] = s.AccountsOre
		case s.BudgetLines > 0:
			level[s.Measure] = s.BudgetOre
		}
	}
	// Measures whose budget link picks no 2026 line (the 2026 accounts have
	// no 5-digit tjeneste) report spending at the level of the next year's
	// budget, as the unit's own books would show it.
	if next, err := db.MeasureTotals(ctx, budget.Key{Year: demoReportYear + 1, Version: budget.Vedtatt}); err == nil {
		for nr, ore := range next {
			if _, ok := level[nr]; !ok {
				level[nr] = ore
			}
		}
	}
	fmt.Fprintf(w, "\nTertial reports %d (filled-in forms in %s):\n", demoReportYear, dir)
	for _, term := range budget.Terms {
		period := budget.Period{Year: demoReportYear, Term: term}
		forms, err := tertial.Forms(ctx, db, period)
		if err != nil {
			return err
		}
		for _, form := range forms {
			form.Municipality = sample.Name
			for i := range form.Rows {
				r := &form.Rows[i]
				r.Report = sample.TertialReport(r.Measure.Nr, period, level[r.Measure.Nr])
			}
			p := filepath.Join(dir, tertial.FileName(form.Unit.Code, period))
			if err := tertial.WriteFile(p, form); err != nil {
				return err
			}
			out, err := tertial.Import(ctx, db, p, tertial.ImportOptions{Options: tertial.Options{Unit: form.Unit.Code, Period: period}})
			if err != nil {
				return fmt.Errorf("demo import of %s: %w", filepath.Base(p), err)
			}
			printReportImport(w, w, out)
			if out.Status != imports.Imported && out.Status != imports.Unchanged {
				return fmt.Errorf("demo import of %s: %s", filepath.Base(p), out.Status)
			}
		}
	}
	return nil
}
