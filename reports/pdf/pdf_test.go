package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

func TestKroner(t *testing.T) {
	for _, c := range []struct {
		ore       int64
		kr, krOre string
	}{
		{0, "0 kr", "0,00 kr"},
		{123456750, "1 234 568 kr", "1 234 567,50 kr"},
		{-123456749, "-1 234 567 kr", "-1 234 567,49 kr"},
		{99, "1 kr", "0,99 kr"},
		{100000, "1 000 kr", "1 000,00 kr"},
	} {
		nb := func(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
		if got := pdf.Kroner(c.ore); got != nb(c.kr) {
			t.Errorf("Kroner(%d) = %q, want %q", c.ore, got, nb(c.kr))
		}
		if got := pdf.KronerOre(c.ore); got != nb(c.krOre) {
			t.Errorf("KronerOre(%d) = %q, want %q", c.ore, got, nb(c.krOre))
		}
	}
	if !pdf.Whole(100, -200, 0) || pdf.Whole(100, 150) {
		t.Error("Whole")
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Bydel Sjøsiden – «Æ Å»":   "Bydel Sjøsiden – «Æ Å»",
		"Skole 😀 og 👨‍👩‍👧 familie": "Skole \uFFFD og \uFFFD familie",
		"a\tb\r\nc\x00":            "a b\nc",
		"1\u00a0234\u00a0kr":       "1\u00a0234\u00a0kr",
	} {
		if got := pdf.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func sample(t *testing.T, rows int) []byte {
	t.Helper()
	d := pdf.New(pdf.Options{Meta: pdf.Meta{Title: "Prøve 😀", Author: "Fjordvik kommune (fiktiv)", Subject: "Test",
		Lang: "nb-NO", Created: time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)}})
	d.PageFooter("Fjordvik kommune (fiktiv) – prøve")
	d.AddPage()
	d.FoldMarks(pdf.FoldMarks)
	d.TextAt(pdf.AddressWindow, []string{"Fjordvik skole", "v/ rektor Mona Sande", "Fjordvikveien 20", "4699 Fjordvik"}, pdf.Style{})
	d.KeyValue(pdf.Rect{X: 118, Y: 50, W: 72}, []pdf.KV{{Key: "Dato", Value: "04.01.2027"}}, 29, pdf.Style{})
	d.SetY(100)
	d.Heading(0, "Prøvedokument")
	d.Heading(1, "1 Tabell")
	d.Paragraph(strings.Repeat("Et langt avsnitt som må brytes over flere linjer. ", 12))
	d.KeyValueBlock([]pdf.KV{{Key: "Nøkkel", Value: "Verdi"}}, 30)
	var rs [][]string
	for i := 0; i < rows; i++ {
		rs = append(rs, []string{fmt.Sprint(i + 1), "Rad med et navn som er langt nok til å brytes i kolonnen sin", pdf.Kroner(int64(i) * 1234567)})
	}
	d.Table(pdf.Table{Header: []string{"Nr", "Navn", "Beløp"}, Rows: rs, Widths: []float64{10, 60, 30},
		Align: []pdf.Align{pdf.Left, pdf.Left, pdf.Right}, Total: []string{"", "Sum", "0 kr"}})
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDocument_Deterministic(t *testing.T) {
	a, b := sample(t, 5), sample(t, 5)
	if !bytes.Equal(a, b) {
		t.Fatal("the same document gives different bytes")
	}
	for _, want := range []string{"%PDF-", "/Lang (nb-NO)", "/CreationDate (D:20270104080000", "/Outlines"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("document lacks %q", want)
		}
	}
}

func TestDocument_TableBreaksWithHeader(t *testing.T) {
	data := sample(t, 80)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(p, data, 0o644)
	out, err := exec.Command(bin, "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages, want at least 3", len(pages))
	}
	for i, pg := range pages {
		if i > 0 && !strings.Contains(pg, "Nr") {
			t.Errorf("page %d lacks the repeated table header", i+1)
		}
		if want := fmt.Sprintf("Side %d av %d", i+1, len(pages)); !strings.Contains(pg, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	if !strings.Contains(strings.ReplaceAll(string(out), "\u00a0", " "), "975 308 kr") {
		t.Error("an amount is broken or missing")
	}
}

func TestDocument_Groups(t *testing.T) {
	d := pdf.New(pdf.Options{Meta: pdf.Meta{Created: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}})
	for g, n := range []int{2, 1} {
		d.BeginGroup(n, fmt.Sprintf("Del %d", g+1))
		d.AddPage()
		d.Bookmark(fmt.Sprintf("Del %d", g+1), 0)
		for i := 1; i < n; i++ {
			d.AddPage()
		}
	}
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "g.pdf")
	os.WriteFile(p, data, 0o644)
	out, _ := exec.Command(bin, "-layout", p, "-").Output()
	pages := strings.Split(string(out), "\f")
	for i, want := range []string{"Del 1 · Side 1 av 2", "Del 1 · Side 2 av 2", "Del 2 · Side 1 av 1"} {
		parts := strings.Split(want, " · ")
		if !strings.Contains(pages[i], parts[0]) || !strings.Contains(pages[i], parts[1]) {
			t.Errorf("page %d: want %q in\n%s", i+1, want, pages[i])
		}
	}
}

// TestDocument_TotalNeverAlone sets tables of every length that fills a
// page or two and asserts that the sum row always shares its page with at
// least one row of the table (no orphan sum row).
func TestDocument_TotalNeverAlone(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	for rows := 1; rows <= 45; rows++ {
		t.Run(fmt.Sprint(rows), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "t.pdf")
			if err := os.WriteFile(p, sample(t, rows), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(bin, "-layout", p, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for i, pg := range strings.Split(string(out), "\f") {
				if strings.Contains(pg, "Sum") && !strings.Contains(pg, "Rad med") {
					t.Errorf("page %d holds the sum row without any row of the table:\n%s", i+1, pg)
				}
			}
		})
	}
}

// TestDocument_ParagraphNoWidow starts paragraphs of 1 to 6 lines at every
// height near a page's foot and asserts that no page holds a single line
// of a paragraph that has more (no orphan, no widow).
func TestDocument_ParagraphNoWidow(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	words := strings.Repeat("ord ", 400)
	for lines := 2; lines <= 6; lines++ {
		for step := 0; step < 8; step++ {
			t.Run(fmt.Sprintf("%d lines at %d", lines, step), func(t *testing.T) {
				d := pdf.New(pdf.Options{Meta: pdf.Meta{Title: "t", Created: time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)}})
				d.AddPage()
				d.SetY(pdf.PageHeight - 22 - float64(step)*d.LineHeight()/2)
				// each line holds about 24 "ord"; mark the paragraph's lines
				text := "START " + words[:4*(24*lines-14)] + " SLUTT"
				d.Paragraph(text)
				data, err := d.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(t.TempDir(), "t.pdf")
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(bin, "-layout", p, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				for i, pg := range strings.Split(string(out), "\f") {
					var body []string
					for _, l := range strings.Split(pg, "\n") {
						if strings.Contains(l, "ord") || strings.Contains(l, "START") || strings.Contains(l, "SLUTT") {
							body = append(body, l)
						}
					}
					if len(body) == 1 {
						t.Errorf("page %d holds one line of the paragraph: %q", i+1, body[0])
					}
				}
			})
		}
	}
}
