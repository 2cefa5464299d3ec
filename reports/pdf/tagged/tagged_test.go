package tagged_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/tagged"
)

// shape is what a test document holds: the test builds two differently
// shaped ones.
type shape struct {
	name     string
	title    string
	sections []string   // H2 headings before the table, each with a paragraph
	cols     []string   // table header
	rows     [][]string // table body: enough rows to break across pages
	alt      string     // the figure's alternative text
	caption  string
	items    []string // a list after the figure
	pdfa     string   // "", "A" or "B"
	closing  int      // sentences in a closing paragraph; enough make it break across pages
}

// closingText is the closing paragraph of s.
func closingText(s shape) string {
	var b []string
	for i := 1; i <= s.closing; i++ {
		b = append(b, fmt.Sprintf("Setning %d i avslutningen, som er lang nok til å fylle linjen.", i))
	}
	return strings.Join(b, " ")
}

func rows(n, cols int, f func(r, c int) string) [][]string {
	out := make([][]string, n)
	for r := range out {
		out[r] = make([]string, cols)
		for c := range out[r] {
			out[r][c] = f(r, c)
		}
	}
	return out
}

var shapes = []shape{
	{
		name:     "report",
		title:    "Årsrapport for helsebudsjettet 2026",
		sections: []string{"Innledning", "Levekår i bydelene"},
		cols:     []string{"Bydel", "År", "Andel"},
		rows: rows(45, 3, func(r, c int) string {
			return [...]string{fmt.Sprintf("Bydel %d", r+1), fmt.Sprint(2015 + r%11), fmt.Sprintf("%d,%d %%", 10+r%9, r%10)}[c]
		}),
		alt:     "Andelen barn i lavinntektshusholdninger i Nordbyen økte fra 19,8 % i 2015 til 21,9 % i 2025; kommunen: 14,5 %.",
		caption: "Figur 1: Barn i lavinntektshusholdninger, Nordbyen og kommunen",
		items:   []string{"Tallene er hentet fra SSB.", "Små tall er skjult."},
		pdfa:    "A",
	},
	{
		name:     "letter",
		title:    "Oppdragsbrev til Helsestasjonen",
		sections: []string{"Oppdraget"},
		cols:     []string{"Tiltak", "Ansvar", "Frist", "Beløp", "Status"},
		rows: rows(70, 5, func(r, c int) string {
			return [...]string{fmt.Sprintf("Tiltak %d", r+1), "Enhet for helse", "31.12.2027", fmt.Sprintf("%d 000 kr", r*7+3), "Pågår"}[c]
		}),
		alt:     "Søylediagram: budsjett per tiltak, fra 3 000 kr til 486 000 kr.",
		caption: "Figur 2: Budsjett per tiltak",
		items:   []string{"Frist for rapport: 1. mars."},
		closing: 120,
	},
}

