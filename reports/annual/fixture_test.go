package annual_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

// spec sizes a generated workspace.
type spec struct {
	indicators, areas, years, measures int
	year                               int // the year reported on
	// shaped makes the second, differently shaped data set: a bydel
	// without values (but with a target), ind-01 published by education
	// level, ind-03 in years, targets for the bydeler, amounts whose
	// rounded rows do not add up to the rounded total, accounts below
	// budget, no budget for the year before and no reports for the year.
	shaped bool
}

var (
	small  = spec{indicators: 3, areas: 5, years: 6, measures: 8, year: 2026}
	shaped = spec{indicators: 3, areas: 5, years: 6, measures: 6, year: 2026, shaped: true}
)

// The shaped data set's bydel without values, and its group dimension.
const (
	emptyArea = "469909"
	groupDim  = "Utdanningsnivå"
	groupA    = "grunnskole"
	groupB    = "universitet/høyskole"
)

// The planted small number: indicator ind-01 in the third bydel, in the
// latest period, has a count below the threshold and this value, which
// no other figure of the fixture has.
const (
	hiddenArea  = "469903"
	hiddenName  = "Småbyen"
	hiddenValue = "37.7"
	hiddenText  = "37,7"
)

// fixed is the import time of everything the fixture stores, so reports
// are dated from the data.
var fixed = time.Date(2027, 2, 20, 9, 0, 0, 0, time.UTC)

