package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// Style is a text style.
type Style struct {
	Size   float64 // points; 0 is the body size
	Bold   bool
	Italic bool
	Gray   bool // a muted colour, for notes
}

func (d *Document) setStyle(s Style) {
	st := ""
	switch {
	case s.Bold:
		st = "B"
	case s.Italic:
		st = "I"
		if !d.italic {
			d.f.AddUTF8FontFromBytes(family, "I", sansOblique)
			d.italic = true
		}
	}
	size := s.Size
	if size == 0 {
		size = d.size
	}
	d.f.SetFont(family, st, size)
	if s.Gray {
		d.f.SetTextColor(90, 90, 90)
	} else {
		d.f.SetTextColor(0, 0, 0)
	}
}

// lineHeight is the leading of text at size pt, in millimetres.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.3 }

// Wrap splits text into lines no wider than w millimetres in style s: at
// spaces and line feeds only (a non-breaking space holds "1 234 kr"
// together), a word wider than w split where it must. A line that ends
// where the text had a space or a line feed keeps a space at its end: it
// cannot be seen, but a reader of the tagged text (a screen reader, the
// structure tree) gets "til å fylle", not "til åfylle".
func (d *Document) Wrap(text string, w float64, s Style) []string {
	d.setStyle(s)
	defer d.setStyle(Style{})
	return d.wrap(Clean(text), w)
}

func (d *Document) wrap(text string, w float64) []string {
	var lines []string
	space := d.f.GetStringWidth(" ")
	paras := strings.Split(text, "\n")
	for pi, para := range paras {
		var line strings.Builder
		lw := 0.0
		for _, word := range strings.Split(para, " ") {
			ww := d.f.GetStringWidth(word)
			if line.Len() > 0 && lw+space+ww <= w {
				line.WriteByte(' ')
				line.WriteString(word)
				lw += space + ww
				continue
			}
			if line.Len() > 0 {
				lines = append(lines, line.String()+" ")
				line.Reset()
				lw = 0
			}
			for ww > w && word != "" { // a word wider than the line: split it
				r := []rune(word)
				n := len(r) - 1
				for n > 1 && d.f.GetStringWidth(string(r[:n])) > w {
					n--
				}
				lines = append(lines, string(r[:n]))
				word = string(r[n:])
				ww = d.f.GetStringWidth(word)
			}
			line.WriteString(word)
			lw = ww
		}
		if pi < len(paras)-1 {
			line.WriteByte(' ')
		}
		lines = append(lines, line.String())
	}
	return lines
}

// Need keeps what follows together: it starts a new page unless h
// millimetres fit above the bottom margin.
func (d *Document) Need(h float64) { d.ensure(h) }

// LineHeight is the height of a line of body text, in millimetres.
func (d *Document) LineHeight() float64 { return lineHeight(d.size) }

// ensure starts a new page unless h millimetres fit above the bottom margin.
func (d *Document) ensure(h float64) {
	if d.f.GetY()+h > PageHeight-d.m.Bottom {
		d.AddPage()
	}
}

// Heading writes a numbered or plain heading (level 1 a section, 2 a
// subsection, 0 the document's subject) and a bookmark to it, kept on the
// page with at least the next few lines. It is tagged H1 (level 0), H2
// (level 1) or H3 (level 2 and below).
func (d *Document) Heading(level int, text string) {
	size := map[int]float64{0: 13, 1: 12, 2: 10.5}[level]
	if size == 0 {
		size = d.size
	}
	s := Style{Size: size, Bold: true}
	d.setStyle(s)
	lines := d.wrap(Clean(text), d.ContentWidth())
	lh := lineHeight(size)
	if level > 0 {
		d.ensure(float64(len(lines))*lh + 3 + 3*lineHeight(d.size))
		d.f.SetXY(d.m.Left, d.f.GetY()+2.5)
		d.setStyle(s) // a new page resets the font
	}
	bl := level - 1
	if bl < 0 {
		bl = 0
	}
	d.f.Bookmark(Clean(text), bl+d.outline, -1)
	typ := tagged.H3
	switch level {
	case 0:
		typ = tagged.H1
	case 1:
		typ = tagged.H2
	}
	d.mark(typ, func() {
		for _, l := range lines {
			d.f.SetX(d.m.Left)
			d.f.CellFormat(d.ContentWidth(), lh, l, "", 2, "L", false, 0, "")
		}
	})
	d.f.SetXY(d.m.Left, d.f.GetY()+1)
	d.setStyle(Style{})
}

