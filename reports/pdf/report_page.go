package pdf

import "strings"

// What the longer documents (the annual report) need beyond the letters:
// a marking stamped at the top of every page, figures placed in the flow
// of the text, contents lines with page numbers, and a cover.

// PageHeader stamps text at the top right of every page from the next one
// added on (and of the current page when called before the first), in
// bold capitals in a box, inside the top margin: for "Intern – ikke for
// offentliggjøring". An empty text stamps nothing.
func (d *Document) PageHeader(text string) {
	text = Clean(strings.ToUpper(text))
	if text == "" {
		d.f.SetHeaderFunc(nil)
		return
	}
	d.f.SetHeaderFunc(func() {
		x, y := d.f.GetX(), d.f.GetY()
		d.f.SetFont(family, "B", 7.5)
		d.f.SetTextColor(150, 20, 20)
		d.f.SetDrawColor(150, 20, 20)
		d.f.SetLineWidth(0.3)
		w := d.f.GetStringWidth(text) + 4
		top := max(d.m.Top-11, 3)
		d.f.SetXY(PageWidth-d.m.Right-w, top)
		d.f.CellFormat(w, 5.5, text, "1", 0, "C", false, 0, "")
		d.f.SetTextColor(0, 0, 0)
		d.f.SetDrawColor(0, 0, 0)
		d.f.SetFont(family, "", d.size)
		d.f.SetXY(x, y)
	})
}

// Ensure starts a new page unless h millimetres fit above the bottom
// margin.
func (d *Document) Ensure(h float64) { d.ensure(h) }

// Page is the number of the current page, from 1.
func (d *Document) Page() int { return d.f.PageNo() }

// Figure places a PNG image the width of w millimetres (the text column
// when 0) and h high at the left margin of the current position, on a new
// page when it does not fit, and moves below it. name identifies the image
// in the document and must be unique.
func (d *Document) Figure(name string, png []byte, w, h float64) {
	if w <= 0 {
		w = d.ContentWidth()
	}
	d.ensure(h + 2)
	y := d.f.GetY()
	d.Image(name, "png", png, Rect{X: d.m.Left, Y: y, W: w, H: h})
	d.f.SetXY(d.m.Left, y+h+2)
}

// ContentsLine writes one line of a table of contents: text indented by
// level (0 a chapter, in bold), dot leaders, and page at the right. A link
// to the page is made when page > 0.
func (d *Document) ContentsLine(text string, level int, page int, pageText string) {
	size := d.size
	bold := level == 0
	if !bold {
		size = d.size - 0.5
	}
	lh := lineHeight(size) + 0.6
	d.ensure(lh)
	d.setStyle(Style{Size: size, Bold: bold})
	indent := float64(level) * 6
	pw := 14.0
	w := d.ContentWidth() - indent - pw
	t := d.fit(Clean(text), w-4)
	y := d.f.GetY()
	tw := d.f.GetStringWidth(t)
	d.f.SetXY(d.m.Left+indent, y)
	link := 0
	if page > 0 {
		link = d.f.AddLink()
		d.f.SetLink(link, 0, page)
	}
	d.f.CellFormat(tw+1, lh, t, "", 0, "L", false, link, "")
	// dot leaders
	d.setStyle(Style{Size: size, Gray: true})
	if k := int((w - tw - 3) / d.f.GetStringWidth(" .")); k > 0 {
		d.f.CellFormat(w-tw-1, lh, strings.Repeat(" .", k), "", 0, "R", false, 0, "")
	}
	d.setStyle(Style{Size: size, Bold: bold})
	d.f.SetXY(d.m.Left+d.ContentWidth()-pw, y)
	d.f.CellFormat(pw, lh, Clean(pageText), "", 0, "R", false, link, "")
	d.f.SetXY(d.m.Left, y+lh)
	d.setStyle(Style{})
}

// Cover writes a cover: lines of title text in large bold type from a
// third of the way down, then the smaller lines below them.
func (d *Document) Cover(title []string, below []string) {
	y := PageHeight / 3
	for _, t := range title {
		d.setStyle(Style{Size: 22, Bold: true})
		for _, l := range d.wrap(Clean(t), d.ContentWidth()) {
			d.f.SetXY(d.m.Left, y)
			d.f.CellFormat(d.ContentWidth(), lineHeight(22), l, "", 0, "L", false, 0, "")
			y += lineHeight(22)
		}
	}
	y += 8
	for _, t := range below {
		d.setStyle(Style{Size: 12})
		for _, l := range d.wrap(Clean(t), d.ContentWidth()) {
			d.f.SetXY(d.m.Left, y)
			d.f.CellFormat(d.ContentWidth(), lineHeight(12), l, "", 0, "L", false, 0, "")
			y += lineHeight(12)
		}
	}
	d.setStyle(Style{})
	d.f.SetXY(d.m.Left, y)
}
