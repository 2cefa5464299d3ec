package measurefile

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/csvsafe"
)

// Item is an entry of a drop-down list: a code and its name.
type Item struct {
	Code, Name string
}

// MeasuresTemplate is what WriteMeasuresTemplate puts in the workbook.
type MeasuresTemplate struct {
	Municipality string           // for the title in the document properties
	Units        []Item           // unit codes for Ansvarlig
	Indicators   []Item           // indicator ids for Indikatorer
	Areas        []Item           // area codes for Område
	Determinants []string         // påvirkningsfaktorer
	Measures     []budget.Measure // rows to fill in: the workspace's measures for a round trip, or none
}

// Sheet names of the measures workbook.
const (
	SheetMeasures = "Tiltak"
	SheetLists    = "Lister" // hidden: the drop-down lists too long to write inline
	SheetRatings  = "Vurdering"
)

// templateRows is how many rows the drop-down lists cover beyond the
// measures written.
const templateRows = 500

// maxInlineList is Excel's limit on a drop-down list typed into the
// validation itself, in UTF-16 units including the commas.
const maxInlineList = 255

// notes are the comments on the header cells, saying what goes in each
// column.
var notes = map[string]string{
	ColNr:          "Tiltakets nummer, unikt (1, 2, 2.1 …). Tiltak listes i nummerorden.",
	ColTiltak:      "Kort navn på tiltaket.",
	ColTiltakNN:    "Valfritt: namnet på tiltaket på nynorsk, brukt i oppdragsbreva på nynorsk. Tomt: det bokmålske namnet.",
	ColBeskrivelse: "En setning eller to om hva tiltaket er og hvem det når.",
	ColAnsvarlig:   "Koden til ansvarlig enhet. Flere enheter skilles med komma; merk den som rapporterer med * (f.eks. nav*, bydel-nordbyen). Listen viser enhetene i arbeidsområdet.",
	ColInnsats:     "universell (for alle), områderettet (et avgrenset område) eller målrettet (personer/grupper).",
	ColFaktor:      "Påvirkningsfaktoren tiltaket virker på: inntekt, arbeid, utdanning, oppvekst, bolig, nærmiljø, sosial deltakelse, helse.",
	ColIndikatorer: "Id-ene til indikatorene tiltaket skal påvirke, skilt med komma (helsebudsjett indicators list viser dem).",
	ColMaltall:     "Måltall per indikator: ID=verdi@år, flere skilt med semikolon. Eksempel: barn-lavinntekt=9,5@2030;frafall-vgs=10@2028",
	ColEffekt:      "Forventet effekt: et tall i indikatorens enhet og året full effekt nås (-1,5@2030, eller ID=-1,5@2030), eller lav / middels / høy når effekten ikke kan tallfestes. Tall og ordinal effekt holdes adskilt.",
	ColKobling:     "Budsjettlinjene tiltaket finansieres av: felt=mønster, flere krav skilt med ; (alle må gjelde), alternativer skilt med |. Felt: ansvar, funksjon, art, prosjekt, tjeneste, konto eller en kolonne fra budsjettfilen (bydel …). Mønster: en kode, et prefiks med * (31*) eller et intervall (200-299). Eksempel: funksjon=232;ansvar=31*|prosjekt=P1407",
	ColAndel:       "Prosent av hver valgt budsjettlinje som regnes til tiltaket (0-100, standard 100). Skriv 50 for 50 %. En krone telles bare én gang: summen for en linje over alle tiltak kan ikke overstige 100.",
	ColOmrade:      "Områdekoder (bydel, levekårssone), skilt med komma. Tom: hele kommunen.",
	ColStart:       "Første år tiltaket har penger (f.eks. 2027). Tom: fra før økonomiplanen.",
	ColSlutt:       "Siste år tiltaket har penger. Tom: løper videre.",
	ColStatus:      "planlagt, vedtatt (standard), igangsatt eller avsluttet.",
}

