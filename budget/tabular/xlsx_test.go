package tabular_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/xuri/excelize/v2"
)

// sheetData is one sheet for workbook: its cells in the order given, and
// whether it is hidden.
type sheetData struct {
	name   string
	cells  [][2]any // cell reference, value
	hidden bool
}

// workbook builds an xlsx file of the sheets and returns its path.
func workbook(t testing.TB, sheets ...sheetData) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			must(t, f.SetSheetName("Sheet1", s.name))
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for _, c := range s.cells {
			must(t, f.SetCellValue(s.name, c[0].(string), c[1]))
		}
	}
	for i, s := range sheets {
		if !s.hidden {
			f.SetActiveSheet(i) // excelize will not hide the active sheet
			break
		}
	}
	for _, s := range sheets {
		if s.hidden {
			must(t, f.SetSheetVisible(s.name, false))
		}
	}
	path := filepath.Join(t.TempDir(), "budsjett.xlsx")
	must(t, f.SaveAs(path))
	return path
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestXLSXRawValuesAndRowNumbers(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must(t, f.SetCellValue("Sheet1", "A1", "Konto"))
	must(t, f.SetCellValue("Sheet1", "C1", "Beløp"))
	must(t, f.SetCellValue("Sheet1", "A2", "0100"))
	must(t, f.SetCellValue("Sheet1", "C2", 1234.5))
	must(t, f.SetCellValue("Sheet1", "A5", "1000"))
	must(t, f.SetCellValue("Sheet1", "C5", 1234567))
	numFmt := "# ##0"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt})
	must(t, err)
	must(t, f.SetCellStyle("Sheet1", "C5", "C5", style))
	path := filepath.Join(t.TempDir(), "raw.xlsx")
	must(t, f.SaveAs(path))

	tab, rows := readAll(t, path, tabular.Options{})
	if tab.Format() != "xlsx" || tab.Sheet() != "Sheet1" || tab.Encoding() != "" || tab.Separator() != 0 {
		t.Errorf("got %s %q %q %q", tab.Format(), tab.Sheet(), tab.Encoding(), tab.Separator())
	}
	checkRows(t, rows,
		want{1, []string{"Konto", "", "Beløp"}},
		want{2, []string{"0100", "", "1234.5"}},
		want{5, []string{"1000", "", "1234567"}})
	if done, total := tab.Progress(); done != total {
		t.Errorf("progress at the end %d/%d", done, total)
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	path := workbook(t,
		sheetData{name: "Skjult", cells: [][2]any{{"A1", "hidden"}}, hidden: true},
		sheetData{name: "Tom"},
		sheetData{name: "Data", cells: [][2]any{{"B3", "x"}}},
	)
	t.Run("first visible with data", func(t *testing.T) {
		tab, rows := readAll(t, path, tabular.Options{})
		if tab.Sheet() != "Data" {
			t.Errorf("sheet %q", tab.Sheet())
		}
		checkRows(t, rows, want{3, []string{"", "x"}})
	})
	t.Run("named, any case", func(t *testing.T) {
		tab, rows := readAll(t, path, tabular.Options{Sheet: "skjult"})
		if tab.Sheet() != "Skjult" {
			t.Errorf("sheet %q", tab.Sheet())
		}
		checkRows(t, rows, want{1, []string{"hidden"}})
	})
	t.Run("named empty sheet", func(t *testing.T) {
		_, rows := readAll(t, path, tabular.Options{Sheet: "Tom"})
		checkRows(t, rows)
	})
	t.Run("unknown", func(t *testing.T) {
		err := openErr(path, tabular.Options{Sheet: "Budsjett"})
		wantInvalid(t, err, "budsjett.xlsx", `"Budsjett"`, `"Skjult", "Tom", "Data"`)
	})
	t.Run("no data", func(t *testing.T) {
		err := openErr(workbook(t, sheetData{name: "A"}, sheetData{name: "B", cells: [][2]any{{"A1", 1}}, hidden: true}), tabular.Options{})
		wantInvalid(t, err, "budsjett.xlsx has no data", `"B"`)
	})
}

// The reader unpacks nothing to disk (excelize did, for big sheets): no
// temporary file appears while a table is open or after it is closed.
func TestXLSXNoTempFiles(t *testing.T) {
	path := bigWorkbook(t, 3000)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	tab, err := tabularOpen(path)
	must(t, err)
	if _, err := tab.Next(); err != nil {
		t.Fatal(err)
	}
	if n := countFiles(t, tmp); n != 0 {
		t.Errorf("%d temporary files while open", n)
	}
	_, err = drain(tab)
	must(t, err)
	must(t, tab.Close())
	if n := countFiles(t, tmp); n != 0 {
		t.Errorf("%d temporary files after Close", n)
	}
}

func countFiles(t *testing.T, dir string) int {
	entries, err := os.ReadDir(dir)
	must(t, err)
	return len(entries)
}

func TestXLSXProgressAndContext(t *testing.T) {
	path := bigWorkbook(t, 20000)
	tab, err := tabularOpen(path)
	must(t, err)
	defer tab.Close()
	var prev int64
	for i := 0; i < 15000; i++ {
		if _, err := tab.Next(); err != nil {
			t.Fatal(err)
		}
		done, total := tab.Progress()
		if done < prev || done > total {
			t.Fatalf("progress %d/%d after %d", done, total, prev)
		}
		prev = done
	}
	if _, total := tab.Progress(); prev < total/2 {
		t.Errorf("progress %d/%d after three quarters of the rows", prev, total)
	}

	ctx, cancel := context.WithCancel(context.Background())
	tab2, err := tabular.Open(ctx, path, tabular.Options{})
	must(t, err)
	defer tab2.Close()
	cancel()
	n := 0
	for ; err == nil; n++ {
		_, err = tab2.Next()
	}
	if !errors.Is(err, context.Canceled) || n > 1001 {
		t.Errorf("after %d rows: %v", n, err)
	}
}
