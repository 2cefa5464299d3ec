package sample

import (
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// indicatorBookTime is the fixed timestamp of the sample workbook, so two
// runs give the same bytes; indicatorCreator names the package that first
// wrote it, kept so the committed file stays the same bytes.
const (
	indicatorBookTime = "2026-01-15T00:00:00Z"
	indicatorCreator  = "helsebudsjett indicators/sample"
)

// wideXLSX writes an analyst's workbook: a title, then a two-row header
// with each year merged over its Andel and Antall columns, and each area's
// name merged down over its rows (one per group), so the cells below the
// first are empty, as Excel stores merged cells.
func wideXLSX(id string) func() ([]byte, error) {
	return func() ([]byte, error) {
		f := excelize.NewFile()
		defer f.Close()
		const sheet = "Sysselsetting"
		err := f.SetDocProps(&excelize.DocProperties{Title: "Sysselsetting 20-66 år", Subject: "FIKTIVE DATA – " + Name,
			Creator: indicatorCreator, Language: "nb-NO", Created: indicatorBookTime, Modified: indicatorBookTime})
		if err == nil {
			err = f.SetSheetName("Sheet1", sheet)
		}
		set := func(col, row int, v any) {
			if err == nil {
				var c string
				if c, err = excelize.CoordinatesToCellName(col, row); err == nil {
					err = f.SetCellValue(sheet, c, v)
				}
			}
		}
		merge := func(c1, r1, c2, r2 int) {
			if err == nil {
				a, _ := excelize.CoordinatesToCellName(c1, r1)
				b, _ := excelize.CoordinatesToCellName(c2, r2)
				err = f.MergeCell(sheet, a, b)
			}
		}
		set(1, 1, "Sysselsatte 20-66 år, prosent og antall – "+Name+" (fiktive tall)")
		set(1, 3, "Geografi")
		set(2, 3, "Kjønn")
		merge(1, 3, 1, 4)
		merge(2, 3, 2, 4)
		for y := FirstYear; y <= LastYear; y++ {
			col := 3 + 2*(y-FirstYear)
			set(col, 3, y)
			merge(col, 3, col+1, 3)
			set(col, 4, "Andel")
			set(col+1, 4, "Antall")
		}
		row := 5
		rows := Rows(id)
		type key struct{ code, group string }
		byKey := map[key]map[string]Row{}
		var order []key
		for _, r := range rows {
			k := key{r.Code, dimValue(r)}
			if byKey[k] == nil {
				byKey[k] = map[string]Row{}
				order = append(order, k)
			}
			byKey[k][r.Period] = r
		}
		first := map[string]int{}
		last := map[string]int{}
		for _, k := range order {
			if _, ok := first[k.code]; !ok {
				first[k.code] = row
				set(1, row, byKey[k][strconv.Itoa(FirstYear)].Name)
			}
			last[k.code] = row
			set(2, row, k.group)
			for y := FirstYear; y <= LastYear; y++ {
				r := byKey[k][strconv.Itoa(y)]
				col := 3 + 2*(y-FirstYear)
				if r.Value != nil {
					set(col, row, *r.Value)
				} else {
					set(col, row, r.Marker)
				}
				if r.Count != nil {
					set(col+1, row, *r.Count)
				}
			}
			row++
		}
		for i, k := range order { // in row order, for the same bytes every run
			if i > 0 && order[i-1].code == k.code {
				continue
			}
			if r1, r2 := first[k.code], last[k.code]; r2 > r1 {
				merge(1, r1, 1, r2)
			}
		}
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
}
