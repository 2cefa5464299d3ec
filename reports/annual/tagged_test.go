package annual_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
)

// TestRender_Tagged renders both data sets, bokmål internal and nynorsk
// public, and reads the structure tree back: headings in the order of the
// contents, every table with header cells, every chart a Figure whose
// alternative text states the chart's own figures, followed by its
// numbered Caption, and the numbers of the line and bar charts in the
// last chapter under the same caption; the structure text is the page
// text, and the file declares PDF/A-2a.
func TestRender_Tagged(t *testing.T) {
	t.Parallel() // on data of its own; overlaps the browser's and poppler's waits with the other long tests
	for _, c := range []struct {
		s  spec
		ed annual.Options
	}{
		{small, annual.Options{Year: small.year}},
		{shaped, annual.Options{Year: shaped.year, Lang: indicators.Nynorsk, Public: true}},
	} {
		t.Run(fmt.Sprintf("shaped=%v/%s/public=%v", c.s.shaped, c.ed.Lang, c.ed.Public), func(t *testing.T) {
			r := load(t, build(t, tempDB(t), c.s), c.ed)
			data := render(t, r)
			// the running footer and the marking stamp are artifacts
			footer := r.Title
			if r.Municipality != "" {
				footer += " · " + r.Municipality
			}
			if !r.Public {
				footer = r.Marking + " · " + footer
			}
			doc := pdftest.Check(t, data, pdf.Conformance, footer, strings.ToUpper(r.Marking))
			checkHeadings(t, r, doc)
			checkFigures(t, r, doc, pdftest.FigureAlts(t, data))
		})
	}
}

func nbnn(r *annual.Report, nb, nn string) string {
	if r.Lang == indicators.Nynorsk {
		return nn
	}
	return nb
}

func checkHeadings(t *testing.T, r *annual.Report, doc *pdftest.Node) {
	t.Helper()
	want := []string{"H1 " + r.Title, "H1 " + nbnn(r, "Innhold", "Innhald"), "H2 1 " + nbnn(r, "Sammendrag", "Samandrag"),
		"H2 2 " + nbnn(r, "Indikatorer", "Indikatorar")}
	for i, ind := range r.Indicators {
		want = append(want, fmt.Sprintf("H3 2.%d %s", i+1, ind.Name))
	}
	want = append(want, "H2 3 Tiltak", "H2 4 Budsjett", "H2 5 "+nbnn(r, "Om tallene", "Om tala"), "H2 6 "+nbnn(r, "Tall i figurene", "Tal i figurane"))
	// The contents' headings, in order; the subheadings between them
	// (H3 in a chapter, H4 in an indicator's section) never skip a level.
	var got []string
	prev := 0
	for _, h := range pdftest.Headings(doc) {
		level := int(h[1] - '0')
		if level > prev+1 {
			t.Errorf("heading %q follows an H%d: a level skipped", h, prev)
		}
		prev = level
		if level == 1 || regexp.MustCompile(`^H[23] \d`).MatchString(h) {
			got = append(got, h)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\ngot  %q\nwant %q", got, want)
	}
}

// figure is what the test expects of one chart: the figures its
// alternative text must state, and whether its numbers are in chapter 6.
type figure struct {
	what     string
	unit     string
	numbers  []string
	appendix bool
}

func expectedFigures(r *annual.Report) []figure {
	var out []figure
	for _, ind := range r.Indicators {
		places := int(annual.ValuePlaces(ind.Unit))
		unit := annual.UnitSuffix(ind.Unit, r.Lang)
		f := figure{what: "line " + ind.ID, unit: unit, appendix: true}
		for _, s := range ind.Series {
			if n := len(s.Points); n > 0 {
				f.numbers = append(f.numbers, s.Name, text(s.Points[0], places)+unit, text(s.Points[n-1], places)+unit, s.Points[n-1].Period)
			}
		}
		out = append(out, f)
		if g := ind.Groups; g != nil {
			f := figure{what: "groups " + ind.ID}
			last := g.Series[len(g.Series)-1]
			if last.A != nil {
				f.numbers = append(f.numbers, g.A, last.AText+unit)
			}
			if last.B != nil {
				f.numbers = append(f.numbers, g.B, last.BText+unit)
			}
			out = append(out, f)
		}
		if len(ind.Bars) > 0 && ind.Inequality != nil {
			f := figure{what: "bars " + ind.ID, unit: unit, appendix: true}
			for _, b := range ind.Bars {
				f.numbers = append(f.numbers, b.Name+" "+text(annual.Point{Y: b.Value, Confidential: b.Confidential}, places))
			}
			out = append(out, f)
		}
	}
	return out
}

func checkFigures(t *testing.T, r *annual.Report, doc *pdftest.Node, alts []string) {
	t.Helper()
	want := expectedFigures(r)
	if len(alts) != len(want) {
		t.Fatalf("%d figures, want %d (one per chart)", len(alts), len(want))
	}
	for i, f := range want {
		for _, n := range f.numbers {
			if !strings.Contains(alts[i], n) {
				t.Errorf("figure %d (%s): the alternative text lacks %q:\n%s", i+1, f.what, n, alts[i])
			}
		}
	}
	// Each Figure is followed by its Caption "Figur N: …", numbered in order.
	var captions []string
	var walk func(n *pdftest.Node)
	walk = func(n *pdftest.Node) {
		for i, k := range n.Kids {
			if k.Type == "Figure" {
				if i+1 >= len(n.Kids) || n.Kids[i+1].Type != "Caption" {
					t.Errorf("figure %d is not followed by a caption", len(captions)+1)
					captions = append(captions, "")
					continue
				}
				captions = append(captions, n.Kids[i+1].Text)
			}
			walk(k)
		}
	}
	walk(doc)
	pointer := nbnn(r, "Tallene står i kapittel 6 (tall i figurene).", "Tala står i kapittel 6 (tal i figurane).")
	appendix := map[string]*pdftest.Node{} // "Figur N" → the table under it in chapter 6
	for i, k := range doc.Kids {
		if m := regexp.MustCompile(`^(Figur \d+):`).FindStringSubmatch(k.Text); m != nil && k.Type == "H3" && i+1 < len(doc.Kids) && doc.Kids[i+1].Type == "Table" {
			appendix[m[1]] = doc.Kids[i+1]
		}
	}
	for i, c := range captions {
		num := fmt.Sprintf("Figur %d", i+1)
		if !strings.HasPrefix(c, num+": ") {
			t.Errorf("caption %d: %q, want it to start %q", i+1, c, num+": ")
		}
		if !want[i].appendix {
			continue
		}
		if !strings.HasSuffix(strings.TrimSpace(c), pointer) {
			t.Errorf("caption %d does not point to the numbers: %q", i+1, c)
		}
		tbl := appendix[num]
		if tbl == nil {
			t.Errorf("%s: no table under its caption in chapter 6", num)
			continue
		}
		cells := strings.Join(tbl.Texts(), "|")
		for _, n := range want[i].numbers {
			if u := want[i].unit; u != "" {
				n = strings.TrimSuffix(n, u)
			}
			for _, part := range strings.Fields(n) {
				if !strings.Contains(cells, part) {
					t.Errorf("%s: the table lacks %q", num, part)
				}
			}
		}
	}
}

// text is a value as the report prints it: "27,4", confidential "27,4*".
func text(p annual.Point, places int) string {
	s := annual.Float(p.Y, places)
	if p.Confidential {
		s += "*"
	}
	return s
}
