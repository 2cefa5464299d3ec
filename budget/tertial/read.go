package tertial

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// Options tell ReadForm how to read a form and what to expect of it.
type Options struct {
	Name    string        // file name for messages (default: base name of the path)
	MaxSize int64         // refuse larger files; 0 = DefaultMaxSize
	Unit    string        // the unit the form must be for; "" accepts the one it states
	Period  budget.Period // the period it must be for; zero accepts the one it states
}

// DefaultMaxSize bounds a form's size when Options.MaxSize is 0: a form
// for a few hundred measures is some tens of kilobytes.
const DefaultMaxSize = 32 << 20

// maxRows bounds the rows read below the header.
const maxRows = 10000

// maxErrors bounds the errors kept.
const maxErrors = 1000

// Result is what ReadForm found in a form.
type Result struct {
	File     string                 `json:"file"`
	Sheet    string                 `json:"sheet"`
	SHA256   string                 `json:"sha256"`
	Size     int64                  `json:"size"`
	Unit     string                 `json:"unit"`
	Period   budget.Period          `json:"period"`
	RowsRead int                    `json:"rows_read"`
	Reports  []budget.MeasureReport `json:"-"`
	// NotReported are the measures listed with every input cell blank.
	NotReported []string              `json:"not_reported"`
	Warnings    []string              `json:"warnings"`
	Errors      []budgetfile.RowError `json:"errors"`
}

// Snapshot is the result as a snapshot to store.
func (r *Result) Snapshot() budget.ReportSnapshot {
	return budget.ReportSnapshot{Unit: r.Unit, Period: r.Period, Source: r.File, SHA256: r.SHA256, Size: r.Size, Reports: r.Reports}
}

// fail adds a row error.
func (r *Result) fail(row int, field, value, msg string) {
	if len(r.Errors) >= maxErrors {
		return
	}
	col := colLetters[field]
	switch field {
	case LabelUnit, LabelPeriod:
		col = "B"
	}
	r.Errors = append(r.Errors, budgetfile.RowError{Row: row, Column: col, Field: field, Value: value, Message: msg})
}

// ReadForm reads a filled-in reporting form. It returns a Go error only
// when the file cannot be read as a workbook at all (missing, too large, not
// xlsx, no sheet Tertialrapport); every problem in the form is a row error
// in Result.Errors:
//
//   - B2 (Enhet) and B3 (Periode) must state a unit and a period that
//     budget.ParsePeriod reads, and match opts.Unit and opts.Period when
//     those are given;
//   - the header on row 6 must have Nr, Status, Brukt hittil i år,
//     Kommentar and Avviksforklaring;
//   - each row with any input needs a measure number and a status from the
//     list; Brukt must be an amount in kroner (budgetfile.ParseAmount;
//     "12.345" and "1,234" are refused as ambiguous) not below zero; a
//     forsinket or avbrutt measure needs an Avviksforklaring.
//
// Rows with a measure but every input blank are not reports: they are
// listed in NotReported. Whether each measure exists and belongs to the
// unit is Check's business, which needs the workspace's measures.
func ReadForm(ctx context.Context, path string, opts Options) (*Result, error) {
	name := opts.Name
	if name == "" {
		name = filepath.Base(path)
	}
	res := &Result{File: name, Sheet: SheetForm, NotReported: []string{}, Warnings: []string{}, Errors: []budgetfile.RowError{}}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	data, err := inputfile.ReadAll(ctx, path, name, limit)
	if err != nil {
		return nil, err
	}
	res.SHA256, res.Size = inputfile.Sum(data), int64(len(data))
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		hint := "save it as an Excel workbook (.xlsx)"
		if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
			hint = "it is an old .xls file: save it as .xlsx in Excel and import again"
		}
		return nil, budget.Errorf(budget.EINVALID, "%s is not an xlsx workbook: %s", name, hint)
	}
	// excelize reads the workbook whole: the budget reader's zip and
	// shared-string limits first, so a small file that unpacks to a huge
	// string is refused before it takes the memory.
	if err := tabular.CheckWorkbook(ctx, bytes.NewReader(data), int64(len(data)), name, limit); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 16 * limit, UnzipXMLSizeLimit: 16 * limit})
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%s cannot be read as an xlsx workbook (%v): save it again in Excel as .xlsx", name, err)
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(SheetForm); err != nil || idx < 0 {
		return nil, budget.Errorf(budget.EINVALID, "%s has no sheet %q: is it a reporting form? write one with helsebudsjett template report (sheets: %s)",
			name, SheetForm, tabular.SheetList(f.GetSheetList()))
	}
	rows, err := f.GetRows(SheetForm, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "%s, sheet %s: %v", name, SheetForm, err)
	}
	cell := func(row int, col string) string { // row 1-based
		if row-1 >= len(rows) {
			return ""
		}
		i := int(col[0] - 'A')
		if i >= len(rows[row-1]) {
			return ""
		}
		return strings.TrimSpace(rows[row-1][i])
	}
	res.readStated(cell, opts)
	if !res.checkHeader(cell) {
		return res, nil
	}
	if len(rows)-rowHeader > maxRows {
		res.fail(maxRows+rowHeader+1, ColNr, "", fmt.Sprintf("the form has more than %d rows below the header: is it the right file?", maxRows))
		return res, nil
	}
	for n := firstData; n <= len(rows); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		res.readRow(f, n, cell)
	}
	if len(res.Reports) == 0 && len(res.Errors) == 0 {
		res.fail(firstData, ColStatus, "", "the form reports on no measure: choose a status for at least one")
	}
	return res, nil
}

