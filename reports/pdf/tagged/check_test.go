package tagged_test

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/reports/pdf/pdftest"
)

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestTagger_structure(t *testing.T) {
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			pdf := build(t, s, true)
			info := pdftest.Run(t, pdf, "pdfinfo")
			if !strings.Contains(info, "Tagged:          yes") {
				t.Fatalf("pdfinfo does not report the document as tagged:\n%s", info)
			}
			pages := strings.Count(pdftest.Run(t, pdf, "pdftotext"), "\f")
			if pages < 2 {
				t.Fatalf("the test document has %d page(s); the table must break across pages", pages)
			}
			doc := pdftest.Tree(t, pdf)

			// Headings in order.
			var got []string
			for _, k := range doc.Kids {
				if strings.HasPrefix(k.Type, "H") {
					got = append(got, k.Type+" "+k.Text)
				}
			}
			want := []string{"H1 " + s.title}
			for _, sec := range s.sections {
				want = append(want, "H2 "+sec)
			}
			want = append(want, "H2 Figur", "H3 Merknader")
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("headings:\ngot  %q\nwant %q", got, want)
			}

			// One table, across pages, with one header row of column headers
			// and every body row once: the repeated headers are artifacts.
			var tables []*pdftest.Node
			for _, k := range doc.Kids {
				if k.Type == "Table" {
					tables = append(tables, k)
				}
			}
			if len(tables) != 1 {
				t.Fatalf("want 1 Table, got %d", len(tables))
			}
			trs := tables[0].Kids
			if len(trs) != 1+len(s.rows) {
				t.Fatalf("Table has %d rows, want %d (header + body, no repeated header)", len(trs), 1+len(s.rows))
			}
			for i, c := range s.cols {
				th := trs[0].Kids[i]
				if th.Type != "TH" || th.Text != c || strings.Join(th.Attrs, " ") != "/Scope /Column" {
					t.Errorf("header cell %d: %s %q %v, want TH %q /Scope /Column", i, th.Type, th.Text, th.Attrs, c)
				}
			}
			for r, row := range s.rows {
				for c, v := range row {
					if td := trs[r+1].Kids[c]; td.Type != "TD" || td.Text != v {
						t.Errorf("row %d cell %d: %s %q, want TD %q", r+1, c, td.Type, td.Text, v)
					}
				}
			}

			// The figure, then its caption.
			for i, k := range doc.Kids {
				if k.Type == "Figure" {
					if i+1 >= len(doc.Kids) || doc.Kids[i+1].Type != "Caption" || doc.Kids[i+1].Text != s.caption {
						t.Errorf("the Figure is not followed by its Caption %q", s.caption)
					}
				}
			}
			// A paragraph fpdf broke across pages is one P.
			if s.closing > 0 {
				last := doc.Kids[len(doc.Kids)-1]
				if last.Type != "P" || pdftest.Squash(last.Text) != pdftest.Squash(closingText(s)) {
					t.Errorf("the closing paragraph is not one P with its whole text: %s %.60q", last.Type, last.Text)
				}
				if !regexp.MustCompile(`/S /P [^\n]*<</Type /MCR /Pg \d+ 0 R /MCID \d+>>`).Match(pdf) {
					t.Error("no P has marked content on a second page")
				}
			}
			// pdfinfo does not print /Alt: read it from the structure element.
			alts := pdftest.FigureAlts(t, pdf)
			if len(alts) != 1 || alts[0] != s.alt {
				t.Errorf("Figure /Alt = %q, want [%q]", alts, s.alt)
			}

			// The structure's text and the page text agree: with the artifacts
			// (running header, page number, the header row repeated after the
			// first) taken out of pdftotext's text, the two are the same text in
			// the same order (these documents are drawn in reading order).
			artifact := regexp.MustCompile(`^(Nordbyen kommune – .*|Side \d+)$`)
			headerRow := norm(strings.Join(s.cols, " "))
			var kept []string
			headers := 0
			for _, line := range strings.Split(pdftest.Run(t, pdf, "pdftotext", "-raw"), "\n") {
				line = norm(strings.Trim(line, "\f"))
				if line == headerRow {
					headers++
					if headers > 1 {
						continue
					}
				}
				if !artifact.MatchString(line) {
					kept = append(kept, line)
				}
			}
			if headers < 2 {
				t.Errorf("the table's header row is on %d page(s), want it repeated", headers)
			}
			tree, page := pdftest.Squash(strings.Join(doc.Texts(), "")), pdftest.Squash(strings.Join(kept, ""))
			if tree != page {
				i := 0
				for i < len(tree) && i < len(page) && tree[i] == page[i] {
					i++
				}
				t.Errorf("structure text and page text differ at byte %d:\ntree %.80q\npage %.80q", i, tree[i:], page[i:])
			}
		})
	}
}

