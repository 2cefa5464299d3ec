package tabular

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/xuri/excelize/v2"
)

// xmlSizeLimit is the size above which excelize unpacks a sheet or the
// shared strings to a temporary file and streams it, rather than holding it
// in memory. A variable so that tests can exercise the temporary files.
var xmlSizeLimit int64 = 64 << 20

// rawValues makes excelize return cells as stored: numbers unformatted.
var rawValues = excelize.Options{RawCellValue: true}

// xlsxReader streams the rows of one sheet.
type xlsxReader struct {
	ctx     context.Context
	name    string // file name, for messages
	sheet   string
	size    int64
	xf      *excelize.File
	parts   zipParts
	rows    *excelize.Rows
	num     int  // row number of the iterator's current row
	pending *Row // the first row, read while choosing the sheet
	val     *validator
	last    atomic.Int64 // number of the last row returned, for progress
	shown   atomic.Int64 // the progress last reported, which must not go back
	eof     atomic.Bool
}

// openXLSX checks the zip, opens it with excelize and positions at the
// chosen sheet. excelize is given the same limits checkZip enforced, as a
// second line of defence.
func openXLSX(ctx context.Context, f *os.File, path, name string, size int64, opts Options) (src source, sheet string, err error) {
	defer recoverPanic(name, &err)
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, "", notReadable(name, "its zip structure is broken ("+err.Error()+")")
	}
	limit := unzipLimit(opts.maxSize())
	if err := checkZip(zr, name, limit); err != nil {
		return nil, "", err
	}
	xf, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    limit,
		UnzipXMLSizeLimit: min(xmlSizeLimit, limit),
	})
	if err != nil {
		if xf != nil {
			xf.Close()
		}
		return nil, "", notReadable(name, err.Error())
	}
	x := &xlsxReader{ctx: ctx, name: name, size: size, xf: xf, parts: indexParts(zr)}
	if err := x.choose(opts.Sheet); err != nil {
		x.close()
		return nil, "", err
	}
	if part := x.parts.sheetPart(x.sheet); part != nil {
		x.val = startValidator(ctx, part, x.parts.find("xl/sharedStrings.xml"))
	}
	return x, x.sheet, nil
}

// choose opens the sheet asked for, or else the first visible sheet that has
// a cell.
func (x *xlsxReader) choose(want string) error {
	list := x.xf.GetSheetList()
	if len(list) == 0 {
		return notReadable(x.name, "it has no sheets")
	}
	if want != "" {
		return x.chooseNamed(list, want)
	}
	for _, s := range list {
		if visible, _ := x.xf.GetSheetVisible(s); !visible {
			continue
		}
		if found, err := x.tryFirst(s); found || err != nil {
			return err
		}
	}
	return budget.Errorf(budget.EINVALID, "%s has no data: its visible sheets are all empty; if the data is on a hidden sheet, name that sheet when you import (the sheets are %s)", x.name, quoteList(list))
}

func (x *xlsxReader) chooseNamed(list []string, want string) error {
	for _, s := range list {
		if strings.EqualFold(s, want) {
			return x.openSheet(s)
		}
	}
	return budget.Errorf(budget.EINVALID, "%s has no sheet named %q: choose one of its sheets, %s", x.name, want, quoteList(list))
}

// tryFirst opens sheet s and reads up to its first row with a cell, which
// it keeps for Next. A sheet without one is closed again, after a check
// that it is empty rather than damaged.
func (x *xlsxReader) tryFirst(s string) (bool, error) {
	if err := x.openSheet(s); err != nil {
		return false, err
	}
	row, err := x.next()
	if err == nil {
		x.pending = &row
		return true, nil
	}
	if err != io.EOF {
		return false, err
	}
	x.rows.Close()
	x.rows, x.num = nil, 0
	return false, x.checkSheetXML(s)
}

