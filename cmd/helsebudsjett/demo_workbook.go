package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// demoBudgetYear is the first year of the sample municipality's økonomiplan.
const demoBudgetYear = 2027

// demoWorkbook writes the helsebudsjett workbook of the sample's adopted
// budget, helsebudsjett-2027.xlsx, into the demo folder, from the demo
// workspace once it is in place.
func demoWorkbook(ctx context.Context, dbFile, outDir string, e *env) error {
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		return err
	}
	defer db.Close()
	key := budget.Key{Year: demoBudgetYear, Version: budget.Vedtatt}
	path := filepath.Join(outDir, fmt.Sprintf("helsebudsjett-%d.xlsx", key.Year))
	b, err := exportWorkbook(ctx, db, key, path, indicators.Bokmal, model.Options{}, true)
	if err != nil {
		return fmt.Errorf("demo workbook: %w", err)
	}
	fmt.Fprintf(e.stdout, "\nHelsebudsjett workbook: %s (%d measures, %s kr linked in %d)\n",
		path, len(b.Measures), formatKroner(b.Years[0].Linked), key.Year)
	return db.Close()
}
