package budgetfile

import (
	"fmt"
	"math"
	"strconv"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// cell returns column i of cells, trimmed; "" past the end.
func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return trimSpace(cells[i])
}

// row handles one data row.
func (im *importer) row(p *plan, row tabular.Row) error {
	if row.Blank() {
		im.skip("blank")
		return nil
	}
	cells := row.Cells
	im.checkUnnamed(p, row)

	ansvar, funksjon, tjeneste := cell(cells, p.ansvar), cell(cells, p.funksjon), cell(cells, p.tjeneste)
	art, konto, prosjekt := cell(cells, p.art), cell(cells, p.konto), cell(cells, p.prosjekt)
	noCodes := ansvar == "" && funksjon == "" && tjeneste == "" && art == "" && konto == "" && prosjekt == ""
	// A sum row has no codes, though its label may stand in a code column.
	if (noCodes || onlySumLabels(ansvar, funksjon, tjeneste, art, konto, prosjekt)) && sumLabel(cells) != "" {
		im.sumRow(p, row)
		return nil
	}

	errs := im.res.ErrorCount
	rowErr := func(col int, field, value, msg string) {
		im.rowError(RowError{Row: row.Number, Column: columnLetter(col), Field: field, Value: value, Message: msg})
	}
	year := 0
	if p.year >= 0 {
		v := cell(cells, p.year)
		y, ok := parseYear(v)
		if !ok {
			rowErr(p.year, fieldYear, v, "is not a year from 1990 to 2100")
		}
		year = y
	}
	var amounts []budget.Amount
	var sumsBuf [8]*keySums
	sums := sumsBuf[:0] // sums[i] accumulates amounts[i]
	money := false      // a non-zero amount
	blanks := 0         // empty amount cells
	addAmount := func(a *amountCol, ore int64) {
		if amounts == nil {
			amounts = make([]budget.Amount, 0, len(p.amounts))
		}
		k := a.key
		if k.Year == 0 {
			k.Year = year
		}
		amounts = append(amounts, budget.Amount{Key: k, Ore: ore})
		if a.sums != nil {
			sums = append(sums, a.sums)
		} else {
			sums = append(sums, im.keySums(k))
		}
	}
	for i := range p.amounts {
		a := &p.amounts[i]
		raw := ""
		if a.idx < len(cells) {
			raw = cells[a.idx]
		}
		if isErrorValue(row, a.idx) {
			rowErr(a.idx, fieldAmount, trimSpace(raw), "holds a spreadsheet error, not an amount: fix the formula in the export and import again")
			continue
		}
		ore, empty, msg := im.amount(raw, row.Number, a.idx, p.unit, true)
		money = money || ore != 0
		if msg != "" {
			rowErr(a.idx, fieldAmount, trimSpace(raw), msg)
			continue
		}
		if empty {
			blanks++
			continue
		}
		addAmount(a, ore)
	}
	if noCodes && len(amounts) == 0 && im.res.ErrorCount == errs {
		im.skip("text") // a heading or note inside the data
		return nil
	}

	if col, field := codeError(p, row); col >= 0 {
		switch {
		case im.res.ErrorCount != errs:
		case !money:
			im.lookupSkip(row.Number)
			return nil
		default:
			rowErr(col, field, cell(cells, col), "holds a spreadsheet error (a lookup that failed) on a row with money: money must have a code; fix the lookup in the export and import again")
		}
		im.skip("error")
		return nil
	}
	line := &budget.Line{Row: row.Number, Ansvar: ansvar, Prosjekt: prosjekt}
	if funksjon != "" {
		short, full, ok := splitCode(funksjon)
		if !ok {
			rowErr(p.funksjon, fieldFunksjon, funksjon, "is not a funksjon: it must start with three digits (if the column is stored as numbers, leading zeros may be lost: store it as text)")
		}
		line.Funksjon, line.Tjeneste = short, full
	}
	if tjeneste != "" {
		line.Tjeneste = tjeneste
		if line.Funksjon == "" {
			if short, _, ok := splitCode(tjeneste); ok {
				line.Funksjon = short
			}
		}
	}
	if art != "" {
		short, full, ok := splitCode(art)
		if !ok {
			rowErr(p.art, fieldArt, art, "is not an art: it must start with three digits (if the column is stored as numbers, leading zeros may be lost: store it as text)")
		}
		line.Art, line.Konto = short, full
	}
	if konto != "" {
		line.Konto = konto
		if line.Art == "" {
			if short, _, ok := splitCode(konto); ok {
				line.Art = short
			}
		}
	}
	if !money && im.res.ErrorCount == errs && len(amounts) > 0 && im.missingRequired(p, line) {
		im.lookupSkip(row.Number)
		return nil
	}
	im.checkRequired(p, line, row.Number, noCodes, rowErr)

	if im.res.ErrorCount != errs {
		im.skip("error")
		return nil
	}
	switch {
	case len(amounts) > 0 && blanks > 0:
		im.res.EmptyAmounts.Partial++
	case len(amounts) > 0:
	case im.opts.EmptyAmount == EmptySkip:
		im.res.EmptyAmounts.Skipped++
		im.skip("no_amount")
		return nil
	case im.opts.EmptyAmount == EmptyZero:
		im.res.EmptyAmounts.Zero++
		for i := range p.amounts {
			addAmount(&p.amounts[i], 0)
		}
	case len(p.amounts) > 0:
		rowErr(p.amounts[0].idx, fieldAmount, "", "is empty on a row with codes: an empty amount is not zero, and a row left out is a wrong total; fill it in, or import with --empty-amount zero (empty means 0) or --empty-amount skip (leave such rows out)")
		im.skip("error")
		return nil
	}
	line.Amounts = amounts
	if len(p.attrs) > 0 {
		line.Attributes = make([]budget.Attribute, 0, len(p.attrs))
	}
	for _, i := range p.attrs {
		if isErrorValue(row, i) {
			im.warnf(row.Number, "column %s (%s) holds the spreadsheet error %s: kept empty", columnLetter(i), p.names[i], cell(cells, i))
			continue
		}
		v := cell(cells, i)
		if msg := tabular.CellTextError(v); msg != "" {
			rowErr(i, p.names[i], tabular.CellTextValue(v), msg)
			im.skip("error")
			return nil
		}
		if v != "" {
			line.Attributes = append(line.Attributes, budget.Attribute{Name: p.names[i], Value: v})
		}
	}
	for i, a := range amounts {
		sums[i].add(a.Ore)
	}
	im.res.Lines++
	if err := im.add(line); err != nil {
		return fmt.Errorf("%s row %d: %w", im.where, row.Number, err)
	}
	return nil
}