func (x *xlsxReader) openSheet(s string) error {
	rows, err := x.xf.Rows(s)
	if err != nil {
		return notReadable(x.name, fmt.Sprintf("sheet %q cannot be read (%v)", s, err))
	}
	x.rows, x.sheet, x.num = rows, s, 0
	return nil
}

// checkSheetXML validates an empty-looking sheet at once: a damaged sheet
// also looks empty to excelize.
func (x *xlsxReader) checkSheetXML(s string) error {
	if part := x.parts.sheetPart(s); part != nil {
		v := startValidator(x.ctx, part)
		if err := v.wait(); err != nil {
			return x.damaged(err)
		}
	}
	return nil
}

// next returns the next row with a cell. It checks the validator as it
// goes, and waits for it at the end, so that a damaged sheet is an error
// rather than a short read.
func (x *xlsxReader) next() (row Row, err error) {
	defer recoverPanic(x.name, &err)
	if x.pending != nil {
		row, x.pending = *x.pending, nil
		x.last.Store(int64(row.Number))
		return row, nil
	}
	for x.rows.Next() {
		if x.num++; x.num%ctxEvery == 0 {
			if err := x.poll(); err != nil {
				return Row{}, err
			}
		}
		cells, err := x.rows.Columns(rawValues)
		if err != nil {
			return Row{}, notReadable(x.name, fmt.Sprintf("sheet %q row %d cannot be read (%v)", x.sheet, x.num, err))
		}
		if len(cells) > 0 {
			x.last.Store(int64(x.num))
			return Row{Number: x.num, Cells: cells}, nil
		}
	}
	return Row{}, x.end()
}

// poll returns ctx's error or the validator's, if either has one.
func (x *xlsxReader) poll() error {
	if err := x.ctx.Err(); err != nil {
		return err
	}
	if x.val != nil {
		if err := x.val.poll(); err != nil {
			return x.damaged(err)
		}
	}
	return nil
}

// end turns the end of the iterator into io.EOF or the reason it stopped.
func (x *xlsxReader) end() error {
	if err := x.rows.Error(); err != nil {
		return notReadable(x.name, fmt.Sprintf("sheet %q cannot be read after row %d (%v)", x.sheet, x.num, err))
	}
	if x.val != nil {
		if err := x.val.wait(); err != nil {
			return x.damaged(err)
		}
	}
	x.eof.Store(true)
	return io.EOF
}

func (x *xlsxReader) damaged(err error) error {
	if errors.Is(err, errStopped) {
		return x.ctx.Err()
	}
	return notReadable(x.name, fmt.Sprintf("sheet %q: %v", x.sheet, err))
}

func (x *xlsxReader) encoding() string { return "" }

// progress estimates the bytes read as the file's share of the rows read.
// The estimate of the row count improves as the validator goes on, so
// progress keeps the highest value it has reported: a bar must not go back.
func (x *xlsxReader) progress() int64 {
	if x.eof.Load() {
		return x.size
	}
	p := int64(0)
	if est := x.estimateRows(); est > 0 {
		p = min(x.size*x.last.Load()/est, x.size-1)
	}
	for {
		shown := x.shown.Load()
		if p <= shown || x.shown.CompareAndSwap(shown, p) {
			return max(p, shown)
		}
	}
}

func (x *xlsxReader) estimateRows() int64 {
	if x.val == nil {
		return 0
	}
	return x.val.estimateRows()
}

// close stops the validator and closes excelize, which removes the
// temporary files it unpacked big parts to.
func (x *xlsxReader) close() error {
	if x.val != nil {
		x.val.close()
	}
	if x.rows != nil {
		_ = x.rows.Close() // it repeats the iterator's error, which Next reported
	}
	return x.xf.Close()
}

// recoverPanic turns a panic in excelize, on a file crafted to cause one,
// into an error: no input may crash the program.
func recoverPanic(name string, err *error) {
	if p := recover(); p != nil {
		*err = notReadable(name, fmt.Sprintf("reading it failed (%v)", p))
	}
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
