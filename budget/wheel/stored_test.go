package wheel_test

import (
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TestBudgetYear: the July cut-off, in Oslo's time, whatever the zone of
// the instant given.
func TestBudgetYear(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want int
	}{
		{time.Date(2027, 6, 30, 23, 59, 0, 0, wheel.Oslo()), 2027},
		{time.Date(2027, 7, 1, 0, 0, 0, 0, wheel.Oslo()), 2028},
		{time.Date(2027, 6, 30, 22, 30, 0, 0, time.UTC), 2028}, // 00:30 on 1 July in Oslo
		{time.Date(2027, 12, 31, 12, 0, 0, 0, wheel.Oslo()), 2028},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, wheel.Oslo()), 2027},
	} {
		if got := wheel.BudgetYear(c.at); got != c.want {
			t.Errorf("BudgetYear(%s) = %d, want %d", c.at, got, c.want)
		}
	}
}

// TestReportPeriod: which report a month's occurrence produces.
func TestReportPeriod(t *testing.T) {
	for _, c := range []struct {
		month time.Month
		want  budget.Period
	}{
		{time.January, budget.Period{Year: 2026, Term: budget.TermYear}},
		{time.April, budget.Period{Year: 2026, Term: budget.TermYear}},
		{time.May, budget.Period{Year: 2027, Term: budget.T1}},
		{time.August, budget.Period{Year: 2027, Term: budget.T1}},
		{time.September, budget.Period{Year: 2027, Term: budget.T2}},
		{time.December, budget.Period{Year: 2027, Term: budget.T2}},
	} {
		if got := wheel.ReportPeriod(time.Date(2027, c.month, 15, 9, 0, 0, 0, wheel.Oslo())); got != c.want {
			t.Errorf("%s: %v, want %v", c.month, got, c.want)
		}
	}
}
