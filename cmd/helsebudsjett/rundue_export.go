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
// The budget year: an occurrence from July on prepares next year's budget
// (the proposal in the autumn), an earlier one this year's (the revised
// budget in June). Its version: the latest one the workspace holds for that
// year, regnskap left aside (revidert before vedtatt before forslag). No
// budget for the year is an error the run records.
func exportBudgetAction(db *sqlite.DB, out string) runner.Action {
	return func(ctx context.Context, o wheel.Occurrence) ([]string, error) {
		at := o.At.In(wheel.Oslo())
		year := at.Year()
		if at.Month() >= 7 {
			year++
		}
		key, err := latestBudget(ctx, db, year)
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

// latestBudget is the key of year's latest budget version, regnskap left
// aside.
func latestBudget(ctx context.Context, db *sqlite.DB, year int) (budget.Key, error) {
	ks, err := db.Keys(ctx)
	if err != nil {
		return budget.Key{}, err
	}
	var best *budget.Key
	for i, k := range ks {
		if k.Year == year && k.Version != budget.Regnskap && (best == nil || best.Version.Rank() < k.Version.Rank()) {
			best = &ks[i]
		}
	}
	if best == nil {
		return budget.Key{}, budget.Errorf(budget.ENOTFOUND, "no budget for %d to export: import it with 'helsebudsjett import budget FILE'", year)
	}
	return *best, nil
}
