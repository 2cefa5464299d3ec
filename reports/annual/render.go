package annual

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/pdf"
)

// margins of the report's pages, in millimetres: a 170 mm text column.
var margins = pdf.Margins{Left: 20, Top: 20, Right: 20, Bottom: 22}

// charts are an indicator's drawn charts.
type charts struct {
	line, bars, groups []byte
	linePad            int // the pixels each is wider than the chart (see padded)
	barsPad, groupsPad int
}

// Render writes the report as PDF. The charts are drawn first, in
// parallel; the document is then set twice, the first time to learn the
// page of every heading for the contents. The same Report gives the same
// bytes.
func Render(r *Report) ([]byte, error) {
	cs, err := drawCharts(r, asPNG)
	if err != nil {
		return nil, err
	}
	toc := contents(r)
	if _, err := render(r, cs, toc); err != nil { // fills in the pages
		return nil, err
	}
	return render(r, cs, toc)
}

// drawCharts draws every indicator's charts, on as many goroutines as
// there are processors.
func drawCharts(r *Report, f format) ([]charts, error) {
	out := make([]charts, len(r.Indicators))
	errs := make([]error, len(r.Indicators))
	words := chartWords(r.Lang)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range r.Indicators {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			ind := r.Indicators[i]
			var err error
			out[i].linePad, out[i].barsPad, out[i].groupsPad = 3*i, 3*i+1, 3*i+2
			out[i].line, err = lineChart(f, ind, kommunePath(ind, r.Kommune), words, out[i].linePad)
			if err == nil && len(ind.Bars) > 0 && ind.Inequality != nil {
				out[i].bars, err = barChart(f, ind, kommuneValue(ind, ind.Inequality.Latest.Period.Label), out[i].barsPad)
			}
			if err == nil && ind.Groups != nil {
				out[i].groups, err = groupChart(f, ind, out[i].groupsPad)
			}
			errs[i] = err
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("chart of %s: %w", r.Indicators[i].ID, err)
		}
	}
	return out, nil
}

func chartWords(lang indicators.Lang) chartText {
	return chartText{
		Target:       lang2(lang, "Målbane (kommunen)", "Målbane (kommunen)"),
		WithMeasures: lang2(lang, "Med vedtatte tiltak", "Med vedtekne tiltak"),
	}
}

// kommunePath is the kommune's target and trajectory, if it has one.
func kommunePath(ind Indicator, kommune string) *PathRow {
	for i := range ind.Paths {
		if ind.Paths[i].Area == kommune {
			return &ind.Paths[i]
		}
	}
	return nil
}

// tocEntry is a line of the contents: a heading and its page.
type tocEntry struct {
	text  string
	level int
	page  int
}

// chapter titles, numbered.
func chapterTitles(lang indicators.Lang) [6]string {
	return [6]string{
		"1 " + lang2(lang, "Sammendrag", "Samandrag"),
		"2 " + lang2(lang, "Indikatorer", "Indikatorar"),
		"3 " + lang2(lang, "Tiltak", "Tiltak"),
		"4 " + lang2(lang, "Budsjett", "Budsjett"),
		"5 " + lang2(lang, "Om tallene", "Om tala"),
		"6 " + lang2(lang, "Tall i figurene", "Tal i figurane"),
	}
}

// contents lists the headings in order, pages unknown.
func contents(r *Report) []tocEntry {
	ch := chapterTitles(r.Lang)
	toc := []tocEntry{{text: ch[0]}, {text: ch[1]}}
	for i, ind := range r.Indicators {
		toc = append(toc, tocEntry{text: indicatorHeading(i, ind), level: 1})
	}
	return append(toc, tocEntry{text: ch[2]}, tocEntry{text: ch[3]}, tocEntry{text: ch[4]}, tocEntry{text: ch[5]})
}

func indicatorHeading(i int, ind Indicator) string { return "2." + strconv.Itoa(i+1) + " " + ind.Name }

// document is what the writer sets the report on: the PDF (*pdf.Document)
// or the web page (htmlDoc). Both get the same calls in the same order, so
// the two formats hold the same text, tables and figures; the layout calls
// (AddPage, Ensure, Space, the measures) mean nothing to a web page.
type document interface {
	AddPage()
	Ensure(h float64)
	Space(mm float64)
	Page() int
	ContentWidth() float64
	LineHeight() float64
	Wrap(text string, w float64, s pdf.Style) []string
	StartHeight(text string, s pdf.Style) float64
	Cover(title []string, below []string)
	ContentsLine(text string, level int, page int, pageText string)
	Heading(level int, text string)
	Subheading(level int, text string, s pdf.Style)
	Paragraph(text string)
	StyledParagraph(text string, s pdf.Style)
	Table(t pdf.Table)
	Figure(name string, image []byte, w, h float64, alt string)
	Caption(text string)
}

