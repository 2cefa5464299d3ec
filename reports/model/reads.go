package model

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// Reads gives the read layer's views of one workspace to a caller that
// holds no store of its own (the web application's JSON API): each method
// returns the value the matching CLI command prints with --json.
type Reads struct {
	DB Store
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

// MeasureStatus is one measure as a reader of the helsebudsjett sees it:
// what it is, who carries it out, its decided status and where it stood
// at its unit's latest report in the year.
type MeasureStatus struct {
	Nr        string          `json:"nr"`
	Name      string          `json:"name"`
	Reporting string          `json:"reporting"`
	Effort    budget.Effort   `json:"effort"`
	Status    budget.Status   `json:"status"`
	Progress  budget.Progress `json:"progress,omitempty"` // "" before the first report
	Period    string          `json:"period,omitempty"`   // the period of that report
}

// Measures' status in year: every stored measure that runs in the year,
// by number, with its latest report (the year's last period reported).
func (r Reads) MeasureStatus(ctx context.Context, year int) ([]MeasureStatus, error) {
	ms, err := r.DB.Measures(ctx)
	if err != nil {
		return nil, err
	}
	reports, err := r.DB.LatestReports(ctx, year)
	if err != nil {
		return nil, err
	}
	latest := map[string]budget.MeasureReport{}
	for _, rep := range reports { // sorted by measure, then period: the last wins
		latest[rep.Measure] = rep
	}
	budget.SortMeasures(ms)
	out := []MeasureStatus{}
	for i := range ms {
		m := &ms[i]
		if !m.ActiveIn(year) {
			continue
		}
		s := MeasureStatus{Nr: m.Nr, Name: m.Name, Reporting: m.Reporting, Effort: m.Effort, Status: m.Status}
		if rep, ok := latest[m.Nr]; ok {
			s.Progress, s.Period = rep.Status, rep.Period.Label()
		}
		out = append(out, s)
	}
	return out, nil
}
