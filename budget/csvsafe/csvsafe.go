// Package csvsafe writes CSV that is safe to open in a spreadsheet: a text
// cell that Excel or LibreOffice would run as a formula (one starting with
// =, +, -, @, TAB or CR, OWASP's list) is written with a leading ' so it
// shows as the text it is. Numbers stay numbers: "-1362250.00" is an
// amount, not a formula, and is written as it is.
package csvsafe

import (
	"encoding/csv"
	"io"
)

// Cell returns s as it must stand in a CSV cell: with a ' in front when it
// starts with =, +, -, @, TAB or CR and is not a plain decimal number.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a plain decimal number, as the module
// writes amounts: an optional sign, digits (grouped by spaces, no-break or
// thin spaces between digits, as Norwegian amounts are), and optionally a
// point or comma with more digits.
func isNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	rs := []rune(s)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	digits, sep := 0, false
	for i, r := range rs {
		switch {
		case digit(i):
			digits++
		case (r == '.' || r == ',') && !sep && digit(i-1) && digit(i+1):
			sep = true
		case (r == ' ' || r == '\u00a0' || r == '\u202f') && !sep && digit(i-1) && digit(i+1):
		default:
			return false
		}
	}
	return digits > 0
}

// Writer is a csv.Writer whose Write and WriteAll pass every cell through
// Cell.
type Writer struct {
	*csv.Writer
	buf []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{Writer: csv.NewWriter(w)} }

// Write writes one record with every cell made safe; record is not changed.
func (w *Writer) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, Cell(c))
	}
	return w.Writer.Write(w.buf)
}

// WriteAll writes the records with Write and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
