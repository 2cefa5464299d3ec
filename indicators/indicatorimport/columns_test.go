package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// importCSV writes data and imports it as indicator id into a workspace
// with the sample areas; it returns the report (nil with the error when
// the file was refused whole) and the stored values.
func importCSV(t *testing.T, id, data string, opt func(*indicatorimport.Options)) (*indicatorimport.Report, []indicators.Value, error) {
	t.Helper()
	db := openDB(t)
	importAreas(t, db, "../../templates/sample/omrader.csv")
	p := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	o := options(t, id)
	if opt != nil {
		opt(&o)
	}
	rep, err := indicatorimport.Run(context.Background(), db, p, o)
	if err != nil {
		return nil, nil, err
	}
	vs, err := db.IndicatorValues(context.Background(), id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return rep, vs, nil
}

// Helper and unit columns are recognised from the data, noted, and never
// taken for the value or made a dimension.
func TestRun_HelperColumns(t *testing.T) {
	for _, c := range []struct {
		name, id, data string
		want           []string // show() of the stored values
		note           string
	}{
		{"text column headed Måltall is the unit, not the value", "levealder-utdanning",
			"Geografi;År;Kjønn;Måltall;Forventet levealder\nSentrum;2010-2024;Menn;leveår;78,5\nSentrum;2010-2024;Kvinner;leveår;82,25\nNordbyen;2010-2024;Menn;leveår;75\n",
			[]string{"469901 2010-2024 kjønn=Kvinner; = 82.25", "469901 2010-2024 kjønn=Menn; = 78.5", "469902 2010-2024 kjønn=Menn; = 75"}, `"Måltall") holds text ("leveår")`},
		{"sort key equal to the period's start year", "barn-lavinntekt",
			"Geografi;År;sortering år;Andel\nSentrum;2019-2021;2019;10,5\nSentrum;2020-2022;2020;10,9\nNordbyen;2019-2021;2019;21,3\n",
			[]string{"469901 2019-2021  = 10.5", "469901 2020-2022  = 10.9", "469902 2019-2021  = 21.3"}, "sort key"},
		{"a label constant over the file", "barn-lavinntekt",
			"Geografi;År;Alder;Andel\nSentrum;2023;0-17 år;10,5\nSentrum;2024;0-17 år;10,9\nNordbyen;2024;0-17 år;21,3\n",
			[]string{"469901 2023  = 10.5", "469901 2024  = 10.9", "469902 2024  = 21.3"}, `"0-17 år" in every row`},
		{"a unit column with one unit", "barn-lavinntekt",
			"Geografi;År;Enhet;Andel\nSentrum;2024;prosent;10,5\nNordbyen;2024;prosent;21,3\n",
			[]string{"469901 2024  = 10.5", "469902 2024  = 21.3"}, "is the unit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep, vs, err := importCSV(t, c.id, c.data, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Status != indicatorimport.Imported {
				t.Fatalf("%s: %d errors, first %+v", rep.Status, rep.Result.ErrorCount, rep.Result.Errors[:min(3, len(rep.Result.Errors))])
			}
			got := strings.Join(show(vs), "\n")
			if got != strings.Join(c.want, "\n") {
				t.Errorf("stored\n%s\nwant\n%s", got, strings.Join(c.want, "\n"))
			}
			if notes := strings.Join(rep.Result.Notes, "\n"); !strings.Contains(notes, c.note) {
				t.Errorf("notes %q do not say %q", notes, c.note)
			}
			for _, v := range vs {
				if v.Indicator == "barn-lavinntekt" && !indicators.Headline(v.Dims, nil) {
					t.Errorf("%+v is not in the headline slice: trend and inequality would skip it", v)
				}
			}
		})
	}
}

func TestRun_WhereMessages(t *testing.T) {
	data := "Geografi;År;Kjønn;Andel\nSentrum;2024;Gutter;11\nSentrum;2024;Jenter;9\nSentrum;2024;Kjønn samlet;10\n"
	for _, c := range []struct {
		name, col, val string
		want           []string
	}{
		{"unknown value lists the values", "Kjønn", "Menn", []string{`"Kjønn" never holds "Menn"`, `"Gutter", "Jenter", "Kjønn samlet"`}},
		{"a total by another name names the total", "Kjønn", "Totalt", []string{`never holds "Totalt"`, `total is "Kjønn samlet"`, "headline"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := importCSV(t, "barn-lavinntekt", data, func(o *indicatorimport.Options) {
				o.Where = append(o.Where, whereOf(c.col, c.val))
			})
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Fatalf("error %v, want invalid", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "map[") {
				t.Errorf("%q prints a Go map", err)
			}
		})
	}
	t.Run("a where on the total says it is folded away", func(t *testing.T) {
		rep, vs, err := importCSV(t, "barn-lavinntekt", data, func(o *indicatorimport.Options) {
			o.Where = append(o.Where, whereOf("Kjønn", "kjønn samlet"))
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 1 || len(vs[0].Dims) != 0 || vs[0].Value.String() != "10" {
			t.Errorf("stored %v, want the total 10 without dims", show(vs))
		}
		if notes := strings.Join(rep.Result.Notes, "\n"); !strings.Contains(notes, "picks the total") {
			t.Errorf("notes %q do not say the where picks the total", notes)
		}
	})
}

func whereOf(col, val string) indicatorfile.Where {
	return indicatorfile.Where{Column: col, Value: val}
}