// build makes a workspace of s's size: a kommune and its bydeler, the
// indicators (as catalogue overrides, with lavinntekt for the ranking),
// values for every indicator, area and year, targets, one unit, measures
// linked to budget lines, the budget of the year and the year before and
// the year's accounts, and the units' reports for T1, T2 and the year.
func build(tb testing.TB, path string, s spec) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	geos := []indicators.Geo{{Code: "4699", Name: "Testvik kommune", Level: indicators.Kommune, Population: map[int]int{s.year: 40000}}}
	for a := 1; a <= s.areas; a++ {
		name := fmt.Sprintf("Bydel %02d", a)
		if fmt.Sprintf("4699%02d", a) == hiddenArea {
			name = hiddenName
		}
		geos = append(geos, indicators.Geo{Code: fmt.Sprintf("4699%02d", a), Name: name, Level: indicators.Bydel, Parent: "4699",
			Population: map[int]int{s.year: 2000 + 300*a}})
	}
	if s.shaped {
		geos = append(geos, indicators.Geo{Code: emptyArea, Name: "Tomby", Level: indicators.Bydel, Parent: "4699", Population: map[int]int{s.year: 1800}})
	}
	must(db.ImportAreas(ctx, "areas.csv", geos, nil))

	var inds []indicators.Indicator
	for i := 1; i <= s.indicators; i++ {
		ind := indicator(fmt.Sprintf("ind-%02d", i), fmt.Sprintf("Indikator nummer %d", i))
		if s.shaped && i == 1 {
			ind.Groups = indicators.GroupPair{Dim: groupDim, A: groupA, B: groupB}
		}
		if s.shaped && i == 3 {
			ind.Unit, ind.Better = indicators.Years, indicators.HigherIsBetter
		}
		inds = append(inds, ind)
	}
	must(db.SaveIndicatorOverrides(ctx, "catalogue.yaml", inds))
	first := s.year - s.years + 1
	imp, err := db.BeginIndicatorImport(ctx)
	must(err)
	all := append([]indicators.Indicator{indicator("lavinntekt", "")}, inds...)
	var targets []indicators.Target
	for n, ind := range all {
		_, err := imp.BeginVintage(sqlite.Vintage{Indicator: ind.ID, Source: ind.ID + ".csv", SHA256: fmt.Sprintf("%064d", n+1), ImportedAt: fixed})
		must(err)
		for _, g := range geos {
			if g.Code == emptyArea {
				continue // a bydel with no values at all
			}
			for y := first; y <= s.year; y++ {
				v := decimal.NewFromFloat(value(n, g.Code, y))
				count := 500
				if g.Level == indicators.Kommune {
					count = 9000
				}
				if ind.ID == "ind-01" && g.Code == hiddenArea && y == s.year {
					v, count = decimal.RequireFromString(hiddenValue), 3
				}
				must(imp.Add(indicators.Value{Indicator: ind.ID, Area: g.Code, Period: indicators.Period{Label: fmt.Sprint(y), Start: y, End: y},
					Value: &v, Count: &count}))
				if s.shaped && ind.ID == "ind-01" {
					for k, grp := range []string{groupA, groupB} {
						gv := v.Add(decimal.NewFromFloat(float64(4*k) - 1.5))
						must(imp.Add(indicators.Value{Indicator: ind.ID, Area: g.Code, Period: indicators.Period{Label: fmt.Sprint(y), Start: y, End: y},
							Dims: []indicators.Dim{{Name: groupDim, Value: grp}}, Value: &gv, Count: &count}))
					}
				}
			}
		}
		if ind.ID != "lavinntekt" {
			areas := []string{"4699"}
			if s.shaped && ind.ID != "ind-03" {
				areas = append(areas, "469901", "469902", emptyArea)
			}
			for _, a := range areas {
				base := decimal.NewFromFloat(value(n, a, first+1))
				if a == emptyArea {
					base = decimal.NewFromInt(20)
				}
				if s.shaped && ind.ID == "ind-03" {
					base = base.Add(decimal.NewFromInt(3)) // a path above the values: behind it, in years
				}
				step := decimal.NewFromInt(2)
				if ind.Better == indicators.HigherIsBetter {
					step = step.Neg()
				}
				targets = append(targets, indicators.Target{Indicator: ind.ID, Area: a, BaselineYear: first + 1, BaselineValue: base,
					TargetYear: s.year + 4, TargetValue: base.Sub(step)})
			}
		}
	}
	_, err = imp.Commit()
	must(err)
	must(db.SaveTargets(ctx, targets))

	must(db.ImportUnits(ctx, "units.csv", []budget.Unit{{Code: "u", Name: "Helsetjenesten", Kind: budget.Virksomhet}}))
	var ms []budget.Measure
	for m := 1; m <= s.measures; m++ {
		sel, err := budget.ParseSelector(fmt.Sprintf("ansvar=%d", 1000+m))
		must(err)
		id := fmt.Sprintf("ind-%02d", (m-1)%s.indicators+1)
		eff := decimal.NewFromFloat(-0.5)
		ms = append(ms, budget.Measure{Nr: fmt.Sprint(m), Name: fmt.Sprintf("Tiltak %d", m), Responsible: []string{"u"}, Reporting: "u",
			Effort: budget.Efforts[m%3], Determinant: indicators.Determinants[m%4], Indicators: []string{id},
			Targets:  []budget.MeasureTarget{{Indicator: id, Value: decimal.NewFromInt(10), Year: s.year + 4}},
			Effect:   budget.Effect{Indicator: id, Value: &eff, Year: s.year + 2},
			Selector: sel, Share: decimal.NewFromInt(100), Status: budget.StatusVedtatt})
	}
	if s.shaped {
		// no budget for the year before; rows of 0,50 kr that round up
		// one by one; accounts below budget
		importBudget(tb, db, "budget", budget.Key{Year: s.year, Version: budget.Vedtatt}, s.measures, 50)
		importBudget(tb, db, "accounts", budget.Key{Year: s.year, Version: budget.Regnskap}, s.measures, -12_345_67)
	} else {
		importBudget(tb, db, "budget-prev", budget.Key{Year: s.year - 1, Version: budget.Vedtatt}, s.measures, 0)
		importBudget(tb, db, "budget", budget.Key{Year: s.year, Version: budget.Vedtatt}, s.measures, 100)
		importBudget(tb, db, "accounts", budget.Key{Year: s.year, Version: budget.Regnskap}, s.measures, 137)
	}
	must(db.ReplaceMeasures(ctx, "tiltak.csv", ms))

	for t, term := range budget.Terms {
		if s.shaped && term == budget.TermYear {
			break // no reports for the year yet
		}
		snap := budget.ReportSnapshot{Unit: "u", Period: budget.Period{Year: s.year, Term: term}, Source: fmt.Sprintf("rapport-%s.xlsx", term),
			SHA256: fmt.Sprintf("%064x", 0xabc+t), ImportedAt: fixed}
		for m := 1; m <= s.measures; m++ {
			r := budget.MeasureReport{Row: m + 1, Measure: fmt.Sprint(m), Status: budget.IRute, SpentOre: int64(m) * 100_000 * int64(t+1), SpentGiven: true,
				Comment: "Som planlagt."}
			if m%4 == 2 && term == budget.T2 {
				r.Status, r.Deviation = budget.Forsinket, fmt.Sprintf("Tiltak %d er forsinket fordi en stilling sto ledig.", m)
			}
			snap.Reports = append(snap.Reports, r)
		}
		_, _, err := db.SaveReportSnapshot(ctx, snap)
		must(err)
	}
	return db
}

