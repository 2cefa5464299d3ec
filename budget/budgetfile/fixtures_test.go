package budgetfile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
)

// fixtures is the shared directory of real files, next to the module.
const fixtures = "../../../shared/fixtures"

func fixture(t *testing.T, dir, file string) string {
	t.Helper()
	p := filepath.Join(fixtures, dir, file)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("fixture %s not available: %v", p, err)
	}
	return p
}

// importFile imports path and fails the test on a whole-file error or any
// row error. It returns the result and the total of each key split by the
// value of attribute attr ("" for no split).
func importFile(t *testing.T, path string, opts budgetfile.Options, attr string) (*budgetfile.Result, map[string]map[budget.Key]int64) {
	t.Helper()
	split := map[string]map[budget.Key]int64{}
	lines := 0
	res, err := budgetfile.Import(context.Background(), path, opts, func(l *budget.Line) error {
		lines++
		v := ""
		if attr != "" {
			v, _ = l.Attr(attr)
		}
		if split[v] == nil {
			split[v] = map[budget.Key]int64{}
		}
		for _, a := range l.Amounts {
			split[v][a.Key] += a.Ore
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Import(%s): %v", path, err)
	}
	if res.ErrorCount > 0 {
		t.Fatalf("Import(%s): %d row errors, first %+v", path, res.ErrorCount, res.Errors[0])
	}
	if lines != res.Lines {
		t.Errorf("add called %d times, Result.Lines = %d", lines, res.Lines)
	}
	checkAccounted(t, res)
	return res, split
}

// checkAccounted checks that every row read is a line or a skip.
func checkAccounted(t *testing.T, res *budgetfile.Result) {
	t.Helper()
	n := res.Lines
	for _, c := range res.Skipped {
		n += c
	}
	if n != res.RowsRead {
		t.Errorf("RowsRead %d, but Lines %d + Skipped %v = %d", res.RowsRead, res.Lines, res.Skipped, n)
	}
	if _, ok := res.Skipped["blank"]; !ok {
		t.Errorf("Skipped has no blank key: %v", res.Skipped)
	}
	if _, ok := res.Skipped["sum_rows"]; !ok {
		t.Errorf("Skipped has no sum_rows key: %v", res.Skipped)
	}
}

func totals(res *budgetfile.Result) map[budget.Key]int64 {
	m := map[budget.Key]int64{}
	for _, t := range res.Totals {
		m[t.Key] = t.Ore
	}
	return m
}

func kr(n int64) int64 { return n * 100 }

func key(y int, v budget.Version) budget.Key { return budget.Key{Year: y, Version: v} }

func wantTotals(t *testing.T, res *budgetfile.Result, want map[budget.Key]int64) {
	t.Helper()
	got := totals(res)
	if len(got) != len(want) {
		t.Errorf("%s: totals %v, want %v", res.File, res.Totals, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: total %s = %s kr, want %s kr", res.File, k, budget.FormatOre(got[k]), budget.FormatOre(w))
		}
	}
}

func TestFixtureBergen(t *testing.T) {
	for _, file := range []string{"dataset.original.csv", "dataset.bom.csv"} {
		t.Run(file, func(t *testing.T) {
			path := fixture(t, "bergen-driftsbudsjett-2013", file)
			calls := 0
			res, split := importFile(t, path, budgetfile.Options{Progress: func(done, total int64) { calls++ }}, "inntekt-utgift")
			if calls == 0 {
				t.Errorf("Progress never called")
			}
			v := budget.Vedtatt
			wantTotals(t, res, map[budget.Key]int64{
				key(2013, v): kr(-490), key(2014, v): kr(-627), key(2015, v): kr(-489), key(2016, v): kr(-539),
			})
			if got := split["Inntekt"][key(2013, v)]; got != kr(-17_897_939_804) {
				t.Errorf("Inntekt 2013 = %s", budget.FormatOre(got))
			}
			if got := split["Utgift"][key(2013, v)]; got != kr(17_897_939_314) {
				t.Errorf("Utgift 2013 = %s", budget.FormatOre(got))
			}
			if res.Lines != 1761 {
				t.Errorf("Lines = %d, want 1761", res.Lines)
			}
			if res.Mapping.Columns.Funksjon != "tjeneste" || len(res.Mapping.Amounts) != 4 {
				t.Errorf("mapping %+v", res.Mapping)
			}
		})
	}
}

func TestFixtureBergenTjenesteomraade(t *testing.T) {
	path := fixture(t, "bergen-driftsbudsjett-2013", "dataset.original.csv")
	_, split := importFile(t, path, budgetfile.Options{}, "tjenesteomraade-tekst")
	k := key(2013, budget.Vedtatt)
	for area, want := range map[string]int64{
		"Barnehage": 2_017_388_240, "Skole": 2_939_347_303, "Barnevern": 441_610_291,
		"Forebyggende helsearbeid": 139_535_637, `"Under streken"-sentrale budsjettposter`: -12_192_075_728,
	} {
		if got := split[area][k]; got != kr(want) {
			t.Errorf("%s 2013 = %s kr, want %d", area, budget.FormatOre(got), want)
		}
	}
}

func TestFixtureForde(t *testing.T) {
	path := fixture(t, "forde-investeringsbudsjett-2013", "dataset.original.csv")
	res, _ := importFile(t, path, budgetfile.Options{}, "")
	wantTotals(t, res, map[budget.Key]int64{
		key(2011, budget.Regnskap): 0, key(2012, budget.Vedtatt): -6, key(2013, budget.Vedtatt): 0,
	})
	if res.Lines != 778 {
		t.Errorf("Lines = %d, want 778", res.Lines)
	}
}

func TestFixtureSauda(t *testing.T) {
	path := fixture(t, "sauda-investeringsbudsjett-2013", "dataset.original.csv")
	var first *budget.Line
	res, err := budgetfile.Import(context.Background(), path, budgetfile.Options{Year: 2013}, func(l *budget.Line) error {
		if first == nil {
			first = l
		}
		return nil
	})
	if err != nil || res.ErrorCount > 0 {
		t.Fatalf("Import: %v %+v", err, res)
	}
	checkAccounted(t, res)
	wantTotals(t, res, map[budget.Key]int64{key(2013, budget.Vedtatt): 0})
	if res.Lines != 70 {
		t.Errorf("Lines = %d, want 70", res.Lines)
	}
	if first.Prosjekt != "1.006.01" || first.Ansvar != "9201" || first.Funksjon != "315" || first.Tjeneste != "" {
		t.Errorf("first line %+v", first)
	}
	// Without --year the single amount column has no year.
	_, err = budgetfile.Import(context.Background(), path, budgetfile.Options{}, func(*budget.Line) error { return nil })
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("without year: %v", err)
	}
}

func TestFixtureSogndal(t *testing.T) {
	path := fixture(t, "sogndal-investeringsbudsjett-2013", "dataset.original.csv")
	var first *budget.Line
	res, err := budgetfile.Import(context.Background(), path, budgetfile.Options{}, func(l *budget.Line) error {
		if first == nil {
			first = l
		}
		return nil
	})
	if err != nil || res.ErrorCount > 0 {
		t.Fatalf("Import: %v %+v", err, res.Errors)
	}
	checkAccounted(t, res)
	wantTotals(t, res, map[budget.Key]int64{
		key(2011, budget.Regnskap): 0, key(2012, budget.Vedtatt): 0, key(2013, budget.Vedtatt): 0,
	})
	if res.Lines != 191 {
		t.Errorf("Lines = %d, want 191", res.Lines)
	}
	if first.Art != "003" || first.Konto != "00300" || first.Ansvar != "F357" || first.Funksjon != "265" || first.Tjeneste != "26500" {
		t.Errorf("first line %+v", first)
	}
}

func TestFixtureStavanger(t *testing.T) {
	path := fixture(t, "stavanger-budsjett-2016-investering", "dataset.original.csv")
	res, split := importFile(t, path, budgetfile.Options{Year: 2016}, "virksomhetsomraade")
	wantTotals(t, res, map[budget.Key]int64{key(2016, budget.Vedtatt): 0})
	if res.Lines != 171 || res.Skipped["sum_rows"] != 0 {
		t.Errorf("Lines = %d, skipped %v: rows labelled Sum with codes are data", res.Lines, res.Skipped)
	}
	if len(split["Sum felles inntekter og utgifter"]) == 0 {
		t.Errorf("no lines for virksomhetsomraade Sum felles inntekter og utgifter")
	}
}

func TestFixtureMadrid(t *testing.T) {
	path := fixture(t, "madrid-fiscal-data-package", "data/gastos_v40_2012-2015.csv")
	m, err := budgetfile.LoadMapping(context.Background(), "testdata/madrid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, _ := importFile(t, path, budgetfile.Options{Mapping: m}, "")
	v := budget.Vedtatt
	// Anchors computed independently (Python csv + Decimal) from the file.
	wantTotals(t, res, map[budget.Key]int64{
		key(2012, v): kr(4_942_020_428), key(2013, v): kr(4_564_125_024),
		key(2014, v): kr(4_699_310_629), key(2015, v): kr(4_650_554_218),
	})
	if res.Lines != 20217 {
		t.Errorf("Lines = %d, want 20217", res.Lines)
	}
}

func TestFixtureKostra(t *testing.T) {
	path := fixture(t, "ssb-kostra-0A-regnskap-2019", "0A_V2019_K4_R040200_OK.dat")
	res, split := importFile(t, path, budgetfile.Options{}, "kontoklasse")
	k := key(2019, budget.Regnskap)
	if got := split["1"][k]; got != kr(35_838_000) {
		t.Errorf("drift = %s kr", budget.FormatOre(got))
	}
	if got := split["0"][k]; got != kr(113_385_000) {
		t.Errorf("investering = %s kr", budget.FormatOre(got))
	}
	wantTotals(t, res, map[budget.Key]int64{k: kr(35_838_000 + 113_385_000)})
	if res.Lines != 1644 || res.Format != "kostra" {
		t.Errorf("Lines %d, format %s", res.Lines, res.Format)
	}
}
