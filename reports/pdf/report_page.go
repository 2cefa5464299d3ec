package pdf

import (
	"strings"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// What the longer documents (the annual report) need beyond the letters:
// a marking stamped at the top of every page, figures placed in the flow
// of the text, contents lines with page numbers, and a cover.

// PageHeader stamps text at the top right of every page from the next one
// added on (and of the current page when called before the first), in
// bold capitals in a box, inside the top margin: for "Intern – ikke for
// offentliggjøring". An empty text stamps nothing.
func (d *Document) PageHeader(text string) {
	d.header = Clean(strings.ToUpper(text))
}

// Ensure starts a new page unless h millimetres fit above the bottom
// margin.
func (d *Document) Ensure(h float64) { d.ensure(h) }

// Page is the number of the current page, from 1.
func (d *Document) Page() int { return d.f.PageNo() }

// Figure places a PNG image the width of w millimetres (the text column
// when 0) and h high at the left margin of the current position, on a new
// page when it does not fit, and moves below it. name identifies the image
// in the document and must be unique. alt is its alternative text (a
// sentence that says what the figure shows): the Figure's /Alt in the
// structure tree, required.
func (d *Document) Figure(name string, png []byte, w, h float64, alt string) {
	if w <= 0 {
		w = d.ContentWidth()
	}
	d.ensure(h + 2)
	y := d.f.GetY()
	e := d.add(tagged.Figure)
	e.Alt = Clean(alt)
	d.tg.Mark(e, func() { d.image(name, "png", png, Rect{X: d.m.Left, Y: y, W: w, H: h}) })
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
	if d.toc == nil {
		d.toc = d.parent.Add(tagged.TOC)
	}
	item := d.toc.Add(tagged.TOCI)
	if link != 0 {
		// The entry's text and page number are the link; its two
		// annotations belong to the Link element, so a screen reader
		// announces them as one link to the chapter.
		item = item.Add(tagged.Link)
	}
	d.tg.Mark(item, func() { d.f.CellFormat(tw+1, lh, t+" ", "", 0, "L", false, link, "") })
	if link != 0 {
		d.tg.Annotation(item, Clean(text))
	}
	// dot leaders
	d.setStyle(Style{Size: size, Gray: true})
	if k := int((w - tw - 3) / d.f.GetStringWidth(" .")); k > 0 {
		d.artifact(func() { d.f.CellFormat(w-tw-1, lh, strings.Repeat(" .", k), "", 0, "R", false, 0, "") })
	}
	d.setStyle(Style{Size: size, Bold: bold})
	d.f.SetXY(d.m.Left+d.ContentWidth()-pw, y)
	d.tg.Mark(item, func() { d.f.CellFormat(pw, lh, Clean(pageText), "", 0, "R", false, link, "") })
	if link != 0 {
		d.tg.Annotation(item, Clean(text))
	}
	d.f.SetXY(d.m.Left, y+lh)
	d.setStyle(Style{})
}

// Cover writes a cover: lines of title text in large bold type from a
// third of the way down, then the smaller lines below them.
func (d *Document) Cover(title []string, below []string) {
	y := PageHeight / 3
	d.mark(tagged.H1, func() {
		for i, t := range title {
			d.setStyle(Style{Size: 22, Bold: true})
			ls := d.wrap(Clean(t), d.ContentWidth())
			if i < len(title)-1 && len(ls) > 0 {
				ls[len(ls)-1] += " "
			}
			for _, l := range ls {
				d.f.SetXY(d.m.Left, y)
				d.f.CellFormat(d.ContentWidth(), lineHeight(22), l, "", 0, "L", false, 0, "")
				y += lineHeight(22)
			}
		}
	})
	y += 8
	for _, t := range below {
		d.setStyle(Style{Size: 12})
		ls := d.wrap(Clean(t), d.ContentWidth())
		if strings.TrimSpace(t) == "" {
			y += lineHeight(12) * float64(len(ls))
			continue
		}
		d.mark(tagged.P, func() {
			for _, l := range ls {
				d.f.SetXY(d.m.Left, y)
				d.f.CellFormat(d.ContentWidth(), lineHeight(12), l, "", 0, "L", false, 0, "")
				y += lineHeight(12)
			}
		})
	}
	d.setStyle(Style{})
	d.f.SetXY(d.m.Left, y)
}
