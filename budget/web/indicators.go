package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// The indicator pages: every role reads them; small numbers are suppressed
// for everyone but the staff who work with them (as the API does).

func (a *App) indicatorRoutes() []Route {
	return []Route{
		{Pattern: "GET /indikatorer", Roles: Everyone, Handler: a.indicatorList},
		{Pattern: "GET /indikatorer/{id}", Roles: Everyone, Handler: a.indicatorPage},
		{Pattern: "GET /tiltak", Roles: Everyone, Handler: a.measuresPage},
	}
}

func (a *App) indicatorList(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.readsPage(w, r)
	if !ok {
		return
	}
	list, err := rd.Indicators(r.Context())
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	lang := indicators.Bokmal
	if langOf(r) == "nn" {
		lang = indicators.Nynorsk
	}
	type item struct{ ID, Name, Determinant string }
	var items []item
	for _, ind := range list {
		items = append(items, item{ind.ID, ind.NameIn(lang), ind.Determinant})
	}
	sort.SliceStable(items, func(i, j int) bool { return indicators.NorwegianLess(items[i].Name, items[j].Name) })
	render(w, r, http.StatusOK, indicatorListTemplate, page{Title: pickLang(r, "Indikatorer", "Indikatorar"), Body: items})
}

func (a *App) readsPage(w http.ResponseWriter, r *http.Request) (Reads, bool) {
	if a.Reads == nil {
		a.fail(w, r, http.StatusServiceUnavailable, "unavailable", msgInternal)
		return nil, false
	}
	return a.Reads, true
}

// indicatorData is an indicator page: the view, and its headline series
// drawn as a chart and laid out as a table (periods down, areas across).
type indicatorData struct {
	V       *model.IndicatorView
	Unit    string
	Chart   *lineChart
	Periods []string
	Areas   []string
	Cells   map[string]map[string]string // period → area → value as printed
	Targets []targetRow
	names   map[string]string // area code → name
}

// AreaName is the name of the area with code, for the tables that have
// only codes.
func (d indicatorData) AreaName(code string) string {
	if n, ok := d.names[code]; ok {
		return n
	}
	return code
}

type targetRow struct{ Area, Baseline, Target, Status string }

