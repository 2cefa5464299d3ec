package wheel_test

import (
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wheel.Oslo()) }

func TestEaster(t *testing.T) {
	for _, tc := range []struct {
		year int
		want time.Time
	}{
		{2024, date(2024, 3, 31)}, {2025, date(2025, 4, 20)}, {2026, date(2026, 4, 5)},
		{2027, date(2027, 3, 28)}, {2028, date(2028, 4, 16)}, {2038, date(2038, 4, 25)},
	} {
		if got := wheel.Easter(tc.year); !got.Equal(tc.want) {
			t.Errorf("Easter(%d) = %s, want %s", tc.year, got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
		}
	}
}

func TestHoliday_2026(t *testing.T) {
	want := map[string]string{
		"2026-01-01": "1. nyttårsdag", "2026-04-02": "skjærtorsdag", "2026-04-03": "langfredag",
		"2026-04-05": "1. påskedag", "2026-04-06": "2. påskedag", "2026-05-01": "1. mai",
		"2026-05-14": "Kristi himmelfartsdag", "2026-05-17": "17. mai", "2026-05-24": "1. pinsedag",
		"2026-05-25": "2. pinsedag", "2026-12-25": "1. juledag", "2026-12-26": "2. juledag",
	}
	for d := date(2026, 1, 1); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		got, key := wheel.Holiday(d), d.Format(time.DateOnly)
		if got != want[key] {
			t.Errorf("Holiday(%s) = %q, want %q", key, got, want[key])
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		in, want   time.Time
		wantReason string
	}{
		{date(2026, 5, 17), date(2026, 5, 18), "17. mai"},      // a Sunday and the national day
		{date(2027, 5, 17), date(2027, 5, 18), "17. mai"},      // a Monday
		{date(2026, 4, 2), date(2026, 4, 7), "skjærtorsdag"},   // through Easter to the Tuesday
		{date(2026, 5, 16), date(2026, 5, 18), "lørdag"},       // Saturday, then 17. mai
		{date(2026, 5, 13), date(2026, 5, 13), ""},             // an ordinary Wednesday
		{date(2026, 12, 24), date(2026, 12, 24), ""},           // julaften is a working day
		{date(2026, 12, 25), date(2026, 12, 28), "1. juledag"}, // 25, 26 and a Sunday
		{date(2027, 1, 1), date(2027, 1, 4), "1. nyttårsdag"},  // a Friday, then the weekend
		{date(2026, 5, 14), date(2026, 5, 15), "Kristi himmelfartsdag"},
	} {
		got, reason := wheel.NextWorkingDay(tc.in)
		if !got.Equal(tc.want) || reason != tc.wantReason {
			t.Errorf("NextWorkingDay(%s) = %s %q, want %s %q", tc.in.Format(time.DateOnly),
				got.Format(time.DateOnly), reason, tc.want.Format(time.DateOnly), tc.wantReason)
		}
	}
}
