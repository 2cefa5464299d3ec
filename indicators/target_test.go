package indicators_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal { d := dec(s); return &d }

func val(area, period, v string) indicators.Value {
	p, err := indicators.ParsePeriod(period)
	if err != nil {
		panic(err)
	}
	x := indicators.Value{Area: area, Period: p}
	if v != "" {
		x.Value = dp(v)
	} else {
		x.Marker = ".."
	}
	return x
}

func TestTarget_PathAt(t *testing.T) {
	tg := indicators.Target{BaselineYear: 2024, BaselineValue: dec("12"), TargetYear: 2030, TargetValue: dec("9")}
	for y, want := range map[int]string{2020: "12", 2024: "12", 2025: "11.5", 2027: "10.5", 2030: "9", 2035: "9"} {
		if got := tg.PathAt(y); !got.Equal(dec(want)) {
			t.Errorf("PathAt(%d) = %s, want %s", y, got, want)
		}
	}
	thirds := indicators.Target{BaselineYear: 2024, BaselineValue: dec("10"), TargetYear: 2027, TargetValue: dec("11")}
	if got := thirds.PathAt(2025); !got.Equal(dec("10.333333")) {
		t.Errorf("PathAt(2025) = %s, want 10.333333", got)
	}
	if n := len(tg.Path()); n != 7 {
		t.Errorf("Path has %d points, want 7", n)
	}
}

func TestTarget_Validate(t *testing.T) {
	ind := indicators.Indicator{ID: "x", Unit: indicators.Percent}
	ok := indicators.Target{Indicator: "x", Area: "4699", BaselineYear: 2024, BaselineValue: dec("12"), TargetYear: 2030, TargetValue: dec("9")}
	if err := ok.Validate(ind); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*indicators.Target){
		"year order":   func(t *indicators.Target) { t.TargetYear = 2024 },
		"above 100":    func(t *indicators.Target) { t.TargetValue = dec("120") },
		"negative":     func(t *indicators.Target) { t.BaselineValue = dec("-1") },
		"no area":      func(t *indicators.Target) { t.Area = " " },
		"two-digit yr": func(t *indicators.Target) { t.BaselineYear = 24 },
	} {
		tg := ok
		mod(&tg)
		if err := tg.Validate(ind); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTargetStatus(t *testing.T) {
	lower := indicators.Indicator{ID: "barn-lavinntekt", Better: indicators.LowerIsBetter}
	higher := indicators.Indicator{ID: "sysselsetting", Better: indicators.HigherIsBetter}
	tg := indicators.Target{Area: "469901", BaselineYear: 2024, BaselineValue: dec("12"), TargetYear: 2030, TargetValue: dec("9")}
	for _, tc := range []struct {
		name   string
		ind    indicators.Indicator
		series []indicators.Value
		state  indicators.State
		period string
		dist   string
	}{
		// Path in 2026 is 11; 11.5 is 0.5 worse for a lower-is-better indicator.
		{"behind", lower, []indicators.Value{val("469901", "2025", "11"), val("469901", "2026", "11.5")}, indicators.OffTrack, "2026", "-0.5"},
		{"ahead", lower, []indicators.Value{val("469901", "2026", "10.2")}, indicators.OnTrack, "2026", "0.8"},
		{"on the path", lower, []indicators.Value{val("469901", "2026", "11")}, indicators.OnTrack, "2026", "0"},
		// For higher-is-better, the same numbers flip: 11.5 is 0.5 better than 11.
		{"higher ahead", higher, []indicators.Value{val("469901", "2026", "11.5")}, indicators.OnTrack, "2026", "0.5"},
		// The latest period with a value is judged; a missing newer one is noted.
		{"newest missing", lower, []indicators.Value{val("469901", "2027", ""), val("469901", "2025", "11.7")}, indicators.OffTrack, "2025", "-0.2"},
		// A span is placed at its end year: 2020-2026 against the 2026 path.
		{"span", lower, []indicators.Value{val("469901", "2020-2026", "10")}, indicators.OnTrack, "2020-2026", "1"},
		{"other area", lower, []indicators.Value{val("469902", "2026", "10")}, indicators.NoData, "", ""},
		{"before baseline", lower, []indicators.Value{val("469901", "2023", "10")}, indicators.NoData, "", ""},
		{"empty", lower, nil, indicators.NoData, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := indicators.TargetStatus(tg, tc.ind, tc.series)
			if got.State != tc.state {
				t.Fatalf("state %s, want %s (%+v)", got.State, tc.state, got)
			}
			if tc.period == "" {
				if got.Period != nil || got.Distance != nil {
					t.Errorf("no data but period %v distance %v", got.Period, got.Distance)
				}
				return
			}
			if got.Period.Label != tc.period || !got.Distance.Equal(dec(tc.dist)) {
				t.Errorf("period %s distance %s, want %s %s", got.Period.Label, got.Distance, tc.period, tc.dist)
			}
		})
	}
	if st := indicators.TargetStatus(tg, lower, []indicators.Value{val("469901", "2027", ""), val("469901", "2025", "11.7")}); st.Note == "" {
		t.Error("a newer missing period is not noted")
	}
}
