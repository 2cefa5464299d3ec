package workbook

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of the workbook.
type styles struct {
	title, note, noteWrap, header, text, wrap, bold, plain int
	kr, krSum, krOre, pct, pctSum, num                     int
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
		{&st.noteWrap, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: header,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border}},
		{&st.kr, excelize.Style{CustomNumFmt: ptr(fmtKr), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.krSum, excelize.Style{CustomNumFmt: ptr(fmtKr), Font: &excelize.Font{Bold: true}, Border: border}},
		{&st.krOre, excelize.Style{CustomNumFmt: ptr(fmtKrOre), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.plain, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.pct, excelize.Style{CustomNumFmt: ptr(fmtPct), Alignment: &excelize.Alignment{Vertical: "top"}}},
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
	// titleFrom, titleTo are the header rows repeated on every printed
	// page (0: none).
	titleFrom, titleTo int
	// notes are the rows of notes, merged across the sheet's columns and
	// wrapped when the sheet is finished, so no text runs off the page.
	notes []int
	// heads are the widths of the columns' header labels, which finish
	// never cuts.
	heads map[int]int
	// wrapped are the cells whose text wraps: finish gives their rows the
	// height their lines need, which a spreadsheet does not work out for
	// itself when it prints a file it did not write.
	wrapped []wrapCell
}

// wrapCell is a cell whose text wraps within its column.
type wrapCell struct {
	col, row int
	text     string
}

func (wr *writer) sheet(name string) *sheet {
	return &sheet{wr: wr, name: name, widths: map[int]int{}, heads: map[int]int{}}
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
	if style == s.wr.st.wrap || style == s.wr.st.header {
		s.wrapped = append(s.wrapped, wrapCell{col, row, v})
	}
	s.fit(col, utf8.RuneCountInString(v))
}

// title writes the sheet's title in A1. It does not widen column A: it
// runs over the empty cells beside it.
func (s *sheet) title(v string) {
	if s.err != nil {
		return
	}
	if s.err = s.wr.f.SetCellStr(s.name, "A1", v); s.err == nil {
		s.err = s.wr.f.SetCellStyle(s.name, "A1", "A1", s.wr.st.title)
	}
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

// number writes a number that is not money; style 0 is a plain number at
// the top of its cell, as every cell is.
func (s *sheet) number(col, row int, v float64, style int) {
	if s.err != nil {
		return
	}
	if style == 0 {
		style = s.wr.st.plain
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

// header writes a header row from col. Its labels set the columns' least
// widths, so each prints whole on one line (up to 40 characters).
func (s *sheet) header(col, row int, labels ...string) {
	for i, l := range labels {
		s.str(col+i, row, l, s.wr.st.header)
		s.heads[col+i] = max(s.heads[col+i], utf8.RuneCountInString(l))
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

// note writes a note: text in a row of its own that finish merges across
// the sheet's columns and wraps.
func (s *sheet) note(row int, text string) {
	if s.err != nil || text == "" {
		return
	}
	c := cellName(1, row)
	if s.err = s.wr.f.SetCellStr(s.name, c, text); s.err == nil {
		s.err = s.wr.f.SetCellStyle(s.name, c, c, s.wr.st.noteWrap)
	}
	s.notes = append(s.notes, row)
}

// printTitles sets the header rows repeated on every printed page.
func (s *sheet) printTitles(from, to int) { s.titleFrom, s.titleTo = from, to }

// finish sets the column widths: fitted to the longest text, between 6 and
// max characters (longer text wraps); merges and wraps the notes, with a
// row height for their lines; and sets the sheet up for printing.
func (s *sheet) finish(max int) error {
	if s.err != nil {
		return s.err
	}
	cols := make([]int, 0, len(s.widths))
	for col := range s.widths {
		cols = append(cols, col)
	}
	sort.Ints(cols)
	var total float64
	last := 1
	for _, col := range cols {
		w := float64(min(max, s.widths[col]+2))
		if h := float64(s.heads[col] + 3); w < h {
			w = h // a header prints whole, on one line
		}
		if w < 6 {
			w = 6
		}
		total += w
		last = col
		if err := s.wr.f.SetColWidth(s.name, colName(col), colName(col), w); err != nil {
			return err
		}
	}
	heights := map[int]int{}
	for _, w := range s.wrapped {
		width := float64(min(max, s.widths[w.col]+2))
		if h := float64(s.heads[w.col] + 3); width < h {
			width = h
		}
		heights[w.row] = maxInt(heights[w.row], lineCount(w.text, width))
	}
	rows := make([]int, 0, len(heights))
	for r := range heights {
		rows = append(rows, r)
	}
	sort.Ints(rows)
	for _, r := range rows {
		if n := heights[r]; n > 1 {
			if err := s.wr.f.SetRowHeight(s.name, r, rowHeight(n)); err != nil {
				return err
			}
		}
	}
	for _, row := range s.notes {
		if last > 1 {
			if err := s.wr.f.MergeCell(s.name, cellName(1, row), cellName(last, row)); err != nil {
				return err
			}
		}
		text, err := s.wr.f.GetCellValue(s.name, cellName(1, row))
		if err != nil {
			return err
		}
		if err := s.wr.f.SetRowHeight(s.name, row, rowHeight(lineCount(text, total))); err != nil {
			return err
		}
	}
	return s.wr.printSetup(s.name, total, s.titleFrom, s.titleTo)
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// lineCount is how many lines text takes when wrapped at word boundaries
// in a column width characters wide, erring on the side of one too many:
// a character is taken as a whole width unit (the width of a digit; most
// lower-case letters are narrower, capitals and m wider).
func lineCount(text string, width float64) int {
	capacity := width - 1
	if capacity < 1 {
		capacity = 1
	}
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		used := 0.0
		for _, word := range strings.Fields(para) {
			n := float64(utf8.RuneCountInString(word))
			switch {
			case used == 0:
				used = n
			case used+1+n <= capacity:
				used += 1 + n
			default:
				lines++
				used = n
			}
			for used > capacity { // a word longer than the column breaks
				lines++
				used -= capacity
			}
		}
	}
	return lines
}

// rowHeight is the height in points of a row of n lines of 11 pt text.
func rowHeight(n int) float64 { return float64(n)*14.5 + 3 }
