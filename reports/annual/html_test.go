package annual_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/helsebudsjett/helsebudsjett/budget/web/browsertest"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
)

// page is a parsed web page of the report.
type page struct {
	root *html.Node
	text string // all text, spaces collapsed
}

func renderHTML(t *testing.T, r *annual.Report) (map[string][]byte, *page) {
	t.Helper()
	files, err := annual.RenderHTML(r)
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(files["index.html"]))
	if err != nil {
		t.Fatal(err)
	}
	return files, &page{root: root, text: strings.Join(strings.Fields(sp(textOf(root))), " ")}
}

// textOf is the text of n and its descendants, as a reader gets it.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "title", "desc", "figcaption", "br":
				b.WriteString(" ")
			}
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// all returns the elements under n for which match is true, in document
// order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(names ...string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, name := range names {
			if n.Data == name {
				return true
			}
		}
		return false
	}
}

func flat(n *html.Node) string { return strings.Join(strings.Fields(sp(textOf(n))), " ") }

// TestRenderHTML reads the web page of both data sets, bokmål internal and
// nynorsk public, as a reader and a screen reader get it: the headings of
// the PDF in the same order with no level skipped, a contents whose links
// reach them, every chart an SVG image named by its caption and described
// by the PDF's alternative text with its figures, its numbers in a table
// (chapter 6 or right under it), every table's header cells scoped, the
// figures of the summary and the indicators' values equal to the report
// model's, small numbers suppressed in the public edition, nothing but the
// page and its stylesheet, and the same bytes twice.
func TestRenderHTML(t *testing.T) {
	for _, c := range []struct {
		s  spec
		ed annual.Options
	}{
		{small, annual.Options{Year: small.year}},
		{shaped, annual.Options{Year: shaped.year, Lang: indicators.Nynorsk, Public: true}},
	} {
		t.Run(fmt.Sprintf("shaped=%v/%s/public=%v", c.s.shaped, c.ed.Lang, c.ed.Public), func(t *testing.T) {
			r := load(t, build(t, tempDB(t), c.s), c.ed)
			files, p := renderHTML(t, r)
			checkHTMLPage(t, r, files, p)
			checkHTMLHeadings(t, r, p)
			checkHTMLFigures(t, r, p)
			checkHTMLTables(t, p)
			checkHTMLFiguresOfModel(t, r, p)
			again, _ := renderHTML(t, r)
			if !bytes.Equal(again["index.html"], files["index.html"]) {
				t.Error("the same report gave different bytes")
			}
		})
	}
}

func checkHTMLPage(t *testing.T, r *annual.Report, files map[string][]byte, p *page) {
	t.Helper()
	if len(files) != 2 || files[annual.HTMLStylesheet] == nil {
		t.Errorf("files %v, want index.html and %s", len(files), annual.HTMLStylesheet)
	}
	lang := "nb"
	if r.Lang == indicators.Nynorsk {
		lang = "nn"
	}
	if h := all(p.root, tag("html")); len(h) != 1 || attr(h[0], "lang") != lang {
		t.Errorf("<html lang> is not %q", lang)
	}
	if s := all(p.root, tag("script")); len(s) > 0 {
		t.Error("the page has a script")
	}
	for _, n := range all(p.root, func(n *html.Node) bool { return true }) {
		if attr(n, "style") != "" {
			t.Errorf("<%s style=%q>: inline style, which the web application's CSP forbids", n.Data, attr(n, "style"))
			break
		}
		for _, k := range []string{"src", "href"} {
			if v := attr(n, k); strings.Contains(v, "://") {
				t.Errorf("<%s %s=%q>: an external resource", n.Data, k, v)
			}
		}
	}
	marking := strings.Contains(p.text, "INTERN – IKKE FOR OFFENTLIGGJØRING")
	if marking == r.Public {
		t.Errorf("public=%v, marked internal=%v", r.Public, marking)
	}
	if r.Lang == indicators.Nynorsk {
		for _, nb := range []string{"Sammendrag", "Indikatorer ", "Om tallene", "offentlig utgave", "Hopp til innholdet"} {
			if strings.Contains(p.text, nb) {
				t.Errorf("the nynorsk page has the bokmål %q", nb)
			}
		}
	}
}

