package pdf_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// TestTable_HeaderOneSizeWholeWords: narrow number columns under long area
// names, as in the annual report's tables of the charts' numbers. Every
// heading is set in one size, and wraps between words, never inside one
// ("Elvebakk|en" was printed before).
func TestTable_HeaderOneSizeWholeWords(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	d := pdf.New(pdf.Options{Meta: pdf.Meta{Title: "Tabell", Lang: "nb-NO", Created: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}})
	d.AddPage()
	head := []string{"Periode", "Fjordvik kommune (fiktiv)", "Sentrum", "Nordbyen", "Elvebakken", "Vestlia", "Målbane (kommunen)"}
	d.Table(pdf.Table{Header: head, Size: 7.5, RowHeaders: true,
		Rows:   [][]string{{"2013–2015", "13,0", "12,6", "19,9", "18,7", "8,8", "–"}},
		Widths: []float64{2.2, 2.7, 1.3, 1.3, 1.3, 1.3, 1.9},
		Align:  []pdf.Align{pdf.Left, pdf.Right, pdf.Right, pdf.Right, pdf.Right, pdf.Right, pdf.Right}})
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-bbox", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]float64{} // word → its box's height, the size it is set in
	re := regexp.MustCompile(`<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		words[m[3]] = y1 - y0
	}
	want := []string{"Periode", "Fjordvik", "kommune", "(fiktiv)", "Sentrum", "Nordbyen", "Elvebakken", "Vestlia", "Målbane", "(kommunen)"}
	for _, w := range want {
		h, ok := words[w]
		if !ok {
			t.Errorf("heading word %q is not whole in the page text", w)
			continue
		}
		if h0 := words[want[0]]; h < h0-0.01 || h > h0+0.01 {
			t.Errorf("heading word %q is %.2f pt high, %q %.2f: the header is not one size", w, h, want[0], h0)
		}
	}
}
