package indicators_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func one() decimal.Decimal { return decimal.NewFromInt(1) }

func TestMeasureEffect_EffectAt(t *testing.T) {
	m := indicators.MeasureEffect{Value: dp("-2"), FullYear: 2030, Start: 2027, Weight: one()}
	for y, want := range map[int]string{2024: "0", 2026: "0", 2027: "-0.5", 2028: "-1", 2029: "-1.5", 2030: "-2", 2033: "-2"} {
		if got := m.EffectAt(2023, y); !got.Equal(dec(want)) {
			t.Errorf("EffectAt(%d) = %s, want %s", y, got, want)
		}
	}
	t.Run("running before the baseline ramps from the year after", func(t *testing.T) {
		m := indicators.MeasureEffect{Value: dp("3"), FullYear: 2026, Weight: one()}
		for y, want := range map[int]string{2023: "0", 2024: "1", 2025: "2", 2026: "3"} {
			if got := m.EffectAt(2023, y); !got.Equal(dec(want)) {
				t.Errorf("EffectAt(%d) = %s, want %s", y, got, want)
			}
		}
	})
	t.Run("full year before the start: full from the start", func(t *testing.T) {
		m := indicators.MeasureEffect{Value: dp("1"), FullYear: 2025, Start: 2028, Weight: one()}
		if got := m.EffectAt(2023, 2027); !got.IsZero() {
			t.Errorf("2027 = %s, want 0", got)
		}
		if got := m.EffectAt(2023, 2028); !got.Equal(dec("1")) {
			t.Errorf("2028 = %s, want 1", got)
		}
	})
	t.Run("weighted and rounded", func(t *testing.T) {
		m := indicators.MeasureEffect{Value: dp("1"), FullYear: 2029, Start: 2027, Weight: dec("0.5")}
		if got := m.EffectAt(2023, 2027); !got.Equal(dec("0.166667")) {
			t.Errorf("2027 = %s, want 0.166667", got)
		}
	})
	t.Run("ordinal gives nothing", func(t *testing.T) {
		m := indicators.MeasureEffect{Level: "høy", Weight: one()}
		if got := m.EffectAt(2023, 2030); !got.IsZero() {
			t.Errorf("got %s", got)
		}
	})
}

func TestNewTrajectory(t *testing.T) {
	tg := indicators.Target{Indicator: "barn-lavinntekt", Area: "4699", BaselineYear: 2023, BaselineValue: dec("14"),
		TargetYear: 2030, TargetValue: dec("11")}
	ms := []indicators.MeasureEffect{
		{Nr: "1", Value: dp("-1"), FullYear: 2030, Start: 2027, Weight: one()},
		{Nr: "2", Level: "middels", Weight: one()},
		{Nr: "3", Value: dp("-1"), FullYear: 2026, Weight: dec("0.5")},
		{Nr: "4", Value: dp("-5"), FullYear: 2026, Weight: decimal.Zero}, // elsewhere: listed, not summed
	}
	tr := indicators.NewTrajectory(tg, indicators.LowerIsBetter, ms)
	if len(tr.Points) != 8 || tr.Points[0].Year != 2023 || tr.Points[7].Year != 2030 {
		t.Fatalf("points %+v", tr.Points)
	}
	if got := tr.Points[0]; !got.Measures.Equal(dec("14")) || !got.Target.Equal(dec("14")) || !got.Diff.IsZero() {
		t.Errorf("baseline point %+v", got)
	}
	// 2030: 14 - 1 - 0.5 = 12.5 against 11: 1.5 short.
	last := tr.Points[7]
	if !last.Measures.Equal(dec("12.5")) || !last.Target.Equal(dec("11")) {
		t.Errorf("2030 %+v", last)
	}
	if !tr.Gap.Equal(dec("1.5")) || tr.Reached || !tr.Effect.Equal(dec("-1.5")) {
		t.Errorf("gap %s reached %v effect %s", tr.Gap, tr.Reached, tr.Effect)
	}
	if tr.Covered == nil || !tr.Covered.Equal(dec("50")) {
		t.Errorf("covered %v, want 50", tr.Covered)
	}
	if len(tr.Numeric) != 2 || len(tr.Beside) != 2 || tr.Beside[0].Nr != "2" || tr.Beside[1].Nr != "4" {
		t.Errorf("numeric %v beside %v", tr.Numeric, tr.Beside)
	}

	t.Run("higher is better, target passed", func(t *testing.T) {
		tg := indicators.Target{BaselineYear: 2023, BaselineValue: dec("76"), TargetYear: 2030, TargetValue: dec("78")}
		tr := indicators.NewTrajectory(tg, indicators.HigherIsBetter,
			[]indicators.MeasureEffect{{Value: dp("2.5"), FullYear: 2028, Weight: one()}})
		if !tr.Gap.Equal(dec("-0.5")) || !tr.Reached || !tr.Covered.Equal(dec("125")) {
			t.Errorf("gap %s reached %v covered %v", tr.Gap, tr.Reached, tr.Covered)
		}
	})
	t.Run("no measures", func(t *testing.T) {
		tr := indicators.NewTrajectory(tg, indicators.LowerIsBetter, nil)
		if !tr.Gap.Equal(dec("3")) || tr.Reached || !tr.Covered.IsZero() || tr.Numeric == nil || tr.Beside == nil {
			t.Errorf("%+v", tr)
		}
	})
}

func TestAreaWeight(t *testing.T) {
	geos := []indicators.Geo{
		{Code: "4699", Level: indicators.Kommune, Population: map[int]int{2030: 1000}},
		{Code: "469902", Level: indicators.Bydel, Parent: "4699", Population: map[int]int{2030: 100}},
		{Code: "469903", Level: indicators.Bydel, Parent: "4699", Population: map[int]int{2030: 150}},
		{Code: "46990201", Level: indicators.Delbydel, Parent: "469902", Population: map[int]int{2030: 40}},
		{Code: "469904", Level: indicators.Bydel, Parent: "4699"},
	}
	for _, c := range []struct {
		name   string
		target string
		areas  []string
		want   string
		bears  bool
	}{
		{"whole municipality", "469902", nil, "1", true},
		{"the area itself", "469902", []string{"469902", "469903"}, "1", true},
		{"two bydeler of the kommune", "4699", []string{"469902", "469903"}, "0.25", true},
		{"a delbydel two levels down", "4699", []string{"46990201"}, "0.04", true},
		{"elsewhere", "469903", []string{"469902"}, "0", false},
		{"population unknown", "4699", []string{"469904"}, "0", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := indicators.AreaWeight(c.target, c.areas, geos, 2030)
			if ok != c.bears || !got.Equal(dec(c.want)) {
				t.Errorf("got %s, %v; want %s, %v", got, ok, c.want, c.bears)
			}
		})
	}
}