// TestTagger_marking reads the (uncompressed) page content streams: every
// text, image and path painted is inside marked content, and the marked
// content is balanced on every page.
func TestTagger_marking(t *testing.T) {
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			pdf := build(t, s, false)
			streams := regexp.MustCompile(`(?s)<</Length \d+>>\nstream\n(.*?)\nendstream`).FindAllSubmatch(pdf, -1)
			paint := regexp.MustCompile(`(\)Tj|\]TJ| Do| re f| re S| re B| l S|^[fSBb]\*?)$`)
			pagesSeen := 0
			for _, m := range streams {
				if !bytes.Contains(m[1], []byte("BT")) && !bytes.Contains(m[1], []byte(" Do")) {
					continue
				}
				pagesSeen++
				depth := 0
				for _, line := range strings.Split(string(m[1]), "\n") {
					line = strings.TrimSpace(line)
					switch {
					case strings.HasSuffix(line, "BDC") || strings.HasSuffix(line, "BMC"):
						depth++
						if depth > 1 {
							t.Fatalf("page %d: nested marked content", pagesSeen)
						}
					case line == "EMC":
						depth--
						if depth < 0 {
							t.Fatalf("page %d: EMC without BDC", pagesSeen)
						}
					case paint.MatchString(line) && depth == 0:
						t.Errorf("page %d: %q painted outside marked content", pagesSeen, line)
					}
				}
				if depth != 0 {
					t.Errorf("page %d: %d marked-content sequence(s) left open", pagesSeen, depth)
				}
			}
			if pagesSeen < 2 {
				t.Fatalf("found %d page content streams, want at least 2", pagesSeen)
			}
		})
	}
}

func TestTagger_deterministic(t *testing.T) {
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			if a, b := build(t, s, true), build(t, s, true); !bytes.Equal(a, b) {
				t.Error("two builds of the same document differ")
			}
		})
	}
}

// xmpMeta is the part of the XMP packet the test reads.
type xmpMeta struct {
	Desc struct {
		Part        string  `xml:"http://www.aiim.org/pdfa/ns/id/ part"`
		Conformance string  `xml:"http://www.aiim.org/pdfa/ns/id/ conformance"`
		Title       rdfList `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creator     rdfList `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Language    rdfList `xml:"http://purl.org/dc/elements/1.1/ language"`
		CreatorTool string  `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
		Producer    string  `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
		CreateDate  string  `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
		ModifyDate  string  `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
	} `xml:"RDF>Description"`
}

// rdfList is an rdf:Alt, rdf:Seq or rdf:Bag; the test reads its first item.
type rdfList struct {
	Alt []string `xml:"Alt>li"`
	Seq []string `xml:"Seq>li"`
	Bag []string `xml:"Bag>li"`
}

func (l rdfList) first() string {
	items := append(append(l.Alt, l.Seq...), l.Bag...)
	if len(items) == 0 {
		return ""
	}
	return items[0]
}

func TestTagger_pdfa(t *testing.T) {
	s := shapes[0]
	pdf := build(t, s, true)
	var meta xmpMeta
	if err := xml.Unmarshal([]byte(pdftest.Run(t, pdf, "pdfinfo", "-meta")), &meta); err != nil {
		t.Fatalf("the XMP packet does not parse: %v", err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(pdftest.Run(t, pdf, "pdfinfo", "-isodates"), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	d := meta.Desc
	for _, c := range []struct{ name, got, want string }{
		{"pdfaid:part", d.Part, "2"},
		{"pdfaid:conformance", d.Conformance, s.pdfa},
		{"dc:title = /Title", d.Title.first(), info["Title"]},
		{"dc:creator = /Author", d.Creator.first(), info["Author"]},
		{"xmp:CreatorTool = /Creator", d.CreatorTool, info["Creator"]},
		{"pdf:Producer = /Producer", d.Producer, info["Producer"]},
		{"dc:language", d.Language.first(), "nb-NO"},
	} {
		if c.got != c.want || c.want == "" {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	for xmpKey, infoKey := range map[string]string{d.CreateDate: "CreationDate", d.ModifyDate: "ModDate"} {
		x, err := time.Parse(time.RFC3339, xmpKey)
		if err != nil {
			t.Fatalf("XMP date %q: %v", xmpKey, err)
		}
		i, err := time.Parse("2006-01-02T15:04:05-07", info[infoKey])
		if err != nil {
			t.Fatalf("Info /%s %q: %v", infoKey, info[infoKey], err)
		}
		if !x.Equal(i) {
			t.Errorf("XMP date %s differs from Info /%s %s", x, infoKey, i)
		}
	}
	// No transparency: no soft mask on any image.
	if bytes.Contains(pdf, []byte("/SMask")) {
		t.Error("an image has a soft mask (transparency), which PDF/A-2 archives should not carry")
	}
	for _, want := range []string{"/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1", "/Metadata "} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("the catalog lacks %s", want)
		}
	}
	// The update's catalog (the last one) replaces fpdf's /Lang rather than repeating it.
	cat := pdf[bytes.LastIndex(pdf, []byte("/Type /Catalog")):]
	cat = cat[:bytes.Index(cat, []byte("endobj"))]
	if n := bytes.Count(cat, []byte("/Lang")); n != 1 {
		t.Errorf("the catalog has /Lang %d times, want once:\n%s", n, cat)
	}
}
