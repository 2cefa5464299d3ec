// Package tertial writes and reads the tertial reporting form: the
// workbook each unit fills in per period (1st tertial per 30 April, 2nd per
// 31 August, the year), reporting on the measures it is the reporting unit
// for: a status from a drop-down list, what it has spent so far, a comment,
// and a deviation note where a measure is forsinket or avbrutt.
//
// The form states its unit and period in locked cells, which ReadForm
// reads and checks; the header is frozen and protected, and only the input
// columns are unlocked. ReadForm returns every problem as a
// budgetfile.RowError naming row, column, field and value; any error means
// nothing of the file may be stored.
//
// The workflows the CLI and a web handler call sit here too: Forms and
// WriteForms build the forms from the workspace and write them where
// outguard allows; Import reads a filled-in form back, checks it against
// the measures and stores it as a snapshot. Each declares what it needs of
// the store (FormStore, WriteStore, ImportStore).
package tertial

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// SheetForm is the form's sheet.
const SheetForm = "Tertialrapport"

// The labels of the cells that state the unit and the period, in column A,
// with the value in column B.
const (
	LabelUnit   = "Enhet"
	LabelPeriod = "Periode"
)

// The form's columns, in order.
const (
	ColNr        = "Nr"
	ColTiltak    = "Tiltak"
	ColBudget    = "Budsjett (kr)"
	ColStatus    = "Status"
	ColSpent     = "Brukt hittil i år (kr)"
	ColComment   = "Kommentar"
	ColDeviation = "Avviksforklaring"
)

// Columns returns the form's column headers in order.
func Columns() []string {
	return []string{ColNr, ColTiltak, ColBudget, ColStatus, ColSpent, ColComment, ColDeviation}
}

// Fixed places on the sheet (1-based rows).
const (
	rowTitle  = 1
	rowUnit   = 2
	rowPeriod = 3
	rowHelp   = 4
	rowHeader = 6
	firstData = 7
)

// columns by letter, in Columns order.
var colLetters = map[string]string{ColNr: "A", ColTiltak: "B", ColBudget: "C", ColStatus: "D", ColSpent: "E", ColComment: "F", ColDeviation: "G"}

// extraRows is how many rows beyond the measures keep the drop-down list,
// the unlocked input cells and the deviation hint, for rows a unit adds.
const extraRows = 20

var notes = map[string]string{
	ColNr:        "Tiltakets nummer i helsebudsjettet. Ikke endre.",
	ColTiltak:    "Tiltakets navn. Ikke endre.",
	ColBudget:    "Tiltakets beløp i årets budsjett (revidert når det finnes, ellers vedtatt), kroner: summen av budsjettlinjene tiltaket er koblet til × andel. Til informasjon; leses ikke inn.",
	ColStatus:    "Velg fra listen: ikke startet, i rute, forsinket, fullført eller avbrutt. Tom rad (ingen status, beløp, kommentar eller avviksforklaring) betyr at tiltaket ikke rapporteres denne gangen.",
	ColSpent:     "Hva tiltaket har kostet hittil i år per rapporteringsdatoen, i kroner (f.eks. 1 234 567 eller 1234567,50). Tom: ikke kjent (ikke det samme som 0).",
	ColComment:   "Kort om hva som er gjort i perioden og hva som kommer.",
	ColDeviation: "Påkrevd når status er forsinket eller avbrutt: hva er forsinket eller stanset, hvorfor, og hva gjøres med det. Cellen blir rød til den er fylt ut.",
}

var widths = []float64{7, 44, 16, 15, 18, 48, 48}

// Row is one measure on the form: the measure, its amount in the year's
// budget, and the report to fill in with, if any (for a round trip or a
// filled-in form; nil leaves the input cells blank).
type Row struct {
	Measure     budget.Measure
	BudgetOre   int64
	BudgetKnown bool // false leaves the budget cell blank (no budget for the year)
	Report      *budget.MeasureReport
}

// Form is what WriteForm puts in the workbook.
type Form struct {
	Municipality string // for the title
	Unit         budget.Unit
	Period       budget.Period
	Rows         []Row
	// Created is the time written in the document properties; the zero
	// time writes the period's date, so the same form gives the same bytes.
	Created time.Time
}

