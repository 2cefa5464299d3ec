// Package pdftest checks the tagged PDF/A documents package pdf writes, for
// the tests of the packages that write them (the letters, the annual
// report): with poppler's pdfinfo and pdftotext it reads the structure tree
// and the page text, and with the bytes themselves the marked content, the
// alternative text, the XMP metadata and the images.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// Node is an element of the structure tree as pdfinfo -struct-text prints
// it: its type, attributes ("/Scope /Column") and text.
type Node struct {
	Type   string
	Attrs  []string
	Text   string   // the pieces joined
	Pieces []string // the text of each marked-content sequence, as pdfinfo prints it
	Kids   []*Node
}

// Texts returns the text pieces of n and its descendants in reading order.
func (n *Node) Texts() []string {
	out := append([]string(nil), n.Pieces...)
	for _, k := range n.Kids {
		out = append(out, k.Texts()...)
	}
	return out
}

// All returns n's descendants of type typ, in reading order.
func (n *Node) All(typ string) []*Node {
	var out []*Node
	for _, k := range n.Kids {
		if k.Type == typ {
			out = append(out, k)
		}
		out = append(out, k.All(typ)...)
	}
	return out
}

// Run runs a poppler tool on pdf and returns its standard output.
func Run(t testing.TB, pdf []byte, tool string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return string(out)
}

// withoutOutputIntent returns a copy of pdf whose catalogue's
// /OutputIntents key is renamed (same length, so every offset holds).
// Poppler builds a colour transform from the output intent's ICC profile
// each time it reads a marked-content sequence's text: that was 80 % of
// pdfinfo -struct-text's time, a minute for a 38-page report. The
// structure tree and its text do not depend on colour; checkPDFA reads the
// output intent from the document as written.
func withoutOutputIntent(pdf []byte) []byte {
	return bytes.ReplaceAll(pdf, []byte("/OutputIntents"), []byte("/OutputIntentX"))
}

