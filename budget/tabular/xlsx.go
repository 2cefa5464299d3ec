package tabular

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// The xlsx reader reads the workbook with archive/zip and parses the sheet
// XML with a scanner of its own (sheet.go, xmlscan.go) rather than with
// excelize, which the project still uses to write workbooks. excelize's row
// iterator decodes every row through encoding/xml and costs about four
// times what the scanner does, and it stops silently at broken XML, so a
// damaged or truncated sheet read as a shorter, valid one unless a second
// pass checked the XML. The scanner is strict instead: it reads a sheet to
// the end of its part, checksum included, before it reports the end of
// the rows. Cell values are those excelize returns with RawCellValue.

// xlsxSheet is a sheet as the workbook lists it.
type xlsxSheet struct {
	name   string
	hidden bool      // state hidden or veryHidden
	part   *zip.File // nil when the workbook names no part that exists
}

// xlsxReader streams the rows of one sheet.
type xlsxReader struct {
	ctx     context.Context
	name    string // file name, for messages
	size    int64
	sheets  []xlsxSheet
	shared  []string
	sheet   string    // name of the sheet being read
	part    *zip.File // its part
	rc      io.ReadCloser
	sc      *sheetScanner
	pending bool // the scanner holds the first row, read while choosing the sheet
	scan    atomic.Pointer[xmlScanner]
	total   atomic.Int64 // declared unpacked size of the sheet's part
	shown   atomic.Int64 // the progress last reported, which must not go back
	eof     atomic.Bool
}

// openXLSX checks the zip, reads the workbook's list of sheets and its
// shared strings, and positions at the chosen sheet.
func openXLSX(ctx context.Context, f io.ReaderAt, name string, size int64, opts Options) (src source, sheet string, err error) {
	defer recoverPanic(name, &err)
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, "", notReadable(name, "its zip structure is broken ("+err.Error()+")")
	}
	if err := checkZip(zr, name, unzipLimit(opts.maxSize())); err != nil {
		return nil, "", err
	}
	parts := indexParts(zr)
	sheets, sst, err := readWorkbook(parts, name)
	if err != nil {
		return nil, "", err
	}
	x := &xlsxReader{ctx: ctx, name: name, size: size, sheets: sheets}
	if sst != nil {
		if x.shared, err = loadShared(ctx, sst, name); err != nil {
			return nil, "", err
		}
	}
	if err := x.choose(opts.Sheet); err != nil {
		x.close()
		return nil, "", err
	}
	return x, x.sheet, nil
}

// CheckWorkbook applies this reader's guards to an xlsx workbook that
// another library (excelize) is to read whole: the zip-bomb limits for a
// file of at most maxSize bytes, and the shared-string limits (no string
// over 1 MiB, all of them within 256 MiB of memory), checked while the
// strings stream, so a small file that unpacks to a huge string is refused
// fast and in bounded memory. Refusals are *budget.Error with code EINVALID.
func CheckWorkbook(ctx context.Context, r io.ReaderAt, size int64, name string, maxSize int64) (err error) {
	defer recoverPanic(name, &err)
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return notReadable(name, "its zip structure is broken ("+err.Error()+")")
	}
	if err := checkZip(zr, name, unzipLimit(Options{MaxSize: maxSize}.maxSize())); err != nil {
		return err
	}
	_, sst, err := readWorkbook(indexParts(zr), name)
	if err != nil || sst == nil {
		return err
	}
	_, err = loadShared(ctx, sst, name)
	return err
}

// loadShared reads the shared strings part.
func loadShared(ctx context.Context, part *zip.File, name string) ([]string, error) {
	rc, err := part.Open()
	if err != nil {
		return nil, partError(name, "", part.Name, &unzipError{err})
	}
	defer rc.Close()
	shared, err := readShared(ctx, rc)
	if errors.Is(err, errSharedTooLarge) {
		return nil, budget.Errorf(budget.EINVALID, "%s is refused: its shared strings take more than %s of memory, so it is damaged or a zip bomb; if it is a genuine workbook, save the sheet as CSV in Excel and import that", name, humanSize(maxShared))
	}
	if err != nil {
		return nil, partError(name, "", part.Name, err)
	}
	return shared, nil
}

