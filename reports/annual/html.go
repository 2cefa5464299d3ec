package annual

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// HTMLStylesheet is the name of the web page's stylesheet beside
// index.html. It is a file, not a <style> element, so the page works under
// a Content-Security-Policy that allows no inline style.
const HTMLStylesheet = "rapport.css"

// RenderHTML writes the report as a self-contained web page: the files of
// a folder by name, index.html and its stylesheet. The page is set by the
// same writer as the PDF, from the same Report, so it holds the same text,
// figures and tables with the same suppression; the charts are inline SVG
// with a <title> and a <desc> (the PDF's alternative text), and their
// numbers are in tables (beside the group charts, in the last chapter for
// the others, as in the PDF). No script, no external resource. The same
// Report gives the same bytes.
func RenderHTML(r *Report) (map[string][]byte, error) {
	cs, err := drawCharts(r, asSVG)
	if err != nil {
		return nil, err
	}
	d := &htmlDoc{ids: map[string]bool{}}
	w := &writer{r: r, d: d, toc: contents(r), lang: r.Lang}
	w.write(w2(r.Lang, r.Public), cs)
	d.closeOpen()
	return map[string][]byte{"index.html": []byte(d.page(r)), HTMLStylesheet: []byte(reportCSS)}, nil
}

// htmlDoc is the web page the writer sets the report on: semantic HTML,
// one element per call, the page layout calls ignored.
type htmlDoc struct {
	b       strings.Builder
	ids     map[string]bool
	tables  int
	toc     []int     // the open levels of the contents' nested lists
	figure  *figureIn // a figure waiting for its caption
	figures int
	heading string // the id of the last heading: the contents' title
}

// figureIn is a chart drawn, not yet written: its caption comes next.
type figureIn struct {
	name, alt string
	svg       []byte
}

func (d *htmlDoc) AddPage()                                          {}
func (d *htmlDoc) Ensure(float64)                                    {}
func (d *htmlDoc) Space(float64)                                     {}
func (d *htmlDoc) Page() int                                         { return 0 }
func (d *htmlDoc) ContentWidth() float64                             { return chartWidth }
func (d *htmlDoc) LineHeight() float64                               { return 4 }
func (d *htmlDoc) Wrap(text string, _ float64, _ pdf.Style) []string { return []string{text} }
func (d *htmlDoc) StartHeight(string, pdf.Style) float64             { return 0 }

func (d *htmlDoc) Cover(title []string, below []string) {
	d.closeOpen()
	d.b.WriteString("<header class=\"cover\">\n<h1>" + esc(strings.Join(title, " ")) + "</h1>\n")
	for _, l := range below {
		if strings.TrimSpace(l) == "" {
			continue
		}
		cls := ""
		if l == strings.ToUpper(l) && strings.IndexFunc(l, unicode.IsLetter) >= 0 {
			cls = ` class="marking"` // the internal edition's marking
		}
		fmt.Fprintf(&d.b, "<p%s>%s</p>\n", cls, esc(l))
	}
	d.b.WriteString("</header>\n")
}

// ContentsLine writes an entry of the contents as a link to its heading,
// in nested lists by level.
func (d *htmlDoc) ContentsLine(text string, level int, _ int, _ string) {
	d.closeFigure()
	switch n := len(d.toc); {
	case n == 0:
		d.b.WriteString("<nav class=\"toc\" aria-labelledby=\"" + d.heading + "\">\n<ol>\n<li>")
		d.toc = append(d.toc, level)
	case level > d.toc[n-1]:
		d.b.WriteString("\n<ol>\n<li>")
		d.toc = append(d.toc, level)
	default:
		for len(d.toc) > 1 && level < d.toc[len(d.toc)-1] {
			d.b.WriteString("</li>\n</ol>\n")
			d.toc = d.toc[:len(d.toc)-1]
		}
		d.b.WriteString("</li>\n<li>")
	}
	fmt.Fprintf(&d.b, "<a href=\"#%s\">%s</a>", slug(text), esc(text))
}

func (d *htmlDoc) closeTOC() {
	if len(d.toc) == 0 {
		return
	}
	for range d.toc {
		d.b.WriteString("</li>\n</ol>\n")
	}
	d.b.WriteString("</nav>\n")
	d.toc = nil
}

