package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
)

// demoAnnualYear is the year of the demo's annual report: the sample
// municipality's previous year, the one with revidert budget, accounts
// and the units' tertial reports (demoReportYear in demo_reports.go).
const demoAnnualYear = demoReportYear

// demoAnnualReport (named so beside demo_reports.go's demoReport, the
// tertial report on one measure) opens the finished demo workspace and writes the annual
// report for demoAnnualYear twice into outDir: arsrapport-2026-intern.pdf,
// marked internal on every page, and arsrapport-2026-offentlig.pdf, with
// the small-number rules applied, for the council.
func demoAnnualReport(ctx context.Context, dbPath, outDir string, e *env) error {
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "\nAnnual report %d (årsrapport for helsebudsjettet):\n", demoAnnualYear)
	for _, public := range []bool{false, true} {
		opt := annual.Options{Year: demoAnnualYear, Public: public}
		p := filepath.Join(outDir, documents.ReportFileName(opt))
		r, n, err := writeAnnualReport(ctx, db, opt, p, true)
		if err != nil {
			return fmt.Errorf("demo annual report: %w", err)
		}
		printReportWritten(e.stdout, p, r, n)
	}
	return db.Close()
}