// measureWidths are the column widths, in the order of MeasureColumns.
var measureWidths = []float64{6, 32, 32, 44, 24, 15, 18, 28, 34, 22, 40, 8, 14, 8, 8, 11}

// WriteMeasuresTemplate writes the measures workbook to w: the sheet
// Tiltak with the columns of MeasureColumns, a note on each header cell,
// the header frozen, drop-down lists for Ansvarlig (units), Indikatorer,
// Innsatstype, Påvirkningsfaktor, Område and Status, and the measures of
// t as rows, written so ReadMeasures reads them back equal. A list longer
// than Excel's 255-character limit for typed lists stands on the hidden
// sheet Lister. The lists warn but never refuse: Ansvarlig and Indikatorer
// may hold several codes.
func WriteMeasuresTemplate(w io.Writer, t MeasuresTemplate) error {
	f := excelize.NewFile()
	defer f.Close()
	title := "Tiltak i helsebudsjettet"
	if t.Municipality != "" {
		title += " – " + t.Municipality
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "helsebudsjett", Language: "nb-NO",
		Description: "Mal for tiltak i helsebudsjettet. Les inn med: helsebudsjett import measures FIL"}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetMeasures); err != nil {
		return err
	}
	cols := MeasureColumns()
	hw, err := newHeaderWriter(f, SheetMeasures, cols, measureWidths)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := hw.note(i, notes[c]); err != nil {
			return err
		}
	}
	for r, m := range t.Measures {
		if err := hw.row(r+2, measureCells(m)); err != nil {
			return err
		}
	}
	last := len(t.Measures) + templateRows + 1
	lists := &listSheet{f: f}
	efforts := make([]string, len(budget.Efforts))
	for i, e := range budget.Efforts {
		efforts[i] = string(e)
	}
	statuses := make([]string, len(budget.Statuses))
	for i, s := range budget.Statuses {
		statuses[i] = string(s)
	}
	levels := []string{string(budget.Lav), string(budget.Middels), string(budget.Hoy)}
	for _, l := range []struct {
		col   string
		items []string
		names []string
		title string
	}{
		{ColAnsvarlig, codes(t.Units), names(t.Units), "Enhet"},
		{ColInnsats, efforts, nil, "Innsatstype"},
		{ColFaktor, t.Determinants, nil, "Påvirkningsfaktor"},
		{ColIndikatorer, codes(t.Indicators), names(t.Indicators), "Indikator"},
		{ColEffekt, levels, nil, "Effekt"},
		{ColOmrade, codes(t.Areas), names(t.Areas), "Område"},
		{ColStatus, statuses, nil, "Status"},
	} {
		if len(l.items) == 0 {
			continue
		}
		col := indexOf(cols, l.col)
		if err := lists.validate(SheetMeasures, col, 2, last, l.items, l.names, l.title); err != nil {
			return err
		}
	}
	if lists.used {
		if err := f.SetSheetVisible(SheetLists, false); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// measureCells writes a measure as the template's cells, in column order,
// as ReadMeasures reads them back.
func measureCells(m budget.Measure) []any {
	var start, end any
	if m.Start != 0 {
		start = m.Start
	}
	if m.End != 0 {
		end = m.End
	}
	return []any{m.Nr, m.Name, m.NameNN, m.Description, m.ResponsibleText(), string(m.Effort), m.Determinant,
		strings.Join(m.Indicators, ", "), budget.FormatTargets(m.Targets), m.Effect.String(), m.Selector.String(),
		number(m.Share), strings.Join(m.Areas, ", "), start, end, string(m.Status)}
}

// number is a decimal as a cell value: a float64 when it reads back as the
// same decimal (shares such as 50 or 33.5 do), else its text.
func number(d decimal.Decimal) any {
	f, _ := d.Float64()
	if back, err := decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64)); err == nil && back.Equal(d) {
		return f
	}
	return d.String()
}