// writer sets one pass of the document.
type writer struct {
	r    *Report
	d    document
	toc  []tocEntry
	next int // the next toc entry to reach
	lang indicators.Lang
	// explained is set once SII and RII have been explained, where they
	// first appear.
	explained bool
	// figures counts the charts so far; appendix holds the numbers of
	// those whose numbers are not beside them, for chapter 6.
	figures  int
	appendix []figureNumbers
	// sublevel is the heading level of subhead: one below the last heading.
	sublevel int
}

// figureNumbers are the numbers a chart draws, for the appendix.
type figureNumbers struct {
	caption string // "Figur 3: …", without the pointer to the appendix
	table   pdf.Table
}

func (w *writer) t(nb, nn string) string { return lang2(w.lang, nb, nn) }

// heading writes the next heading of the contents and records its page.
func (w *writer) heading(level int) {
	e := &w.toc[w.next]
	w.next++
	if level == 1 {
		w.d.AddPage()
	}
	w.d.Heading(level, e.text)
	e.page = w.d.Page()
	w.sublevel = level + 2 // H3 in a chapter (H2), H4 in an indicator's section (H3)
}

func render(r *Report, cs []charts, toc []tocEntry) ([]byte, error) {
	lang := "nb-NO"
	if r.Lang == indicators.Nynorsk {
		lang = "nn-NO"
	}
	edition := w2(r.Lang, r.Public)
	d := pdf.New(pdf.Options{Margins: margins, Meta: pdf.Meta{
		Title: r.Title, Author: r.Municipality, Subject: r.Subtitle + " (" + edition + ")",
		Keywords: "helsebudsjett, årsrapport, helseutjevning, " + strconv.Itoa(r.Year), Lang: lang, Created: r.Date,
	}})
	footer := r.Title
	if r.Municipality != "" {
		footer += " · " + r.Municipality
	}
	if !r.Public {
		footer = r.Marking + " · " + footer
		d.PageHeader(r.Marking)
	}
	d.PageFooter(footer)
	w := &writer{r: r, d: d, toc: toc, lang: r.Lang}
	w.write(edition, cs)
	return d.Bytes()
}

// write sets the whole report, in the order of its pages.
func (w *writer) write(edition string, cs []charts) {
	w.cover(edition)
	w.contents()
	w.summary()
	w.indicators(cs)
	w.measures()
	w.money()
	w.about()
	w.figureTables()
}

// w2 names the edition.
func w2(lang indicators.Lang, public bool) string {
	if public {
		return lang2(lang, "offentlig utgave", "offentleg utgåve")
	}
	return lang2(lang, "intern utgave", "intern utgåve")
}

func (w *writer) cover(edition string) {
	r := w.r
	w.d.AddPage()
	below := []string{r.Subtitle, ""}
	if r.Municipality != "" {
		below = append(below, r.Municipality)
	}
	below = append(below, w.t("Periode: ", "Periode: ")+periodText(r))
	if !r.AsOf.IsZero() {
		below = append(below, w.t("Tallgrunnlag per ", "Talgrunnlag per ")+longDate(r.AsOf))
	}
	if !r.Date.IsZero() {
		below = append(below, w.t("Dato: ", "Dato: ")+longDate(r.Date))
	}
	below = append(below, w.t("Utgave: ", "Utgåve: ")+edition)
	if r.Marking != "" {
		below = append(below, "", strings.ToUpper(r.Marking))
	}
	w.d.Cover([]string{r.Title}, below)
}

func (w *writer) contents() {
	w.d.AddPage()
	w.d.Heading(0, w.t("Innhold", "Innhald"))
	w.d.Space(2)
	for _, e := range w.toc {
		page := "…"
		if e.page > 0 {
			page = strconv.Itoa(e.page)
		}
		w.d.ContentsLine(e.text, e.level, e.page, page)
	}
}

var months = [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// periodText is the period reported on: "1. januar–31. desember 2026".
func periodText(r *Report) string {
	return "1. januar–" + longDate(r.PeriodEnd)
}

// longDate writes "27. november 2026" (the same in bokmål and nynorsk).
func longDate(t time.Time) string {
	t = t.In(wheel.Oslo())
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}
