package budget_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// TestNoBudget: one message for a year without a budget, naming what
// there is, and ENOTFOUND so every command exits 3 and every page says 404.
func TestNoBudget(t *testing.T) {
	k := budget.Key{Year: 2031, Version: budget.Vedtatt}
	for _, tc := range []struct {
		have []budget.Key
		want string
	}{
		{nil, "no budget for 2031 vedtatt: the workspace holds no budget yet; import a file first"},
		{[]budget.Key{{Year: 2026, Version: budget.Vedtatt}, {Year: 2027, Version: budget.Forslag}}, "no budget for 2031 vedtatt: the workspace has 2026 vedtatt, 2027 forslag"},
	} {
		err := budget.NoBudget(k, tc.have)
		if budget.ErrorCode(err) != budget.ENOTFOUND || budget.ErrorMessage(err) != tc.want {
			t.Errorf("NoBudget(%v): %s %q; want ENOTFOUND %q", tc.have, budget.ErrorCode(err), budget.ErrorMessage(err), tc.want)
		}
	}
}
