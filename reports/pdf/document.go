package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// Meta is the document's metadata.
type Meta struct {
	Title    string
	Author   string // the municipality
	Subject  string
	Keywords string
	Creator  string    // the program; "helsebudsjett" when empty
	Lang     string    // BCP 47: "nb-NO" or "nn-NO"
	Created  time.Time // creation and modification date; required, so output is deterministic
}

// Margins are page margins in millimetres.
type Margins struct{ Left, Top, Right, Bottom float64 }

// WindowEnvelope are margins for a letter folded into a C5 or DL window
// envelope: the text column starts 25 mm from the left edge, like the
// address in the window (see AddressWindow).
var WindowEnvelope = Margins{Left: 25, Top: 20, Right: 20, Bottom: 22}

// Rect is a rectangle on the page, in millimetres from the top left corner.
type Rect struct{ X, Y, W, H float64 }

// AddressWindow is where the recipient's address must stand to show in the
// window of a C5 or DL envelope (the address field of DIN 5008 form B and
// SN-standard letters: 20 mm from the left edge and 45 mm from the top,
// 85 × 45 mm), with 5 mm of inner margin on every side.
var AddressWindow = Rect{X: 25, Y: 50, W: 75, H: 35}

// FoldMarks are the heights, in millimetres from the top, of the fold marks
// of a letter folded for a DL envelope (and, folded once more, C5): a third
// and two thirds of the way down a form-B letter.
var FoldMarks = []float64{105, 210}

// Page sizes, in millimetres.
const (
	PageWidth  = 210.0
	PageHeight = 297.0
)

// defaultCreated is the creation date of a document whose Meta has none:
// never the wall clock.
var defaultCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Options set up a Document.
type Options struct {
	Meta    Meta
	Margins Margins // zero: WindowEnvelope
	// FontSize is the body text size in points (10 when zero).
	FontSize float64
	// PageLabel writes a page's number in the footer; page is the number
	// within the current group, total its number of pages. The default
	// writes "Side 1 av 3" (the same in bokmål and nynorsk).
	PageLabel func(page int, total string) string
}

// Document is a PDF being written. It is not safe for concurrent use; make
// one per document (they are cheap once the fonts are loaded).
type Document struct {
	f       *fpdf.Fpdf
	opt     Options
	m       Margins
	size    float64 // body font size, pt
	outline int     // bookmark level of Heading level 1

	// page numbering and footer, for the pages of the current group and
	// for those of the next group (applied when its first page is added)
	footer, nextFooter string
	start, total       int // first page of the group; its page count (0: the whole document, by alias)
	nextTotal          int
	pendingGroup       bool
	pendingFooter      bool
	italic             bool // the oblique face is loaded (on first use: each face costs time to load and embed)

	// tagging: every element is marked as it is drawn (see tag.go)
	tg     *tagged.Tagger
	parent *tagged.Element // where new elements go: the Document or a part's Sect
	toc    *tagged.Element // the TOC the next ContentsLine joins; nil after any other element
	header string          // the stamp PageHeader set; "" for none
}

// aliasTotal stands for the document's page count until it is closed.
const aliasTotal = "{nb}"