// Heading writes h2 for the contents' title and the chapters (the cover
// holds the page's one h1) and h3 for an indicator's section, with an id
// the contents link to.
func (d *htmlDoc) Heading(level int, text string) {
	d.closeOpen()
	h := 2
	if level >= 2 {
		h = 3
	}
	id := slug(text)
	if d.ids[id] {
		id += "-" + strconv.Itoa(len(d.ids))
	}
	d.ids[id], d.heading = true, id
	fmt.Fprintf(&d.b, "<h%d id=\"%s\">%s</h%d>\n", h, id, esc(text), h)
}

func (d *htmlDoc) Subheading(level int, text string, _ pdf.Style) {
	d.closeOpen()
	level = min(max(level, 2), 6)
	fmt.Fprintf(&d.b, "<h%d>%s</h%d>\n", level, esc(text), level)
}

func (d *htmlDoc) Paragraph(text string) { d.StyledParagraph(text, pdf.Style{}) }

func (d *htmlDoc) StyledParagraph(text string, s pdf.Style) {
	d.closeOpen()
	body := strings.ReplaceAll(esc(text), "\n", "<br>\n")
	switch {
	case s.Bold:
		body = "<strong>" + body + "</strong>"
	case s.Italic:
		body = "<em>" + body + "</em>"
	}
	if s.Gray {
		d.b.WriteString("<p class=\"note\">" + body + "</p>\n")
		return
	}
	d.b.WriteString("<p>" + body + "</p>\n")
}

// Table writes t with its header cells scoped to their columns (and the
// first cell of each row to its row when t.RowHeaders), the total row in
// the footer, number columns aligned right. A wide table scrolls inside a
// region that takes the keyboard focus.
func (d *htmlDoc) Table(t pdf.Table) {
	d.closeOpen()
	d.tables++
	num := func(i int) string {
		if i < len(t.Align) && t.Align[i] == pdf.Right {
			return ` class="num"`
		}
		return ""
	}
	label := "Tabell " + strconv.Itoa(d.tables)
	if len(t.Header) > 0 {
		label += ": " + strings.Join(t.Header, ", ")
	}
	fmt.Fprintf(&d.b, "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n<table>\n<thead>\n<tr>", esc(label))
	for i, h := range t.Header {
		fmt.Fprintf(&d.b, "<th scope=\"col\"%s>%s</th>", num(i), esc(h))
	}
	d.b.WriteString("</tr>\n</thead>\n<tbody>\n")
	row := func(cells []string) {
		d.b.WriteString("<tr>")
		for i, c := range cells {
			if i == 0 && t.RowHeaders {
				fmt.Fprintf(&d.b, "<th scope=\"row\">%s</th>", esc(c))
				continue
			}
			fmt.Fprintf(&d.b, "<td%s>%s</td>", num(i), esc(c))
		}
		d.b.WriteString("</tr>\n")
	}
	for _, r := range t.Rows {
		row(r)
	}
	d.b.WriteString("</tbody>\n")
	if t.Total != nil {
		d.b.WriteString("<tfoot>\n")
		row(t.Total)
		d.b.WriteString("</tfoot>\n")
	}
	d.b.WriteString("</table>\n</div>\n")
}

// Figure holds the chart until its caption comes (Caption), so the SVG's
// <title> can be the caption and its <desc> the alternative text.
func (d *htmlDoc) Figure(name string, svg []byte, _, _ float64, alt string) {
	d.closeOpen()
	d.figure = &figureIn{name: name, alt: alt, svg: svg}
}

func (d *htmlDoc) Caption(text string) {
	if d.figure == nil {
		d.closeOpen()
		d.b.WriteString("<p class=\"caption\">" + esc(text) + "</p>\n")
		return
	}
	d.writeFigure(text)
}

func (d *htmlDoc) closeFigure() {
	if d.figure != nil {
		d.writeFigure("")
	}
}

func (d *htmlDoc) closeOpen() {
	d.closeFigure()
	d.closeTOC()
}

func (d *htmlDoc) writeFigure(caption string) {
	f := d.figure
	d.figure = nil
	d.figures++
	id := "figur-" + strconv.Itoa(d.figures)
	title := caption
	if title == "" {
		title = f.alt
	}
	svg := inlineSVG(f.svg, id, title, f.alt)
	fmt.Fprintf(&d.b, "<figure id=\"%s\" class=\"chart\">\n%s\n", id, svg)
	if caption != "" {
		d.b.WriteString("<figcaption>" + esc(caption) + "</figcaption>\n")
	}
	d.b.WriteString("</figure>\n")
}