// WriteForm writes the reporting form to w: the sheet Tertialrapport with
// the title, the unit and the period stated in cells B2 and B3 (which
// ReadForm checks), an instruction line, the header on row 6 frozen and
// with a note on each header cell, and a row per measure. Status has a
// drop-down list of the five values that refuses anything else; the
// deviation note turns red while it is missing for a forsinket or avbrutt
// measure. The sheet is protected without a password: only Status, Brukt,
// Kommentar and Avviksforklaring are unlocked.
func WriteForm(w io.Writer, form Form) error {
	f := excelize.NewFile()
	defer f.Close()
	created := form.Created
	if created.IsZero() {
		created = form.Period.AsOf()
	}
	title := "Tertialrapport for helsebudsjettet – " + form.Period.Label()
	if form.Municipality != "" {
		title += " – " + form.Municipality
	}
	stamp := created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "helsebudsjett", Language: "nb-NO",
		Created: stamp, Modified: stamp, Subject: form.Unit.Code + " " + form.Period.String(),
		Description: "Rapportering på tiltak i helsebudsjettet. Les inn med: helsebudsjett import report FIL"}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetForm); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	s := SheetForm
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(s, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(s, cell, cell, style)
	}
	unitName := form.Unit.Name
	if form.Unit.Parent != "" {
		unitName += " (" + form.Unit.Parent + ")"
	}
	help := "Fyll ut Status, Brukt hittil i år, Kommentar og (ved forsinket eller avbrutt) Avviksforklaring for hvert tiltak. " +
		"Ikke endre enhet, periode eller tiltak. Send filen tilbake; den leses inn med «helsebudsjett import report»."
	for _, c := range []struct {
		cell  string
		v     any
		style int
	}{
		{"A1", title, st.title},
		{"A2", LabelUnit, st.label}, {"B2", form.Unit.Code, st.stated}, {"C2", unitName, st.plain},
		{"A3", LabelPeriod, st.label}, {"B3", form.Period.String(), st.stated},
		{"C3", form.Period.Label() + " (per " + form.Period.AsOfText() + " " + strconv.Itoa(form.Period.Year) + ")", st.plain},
		{"A4", help, st.help},
	} {
		if err := set(c.cell, c.v, c.style); err != nil {
			return err
		}
	}
	if err := f.MergeCell(s, "A4", "G4"); err != nil {
		return err
	}
	if err := f.SetRowHeight(s, rowHelp, 30); err != nil {
		return err
	}
	cols := Columns()
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+1, rowHeader)
		text := c
		if c == ColBudget {
			text = "Budsjett " + strconv.Itoa(form.Period.Year) + " (kr)"
		}
		if err := set(cell, text, st.header); err != nil {
			return err
		}
		if err := f.AddComment(s, excelize.Comment{Cell: cell, Author: "helsebudsjett",
			Paragraph: []excelize.RichTextRun{{Text: notes[c]}}, Width: 300, Height: 120}); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s, name, name, widths[i]); err != nil {
			return err
		}
	}
	last := firstData + len(form.Rows) + extraRows - 1
	if err := inputArea(f, st, last); err != nil {
		return err
	}
	for i, r := range form.Rows {
		if err := writeRow(f, st, firstData+i, r); err != nil {
			return err
		}
	}
	if err := validations(f, st, last); err != nil {
		return err
	}
	err = f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: rowHeader, TopLeftCell: "A7", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "D7", ActiveCell: "D7", Pane: "bottomLeft"}}})
	if err != nil {
		return err
	}
	err = f.ProtectSheet(s, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, FormatCells: true})
	if err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// styles are the form's cell styles.
type styles struct {
	title, label, stated, plain, help, header int
	locked, lockedMoney                       int // the measure's own cells
	input, inputMoney                         int // unlocked
	missing                                   int // conditional: a deviation note is missing
}

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	top := &excelize.Alignment{WrapText: true, Vertical: "top"}
	unlocked := &excelize.Protection{Locked: false}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.stated, &excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&st.plain, &excelize.Style{}},
		{&st.help, &excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: top, Border: border}},
		{&st.locked, &excelize.Style{NumFmt: 49, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Alignment: top, Border: border}},
		{&st.lockedMoney, &excelize.Style{NumFmt: 4, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}, Alignment: top, Border: border}},
		{&st.input, &excelize.Style{NumFmt: 49, Alignment: top, Border: border, Protection: unlocked}},
		{&st.inputMoney, &excelize.Style{NumFmt: 4, Alignment: top, Border: border, Protection: unlocked}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	id, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F8CBAD"}},
		Font: &excelize.Font{Color: "9C0006"}})
	if err != nil {
		return nil, err
	}
	st.missing = id
	return &st, nil
}