// WriteMeasuresCSV writes measures as ReadMeasures reads them: UTF-8, ";"
// separated, the columns of MeasureColumns.
func WriteMeasuresCSV(w io.Writer, ms []budget.Measure) error {
	cw := csvsafe.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(MeasureColumns()); err != nil {
		return err
	}
	for _, m := range ms {
		cells := measureCells(m)
		rec := make([]string, len(cells))
		for i, c := range cells {
			switch v := c.(type) {
			case nil:
			case string:
				rec[i] = v
			case float64:
				rec[i] = strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// RatingsTemplate is what WriteRatingsTemplate puts in the rating sheet.
type RatingsTemplate struct {
	Municipality string
	Key          budget.Key
	Rows         []RatingRow
}

// RatingRow is one row of the rating sheet: a funksjon (or a narrowed part
// of it) with its lines and money in the budget, and its rating where one
// is given.
type RatingRow struct {
	Funksjon, Name, Ansvar, Art string
	Lines                       int
	Ore                         int64
	Grade                       budget.Grade // "" for unrated
	Reason                      string
}

var ratingNotes = map[string]string{
	ColFunksjon:     "KOSTRA-funksjonen (3 siffer). Malen lister alle funksjoner i budsjettet.",
	ColFunksjonNavn: "Til hjelp; leses ikke inn.",
	ColRAnsvar:      "Valgfritt: avgrens vurderingen til ansvar (kode, prefiks som 31* eller intervall som 3100-3199). Legg til en ny rad for hver avgrensning; den mest avgrensede vurderingen gjelder.",
	ColRArt:         "Valgfritt: avgrens vurderingen til art (kode, prefiks eller intervall som 010-099).",
	ColLinjer:       "Antall budsjettlinjer; leses ikke inn.",
	ColBelop:        "Beløp i budsjettet, kroner; leses ikke inn.",
	ColVurdering:    "positiv, nøytral, negativ eller blandet effekt på sosial ulikhet i helse. Tom: ikke vurdert (telles som ikke vurdert, aldri som nøytral).",
	ColBegrunnelse:  "Kort begrunnelse. Påkrevd for hver vurdering.",
}

// WriteRatingsTemplate writes the rating sheet to w: one row per row of t
// (every funksjon of the budget, with its amount), a drop-down list of the
// grades, notes on the headers and the header frozen. ReadRatings reads it
// back.
func WriteRatingsTemplate(w io.Writer, t RatingsTemplate) error {
	f := excelize.NewFile()
	defer f.Close()
	title := "Vurdering av budsjettet " + t.Key.String()
	if t.Municipality != "" {
		title += " – " + t.Municipality
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "helsebudsjett", Language: "nb-NO",
		Description: "Vurdering av hele budsjettet for effekt på sosial ulikhet i helse. Les inn med: helsebudsjett import ratings FIL"}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetRatings); err != nil {
		return err
	}
	cols := []string{ColFunksjon, ColFunksjonNavn, ColRAnsvar, ColRArt, ColLinjer, ColBelop, ColVurdering, ColBegrunnelse}
	hw, err := newHeaderWriter(f, SheetRatings, cols, []float64{10, 36, 12, 10, 8, 18, 12, 60})
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := hw.note(i, ratingNotes[c]); err != nil {
			return err
		}
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	for i, r := range t.Rows {
		kr, _ := budget.FromOre(r.Ore).Float64() // display only: the sheet's amounts are not read back
		cells := []any{r.Funksjon, r.Name, r.Ansvar, r.Art, r.Lines, kr, string(r.Grade), r.Reason}
		if err := hw.row(i+2, cells); err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(6, i+2)
		if err := f.SetCellStyle(SheetRatings, cell, cell, money); err != nil {
			return err
		}
	}
	lists := &listSheet{f: f}
	grades := make([]string, len(budget.Grades))
	for i, g := range budget.Grades {
		grades[i] = string(g)
	}
	if err := lists.validate(SheetRatings, 6, 2, len(t.Rows)+templateRows+1, grades, nil, "Vurdering"); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// headerWriter writes a sheet's bold, frozen header row with notes.
type headerWriter struct {
	f     *excelize.File
	sheet string
	text  int // style of text cells, so codes keep their zeros
}

func newHeaderWriter(f *excelize.File, sheet string, cols []string, widths []float64) (*headerWriter, error) {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, c); err != nil {
			return nil, err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if i < len(widths) {
			if err := f.SetColWidth(sheet, name, name, widths[i]); err != nil {
				return nil, err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return nil, err
	}
	err = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
	if err != nil {
		return nil, err
	}
	return &headerWriter{f: f, sheet: sheet, text: text}, nil
}

func (h *headerWriter) note(col int, text string) error {
	if text == "" {
		return nil
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, 1)
	return h.f.AddComment(h.sheet, excelize.Comment{Cell: cell, Author: "helsebudsjett",
		Paragraph: []excelize.RichTextRun{{Text: text}}, Width: 300, Height: 120})
}

// row writes cells to the 1-based row n; strings as text cells.
func (h *headerWriter) row(n int, cells []any) error {
	for i, c := range cells {
		if c == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, n)
		var err error
		if s, ok := c.(string); ok {
			if s == "" {
				continue
			}
			if err = h.f.SetCellStr(h.sheet, cell, s); err == nil {
				err = h.f.SetCellStyle(h.sheet, cell, cell, h.text)
			}
		} else {
			err = h.f.SetCellValue(h.sheet, cell, c)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// listSheet places drop-down lists: inline when they fit Excel's limit,
// else on the hidden sheet Lister, one column per list.
type listSheet struct {
	f    *excelize.File
	used bool
	cols int
}

// validate adds a drop-down list of items to column col (0-based) of
// sheet, rows from..to. names, when given, stand beside the codes on the
// list sheet.
func (ls *listSheet) validate(sheet string, col, from, to int, items, names []string, title string) error {
	dv := excelize.NewDataValidation(true)
	a, _ := excelize.CoordinatesToCellName(col+1, from)
	b, _ := excelize.CoordinatesToCellName(col+1, to)
	dv.SetSqref(a + ":" + b)
	inline := strings.Join(items, ",")
	if len(utf16.Encode([]rune(inline))) <= maxInlineList && !anyContains(items, ",\"") {
		if err := dv.SetDropList(items); err != nil {
			return err
		}
	} else {
		ref, err := ls.put(items, names, title)
		if err != nil {
			return err
		}
		dv.SetSqrefDropList(ref)
	}
	// Warn, never refuse: a cell may hold several codes, or a number.
	dv.SetError(excelize.DataValidationErrorStyleInformation, title, "Verdien står ikke i listen. Flere koder skilles med komma.")
	return ls.f.AddDataValidation(sheet, dv)
}

// put writes a list on the list sheet and returns the reference to it.
func (ls *listSheet) put(items, names []string, title string) (string, error) {
	if !ls.used {
		if _, err := ls.f.NewSheet(SheetLists); err != nil {
			return "", err
		}
		ls.used = true
	}
	col := ls.cols + 1
	ls.cols += 2
	head, _ := excelize.CoordinatesToCellName(col, 1)
	if err := ls.f.SetCellStr(SheetLists, head, title); err != nil {
		return "", err
	}
	for i, it := range items {
		cell, _ := excelize.CoordinatesToCellName(col, i+2)
		if err := ls.f.SetCellStr(SheetLists, cell, it); err != nil {
			return "", err
		}
		if i < len(names) {
			cell, _ = excelize.CoordinatesToCellName(col+1, i+2)
			if err := ls.f.SetCellStr(SheetLists, cell, names[i]); err != nil {
				return "", err
			}
		}
	}
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("%s!$%s$2:$%s$%d", SheetLists, name, name, len(items)+1), nil
}

func anyContains(items []string, chars string) bool {
	for _, it := range items {
		if strings.ContainsAny(it, chars) {
			return true
		}
	}
	return false
}

func codes(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Code
	}
	return out
}

func names(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Name
	}
	return out
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}
