package indicators_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestRateTrend(t *testing.T) {
	rule := indicators.TrendRule{Periods: 3, Threshold: dec("1"), Text: "regel bokmål", TextNN: "regel nynorsk"}
	lower := indicators.Indicator{ID: "barn-lavinntekt", Better: indicators.LowerIsBetter, Trend: rule}
	higher := indicators.Indicator{ID: "sysselsetting", Better: indicators.HigherIsBetter, Trend: rule}
	series := func(vs ...string) []indicators.Value {
		var out []indicators.Value
		for i, v := range vs {
			out = append(out, val("4699", []string{"2020", "2021", "2022", "2023", "2024"}[i], v))
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		ind    indicators.Indicator
		series []indicators.Value
		want   indicators.Rating
		change string
	}{
		// The last three periods: 2022 (11) to 2024 (9.5): -1.5, at least 1 down.
		{"lower improving", lower, series("20", "12", "11", "10", "9.5"), indicators.Improving, "-1.5"},
		{"lower worsening", lower, series("11", "12", "13"), indicators.Worsening, "2"},
		{"below threshold", lower, series("11", "11.9", "11.9"), indicators.Maintaining, "0.9"},
		{"exactly threshold", lower, series("11", "15", "10"), indicators.Improving, "-1"},
		{"higher improving", higher, series("70", "71", "72"), indicators.Improving, "2"},
		{"higher worsening", higher, series("72", "71", "70.9"), indicators.Worsening, "-1.1"},
		{"too few", lower, series("11", "12"), indicators.Unrated, ""},
		// A missing value at the end is not bridged by the one before it.
		{"last missing", lower, series("13", "12", "11", ""), indicators.Unrated, ""},
		{"first missing", lower, series("13", "", "11", "10"), indicators.Unrated, ""},
		// A missing middle value does not matter: first and last are compared.
		{"middle missing", lower, series("13", "", "11"), indicators.Improving, "-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := indicators.RateTrend(tc.ind, "4699", tc.series, indicators.Bokmal)
			if got.Rating != tc.want {
				t.Fatalf("rating %s, want %s (%+v)", got.Rating, tc.want, got)
			}
			if got.Rule != "regel bokmål" {
				t.Errorf("rule %q", got.Rule)
			}
			if tc.change == "" {
				if got.Change != nil || got.Note == "" {
					t.Errorf("unrated: change %v, note %q", got.Change, got.Note)
				}
				return
			}
			if !got.Change.Equal(dec(tc.change)) {
				t.Errorf("change %s, want %s", got.Change, tc.change)
			}
		})
	}
	nn := indicators.RateTrend(lower, "4699", series("20", "12", "11", "10", "9.5"), indicators.Nynorsk)
	if nn.Rule != "regel nynorsk" || nn.Text != "betring" || !strings.HasPrefix(nn.From.Label, "2022") {
		t.Errorf("nynorsk: %+v", nn)
	}
}
