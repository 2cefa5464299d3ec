package tabular

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
)

// Spreadsheet limits: Excel's, which no honest file exceeds.
const (
	maxRows    = 1 << 20 // 1048576
	maxColumns = 1 << 14 // 16384, XFD
)

// sheetScanner reads the rows of a worksheet part, in SpreadsheetML with or
// without namespace prefixes:
//
//	<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>...</row>...
//
// Everything but sheetData, its rows and their cells is skipped, after the
// scanner has checked that it is well formed. It reads the part to its end
// before it reports the end of the rows, so that a part that is damaged or
// truncated anywhere, or that fails the zip checksum, is an error rather
// than a short sheet.
type sheetScanner struct {
	x      *xmlScanner
	shared []string
	phase  int // scanBefore, scanRows, scanDone
	rows   int // rows scanned, for the context checks
	err    error

	// The current row, valid until the next call to nextRow.
	num    int
	cells  []string
	errors []int // columns of cells of type e (an error value such as #N/A), ascending

	v, is, tmp []byte // text of the current cell's <v> and <is>

	merged []Range // the sheet's merged ranges, read after sheetData
}

// maxMerges bounds the merged ranges kept: real sheets have a few hundred.
const maxMerges = 1 << 16

const (
	scanBefore = iota // before <sheetData>
	scanRows          // inside <sheetData>
	scanDone          // after the end of the part
)

func newSheetScanner(ctx context.Context, r io.Reader, shared []string) *sheetScanner {
	return &sheetScanner{x: newXMLScanner(ctx, r), shared: shared}
}

// cellError is a problem with one cell's content, as opposed to the XML.
type cellError struct {
	row, col int
	msg      string
	tooLarge bool
	formula  bool // a formula without a calculated value
}

func (e *cellError) Error() string {
	return fmt.Sprintf("row %d column %s: %s", e.row, ColumnName(e.col), e.msg)
}

// nextRow reads up to the next row that has a non-empty cell and returns
// true, or returns false at the end of the part. Once it returns an error
// it returns the same error again.
func (s *sheetScanner) nextRow() (bool, error) {
	if s.err != nil {
		return false, s.err
	}
	ok, err := s.scan()
	if err != nil {
		s.err = err
	}
	return ok, err
}

func (s *sheetScanner) scan() (bool, error) {
	x := s.x
	if s.phase == scanBefore {
		found, err := s.findSheetData()
		if err != nil || !found {
			return false, err
		}
		s.phase = scanRows
	}
	if s.phase == scanDone {
		return false, nil
	}
	for {
		if err := x.next(); err != nil {
			return false, err
		}
		switch x.kind {
		case tokStart:
			if string(x.local) != "row" {
				if err := x.skip(); err != nil {
					return false, err
				}
				continue
			}
			if s.rows++; s.rows%ctxEvery == 0 {
				if err := x.ctx.Err(); err != nil {
					return false, err
				}
			}
			found, err := s.row()
			if err != nil || found {
				return found, err
			}
		case tokEnd: // </sheetData>
			return false, s.finish()
		}
	}
}

// findSheetData reads up to <sheetData>, a child of the root element. It
// returns false, having read the whole part, when there is none.
func (s *sheetScanner) findSheetData() (bool, error) {
	x := s.x
	for {
		if err := x.next(); err != nil {
			return false, err
		}
		switch {
		case x.kind == tokEOF:
			s.phase = scanDone
			return false, nil
		case x.kind != tokStart || x.depth() == 0 && x.empty:
		case x.depth() == 1: // the root element
		case string(x.local) == "sheetData" && x.depth() == 2 && !x.empty:
			return true, nil
		default:
			if err := x.skip(); err != nil {
				return false, err
			}
		}
	}
}

// finish reads the rest of the part after </sheetData>.
func (s *sheetScanner) finish() error {
	x := s.x
	for {
		if err := x.next(); err != nil {
			return err
		}
		switch x.kind {
		case tokEOF:
			s.phase = scanDone
			return nil
		case tokStart:
			if string(x.local) == "mergeCells" && x.depth() == 2 && !x.empty {
				if err := s.mergeCells(); err != nil {
					return err
				}
				continue
			}
			if err := x.skip(); err != nil {
				return err
			}
		}
	}
}

