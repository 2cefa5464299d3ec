package indicators_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in         string
		label      string
		start, end int
	}{
		{"2024", "2024", 2024, 2024},
		{" 2024 ", "2024", 2024, 2024},
		{"2024.0", "2024", 2024, 2024},
		{"2018-2024", "2018-2024", 2018, 2024},
		{"2018 - 2024", "2018-2024", 2018, 2024},
		{"2018–2024", "2018-2024", 2018, 2024},
		{"2018 – 2024", "2018-2024", 2018, 2024},
		{"2018\u00a0-\u00a02024", "2018-2024", 2018, 2024},
		{"2018_2024", "2018-2024", 2018, 2024},
		{"2022-23", "2022-2023", 2022, 2023},
		{"2022/23", "2022-2023", 2022, 2023},
		{"1999-00", "1999-2000", 1999, 2000},
		{"2024-01-01", "2024-01-01", 2024, 2024},
		{"01.01.2024", "2024-01-01", 2024, 2024},
		{"2024-2024", "2024", 2024, 2024},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := indicators.ParsePeriod(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			want := indicators.Period{Label: tc.label, Start: tc.start, End: tc.end}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
	for _, bad := range []string{"", "-", "24", "2024-1", "2024-13-01", "2024-2018", "abc", "2024-25-26", "20240", "1850", "2022-24"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if got, err := indicators.ParsePeriod(bad); err == nil {
				t.Errorf("got %+v, want an error", got)
			}
		})
	}
}

func TestComparePeriods(t *testing.T) {
	p := func(s string) indicators.Period {
		t.Helper()
		x, err := indicators.ParsePeriod(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	if indicators.ComparePeriods(p("2017-2023"), p("2024")) >= 0 {
		t.Error("2017-2023 should come before 2024")
	}
	if indicators.ComparePeriods(p("2018-2024"), p("2024")) >= 0 {
		t.Error("the span 2018-2024 should come before the year 2024 (same end)")
	}
	if indicators.ComparePeriods(p("2024"), p("2024")) != 0 {
		t.Error("equal periods")
	}
}
