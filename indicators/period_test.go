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
		{"2024-01-01", "2024", 2024, 2024},
		{"01.01.2024", "2024", 2024, 2024},
		{"2024-03-01", "2024-03", 2024, 2024},
		{"2024-03-15", "2024-03-15", 2024, 2024},
		{"2015-01-01T00:00:00", "2015", 2015, 2015},
		{"2024-2024", "2024", 2024, 2024},
		{"2011-12", "2011-2012", 2011, 2012},
		{"2011/2012", "2011-2012", 2011, 2012},
		{"2013-2015", "2013-2015", 2013, 2015},
		{"2012-2018", "2012-2018", 2012, 2018},
		{"januar 2022", "2022-01", 2022, 2022},
		{"Januar 2022", "2022-01", 2022, 2022},
		{"jan 2022", "2022-01", 2022, 2022},
		{"jan. 2022", "2022-01", 2022, 2022},
		{"desember\u00a02021", "2021-12", 2021, 2021},
		{"mai 2023", "2023-05", 2023, 2023},
		{"2022-01", "2022-01", 2022, 2022},
		{"2022-12", "2022-12", 2022, 2022},
		{"2022M01", "2022-01", 2022, 2022},
		{"2022m1", "2022-01", 2022, 2022},
		{"2022K1", "2022K1", 2022, 2022},
		{"2022Q4", "2022K4", 2022, 2022},
		{"2022-K2", "2022K2", 2022, 2022},
		{"K3 2022", "2022K3", 2022, 2022},
		{"1. kvartal 2022", "2022K1", 2022, 2022},
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
	for _, bad := range []string{"", "-", "24", "2024-1", "2024-13-01", "2024-2018", "abc", "2024-25-26", "20240", "1850", "2022-24",
		"2022M13", "2022M00", "2022-00", "2022K5", "2022K0", "jansen 2022", "januar", "K 2022", "2024-03-15T10:00:00"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if got, err := indicators.ParsePeriod(bad); err == nil {
				t.Errorf("got %+v, want an error", got)
			}
		})
	}
}

// "2011-12" is a school year unless the file's period format says month.
func TestParsePeriodAs(t *testing.T) {
	for _, tc := range []struct {
		in    string
		f     indicators.PeriodFormat
		label string
	}{
		{"2011-12", indicators.PeriodAuto, "2011-2012"},
		{"2011-12", indicators.PeriodMonth, "2011-12"},
		{"2011-12", indicators.PeriodSchoolYear, "2011-2012"},
		{"2022-01", indicators.PeriodMonth, "2022-01"},
		{"1999-00", indicators.PeriodAuto, "1999-2000"},
		{"2024", indicators.PeriodMonth, "2024"},
	} {
		t.Run(tc.in+" as "+string(tc.f), func(t *testing.T) {
			got, err := indicators.ParsePeriodAs(tc.in, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Label != tc.label {
				t.Errorf("got %q, want %q", got.Label, tc.label)
			}
		})
	}
	if got, err := indicators.ParsePeriodAs("2022-01", indicators.PeriodSchoolYear); err == nil {
		t.Errorf("2022-01 as a school year: %+v, want an error", got)
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
	for _, pair := range [][2]string{{"2022-01", "2022-02"}, {"2022-09", "2022-10"}, {"2022K1", "2022K2"}, {"desember 2021", "januar 2022"}} {
		if indicators.ComparePeriods(p(pair[0]), p(pair[1])) >= 0 {
			t.Errorf("%s should come before %s", pair[0], pair[1])
		}
	}
	if indicators.ComparePeriods(p("2024"), p("2024")) != 0 {
		t.Error("equal periods")
	}
}

// FuzzParsePeriod checks that any text either fails or gives a period
// inside the years allowed, not ending before it starts, whose label reads
// back as the same period.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024", "2018-2024", "2022-23", "2011-12", "januar 2022", "jan. 2022", "2022M01", "2022K1",
		"1. kvartal 2022", "K1 2022", "2024-01-01", "01.01.2024", "2024-03-15", "1999-00", "2000M01", "2024.0", "2018 – 2024"} {
		f.Add(s, uint8(0))
	}
	formats := []indicators.PeriodFormat{indicators.PeriodAuto, indicators.PeriodMonth, indicators.PeriodSchoolYear}
	f.Fuzz(func(t *testing.T, s string, fi uint8) {
		p, err := indicators.ParsePeriodAs(s, formats[int(fi)%len(formats)])
		if err != nil {
			return
		}
		if p.Start > p.End || p.Start < 1900 || p.End > 2200 || p.Label == "" {
			t.Fatalf("%q gave %+v", s, p)
		}
		again := indicators.PeriodAuto
		if len(p.Label) == 7 && p.Label[4] == '-' {
			again = indicators.PeriodMonth // "2000-01" alone reads as a school year
		}
		q, err := indicators.ParsePeriodAs(p.Label, again)
		if err != nil || q != p {
			t.Fatalf("%q gave %+v, whose label reads back as %+v, %v", s, p, q, err)
		}
	})
}
