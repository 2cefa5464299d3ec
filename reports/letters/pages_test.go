package letters_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/letters"
)

// pageTexts is the text of each page of a PDF. pdftotext ends every page
// with a form feed, and a page's text is the same read alone (-f N -l N)
// as within the document, so one run split at the form feeds gives what
// stands on each page for certain.
func pageTexts(t *testing.T, data []byte, pages int) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "l.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(bin, "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	out := strings.SplitAfter(strings.ReplaceAll(string(b), "\u00a0", " "), "\f")
	if len(out) != pages+1 || out[pages] != "" {
		t.Fatalf("pdftotext gives %d form feeds for %d pages", len(out)-1, pages)
	}
	return out[:pages]
}

// lonePage says what a page holds when all it holds (besides the footer
// and a table's repeated header) is a sum row or a signature block: ""
// for a page with other content.
func lonePage(page string, l *letters.Letter) string {
	sig := map[string]bool{"Med hilsen": true, "Dokumentet er godkjent elektronisk og har derfor ingen signatur.": true}
	for _, n := range []string{l.Signature.Name, l.Signature.Title} {
		sig[n] = true
	}
	if l.Signature.AlsoBy != nil {
		sig[l.Signature.AlsoBy.Name], sig[l.Signature.AlsoBy.Title] = true, true
	}
	var sums, sigs, other int
	for _, line := range strings.Split(page, "\n") {
		f := strings.Join(strings.Fields(line), " ")
		switch {
		case f == "" || strings.Contains(f, " · ") && strings.Contains(f, "Side "):
		case strings.HasPrefix(f, "Nr Tiltak"):
		case strings.HasPrefix(f, "Sum "):
			sums++
		default:
			all := true
			for _, part := range strings.Split(line, "   ") {
				if p := strings.TrimSpace(part); p != "" && !sig[p] {
					all = false
				}
			}
			if all {
				sigs++
			} else {
				other++
			}
		}
	}
	switch {
	case other > 0:
		return ""
	case sums > 0 && sigs == 0:
		return "only a sum row"
	case sigs > 0 && sums == 0:
		return "only the signature"
	case sums > 0:
		return "only a sum row and the signature"
	}
	return ""
}

// TestRenderPDF_NoLonePages renders letters of 1 to 45 measures, so the
// budget table's sum row and the signature fall at every height of a
// page, and asserts that no page holds only a sum row or only the
// signature: the last rows go with the sum, the closing with the
// signature.
func TestRenderPDF_NoLonePages(t *testing.T) {
	t.Parallel() // on data of its own; overlaps the browser's and poppler's waits with the other long tests
	cfg := sampleConfig(t)
	for n := 1; n <= 45; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			f := newFixture(t, 1, n, nil)
			l, err := f.source(t).Letter("u001", letters.Options{Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			data, pages, err := letters.RenderPDF(l)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pageTexts(t, data, pages) {
				if what := lonePage(p, l); what != "" {
					t.Errorf("page %d of %d holds %s:\n%s", i+1, pages, what, p)
				}
			}
		})
	}
}

// TestRenderPDF_SecondSignatory places the second signatory beside the
// first (the default) or below it, as the configuration says.
func TestRenderPDF_SecondSignatory(t *testing.T) {
	f := newFixture(t, 1, 1, nil)
	s := f.source(t)
	for _, c := range []struct {
		layout string
		beside bool
	}{{"", true}, {"beside", true}, {"below", false}} {
		t.Run("layout "+c.layout, func(t *testing.T) {
			cfg := sampleConfig(t)
			cfg.Signature.Layout = c.layout
			l, err := s.Letter("u001", letters.Options{Config: cfg})
			if err != nil {
				t.Fatal(err)
			}
			data, _, err := letters.RenderPDF(l)
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, data)
			one := len(linesWith(text, cfg.Signature.Name, cfg.Signature.AlsoBy.Name)) == 1
			if one != c.beside {
				t.Errorf("both names on one line = %v, want %v:\n%s", one, c.beside, text)
			}
		})
	}
	if _, err := letters.ParseConfig("b.yaml", []byte("municipality: {name: X}\nsignature: {layout: sideways}\n"), t.TempDir()); err == nil {
		t.Error("signature.layout sideways is accepted")
	}
}
