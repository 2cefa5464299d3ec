package model

import (
	"context"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Comparison is `budget compare --json`: two versions of a year's budget
// (the proposal and the adopted budget, say) group by group, amounts as
// decimal kroner strings. Raw keeps the øre for those who print it.
type Comparison struct {
	Year  int               `json:"year"`
	From  budget.Version    `json:"from"`
	To    budget.Version    `json:"to"`
	By    string            `json:"by"`
	Rows  []ComparisonRow   `json:"rows"`
	Total ComparisonRow     `json:"total"`
	Raw   budget.Comparison `json:"-"`
}

// ComparisonRow is one group of a Comparison.
type ComparisonRow struct {
	Group   string `json:"group"`
	From    string `json:"from"`
	To      string `json:"to"`
	Change  string `json:"change"`
	Added   int    `json:"lines_added"`
	Removed int    `json:"lines_removed"`
	Changed int    `json:"lines_changed"`
}

// Unchanged says whether no line was added, removed or changed.
func (c *Comparison) Unchanged() bool {
	return c.Raw.Total.Added+c.Raw.Total.Removed+c.Raw.Total.Changed == 0
}

// Compare compares the current datasets of year's versions from and to,
// grouped by the field by (see budget.Comparer; the store reads the lines).
// A version without a current dataset is ENOTFOUND.
func (r Reads) Compare(ctx context.Context, year int, from, to budget.Version, by string) (*Comparison, error) {
	fk, tk := budget.Key{Year: year, Version: from}, budget.Key{Year: year, Version: to}
	c, err := r.DB.Compare(ctx, fk, tk, by)
	if err != nil {
		return nil, err
	}
	conv := func(r budget.CompareRow) ComparisonRow {
		return ComparisonRow{r.Group, budget.FormatOre(r.From), budget.FormatOre(r.To), budget.FormatOre(r.Change), r.Added, r.Removed, r.Changed}
	}
	out := &Comparison{Year: year, From: from, To: to, By: c.By, Rows: []ComparisonRow{}, Total: conv(c.Total), Raw: c}
	for _, row := range c.Rows {
		out.Rows = append(out.Rows, conv(row))
	}
	return out, nil
}
