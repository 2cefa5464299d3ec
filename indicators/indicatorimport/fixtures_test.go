package indicatorimport_test

import (
	"context"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// The fixture files name Telemark's and Vestfold's kommuner, the counties
// and the country. The tests import those areas from a hand-written area
// file (testdata/telemark-omrader.csv, codes as of 2024), as a
// municipality would import its own before its indicators.

// find returns the value of area and period with exactly dims.
func find(t *testing.T, vs []indicators.Value, area, period string, dims ...indicators.Dim) indicators.Value {
	t.Helper()
	want := sqlite.EncodeDims(dims)
	for _, v := range vs {
		if v.Area == area && v.Period.Label == period && sqlite.EncodeDims(v.Dims) == want {
			return v
		}
	}
	t.Fatalf("no value for %s %s %s", area, period, want)
	return indicators.Value{}
}

func valueOf(t *testing.T, v indicators.Value) string {
	t.Helper()
	if v.Value == nil {
		t.Fatalf("%s %s: missing (marker %q)", v.Area, v.Period.Label, v.Marker)
	}
	return v.Value.String()
}

func TestRun_FixtureTrangboddhet(t *testing.T) {
	path := fixture(t, "fhi-trangboddhet", "trangboddhet.csv")
	db := openDB(t)
	importAreas(t, db, "testdata/telemark-omrader.csv")
	opts := options(t, "trangboddhet")
	opts.Scale = indicatorfile.ScaleFraction
	rep := run(t, db, path, opts)
	if got := rep.Result.Count(); got != 380 {
		t.Errorf("values = %d, want 380 (one per row)", got)
	}
	vs, err := db.IndicatorValues(context.Background(), "trangboddhet", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// SOURCE.txt: 0.103350755704193 = 10.3 % (Hele landet, 2015, totalt).
	// "totalt" and "alle aldre" are the whole population: no dims.
	if got := valueOf(t, find(t, vs, "00", "2015")); got != "10.3350755704193" {
		t.Errorf("Hele landet 2015 totalt = %s, want 10.3350755704193", got)
	}
	inv := indicators.Dim{Name: "innvandringsbakgrunn", Value: "innvandrere"}
	if got := valueOf(t, find(t, vs, "00", "2015", inv)); got != "24.3105059734042" {
		t.Errorf("Hele landet 2015 innvandrere = %s, want 24.3105059734042", got)
	}
	areas := map[string]bool{}
	for _, v := range vs {
		areas[v.Area] = true
	}
	if len(areas) != 19 || !areas["40"] || !areas["4036"] {
		t.Errorf("areas = %v, want 19: 00, 40 and 17 kommuner", areas)
	}
	// The same bytes again: unchanged.
	again, err := indicatorimport.Run(context.Background(), db, path, opts)
	if err != nil || again.Status != indicatorimport.Unchanged {
		t.Errorf("second import: %+v, %v", again, err)
	}
}

func TestRun_FixtureLavinntektInnvandrere(t *testing.T) {
	path := fixture(t, "fhi-lavinntekt-innvandrere", "andel_innvandrere_i_lavinntekt_fhi.csv")
	db := openDB(t)
	importAreas(t, db, "testdata/telemark-omrader.csv")
	rep := run(t, db, path, options(t, "lavinntekt"))
	if got := rep.Result.Count(); got != 684 {
		t.Errorf("values = %d, want 684", got)
	}
	vs, err := db.IndicatorValues(context.Background(), "lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// Alder and Lavinntektsgrense hold one value in the whole file: noted,
	// not stored as dims, so the series is not split by them.
	inv := []indicators.Dim{{Name: "innvandringskategori", Value: "Innvandrere"}}
	v := find(t, vs, "00", "2004-2006", inv...)
	if got := valueOf(t, v); got != "21.3217349172738" {
		t.Errorf("Hele landet 2004-2006 innvandrere = %s, want 21.3217349172738", got)
	}
	if v.Period.Start != 2004 || v.Period.End != 2006 {
		t.Errorf("period = %+v, want a span 2004-2006", v.Period)
	}
}

func TestRun_FixtureBarnLavinntektTelemark(t *testing.T) {
	path := fixture(t, "fhi-lavinntekt-innvandrere", "vedvarende_lavinntekt_0-17_telemark.csv")
	db := openDB(t)
	importAreas(t, db, "testdata/telemark-omrader.csv")
	rep := run(t, db, path, options(t, "barn-lavinntekt"))
	if got := rep.Result.Count(); got != 19 {
		t.Errorf("values = %d, want 19", got)
	}
	vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for area, want := range map[string]string{"4012": "10", "40": "12", "00": "10", "4016": "15"} {
		if got := valueOf(t, find(t, vs, area, "2021-2023")); got != want {
			t.Errorf("%s 2021-2023 = %s, want %s", area, got, want)
		}
	}
	// The county and the country are kept, as reference geographies.
	areas, _ := db.Areas(context.Background())
	for _, a := range areas {
		if (a.Code == "40" && a.Level != indicators.Fylke) || (a.Code == "00" && a.Level != indicators.Land) {
			t.Errorf("%s %s is %s", a.Code, a.Name, a.Level)
		}
	}
}

func TestRun_FixtureTelemarkWorkbook(t *testing.T) {
	path := fixture(t, "telemark-lavinntekt-xlsx", "Lavinntekt.xlsx")
	db := openDB(t)
	importAreas(t, db, "testdata/telemark-omrader.csv")
	rep := run(t, db, path, options(t, "barn-lavinntekt"))
	res := rep.Result
	// 6 Vestfold + 17 Telemark kommuner + Vestfold og Telemark, 6 periods.
	if got := res.Count(); got != 24*6 {
		t.Errorf("values = %d, want %d", got, 24*6)
	}
	if res.Skipped["aggregate"] != 2 {
		t.Errorf("skipped = %v, want the 2 Gjennomsnitt rows as aggregate", res.Skipped)
	}
	vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	age := indicators.Dim{Name: "alder", Value: "0-17 år"}
	for _, c := range []struct{ area, period, want string }{
		{"3901", "2013-2015", "10.7"}, // Horten
		{"3903", "2015-2017", "8.3"},  // Holmestrand, stored as 8.3000000000000007
		{"4024", "2018-2020", "19.4"}, // Hjartdal, in the column headed "2018-2020   "
		{"3911", "2018-2020", "12.4"}, // Færder, the row above the first average
		{"38", "2018-2020", "12.5"},   // Vestfold og Telemark: a county
	} {
		if got := valueOf(t, find(t, vs, c.area, c.period, age)); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.area, c.period, got, c.want)
		}
	}
	for _, v := range vs {
		if v.Value != nil && (v.Value.String() == "10.166666666666666" || v.Value.String() == "10.1666666666667") {
			t.Errorf("the average row was imported as %s", v.Area)
		}
	}
}
