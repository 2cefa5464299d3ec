package tabular

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// DefaultMaxSize is the file size Open refuses above when Options.MaxSize
// is 0. Budget exports are a few MB; the limit only stops accidents (a
// database dump picked by mistake) and hostile files.
const DefaultMaxSize = 256 << 20

// headSize is how much of a file detection and sniffing look at.
const headSize = 64 << 10

// ctxEvery is how many rows pass between checks of the context: often
// enough to stop within milliseconds, rarely enough to cost nothing.
const ctxEvery = 1000

// Options tell Open how to read a file. The zero value detects everything.
type Options struct {
	Sheet   string // xlsx: sheet name; "" = first visible sheet that has data
	MaxSize int64  // refuse files larger than this many bytes; 0 = DefaultMaxSize
	Format  string // "" = detect; "xlsx", "csv"
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Table is an open table, read one row at a time. A Table is not safe for
// concurrent use, except that Progress may be called from any goroutine
// while another calls Next.
type Table struct {
	ctx    context.Context
	file   *inputfile.File
	src    source
	format string
	sheet  string
	sep    rune
	size   int64
	rows   int
	err    error
	closed bool
}

// source is a format's row reader.
type source interface {
	next() (Row, error)
	progress() int64 // bytes of the file consumed, approximately
	encoding() string
	close() error
}

// Open opens the file at path as a table. It detects the format from the
// file's first bytes (then its extension) unless opts.Format says it, and
// refuses empty, oversized, encrypted, old binary, damaged and zip-bomb
// files with a *budget.Error of code EINVALID that names the file and says
// what to do. ctx bounds Open and every later call to Next. The caller must
// Close the table.
func Open(ctx context.Context, path string, opts Options) (*Table, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	f, size, err := openFile(ctx, path, name, opts.maxSize())
	if err != nil {
		return nil, err
	}
	t, err := open(ctx, f, name, size, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// openFile opens path through inputfile (regular files only, within the
// size limit, reads bounded by ctx) and refuses an empty file.
func openFile(ctx context.Context, path, name string, maxSize int64) (*inputfile.File, int64, error) {
	f, err := inputfile.Open(ctx, path, name, maxSize)
	if err != nil {
		return nil, 0, err
	}
	if f.Size() == 0 {
		f.Close()
		return nil, 0, budget.Errorf(budget.EINVALID, "%s is empty: export the data again and import the new file", name)
	}
	return f, f.Size(), nil
}

// open detects the format and opens the reader for it.
func open(ctx context.Context, f *inputfile.File, name string, size int64, opts Options) (*Table, error) {
	head := make([]byte, min(size, headSize))
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	head = head[:n]
	format, err := detect(f, name, head, size, opts.Format)
	if err != nil {
		return nil, err
	}
	t := &Table{ctx: ctx, file: f, format: format, size: size}
	if format == "xlsx" {
		t.src, t.sheet, err = openXLSX(ctx, f, name, size, opts)
	} else {
		t.src, t.sep, err = openCSV(f, name, head, size, opts.maxSize())
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Next returns the next row that has any cell, or io.EOF after the last
// one. Rows without any cell (empty lines, rows absent from the sheet) are
// skipped, but Row.Number keeps counting them, so it is the number the user
// sees. Cells are valid until the next call to Next, which may reuse the
// slice: copy it to keep it (the strings themselves never change).
//
// A user-caused problem (a damaged file, a huge cell) is a *budget.Error of
// code EINVALID; once Next returns an error it returns that error again.
// Damage is reported no later than in place of io.EOF: an xlsx sheet is
// read and checked to the end of its part, zip checksum included, before
// Next returns io.EOF, so a table that ends in io.EOF was read whole.
// When ctx is done, Next returns ctx.Err() within about a thousand rows.
func (t *Table) Next() (Row, error) {
	if t.err != nil {
		return Row{}, t.err
	}
	if t.closed {
		return Row{}, errors.New("tabular: Next on a closed table")
	}
	if t.rows++; t.rows%ctxEvery == 0 {
		if err := t.ctx.Err(); err != nil {
			t.err = err
			return Row{}, err
		}
	}
	row, err := t.src.next()
	if err != nil {
		t.err = err
	}
	return row, err
}

// Close releases the file. Nothing is unpacked to disk, so nothing is left
// behind. It may be called more than once.
func (t *Table) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	err := t.src.close()
	if ferr := t.file.Close(); err == nil {
		err = ferr
	}
	return err
}

// Format returns "xlsx" or "csv".
func (t *Table) Format() string { return t.format }

// Sheet returns the name of the sheet being read, as the workbook spells
// it, or "" for csv.
func (t *Table) Sheet() string { return t.sheet }

// Encoding returns the text encoding of a csv file: "utf-8", "utf-8-bom",
// "utf-16le", "utf-16be" or "windows-1252"; "" for xlsx. A file sniffed as
// utf-8 turns into windows-1252 if its first non-ASCII bytes come late and
// are not UTF-8, so ask after reading for the final answer.
func (t *Table) Encoding() string { return t.src.encoding() }

// Merged returns the merged ranges of the xlsx sheet being read (at most
// 65536), or nil for csv. A sheet stores them after its rows, so they are
// known only once Next has returned io.EOF; before that Merged returns
// nil. A merged range is how a reader can tell a label merged down over
// several rows (fill it down) from a cell left empty (do not).
func (t *Table) Merged() []Range {
	if m, ok := t.src.(interface{ merged() []Range }); ok {
		return m.merged()
	}
	return nil
}

// Separator returns the csv field separator, or 0 for xlsx.
func (t *Table) Separator() rune { return t.sep }

// Progress returns roughly how many bytes of the file have been read, and
// the file size, for a progress bar. For xlsx the first is an estimate from
// the rows read. It is safe to call while another goroutine calls Next.
func (t *Table) Progress() (done, total int64) {
	return min(t.src.progress(), t.size), t.size
}

// humanSize formats a byte count for messages.
func humanSize(n int64) string { return inputfile.HumanSize(n) }

// countingReader counts the bytes read, for Progress, and refuses to read
// past the size limit, in case the file grows while it is read.
type countingReader struct {
	r     io.Reader
	n     atomic.Int64
	limit int64
	name  string
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n.Add(int64(n)) > c.limit {
		return 0, budget.Errorf(budget.EINVALID, "%s grew while it was read: wait until it has been written completely and import again", c.name)
	}
	return n, err
}
