package indicators_test

import (
	"math"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func f(x float64) *float64 { return &x }

func near(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil, want %.9g", name, want)
		return
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %.12g, want %.12g", name, *got, want)
	}
}

// TestAreaInequality_HandWorked checks the measures against this example,
// worked by hand. Indicator: barn-lavinntekt (lower is better). Ranking
// indicator: lavinntekt (lower is better, so the highest value is the
// socio-economically worst and comes first).
//
//	area  population  lavinntekt  value
//	A        100         15        20
//	B        300         10        12
//	C        100          5         6
//
// Order worst to best: A, B, C; W = 500.
// Cumulative shares: A (0, 0.2] → x = 0.1; B (0.2, 0.8] → x = 0.5;
// C (0.8, 1] → x = 0.9.
// x̄ = (100·0.1 + 300·0.5 + 100·0.9)/500 = 250/500 = 0.5
// ȳ = (100·20 + 300·12 + 100·6)/500 = 6200/500 = 12.4 (the weighted mean)
// Σw(x−x̄)² = 100·0.16 + 0 + 100·0.16 = 32
// Σw(x−x̄)(y−ȳ) = 100·(−0.4)(7.6) + 0 + 100·(0.4)(−6.4) = −304 − 256 = −560
// SII = b = −560/32 = −17.5
// a = ȳ − b·x̄ = 12.4 + 8.75 = 21.15; fitted at the top a + b = 3.65
// RII = 3.65 / 21.15 = 0.17257683215...
// Gap: best C (6), worst A (20): 14. Ratio 20/6 = 3.3333...
// D has no value and E is prikket: both are listed as left out.
func TestAreaInequality_HandWorked(t *testing.T) {
	figs := []indicators.AreaFigure{
		{Area: "C", Value: f(6), Population: 100, Socio: f(5)},
		{Area: "A", Value: f(20), Population: 100, Socio: f(15)},
		{Area: "B", Value: f(12), Population: 300, Socio: f(10)},
		{Area: "D", Population: 50, Socio: f(7)},
		{Area: "E", Suppressed: true, Population: 20, Socio: f(9)},
	}
	got := indicators.AreaInequality(indicators.Period{Label: "2024", Start: 2024, End: 2024},
		indicators.LowerIsBetter, indicators.LowerIsBetter, figs)
	near(t, "gap", got.Gap, 14)
	near(t, "ratio", got.Ratio, 20.0/6)
	near(t, "SII", got.SII, -17.5)
	near(t, "RII", got.RII, 3.65/21.15)
	if got.Best != "C" || got.Worst != "A" || got.Areas != 3 {
		t.Errorf("best %s worst %s areas %d", got.Best, got.Worst, got.Areas)
	}
	want := map[string]string{"D": indicators.LeftMissing, "E": indicators.LeftSuppressed}
	if len(got.LeftOut) != 2 {
		t.Errorf("left out %v, want D and E", got.LeftOut)
	}
	for _, l := range got.LeftOut {
		if want[l.Area] != l.Reason {
			t.Errorf("left out %s for %q, want %q", l.Area, l.Reason, want[l.Area])
		}
	}
	// One area prikket: the mean (12.4) would give it back with the total, so it is withheld.
	if got.Mean != nil {
		t.Errorf("mean %v published with exactly one area prikket", *got.Mean)
	}
	// Without the prikket area the mean is published: 12.4 as worked above.
	got = indicators.AreaInequality(got.Period, indicators.LowerIsBetter, indicators.LowerIsBetter, figs[:4])
	near(t, "mean", got.Mean, 12.4)
}

