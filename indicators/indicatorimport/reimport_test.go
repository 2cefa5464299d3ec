package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/xuri/excelize/v2"
)

// A re-import of the same bytes with a corrected option is a new vintage
// that replaces the earlier values, not "unchanged"; the same options again
// are unchanged.
func TestRun_ReimportWithOtherOptionsReplaces(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fractions := write("fractions.csv", "Geografi;År;Andel\nSentrum;2024;0,105\nNordbyen;2024;0,21\nSjøsiden;2024;0,3\n")
	bySex := write("sex.csv", "Geografi;År;Kjønn;Andel\nSentrum;2024;Gutter;11\nSentrum;2024;Jenter;9\n")
	twoCols := write("two.csv", "Geografi;År;Andel;Prosent\nSentrum;2024;11;12\n")
	mapping := write("mapping.yaml", "columns:\n  geo_name: Geografi\n  period: År\n  value: Prosent\n")
	book := filepath.Join(dir, "book.xlsx")
	f := excelize.NewFile()
	for i, s := range []string{"Sheet1", "Rettet"} {
		if i > 0 {
			if _, err := f.NewSheet(s); err != nil {
				t.Fatal(err)
			}
		}
		for j, r := range [][]any{{"Geografi", "År", "Andel"}, {"Sentrum", "2024", 10 + i}} {
			if err := f.SetSheetRow(s, "A"+string(rune('1'+j)), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	m, err := indicatorfile.LoadMapping(context.Background(), mapping)
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name          string
		path          string
		wrong, right  func(*indicatorimport.Options)
		before, after string // Sentrum's 2024 value
	}{
		{"scale", fractions, func(*indicatorimport.Options) {}, func(o *indicatorimport.Options) { o.Scale = indicatorfile.ScaleFraction }, "0.105", "10.5"},
		{"where", bySex, func(o *indicatorimport.Options) { o.Where = []indicatorfile.Where{{Column: "Kjønn", Value: "Gutter"}} },
			func(o *indicatorimport.Options) { o.Where = []indicatorfile.Where{{Column: "Kjønn", Value: "Jenter"}} }, "11", "9"},
		{"sheet", book, func(*indicatorimport.Options) {}, func(o *indicatorimport.Options) { o.Sheet = "Rettet" }, "10", "11"},
		{"mapping", twoCols, func(*indicatorimport.Options) {}, func(o *indicatorimport.Options) { o.Mapping = m }, "11", "12"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			importAreas(t, db, "../../templates/sample/omrader.csv")
			o := options(t, "barn-lavinntekt")
			c.wrong(&o)
			first := run(t, db, c.path, o)
			if got := sentrum2024(t, db); got != c.before {
				t.Fatalf("first import: Sentrum 2024 = %s, want %s", got, c.before)
			}
			o = options(t, "barn-lavinntekt")
			c.right(&o)
			rep, err := indicatorimport.Run(context.Background(), db, c.path, o)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != indicatorimport.Imported {
				t.Fatalf("corrected re-import: %s, want imported", rep.Status)
			}
			if len(rep.Replaced) != 1 || rep.Replaced[0].ID != first.Vintages[0].ID {
				t.Errorf("replaced %+v, want vintage %d", rep.Replaced, first.Vintages[0].ID)
			}
			if got := sentrum2024(t, db); got != c.after {
				t.Errorf("after the corrected import: Sentrum 2024 = %s, want %s", got, c.after)
			}
			rep, err = indicatorimport.Run(context.Background(), db, c.path, o)
			if err != nil || rep.Status != indicatorimport.Unchanged {
				t.Errorf("the same file and options again: %v, %v; want unchanged", rep.Status, err)
			}
		})
	}
}

func sentrum2024(t *testing.T, db interface {
	IndicatorValues(context.Context, string, time.Time) ([]indicators.Value, error)
}) string {
	t.Helper()
	vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		if v.Area == "469901" && v.Period.Label == "2024" && v.Value != nil {
			got = append(got, v.Value.String())
		}
	}
	return strings.Join(got, ",")
}
