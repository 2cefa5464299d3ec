// Package tabular reads the spreadsheets finance staff export from their ERP
// (xlsx and delimited text in whatever encoding and separator they come) as a
// stream of rows of text cells, with the guards a hostile file needs: size
// limits, zip-bomb limits, clear errors for encrypted and old binary files.
//
// It knows nothing of budgets: callers map the cells to meaning.
package tabular

import "strings"

// Row is one row of a table. Number is the 1-based row number as a user sees
// it in Excel or a text editor (for CSV, the line number where the record
// starts). Cells hold the text of each cell; for xlsx they are the raw stored
// values (numbers as stored, such as "1234.5" or "1.2E-3", never formatted).
// Trailing empty cells of an xlsx row are not returned, so rows of one table
// may have different lengths. Cells from Table.Next are valid until the next
// call to Next, which may reuse the slice.
//
// Errors lists, in ascending order, the columns whose cell is an xlsx error
// value (cell type e: #N/A, #REF!, the Norwegian #I/T, …): the cell's text
// is the error as stored, and it must be read as an error, never as a code
// or a name. Delimited text has no cell types, so its rows have no Errors;
// callers that care recognise the error texts themselves.
type Row struct {
	Number int
	Cells  []string
	Errors []int
}

// IsError reports whether column i holds an xlsx error value.
func (r Row) IsError(i int) bool {
	for _, c := range r.Errors {
		if c == i {
			return true
		}
		if c > i {
			break
		}
	}
	return false
}

// errorsWithin returns the error columns before n (the trimmed row's
// width), or nil when there are none.
func errorsWithin(cols []int, n int) []int {
	for len(cols) > 0 && cols[len(cols)-1] >= n {
		cols = cols[:len(cols)-1]
	}
	if len(cols) == 0 {
		return nil
	}
	return cols
}

// Blank reports whether every cell of the row is empty or white space.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Range is a merged range of an xlsx sheet: rows as Row.Number counts
// them, columns as indices into Row.Cells, first and last included. Only
// its first (top left) cell holds a value; the others read as empty.
type Range struct {
	FirstRow, FirstCol, LastRow, LastCol int
}

// Contains reports whether the cell at row (a Row.Number) and column (an
// index into Row.Cells) lies in r.
func (r Range) Contains(row, col int) bool {
	return row >= r.FirstRow && row <= r.LastRow && col >= r.FirstCol && col <= r.LastCol
}

// ColumnName returns the spreadsheet letter of the 0-based column index:
// 0 is "A", 25 "Z", 26 "AA".
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
