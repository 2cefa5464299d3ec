package model

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Summary is one budget's totals by one field: what `budget summary
// --json` prints and GET /api/v1/budget/summary serves, one definition for
// both. Amounts are kroner with two decimals as exact strings.
type Summary struct {
	Year    int            `json:"year"`
	Version budget.Version `json:"version"`
	By      string         `json:"by"`
	Rows    []SummaryRow   `json:"rows"`
	Total   string         `json:"total"`
	Parts   []SummaryRow   `json:"parts"` // the total per part (drift, investering, or begge for a file holding both)

	TotalOre int64 `json:"-"`
	Lines    int   `json:"-"` // the lines of all rows
}

// SummaryRow is one value of the field with its lines and amount.
type SummaryRow struct {
	Value  string `json:"value"`
	Lines  int    `json:"lines"`
	Amount string `json:"amount"`
	Ore    int64  `json:"-"`
}

// BudgetSummary sums key's current lines by the field by (funksjon, ansvar,
// art, part, art-group, side or an attribute) and by part. The total is
// the sum of the rows, to the øre.
func BudgetSummary(ctx context.Context, db SummaryReader, key budget.Key, by string) (*Summary, error) {
	rows, err := db.Summary(ctx, key, by)
	if err != nil {
		return nil, err
	}
	parts, err := db.Summary(ctx, key, budget.ByPart)
	if err != nil {
		return nil, err
	}
	out := &Summary{Year: key.Year, Version: key.Version, By: by, Rows: []SummaryRow{}}
	for _, r := range rows {
		out.Rows = append(out.Rows, SummaryRow{r.Value, r.Lines, budget.FormatOre(r.Ore), r.Ore})
		out.TotalOre += r.Ore
		out.Lines += r.Lines
	}
	out.Total = budget.FormatOre(out.TotalOre)
	for _, p := range parts {
		out.Parts = append(out.Parts, SummaryRow{p.Value, p.Lines, budget.FormatOre(p.Ore), p.Ore})
	}
	return out, nil
}

// ResolveKey is the budget a reader means by a year and maybe a version:
// version when given, else the year's only version, else vedtatt.
func ResolveKey(ctx context.Context, db KeyReader, year int, version budget.Version) (budget.Key, error) {
	if version != "" {
		return budget.Key{Year: year, Version: version}, nil
	}
	keys, err := db.Keys(ctx)
	if err != nil {
		return budget.Key{}, err
	}
	var have []budget.Version
	for _, k := range keys {
		if k.Year == year {
			have = append(have, k.Version)
		}
	}
	if len(have) == 1 {
		return budget.Key{Year: year, Version: have[0]}, nil
	}
	return budget.Key{Year: year, Version: budget.Vedtatt}, nil
}
