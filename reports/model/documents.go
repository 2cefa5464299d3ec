package model

import (
	"context"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// The documents (reports/annual, reports/opendata, reports/documents) take
// DocumentStore and read every figure through the functions below, so the
// read layer is the one place that decides which vintage, which reports
// and which budget a document shows.

// SpendingReader is what Spending reads: the measures, the keys, the
// links of the measures to a key's lines and the year's latest reports.
type SpendingReader interface {
	tertial.SpendingStore
}

// ImportReader reads when the figures were imported: a document is dated
// by the latest import it rests on (LastImport).
type ImportReader interface {
	// Datasets lists every dataset imported, oldest first.
	Datasets(ctx context.Context) ([]budget.Dataset, error)
	// ReportSnapshots are the units' tertial reports imported for year.
	ReportSnapshots(ctx context.Context, year int) ([]budget.ReportSnapshot, error)
	// IndicatorsImportedAt is, per indicator with values, when its values
	// were last imported.
	IndicatorsImportedAt(ctx context.Context) (map[string]time.Time, error)
}

// DocumentStore is everything a document reads: the read layer's Store,
// the money spent against budget and the times of the imports.
type DocumentStore interface {
	Store
	SpendingReader
	ImportReader
}

// ValueReader reads an indicator's values.
type ValueReader interface {
	// IndicatorValues are the values of one indicator known at asOf (the
	// zero time: the latest vintage).
	IndicatorValues(ctx context.Context, indicatorID string, asOf time.Time) ([]indicators.Value, error)
}

// Values are indicator id's values as the latest vintage gives them, the
// figures every document shows.
func Values(ctx context.Context, db ValueReader, id string) ([]indicators.Value, error) {
	return db.IndicatorValues(ctx, id, time.Time{})
}

// TargetReader reads the targets set for the indicators.
type TargetReader interface {
	// Targets are the targets of one indicator ("": of every indicator).
	Targets(ctx context.Context, indicatorID string) ([]indicators.Target, error)
}

// Targets are the targets of indicator id ("": of every indicator).
func Targets(ctx context.Context, db TargetReader, id string) ([]indicators.Target, error) {
	return db.Targets(ctx, id)
}

// Reports are the units' latest reports on measures in year, sorted by
// measure and then period.
func Reports(ctx context.Context, db ReportReader, year int) ([]budget.MeasureReport, error) {
	return db.LatestReports(ctx, year)
}

// Spending is each stored measure's money in year, in the stored order
// (tertial.SpentVsBudget): what the year's revidert budget, else vedtatt,
// gives it, what the year's regnskap shows, and the unit's latest report
// of spending. A year without a budget gives rows with the zero Budget
// key; a line counted more than 100 % is ECONFLICT.
func Spending(ctx context.Context, db SpendingReader, year int) ([]budget.MeasureSpending, error) {
	return tertial.SpentVsBudget(ctx, db, year)
}

// Lines calls fn with each line of key's current dataset, in row order
// (ENOTFOUND for a key without one).
func Lines(ctx context.Context, db BudgetReader, key budget.Key, fn func(*budget.Line) error) error {
	return db.Lines(ctx, key, fn)
}

// Links calls fn with each link of a measure to a line of key's current
// dataset and the amount counted for it; a line counted more than 100 %
// is ECONFLICT.
func Links(ctx context.Context, db BudgetReader, key budget.Key, fn func(budget.Link) error) error {
	return db.EachLink(ctx, key, fn)
}

// LastImport is the latest import a document on year rests on: the
// budget datasets current for the year and the year before, the units'
// reports for the year and the indicators shown. The zero time when
// there is none. The same workspace gives the same time, so a document
// dated by it is the same bytes.
func LastImport(ctx context.Context, db ImportReader, year int, shown []string) (time.Time, error) {
	var latest time.Time
	later := func(t time.Time) {
		if t.After(latest) {
			latest = t
		}
	}
	ds, err := db.Datasets(ctx)
	if err != nil {
		return time.Time{}, err
	}
	for _, d := range ds {
		for _, k := range d.Current {
			if k.Year == year || k.Year == year-1 {
				later(d.ImportedAt)
			}
		}
	}
	snaps, err := db.ReportSnapshots(ctx, year)
	if err != nil {
		return time.Time{}, err
	}
	for _, s := range snaps {
		later(s.ImportedAt)
	}
	at, err := db.IndicatorsImportedAt(ctx)
	if err != nil {
		return time.Time{}, err
	}
	for _, id := range shown {
		later(at[id])
	}
	return latest.UTC(), nil
}
