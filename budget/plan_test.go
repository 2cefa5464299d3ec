package budget_test

import (
	"reflect"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestPlanKeys(t *testing.T) {
	k := func(y int, v budget.Version) budget.Key { return budget.Key{Year: y, Version: v} }
	have := []budget.Key{
		k(2026, budget.Regnskap), k(2026, budget.Revidert), k(2026, budget.Vedtatt),
		k(2027, budget.Forslag), k(2027, budget.Vedtatt),
		k(2028, budget.Revidert), k(2028, budget.Forslag),
		k(2029, budget.Regnskap),
		k(2031, budget.Vedtatt),
	}
	cases := []struct {
		year   int
		prefer budget.Version
		want   []budget.Key
	}{
		{2027, budget.Vedtatt, []budget.Key{k(2027, budget.Vedtatt), k(2028, budget.Forslag)}},
		{2027, budget.Forslag, []budget.Key{k(2027, budget.Forslag), k(2028, budget.Forslag)}},
		{2026, budget.Revidert, []budget.Key{k(2026, budget.Revidert), k(2027, budget.Vedtatt), k(2028, budget.Revidert)}},
		{2026, budget.Regnskap, []budget.Key{k(2026, budget.Regnskap), k(2027, budget.Vedtatt), k(2028, budget.Forslag), k(2029, budget.Regnskap)}},
		{2028, budget.Vedtatt, []budget.Key{k(2028, budget.Forslag), k(2031, budget.Vedtatt)}},
	}
	for _, c := range cases {
		if got := budget.PlanKeys(have, c.year, c.prefer); !reflect.DeepEqual(got, c.want) {
			t.Errorf("PlanKeys(%d, %s) = %v, want %v", c.year, c.prefer, got, c.want)
		}
	}
}