// readStated reads and checks the unit and period the form states.
func (res *Result) readStated(cell func(int, string) string, opts Options) {
	if l := cell(rowUnit, "A"); !strings.EqualFold(l, LabelUnit) {
		res.fail(rowUnit, LabelUnit, l, "A2 should say Enhet and B2 the unit's code: write a new form with helsebudsjett template report")
	}
	res.Unit = cell(rowUnit, "B")
	switch {
	case res.Unit == "":
		res.fail(rowUnit, LabelUnit, "", "the form does not state its unit in B2: write a new form with helsebudsjett template report --unit CODE")
	case opts.Unit != "" && res.Unit != opts.Unit:
		res.fail(rowUnit, LabelUnit, res.Unit, fmt.Sprintf("the form is for unit %s, not %s as expected: import it for that unit, or send %s its own form", res.Unit, opts.Unit, opts.Unit))
	}
	ps := cell(rowPeriod, "B")
	p, err := budget.ParsePeriod(ps)
	switch {
	case err != nil:
		res.fail(rowPeriod, LabelPeriod, ps, "the form does not state a period in B3 ("+err.Error()+"): write a new form with helsebudsjett template report --period 2026-T1")
	case !opts.Period.IsZero() && p != opts.Period:
		res.fail(rowPeriod, LabelPeriod, ps, fmt.Sprintf("the form is for %s, not %s as expected: import it for %s, or fill in the form for %s", p, opts.Period, p, opts.Period))
	}
	res.Period = p
}

// checkHeader checks the header row; false when the rows cannot be read.
func (res *Result) checkHeader(cell func(int, string) string) bool {
	ok := true
	for _, c := range Columns() {
		got := cell(rowHeader, colLetters[c])
		want := c
		if c == ColBudget {
			if strings.HasPrefix(got, "Budsjett") {
				continue
			}
			want = "Budsjett"
		}
		if !strings.EqualFold(got, want) {
			res.fail(rowHeader, c, got, fmt.Sprintf("row %d, column %s should be headed %q: the form's columns were changed; write a new form with helsebudsjett template report",
				rowHeader, colLetters[c], want))
			ok = false
		}
	}
	return ok
}

