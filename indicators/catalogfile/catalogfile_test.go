package catalogfile_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/catalogfile"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

func write(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeXLSX(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cellName, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cellName, &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "katalog.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadIndicators_XLSX(t *testing.T) {
	p := writeXLSX(t, [][]any{
		{"id", "name", "name_nn", "determinant", "definition", "unit", "better", "source", "levels", "min_count",
			"trend.periods", "Trend threshold", "trend_text", "trend.text_nn"},
		{"eget", "Eget mål", "Eige mål", "helse", "Lokalt.", "percent", "lower", "local", "kommune, bydel", 10, 3, 0.5, "regel", "regel nn"},
		{"trangboddhet", "", "", "", "", "", "", "", "", 8},
	})
	got, err := catalogfile.ReadIndicators(context.Background(), p, tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d indicators", len(got))
	}
	e := got[0]
	if e.ID != "eget" || e.MinCount != 10 || e.Trend.Periods != 3 || e.Trend.Threshold.String() != "0.5" ||
		len(e.Levels) != 2 || e.Levels[1] != indicators.Bydel || e.Trend.TextNN != "regel nn" {
		t.Errorf("eget = %+v", e)
	}
	def, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	m, err := def.Merge(got)
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := m.Get("trangboddhet"); tr.MinCount != 8 || tr.Name == "" {
		t.Errorf("trangboddhet = %+v", tr)
	}
}

func TestReadIndicators_Errors(t *testing.T) {
	ctx := context.Background()
	for name, tc := range map[string]struct{ file, data, want string }{
		"unknown header": {"k.csv", "id;navn\neget;x\n", `"navn"`},
		"no id column":   {"k.csv", "name;unit\nx;percent\n", "no column id"},
		"bad number":     {"k.csv", "id;min_count\neget;fem\n", "row 2, min_count"},
		"missing id":     {"k.csv", "id;name\n;x\n", "row 2, id"},
		"yaml unknown":   {"k.yaml", "indicators:\n  - id: x\n    navn: y\n", "navn"},
		"header only":    {"k.csv", "id;name\n", "no indicators"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := catalogfile.ReadIndicators(ctx, write(t, tc.file, tc.data), tabular.Options{})
			if err == nil || budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want EINVALID mentioning %q", err, tc.want)
			}
		})
	}
}

func TestReadTargets(t *testing.T) {
	ctx := context.Background()
	csv := "indicator;area;baseline_year;baseline_value;target_year;target_value\n" +
		"barn-lavinntekt;4699;2024;12,1;2030;9\n" +
		"trangboddhet;469901;2024;18.5;2030;15\n"
	got, err := catalogfile.ReadTargets(ctx, write(t, "mal.csv", csv), tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].BaselineValue.String() != "12.1" || got[0].Area != "4699" || got[1].TargetYear != 2030 {
		t.Errorf("got %+v", got)
	}
	nb := "Indikator;Område;Basisår;Basisverdi;Målår;Målverdi\nbarn-lavinntekt;4699;2024;12,1;2030;9\n"
	if got, err := catalogfile.ReadTargets(ctx, write(t, "mal.csv", nb), tabular.Options{}); err != nil || len(got) != 1 {
		t.Errorf("Norwegian headers: %v %+v", err, got)
	}
	yml := "targets:\n  - {indicator: barn-lavinntekt, area: \"4699\", baseline_year: 2024, baseline_value: 12.1, target_year: 2030, target_value: 9}\n"
	if got, err := catalogfile.ReadTargets(ctx, write(t, "mal.yaml", yml), tabular.Options{}); err != nil || len(got) != 1 || got[0].BaselineValue.String() != "12.1" {
		t.Errorf("yaml: %v %+v", err, got)
	}
	for name, tc := range map[string]struct{ file, data, want string }{
		"missing column":  {"m.csv", "indicator;area;baseline_year\nx;1;2024\n", "target_value"},
		"bad value":       {"m.csv", strings.Replace(csv, "12,1", "tolv", 1), "row 2, baseline_value"},
		"bad year":        {"m.csv", strings.Replace(csv, ";2030;9", ";20x0;9", 1), "row 2, target_year"},
		"yaml incomplete": {"m.yaml", "targets:\n  - {indicator: x}\n", "needs indicator"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := catalogfile.ReadTargets(ctx, write(t, tc.file, tc.data), tabular.Options{})
			if err == nil || budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want EINVALID mentioning %q", err, tc.want)
			}
		})
	}
}