// missingRequired reports whether the line lacks a code it must have.
func (im *importer) missingRequired(p *plan, l *budget.Line) bool {
	return p.needFunksjon && l.Funksjon == "" && l.Tjeneste == "" ||
		p.needArt && l.Art == "" && l.Konto == "" ||
		p.needAnsvar && l.Ansvar == "" ||
		p.needProsjekt && l.Prosjekt == "" ||
		p.needAnyOf && l.Ansvar == "" && l.Prosjekt == ""
}

// checkRequired records an error for each code the line must have and
// lacks.
func (im *importer) checkRequired(p *plan, l *budget.Line, row int, noCodes bool, rowErr func(int, string, string, string)) {
	hint := "is missing"
	if noCodes {
		hint = "is missing: the row has amounts but no codes; if it is a sum row, label it \"Sum\""
	}
	if p.needFunksjon && l.Funksjon == "" && l.Tjeneste == "" {
		rowErr(firstCol(p.funksjon, p.tjeneste), fieldFunksjon, "", hint)
	}
	if p.needArt && l.Art == "" && l.Konto == "" {
		rowErr(firstCol(p.art, p.konto), fieldArt, "", hint)
	}
	if p.needAnsvar && l.Ansvar == "" {
		rowErr(p.ansvar, fieldAnsvar, "", hint)
	}
	if p.needProsjekt && l.Prosjekt == "" {
		rowErr(p.prosjekt, fieldProsjekt, "", hint)
	}
	if p.needAnyOf && l.Ansvar == "" && l.Prosjekt == "" {
		field, col := fieldAnsvar, p.ansvar
		if col < 0 {
			field, col = fieldProsjekt, p.prosjekt
		}
		rowErr(col, field, "", hint)
	}
}