// choose opens the sheet asked for, or else the first visible sheet that has
// a cell.
func (x *xlsxReader) choose(want string) error {
	if len(x.sheets) == 0 {
		return notReadable(x.name, "it has no sheets")
	}
	if want != "" {
		for _, s := range x.sheets {
			if strings.EqualFold(s.name, want) {
				return x.openSheet(s)
			}
		}
		return budget.Errorf(budget.EINVALID, "%s has no sheet named %q: choose one of its sheets, %s", x.name, want, x.quoteSheets())
	}
	for _, s := range x.sheets {
		if s.hidden {
			continue
		}
		if found, err := x.tryFirst(s); found || err != nil {
			return err
		}
	}
	return budget.Errorf(budget.EINVALID, "%s has no data: its visible sheets are all empty; if the data is on a hidden sheet, name that sheet when you import (the sheets are %s)", x.name, x.quoteSheets())
}

func (x *xlsxReader) quoteSheets() string {
	names := make([]string, len(x.sheets))
	for i, s := range x.sheets {
		names[i] = s.name
	}
	return quoteList(names)
}

// tryFirst opens sheet s and reads up to its first row with a cell, which
// it keeps for Next. A sheet without one has then been read to its end,
// so it is empty rather than damaged, and is closed again.
func (x *xlsxReader) tryFirst(s xlsxSheet) (bool, error) {
	if err := x.openSheet(s); err != nil {
		return false, err
	}
	found, err := x.sc.nextRow()
	if err != nil {
		return false, x.fail(err)
	}
	if found {
		x.pending = true
		return true, nil
	}
	x.closeSheet()
	return false, nil
}

func (x *xlsxReader) openSheet(s xlsxSheet) error {
	if s.part == nil {
		return notReadable(x.name, fmt.Sprintf("sheet %q cannot be read: the workbook names no part for it", s.name))
	}
	rc, err := s.part.Open()
	if err != nil {
		return partError(x.name, s.name, s.part.Name, &unzipError{err})
	}
	x.rc, x.sheet, x.part = rc, s.name, s.part
	x.sc = newSheetScanner(x.ctx, rc, x.shared)
	x.total.Store(int64(min(s.part.UncompressedSize64, 1<<62)))
	x.scan.Store(x.sc.x)
	x.shown.Store(0) // Open has not returned yet: nobody has seen it
	return nil
}

func (x *xlsxReader) closeSheet() {
	if x.rc != nil {
		x.rc.Close()
	}
	x.rc, x.sc = nil, nil
}

// next returns the next row with a cell. The scanner reads the sheet's part
// to its end before it reports the last row, so a damaged sheet is an
// error here rather than a short read.
func (x *xlsxReader) next() (row Row, err error) {
	defer recoverPanic(x.name, &err)
	if x.pending {
		x.pending = false
	} else {
		found, err := x.sc.nextRow()
		if err != nil {
			return Row{}, x.fail(err)
		}
		if !found {
			x.eof.Store(true)
			return Row{}, io.EOF
		}
	}
	return Row{Number: x.sc.num, Cells: x.sc.cells, Errors: errorsWithin(x.sc.errors, len(x.sc.cells))}, nil
}