var (
	svgProlog = regexp.MustCompile(`(?s)^.*?<svg\b`)
	svgSize   = regexp.MustCompile(`\s(width|height)="[^"]*"`)
	svgStyle  = regexp.MustCompile(`\sstyle="([^"]*)"`)
)

// inlineSVG makes vgsvg's standalone SVG an accessible inline one: no XML
// prolog, scaled by its viewBox to the column, role="img" named by a
// <title> and described by a <desc>, and its style attributes turned into
// presentation attributes (fill="…"), which a Content-Security-Policy
// without 'unsafe-inline' allows.
func inlineSVG(src []byte, id, title, desc string) string {
	s := svgProlog.ReplaceAllString(string(src), "<svg")
	open := strings.Index(s, ">")
	if open < 0 {
		return ""
	}
	tag := svgSize.ReplaceAllString(s[:open], "")
	tag = strings.Replace(tag, "<svg", fmt.Sprintf(`<svg role="img" aria-labelledby="%s-t" aria-describedby="%s-d" focusable="false"`, id, id), 1)
	body := svgStyle.ReplaceAllStringFunc(s[open:], func(m string) string {
		var attrs []string
		for _, decl := range strings.Split(svgStyle.FindStringSubmatch(m)[1], ";") {
			k, v, ok := strings.Cut(decl, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "font-family" {
				v += ", Arial, Helvetica, sans-serif"
			}
			attrs = append(attrs, fmt.Sprintf(`%s="%s"`, k, html.EscapeString(v)))
		}
		return " " + strings.Join(attrs, " ")
	})
	return fmt.Sprintf("%s>\n<title id=\"%s-t\">%s</title>\n<desc id=\"%s-d\">%s</desc>%s",
		tag, id, esc(title), id, esc(desc), strings.TrimSpace(body[1:]))
}

// page is the whole web page around the body set so far.
func (d *htmlDoc) page(r *Report) string {
	lang := "nb"
	if r.Lang == indicators.Nynorsk {
		lang = "nn"
	}
	title := r.Title
	if r.Municipality != "" {
		title += " – " + r.Municipality
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang)
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n<body>\n", esc(title), HTMLStylesheet)
	fmt.Fprintf(&b, "<a class=\"skip\" href=\"#rapport\">%s</a>\n", lang2(r.Lang, "Hopp til innholdet", "Hopp til innhaldet"))
	if !r.Public && r.Marking != "" {
		fmt.Fprintf(&b, "<p class=\"banner\">%s</p>\n", esc(strings.ToUpper(r.Marking)))
	}
	b.WriteString("<main id=\"rapport\">\n")
	b.WriteString(d.b.String())
	b.WriteString("</main>\n<footer>\n")
	fmt.Fprintf(&b, "<p>%s · %s</p>\n", esc(title), esc(w2(r.Lang, r.Public)))
	b.WriteString("</footer>\n</body>\n</html>\n")
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }

// slug is an id from a heading's text: lower case letters and digits
// joined by hyphens, æøå kept ("2.1 Barn i …" gives "2-1-barn-i-…").
func slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 || !unicode.IsLetter([]rune(b.String())[0]) {
		return "s-" + b.String() // an id starts with a letter
	}
	return b.String()
}

// reportCSS is the stylesheet: readable on a phone and a screen, colours
// with at least 4.5:1 contrast, and a print stylesheet that starts each
// chapter on a new page and keeps figures and table rows whole.
const reportCSS = `:root { color: #1a1a1a; background: #fff; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 52rem; padding: 0 1rem 2rem; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; padding: .5rem; background: #ffd; color: #000; }
.banner, .marking { font-weight: bold; color: #8a1c00; letter-spacing: .03em; }
.cover { border-bottom: 2px solid #1f4e79; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1.5rem 0 .75rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: #1f4e79; }
a:focus, .table:focus { outline: 3px solid #1f4e79; outline-offset: 2px; }
.note, .caption, figcaption { color: #4a4a4a; font-size: .9rem; }
.toc ol { list-style: none; padding-left: 1.25rem; }
.toc > ol { padding-left: 0; }
figure.chart { margin: 1.5rem 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
.table { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef4; border-bottom: 2px solid #1f4e79; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td, tfoot th { font-weight: bold; border-top: 2px solid #1a1a1a; }
footer { border-top: 1px solid #ccc; margin-top: 3rem; color: #4a4a4a; font-size: .9rem; }
@media print {
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .skip { display: none; }
  h2 { break-before: page; }
  .toc h2, .cover + h2 { break-before: auto; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  .table { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`
