package indicators_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func series(t *testing.T, area string, pv ...string) []indicators.Value {
	t.Helper()
	var out []indicators.Value
	for i := 0; i+1 < len(pv); i += 2 {
		p, err := indicators.ParsePeriod(pv[i])
		if err != nil {
			t.Fatal(err)
		}
		v := d(pv[i+1])
		out = append(out, indicators.Value{Area: area, Period: p, Value: &v})
	}
	return out
}

// TestJudgeGoal: a row of the workbook is judged against its own måltall,
// not against the area's target (the demo's trivsel row had måltall 88,
// latest 88,8, and said "ikke i rute" because the area aims at 90).
func TestJudgeGoal(t *testing.T) {
	higher := indicators.Indicator{ID: "trivsel", Better: indicators.HigherIsBetter, Unit: indicators.Percent}
	lower := indicators.Indicator{ID: "frafall", Better: indicators.LowerIsBetter, Unit: indicators.Percent}
	areaHigh := &indicators.Target{Indicator: "trivsel", Area: "K", BaselineYear: 2023, BaselineValue: d("87"), TargetYear: 2030, TargetValue: d("90")}
	areaLow := &indicators.Target{Indicator: "frafall", Area: "K", BaselineYear: 2023, BaselineValue: d("13.6"), TargetYear: 2030, TargetValue: d("12")}
	for _, c := range []struct {
		name     string
		ind      indicators.Indicator
		goal     string
		year     int
		area     *indicators.Target
		vals     []string
		state    indicators.State
		reached  bool
		distance string
	}{
		{"higher is better, måltall reached though the area's path is not", higher, "88", 2030, areaHigh, []string{"2025", "88.8"}, indicators.OnTrack, true, "0.8"},
		{"higher is better, behind the måltall's path", higher, "95", 2030, areaHigh, []string{"2025", "87.5"}, indicators.OffTrack, false, "-1.785714"},
		{"lower is better, måltall stricter than the area's", lower, "11", 2030, areaLow, []string{"2025", "13.2"}, indicators.OffTrack, false, "-0.342857"},
		{"lower is better, ahead of the måltall's path", lower, "11", 2030, areaLow, []string{"2025", "12.0"}, indicators.OnTrack, false, "0.857143"},
		{"lower is better, reached", lower, "11", 2030, areaLow, []string{"2024", "14", "2025", "10.9"}, indicators.OnTrack, true, "0.1"},
		{"no area path: judged against the måltall itself", lower, "11", 2030, nil, []string{"2025", "13.2"}, indicators.OffTrack, false, "-2.2"},
		{"no area path, reached", higher, "88", 2030, nil, []string{"2025", "88"}, indicators.OnTrack, true, "0"},
		{"no data", higher, "88", 2030, areaHigh, nil, indicators.NoData, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := indicators.JudgeGoal(d(c.goal), c.year, c.area, "K", c.ind, series(t, "K", c.vals...))
			if st.State != c.state || st.Reached != c.reached {
				t.Errorf("state %s reached %v, want %s %v", st.State, st.Reached, c.state, c.reached)
			}
			if c.distance == "" {
				if st.Distance != nil {
					t.Errorf("distance %s, want none", st.Distance)
				}
				return
			}
			if st.Distance == nil || !st.Distance.Equal(d(c.distance)) {
				t.Errorf("distance %v, want %s", st.Distance, c.distance)
			}
		})
	}
}

func TestGoalPath(t *testing.T) {
	area := indicators.Target{BaselineYear: 2023, BaselineValue: d("13.6"), TargetYear: 2030, TargetValue: d("12")}
	gp := indicators.GoalPath(area, d("11"), 2030)
	if !gp.PathAt(2023).Equal(d("13.6")) || !gp.PathAt(2030).Equal(d("11")) {
		t.Errorf("path %s…%s", gp.PathAt(2023), gp.PathAt(2030))
	}
	flat := indicators.GoalPath(area, d("11"), 2022)
	for _, y := range []int{2020, 2023, 2024, 2030} {
		if !flat.PathAt(y).Equal(d("11")) {
			t.Errorf("a måltall before the baseline: path %d = %s, want 11", y, flat.PathAt(y))
		}
	}
}

func TestDistanceText(t *testing.T) {
	for _, c := range []struct {
		d    string
		u    indicators.Unit
		lang indicators.Lang
		want string
	}{
		{"-3.1", indicators.Percent, indicators.Bokmal, "mangler 3,1\u00a0prosentpoeng"},
		{"1.24", indicators.Percent, indicators.Bokmal, "1,2\u00a0prosentpoeng bedre enn målbanen"},
		{"1.25", indicators.Percent, indicators.Nynorsk, "1,3\u00a0prosentpoeng betre enn målbana"},
		{"-0.04", indicators.Percent, indicators.Bokmal, "på målbanen"},
		{"-2", indicators.Years, indicators.Nynorsk, "manglar 2,0\u00a0år"},
		{"-12.4", indicators.Count, indicators.Bokmal, "mangler 12"},
		{"0.5", indicators.Points, indicators.Bokmal, "0,5\u00a0poeng bedre enn målbanen"},
	} {
		t.Run(c.d+string(c.u), func(t *testing.T) {
			if got := indicators.DistanceText(d(c.d), c.u, c.lang, "målbanen", "målbana"); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	if got := indicators.FormatNumber(d("-1.25"), 1); got != "−1,3" {
		t.Errorf("FormatNumber = %q, want the minus sign U+2212 and half away from zero", got)
	}
	if got := indicators.FormatNumber(d("-0.04"), 1); got != "0,0" {
		t.Errorf("FormatNumber(-0.04) = %q, want no sign", got)
	}
}