// fail turns an error of the scanner into the message for the user.
func (x *xlsxReader) fail(err error) error {
	var ce *cellError
	if errors.As(err, &ce) {
		if ce.formula {
			return budget.Errorf(budget.EINVALID, "%s sheet %q row %d column %s holds a formula whose value was never calculated and saved (the program that wrote the file does not calculate formulas), so its value cannot be read: open the file in Excel or LibreOffice, save it, and import again", x.name, x.sheet, ce.row, ColumnName(ce.col))
		}
		if ce.tooLarge {
			return budget.Errorf(budget.EINVALID, "%s sheet %q row %d column %s: cell too large (more than 1 MiB): the file is damaged or was not written by a spreadsheet program; open it in Excel, check that cell and import again", x.name, x.sheet, ce.row, ColumnName(ce.col))
		}
		return notReadable(x.name, fmt.Sprintf("sheet %q row %d column %s cannot be read (%s)", x.sheet, ce.row, ColumnName(ce.col), ce.msg))
	}
	var syn *xmlSyntaxError
	if errors.As(err, &syn) && x.sc != nil && x.sc.num > 0 {
		return notReadable(x.name, fmt.Sprintf("sheet %q: its part %s is damaged near line %d, at or after row %d (%s)", x.sheet, x.part.Name, syn.line, x.sc.num, syn.msg))
	}
	return partError(x.name, x.sheet, x.part.Name, err)
}

// partError is the message for a part that is damaged or does not unpack.
// Other errors, the context's, pass unchanged.
func partError(name, sheet, part string, err error) error {
	where := ""
	if sheet != "" {
		where = fmt.Sprintf("sheet %q: ", sheet)
	}
	var syn *xmlSyntaxError
	var uz *unzipError
	switch {
	case errors.As(err, &syn):
		return notReadable(name, fmt.Sprintf("%sits part %s is damaged near line %d (%s)", where, part, syn.line, syn.msg))
	case errors.As(err, &uz):
		why := uz.err.Error()
		switch {
		case errors.Is(uz.err, zip.ErrChecksum):
			why = "its data fails the zip checksum"
		case errors.Is(uz.err, zip.ErrFormat), errors.Is(uz.err, io.ErrUnexpectedEOF):
			why = "its data does not match the size the zip declares, or is damaged"
		}
		return notReadable(name, fmt.Sprintf("%sits part %s cannot be unpacked (%s)", where, part, why))
	}
	return err
}

func (x *xlsxReader) encoding() string { return "" }

func (x *xlsxReader) merged() []Range {
	if x.sc == nil {
		return nil
	}
	return x.sc.merged
}

// progress estimates the bytes of the file read as its share of the
// sheet's unpacked XML read. It keeps the highest value it has reported:
// a bar must not go back, not even when a first empty sheet is passed.
func (x *xlsxReader) progress() int64 {
	if x.eof.Load() {
		return x.size
	}
	p := int64(0)
	if sc, total := x.scan.Load(), x.total.Load(); sc != nil && total > 0 {
		share := min(float64(sc.read.Load())/float64(total), 1)
		p = min(int64(share*float64(x.size)), x.size-1)
	}
	for {
		shown := x.shown.Load()
		if p <= shown || x.shown.CompareAndSwap(shown, p) {
			return max(p, shown)
		}
	}
}

// close closes the sheet's part. Nothing is unpacked to disk.
func (x *xlsxReader) close() error {
	x.closeSheet()
	return nil
}

// recoverPanic turns a panic while reading into an error: no input may
// crash the program, even through a bug in the reader.
func recoverPanic(name string, err *error) {
	if p := recover(); p != nil {
		*err = notReadable(name, fmt.Sprintf("reading it failed (%v)", p))
	}
}

func quoteList(list []string) string { return SheetList(list) }

// maxListed is how many names a message lists: a workbook of 10 000
// sheets must not become a message of 10 000 names.
const maxListed = 20

// SheetList quotes names for a message, "\"Budsjett\", \"Ark2\"", listing
// at most 20 and saying how many more there are.
func SheetList(names []string) string {
	n := min(len(names), maxListed)
	q := make([]string, n, n+1)
	for i, s := range names[:n] {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(names) > n {
		q = append(q, fmt.Sprintf("and %d more", len(names)-n))
	}
	return strings.Join(q, ", ")
}
