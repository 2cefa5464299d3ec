package budget_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestComparer_Result(t *testing.T) {
	l := func(part budget.Part, ansvar, art, tekst string) *budget.Line {
		return &budget.Line{Part: part, Ansvar: ansvar, Funksjon: "232", Art: art,
			Attributes: []budget.Attribute{{Name: "tekst", Value: tekst}}}
	}
	from := []struct {
		l   *budget.Line
		ore int64
	}{
		{l(budget.Drift, "3100", "010", "Lønn"), 100_000_00},
		{l(budget.Drift, "3100", "120", "Kjøp"), 20_000_00},
		{l(budget.Drift, "3100", "120", "Kjøp, del 2"), 5_000_00}, // same codes: one line
		{l(budget.Drift, "3200", "010", "Fjernes"), 7_000_00},
		{l(budget.Drift, "9000", "800", "Skatt"), -132_000_00},
		{l(budget.Investering, "3100", "020", "Bygg"), 50_000_00},
	}
	to := []struct {
		l   *budget.Line
		ore int64
	}{
		{l(budget.Drift, "3100", "010", "Lønn, omformulert"), 100_000_00}, // unchanged, reworded
		{l(budget.Drift, "3100", "120", "Kjøp"), 26_000_00},
		{l(budget.Drift, "3300", "010", "Ny"), 3_000_01},
		{l(budget.Drift, "9000", "800", "Skatt"), -132_000_00},
		{l(budget.Investering, "3100", "020", "Bygg"), 50_000_00},
		{l(budget.Drift, "3100", "020", "Bygg"), 1_00}, // same codes in another part: a new line
	}
	t.Run("by art group", func(t *testing.T) {
		c := budget.NewComparer(budget.ByArtGroup)
		for _, x := range from {
			c.From(x.l, x.ore)
		}
		for _, x := range to {
			c.To(x.l, x.ore)
		}
		got, err := c.Result(budget.GroupLess(budget.ByArtGroup, func(a, b string) bool { return a < b }))
		if err != nil {
			t.Fatal(err)
		}
		want := []budget.CompareRow{
			{Group: budget.GroupLonn, From: 157_000_00, To: 153_001_01, Change: -3_998_99, Added: 2, Removed: 1},
			{Group: budget.GroupKjop, From: 25_000_00, To: 26_000_00, Change: 1_000_00, Changed: 1},
			{Group: budget.GroupInntekter, From: -132_000_00, To: -132_000_00},
		}
		if len(got.Rows) != len(want) {
			t.Fatalf("rows = %+v, want %+v", got.Rows, want)
		}
		for i := range want {
			if got.Rows[i] != want[i] {
				t.Errorf("row %d = %+v, want %+v", i, got.Rows[i], want[i])
			}
		}
		var sum budget.CompareRow
		for _, r := range got.Rows {
			sum.From += r.From
			sum.To += r.To
			sum.Change += r.Change
			sum.Added += r.Added
			sum.Removed += r.Removed
		}
		if got.Total.From != sum.From || got.Total.To != sum.To || got.Total.Change != sum.Change ||
			got.Total.Added != sum.Added || got.Total.Removed != sum.Removed {
			t.Errorf("total %+v is not the sum of the rows %+v", got.Total, sum)
		}
	})
	t.Run("by part", func(t *testing.T) {
		c := budget.NewComparer(budget.ByPart)
		for _, x := range from {
			c.From(x.l, x.ore)
		}
		for _, x := range to {
			c.To(x.l, x.ore)
		}
		got, err := c.Result(budget.GroupLess(budget.ByPart, nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Rows) != 2 || got.Rows[0].Group != "drift" || got.Rows[0].Change != 1_000_00-7_000_00+3_000_01+1_00 ||
			got.Rows[1].Group != "investering" || got.Rows[1].Change != 0 {
			t.Errorf("rows = %+v", got.Rows)
		}
	})
}

// TestLatestBudget: the latest version of the year, regnskap aside; none
// is ENOTFOUND.
func TestLatestBudget(t *testing.T) {
	keys := []budget.Key{{Year: 2027, Version: budget.Forslag}, {Year: 2027, Version: budget.Regnskap}, {Year: 2027, Version: budget.Vedtatt}, {Year: 2028, Version: budget.Revidert}}
	if k, err := budget.LatestBudget(keys, 2027); err != nil || k != (budget.Key{Year: 2027, Version: budget.Vedtatt}) {
		t.Errorf("2027: %v %v, want vedtatt", k, err)
	}
	if k, err := budget.LatestBudget(keys, 2028); err != nil || k.Version != budget.Revidert {
		t.Errorf("2028: %v %v, want revidert", k, err)
	}
	if _, err := budget.LatestBudget(keys[1:2], 2027); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("only regnskap: %v, want ENOTFOUND", err)
	}
}
