package letters_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/letters"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
)

// TestRenderPDF_Tagged reads the structure tree of a letter of the plain
// fixture (bokmål, a draft), one of the shaped data set (nynorsk) and the
// combined document of the plain fixture's letters: the subject and the
// five sections as headings in order (once per letter, each letter a
// Sect), every table with header cells, the structure text equal to the
// page text with footers, page numbers, the draft stamp and the fold marks
// as artifacts, and PDF/A-2a metadata equal to the Info dictionary.
func TestRenderPDF_Tagged(t *testing.T) {
	plain := newFixture(t, 2, 3, nil).source(t)
	shaped, _ := newShaped(t)
	letter := func(s *letters.Source, code string, o letters.Options) *letters.Letter {
		t.Helper()
		l, err := s.Letter(code, o)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	headings := func(l *letters.Letter) []string {
		t := l.Titles
		return []string{"H1 " + l.Subject, "H2 " + t.Intro, "H2 " + t.Challenges, "H2 " + t.Budget, "H2 " + t.Goals, "H2 " + t.Reporting}
	}
	artifacts := func(ls ...*letters.Letter) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.Municipality.Name+" · "+l.Subject+" · "+l.Unit.Name)
		}
		return append(out, "UTKAST")
	}
	for _, c := range []struct {
		name string
		l    *letters.Letter
	}{
		{"plain draft", letter(plain, "u001", letters.Options{Draft: true})},
		{"shaped nynorsk", letter(shaped, "b01", letters.Options{Lang: indicators.Nynorsk})},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, _, err := letters.RenderPDF(c.l)
			if err != nil {
				t.Fatal(err)
			}
			doc := pdftest.Check(t, data, pdf.Conformance, artifacts(c.l)...)
			if got, want := pdftest.Headings(doc), headings(c.l); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("headings:\ngot  %q\nwant %q", got, want)
			}
			if len(doc.All("Table")) < 2 {
				t.Errorf("%d tables, want the references and the letter's tables", len(doc.All("Table")))
			}
			if len(pdftest.FigureAlts(t, data)) != 0 {
				t.Error("a letter has a Figure: its logo is decoration, an artifact")
			}
		})
	}
	t.Run("combined", func(t *testing.T) {
		ls := []*letters.Letter{letter(plain, "u001", letters.Options{}), letter(plain, "u002", letters.Options{})}
		var pages []int
		var want []string
		for _, l := range ls {
			_, n, err := letters.RenderPDF(l)
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, n)
			want = append(want, headings(l)...)
		}
		data, err := letters.RenderCombined(ls, pages, "Oppdragsbrev 2027")
		if err != nil {
			t.Fatal(err)
		}
		doc := pdftest.Check(t, data, pdf.Conformance, artifacts(ls...)...)
		if got := pdftest.Headings(doc); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("headings:\ngot  %q\nwant %q", got, want)
		}
		if n := len(doc.All("Sect")); n != len(ls) {
			t.Errorf("%d Sect elements, want one per letter (%d)", n, len(ls))
		}
	})
}