func (a *App) indicatorPage(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.readsPage(w, r)
	if !ok {
		return
	}
	o := model.ShowOptions{ID: r.PathValue("id"), By: "lavinntekt", Lang: indicators.Bokmal}
	if langOf(r) == "nn" {
		o.Lang = indicators.Nynorsk
	}
	if u, _ := CurrentUser(r); !hasAny(u, budgetReaders) {
		o.Public = true
	}
	v, err := rd.Indicator(r.Context(), o)
	switch c := budget.ErrorCode(err); {
	case c == budget.ENOTFOUND:
		a.notFound(w, r)
		return
	case err != nil:
		var oe *model.OptionError
		if !errors.As(err, &oe) {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
		o.By = "" // the ranking indicator is missing: show the rest
		if v, err = rd.Indicator(r.Context(), o); err != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
	}
	d := indicatorData{V: v, Unit: annual.UnitText(v.Unit, o.Lang), Cells: map[string]map[string]string{}, names: map[string]string{}}
	seen := map[string]bool{}
	series := map[string][]seriesValue{}
	var order []string
	for _, p := range v.Series {
		if len(p.Dims) > 0 {
			continue // the headline only: a breakdown by group is in the tables below
		}
		if !seen[p.Period] {
			seen[p.Period] = true
			d.Periods = append(d.Periods, p.Period)
		}
		if _, ok := series[p.AreaName]; !ok {
			order = append(order, p.AreaName)
			d.Areas = append(d.Areas, p.AreaName)
		}
		if d.Cells[p.Period] == nil {
			d.Cells[p.Period] = map[string]string{}
		}
		d.Cells[p.Period][p.AreaName] = valueText(p)
		series[p.AreaName] = append(series[p.AreaName], seriesValue{p.Period, p.Value})
	}
	// The kommune first (a heavy black line), then its areas, then the
	// county and the country to compare with.
	codeOf := map[string]string{}
	for _, p := range v.Series {
		codeOf[p.AreaName] = p.Area
		d.names[p.Area] = p.AreaName
	}
	rank := func(name string) int {
		switch len(codeOf[name]) {
		case 4:
			return 0
		case 6, 8:
			return 1
		}
		return 2
	}
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	d.Areas = order
	for i, t := range v.Targets {
		st := ""
		if i < len(v.Status) {
			st = v.Status[i].State.Text(o.Lang)
		}
		d.Targets = append(d.Targets, targetRow{Area: t.AreaName, Baseline: fmt.Sprintf("%s (%d)", norsk(&t.BaselineValue), t.BaselineYear),
			Target: fmt.Sprintf("%s (%d)", norsk(&t.TargetValue), t.TargetYear), Status: st})
	}
	d.Chart = drawLines(v.Name, d.Unit, d.Periods, order, series, o.Lang)
	render(w, r, http.StatusOK, indicatorTemplate, page{Title: v.Name, Body: d})
}

// valueText is a value as the pages print it: Norwegian decimals, ":" for
// a suppressed value, "*" after a confidential one, "–" when missing.
func valueText(p model.SeriesPoint) string {
	switch {
	case p.Value == nil && p.Marker != "":
		return p.Marker
	case p.Value == nil:
		return "–"
	}
	s := strings.Replace(p.Value.StringFixed(1), ".", ",", 1)
	if p.Confidential {
		s += "*"
	}
	return s
}

type seriesValue struct {
	period string
	value  *decimal.Decimal
}

// lineChart is an SVG line chart laid out for the template: a polyline per
// area (broken where a value is missing or suppressed), axes and labels,
// with a sentence that says what it shows for those who cannot see it.
type lineChart struct {
	Title, Desc string
	Lines       []chartLine
	XLabels     []chartLabel
	YLabels     []chartLabel
}

type chartLine struct {
	Name   string
	Class  string // s0…s6: the area's colour and dash (the stylesheet)
	Points []string
	Dots   []chartLabel
}

type chartLabel struct {
	X, Y float64
	Text string
}

const (
	chartW, chartH         = 640.0, 300.0
	padL, padR, padT, padB = 56.0, 16.0, 16.0, 40.0
)

func drawLines(name, unit string, periods, areas []string, series map[string][]seriesValue, lang indicators.Lang) *lineChart {
	if len(periods) == 0 {
		return nil
	}
	lo, hi, any := 0.0, 0.0, false
	for _, ps := range series {
		for _, p := range ps {
			if p.value == nil {
				continue
			}
			f := p.value.InexactFloat64() // for drawing only; the table prints the exact value
			if !any || f < lo {
				lo = f
			}
			if !any || f > hi {
				hi = f
			}
			any = true
		}
	}
	if !any {
		return nil
	}
	if lo > 0 {
		lo = 0 // bars and lines of rates start at zero, so changes are not exaggerated
	}
	if hi == lo {
		hi = lo + 1
	}
	x := func(i int) float64 {
		if len(periods) == 1 {
			return padL + (chartW-padL-padR)/2
		}
		return padL + float64(i)*(chartW-padL-padR)/float64(len(periods)-1)
	}
	y := func(f float64) float64 { return padT + (hi-f)/(hi-lo)*(chartH-padT-padB) }
	idx := map[string]int{}
	for i, p := range periods {
		idx[p] = i
	}
	c := &lineChart{Title: fmt.Sprintf("%s (%s)", name, unit)}
	var desc []string
	for n, area := range areas {
		l := chartLine{Name: area, Class: fmt.Sprintf("s%d", n%7)}
		var seg []string
		var first, last *seriesValue
		for _, p := range series[area] {
			if p.value == nil {
				if len(seg) > 0 {
					l.Points = append(l.Points, strings.Join(seg, " "))
					seg = nil
				}
				continue
			}
			px, py := x(idx[p.period]), y(p.value.InexactFloat64())
			seg = append(seg, fmt.Sprintf("%.1f,%.1f", px, py))
			l.Dots = append(l.Dots, chartLabel{X: px, Y: py})
			pp := p
			if first == nil {
				first = &pp
			}
			last = &pp
		}
		if len(seg) > 0 {
			l.Points = append(l.Points, strings.Join(seg, " "))
		}
		c.Lines = append(c.Lines, l)
		if first != nil {
			desc = append(desc, fmt.Sprintf("%s %s %s %s %s %s", area, lang.Pick("fra", "frå"), norsk(first.value), lang.Pick("i", "i")+" "+first.period,
				lang.Pick("til", "til"), norsk(last.value)+" i "+last.period))
		}
	}
	c.Desc = fmt.Sprintf("%s (%s): %s.", lang.Pick("Linjediagram over", "Linjediagram over")+" "+name, unit, strings.Join(desc, "; "))
	step := 1
	if len(periods) > 6 {
		step = (len(periods) + 5) / 6
	}
	for i := 0; i < len(periods); i += step {
		c.XLabels = append(c.XLabels, chartLabel{X: x(i), Y: chartH - padB + 18, Text: periods[i]})
	}
	for i := 0; i <= 4; i++ {
		f := lo + float64(i)*(hi-lo)/4
		c.YLabels = append(c.YLabels, chartLabel{X: padL - 6, Y: y(f) + 4, Text: strings.Replace(fmt.Sprintf("%.1f", f), ".", ",", 1)})
	}
	return c
}

func norsk(d *decimal.Decimal) string { return strings.Replace(d.StringFixed(1), ".", ",", 1) }

var (
	indicatorListTemplate = layoutTemplate("indicators", indicatorListHTML)
	indicatorTemplate     = layoutTemplate("indicator", indicatorHTML)
)

const indicatorListHTML = `{{define "body"}}{{if .Body}}<ul>{{range .Body}}<li><a href="/indikatorer/{{.ID}}">{{.Name}}</a> ({{.Determinant}})</li>{{end}}</ul>
{{else}}<p>{{.T "Ingen indikatorer." "Ingen indikatorar."}}</p>{{end}}{{end}}`

const indicatorHTML = `{{define "body"}}{{$v := .Body.V}}
<p>{{$v.Definition}}</p>
<p>{{.T "Enhet" "Eining"}}: {{.Body.Unit}}. {{.T "Kilde" "Kjelde"}}: {{$v.Source}}.{{if $v.Public}} {{.T "Tall for små grupper er holdt tilbake (:)." "Tal for små grupper er haldne tilbake (:)."}}{{else}} {{.T "Intern visning: tall under småtallsgrensen er merket med *." "Intern vising: tal under småtalsgrensa er merkte med *."}}{{end}}</p>
{{with .Body.Chart}}<figure class="chart">
<svg viewBox="0 0 640 300" role="img" aria-labelledby="graf-t" aria-describedby="graf-d" focusable="false">
<title id="graf-t">{{.Title}}</title><desc id="graf-d">{{.Desc}}</desc>
<line class="axis" x1="56" y1="260" x2="624" y2="260"/><line class="axis" x1="56" y1="16" x2="56" y2="260"/>
{{range .YLabels}}<text class="tick" x="{{.X}}" y="{{.Y}}" text-anchor="end">{{.Text}}</text>{{end}}
{{range .XLabels}}<text class="tick" x="{{.X}}" y="{{.Y}}" text-anchor="middle">{{.Text}}</text>{{end}}
{{range .Lines}}{{$c := .Class}}{{range .Points}}<polyline class="line {{$c}}" points="{{.}}"/>{{end}}{{range .Dots}}<circle class="dot {{$c}}" cx="{{.X}}" cy="{{.Y}}" r="3"/>{{end}}{{end}}
</svg>
<figcaption>{{.Title}}. {{$.T "Tallene står i tabellen under." "Tala står i tabellen under."}}</figcaption>
<ul class="legend">{{range .Lines}}<li><span class="swatch {{.Class}}"></span>{{.Name}}</li>{{end}}</ul>
</figure>{{end}}
{{if .Body.Periods}}<div class="table" role="region" tabindex="0" aria-label="{{.T "Verdier per periode og område" "Verdiar per periode og område"}}"><table>
<caption>{{$v.Name}} ({{.Body.Unit}}) {{.T "per periode og område" "per periode og område"}}</caption>
<thead><tr><th scope="col">{{.T "Periode" "Periode"}}</th>{{range .Body.Areas}}<th scope="col" class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>{{range $p := .Body.Periods}}<tr><th scope="row">{{$p}}</th>{{range $a := $.Body.Areas}}<td class="num">{{index (index $.Body.Cells $p) $a}}</td>{{end}}</tr>{{end}}</tbody></table></div>{{end}}
{{if $v.Targets}}<h2>{{.T "Mål" "Mål"}}</h2><table><caption>{{.T "Målbaner og status" "Målbaner og status"}}</caption>
<thead><tr><th scope="col">{{.T "Område" "Område"}}</th><th scope="col">{{.T "Utgangspunkt" "Utgangspunkt"}}</th><th scope="col">{{.T "Mål" "Mål"}}</th><th scope="col">Status</th></tr></thead>
<tbody>{{range .Body.Targets}}<tr><th scope="row">{{.Area}}</th><td>{{.Baseline}}</td><td>{{.Target}}</td><td>{{.Status}}</td></tr>{{end}}</tbody></table>{{end}}
{{if $v.Trend.Ratings}}<h2>{{.T "Utvikling" "Utvikling"}}</h2><p>{{$v.Trend.Rule}}</p><table><caption>{{.T "Utvikling per område" "Utvikling per område"}}</caption>
<thead><tr><th scope="col">{{.T "Område" "Område"}}</th><th scope="col">{{.T "Vurdering" "Vurdering"}}</th></tr></thead>
<tbody>{{range $v.Trend.Ratings}}<tr><th scope="row">{{$.Body.AreaName .Area}}</th><td>{{.Text}}</td></tr>{{end}}</tbody></table>{{end}}
{{if $v.Inequality}}<h2>{{.T "Ulikhet mellom områdene" "Ulikskap mellom områda"}}</h2><table><caption>{{.T "Forskjell, forhold, SII og RII" "Skilnad, forhold, SII og RII"}}</caption>
<thead><tr><th scope="col">{{.T "Periode" "Periode"}}</th><th scope="col">{{.T "Nivå" "Nivå"}}</th><th scope="col" class="num">{{.T "Forskjell" "Skilnad"}}</th><th scope="col" class="num">{{.T "Forhold" "Forhold"}}</th><th scope="col" class="num">SII</th><th scope="col" class="num">RII</th></tr></thead>
<tbody>{{range $v.Inequality}}<tr><th scope="row">{{.Period}}</th><td>{{.Level}}</td><td class="num">{{fnum .Gap}}</td><td class="num">{{fnum .Ratio}}</td><td class="num">{{fnum .SII}}</td><td class="num">{{fnum .RII}}</td></tr>{{end}}</tbody></table>{{end}}
{{range $v.Notes}}<p class="note">{{.}}</p>{{end}}
<p><a href="/indikatorer">{{.T "Alle indikatorer" "Alle indikatorar"}}</a></p>{{end}}`

// measuresPage lists the measures that run in a year with their status and
// their unit's latest report: what council members follow (no money: the
// amounts are in the report and the workbook).
func (a *App) measuresPage(w http.ResponseWriter, r *http.Request) {
	rd, ok := a.readsPage(w, r)
	if !ok {
		return
	}
	year := a.now().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 1900 && y <= 2200 {
		year = y
	}
	ms, err := rd.MeasureStatus(r.Context(), year)
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	render(w, r, http.StatusOK, measuresTemplate, page{Title: fmt.Sprintf("%s %d", pickLang(r, "Tiltakene", "Tiltaka"), year),
		Body: struct {
			Year     int
			Measures []model.MeasureStatus
		}{year, ms}})
}

var measuresTemplate = layoutTemplate("measures", `{{define "body"}}
<form method="get" action="/tiltak"><p><label for="ar">{{.T "År" "År"}}</label> <input id="ar" name="year" type="text" inputmode="numeric" value="{{.Body.Year}}"> <button type="submit">{{.T "Vis" "Vis"}}</button></p></form>
{{if .Body.Measures}}<div class="table" role="region" tabindex="0" aria-label="{{.T "Tiltak med status" "Tiltak med status"}}"><table><caption>{{.T "Tiltak som løper i" "Tiltak som går i"}} {{.Body.Year}}</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">{{.T "Tiltak" "Tiltak"}}</th><th scope="col">{{.T "Rapporterende enhet" "Rapporterande eining"}}</th><th scope="col">{{.T "Innsats" "Innsats"}}</th><th scope="col">Status</th><th scope="col">{{.T "Siste rapport" "Siste rapport"}}</th></tr></thead>
<tbody>{{range .Body.Measures}}<tr><td>{{.Nr}}</td><th scope="row">{{.Name}}</th><td>{{.Reporting}}</td><td>{{.Effort}}</td><td>{{.Status}}</td><td>{{if .Progress}}{{.Progress}} ({{.Period}}){{else}}–{{end}}</td></tr>{{end}}</tbody></table></div>
{{else}}<p>{{.T "Ingen tiltak løper dette året." "Ingen tiltak går dette året."}}</p>{{end}}{{end}}`)
