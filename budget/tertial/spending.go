package tertial

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// SpendingStore is what SpentVsBudget reads: the measures, the keys with a
// current budget, the links of the measures to a key's lines and the
// year's latest reports.
type SpendingStore interface {
	Measures(ctx context.Context) ([]budget.Measure, error)
	Keys(ctx context.Context) ([]budget.Key, error)
	// Links are the links of the stored measures to key's current lines;
	// a line counted more than 100 % is ECONFLICT.
	Links(ctx context.Context, key budget.Key) ([]budget.Link, error)
	// LatestReports are the year's latest reports, sorted by measure and
	// period.
	LatestReports(ctx context.Context, year int) ([]budget.MeasureReport, error)
}

// SpentVsBudget returns each stored measure's money in year, in the stored
// order (budget.Spending): what the year's revidert budget, else vedtatt,
// gives it, what the year's regnskap shows, and the unit's latest report
// of spending. A year without a budget gives rows with the zero Budget
// key; a line counted more than 100 % is an ECONFLICT error.
func SpentVsBudget(ctx context.Context, db SpendingStore, year int) ([]budget.MeasureSpending, error) {
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := db.Keys(ctx)
	if err != nil {
		return nil, err
	}
	budgetKey, hasAccounts := budget.SpendingKeys(keys, year)
	var budgetLinks, accountLinks []budget.Link
	if budgetKey.Year != 0 {
		if budgetLinks, err = db.Links(ctx, budgetKey); err != nil {
			return nil, err
		}
	}
	if hasAccounts {
		if accountLinks, err = db.Links(ctx, budget.Key{Year: year, Version: budget.Regnskap}); err != nil {
			return nil, err
		}
	}
	reps, err := db.LatestReports(ctx, year)
	if err != nil {
		return nil, err
	}
	return budget.Spending(ms, year, budgetKey, budgetLinks, hasAccounts, accountLinks, reps)
}
