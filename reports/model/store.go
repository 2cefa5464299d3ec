package model

import (
	"context"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// The read layer declares what it reads from the store (as reports/letters
// does), so any store that answers these questions (budget/sqlite today)
// can feed every document. Errors are the store's; a key without a current
// dataset is ENOTFOUND.

// BudgetReader reads the imported budgets: the keys and datasets, the
// current lines of a key and their totals, and the links of measures to
// lines.
type BudgetReader interface {
	KeyReader
	// Datasets lists every dataset imported, oldest first.
	Datasets(ctx context.Context) ([]budget.Dataset, error)
	// Lines calls fn with each line of key's current dataset.
	Lines(ctx context.Context, key budget.Key, fn func(*budget.Line) error) error
	// SummaryOf totals one part of key's current dataset grouped by a code.
	SummaryOf(ctx context.Context, key budget.Key, part budget.Part, by string) ([]budget.SummaryRow, error)
	// EachLink calls fn with each link of a measure to a line of key.
	EachLink(ctx context.Context, key budget.Key, fn func(budget.Link) error) error
	// MeasureTotals is the amount counted for each measure in key.
	MeasureTotals(ctx context.Context, key budget.Key) (map[string]int64, error)
	// Compare compares the current datasets of two keys group by group
	// (budget.Comparer's arithmetic over the lines).
	Compare(ctx context.Context, from, to budget.Key, by string) (budget.Comparison, error)
}

// KeyReader reads which budgets there are.
type KeyReader interface {
	// Keys lists the keys with a current dataset.
	Keys(ctx context.Context) ([]budget.Key, error)
	// AttributeNames lists the extra columns of key's current dataset
	// (ENOTFOUND, naming the keys there are, for a key without one).
	AttributeNames(ctx context.Context, key budget.Key) ([]string, error)
}

// PlanReader reads the units, the measures and the ratings.
type PlanReader interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	Ratings(ctx context.Context) ([]budget.Rating, error)
}

// IndicatorReader reads the areas, the indicator values and the targets.
type IndicatorReader interface {
	Areas(ctx context.Context) ([]indicators.Geo, error)
	// Area finds one area by code or name (ENOTFOUND when none).
	Area(ctx context.Context, codeOrName string) (indicators.Geo, error)
	// IndicatorValues are the values of one indicator known at asOf (the
	// zero time: the latest vintage).
	IndicatorValues(ctx context.Context, indicatorID string, asOf time.Time) ([]indicators.Value, error)
	// Targets are the targets of one indicator ("": of every indicator).
	Targets(ctx context.Context, indicatorID string) ([]indicators.Target, error)
}

// SummaryReader totals key's current lines by a field (budget summary).
type SummaryReader interface {
	KeyReader
	Summary(ctx context.Context, key budget.Key, by string) ([]budget.SummaryRow, error)
}

// ReportReader reads the units' tertial reports on their measures.
type ReportReader interface {
	// LatestReports are the year's reports on measures, sorted by
	// measure and then period.
	LatestReports(ctx context.Context, year int) ([]budget.MeasureReport, error)
}

// Store is everything the read layer reads.
type Store interface {
	BudgetReader
	PlanReader
	IndicatorReader
	SummaryReader
	ReportReader
}

// FinancingReader is what Financing reads: the units, the measures and
// their links to the budgets' lines.
type FinancingReader interface {
	Units(ctx context.Context) ([]budget.Unit, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	EachLink(ctx context.Context, key budget.Key, fn func(budget.Link) error) error
}

// MoneyReader is what MeasureMoney reads: the keys, the measures and the
// amount counted for each.
type MoneyReader interface {
	Keys(ctx context.Context) ([]budget.Key, error)
	Measures(ctx context.Context) ([]budget.Measure, error)
	MeasureTotals(ctx context.Context, key budget.Key) (map[string]int64, error)
}