// mergeCells reads the <mergeCell ref="A5:A6"/> children of the
// <mergeCells> element whose start tag is the current token. References
// that are not a range of two cells are ignored, as Excel ignores them.
func (s *sheetScanner) mergeCells() error {
	x := s.x
	d := x.depth()
	for {
		if err := x.next(); err != nil {
			return err
		}
		switch x.kind {
		case tokStart:
			if string(x.local) == "mergeCell" && len(s.merged) < maxMerges {
				if ref, ok := x.attr("ref"); ok {
					if r, ok := parseRange(x.attrValue(ref)); ok {
						s.merged = append(s.merged, r)
					}
				}
			}
			if err := x.skip(); err != nil {
				return err
			}
		case tokEnd:
			if x.depth() < d {
				return nil
			}
		}
	}
}

// parseRange reads "A5:B6".
func parseRange(b []byte) (Range, bool) {
	a, z, ok := bytes.Cut(trimSpace(b), []byte(":"))
	if !ok {
		return Range{}, false
	}
	c1, ok1 := parseCellColumn(a)
	c2, ok2 := parseCellColumn(z)
	r1, ok3 := parseRowNumber(bytes.TrimLeft(trimSpace(a), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
	r2, ok4 := parseRowNumber(bytes.TrimLeft(trimSpace(z), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
	if !ok1 || !ok2 || !ok3 || !ok4 || r1 > maxRows || r2 > maxRows {
		return Range{}, false
	}
	return Range{FirstRow: min(r1, r2), LastRow: max(r1, r2), FirstCol: min(c1, c2), LastCol: max(c1, c2)}, true
}

// row reads the row whose start tag is the current token, and reports
// whether it has a non-empty cell.
func (s *sheetScanner) row() (bool, error) {
	x := s.x
	num := s.num + 1
	if r, ok := x.attr("r"); ok {
		n, valid := parseRowNumber(x.attrValue(r))
		if !valid {
			return false, x.syntax("invalid row number %q", r)
		}
		num = n
	}
	if num > maxRows {
		return false, x.syntax("row %d is past the last row a sheet may have (%d)", num, maxRows)
	}
	s.num = num
	clear(s.cells)
	s.cells = s.cells[:0]
	s.errors = s.errors[:0]
	if x.empty {
		return false, nil
	}
	col := -1
	for {
		if err := x.next(); err != nil {
			return false, err
		}
		switch x.kind {
		case tokStart:
			if string(x.local) != "c" {
				if err := x.skip(); err != nil {
					return false, err
				}
				continue
			}
			var err error
			if col, err = s.cell(col); err != nil {
				return false, err
			}
		case tokEnd: // </row>
			n := len(s.cells)
			for n > 0 && s.cells[n-1] == "" {
				n--
			}
			s.cells = s.cells[:n]
			return n > 0, nil
		}
	}
}

// trimSpace trims XML white space, cheaply when there is none.
func trimSpace(b []byte) []byte {
	if len(b) > 0 && (isSpace(b[0]) || isSpace(b[len(b)-1])) {
		return bytes.Trim(b, " \t\r\n")
	}
	return b
}

// parseRowNumber parses a row's r attribute.
func parseRowNumber(b []byte) (int, bool) {
	b = trimSpace(b)
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0
}

// parseCellColumn returns the 0-based column of a cell reference such as
// "B5" (the row part is checked but not used, as Excel does).
func parseCellColumn(b []byte) (int, bool) {
	b = trimSpace(b)
	col, i := 0, 0
	for ; i < len(b) && i < 4; i++ {
		c := b[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
	}
	if i == 0 || col > maxColumns {
		return 0, false
	}
	if _, ok := parseRowNumber(b[i:]); !ok {
		return 0, false
	}
	return col - 1, true
}

// Cell types, from the t attribute.
const (
	cellNumber     = iota // n, absent, and anything unknown: the value as stored
	cellShared            // s: an index into the shared strings
	cellInline            // inlineStr: the text of <is>, or else of <v>
	cellErrorValue        // e: an error value (#N/A, #REF!, #I/T), as the sheet stores it
)

// cell reads the cell whose start tag is the current token and stores its
// value in s.cells. prev is the column of the previous cell, which a cell
// without a reference follows.
func (s *sheetScanner) cell(prev int) (int, error) {
	x := s.x
	col := prev + 1
	typ := cellNumber
	for _, a := range x.attrs {
		switch string(a.name) { // r and t have no prefix, like all of SpreadsheetML's
		case "r":
			c, ok := parseCellColumn(x.attrValue(a.value))
			if !ok {
				return col, x.syntax("invalid cell reference %q in row %d", a.value, s.num)
			}
			col = c
		case "t":
			switch string(x.attrValue(a.value)) {
			case "s":
				typ = cellShared
			case "inlineStr":
				typ = cellInline
			case "e":
				typ = cellErrorValue
			}
		}
	}
	if col >= maxColumns {
		return col, x.syntax("a cell past the last column a sheet may have, in row %d", s.num)
	}
	s.v, s.is = s.v[:0], s.is[:0]
	hasIS, hasF, hasV := false, false, false
	if !x.empty {
		for done := false; !done; {
			if err := x.next(); err != nil {
				return col, err
			}
			var err error
			switch x.kind {
			case tokStart:
				switch string(x.local) {
				case "v":
					hasV = true
					s.v, err = x.readText(s.v, maxCell)
				case "is":
					hasIS = true
					err = s.inline()
				case "f":
					hasF = true
					err = x.skip()
				default: // <extLst>
					err = x.skip()
				}
			case tokEnd:
				done = true
			}
			if err == errTooLarge {
				return col, &cellError{row: s.num, col: col, msg: "cell too large", tooLarge: true}
			}
			if err != nil {
				return col, err
			}
		}
	}
	if hasF && !hasV && !hasIS {
		// Programs that write workbooks without calculating them (scripts,
		// some ERP exports) leave the value out: reading the cell as empty
		// would lose the amount without a word.
		return col, &cellError{row: s.num, col: col, msg: "a formula without a calculated value", formula: true}
	}
	value, err := s.value(typ, hasIS, col)
	if err != nil {
		return col, err
	}
	if value == "" && col >= len(s.cells) {
		return col, nil
	}
	for len(s.cells) <= col {
		s.cells = append(s.cells, "")
	}
	s.cells[col] = value
	// Cells come in column order in every file Excel writes; one out of
	// order is put in its place, so Row.Errors stays sorted, and a cell
	// written twice is what it was last.
	i, found := slices.BinarySearch(s.errors, col)
	switch isErr := typ == cellErrorValue && value != ""; {
	case isErr && !found:
		s.errors = slices.Insert(s.errors, i, col)
	case !isErr && found:
		s.errors = slices.Delete(s.errors, i, i+1)
	}
	return col, nil
}

// inline reads an <is> element: the text of its <t> and of the <t> of its
// rich text runs <r>, but not of phonetic runs <rPh>.
func (s *sheetScanner) inline() error {
	x := s.x
	if x.empty {
		return nil
	}
	d := x.depth()
	for {
		if err := x.next(); err != nil {
			return err
		}
		var err error
		switch {
		case x.kind == tokEnd && x.depth() < d:
			return nil
		case x.kind != tokStart:
		case string(x.local) == "t":
			s.is, err = x.readText(s.is, maxCell)
		case string(x.local) == "r" && x.depth() == d+1:
			// a run: descend, so that its <t> is read as above
		default:
			err = x.skip()
		}
		if err != nil {
			return err
		}
	}
}

// value is the cell's text as excelize returns it with RawCellValue:
// numbers, booleans ("1" or "0"), dates and errors as stored, strings
// with their _xHHHH_ escapes decoded.
func (s *sheetScanner) value(typ int, hasIS bool, col int) (string, error) {
	switch {
	case typ == cellShared && len(s.v) > 0:
		i, ok := parseIndex(s.v)
		if !ok || i >= len(s.shared) {
			return "", &cellError{row: s.num, col: col,
				msg: fmt.Sprintf("shared string %q does not exist: the workbook has %d", s.v, len(s.shared))}
		}
		return s.shared[i], nil
	case typ == cellInline && hasIS:
		return s.bstr(s.is), nil
	}
	return string(s.v), nil
}

// bstr returns b as a string with its _xHHHH_ escapes decoded.
func (s *sheetScanner) bstr(b []byte) string {
	if !bytes.Contains(b, []byte("_x")) {
		return string(b)
	}
	s.tmp = appendBstr(s.tmp[:0], b)
	return string(s.tmp)
}

func parseIndex(b []byte) (int, bool) {
	b = trimSpace(b)
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