func checkHTMLHeadings(t *testing.T, r *annual.Report, p *page) {
	t.Helper()
	want := []string{"h1 " + r.Title, "h2 1 " + nbnn(r, "Sammendrag", "Samandrag"), "h2 2 " + nbnn(r, "Indikatorer", "Indikatorar")}
	for i, ind := range r.Indicators {
		want = append(want, fmt.Sprintf("h3 2.%d %s", i+1, ind.Name))
	}
	want = append(want, "h2 3 Tiltak", "h2 4 Budsjett", "h2 5 "+nbnn(r, "Om tallene", "Om tala"), "h2 6 "+nbnn(r, "Tall i figurene", "Tal i figurane"))
	var got []string
	prev := 0
	ids := map[string]string{}
	for _, h := range all(p.root, tag("h1", "h2", "h3", "h4", "h5", "h6")) {
		level := int(h.Data[1] - '0')
		if level > prev+1 {
			t.Errorf("heading %q follows an h%d: a level skipped", flat(h), prev)
		}
		prev = level
		line := h.Data + " " + flat(h)
		if level == 1 || regexp.MustCompile(`^h[23] \d`).MatchString(line) {
			got = append(got, line)
		}
		if id := attr(h, "id"); id != "" {
			ids[id] = flat(h)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\ngot  %q\nwant %q", got, want)
	}
	nav := all(p.root, tag("nav"))
	if len(nav) != 1 {
		t.Fatalf("%d <nav>, want the contents", len(nav))
	}
	links := all(nav[0], tag("a"))
	if len(links) != len(want)-1 {
		t.Errorf("%d links in the contents, want %d", len(links), len(want)-1)
	}
	for _, a := range links {
		target, ok := ids[strings.TrimPrefix(attr(a, "href"), "#")]
		if !ok || target != flat(a) {
			t.Errorf("contents link %q to %s reaches %q", flat(a), attr(a, "href"), target)
		}
	}
}

func checkHTMLFigures(t *testing.T, r *annual.Report, p *page) {
	t.Helper()
	want := expectedFigures(r)
	figs := all(p.root, tag("figure"))
	if len(figs) != len(want) {
		t.Fatalf("%d figures, want %d (one per chart)", len(figs), len(want))
	}
	tables := map[string]*html.Node{} // "Figur N" → the table under its heading in chapter 6
	for _, h := range all(p.root, tag("h3", "h4")) {
		if m := regexp.MustCompile(`^(Figur \d+):`).FindStringSubmatch(flat(h)); m != nil {
			for n := h.NextSibling; n != nil; n = n.NextSibling {
				if n.Type == html.ElementNode {
					if ts := all(n, tag("table")); len(ts) == 1 {
						tables[m[1]] = ts[0]
					}
					break
				}
			}
		}
	}
	for i, f := range figs {
		num := fmt.Sprintf("Figur %d", i+1)
		svg := all(f, tag("svg"))
		if len(svg) != 1 || attr(svg[0], "role") != "img" {
			t.Errorf("%s: not one <svg role=img>", num)
			continue
		}
		title, desc := all(svg[0], tag("title")), all(svg[0], tag("desc"))
		if len(title) != 1 || len(desc) != 1 || attr(svg[0], "aria-labelledby") != attr(title[0], "id") || attr(svg[0], "aria-describedby") != attr(desc[0], "id") {
			t.Errorf("%s: the SVG is not named by its <title> and described by its <desc>", num)
			continue
		}
		if cap := all(f, tag("figcaption")); len(cap) != 1 || !strings.HasPrefix(flat(cap[0]), num+": ") || flat(title[0]) != flat(cap[0]) {
			t.Errorf("%s: caption %v, title %q", num, cap, flat(title[0]))
		}
		for _, n := range want[i].numbers {
			if !strings.Contains(flat(desc[0]), sp(n)) {
				t.Errorf("%s (%s): the description lacks %q: %s", num, want[i].what, n, flat(desc[0]))
			}
		}
		if !want[i].appendix {
			continue
		}
		tbl := tables[num]
		if tbl == nil {
			t.Errorf("%s: no table of its numbers in chapter 6", num)
			continue
		}
		cells := flat(tbl)
		for _, n := range want[i].numbers {
			n = strings.TrimSuffix(n, want[i].unit)
			for _, part := range strings.Fields(sp(n)) {
				if !strings.Contains(cells, part) {
					t.Errorf("%s: the table lacks %q", num, part)
				}
			}
		}
	}
}

func checkHTMLTables(t *testing.T, p *page) {
	t.Helper()
	tables := all(p.root, tag("table"))
	if len(tables) == 0 {
		t.Fatal("no tables")
	}
	for i, tbl := range tables {
		heads := all(tbl, tag("thead"))
		if len(heads) != 1 {
			t.Errorf("table %d: no header row", i+1)
			continue
		}
		cols := all(heads[0], tag("th"))
		for _, th := range cols {
			if attr(th, "scope") != "col" {
				t.Errorf("table %d: header %q without scope=col", i+1, flat(th))
			}
		}
		for _, tr := range all(tbl, tag("tr")) {
			cells := all(tr, tag("td", "th"))
			if len(cells) != len(cols) {
				t.Errorf("table %d: a row of %d cells under %d headers: %q", i+1, len(cells), len(cols), flat(tr))
			}
			for _, th := range cells {
				if th.Data == "th" && attr(th, "scope") == "" {
					t.Errorf("table %d: a header cell %q without scope", i+1, flat(th))
				}
			}
		}
	}
}

// checkHTMLFiguresOfModel checks the page's figures against the report
// model, as TestRender_Text does for the PDF.
func checkHTMLFiguresOfModel(t *testing.T, r *annual.Report, p *page) {
	t.Helper()
	for _, want := range []string{annual.Kroner(r.Summary.LinkedOre), annual.Kroner(r.Summary.AccountsOre)} {
		if !strings.Contains(p.text, sp(want)) {
			t.Errorf("the page lacks %q", sp(want))
		}
	}
	for _, ind := range r.Indicators {
		for _, row := range ind.Rows {
			if !strings.Contains(p.text, sp(row.Name+" ")) || !strings.Contains(p.text, sp(row.Text)) {
				t.Errorf("%s: the page lacks %s's value %q", ind.ID, row.Name, row.Text)
			}
		}
	}
	for _, d := range r.Measures.Deviations {
		if !strings.Contains(p.text, strings.Join(strings.Fields(d.Note), " ")) {
			t.Errorf("deviation note missing: %q", d.Note)
		}
	}
	for _, m := range r.Measures.Rows {
		if !strings.Contains(p.text, sp(m.Name)) {
			t.Errorf("measure %s %q is not on the page", m.Nr, m.Name)
		}
	}
	if r.Public && strings.Contains(p.text, hiddenText) {
		t.Errorf("the public page shows the suppressed value %s", hiddenText)
	}
}

// TestRenderHTML_smallNumbers checks that the internal page shows the
// value under the threshold, marked, and the public one does not.
func TestRenderHTML_smallNumbers(t *testing.T) {
	db := build(t, tempDB(t), small)
	_, internal := renderHTML(t, load(t, db, annual.Options{Year: small.year}))
	_, public := renderHTML(t, load(t, db, annual.Options{Year: small.year, Public: true}))
	if !strings.Contains(internal.text, hiddenText+"*") {
		t.Errorf("the internal page lacks the marked value %s*", hiddenText)
	}
	if strings.Contains(public.text, hiddenText) {
		t.Errorf("the public page shows the suppressed value %s", hiddenText)
	}
}

// TestRenderHTML_Axe opens the page of both data sets in every edition in
// headless Chromium and runs axe-core: no violation of WCAG 2.1 A or AA.
func TestRenderHTML_Axe(t *testing.T) {
	t.Parallel() // on data of its own; overlaps the browser's and poppler's waits with the other long tests
	ctx := browsertest.New(t, 0)
	for _, s := range []spec{small, shaped} {
		db := build(t, tempDB(t), s)
		for _, ed := range []annual.Options{
			{Year: s.year}, {Year: s.year, Public: true},
			{Year: s.year, Lang: indicators.Nynorsk}, {Year: s.year, Lang: indicators.Nynorsk, Public: true},
		} {
			name := fmt.Sprintf("shaped=%v/%s/public=%v", s.shaped, ed.Lang, ed.Public)
			t.Run(name, func(t *testing.T) {
				files, _ := renderHTML(t, load(t, db, ed))
				dir := t.TempDir()
				for n, b := range files {
					if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				browsertest.Run(t, ctx, "open the page", chromedp.Navigate("file://"+filepath.Join(dir, "index.html")),
					chromedp.WaitVisible(chromedp.CSS("main")))
				browsertest.CheckAxe(t, ctx, name)
				if !s.shaped && !ed.Public && ed.Lang == "" {
					browsertest.Screenshot(t, ctx, "arsrapport-html")
				}
			})
		}
	}
}
