package indicators_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func counted(area, v string, n int) indicators.Value {
	x := val(area, "2024", v)
	x.Count = &n
	return x
}

func TestSuppress(t *testing.T) {
	ind := indicators.Indicator{ID: "x"} // default threshold 5
	areas := []indicators.Geo{
		{Code: "4699"},
		{Code: "469901", Parent: "4699"}, {Code: "469902", Parent: "4699"}, {Code: "469903", Parent: "4699"},
	}
	values := []indicators.Value{
		counted("4699", "10", 120),
		counted("469901", "12", 3), // below 5: primary
		counted("469902", "9", 40),
		counted("469903", "11", 77),
	}
	t.Run("public", func(t *testing.T) {
		got := indicators.Suppress(values, ind, areas, true)
		if got[0].Suppressed || got[0].Value.Value == nil {
			t.Errorf("kommune total suppressed: %+v", got[0])
		}
		p := got[1]
		if !p.Suppressed || p.Secondary || p.Value.Value != nil || p.Marker != ":" || p.Note == "" || p.Count != nil {
			t.Errorf("primary: %+v", p)
		}
		// With the kommune published, 469901 could be worked back from the
		// others: the smallest of them (469902, count 40) goes too.
		s := got[2]
		if !s.Suppressed || !s.Secondary || s.Value.Value != nil {
			t.Errorf("secondary: %+v", s)
		}
		if got[3].Suppressed {
			t.Errorf("469903 suppressed too: %+v", got[3])
		}
		if values[1].Value == nil {
			t.Error("Suppress changed its input")
		}
	})
	t.Run("internal", func(t *testing.T) {
		got := indicators.Suppress(values, ind, areas, false)
		for i, want := range []bool{false, true, true, false} {
			if got[i].Confidential != want || got[i].Value.Value == nil {
				t.Errorf("%s: confidential %v value %v, want %v and kept", got[i].Area, got[i].Confidential, got[i].Value.Value, want)
			}
		}
	})
	t.Run("no total", func(t *testing.T) {
		got := indicators.Suppress(values[1:], ind, areas, true)
		if !got[0].Suppressed || got[1].Suppressed || got[2].Suppressed {
			t.Errorf("without a published total only the small count goes: %+v", got)
		}
	})
	t.Run("threshold", func(t *testing.T) {
		got := indicators.Suppress(values[1:2], indicators.Indicator{MinCount: 3}, nil, true)
		if got[0].Suppressed {
			t.Error("count 3 suppressed with min_count 3")
		}
	})
	t.Run("two suppressed", func(t *testing.T) {
		vs := append([]indicators.Value(nil), values...)
		vs[3] = counted("469903", "11", 2)
		got := indicators.Suppress(vs, ind, areas, true)
		if got[2].Suppressed {
			t.Error("a secondary suppression where two are hidden already")
		}
	})
	t.Run("missing stays missing", func(t *testing.T) {
		got := indicators.Suppress([]indicators.Value{val("469901", "2024", "")}, ind, areas, true)
		if got[0].Suppressed || got[0].Marker != ".." {
			t.Errorf("%+v", got[0])
		}
	})
}