// TestAreaInequality_TwoAreas: two areas of 100 people, ranking indicator
// sysselsetting (higher is better, so the lower value is worst and first).
// X (sysselsetting 60, value 10) gets x = 0.25; Y (80, value 20) x = 0.75.
// x̄ = 0.5, ȳ = 15, b = (100·(−0.25)(−5) + 100·0.25·5)/(100·0.0625·2)
// = 250/12.5 = 20; a = 15 − 20·0.5 = 5; RII = (5 + 20)/5 = 5.
func TestAreaInequality_TwoAreas(t *testing.T) {
	got := indicators.AreaInequality(indicators.Period{Label: "2024"}, indicators.HigherIsBetter, indicators.HigherIsBetter,
		[]indicators.AreaFigure{
			{Area: "Y", Value: f(20), Population: 100, Socio: f(80)},
			{Area: "X", Value: f(10), Population: 100, Socio: f(60)},
		})
	near(t, "SII", got.SII, 20)
	near(t, "RII", got.RII, 5)
	near(t, "gap", got.Gap, 10)
	if got.Best != "Y" || got.Worst != "X" {
		t.Errorf("best %s worst %s", got.Best, got.Worst)
	}
}

// TestAreaInequality_Ties: areas with the same ranking value share a rank.
// P and Q (lavinntekt 10, 100 people each, values 4 and 8) form one group
// covering (0, 2/3], midpoint 1/3; R (lavinntekt 2, 100, value 3) gets 5/6.
// x̄ = (1/3·200 + 5/6·100)/300 = 0.5, ȳ = (400 + 800 + 300)/300 = 5.
// Σw(x−x̄)² = 200·(1/6)² + 100·(1/3)² = 50/9 + 100/9 = 50/3
// Σw(x−x̄)(y−ȳ) = 100(−1/6)(−1) + 100(−1/6)(3) + 100(1/3)(−2) = −100
// SII = −100 / (50/3) = −6; a = 5 + 6·0.5 = 8; top 8 − 6 = 2; RII = 2/8 = 0.25.
// Had P and Q been ranked apart (1/6 and 1/2), SII would differ: ties matter.
func TestAreaInequality_Ties(t *testing.T) {
	got := indicators.AreaInequality(indicators.Period{Label: "2024"}, indicators.LowerIsBetter, indicators.LowerIsBetter,
		[]indicators.AreaFigure{
			{Area: "P", Value: f(4), Population: 100, Socio: f(10)},
			{Area: "Q", Value: f(8), Population: 100, Socio: f(10)},
			{Area: "R", Value: f(3), Population: 100, Socio: f(2)},
		})
	near(t, "SII", got.SII, -6)
	near(t, "RII", got.RII, 0.25)
}

func TestAreaInequality_Degenerate(t *testing.T) {
	p := indicators.Period{Label: "2024"}
	one := indicators.AreaInequality(p, indicators.LowerIsBetter, indicators.LowerIsBetter,
		[]indicators.AreaFigure{{Area: "A", Value: f(3), Population: 10, Socio: f(1)}, {Area: "B"}})
	if one.Gap != nil || one.SII != nil || len(one.Notes) == 0 || len(one.LeftOut) != 1 {
		t.Errorf("one area: %+v", one)
	}
	noSocio := indicators.AreaInequality(p, indicators.LowerIsBetter, indicators.LowerIsBetter,
		[]indicators.AreaFigure{{Area: "A", Value: f(3), Population: 10}, {Area: "B", Value: f(5)}})
	if noSocio.Gap == nil || noSocio.SII != nil || len(noSocio.LeftOut) != 2 {
		t.Errorf("no socio, no population: %+v", noSocio)
	}
	near(t, "mean over the area with a population", noSocio.Mean, 3)
	same := indicators.AreaInequality(p, indicators.LowerIsBetter, indicators.LowerIsBetter,
		[]indicators.AreaFigure{{Area: "A", Value: f(3), Population: 10, Socio: f(1)}, {Area: "B", Value: f(5), Population: 10, Socio: f(1)}})
	if same.SII != nil {
		t.Errorf("SII from areas that all share a rank: %v", *same.SII)
	}
}

