package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// exportBudgetAction is the årshjul's export-budget action: it writes the
// helsebudsjett workbook for the occurrence's budget year to
// OUT/YEAR/helsebudsjett-BUDGETYEAR-VERSION.xlsx.
//
// The budget year is wheel.BudgetYear's (the July cut-off), its version
// budget.LatestBudget's. No budget for the year is an error the run
// records.
func exportBudgetAction(db *sqlite.DB, out string) runner.Action {
	return func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
		at := o.At.In(wheel.Oslo())
		keys, err := db.Keys(ctx)
		if err != nil {
			return nil, err
		}
		key, err := budget.LatestBudget(keys, wheel.BudgetYear(at))
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(out, fmt.Sprint(at.Year()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, fmt.Sprintf("helsebudsjett-%d-%s.xlsx", key.Year, key.Version))
		if _, err := exportWorkbook(ctx, db, key, path, indicators.Bokmal, model.Options{}, true); err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
}
