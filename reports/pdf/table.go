package pdf

import (
	"strings"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// Align is how a table column aligns its text.
type Align byte

// The alignments. A Right column holds numbers: its cells are not wrapped
// but set smaller when they do not fit.
const (
	Left   Align = 'L'
	Right  Align = 'R'
	Center Align = 'C'
)

// Table is a table of text: a header row repeated at the top of every page
// the table runs onto, rows whose cells wrap within their column, and an
// optional total row in bold.
type Table struct {
	Header []string
	Rows   [][]string
	// Widths are the columns' relative widths, scaled to the text column.
	Widths []float64
	// Align is each column's alignment (Left when missing).
	Align []Align
	// Total is a last row in bold with a rule above it; nil for none.
	Total []string
	// Size is the font size in points (the body size less one when zero).
	Size float64
	// RowHeaders makes each row's first cell a header of its row (TH with
	// /Scope /Row in the structure tree), for tables whose first column
	// names what the row holds.
	RowHeaders bool
}

// cellPad is the padding inside a table cell, in millimetres.
const cellPad = 1.2

// Table writes t at the current position, across as many pages as it
// needs. It is one Table in the structure tree whatever the pages: the
// header row (TH, /Scope /Column) once, the rows and the total as TR with
// TD cells; the header repeated on a new page, the fills and the rules are
// artifacts.
func (d *Document) Table(t Table) {
	n := len(t.Widths)
	if n == 0 {
		return
	}
	size := t.Size
	if size == 0 {
		size = d.size - 1
	}
	sum := 0.0
	for _, w := range t.Widths {
		sum += w
	}
	ws := make([]float64, n)
	for i, w := range t.Widths {
		ws[i] = w / sum * d.ContentWidth()
	}
	lh := lineHeight(size)
	maxH := PageHeight - d.m.Bottom - d.m.Top - 2*lh - 4 // a row never taller than a page
	align := func(i int) Align {
		if i < len(t.Align) && t.Align[i] != 0 {
			return t.Align[i]
		}
		return Left
	}
	headSize := headerSize(d, t.Header, ws, size)
	// layout sets a row's cells in their columns. The header is one size
	// for the whole row and wraps between words; a number in a Right
	// column is set smaller rather than wrapped.
	layout := func(row []string, bold, head bool) ([][]string, []float64, float64) {
		cells := make([][]string, n)
		sizes := make([]float64, n)
		h := lh
		for i := 0; i < n; i++ {
			text := ""
			if i < len(row) {
				text = Clean(row[i])
			}
			sizes[i] = size
			if head {
				sizes[i] = headSize
			}
			d.setStyle(Style{Size: sizes[i], Bold: bold})
			inner := ws[i] - 2*cellPad
			if align(i) == Right && !head {
				for sizes[i] > minTableSize && d.f.GetStringWidth(text) > inner {
					sizes[i] -= 0.5
					d.setStyle(Style{Size: sizes[i], Bold: bold})
				}
			}
			if d.f.GetStringWidth(text) <= inner {
				cells[i] = []string{text}
			} else {
				cells[i] = d.wrap(text, inner)
			}
			for float64(len(cells[i]))*lh+2*cellPad/2 > maxH && len(cells[i]) > 1 {
				cells[i] = cells[i][:len(cells[i])-1]
				cells[i][len(cells[i])-1] = strings.TrimRight(cells[i][len(cells[i])-1], " ") + "…"
			}
			h = max(h, float64(len(cells[i]))*lh)
		}
		return cells, sizes, h + cellPad
	}
	tbl := d.add(tagged.Table)
	// draw draws a row; it is content of a new TR of tbl when cell is not
	// nil (cell makes the element of cell i), else an artifact.
	draw := func(row []string, bold, head, ruleAbove bool, cell func(tr *tagged.Element, i int) *tagged.Element) {
		cells, sizes, h := layout(row, bold, head)
		y := d.f.GetY()
		x := d.m.Left
		var tr *tagged.Element
		if cell != nil {
			tr = tbl.Add(tagged.TR)
		}
		content := func(e func() *tagged.Element, draw func()) {
			if tr == nil {
				draw()
				return
			}
			d.tg.Mark(e(), draw)
		}
		decoration := func(draw func()) {
			if tr == nil {
				draw()
				return
			}
			d.artifact(draw)
		}
		if head {
			decoration(func() {
				d.f.SetFillColor(225, 229, 235)
				d.f.Rect(x, y, d.ContentWidth(), h, "F")
			})
		}
		for i := 0; i < n; i++ {
			d.setStyle(Style{Size: sizes[i], Bold: bold})
			content(func() *tagged.Element { return cell(tr, i) }, func() {
				for j, l := range cells[i] {
					w := ws[i] - 2*cellPad
					if a := align(i); a != Left && strings.HasSuffix(l, " ") {
						w += d.f.GetStringWidth(" ") // the space a reader needs stands outside the column
						if a == Center {
							w += d.f.GetStringWidth(" ")
						}
					}
					d.f.SetXY(x+cellPad, y+cellPad/2+float64(j)*lh)
					d.f.CellFormat(w, lh, l, "", 0, string(align(i)), false, 0, "")
				}
			})
			x += ws[i]
		}
		decoration(func() {
			d.f.SetDrawColor(170, 170, 170)
			d.f.SetLineWidth(0.15)
			if ruleAbove {
				d.f.SetLineWidth(0.35)
				d.f.SetDrawColor(60, 60, 60)
				d.f.Line(d.m.Left, y, d.m.Left+d.ContentWidth(), y)
				d.f.SetLineWidth(0.15)
				d.f.SetDrawColor(170, 170, 170)
			}
			d.f.Line(d.m.Left, y+h, d.m.Left+d.ContentWidth(), y+h)
			d.f.SetDrawColor(0, 0, 0)
		})
		d.f.SetXY(d.m.Left, y+h)
	}
	headCell := func(tr *tagged.Element, _ int) *tagged.Element { return tr.AddTH(tagged.ScopeColumn) }
	bodyCell := func(tr *tagged.Element, i int) *tagged.Element {
		if i == 0 && t.RowHeaders {
			return tr.AddTH(tagged.ScopeRow)
		}
		return tr.Add(tagged.TD)
	}
	headerDrawn := false
	header := func() {
		if len(t.Header) == 0 {
			return
		}
		if headerDrawn { // repeated on a new page: not content again
			d.artifact(func() { draw(t.Header, true, true, false, nil) })
			return
		}
		headerDrawn = true
		draw(t.Header, true, true, false, headCell)
	}
	fits := func(row []string, bold bool) bool {
		_, _, h := layout(row, bold, false)
		return d.f.GetY()+h <= PageHeight-d.m.Bottom
	}
	// The last row moves to the next page with the total when both do not
	// fit: a sum row is never alone on a page (an orphan).
	fitsWithTotal := func(row []string) bool {
		_, _, h := layout(row, false, false)
		_, _, th := layout(t.Total, true, false)
		return d.f.GetY()+h+th <= PageHeight-d.m.Bottom
	}
	// Keep the header with at least the first row.
	first := t.Total
	if len(t.Rows) > 0 {
		first = t.Rows[0]
	}
	_, _, hh := layout(t.Header, true, true)
	_, _, fh := layout(first, false, false)
	need := hh + fh
	if len(t.Rows) == 1 && t.Total != nil {
		_, _, th := layout(t.Total, true, false)
		need += th
	}
	d.ensure(need)
	header()
	for i, row := range t.Rows {
		if !fits(row, false) || (i == len(t.Rows)-1 && t.Total != nil && !fitsWithTotal(row)) {
			d.AddPage()
			header()
		}
		draw(row, false, false, false, bodyCell)
	}
	if t.Total != nil {
		if !fits(t.Total, true) { // only a table without rows gets here
			d.AddPage()
			header()
		}
		draw(t.Total, true, false, true, bodyCell)
	}
	d.setStyle(Style{})
	d.f.SetXY(d.m.Left, d.f.GetY()+lineHeight(d.size)/2)
}

// minTableSize is the smallest size a table sets text in, in points.
const minTableSize = 5.5

// headerSize is the one size a table's header row is set in: size, or
// less until the longest word of every heading fits its column (ws, in
// millimetres), so no heading is broken inside a word or set smaller than
// its neighbours.
func headerSize(d *Document, header []string, ws []float64, size float64) float64 {
	fit := func(sz float64) bool {
		d.setStyle(Style{Size: sz, Bold: true})
		for i, h := range header {
			if i >= len(ws) {
				break
			}
			for _, word := range strings.Fields(Clean(h)) {
				if d.f.GetStringWidth(word) > ws[i]-2*cellPad {
					return false
				}
			}
		}
		return true
	}
	for size > minTableSize && !fit(size) {
		size -= 0.5
	}
	return size
}
