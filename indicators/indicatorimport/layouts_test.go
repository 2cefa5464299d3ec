package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/xuri/excelize/v2"
)

// The same figures of barn-lavinntekt for two areas, two periods and two
// sexes (one value missing, one suppressed), in three layouts.
const (
	longCSV = "Geografi;Periode;Kjønn;Andel;Antall\n" +
		"Sentrum;2019-2021;Kjønn samlet;10,5;120\n" +
		"Sentrum;2019-2021;Gutter;11,0;64\n" +
		"Sentrum;2020-2022;Kjønn samlet;10,9;125\n" +
		"Sentrum;2020-2022;Gutter;:;:\n" +
		"Nordbyen;2019-2021;Kjønn samlet;21,3;400\n" +
		"Nordbyen;2019-2021;Gutter;22,0;210\n" +
		"Nordbyen;2020-2022;Kjønn samlet;..;\n" +
		"Nordbyen;2020-2022;Gutter;22,8;215\n"
	// Wide, one header row, counts as "Antall PERIOD" columns, decimal
	// point, with non-breaking and trailing spaces in the labels.
	wideCSV = "Geografi,Kjønn,Andel 2019-2021,Antall 2019-2021,Andel 2020-2022,Antall 2020-2022\n" +
		"Sentrum\u00a0,kjønn samlet ,10.5,120,10.9,125\n" +
		"Sentrum,Gutter,11,64,:,:\n" +
		"Nordbyen,Kjønn samlet,21.30,400,..,\n" +
		"Nordbyen,Gutter,22.0,210,22.8,215\n"
)

// writeXLSX writes the figures as an analyst would: a title, periods on
// the first header row merged over Andel and Antall, names merged down.
func writeXLSX(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	rows := [][]any{
		{"Barn i lavinntekt (vedvarende), bydeler"},
		{},
		{"Bydel", "Kjønn", "2019-2021", nil, "2020-2022", nil},
		{nil, nil, "Andel", "Antall", "Andel", "Antall"},
		{"Sentrum", "Kjønn samlet", 10.5, 120, 10.9, 125},
		{nil, "Gutter", 11.0, 64, ":", ":"},
		{"Nordbyen", "Kjønn samlet", 21.3, 400, "..", nil},
		{nil, "Gutter", 22.0, 210, 22.8, 215},
		{nil, "Gjennomsnitt", 16.2, nil, 16.8, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "D3"}, {"E3", "F3"}, {"A5", "A6"}, {"A7", "A8"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestRun_SameValuesInEveryLayout(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"long.csv": longCSV, "wide.csv": wideCSV}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeXLSX(t, filepath.Join(dir, "two-row.xlsx"))
	var first []indicators.Value
	for i, name := range []string{"long.csv", "wide.csv", "two-row.xlsx"} {
		db := openDB(t)
		importAreas(t, db, "../../templates/sample/omrader.csv")
		rep := run(t, db, filepath.Join(dir, name), options(t, "barn-lavinntekt"))
		vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 8 {
			t.Errorf("%s (%s): %d values, want 8", name, rep.Result.Layout, len(vs))
		}
		if i == 0 {
			first = vs
			continue
		}
		if !reflect.DeepEqual(show(vs), show(first)) {
			t.Errorf("%s (%s) stored\n%v\nlong.csv stored\n%v", name, rep.Result.Layout, show(vs), show(first))
		}
	}
}

// show renders values for comparison (decimal.Decimal has unexported
// fields that may differ for equal numbers).
func show(vs []indicators.Value) []string {
	var out []string
	for _, v := range vs {
		s := v.Area + " " + v.Period.Label + " " + dimsOf(v) + " = "
		if v.Value != nil {
			s += v.Value.String()
		} else {
			s += "missing " + v.Marker
		}
		if v.Count != nil {
			s += " n=" + strconv.Itoa(*v.Count)
		}
		out = append(out, s)
	}
	return out
}

func dimsOf(v indicators.Value) string {
	s := ""
	for _, d := range v.Dims {
		s += d.Name + "=" + d.Value + ";"
	}
	return s
}
