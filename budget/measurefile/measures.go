// Package measurefile reads and writes the files of the health-equity
// budget's measures (tiltak), the organisation's units, and the rating of
// the whole budget: the measures workbook (or a csv with its columns), a
// units file, and a rating sheet, and the template workbooks finance staff
// fill in.
//
// Reading follows the budget importer: csv or xlsx through package
// tabular, the header found by name below any title rows (case, spaces,
// punctuation and æøå spelled out do not matter, bokmål and nynorsk), blank
// rows skipped and counted, and every problem a budgetfile.RowError naming
// row, column, field and value. Any error means nothing may be imported:
// the caller stores all or nothing. Checks that need the workspace
// (units, indicators, areas, budget links) are the caller's, with
// budget.ValidateMeasures and the workspace's CheckLinks.
package measurefile

import (
	"context"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// The columns of the measures workbook, in the template's order.
const (
	ColNr          = "Nr"
	ColTiltak      = "Tiltak"
	ColTiltakNN    = "Tiltak (nynorsk)" // optional: the name in the nynorsk letters
	ColBeskrivelse = "Beskrivelse"
	ColAnsvarlig   = "Ansvarlig"
	ColInnsats     = "Innsatstype"
	ColFaktor      = "Påvirkningsfaktor"
	ColIndikatorer = "Indikatorer"
	ColMaltall     = "Måltall"
	ColEffekt      = "Effekt"
	ColKobling     = "Budsjettkobling"
	ColAndel       = "Andel"
	ColOmrade      = "Område"
	ColStart       = "Start"
	ColSlutt       = "Slutt"
	ColStatus      = "Status"
)

var measureColumns = []column{
	{ColNr, []string{"nummer", "tiltaksnr", "tiltaksnummer", "tiltak nr", "nr."}, true},
	{ColTiltak, []string{"tiltaksnavn", "navn", "namn"}, true},
	{ColTiltakNN, []string{"tiltak nynorsk", "tiltak (nn)", "tiltaksnamn", "namn (nynorsk)", "nynorsk"}, false},
	{ColBeskrivelse, []string{"omtale", "skildring", "beskriving"}, false},
	{ColAnsvarlig, []string{"ansvarleg", "ansvarlige", "ansvarlege", "ansvarlig enhet", "enhet", "eining"}, true},
	{ColInnsats, []string{"innsats", "type innsats", "innsatsform"}, true},
	{ColFaktor, []string{"påverknadsfaktor", "determinant", "påvirkningsfaktorer"}, false},
	{ColIndikatorer, []string{"indikator", "resultatindikator", "resultatindikatorer", "indikatorar"}, false},
	{ColMaltall, []string{"måltal", "mål"}, false},
	{ColEffekt, []string{"forventet effekt", "venta effekt"}, false},
	{ColKobling, []string{"budsjettkopling", "budsjettlinjer", "kobling", "kopling"}, false},
	{ColAndel, []string{"andel %", "andel prosent", "prosent"}, false},
	{ColOmrade, []string{"områder", "område(r)", "bydel", "bydeler"}, false},
	{ColStart, []string{"startår", "fra", "frå", "fra år"}, false},
	{ColSlutt, []string{"sluttår", "til", "til år"}, false},
	{ColStatus, []string{"tilstand"}, false},
}

// MeasureColumns returns the measures workbook's column headers in order.
func MeasureColumns() []string {
	out := make([]string, len(measureColumns))
	for i, c := range measureColumns {
		out[i] = c.name
	}
	return out
}

// Measures is what ReadMeasures found: the measures in file order, each
// with Row set and normalised (budget.Measure.Normalize).
type Measures struct {
	File
	Measures []budget.Measure `json:"-"`
}

// ReadMeasures reads a measures workbook or csv. It returns a Go error
// only for the whole file (it cannot be opened, or has no header with
// Nr, Tiltak, Ansvarlig and Innsatstype); problems with cells are row
// errors: a missing Nr or Tiltak, an Ansvarlig without units or with two
// '*', an unknown Innsatstype or Status, a Måltall, Effekt, Budsjettkobling,
// Andel or year that cannot be read, a Nr given twice. An Andel below 1 is
// read as that many percent, with a warning, since a cell formatted as a
// percentage in Excel stores 50 % as 0.5.
func ReadMeasures(ctx context.Context, path string, opts Options) (*Measures, error) {
	res := &Measures{}
	seen := map[string]int{}
	err := readTable(ctx, path, opts, "measures file", measureColumns, &res.File, func(r row) {
		m, ok := readMeasure(&res.File, r)
		if prev, dup := seen[m.Nr]; dup && m.Nr != "" {
			res.Fail(r.num, ColNr, m.Nr, "measure number "+m.Nr+" is given twice (also row "+itoa(prev)+"): every measure needs its own number")
			ok = false
		} else if m.Nr != "" {
			seen[m.Nr] = r.num
		}
		if !ok {
			res.Skipped["error"]++
			return
		}
		res.Measures = append(res.Measures, m)
	})
	if err != nil {
		return nil, err
	}
	if len(res.Measures) == 0 && len(res.Errors) == 0 && !opts.ReplaceAll {
		return nil, budget.Errorf(budget.EINVALID, "%s has a header but no measure: importing it would delete every measure in the workspace; "+
			"if that is what you mean, import it with --replace-all", res.where())
	}
	return res, nil
}

// readMeasure reads one row; ok is false when it has an error.
func readMeasure(f *File, r row) (budget.Measure, bool) {
	m := budget.Measure{Row: r.num, Nr: r.get(ColNr), Name: r.get(ColTiltak), NameNN: r.get(ColTiltakNN), Description: r.get(ColBeskrivelse),
		Determinant: r.get(ColFaktor), Indicators: budget.SplitList(r.get(ColIndikatorer)), Areas: budget.SplitList(r.get(ColOmrade))}
	ok := true
	fail := func(field, msg string) {
		f.Fail(r.num, field, r.get(field), msg)
		ok = false
	}
	m.Nr = strings.TrimSuffix(m.Nr, ".0") // a number cell in xlsx
	if m.Nr == "" {
		fail(ColNr, "no measure number: every measure needs a Nr")
	}
	if m.Name == "" {
		fail(ColTiltak, "no name: say what the measure is")
	}
	var err error
	if m.Responsible, m.Reporting, err = budget.ParseResponsible(r.get(ColAnsvarlig)); err != nil {
		fail(ColAnsvarlig, err.Error())
	}
	if m.Effort, err = budget.ParseEffort(r.get(ColInnsats)); err != nil {
		fail(ColInnsats, err.Error())
	}
	if m.Targets, err = budget.ParseTargets(r.get(ColMaltall)); err != nil {
		fail(ColMaltall, err.Error())
	}
	if m.Effect, err = budget.ParseEffect(r.get(ColEffekt)); err != nil {
		fail(ColEffekt, err.Error())
	}
	if m.Selector, err = budget.ParseSelector(r.get(ColKobling)); err != nil {
		fail(ColKobling, err.Error())
	}
	if m.Share, err = budget.ParseShare(r.get(ColAndel)); err != nil {
		fail(ColAndel, err.Error())
	} else if m.Share.LessThan(budget.FullShare.Shift(-2)) {
		f.Warn(r.num, "Andel "+r.get(ColAndel)+" is read as "+m.Share.String()+" %; if you meant "+m.Share.Shift(2).String()+" %, write "+m.Share.Shift(2).String())
	}
	for _, c := range []struct {
		col string
		dst *int
	}{{ColStart, &m.Start}, {ColSlutt, &m.End}} {
		if s := r.get(c.col); s != "" {
			if *c.dst, err = budget.ParseYear(s); err != nil {
				fail(c.col, err.Error()+": give a year such as 2027")
			}
		}
	}
	if m.Status, err = budget.ParseStatus(r.get(ColStatus)); err != nil {
		fail(ColStatus, err.Error())
	}
	if m.Selector.IsZero() && r.get(ColKobling) == "" && ok {
		f.Warn(r.num, "measure "+m.Nr+" has no Budsjettkobling: no money is counted for it")
	}
	m.Normalize()
	return m, ok
}
