// Package tagged makes an unmodified fpdf document a tagged PDF, and
// optionally a PDF/A-2 one.
//
// While the pages are drawn, a Tagger writes marked content into the page
// content streams through fpdf's raw-write hook: "/P <</MCID 3>> BDC … EMC"
// around content that belongs to a structure element, "/Artifact BMC … EMC"
// around running headers, footers, page numbers, fold marks and repeated
// table headers. It records, per page, which element each MCID belongs to.
// fpdf has no hook for the catalog or the page dictionaries, so Finish
// appends a PDF incremental update to fpdf's finished output: a new catalog
// (with /MarkInfo, /StructTreeRoot, /Lang, /ViewerPreferences and, for
// PDF/A, /Metadata and /OutputIntents), the page objects again with
// /StructParents and /Tabs /S, the structure tree with its /ParentTree, and
// a new cross-reference section whose trailer points back with /Prev.
//
// Reading order is the order of the structure tree, not the drawing order:
// an element may be created before or after its siblings are drawn, and
// content drawn for an element on several pages (a table cut by a page
// break) stays one element.
package tagged

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Standard structure types (PDF 32000-1, 14.8.4) this package writes.
const (
	Document = "Document"
	Sect     = "Sect"
	H1       = "H1"
	H2       = "H2"
	H3       = "H3"
	P        = "P"
	L        = "L"
	LI       = "LI"
	Lbl      = "Lbl"
	LBody    = "LBody"
	Table    = "Table"
	THead    = "THead"
	TBody    = "TBody"
	TR       = "TR"
	TH       = "TH"
	TD       = "TD"
	Figure   = "Figure"
	Caption  = "Caption"
	TOC      = "TOC"
	TOCI     = "TOCI"
	Link     = "Link"
)

// Header cell scopes (the /Scope attribute of a TH).
const (
	ScopeColumn = "Column"
	ScopeRow    = "Row"
	ScopeBoth   = "Both"
)

// Element is a node of the structure tree. Create them with Tagger.Root
// and Element.Add; the order of Add calls is the reading order.
type Element struct {
	Type  string // a standard structure type such as H1, P, TD
	Alt   string // alternative text; required for a Figure
	Scope string // for a TH: ScopeColumn, ScopeRow or ScopeBoth
	Lang  string // BCP 47, when it differs from the document's

	parent *Element
	kids   []kid
}

// kid is a child of an element: another element, a marked-content
// sequence (page and MCID), or an annotation (page and its 1-based place
// among the page's annotations).
type kid struct {
	elem  *Element
	page  int // 1-based fpdf page number
	mcid  int
	annot int
	text  string // an annotation's /Contents
}

// Add appends a child element of type typ and returns it.
func (e *Element) Add(typ string) *Element {
	c := &Element{Type: typ, parent: e}
	e.kids = append(e.kids, kid{elem: c})
	return c
}

// AddFigure appends a Figure with its alternative text.
func (e *Element) AddFigure(alt string) *Element {
	c := e.Add(Figure)
	c.Alt = alt
	return c
}

// AddTH appends a header cell with its scope.
func (e *Element) AddTH(scope string) *Element {
	c := e.Add(TH)
	c.Scope = scope
	return c
}

// state is what kind of marked content is open on the page.
type state int

const (
	none state = iota
	content
	artifact
)

// Tagger writes marked content into an fpdf document and, in Finish, the
// structure tree. It takes over fpdf's header and footer functions (so it
// can close marked content before a page break and reopen it after): set
// them with SetHeader and SetFooter, not on the fpdf document. It is not
// safe for concurrent use.
type Tagger struct {
	pdf            *fpdf.Fpdf
	root           *Element
	pages          map[int][]*Element // fpdf page → element per MCID
	st             state
	open           *Element    // the element whose content is open (st == content)
	annots         map[int]int // fpdf page → annotations claimed on it
	header, footer func()
}