// New starts a document with the options.
func New(opt Options) *Document {
	m := opt.Margins
	if m == (Margins{}) {
		m = WindowEnvelope
	}
	size := opt.FontSize
	if size == 0 {
		size = 10
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.AliasNbPages(aliasTotal)
	f.AddUTF8FontFromBytes(family, "", sansRegular)
	f.AddUTF8FontFromBytes(family, "B", sansBold)
	f.SetMargins(m.Left, m.Top, m.Right)
	f.SetAutoPageBreak(true, m.Bottom)
	f.SetCellMargin(0)
	f.SetCatalogSort(true)
	created := opt.Meta.Created
	if created.IsZero() {
		created = defaultCreated
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	creator := opt.Meta.Creator
	if creator == "" {
		creator = "helsebudsjett"
	}
	f.SetCreator(Clean(creator), true)
	f.SetProducer(Clean(creator)+" (go-pdf/fpdf)", true)
	f.SetTitle(Clean(opt.Meta.Title), true)
	f.SetAuthor(Clean(opt.Meta.Author), true)
	f.SetSubject(Clean(opt.Meta.Subject), true)
	if opt.Meta.Keywords != "" {
		f.SetKeywords(Clean(opt.Meta.Keywords), true)
	}
	if opt.Meta.Lang != "" {
		f.SetLang(opt.Meta.Lang)
	}
	f.SetDisplayMode("fullwidth", "single")
	f.SetFont(family, "", size)
	d := &Document{f: f, opt: opt, m: m, size: size, start: 1}
	d.tg = tagged.New(f) // owns fpdf's header and footer functions: they are artifacts
	d.tg.SetFooter(d.drawFooter)
	d.tg.SetHeader(d.drawHeader)
	d.parent = d.tg.Root()
	return d
}

// Err returns the first error the writer met, or nil.
func (d *Document) Err() error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// Output closes the document and writes it to w. It returns the writer's
// first error, if any, before writing anything.
func (d *Document) Output(w io.Writer) error {
	if err := d.Err(); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := d.tg.Output(&b, d.tagOptions()); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := d.Err(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Bytes closes the document and returns it.
func (d *Document) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Pages returns the number of pages so far.
func (d *Document) Pages() int { return d.f.PageNo() }

// ContentWidth is the width between the margins.
func (d *Document) ContentWidth() float64 { return PageWidth - d.m.Left - d.m.Right }

// Margins returns the document's margins.
func (d *Document) Margins() Margins { return d.m }

// Y is the current vertical position, in millimetres from the top.
func (d *Document) Y() float64 { return d.f.GetY() }

// SetY moves to y millimetres from the top, at the left margin.
func (d *Document) SetY(y float64) { d.f.SetXY(d.m.Left, y) }

// Space moves down by mm millimetres, or to the top of the next page when
// that passes the bottom margin.
func (d *Document) Space(mm float64) {
	if d.f.GetY()+mm > PageHeight-d.m.Bottom {
		d.AddPage()
		return
	}
	d.f.SetXY(d.m.Left, d.f.GetY()+mm)
}

// PageFooter sets the text at the left of the footer, from the next page
// added with AddPage on (on the first page, when called before it).
func (d *Document) PageFooter(text string) {
	d.nextFooter, d.pendingFooter = Clean(text), true
}

// BeginGroup numbers the pages from the next AddPage on by themselves,
// "Side 1 av N", as the letters of a combined document are: total is the
// number of pages the group will have (known from rendering it on its own),
// or 0 for a group that runs to the end of the document, whose total is
// filled in when the document is closed. footer is the footer text of the
// group's pages.
func (d *Document) BeginGroup(total int, footer string) {
	d.nextTotal, d.nextFooter, d.pendingGroup, d.pendingFooter = total, Clean(footer), true, true
}

// AddPage starts a new page, applying a group or footer set since the last
// one.
func (d *Document) AddPage() {
	d.f.AddPage() // draws the footer of the page before, with its own group's numbering
	if d.pendingGroup {
		d.start, d.total, d.pendingGroup = d.f.PageNo(), d.nextTotal, false
	}
	if d.pendingFooter {
		d.footer, d.pendingFooter = d.nextFooter, false
	}
	d.f.SetFont(family, "", d.size)
	d.f.SetXY(d.m.Left, d.m.Top)
}

func (d *Document) drawFooter() {
	f := d.f
	page := f.PageNo() - d.start + 1
	total := aliasTotal
	if d.total > 0 {
		total = strconv.Itoa(d.total)
	} else if d.start > 1 {
		total = "?" // a group without a known total, after the first: not supported by the alias
	}
	label := fmt.Sprintf("Side %d av %s", page, total)
	if d.opt.PageLabel != nil {
		label = Clean(d.opt.PageLabel(page, total))
	}
	y := PageHeight - d.m.Bottom + 7
	f.SetFont(family, "", 7.5)
	f.SetTextColor(90, 90, 90)
	lw := f.GetStringWidth(label) + 2
	if total == aliasTotal {
		lw = f.GetStringWidth(fmt.Sprintf("Side %d av %d", page, 999)) + 2
	}
	w := d.ContentWidth()
	f.SetDrawColor(160, 160, 160)
	f.SetLineWidth(0.2)
	f.Line(d.m.Left, y-1.5, d.m.Left+w, y-1.5)
	f.SetXY(d.m.Left, y)
	f.CellFormat(w-lw, 4, d.fit(d.footer, w-lw-2), "", 0, "L", false, 0, "")
	f.SetXY(d.m.Left+w-lw, y)
	f.CellFormat(lw, 4, label, "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetFont(family, "", d.size)
}

// fit shortens text with "…" until it fits in w at the current font.
func (d *Document) fit(text string, w float64) string {
	if d.f.GetStringWidth(text) <= w {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// Bookmark adds an entry to the document outline at the current position:
// level 0 at the top, 1 below it, and so on.
func (d *Document) Bookmark(text string, level int) {
	d.f.SetFont(family, "", d.size) // bookmarks are UTF-16 only under a UTF-8 font
	d.f.Bookmark(Clean(text), level, -1)
}

// Nest shifts the bookmarks of Heading by n levels: a combined document
// puts one bookmark per part at level 0 and Nest(1) below it.
func (d *Document) Nest(n int) { d.outline = n }

func imageOptions(kind string) fpdf.ImageOptions {
	return fpdf.ImageOptions{ImageType: kind, ReadDpi: false}
}
