package indicatorimport_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/xuri/excelize/v2"
)

// writeSheet writes rows to the first sheet of a new workbook at path and
// merges the given ranges.
func writeSheet(t *testing.T, path string, rows [][]any, merges ...[2]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range merges {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// An empty cell of an xlsx sheet is filled down only inside a merged
// range: the same sheet without the merge is rejected, naming the cell.
func TestRun_FillDownOnlyInMergedCells(t *testing.T) {
	rows := [][]any{
		{"Bydel", "År", "Kjønn", "Andel"},
		{"Sentrum", 2024, "Gutter", 11},
		{nil, 2024, "Jenter", 9},
		{"Nordbyen", 2024, "Gutter", 21},
	}
	for _, c := range []struct {
		name   string
		merges [][2]string
		errs   []string
	}{
		{"merged", [][2]string{{"A2", "A3"}}, nil},
		{"not merged", nil, []string{"row 3", "column A", "geography cell is empty"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openDB(t)
			importAreas(t, db, "../../templates/sample/omrader.csv")
			p := filepath.Join(t.TempDir(), "t.xlsx")
			writeSheet(t, p, rows, c.merges...)
			rep, err := indicatorimport.Run(context.Background(), db, p, options(t, "barn-lavinntekt"))
			if err != nil {
				t.Fatal(err)
			}
			if c.errs == nil {
				if rep.Status != indicatorimport.Imported || rep.Result.Count() != 3 {
					t.Fatalf("%s, %d values, errors %+v; want 3 imported", rep.Status, rep.Result.Count(), rep.Result.Errors)
				}
				return
			}
			if rep.Status != indicatorimport.Rejected {
				t.Fatalf("%s, want rejected", rep.Status)
			}
			var msg strings.Builder
			for _, e := range rep.Result.Errors {
				msg.WriteString("row " + itoa(e.Row) + ", column " + e.Column + ": " + e.Message + "\n")
			}
			for _, w := range c.errs {
				if !strings.Contains(msg.String(), w) {
					t.Errorf("errors do not say %q:\n%s", w, msg.String())
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
