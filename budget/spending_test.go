package budget_test

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestSpendingKeys(t *testing.T) {
	k := func(y int, v budget.Version) budget.Key { return budget.Key{Year: y, Version: v} }
	cases := []struct {
		name     string
		keys     []budget.Key
		want     budget.Key
		accounts bool
	}{
		{"none", nil, budget.Key{}, false},
		{"vedtatt only", []budget.Key{k(2026, budget.Vedtatt)}, k(2026, budget.Vedtatt), false},
		{"revidert wins over vedtatt in either order", []budget.Key{k(2026, budget.Revidert), k(2026, budget.Vedtatt), k(2026, budget.Regnskap)}, k(2026, budget.Revidert), true},
		{"forslag is not a budget to compare", []budget.Key{k(2026, budget.Forslag), k(2026, budget.Regnskap)}, budget.Key{}, true},
		{"other years ignored", []budget.Key{k(2025, budget.Revidert), k(2027, budget.Vedtatt), k(2025, budget.Regnskap)}, budget.Key{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, acc := budget.SpendingKeys(c.keys, 2026)
			if got != c.want || acc != c.accounts {
				t.Errorf("SpendingKeys = %v, %v; want %v, %v", got, acc, c.want, c.accounts)
			}
		})
	}
}

// TestSpending checks each measure's amounts against the links given: the
// sum of the links' amounts, each rounded to the øre first (three halves
// of 1 øre are 3 øre, not the 2 a rounded sum would give).
func TestSpending(t *testing.T) {
	year := 2026
	bk := budget.Key{Year: year, Version: budget.Vedtatt}
	ak := budget.Key{Year: year, Version: budget.Regnskap}
	sel := func(s string) budget.Selector { x, _ := budget.ParseSelector(s); return x }
	half := decimal.RequireFromString("50")
	ms := []budget.Measure{
		{Nr: "2", Name: "To", Reporting: "u1", Selector: sel("funksjon=232"), Share: half},
		{Nr: "1", Name: "En", Reporting: "u2", Selector: sel("funksjon=233"), Share: budget.FullShare},
		{Nr: "9", Name: "Later", Selector: sel("funksjon=232"), Share: half, Start: 2027},
	}
	mkLines := func(k budget.Key, fn string, ores ...int64) []budget.Line {
		var out []budget.Line
		for _, o := range ores {
			out = append(out, budget.Line{Funksjon: fn, Art: "010", Amounts: []budget.Amount{{Key: k, Ore: o}}})
		}
		return out
	}
	budgetLines := append(mkLines(bk, "232", 1, 1, 1), mkLines(bk, "233", 1000)...)
	accountLines := append(mkLines(ak, "232", -3, 10001), mkLines(ak, "999", 5)...)
	bl, _ := budget.Links(bk, budgetLines, ms)
	al, _ := budget.Links(ak, accountLines, ms)
	reports := []budget.MeasureReport{
		{Measure: "2", Period: budget.Period{Year: year, Term: budget.T1}, SpentGiven: true, SpentOre: 1},
		{Measure: "2", Period: budget.Period{Year: year, Term: budget.T2}, SpentGiven: true, SpentOre: 2},
		{Measure: "1", Period: budget.Period{Year: year, Term: budget.T1}, SpentGiven: false},
	}
	got, err := budget.Spending(ms, year, bk, bl, true, al, reports)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		nr            string
		budgetOre     int64
		budgetLines   int
		accountsOre   int64
		accountLines  int
		reportedSpent int64 // -1: none
	}
	want := []row{
		{"2", 3, 3, -2 + 5001, 2, 2}, // -1.5 → -2, 5000.5 → 5001
		{"1", 1000, 1, 0, 0, -1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows %+v, want %d (measure 9 starts later)", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		spent := int64(-1)
		if g.Reported != nil {
			spent = g.Reported.SpentOre
		}
		if r := (row{g.Measure, g.BudgetOre, g.BudgetLines, g.AccountsOre, g.AccountLines, spent}); r != w {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
		if g.Budget != bk || !g.HasAccounts || g.Year != year {
			t.Errorf("row %d compares %v (accounts %v, year %d)", i, g.Budget, g.HasAccounts, g.Year)
		}
		var parts, accParts int64
		for _, l := range bl {
			if l.Measure == g.Measure {
				parts += l.CountedOre
			}
		}
		for _, l := range al {
			if l.Measure == g.Measure {
				accParts += l.CountedOre
			}
		}
		if g.BudgetOre != parts || g.AccountsOre != accParts {
			t.Errorf("measure %s: %d/%d øre, the sum of its links is %d/%d", g.Measure, g.BudgetOre, g.AccountsOre, parts, accParts)
		}
	}

	t.Run("no budget, no accounts", func(t *testing.T) {
		got, err := budget.Spending(ms, year, budget.Key{}, nil, false, nil, nil)
		if err != nil || len(got) != 2 || got[0].Budget != (budget.Key{}) || got[0].HasAccounts || got[0].BudgetLines != 0 {
			t.Errorf("%+v %v", got, err)
		}
	})
	t.Run("overflow is EINVALID", func(t *testing.T) {
		huge := []budget.Link{{Measure: "2", CountedOre: math.MaxInt64}, {Measure: "2", CountedOre: 1}}
		if _, err := budget.Spending(ms, year, bk, huge, false, nil, nil); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("err %v, want EINVALID", err)
		}
	})
}

