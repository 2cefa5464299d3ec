package pdf

import (
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// Every document is a tagged PDF that declares PDF/A-2a: each heading,
// paragraph, table, figure and caption is marked as it is drawn and added
// to the structure tree in drawing order (which is the reading order of
// these documents), and whatever is not content (running headers and
// footers, page numbers, fold marks, rules, fills, repeated table headers,
// dot leaders) is an artifact. See package tagged.

// Conformance is the PDF/A-2 level the documents claim: "A" (accessible),
// since every piece of content is tagged.
const Conformance = "A"

// tagOptions are the document-wide entries the tagger writes.
func (d *Document) tagOptions() tagged.Options {
	lang := d.opt.Meta.Lang
	if lang == "" {
		lang = "nb-NO"
	}
	creator := d.opt.Meta.Creator
	if creator == "" {
		creator = "helsebudsjett"
	}
	created := d.opt.Meta.Created
	if created.IsZero() {
		created = defaultCreated
	}
	return tagged.Options{Lang: lang, PDFA: &tagged.PDFA{
		Conformance: Conformance,
		Title:       Clean(d.opt.Meta.Title),
		Author:      Clean(d.opt.Meta.Author),
		Subject:     Clean(d.opt.Meta.Subject),
		Keywords:    Clean(d.opt.Meta.Keywords),
		Creator:     Clean(creator),
		Producer:    Clean(creator) + " (go-pdf/fpdf)",
		Created:     created,
	}}
}

// add appends an element of type typ to the current part.
func (d *Document) add(typ string) *tagged.Element {
	d.toc = nil
	return d.parent.Add(typ)
}

// mark draws content as a new element of type typ and returns it.
func (d *Document) mark(typ string, draw func()) *tagged.Element {
	e := d.add(typ)
	d.tg.Mark(e, draw)
	return e
}

// artifact draws what is not content: decoration, a repeated header.
func (d *Document) artifact(draw func()) { d.tg.Artifact(draw) }

// Part starts a part of the document (a letter of a combined document): the
// elements from here on go into a Sect of their own, below the Document.
func (d *Document) Part() {
	d.toc = nil
	d.parent = d.tg.Root().Add(tagged.Sect)
}

// Caption writes text as the caption of the figure before it, in the style
// of a note.
func (d *Document) Caption(text string) {
	d.styledText(tagged.Caption, text, Style{Size: 8.5, Gray: true})
}

// drawHeader stamps the text PageHeader set at the top right of the page.
func (d *Document) drawHeader() {
	text := d.header
	if text == "" {
		return
	}
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
}