// Tree parses the output of pdfinfo -struct-text: the Document element.
func Tree(t testing.TB, pdf []byte) *Node {
	t.Helper()
	root := &Node{Type: "root"}
	stack := []*Node{root}
	depth := []int{-1}
	for _, line := range strings.Split(Run(t, withoutOutputIntent(pdf), "pdfinfo", "-struct-text"), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		ind := len(line) - len(strings.TrimLeft(line, " "))
		last := stack[len(stack)-1]
		switch {
		case strings.HasPrefix(trimmed, `"`):
			p := strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`)
			last.Text += p
			last.Pieces = append(last.Pieces, p)
		case strings.HasPrefix(trimmed, "/"):
			last.Attrs = append(last.Attrs, trimmed)
		default:
			for depth[len(depth)-1] >= ind {
				stack, depth = stack[:len(stack)-1], depth[:len(depth)-1]
			}
			n := &Node{Type: strings.TrimSuffix(strings.Fields(trimmed)[0], ":")}
			parent := stack[len(stack)-1]
			parent.Kids = append(parent.Kids, n)
			stack, depth = append(stack, n), append(depth, ind)
		}
	}
	if len(root.Kids) != 1 || root.Kids[0].Type != "Document" {
		t.Fatalf("structure tree: want one Document, got %d roots", len(root.Kids))
	}
	return root.Kids[0]
}

// Headings returns the headings in reading order, "H2 1 Sammendrag".
func Headings(doc *Node) []string {
	var out []string
	var walk func(n *Node)
	walk = func(n *Node) {
		for _, k := range n.Kids {
			if len(k.Type) == 2 && k.Type[0] == 'H' && k.Type[1] >= '1' && k.Type[1] <= '6' {
				out = append(out, k.Type+" "+strings.TrimSpace(k.Text))
				continue
			}
			walk(k)
		}
	}
	walk(doc)
	return out
}

// FigureAlts decodes the /Alt of every Figure structure element, in the
// order the elements are written (reading order).
func FigureAlts(t testing.TB, pdf []byte) []string {
	t.Helper()
	var out []string
	alt := regexp.MustCompile(`/Alt (<FEFF[0-9A-F]*>|\((?:[^\\)]|\\.)*\))`)
	for _, line := range regexp.MustCompile(`/S /Figure [^\n]*`).FindAll(pdf, -1) {
		var a []byte
		if m := alt.FindSubmatch(line); m != nil {
			a = m[1]
		}
		out = append(out, decodeText(t, a))
	}
	return out
}

func decodeText(t testing.TB, s []byte) string {
	t.Helper()
	if len(s) == 0 {
		return ""
	}
	if s[0] == '(' {
		return strings.NewReplacer(`\\`, `\`, `\(`, `(`, `\)`, `)`).Replace(string(s[1 : len(s)-1]))
	}
	b, err := hex.DecodeString(string(s[5 : len(s)-1]))
	if err != nil || len(b)%2 != 0 {
		t.Fatalf("bad text string %s", s)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// Squash removes all white space: the tree's text and the page text are
// compared squashed, as pdftotext breaks lines where the tree has spaces.
func Squash(s string) string { return strings.Join(strings.Fields(s), "") }

// Check asserts what every tagged document must hold and returns its
// structure tree: pdfinfo says Tagged: yes; every table has header cells
// with a scope; every figure has alternative text; nothing is painted
// outside marked content and marked content is balanced and never nested;
// the structure's text is the page text in the same order once the
// artifacts (page footers and headers, the repeated table headers, dot
// leaders, and the strings in artifacts) are taken out of the page text;
// the XMP declares PDF/A-2 with the conformance given and equals the Info
// dictionary; and no image has a soft mask.
func Check(t *testing.T, pdf []byte, conformance string, artifacts ...string) *Node {
	t.Helper()
	info := Run(t, pdf, "pdfinfo")
	if !strings.Contains(info, "Tagged:          yes") {
		t.Fatalf("pdfinfo does not report the document as tagged:\n%s", info)
	}
	doc := Tree(t, pdf)
	t.Run("tables have header cells", func(t *testing.T) {
		for i, tbl := range doc.All("Table") {
			ths := tbl.All("TH")
			if len(ths) == 0 {
				t.Errorf("table %d has no header cell: %.100q", i+1, strings.Join(tbl.Texts(), " | "))
			}
			for _, th := range ths {
				if a := strings.Join(th.Attrs, " "); a != "/Scope /Column" && a != "/Scope /Row" {
					t.Errorf("table %d: header cell %q has %q, want a /Scope", i+1, th.Text, a)
				}
			}
		}
	})
	t.Run("figures have alternative text", func(t *testing.T) {
		alts := FigureAlts(t, pdf)
		if len(alts) != len(doc.All("Figure")) {
			t.Fatalf("%d Figure elements, %d with /Alt read", len(doc.All("Figure")), len(alts))
		}
		for i, a := range alts {
			if strings.TrimSpace(a) == "" {
				t.Errorf("figure %d has no alternative text", i+1)
			}
		}
	})
	t.Run("nothing outside marked content", func(t *testing.T) { checkMarked(t, pdf) })
	t.Run("structure text is the page text", func(t *testing.T) { checkText(t, pdf, doc, artifacts) })
	t.Run("PDF/A metadata", func(t *testing.T) { checkPDFA(t, pdf, conformance) })
	return doc
}

// checkMarked reads the page content streams: every text, image and path
// painted is inside marked content, which is balanced and not nested.
func checkMarked(t *testing.T, pdf []byte) {
	streams := regexp.MustCompile(`(?s)<</Filter /FlateDecode /Length \d+>>\nstream\n(.*?)\nendstream`).FindAllSubmatch(pdf, -1)
	paint := regexp.MustCompile(`(\)Tj|\]TJ| Do| re f| re S| re B| l S|^[fSBb]\*?)$`)
	pages := 0
	for _, m := range streams {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(r)
		if err != nil || !(bytes.Contains(data, []byte("BT")) || bytes.Contains(data, []byte(" Do"))) || bytes.Contains(data, []byte("begincmap")) {
			continue
		}
		pages++
		depth := 0
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasSuffix(line, "BDC") || strings.HasSuffix(line, "BMC"):
				depth++
				if depth > 1 {
					t.Fatalf("page stream %d: nested marked content", pages)
				}
			case line == "EMC":
				depth--
				if depth < 0 {
					t.Fatalf("page stream %d: EMC without BDC", pages)
				}
			case paint.MatchString(line) && depth == 0:
				t.Errorf("page stream %d: %q painted outside marked content", pages, line)
			}
		}
		if depth != 0 {
			t.Errorf("page stream %d: %d marked-content sequence(s) left open", pages, depth)
		}
	}
	if pages == 0 {
		t.Fatal("found no page content stream")
	}
}

// checkText walks the page text (pdftotext -raw, content order) along the
// structure's text: each element's text must come next, and what lies
// between must be artifacts.
func checkText(t *testing.T, pdf []byte, doc *Node, artifacts []string) {
	page := Squash(Run(t, pdf, "pdftotext", "-raw"))
	lits := map[string]bool{"\f": true}
	for _, a := range artifacts {
		if a = Squash(a); a != "" {
			lits[a] = true
		}
	}
	for _, tbl := range doc.All("Table") { // the header row, repeated on a new page
		if len(tbl.Kids) > 0 {
			if h := Squash(strings.Join(tbl.Kids[0].Texts(), "")); h != "" {
				lits[h] = true
			}
		}
	}
	pageNo := regexp.MustCompile(`^Side\d+av(\d+)`)
	// ends lists where an artifact that starts at at may end, longest
	// first: a literal, a run of dot leaders, "Side 2 av 16" (whose last
	// digits may be the next text's: "Side 2 av 16" + "1 Samandrag").
	ends := func(at int) []int {
		rest := page[at:]
		var out []int
		if m := pageNo.FindStringSubmatchIndex(rest); m != nil {
			for e := m[1]; e > m[2]; e-- {
				out = append(out, at+e)
			}
		}
		n := 0
		for n < len(rest) && rest[n] == '.' {
			n++
		}
		for e := n; e > 0; e-- {
			out = append(out, at+e)
		}
		for l := range lits {
			if strings.HasPrefix(rest, l) {
				out = append(out, at+len(l))
			}
		}
		return out
	}
	onlyArtifacts := func(at int) bool {
		for at < len(page) {
			es := ends(at)
			if len(es) == 0 {
				return false
			}
			at = es[0]
		}
		return true
	}
	var pieces []string
	for _, text := range doc.Texts() {
		if s := Squash(text); s != "" {
			pieces = append(pieces, s)
		}
	}
	// A depth-first walk: at each point either the next piece of the tree
	// comes next in the page text, or an artifact does. The two can look
	// alike (a repeated header row and the row header "Område B" after it),
	// so a wrong guess is taken back; failed states are remembered.
	failed := map[[2]int]bool{}
	bestK, bestAt := 0, 0
	var match func(at, k int) bool
	match = func(at, k int) bool {
		if k > bestK || k == bestK && at > bestAt {
			bestK, bestAt = k, at
		}
		if k == len(pieces) {
			return onlyArtifacts(at)
		}
		if failed[[2]int{at, k}] {
			return false
		}
		if strings.HasPrefix(page[at:], pieces[k]) && match(at+len(pieces[k]), k+1) {
			return true
		}
		for _, e := range ends(at) {
			if match(e, k) {
				return true
			}
		}
		failed[[2]int{at, k}] = true
		return false
	}
	if !match(0, 0) {
		next := "(the end)"
		if bestK < len(pieces) {
			next = pieces[bestK]
		}
		t.Fatalf("the structure text and the page text part: after %d of %d pieces, the tree has %.80q, the page %.200q",
			bestK, len(pieces), next, page[bestAt:])
	}
}

// checkPDFA compares the XMP packet with the Info dictionary and looks for
// soft masks.
func checkPDFA(t *testing.T, pdf []byte, conformance string) {
	var meta struct {
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
	if err := xml.Unmarshal([]byte(Run(t, pdf, "pdfinfo", "-meta")), &meta); err != nil {
		t.Fatalf("the XMP packet does not parse: %v", err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(Run(t, pdf, "pdfinfo", "-isodates"), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	d := meta.Desc
	first := func(l rdfList) string {
		items := append(append(l.Alt, l.Seq...), l.Bag...)
		if len(items) == 0 {
			return ""
		}
		return items[0]
	}
	for _, c := range []struct{ name, got, want string }{
		{"pdfaid:part", d.Part, "2"},
		{"pdfaid:conformance", d.Conformance, conformance},
		{"dc:title = /Title", first(d.Title), info["Title"]},
		{"dc:creator = /Author", first(d.Creator), info["Author"]},
		{"xmp:CreatorTool = /Creator", d.CreatorTool, info["Creator"]},
		{"pdf:Producer = /Producer", d.Producer, info["Producer"]},
	} {
		if c.got != c.want || c.want == "" {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if l := first(d.Language); l != "nb-NO" && l != "nn-NO" {
		t.Errorf("dc:language %q, want nb-NO or nn-NO", l)
	}
	for xmpDate, infoKey := range map[string]string{d.CreateDate: "CreationDate", d.ModifyDate: "ModDate"} {
		x, err := time.Parse(time.RFC3339, xmpDate)
		if err != nil {
			t.Fatalf("XMP date %q: %v", xmpDate, err)
		}
		i, err := time.Parse("2006-01-02T15:04:05-07", info[infoKey])
		if err != nil {
			i, err = time.Parse("2006-01-02T15:04:05Z", info[infoKey])
		}
		if err != nil {
			t.Fatalf("Info /%s %q: %v", infoKey, info[infoKey], err)
		}
		if !x.Equal(i) {
			t.Errorf("XMP date %s differs from Info /%s %s", x, infoKey, i)
		}
	}
	if bytes.Contains(pdf, []byte("/SMask")) {
		t.Error("an image has a soft mask (transparency)")
	}
	cat := pdf[bytes.LastIndex(pdf, []byte("/Type /Catalog")):]
	cat = cat[:bytes.Index(cat, []byte("endobj"))]
	for _, want := range []string{"/MarkInfo <</Marked true>>", "/StructTreeRoot ", "/Lang ", "/ViewerPreferences <</DisplayDocTitle true>>",
		"/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1", "/Metadata "} {
		if !bytes.Contains(cat, []byte(want)) {
			t.Errorf("the catalog lacks %s", want)
		}
	}
	if n, p := bytes.Count(pdf, []byte("/StructParents ")), bytes.Count(pdf, []byte("/Tabs /S")); n == 0 || n != p {
		t.Errorf("%d pages with /StructParents, %d with /Tabs /S", n, p)
	}
}

// rdfList is an rdf:Alt, rdf:Seq or rdf:Bag.
type rdfList struct {
	Alt []string `xml:"Alt>li"`
	Seq []string `xml:"Seq>li"`
	Bag []string `xml:"Bag>li"`
}