func TestCheckLinks(t *testing.T) {
	k26 := budget.Key{Year: 2026, Version: budget.Vedtatt}
	k27 := budget.Key{Year: 2027, Version: budget.Vedtatt}
	sel := func(s string) budget.Selector { x, _ := budget.ParseSelector(s); return x }
	share := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	mk := func(k budget.Key, fn string, ores ...int64) []budget.Line {
		var out []budget.Line
		for i, o := range ores {
			out = append(out, budget.Line{Row: i + 2, Funksjon: fn, Ansvar: "3100", Art: "010", Amounts: []budget.Amount{{Key: k, Ore: o}}})
		}
		return out
	}
	data := map[budget.Key][]budget.Line{
		k26: append(mk(k26, "232", 1, 2), mk(k26, "233", 3)...),
		k27: mk(k27, "232", 4, 5, 6),
	}
	var read []budget.Key
	lines := func(k budget.Key, fn func(*budget.Line) error) error {
		read = append(read, k)
		for i := range data[k] {
			if err := fn(&data[k][i]); err != nil {
				return err
			}
		}
		return nil
	}
	cases := []struct {
		name   string
		ms     []budget.Measure
		picked map[string]map[budget.Key]int
		over   int
		reads  int
	}{
		{"no measures read nothing", nil, map[string]map[budget.Key]int{}, 0, 0},
		{"picks per key, only in the years a measure runs", []budget.Measure{
			{Nr: "1", Selector: sel("funksjon=232"), Share: share("40")},
			{Nr: "2", Selector: sel("funksjon=233"), Share: share("100"), End: 2026},
			{Nr: "3", Selector: sel("funksjon=999"), Share: share("10")},
		}, map[string]map[budget.Key]int{"1": {k26: 2, k27: 3}, "2": {k26: 1}}, 0, 2},
		{"lines counted over 100 %", []budget.Measure{
			{Nr: "1", Selector: sel("funksjon=232"), Share: share("60")},
			{Nr: "2", Selector: sel("ansvar=3100"), Share: share("50"), Start: 2027},
		}, map[string]map[budget.Key]int{"1": {k26: 2, k27: 3}, "2": {k27: 3}}, 3, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			read = nil
			got, err := budget.CheckLinks(c.ms, []budget.Key{k26, k27}, lines)
			if err != nil {
				t.Fatal(err)
			}
			if len(read) != c.reads {
				t.Errorf("read %v, want %d keys read", read, c.reads)
			}
			if len(got.Picked) != len(c.picked) {
				t.Errorf("picked %v, want %v", got.Picked, c.picked)
			}
			for nr, per := range c.picked {
				for k, n := range per {
					if got.Picked[nr][k] != n || len(got.Picked[nr]) != len(per) {
						t.Errorf("measure %s picks %v, want %v", nr, got.Picked[nr], per)
					}
				}
			}
			if got.OvercountCount != c.over || len(got.Overcounts) != c.over {
				t.Errorf("overcounts %d %+v, want %d", got.OvercountCount, got.Overcounts, c.over)
			}
			for _, o := range got.Overcounts {
				if o.Key != k27 || !o.Share.Equal(share("110")) {
					t.Errorf("overcount %+v, want 110 %% in %v", o, k27)
				}
			}
		})
	}
}