func firstCol(a, b int) int {
	if a >= 0 {
		return a
	}
	return b
}

// splitCode splits a funksjon or art column's code: three digits are the
// national code; a longer code starting with three digits is a local
// tjeneste or konto whose first three digits are the national code.
func splitCode(v string) (short, full string, ok bool) {
	if len(v) < 3 || !isDigit(v[0]) || !isDigit(v[1]) || !isDigit(v[2]) {
		return v, "", false
	}
	if len(v) == 3 {
		return v, "", true
	}
	return v[:3], v, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseYear reads a year cell: four digits from 1990 to 2100 (an xlsx
// number may come as "2013.0" or "2013").
func parseYear(v string) (int, bool) {
	if len(v) == 6 && v[4:] == ".0" {
		v = v[:4]
	}
	if len(v) != 4 {
		return 0, false
	}
	y := 0
	for i := 0; i < 4; i++ {
		if !isDigit(v[i]) {
			return 0, false
		}
		y = y*10 + int(v[i]-'0')
	}
	return y, y >= minYear && y <= maxYear
}

// amount parses an amount cell under the file's decimal style and unit.
// It returns the reason when the cell is wrong. data says whether the cell
// is a data row's, whose numbers settle the file's style; sum rows' do
// not.
func (im *importer) amount(raw string, row, col int, unit int64, data bool) (ore int64, empty bool, msg string) {
	pa, err := ParseAmount(raw, im.style)
	if err != nil {
		return 0, false, err.Error()
	}
	if pa.Empty {
		return 0, true, ""
	}
	switch {
	case pa.Ambiguous:
		if data {
			e := RowError{Row: row, Column: columnLetter(col), Field: fieldAmount, Value: trimSpace(raw)}
			if pa.Evidence == StyleDot {
				im.tentDot.add(e)
			} else {
				im.tentComma.add(e)
			}
		}
	case pa.Evidence == StyleUnknown:
	case im.style == StyleUnknown:
		if data {
			im.style, im.styleRow = pa.Evidence, row
		}
	case pa.Evidence != im.style && !(im.lenientComma && pa.Evidence == StyleComma):
		return 0, false, "uses a decimal " + sepName(pa.Evidence) + ", but the file's numbers use a decimal " + sepName(im.style) + im.styleSource()
	}
	ore = pa.Ore
	if unit != 1 {
		if ore > math.MaxInt64/unit || ore < math.MinInt64/unit {
			return 0, false, string(errTooLarge)
		}
		ore *= unit
	}
	return ore, false, ""
}

func (im *importer) styleSource() string {
	if im.styleRow > 0 {
		return " (as in row " + strconv.Itoa(im.styleRow) + ")"
	}
	return ""
}

func sepName(s Style) string {
	if s == StyleComma {
		return "comma"
	}
	return "point"
}

// checkUnnamed warns when a row has values in columns the header does not
// name: they are not imported.
func (im *importer) checkUnnamed(p *plan, row tabular.Row) {
	var cols []string
	for _, i := range p.unnamed {
		if i < len(row.Cells) && trimSpace(row.Cells[i]) != "" {
			cols = append(cols, columnLetter(i))
		}
	}
	for i := p.width; i < len(row.Cells); i++ {
		if trimSpace(row.Cells[i]) != "" {
			cols = append(cols, columnLetter(i))
		}
	}
	if len(cols) > 0 {
		im.warnf(row.Number, "values in columns without a header (%s) are ignored: give them a header to keep them", joinComma(cols))
	}
}

func joinComma(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}
