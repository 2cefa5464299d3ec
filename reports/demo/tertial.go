package demo

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// importTertialReports fills in the sample's reporting forms for the 1st
// and 2nd tertial and the year of sample.ReportYear with the sample's
// story (sample.TertialReport), writes them under dir/tertialrapporter-2026/,
// and imports them into db, in period order, so the annual report has
// statuses, changes between tertials, deviation notes and spending to
// show. db must hold the sample budget, accounts, units and measures. The
// forms are the same bytes every run.
//
// The sample's measures that run in 2026 are those without a Start year
// (igangsatt before the økonomiplan); the reports cover them.
func importTertialReports(ctx context.Context, db Store, dir string, w io.Writer, p Printer, res *Result) error {
	dir = filepath.Join(dir, fmt.Sprintf("tertialrapporter-%d", sample.ReportYear))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: make %s: %w", dir, err)
	}
	level, err := yearlyMoney(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nTertial reports %d (filled-in forms in %s):\n", sample.ReportYear, dir)
	for _, term := range budget.Terms {
		period := budget.Period{Year: sample.ReportYear, Term: term}
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
			f := filepath.Join(dir, tertial.FileName(form.Unit.Code, period))
			if err := tertial.WriteFile(f, form); err != nil {
				return err
			}
			res.Forms = append(res.Forms, f)
			out, err := tertial.Import(ctx, db, f, tertial.ImportOptions{Options: tertial.Options{Unit: form.Unit.Code, Period: period}})
			if err != nil {
				return fmt.Errorf("demo import of %s: %w", filepath.Base(f), err)
			}
			p.tertialImport(w, out)
			if out.Status != imports.Imported && out.Status != imports.Unchanged {
				return fmt.Errorf("demo import of %s: %s", filepath.Base(f), out.Status)
			}
		}
	}
	return nil
}

// yearlyMoney is each measure's money for sample.ReportYear, in øre, to
// report spending against: its accounts, else its budget. Measures whose
// budget link picks no 2026 line (the 2026 accounts have no 5-digit
// tjeneste) report spending at the level of the next year's budget, as
// the unit's own books would show it.
func yearlyMoney(ctx context.Context, db Store) (map[string]int64, error) {
	spend, err := tertial.SpentVsBudget(ctx, db, sample.ReportYear)
	if err != nil {
		return nil, fmt.Errorf("demo reports: %w", err)
	}
	level := map[string]int64{}
	for _, s := range spend {
		switch {
		case s.AccountLines > 0:
			level[s.Measure] = s.AccountsOre
		case s.BudgetLines > 0:
			level[s.Measure] = s.BudgetOre
		}
	}
	if next, err := db.MeasureTotals(ctx, budget.Key{Year: sample.ReportYear + 1, Version: budget.Vedtatt}); err == nil {
		for nr, ore := range next {
			if _, ok := level[nr]; !ok {
				level[nr] = ore
			}
		}
	}
	return level, nil
}
