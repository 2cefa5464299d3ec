package pdf_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
)

// report is a document of the other shape: a cover, contents, a page
// header stamp, a figure with its caption, a table with row headers and a
// table of a key and value per row, in nynorsk.
func report(t *testing.T, alt string) []byte {
	t.Helper()
	d := pdf.New(pdf.Options{Margins: pdf.Margins{Left: 20, Top: 20, Right: 20, Bottom: 22}, Meta: pdf.Meta{Title: "Årsrapport 2026",
		Author: "Nordvik kommune", Subject: "Prøve", Lang: "nn-NO", Created: time.Date(2027, 3, 1, 8, 0, 0, 0, time.FixedZone("CET", 3600))}})
	d.PageHeader("Intern")
	d.PageFooter("Årsrapport 2026 · Nordvik kommune")
	d.AddPage()
	d.Cover([]string{"Årsrapport 2026"}, []string{"Helsebudsjettet", "", "Dato: 1. mars 2027"})
	d.AddPage()
	d.Heading(0, "Innhald")
	d.ContentsLine("1 Samandrag", 0, 3, "3")
	d.ContentsLine("1.1 Tal", 1, 3, "3")
	d.AddPage()
	d.Heading(1, "1 Samandrag")
	d.Paragraph(strings.Repeat("Eit avsnitt som går over fleire liner i teksten. ", 8))
	d.Heading(2, "1.1 Tal")
	img := image.NewRGBA(image.Rect(0, 0, 60, 30))
	for x := 0; x < 60; x++ {
		for y := 0; y < 30; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), 90, uint8(y * 8), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	d.Figure("diagram", b.Bytes(), 120, 60, alt)
	d.Caption("Figur 1: Eit diagram")
	var rows [][]string
	for i := 0; i < 70; i++ {
		rows = append(rows, []string{"Område " + string(rune('A'+i%26)), pdf.Kroner(int64(i) * 100000)})
	}
	d.Table(pdf.Table{Header: []string{"Område", "Beløp"}, Rows: rows, Widths: []float64{2, 1}, RowHeaders: true,
		Align: []pdf.Align{pdf.Left, pdf.Right}})
	d.KeyValueBlock([]pdf.KV{{Key: "Kjelde", Value: "SSB"}}, 30)
	out, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDocument_Tagged(t *testing.T) {
	long := strings.Repeat("Et langt avsnitt som må brytes over flere linjer. ", 12)
	for _, c := range []struct {
		name      string
		pdf       []byte
		headings  []string
		artifacts []string
		para      string // a paragraph that wraps: its text in the tree, every space kept
	}{
		{"letter", sample(t, 60), []string{"H1 Prøvedokument", "H2 1 Tabell"}, []string{"Fjordvik kommune (fiktiv) – prøve"}, long},
		{"report", report(t, "Diagrammet viser tal frå 2015 til 2025."), []string{"H1 Årsrapport 2026", "H1 Innhald", "H2 1 Samandrag", "H3 1.1 Tal"},
			[]string{"Årsrapport 2026 · Nordvik kommune", "INTERN"}, strings.Repeat("Eit avsnitt som går over fleire liner i teksten. ", 8)},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := pdftest.Check(t, c.pdf, pdf.Conformance, c.artifacts...)
			if got := pdftest.Headings(doc); strings.Join(got, "|") != strings.Join(c.headings, "|") {
				t.Errorf("headings:\ngot  %q\nwant %q", got, c.headings)
			}
			// The table over several pages is one Table, its header once.
			tables := doc.All("Table")
			var big *pdftest.Node
			for _, tb := range tables {
				if len(tb.Kids) > 40 {
					big = tb
				}
			}
			if big == nil {
				t.Fatal("no table with its rows across pages")
			}
			if n := len(big.Kids[0].All("TH")); n == 0 || len(big.All("TH")) != n+rowHeaders(big) {
				t.Errorf("the long table has its header cells more than once: %d TH", len(big.All("TH")))
			}
			// fpdf's line breaks keep the space between the words (the fix
			// for "til åfylle").
			found := false
			for _, p := range doc.All("P") {
				if strings.Join(strings.Fields(p.Text), " ") == strings.TrimSpace(c.para) {
					found = true
				}
			}
			if !found {
				t.Errorf("no P holds the wrapped paragraph with its spaces: %q", strings.TrimSpace(c.para))
			}
		})
	}
}

// rowHeaders counts the body rows that start with a row header.
func rowHeaders(tbl *pdftest.Node) int {
	n := 0
	for _, tr := range tbl.Kids[1:] {
		if len(tr.Kids) > 0 && tr.Kids[0].Type == "TH" {
			n++
		}
	}
	return n
}

func TestDocument_FigureAlt(t *testing.T) {
	alt := "Diagrammet viser at talet auka frå 12,5 i 2015 til 14,0 i 2025."
	doc := pdftest.Tree(t, report(t, alt))
	alts := pdftest.FigureAlts(t, report(t, alt))
	if len(alts) != 1 || alts[0] != alt || len(doc.All("Figure")) != 1 {
		t.Fatalf("figure alternative texts %q, want [%q]", alts, alt)
	}
	if cs := doc.All("Caption"); len(cs) != 1 || cs[0].Text != "Figur 1: Eit diagram" {
		t.Errorf("captions: %v", cs)
	}
}

func TestDocument_FigureWithoutAlt(t *testing.T) {
	d := pdf.New(pdf.Options{Meta: pdf.Meta{Title: "T", Created: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}})
	d.AddPage()
	img := image.NewGray(image.Rect(0, 0, 4, 4))
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	d.Figure("x", b.Bytes(), 20, 20, " ")
	if _, err := d.Bytes(); err == nil || !strings.Contains(err.Error(), "alternative text") {
		t.Errorf("a figure without alternative text: err = %v, want it refused", err)
	}
}