// Paragraph writes text wrapped to the text column, breaking pages where
// needed, with half a line of space after it. A line feed starts a new
// line.
func (d *Document) Paragraph(text string) { d.StyledParagraph(text, Style{}) }

// Subheading writes text in style s like StyledParagraph, with no
// bookmark and no space above, tagged as a heading of level (1 to 6: H1 to
// H6): the small headings inside a section, which a screen reader lists
// with the others.
func (d *Document) Subheading(level int, text string, s Style) {
	level = min(max(level, 1), 6)
	d.styledText("H"+strconv.Itoa(level), text, s)
}

// StartHeight is the height a paragraph of text in style s needs on a
// page to begin there (styledText's rule: all of it up to three lines, else
// its first two) plus the space after it, so a caller can keep a title on
// the page with the start of the paragraph under it.
func (d *Document) StartHeight(text string, s Style) float64 {
	size := s.Size
	if size == 0 {
		size = d.size
	}
	lh := lineHeight(size)
	n := len(d.Wrap(text, d.ContentWidth(), s))
	if n > 3 {
		n = 2
	}
	return float64(n)*lh + lh/2
}

// StyledParagraph is Paragraph in style s.
func (d *Document) StyledParagraph(text string, s Style) { d.styledText(tagged.P, text, s) }

// styledText writes a paragraph tagged typ (P, Caption).
func (d *Document) styledText(typ, text string, s Style) {
	d.setStyle(s)
	size := s.Size
	if size == 0 {
		size = d.size
	}
	lh := lineHeight(size)
	lines := d.wrap(Clean(text), d.ContentWidth())
	// No orphan (a paragraph's first line alone at a page's foot) and no
	// widow (its last line alone at the top of the next): the first and the
	// last line each go with their neighbour, and a paragraph of three
	// lines or fewer is never split.
	need := func(i int) float64 {
		switch {
		case i == 0 && len(lines) <= 3:
			return float64(len(lines)) * lh
		case i == 0 || i == len(lines)-2:
			return 2 * lh
		}
		return lh
	}
	// (with a margin for rounding, so fpdf's own page break, which compares
	// the same sums, never comes first)
	breaks := func(i int) bool { return d.f.GetY()+need(i) > PageHeight-d.m.Bottom-0.001 }
	if breaks(0) { // before the element, so no page holds an empty part of it
		d.AddPage()
		d.setStyle(s)
	}
	d.mark(typ, func() {
		for i, l := range lines {
			if i > 0 && breaks(i) {
				d.AddPage()
				d.setStyle(s)
			}
			d.f.SetX(d.m.Left)
			d.f.CellFormat(d.ContentWidth(), lh, l, "", 2, "L", false, 0, "")
		}
	})
	d.f.SetXY(d.m.Left, d.f.GetY()+lh/2)
	d.setStyle(Style{})
}

// TextAt writes lines into the box r (wrapped to its width, cut at its
// height), without moving the flow of the page: for the recipient's
// address in the window and the letterhead.
func (d *Document) TextAt(r Rect, lines []string, s Style) {
	x, y := d.f.GetX(), d.f.GetY()
	d.setStyle(s)
	size := s.Size
	if size == 0 {
		size = d.size
	}
	lh := lineHeight(size)
	top := r.Y
	var wrapped []string
	for i, line := range lines {
		ls := d.wrap(Clean(line), r.W)
		if i < len(lines)-1 && len(ls) > 0 {
			ls[len(ls)-1] += " " // the lines are read as one text
		}
		wrapped = append(wrapped, ls...)
	}
	d.mark(tagged.P, func() {
		for _, l := range wrapped {
			if r.H > 0 && top+lh > r.Y+r.H+0.01 {
				break
			}
			d.f.SetXY(r.X, top)
			d.f.CellFormat(r.W, lh, l, "", 0, "L", false, 0, "")
			top += lh
		}
	})
	d.setStyle(Style{})
	d.f.SetXY(x, y)
}