// readRow reads data row n.
func (res *Result) readRow(f *excelize.File, n int, cell func(int, string) string) {
	nr := strings.TrimSuffix(cell(n, "A"), ".0")
	status, spent, comment, dev := cell(n, "D"), cell(n, "E"), cell(n, "F"), cell(n, "G")
	input := status != "" || spent != "" || comment != "" || dev != ""
	switch {
	case nr == "" && !input:
		return // a blank row
	case nr == "":
		res.RowsRead++
		res.fail(n, ColNr, "", "a row with a status, amount or text but no measure number: fill in Nr or clear the row")
		return
	case !input:
		res.RowsRead++
		res.NotReported = append(res.NotReported, nr)
		return
	}
	res.RowsRead++
	r := budget.MeasureReport{Row: n, Measure: nr, Unit: res.Unit, Period: res.Period, Comment: comment, Deviation: dev}
	ok := true
	for _, c := range []struct{ field, v string }{{ColComment, comment}, {ColDeviation, dev}} {
		if msg := tabular.CellTextError(c.v); msg != "" {
			res.fail(n, c.field, tabular.CellTextValue(c.v), msg)
			ok = false
		}
	}
	if status == "" {
		res.fail(n, ColStatus, "", "no status: choose ikke startet, i rute, forsinket, fullført or avbrutt")
		ok = false
	} else if p, err := budget.ParseProgress(status); err != nil {
		res.fail(n, ColStatus, status, err.Error())
		ok = false
	} else {
		r.Status = p
	}
	if spent != "" {
		ore, msg := parseSpent(f, n, spent)
		if msg != "" {
			res.fail(n, ColSpent, spent, msg)
			ok = false
		} else {
			r.SpentOre, r.SpentGiven = ore, true
		}
	}
	if !ok {
		return
	}
	if e, field := r.Check(); e != nil {
		res.fail(n, fieldColumn(field), fieldValue(&r, field), e.Message)
		return
	}
	res.Reports = append(res.Reports, r)
}

// parseSpent reads the Brukt cell of row n: a number cell as Excel stores
// it, or text as people type it. It returns the øre, or a message.
func parseSpent(f *excelize.File, n int, v string) (int64, string) {
	style := budgetfile.StyleUnknown
	if t, err := f.GetCellType(SheetForm, "E"+strconv.Itoa(n)); err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber) {
		style = budgetfile.StyleDot // a number cell: its raw value has a decimal point
	}
	p, err := budgetfile.ParseAmount(v, style)
	switch {
	case err != nil:
		return 0, "the amount " + err.Error() + "; write kroner such as 1 234 567 or 1234567,50"
	case p.Ambiguous:
		return 0, "the amount is ambiguous: the separator could be a thousands separator or a decimal; write it without, such as 12345, or with two decimals, such as 12,35"
	case p.Ore < 0:
		return 0, "spent so far is below zero: give what the measure has cost so far this year"
	}
	return p.Ore, ""
}

// fieldColumn maps a MeasureReport.Check field to the form's column.
func fieldColumn(field string) string {
	switch field {
	case "status":
		return ColStatus
	case "spent":
		return ColSpent
	case "deviation":
		return ColDeviation
	}
	return ColNr
}

func fieldValue(r *budget.MeasureReport, field string) string {
	switch field {
	case "status":
		return string(r.Status)
	case "spent":
		return budget.FormatOre(r.SpentOre)
	case "deviation":
		return r.Deviation
	}
	return r.Measure
}

// Check checks the form against the workspace: the unit it states must be
// one of units, and each report must name a measure of ms that the unit
// reports on and that runs in the period's year, once (budget.CheckReports).
// Problems become row errors. Measures the unit reports on that the form
// leaves out or blank are warnings.
func (res *Result) Check(ms []budget.Measure, units map[string]bool) {
	if res.Unit != "" && !units[res.Unit] {
		res.fail(rowUnit, LabelUnit, res.Unit, "no unit has this code in the workspace: write a new form with helsebudsjett template report --unit CODE")
		return
	}
	if res.Period.IsZero() {
		return
	}
	for _, p := range budget.CheckReports(res.Unit, res.Period, res.Reports, ms) {
		r := &res.Reports[p.Index]
		res.fail(r.Row, fieldColumn(p.Field), fieldValue(r, p.Field), p.Err.Message)
	}
	reported := map[string]bool{}
	for _, r := range res.Reports {
		reported[r.Measure] = true
	}
	var missing []string
	for i := range ms {
		m := &ms[i]
		if m.Reporting == res.Unit && m.ActiveIn(res.Period.Year) && !reported[m.Nr] {
			missing = append(missing, m.Nr)
		}
	}
	if len(missing) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: no report on measure(s) %s for %s", res.File, strings.Join(missing, ", "), res.Period))
	}
}
