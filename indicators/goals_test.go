package indicators_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
	"github.com/shopspring/decimal"
)

func TestGoalsReachedAtBaseline(t *testing.T) {
	d := decimal.RequireFromString
	cat, err := indicators.LoadCatalogue(templates.Indicators) // barn-lavinntekt: lower is better
	if err != nil {
		t.Fatal(err)
	}
	targets := []indicators.Target{
		{Indicator: "barn-lavinntekt", Area: "0301", BaselineYear: 2024, BaselineValue: d("12"), TargetYear: 2030, TargetValue: d("10")},
		{Indicator: "barn-lavinntekt", Area: "030102", BaselineYear: 2024, BaselineValue: d("20"), TargetYear: 2030, TargetValue: d("15")},
	}
	ms := []budget.Measure{
		// judged in its own bydel, baseline 20: a måltall of 18 asks for a fall
		{Row: 2, Nr: "1", Areas: []string{"030102"}, Targets: []budget.MeasureTarget{{Indicator: "barn-lavinntekt", Value: d("18"), Year: 2028}}},
		// no area: the kommune's baseline 12 already meets 13
		{Row: 3, Nr: "2", Targets: []budget.MeasureTarget{{Indicator: "barn-lavinntekt", Value: d("13"), Year: 2028}}},
		// an indicator not in the catalogue is not judged
		{Row: 4, Nr: "3", Targets: []budget.MeasureTarget{{Indicator: "ukjent", Value: d("1"), Year: 2028}}},
	}
	asked := 0
	ws, err := indicators.GoalsReachedAtBaseline(ms, cat, targets, "0301", func(string) ([]indicators.Value, error) {
		asked++
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Nr != "2" || ws[0].Area != "0301" || !ws[0].Baseline.BaselineValue.Equal(d("12")) {
		t.Errorf("warnings %+v, want one for measure 2 in 0301 at baseline 12", ws)
	}
	if asked != 1 {
		t.Errorf("values asked %d times, want once per indicator", asked)
	}
}