// build draws s with fpdf and the tagger and returns the finished PDF.
func build(t *testing.T, s shape, compress bool) []byte {
	t.Helper()
	regular, err := os.ReadFile("../fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	created := testDate
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.SetCatalogSort(true) // fonts and images in a fixed order: deterministic output
	f.AddUTF8FontFromBytes("S", "", regular)
	f.AddUTF8FontFromBytes("S", "B", bold)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle(s.title, true)
	f.SetLang("nb-NO") // the tagger must replace it, not duplicate it
	f.SetAutoPageBreak(true, 20)
	f.SetFont("S", "", 10)

	tg := tagged.New(f)
	tg.SetHeader(func() {
		f.SetFont("S", "", 8)
		f.SetXY(10, 8)
		f.CellFormat(0, 5, "Nordbyen kommune – "+s.title, "", 0, "L", false, 0, "")
		f.SetFont("S", "", 10)
		f.SetXY(10, 20)
	})
	tg.SetFooter(func() {
		f.SetFont("S", "", 8)
		f.SetXY(10, 285)
		f.CellFormat(0, 5, fmt.Sprintf("Side %d", f.PageNo()), "", 0, "C", false, 0, "")
		f.Line(5, 105, 8, 105) // a fold mark
		f.SetFont("S", "", 10)
	})
	doc := tg.Root()
	f.AddPage()

	f.SetFont("S", "B", 16)
	tg.Mark(doc.Add(tagged.H1), func() { f.MultiCell(0, 8, s.title, "", "L", false) })
	for i, sec := range s.sections {
		f.SetFont("S", "B", 13)
		tg.Mark(doc.Add(tagged.H2), func() { f.MultiCell(0, 7, sec, "", "L", false) })
		f.SetFont("S", "", 10)
		tg.Mark(doc.Add(tagged.P), func() {
			f.MultiCell(0, 5, fmt.Sprintf("Avsnitt %d om %s. Helsebudsjettet viser hvordan pengene fordeles.", i+1, sec), "", "L", false)
		})
	}

	// The table: one Table element; the header row repeated on every new
	// page is an artifact.
	tbl := doc.Add(tagged.Table)
	w := 190 / float64(len(s.cols))
	header := func() {
		f.SetFont("S", "B", 10)
		for _, c := range s.cols {
			f.CellFormat(w, 7, c, "1", 0, "L", false, 0, "")
		}
		f.Ln(-1)
		f.SetFont("S", "", 10)
	}
	tr := tbl.Add(tagged.TR)
	f.SetFont("S", "B", 10)
	for _, c := range s.cols {
		tg.Mark(tr.AddTH(tagged.ScopeColumn), func() { f.CellFormat(w, 7, c, "1", 0, "L", false, 0, "") })
	}
	f.Ln(-1)
	f.SetFont("S", "", 10)
	_, pageH := f.GetPageSize()
	for _, r := range s.rows {
		if f.GetY()+6 > pageH-20 {
			f.AddPage()
			tg.Artifact(header)
		}
		tr := tbl.Add(tagged.TR)
		for _, c := range r {
			tg.Mark(tr.Add(tagged.TD), func() { f.CellFormat(w, 6, c, "1", 0, "L", false, 0, "") })
		}
		f.Ln(-1)
	}

	f.SetFont("S", "B", 13)
	tg.Mark(doc.Add(tagged.H2), func() { f.MultiCell(0, 7, "Figur", "", "L", false) })
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), 80, uint8(y * 12), 255})
		}
	}
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	f.RegisterImageOptionsReader("chart", fpdf.ImageOptions{ImageType: "PNG"}, &pngBuf)
	if f.GetY()+50 > pageH-20 {
		f.AddPage()
	}
	tg.Mark(doc.AddFigure(s.alt), func() {
		f.ImageOptions("chart", 10, f.GetY(), 80, 40, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	})
	f.SetFont("S", "", 9)
	tg.Mark(doc.Add(tagged.Caption), func() { f.MultiCell(0, 5, s.caption, "", "L", false) })

	f.SetFont("S", "B", 11)
	tg.Mark(doc.Add(tagged.H3), func() { f.MultiCell(0, 6, "Merknader", "", "L", false) })
	f.SetFont("S", "", 10)
	l := doc.Add(tagged.L)
	for _, it := range s.items {
		tg.Mark(l.Add(tagged.LI), func() { f.MultiCell(0, 5, "– "+it, "", "L", false) })
	}

	if s.closing > 0 {
		// fpdf breaks this paragraph by itself: the tagger closes its marked
		// content before the footer and reopens it after the next header.
		tg.Mark(doc.Add(tagged.P), func() { f.MultiCell(0, 5, closingText(s), "", "L", false) })
	}

	opt := tagged.Options{Lang: "nb-NO"}
	if s.pdfa != "" {
		opt.PDFA = &tagged.PDFA{Conformance: s.pdfa, Title: s.title, Author: "Nordbyen kommune",
			Creator: "helsebudsjett", Producer: "helsebudsjett (go-pdf/fpdf)", Created: created}
	}
	var out bytes.Buffer
	if err := tg.Output(&out, opt); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// testDate is the documents' creation date, with Oslo's winter offset.
var testDate = time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600))
