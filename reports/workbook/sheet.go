package workbook

import (
	"sort"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of the workbook.
type styles struct {
	title, note, header, text, wrap, bold int
	kr, krSum, krOre, pct, pctSum, num    int
}

// The number formats. Excel stores a format with "," for grouping and "."
// for decimals and shows them as the reader's locale does: with Norwegian
// settings "#,##0 kr" shows 1 234 567 kr. Negative numbers show the minus
// sign U+2212, as the sheets' texts do. Numbers that are not money show at
// most two decimals, so none reads as a group of thousands.
const (
	fmtKr    = `#,##0" kr";"` + minus + `"#,##0" kr"`
	fmtKrOre = `#,##0.00" kr";"` + minus + `"#,##0.00" kr"`
	fmtPct   = `0.0 %;"` + minus + `"0.0 %`
	fmtNum   = `0.0#;"` + minus + `"0.0#`
)

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	border := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	header := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: header,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border}},
		{&st.kr, excelize.Style{CustomNumFmt: ptr(fmtKr), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.krSum, excelize.Style{CustomNumFmt: ptr(fmtKr), Font: &excelize.Font{Bold: true}, Border: border}},
		{&st.krOre, excelize.Style{CustomNumFmt: ptr(fmtKrOre)}},
		{&st.pct, excelize.Style{CustomNumFmt: ptr(fmtPct)}},
		{&st.pctSum, excelize.Style{CustomNumFmt: ptr(fmtPct), Font: &excelize.Font{Bold: true}, Border: border}},
		{&st.num, excelize.Style{CustomNumFmt: ptr(fmtNum), Alignment: &excelize.Alignment{Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

func ptr[T any](v T) *T { return &v }

// sheet writes one of the small sheets cell by cell and keeps the widths
// its columns need.
type sheet struct {
	wr     *writer
	name   string
	widths map[int]int
	err    error
}

func (wr *writer) sheet(name string) *sheet {
	return &sheet{wr: wr, name: name, widths: map[int]int{}}
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func colName(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

// str writes a text cell.
func (s *sheet) str(col, row int, v string, style int) {
	if s.err != nil || v == "" && style == 0 {
		return
	}
	c := cellName(col, row)
	if s.err = s.wr.f.SetCellStr(s.name, c, v); s.err == nil && style != 0 {
		s.err = s.wr.f.SetCellStyle(s.name, c, c, style)
	}
	s.fit(col, utf8.RuneCountInString(v))
}

// money writes an amount in øre as kroner.
func (s *sheet) money(col, row int, ore int64, style int) {
	if s.err != nil {
		return
	}
	v, err := kroner(ore)
	if err != nil {
		s.err = err
		return
	}
	c := cellName(col, row)
	if s.err = s.wr.f.SetCellFloat(s.name, c, v, -1, 64); s.err == nil {
		s.err = s.wr.f.SetCellStyle(s.name, c, c, style)
	}
	s.fit(col, 15)
}

// number writes a number that is not money.
func (s *sheet) number(col, row int, v float64, style int) {
	if s.err != nil {
		return
	}
	c := cellName(col, row)
	if s.err = s.wr.f.SetCellFloat(s.name, c, v, -1, 64); s.err == nil && style != 0 {
		s.err = s.wr.f.SetCellStyle(s.name, c, c, style)
	}
	s.fit(col, 8)
}

// formula writes a formula with its cached value: an amount in øre.
func (s *sheet) formula(col, row int, formula string, ore int64, style int) {
	s.money(col, row, ore, style)
	if s.err == nil {
		s.err = s.wr.f.SetCellFormula(s.name, cellName(col, row), formula)
	}
}

// ratio writes a formula whose cached value is a ratio (not money).
func (s *sheet) ratio(col, row int, formula string, v float64, style int) {
	s.number(col, row, v, style)
	if s.err == nil {
		s.err = s.wr.f.SetCellFormula(s.name, cellName(col, row), formula)
	}
}

// header writes a header row from col.
func (s *sheet) header(col, row int, labels ...string) {
	for i, l := range labels {
		s.str(col+i, row, l, s.wr.st.header)
		s.fit(col+i, min(utf8.RuneCountInString(l), 24))
	}
}

func (s *sheet) fit(col, n int) {
	if n > s.widths[col] {
		s.widths[col] = n
	}
}

// table makes the range an Excel table with filters.
func (s *sheet) table(name string, fromCol, fromRow, toCol, toRow int) {
	if s.err != nil {
		return
	}
	if toRow == fromRow {
		toRow++ // a table needs a row below its header
	}
	s.err = s.wr.f.AddTable(s.name, &excelize.Table{Range: cellName(fromCol, fromRow) + ":" + cellName(toCol, toRow),
		Name: name, StyleName: "TableStyleLight9", ShowRowStripes: ptr(true)})
}

// freeze keeps the rows above row in view.
func (s *sheet) freeze(row int) {
	if s.err != nil {
		return
	}
	s.err = s.wr.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: row - 1,
		TopLeftCell: cellName(1, row), ActivePane: "bottomLeft"})
}

// finish sets the column widths: fitted to the longest text, between 6 and
// max characters (longer text wraps).
func (s *sheet) finish(max int) error {
	if s.err != nil {
		return s.err
	}
	cols := make([]int, 0, len(s.widths))
	for col := range s.widths {
		cols = append(cols, col)
	}
	sort.Ints(cols)
	for _, col := range cols {
		w := float64(min(max, s.widths[col]+2))
		if w < 6 {
			w = 6
		}
		if err := s.wr.f.SetColWidth(s.name, colName(col), colName(col), w); err != nil {
			return err
		}
	}
	return nil
}