// indicator is a complete generated indicator.
func indicator(id, name string) indicators.Indicator {
	if name == "" {
		name = id
	}
	return indicators.Indicator{ID: id, Name: name, NameNN: name + " (nn)", Determinant: "inntekt", Definition: "Andel av befolkningen, generert til test.",
		Unit: indicators.Percent, Better: indicators.LowerIsBetter, Source: "SSB", Levels: []indicators.Level{indicators.Kommune, indicators.Bydel},
		Trend: indicators.TrendRule{Periods: 3, Threshold: decimal.NewFromInt(1), Text: "Endring over tre perioder på minst 1.", TextNN: "Endring over tre periodar på minst 1."}}
}

// value is the generated value of indicator n in area and year: between 5
// and 30, one decimal, never 37.7.
func value(n int, area string, y int) float64 {
	h := n*131 + y*17
	for _, c := range area {
		h = h*7 + int(c)
	}
	if h < 0 {
		h = -h
	}
	return 5 + float64(h%250)/10
}

// importBudget stores a dataset for key: for each measure one line on its
// ansvar (funksjon 232, art 010) of (m × 1 000 000 + extra × m) øre, and
// two lines no measure picks.
func importBudget(tb testing.TB, db *sqlite.DB, name string, key budget.Key, measures int, extra int64) {
	tb.Helper()
	ctx := context.Background()
	im, err := db.BeginImport(ctx, budget.Dataset{Source: name + ".csv", SHA256: fmt.Sprintf("%064x", len(name)*1000+key.Year), Format: "csv"})
	if err != nil {
		tb.Fatal(err)
	}
	row := 1
	add := func(ansvar, art string, ore int64) {
		row++
		if err := im.Add(&budget.Line{Row: row, Ansvar: ansvar, Funksjon: "232", Art: art, Amounts: []budget.Amount{{Key: key, Ore: ore}}}); err != nil {
			tb.Fatal(err)
		}
	}
	for m := 1; m <= measures; m++ {
		add(fmt.Sprint(1000+m), "010", int64(m)*1_000_000_00+extra*int64(m))
	}
	add("9000", "010", 500_000_000_00)
	add("9000", "800", -100_000_000_00)
	if _, err := im.Commit(budget.Dataset{ImportedAt: fixed}); err != nil {
		tb.Fatal(err)
	}
}

// catalogue is the built-in catalogue with the workspace's overrides, as
// the CLI makes it.
func catalogue(tb testing.TB, db *sqlite.DB) *indicators.Catalogue {
	tb.Helper()
	def, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		tb.Fatal(err)
	}
	over, err := db.IndicatorOverrides(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	c, err := def.Merge(over)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func tempDB(tb testing.TB) string { return filepath.Join(tb.TempDir(), "ws.db") }
