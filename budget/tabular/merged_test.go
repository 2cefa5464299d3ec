package tabular_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/xuri/excelize/v2"
)

func TestTable_Merged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.xlsx")
	f := excelize.NewFile()
	for _, c := range [][2]string{{"A1", "Oslo"}, {"B1", "2024"}, {"A3", "Bergen"}} {
		f.SetCellValue("Sheet1", c[0], c[1])
	}
	for _, m := range [][2]string{{"A1", "A2"}, {"B1", "D1"}, {"A3", "B4"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tab, _ := readAll(t, path, tabular.Options{})
	got := tab.Merged()
	want := []tabular.Range{{FirstRow: 1, LastRow: 2, FirstCol: 0, LastCol: 0}, {FirstRow: 1, LastRow: 1, FirstCol: 1, LastCol: 3}, {FirstRow: 3, LastRow: 4, FirstCol: 0, LastCol: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Merged() = %+v, want %+v", got, want)
	}
	if !got[0].Contains(2, 0) || got[0].Contains(3, 0) || !got[2].Contains(4, 1) {
		t.Error("Contains is wrong")
	}

	csv := writeFile(t, "a.csv", []byte("a;b\n1;2\n"))
	if tab, _ := readAll(t, csv, tabular.Options{}); tab.Merged() != nil {
		t.Errorf("csv Merged() = %v, want nil", tab.Merged())
	}
}
