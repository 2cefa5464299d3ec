package budgetfile

import (
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// skipLookupError is the skip reason of rows a spreadsheet lookup failed
// on: a code cell empty or holding an error value, and no money.
const skipLookupError = "lookup_error"

// errorTexts are the error values Excel and LibreOffice write, in English
// and Norwegian, upper case. A csv export carries them as text; an xlsx
// marks them with cell type e, which tabular reports whatever the text.
var errorTexts = map[string]bool{
	"#I/T": true, "#N/A": true, "#REF!": true, "#VERDI!": true, "#VALUE!": true,
	"#NAVN?": true, "#NAME?": true, "#DIV/0!": true, "#NULL!": true, "#NUM!": true, "#TALL!": true,
}

// isErrorValue reports whether column i of row holds a spreadsheet error
// value: an xlsx error cell, or one of the error texts.
func isErrorValue(row tabular.Row, i int) bool {
	if i < 0 || i >= len(row.Cells) {
		return false
	}
	return row.IsError(i) || errorTexts[strings.ToUpper(trimSpace(row.Cells[i]))]
}

// codeError returns the first code column of the row that holds an error
// value, with its field name, or -1.
func codeError(p *plan, row tabular.Row) (col int, field string) {
	for _, c := range []struct {
		col   int
		field string
	}{{p.ansvar, fieldAnsvar}, {p.funksjon, fieldFunksjon}, {p.tjeneste, fieldTjeneste},
		{p.art, fieldArt}, {p.konto, fieldKonto}, {p.prosjekt, fieldProsjekt}} {
		if isErrorValue(row, c.col) {
			return c.col, c.field
		}
	}
	return -1, ""
}

// lookupSkip counts a row skipped as a failed lookup, keeping its number
// for the warning finish gives.
func (im *importer) lookupSkip(row int) {
	im.skip(skipLookupError)
	if len(im.lookupRows) < maxKept {
		im.lookupRows = append(im.lookupRows, row)
	}
}

// warnLookups gives one warning naming the rows skipped as lookup_error.
func (im *importer) warnLookups() {
	n := im.res.Skipped[skipLookupError]
	if n == 0 {
		return
	}
	const shown = 20
	var b strings.Builder
	for i, r := range im.lookupRows {
		if i == shown {
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(r))
	}
	if n > shown {
		b.WriteString(" and " + strconv.Itoa(n-shown) + " more")
	}
	rows := "rows "
	if n == 1 {
		rows = "row "
	}
	im.res.WarningCount++
	if len(im.res.Warnings) < maxKept {
		im.res.Warnings = append(im.res.Warnings, im.where+" "+rows+b.String()+
			": skipped as lookup_error: a code cell is empty or holds a spreadsheet error (#I/T, #N/A, #REF! …) and every amount is zero; check the lookup in the ERP export")
	}
}