// KV is one line of a KeyValue block.
type KV struct{ Key, Value string }

// KeyValue writes pairs as two columns in the box r (r.H is ignored): the
// key in bold, keyWidth millimetres wide, the value wrapped beside it. It
// returns the height used and leaves the flow of the page where it was.
func (d *Document) KeyValue(r Rect, pairs []KV, keyWidth float64, s Style) float64 {
	x, y := d.f.GetX(), d.f.GetY()
	size := s.Size
	if size == 0 {
		size = d.size
	}
	lh := lineHeight(size)
	top := r.Y
	tbl := d.add(tagged.Table) // a key and its value are a row with a row header
	for _, p := range pairs {
		tr := tbl.Add(tagged.TR)
		d.setStyle(Style{Size: size, Bold: true})
		d.f.SetXY(r.X, top)
		d.tg.Mark(tr.AddTH(tagged.ScopeRow), func() {
			d.f.CellFormat(keyWidth, lh, d.fit(Clean(p.Key), keyWidth-1)+" ", "", 0, "L", false, 0, "")
		})
		d.setStyle(Style{Size: size})
		lines := d.wrap(Clean(p.Value), r.W-keyWidth)
		if len(lines) == 0 {
			lines = []string{""}
		}
		d.tg.Mark(tr.Add(tagged.TD), func() {
			for _, l := range lines {
				d.f.SetXY(r.X+keyWidth, top)
				d.f.CellFormat(r.W-keyWidth, lh, l, "", 0, "L", false, 0, "")
				top += lh
			}
		})
	}
	d.setStyle(Style{})
	d.f.SetXY(x, y)
	return top - r.Y
}

// KeyValueBlock writes pairs in the text column at the current position
// and moves below them.
func (d *Document) KeyValueBlock(pairs []KV, keyWidth float64) {
	lh := lineHeight(d.size)
	d.ensure(lh * float64(min(len(pairs), 3)))
	h := d.KeyValue(Rect{X: d.m.Left, Y: d.f.GetY(), W: d.ContentWidth()}, pairs, keyWidth, Style{})
	d.f.SetXY(d.m.Left, d.f.GetY()+h+lh/2)
}

// Image places a PNG or JPEG image (kind "png" or "jpg") in the box r,
// scaled to fit its height (and width when r.W > 0), as decoration (an
// artifact: a logo beside the name it shows). name identifies it in the
// document.
func (d *Document) Image(name, kind string, data []byte, r Rect) {
	d.artifact(func() { d.image(name, kind, data, r) })
}

func (d *Document) image(name, kind string, data []byte, r Rect) {
	info := d.f.RegisterImageOptionsReader(name, imageOptions(kind), bytes.NewReader(data))
	if d.f.Err() || info == nil {
		return
	}
	w, h := info.Width(), info.Height()
	scale := r.H / h
	if r.W > 0 && w*scale > r.W {
		scale = r.W / w
	}
	d.f.ImageOptions(name, r.X, r.Y, w*scale, h*scale, false, imageOptions(kind), 0, "")
}

// FoldMarks draws short marks in the left edge at the heights given, in
// millimetres from the top, for folding the page to fit the envelope
// (artifacts: not content).
func (d *Document) FoldMarks(ys []float64) {
	d.artifact(func() {
		d.f.SetDrawColor(150, 150, 150)
		d.f.SetLineWidth(0.2)
		for _, y := range ys {
			d.f.Line(4, y, 9, y)
		}
		d.f.SetDrawColor(0, 0, 0)
	})
}

// Rule draws a thin line across the text column at the current position.
func (d *Document) Rule() {
	y := d.f.GetY()
	d.artifact(func() {
		d.f.SetDrawColor(160, 160, 160)
		d.f.SetLineWidth(0.2)
		d.f.Line(d.m.Left, y, d.m.Left+d.ContentWidth(), y)
		d.f.SetDrawColor(0, 0, 0)
	})
	d.f.SetXY(d.m.Left, y+1)
}
