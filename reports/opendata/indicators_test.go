package opendata_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// source is an IndicatorSource built in the test.
type source struct {
	areas  []indicators.Geo
	values map[string][]indicators.Value
}

func (s source) Areas(context.Context) ([]indicators.Geo, error) { return s.areas, nil }
func (s source) IndicatorValues(_ context.Context, id string, _ time.Time) ([]indicators.Value, error) {
	return s.values[id], nil
}

func value(id, area, period string, v string, count int, dims ...indicators.Dim) indicators.Value {
	d := decimal.RequireFromString(v)
	return indicators.Value{Indicator: id, Area: area, Period: indicators.Period{Label: period}, Dims: dims, Value: &d, Count: &count}
}

// TestLoadIndicators_suppressed checks that the published values are the
// public report's: a bydel under the threshold and the sister that would
// let it be worked back from the kommune are left empty with ":", no count
// leaves, and an area the workspace does not know is not published.
func TestLoadIndicators_suppressed(t *testing.T) {
	ind := indicators.Indicator{ID: "barn-lav", Name: "Barn i lavinntekt", NameNN: "Born i låginntekt", Determinant: "inntekt",
		Definition: "Andel barn", Unit: indicators.Percent, Better: indicators.LowerIsBetter, Source: "SSB",
		Levels: []indicators.Level{indicators.Kommune, indicators.Bydel}, MinCount: 10,
		Trend: indicators.TrendRule{Periods: 3, Text: "Utvikling", TextNN: "Utvikling"}}
	cat, err := indicators.NewCatalogue([]indicators.Indicator{ind})
	if err != nil {
		t.Fatal(err)
	}
	src := source{
		areas: []indicators.Geo{{Code: "4601", Name: "Sørvik", Level: indicators.Kommune},
			{Code: "460101", Name: "Ås", Level: indicators.Bydel, Parent: "4601"},
			{Code: "460102", Name: "Øvre", Level: indicators.Bydel, Parent: "4601"},
			{Code: "460103", Name: "Bakken", Level: indicators.Bydel, Parent: "4601"}},
		values: map[string][]indicators.Value{"barn-lav": {
			value("barn-lav", "4601", "2024", "14.5", 900),
			value("barn-lav", "460101", "2024", "31.7", 4),   // under 10: primary
			value("barn-lav", "460102", "2024", "12.25", 40), // the smaller sister: secondary
			value("barn-lav", "460103", "2024", "11.9", 600),
			value("barn-lav", "460103", "2024", "13.4", 300, indicators.Dim{Name: "kjonn", Value: "jenter"}),
			value("barn-lav", "0301", "2024", "99.9", 1000), // Oslo, for comparison only
		}},
	}
	vals, err := opendata.LoadIndicators(context.Background(), src, cat, indicators.Nynorsk)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "pakke")
	if err := opendata.Write(dir, opendata.Package{Municipality: "Sørvik", Year: 2025, Indicators: vals}); err != nil {
		t.Fatal(err)
	}
	_, tables := readPackage(t, dir)
	got := map[string]map[string]string{}
	for _, r := range tables["indikatorverdier"].Rows {
		got[r["area"]+"/"+r["dims"]] = r
	}
	want := map[string]struct{ value, marker string }{
		"4601/": {"14.5", ""}, "460101/": {"", ":"}, "460102/": {"", ":"}, "460103/": {"11.9", ""}, "460103/kjonn=jenter": {"13.4", ""},
	}
	if len(got) != len(want) {
		t.Errorf("%d rows, want %d: %v", len(got), len(want), got)
	}
	for k, w := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("no row %s", k)
			continue
		}
		if r["value"] != w.value || r["marker"] != w.marker || r["name"] != "Born i låginntekt" || r["period"] != "2024" {
			t.Errorf("%s: %v, want value %q marker %q", k, r, w.value, w.marker)
		}
		if w.marker == ":" && !strings.HasPrefix(r["note"], "prikket") {
			t.Errorf("%s: note %q", k, r["note"])
		}
	}
	for _, f := range tables["indikatorverdier"].Fields {
		if f.Name == "area" && f.Type != "string" {
			t.Errorf("area is %s, want string", f.Type)
		}
		if strings.Contains(f.Name, "count") {
			t.Errorf("a count field %q is published", f.Name)
		}
	}
	// The hidden figures appear nowhere in the package.
	for _, hidden := range []string{"31.7", "12.25", "99.9"} {
		if b := readAll(t, dir); strings.Contains(b, hidden) {
			t.Errorf("the package holds the suppressed or foreign value %s", hidden)
		}
	}
}

// readAll is every file of the package in dir, concatenated.
func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
