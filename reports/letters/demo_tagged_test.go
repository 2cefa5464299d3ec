package letters_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
)

// TestDemo_Tagged checks the documents `helsebudsjett demo` writes, as a
// municipality gets them: the annual report and a letter are tagged
// PDF/A-2a whose structure text is the page text, with headings, tables
// with header cells and (in the report) figures with alternative text.
func TestDemo_Tagged(t *testing.T) {
	t.Parallel() // on data of its own; overlaps the browser's and poppler's waits with the other long tests
	dir := sampleDemo(t)
	s, _, _ := sampleSource(t)
	info := func(t *testing.T, data []byte, key string) string {
		t.Helper()
		m := regexp.MustCompile(`(?m)^` + key + `:\s*(.*)$`).FindStringSubmatch(pdftest.Run(t, data, "pdfinfo"))
		if m == nil {
			t.Fatalf("pdfinfo gives no %s", key)
		}
		return m[1]
	}
	// pdfinfo -struct-text takes about a minute for the report (poppler
	// reads a page's content again for every marked-content sequence), so
	// the test reads the public edition and one bydel's letter; the other
	// editions and the combined letters are read by the tests of the
	// packages that write them, on their own data.
	files := []string{filepath.Join(dir, "arsrapport-2026-offentlig.pdf"), filepath.Join(dir, "oppdragsbrev-2027", "oppdragsbrev-2027-bydel-nordbyen.pdf")}
	var units []string
	for _, u := range s.Recipients() {
		units = append(units, u.Name)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// The running footers: title, municipality, unit names, the
			// marking, joined by "·".
			title, author, subject := info(t, data, "Title"), info(t, data, "Author"), info(t, data, "Subject")
			artifacts := append([]string{title, author, subject, "·", "Intern – ikke for offentliggjøring", "INTERN – IKKE FOR OFFENTLIGGJØRING"}, units...)
			doc := pdftest.Check(t, data, pdf.Conformance, artifacts...)
			hs := pdftest.Headings(doc)
			if len(hs) < 3 || !strings.HasPrefix(hs[0], "H1 ") {
				t.Errorf("headings %q: want the document's H1 and its sections", hs)
			}
			if len(doc.All("Table")) == 0 {
				t.Error("no Table in the structure tree")
			}
			if strings.HasPrefix(filepath.Base(f), "arsrapport") {
				alts := pdftest.FigureAlts(t, data)
				if len(alts) == 0 || len(alts) != len(doc.All("Caption")) {
					t.Errorf("%d figures, %d captions: want every chart with a caption", len(alts), len(doc.All("Caption")))
				}
				for i, a := range alts {
					if !regexp.MustCompile(`\d+,\d`).MatchString(a) {
						t.Errorf("figure %d: the alternative text states no figure: %q", i+1, a)
					}
				}
			}
		})
	}
}
