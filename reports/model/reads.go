package model

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Reads gives the read layer's views of one workspace to a caller that
// holds no store of its own (the web application's JSON API): each method
// returns the value the matching CLI command prints with --json.
type Reads struct {
	DB *sqlite.DB
	// Catalogue is the indicator catalogue in force (the embedded one with
	// the workspace's overrides).
	Catalogue func(ctx context.Context) (*indicators.Catalogue, error)
}

// Datasets are the imported budget files, as `budget datasets --json`.
func (r Reads) Datasets(ctx context.Context) ([]budget.Dataset, error) {
	sets, err := r.DB.Datasets(ctx)
	if sets == nil && err == nil {
		sets = []budget.Dataset{}
	}
	return sets, err
}

// Summary is `budget summary --json` for year and version ("" as the CLI
// picks it: the year's only version, else vedtatt).
func (r Reads) Summary(ctx context.Context, year int, version budget.Version, by string) (*Summary, error) {
	key, err := ResolveKey(ctx, r.DB, year, version)
	if err != nil {
		return nil, err
	}
	return BudgetSummary(ctx, r.DB, key, by)
}

// Measures is `measures list --json`: each measure's money per year of
// the økonomiplan starting at year (0: the CLI's default).
func (r Reads) Measures(ctx context.Context, year int) (*MeasurePlan, error) {
	return MeasureMoney(ctx, r.DB, year)
}

// Indicator is `indicators show ID --json` with o.
func (r Reads) Indicator(ctx context.Context, o ShowOptions) (*IndicatorView, error) {
	cat, err := r.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := cat.Lookup(o.ID); err != nil {
		return nil, err
	}
	return ShowIndicator(ctx, r.DB, cat, o)
}

// Indicators are the catalogue's indicators, as `indicators list --json`.
func (r Reads) Indicators(ctx context.Context) ([]indicators.Indicator, error) {
	cat, err := r.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	return cat.All(), nil
}
