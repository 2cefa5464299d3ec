package model

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// MeasurePlan is the money counted for each stored measure in each budget
// of an økonomiplan: the --json form of measures list.
type MeasurePlan struct {
	Keys     []budget.Key     `json:"keys"`     // the plan's budgets, by year
	Measures []MeasureAmounts `json:"measures"` // by Nr (budget.SortMeasures)
	Totals   []YearAmount     `json:"totals"`   // per key: the sum over the measures
}

// MeasureAmounts is one measure with the amount counted for it per key.
type MeasureAmounts struct {
	Nr          string       `json:"nr"`
	Name        string       `json:"name"`
	Effort      string       `json:"effort"`
	Responsible []string     `json:"responsible"`
	Reporting   string       `json:"reporting"`
	Indicators  []string     `json:"indicators"` // never null
	Selector    string       `json:"selector"`
	Share       string       `json:"share"`
	Amounts     []YearAmount `json:"amounts"` // per key of MeasurePlan.Keys
}

// YearAmount is an amount counted in one budget.
type YearAmount struct {
	Year    int            `json:"year"`
	Version budget.Version `json:"version"`
	Amount  string         `json:"amount"` // kroner, "1234.50"
	Ore     int64          `json:"-"`
}

// MeasureMoney returns the stored measures (all of them, whatever their
// years) with the money counted for each (Σ line × Andel,
// the store's MeasureTotals) in each budget of the økonomiplan that
// starts in year; year 0 is the four years ending with the last year that
// has a budget. For each of the plan's four years that has a budget, the
// budget is vedtatt, else another version than regnskap. Without a budget
// in those years Keys is empty and the measures have no amounts. Errors
// are the workspace's.
func MeasureMoney(ctx context.Context, db MoneyReader, year int) (*MeasurePlan, error) {
	keys, err := planYearKeys(ctx, db, year)
	if err != nil {
		return nil, err
	}
	ms, err := db.Measures(ctx)
	if err != nil {
		return nil, err
	}
	budget.SortMeasures(ms)
	out := &MeasurePlan{Keys: keys, Measures: []MeasureAmounts{}, Totals: []YearAmount{}}
	totals := make([]map[string]int64, len(keys))
	for i, k := range keys {
		if totals[i], err = db.MeasureTotals(ctx, k); err != nil {
			return nil, err
		}
	}
	sum := make([]int64, len(keys))
	for _, m := range ms {
		ma := MeasureAmounts{Nr: m.Nr, Name: m.Name, Effort: string(m.Effort), Responsible: m.Responsible,
			Reporting: m.Reporting, Indicators: m.Indicators, Selector: m.Selector.String(), Share: m.Share.String()}
		if ma.Indicators == nil {
			ma.Indicators = []string{}
		}
		for i, k := range keys {
			ore := totals[i][m.Nr]
			sum[i] += ore
			ma.Amounts = append(ma.Amounts, YearAmount{Year: k.Year, Version: k.Version, Amount: budget.FormatOre(ore), Ore: ore})
		}
		out.Measures = append(out.Measures, ma)
	}
	for i, k := range keys {
		out.Totals = append(out.Totals, YearAmount{Year: k.Year, Version: k.Version, Amount: budget.FormatOre(sum[i]), Ore: sum[i]})
	}
	return out, nil
}

// planYearKeys returns the budget keys of the økonomiplan starting in year
// (0: the four years ending with the last year that has a budget): for
// each of the four years that has one, vedtatt, else forslag, else
// revidert (budget.PlanKeys); regnskap never.
//
// Unlike PlanKeys it starts from a year, not a key, and needs no budget in
// the first year.
func planYearKeys(ctx context.Context, db MoneyReader, year int) ([]budget.Key, error) {
	ks, err := db.Keys(ctx)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		last := 0
		for _, k := range ks {
			if k.Version != budget.Regnskap {
				last = max(last, k.Year)
			}
		}
		year = last - (PlanYears - 1)
	}
	return budget.PlanKeys(ks, year, budget.Vedtatt), nil
}
