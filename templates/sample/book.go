package sample

import (
	"archive/zip"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/xuri/excelize/v2"
)

// A book is an xlsx workbook with one sheet written row by row through
// excelize's StreamWriter, so memory stays bounded for any number of rows:
// the stream spills to a temporary file beyond 16 MB, and the zip is
// written straight to the caller's writer (see newBook).
type book struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	money int // style of amount cells: #,##0.00
	bold  int
}

// The fixed timestamp of every workbook, so two runs give the same bytes:
// the day after the fictional council adopted the økonomiplan.
const bookTime = "2026-12-16T00:00:00Z"

// newBook starts a workbook that Close writes to w. File.WriteTo would
// first build the whole zip in a memory buffer; the zip writer hook makes
// excelize write the archive to w directly and leave that buffer empty.
func newBook(w io.Writer, sheet, title string, widths []float64) (*book, error) {
	f := excelize.NewFile()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	b := &book{f: f}
	err := f.SetDocProps(&excelize.DocProperties{
		Title:       title,
		Subject:     "FIKTIVE DATA – " + Name,
		Creator:     "helsebudsjett budget/sample", // the package it was made by once; kept so the files stay the same bytes
		Description: "Fiktive budsjettdata generert for test og demonstrasjon. Kommunen finnes ikke.",
		Language:    "nb-NO",
		Created:     bookTime,
		Modified:    bookTime,
	})
	if err == nil {
		err = f.SetSheetName("Sheet1", sheet)
	}
	if err == nil {
		b.money, err = f.NewStyle(&excelize.Style{NumFmt: 4})
	}
	if err == nil {
		b.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	}
	if err == nil {
		b.sw, err = f.NewStreamWriter(sheet)
	}
	for i := 0; err == nil && i < len(widths); i++ {
		err = b.sw.SetColWidth(i+1, i+1, widths[i])
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return b, nil
}

// row writes cells to the 1-based row n; rows must come in ascending order.
func (b *book) row(n int, cells []any) error {
	cell, err := excelize.CoordinatesToCellName(1, n)
	if err != nil {
		return err
	}
	return b.sw.SetRow(cell, cells)
}

// amount is an amount cell. The value is a float64 only here, at the write
// call: øre converted exactly to the nearest double, which excelize writes
// in the shortest form that reads back as the same double, so an amount
// with at most two decimals survives the round trip (below 10^13 kroner).
func (b *book) amount(ore int64) excelize.Cell {
	return excelize.Cell{StyleID: b.money, Value: kroner(ore)}
}

func kroner(ore int64) float64 {
	f, _ := budget.FromOre(ore).Float64()
	return f
}

// close finishes the sheet and writes the workbook.
func (b *book) close() error {
	err := b.sw.Flush()
	if err == nil {
		err = b.f.Write(io.Discard) // the zip goes to the hooked writer
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	return err
}