func TestFigures(t *testing.T) {
	p, _ := indicators.ParsePeriod("2024")
	areas := []indicators.Geo{
		{Code: "469901", Population: map[int]int{2023: 900, 2025: 1100}},
		{Code: "469902", Population: map[int]int{2026: 500}},
		{Code: "469903"},
	}
	values := []indicators.Shown{
		{Value: val("469901", "2024", "10")},
		{Value: val("469901", "2023", "99")},
		{Value: val("469902", "2024", ""), Suppressed: true},
	}
	socio := []indicators.Shown{
		{Value: val("469901", "2022", "7")},
		{Value: val("469901", "2024", "8")},
		{Value: val("469901", "2025", "9")}, // after the period: not used
	}
	figs := indicators.Figures(p, areas, values, socio)
	if len(figs) != 3 {
		t.Fatalf("%d figures", len(figs))
	}
	a, b, c := figs[0], figs[1], figs[2]
	if a.Value == nil || *a.Value != 10 || a.Population != 900 || a.Socio == nil || *a.Socio != 8 {
		t.Errorf("469901: %+v", a)
	}
	if b.Value != nil || !b.Suppressed || b.Population != 500 || b.Socio != nil {
		t.Errorf("469902: %+v", b)
	}
	if c.Value != nil || c.Suppressed || c.Population != 0 {
		t.Errorf("469903: %+v", c)
	}
}

func TestCompareGroups(t *testing.T) {
	mk := func(area, edu, v string) indicators.Shown {
		x := val(area, "2017-2023", v)
		x.Dims = []indicators.Dim{{Name: "kjønn", Value: "begge"}, {Name: "Utdanningsnivå", Value: edu}}
		return indicators.Shown{Value: x}
	}
	pair := indicators.GroupPair{Dim: "utdanningsnivå", A: "grunnskole", B: "universitet/høyskole"}
	got := indicators.CompareGroups(pair, []indicators.Shown{
		mk("4699", "Grunnskole", "78.9"),
		mk("4699", "videregående", "82.0"),
		mk("4699", "Universitet/høyskole", "84.5"),
		mk("0301", "grunnskole", "77"),
	})
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Area != "0301" || got[0].Gap != nil || got[0].Reason == "" {
		t.Errorf("0301 without B: %+v", got[0])
	}
	near(t, "gap", got[1].Gap, 84.5-78.9)
	near(t, "ratio", got[1].Ratio, 84.5/78.9)
	if len(got[1].Dims) != 1 || got[1].Dims[0].Name != "kjønn" {
		t.Errorf("other dims %+v", got[1].Dims)
	}
}

// FHI's real labels: the column "Utdanning", the groups "grunnskole" and
// "universitet/ høgskole" (nynorsk spelling, a space after the slash),
// against the catalogue's pair of levealder-utdanning.
func TestCompareGroups_FHILabels(t *testing.T) {
	c := defaultCatalogue(t)
	ind, ok := c.Get("levealder-utdanning")
	if !ok {
		t.Fatal("levealder-utdanning not in the catalogue")
	}
	mk := func(dim, edu, v string) indicators.Shown {
		x := val("4699", "2010-2024", v)
		x.Dims = []indicators.Dim{{Name: dim, Value: edu}}
		return indicators.Shown{Value: x}
	}
	for _, tc := range []struct{ dim, a, b string }{
		{"utdanning", "grunnskole", "universitet/ høgskole"},
		{"Utdanning", "Grunnskule", "Universitet / høgskule"},
		{"utdanningsnivå", "grunnskole", "universitet/høyskole"},
		{"Utdanningsnivå", "grunnskole", "universitet/\u00a0høgskole"},
	} {
		t.Run(tc.dim+" "+tc.b, func(t *testing.T) {
			got := indicators.CompareGroups(ind.Groups, []indicators.Shown{mk(tc.dim, tc.a, "78.5"), mk(tc.dim, tc.b, "84")})
			if len(got) != 1 {
				t.Fatalf("got %+v, want one gap", got)
			}
			near(t, "gap", got[0].Gap, 84-78.5)
		})
	}
}