// New starts tagging pdf. Call it before the first AddPage.
func New(pdf *fpdf.Fpdf) *Tagger {
	t := &Tagger{pdf: pdf, root: &Element{Type: Document}, pages: map[int][]*Element{}, annots: map[int]int{}}
	pdf.SetHeaderFunc(t.onHeader)
	pdf.SetFooterFunc(t.onFooter)
	return t
}

// Root returns the Document element, the root of the structure tree.
func (t *Tagger) Root() *Element { return t.root }

// SetHeader sets what is drawn at the top of every page; it is marked as
// an artifact.
func (t *Tagger) SetHeader(fn func()) { t.header = fn }

// SetFooter sets what is drawn at the bottom of every page (page numbers,
// fold marks); it is marked as an artifact.
func (t *Tagger) SetFooter(fn func()) { t.footer = fn }

// Mark draws content that belongs to e: draw's output is wrapped in a
// marked-content sequence with a new MCID. When draw breaks the page, the
// sequence is closed before the footer and a new one, for the same element,
// opened on the next page after the header. Marked content does not nest:
// calling Mark or Artifact inside draw sets an error on the fpdf document.
func (t *Tagger) Mark(e *Element, draw func()) {
	if !t.canBegin("Mark") {
		return
	}
	if e == nil {
		t.pdf.SetErrorf("tagged: Mark with a nil element")
		return
	}
	t.st, t.open = content, e
	t.beginContent()
	draw()
	t.pdf.RawWriteStr("EMC")
	t.st, t.open = none, nil
}

// Annotation says that the annotation fpdf added last on the current page
// (a link: CellFormat with a link, or Link) belongs to e, normally a Link
// element, with contents as its description for assistive technology.
// Call it once for every annotation on a page or for none of them: Finish
// refuses a page where some are claimed and others not, since it finds
// them by their order on the page.
func (t *Tagger) Annotation(e *Element, contents string) {
	if t.pdf.Error() != nil {
		return
	}
	pg := t.pdf.PageNo()
	t.annots[pg]++
	e.kids = append(e.kids, kid{page: pg, annot: t.annots[pg], text: contents})
}

// Artifact draws content that is not part of the document's logical
// content: decoration, a repeated table header, a running header.
func (t *Tagger) Artifact(draw func()) {
	if !t.canBegin("Artifact") {
		return
	}
	t.st = artifact
	t.pdf.RawWriteStr("/Artifact BMC")
	draw()
	t.pdf.RawWriteStr("EMC")
	t.st = none
}

func (t *Tagger) canBegin(what string) bool {
	switch {
	case t.pdf.Error() != nil:
		return false
	case t.pdf.PageNo() == 0:
		t.pdf.SetErrorf("tagged: %s before the first page", what)
		return false
	case t.st != none:
		t.pdf.SetErrorf("tagged: %s inside marked content (marked content does not nest)", what)
		return false
	}
	return true
}

// beginContent opens a marked-content sequence for t.open on the current page.
func (t *Tagger) beginContent() {
	pg := t.pdf.PageNo()
	mcid := len(t.pages[pg])
	t.pages[pg] = append(t.pages[pg], t.open)
	t.open.kids = append(t.open.kids, kid{page: pg, mcid: mcid})
	t.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", t.open.Type, mcid))
}

// onFooter runs when fpdf finishes a page: it closes what is open and
// draws the footer as an artifact.
func (t *Tagger) onFooter() {
	if t.st != none {
		t.pdf.RawWriteStr("EMC")
	}
	t.drawArtifact(t.footer)
}

// onHeader runs when fpdf starts a page: it draws the header as an
// artifact and reopens what the page break interrupted.
func (t *Tagger) onHeader() {
	t.drawArtifact(t.header)
	switch t.st {
	case content:
		t.beginContent()
	case artifact:
		t.pdf.RawWriteStr("/Artifact BMC")
	}
}

func (t *Tagger) drawArtifact(fn func()) {
	if fn == nil {
		return
	}
	saved := t.st
	t.st = artifact
	t.pdf.RawWriteStr("/Artifact BMC")
	fn()
	t.pdf.RawWriteStr("EMC")
	t.st = saved
}