// inputArea styles rows firstData..last: the measure's cells locked and
// grey, the input cells unlocked, Nr unlocked below the measures so a unit
// may add a row.
func inputArea(f *excelize.File, st *styles, last int) error {
	for _, c := range []struct {
		col   string
		style int
	}{
		{"A", st.input}, {"B", st.input}, {"C", st.inputMoney},
		{"D", st.input}, {"E", st.inputMoney}, {"F", st.input}, {"G", st.input},
	} {
		if err := f.SetCellStyle(SheetForm, c.col+strconv.Itoa(firstData), c.col+strconv.Itoa(last), c.style); err != nil {
			return err
		}
	}
	return nil
}

func writeRow(f *excelize.File, st *styles, n int, r Row) error {
	s, row := SheetForm, strconv.Itoa(n)
	if err := f.SetCellStr(s, "A"+row, r.Measure.Nr); err != nil {
		return err
	}
	if err := f.SetCellStr(s, "B"+row, r.Measure.Name); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, "A"+row, "B"+row, st.locked); err != nil {
		return err
	}
	if r.BudgetKnown {
		kr, _ := budget.FromOre(r.BudgetOre).Float64() // display only: the budget cell is not read back
		if err := f.SetCellFloat(s, "C"+row, kr, 2, 64); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(s, "C"+row, "C"+row, st.lockedMoney); err != nil {
		return err
	}
	rep := r.Report
	if rep == nil {
		return nil
	}
	for _, c := range []struct{ col, v string }{{"D", string(rep.Status)}, {"F", rep.Comment}, {"G", rep.Deviation}} {
		if c.v == "" {
			continue
		}
		if err := f.SetCellStr(s, c.col+row, c.v); err != nil {
			return err
		}
	}
	if rep.SpentGiven {
		// A float64 holds every øre amount a unit reports (below 2^53 øre,
		// 90 trillion kroner) exactly enough to round back to the øre.
		kr, _ := budget.FromOre(rep.SpentOre).Float64()
		if err := f.SetCellFloat(s, "E"+row, kr, 2, 64); err != nil {
			return err
		}
	}
	return nil
}

// validations adds the Status drop-down list and the deviation hint to
// rows firstData..last.
func validations(f *excelize.File, st *styles, last int) error {
	s := SheetForm
	rows := func(col string) string { return col + strconv.Itoa(firstData) + ":" + col + strconv.Itoa(last) }
	items := make([]string, len(budget.Progresses))
	for i, p := range budget.Progresses {
		items[i] = string(p)
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(rows("D"))
	if err := dv.SetDropList(items); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Status", "Velg en status fra listen: "+strings.Join(items, ", ")+".")
	dv.SetInput("Status", "Velg fra listen. Ved forsinket eller avbrutt er avviksforklaring påkrevd.")
	if err := f.AddDataValidation(s, dv); err != nil {
		return err
	}
	dv = excelize.NewDataValidation(true)
	dv.SetSqref(rows("E"))
	if err := dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Brukt hittil i år", "Skriv et beløp i kroner, 0 eller mer.")
	if err := f.AddDataValidation(s, dv); err != nil {
		return err
	}
	dv = excelize.NewDataValidation(true)
	dv.SetSqref(rows("G"))
	dv.SetInput("Avviksforklaring", "Påkrevd ved forsinket eller avbrutt: hva, hvorfor, og hva gjøres.")
	if err := f.AddDataValidation(s, dv); err != nil {
		return err
	}
	first := strconv.Itoa(firstData)
	return f.SetConditionalFormat(s, rows("G"), []excelize.ConditionalFormatOptions{{Type: "formula",
		Criteria: `AND(OR($D` + first + `="forsinket",$D` + first + `="avbrutt"),LEN(TRIM($G` + first + `))=0)`, Format: &st.missing}})
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// FileName is a safe file name for a unit's form for a period:
// "tertialrapport-2026-T1-bydel-nordbyen.xlsx". Letters æøå become ae, o,
// a; anything but letters, digits, '.', '-' and '_' becomes '-'.
func FileName(unit string, p budget.Period) string {
	u := strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "Ae", "Ø", "O", "Å", "A").Replace(unit)
	u = strings.Trim(unsafeName.ReplaceAllString(u, "-"), "-.")
	if u == "" {
		u = "enhet"
	}
	if len(u) > 80 {
		u = u[:80]
	}
	return "tertialrapport-" + p.String() + "-" + u + ".xlsx"
}
