package tabular

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxCell bounds a physical line, a cell and a record. No honest budget
// line comes near it; an unclosed quote that swallows the rest of the file
// reaches it quickly, and so the reader's memory stays bounded.
const maxCell = 1 << 20

// csvReader is a fast RFC 4180 reader with Excel's leniency: a quote inside
// a field is kept as text, rows may have any number of fields, and lines
// may end in LF, CRLF or a lone CR. A quoted field still open at the end of
// the file is an error: it would have swallowed every row after its start.
// It reads from an ASCII-compatible byte stream: UTF-8 or Windows-1252
// straight from the file, or UTF-16 decoded to UTF-8 on the way in.
type csvReader struct {
	name    string
	br      *bufio.Reader
	sep     byte
	enc     string
	cp1252  bool // decode bytes as Windows-1252
	check   bool // validate UTF-8, and fall back to Windows-1252 while all is ASCII (checkText)
	sawUTF8 bool // a valid multi-byte UTF-8 character has been seen
	ra      io.ReaderAt
	size    int64
	offset  int64 // file offset of the next line (UTF-8 and Windows-1252)
	recAt   int64 // file offset of the current record
	line    int   // physical lines consumed
	start   int   // line where the current record starts
	count   *countingReader
	long    []byte
	buf     []byte // the record, as UTF-8
	ends    []int  // end offset in buf of each field
	cells   []string
}

// openCSV sniffs the head of f, checks a Windows-1252 file for UTF-8
// (decideEncoding), and returns a reader for the rest, which refuses to read
// more than limit bytes.
func openCSV(f interface {
	io.Reader
	io.ReaderAt
}, name string, head []byte, size, limit int64) (source, rune, error) {
	enc, sep, skip, err := Sniff(head)
	if err != nil {
		return nil, 0, budget.Errorf(budget.EINVALID, "%s: %s. Save it from Excel as \"CSV UTF-8\" or as .xlsx and import again", name, err)
	}
	if enc, err = decideEncoding(f, name, enc, size); err != nil {
		return nil, 0, err
	}
	count := &countingReader{r: f, limit: limit, name: name}
	c, err := newCSVReader(name, count, head, enc, sep, skip, f, size)
	if err != nil {
		return nil, 0, err
	}
	c.count = count
	return c, sep, nil
}

func (c *csvReader) progress() int64 { return c.count.n.Load() }

func (c *csvReader) close() error { return nil }

// newCSVReader reads r (positioned at the start of the file) as text in enc,
// split on sep, skipping the first line when it is a "sep=" line.
func newCSVReader(name string, r io.Reader, head []byte, enc string, sep rune, skip bool, ra io.ReaderAt, size int64) (*csvReader, error) {
	c := &csvReader{name: name, sep: byte(sep), enc: enc, ra: ra, size: size}
	switch enc {
	case encUTF8BOM:
		r = skipBytes(r, 3)
		c.check, c.offset = true, 3
	case encUTF8:
		c.check = true
	case encCP1252:
		c.cp1252 = true
	case encUTF16LE, encUTF16BE:
		r = utf16Reader(r, head, enc)
	}
	c.br = bufio.NewReaderSize(newCRReader(r), 64<<10)
	c.start = 1
	if skip {
		if _, err := c.readLine(); err != nil && err != io.EOF {
			return nil, err
		}
		c.line++
	}
	return c, nil
}

// skipBytes discards the first n bytes of r: the byte-order mark.
func skipBytes(r io.Reader, n int64) io.Reader {
	_, _ = io.CopyN(io.Discard, r, n)
	return r
}

// utf16Reader decodes UTF-16 to UTF-8, dropping a byte-order mark.
func utf16Reader(r io.Reader, head []byte, enc string) io.Reader {
	e := unicode.LittleEndian
	bom := []byte{0xFF, 0xFE}
	if enc == encUTF16BE {
		e, bom = unicode.BigEndian, []byte{0xFE, 0xFF}
	}
	if bytes.HasPrefix(head, bom) {
		r = skipBytes(r, 2)
	}
	return transform.NewReader(r, unicode.UTF16(e, unicode.IgnoreBOM).NewDecoder())
}

// encoding returns the encoding in use, which turns from utf-8 into
// windows-1252 when the first non-ASCII bytes come after the sniffed head
// and the file has no UTF-8 (checkText).
func (c *csvReader) encoding() string { return c.enc }

// next returns the next non-empty record. Its Cells slice is reused by the
// following call.
func (c *csvReader) next() (Row, error) {
	for {
		c.start, c.recAt = c.line+1, c.offset
		line, err := c.readLine()
		if err != nil {
			return Row{}, err
		}
		c.line++
		if len(line) == 0 {
			continue
		}
		num := c.line
		if err := c.parse(line); err != nil {
			return Row{}, err
		}
		if err := c.checkText(num); err != nil {
			return Row{}, err
		}
		return Row{Number: num, Cells: c.split()}, nil
	}
}

// readLine returns the next line without its line break. The line is valid
// until the next call. It returns io.EOF only when no bytes are left.
func (c *csvReader) readLine() ([]byte, error) {
	line, err := c.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		line, err = c.readLongLine(line)
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	c.offset += int64(len(line))
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), nil
}

// readLongLine gathers a line longer than the read buffer, up to maxCell.
func (c *csvReader) readLongLine(part []byte) ([]byte, error) {
	c.long = append(c.long[:0], part...)
	for {
		part, err := c.br.ReadSlice('\n')
		c.long = append(c.long, part...)
		if len(c.long) > maxCell+2 {
			return nil, c.lineTooLarge()
		}
		if err != bufio.ErrBufferFull {
			return c.long, err
		}
	}
}

// lineTooLarge names the column of a line that outgrew maxCell, when the
// line starts its record; in a line that continues a quoted field it is
// the open field's column, which parse knows but readLine does not.
func (c *csvReader) lineTooLarge() error {
	if c.line+1 != c.start {
		return tooLarge(c.name, c.start, 0, false)
	}
	col := 0
	if counts := fieldCounts(c.long, c.sep, 1); len(counts) > 0 {
		col = counts[0] - 1
	}
	return tooLarge(c.name, c.start, col, true)
}

// parse splits the record that starts with line into c.buf and c.ends,
// reading further lines while a quoted field is open.
func (c *csvReader) parse(line []byte) error {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	for {
		var err error
		var more bool
		if len(line) > 0 && line[0] == '"' {
			line, more, err = c.quoted(line[1:])
		} else {
			line, more = c.unquoted(line)
		}
		if err != nil {
			return err
		}
		c.ends = append(c.ends, len(c.buf))
		if !more {
			return nil
		}
	}
}

// unquoted appends the field at the start of line and returns the rest of
// the line after its separator, and whether another field follows.
func (c *csvReader) unquoted(line []byte) ([]byte, bool) {
	i := bytes.IndexByte(line, c.sep)
	if i < 0 {
		c.appendText(line)
		return nil, false
	}
	c.appendText(line[:i])
	return line[i+1:], true
}

// quoted appends a quoted field whose opening quote has been consumed,
// reading on across line breaks, which it keeps as "\n". A quote that is
// neither doubled nor followed by a separator or the end of the line is kept
// as text, as Excel does. A field still open at the end of the file is an
// error naming the row where it opened: reading on to the end would have
// put every later row into one cell.
func (c *csvReader) quoted(line []byte) ([]byte, bool, error) {
	start := len(c.buf)
	openLine, col := c.line, len(c.ends)
	for {
		i := bytes.IndexByte(line, '"')
		if i < 0 {
			c.appendText(line)
			c.buf = append(c.buf, '\n')
			if err := c.checkSize(start); err != nil {
				return nil, false, err
			}
			next, err := c.readLine()
			if err == io.EOF {
				return nil, false, budget.Errorf(budget.EINVALID, "%s row %d column %s: the quote (\") that starts this cell is never closed, so every row after it would be read into the cell; close or remove the quote in a text editor and import again", c.name, openLine, ColumnName(col))
			}
			if err != nil {
				return nil, false, err
			}
			c.line++
			line = next
			continue
		}
		c.appendText(line[:i])
		rest := line[i+1:]
		switch {
		case len(rest) == 0:
			return nil, false, c.checkSize(start)
		case rest[0] == c.sep:
			return rest[1:], true, c.checkSize(start)
		case rest[0] == '"':
			rest = rest[1:]
		}
		c.buf = append(c.buf, '"')
		line = rest
	}
}

// checkSize enforces maxCell on the field that starts at start and on the
// record as a whole.
func (c *csvReader) checkSize(start int) error {
	if len(c.buf)-start > maxCell || len(c.buf) > maxCell {
		return tooLarge(c.name, c.start, len(c.ends), true)
	}
	return nil
}

// appendText appends raw bytes of the file to the record as UTF-8.
func (c *csvReader) appendText(b []byte) {
	if c.cp1252 {
		c.buf = appendCP1252(c.buf, b)
		return
	}
	c.buf = append(c.buf, b...)
}

// checkText makes sure a record of a UTF-8 file is valid UTF-8. At the
// first record that is not, it applies the encoding rule (textscan.go):
// after valid multi-byte UTF-8, or with a UTF-8 byte-order mark, it is an
// error naming the row and the byte's offset; a file ASCII so far is
// scanned from this record to its end, and is Windows-1252 (whose first
// æøå came after the sniffed head: the two agree on ASCII) unless UTF-8
// follows, which is the error again.
func (c *csvReader) checkText(num int) error {
	if !c.check || isASCII(c.buf) {
		return nil
	}
	if utf8.Valid(c.buf) {
		c.sawUTF8 = true
		return nil
	}
	ts, err := scanText(c.ra, c.recAt, c.size)
	switch {
	case err != nil:
		return err
	case ts.bad < 0:
		return budget.Errorf(budget.EINVALID, "%s changed while it was read: import it again when it is no longer being written", c.name)
	case c.sawUTF8 || c.enc == encUTF8BOM || ts.multi:
		return mixedEncodings(c.name, num, ts)
	}
	c.enc, c.cp1252, c.check = encCP1252, true, false
	c.recode()
	return nil
}

// recode converts the record in c.buf from Windows-1252 to UTF-8.
func (c *csvReader) recode() {
	raw := append([]byte(nil), c.buf...)
	c.buf = c.buf[:0]
	prev := 0
	for i, end := range c.ends {
		c.buf = appendCP1252(c.buf, raw[prev:end])
		prev, c.ends[i] = end, len(c.buf)
	}
}

// split turns the record into cells that share one string, so a row costs
// two allocations however many cells it has.
func (c *csvReader) split() []string {
	s := string(c.buf)
	c.cells = c.cells[:0]
	prev := 0
	for _, end := range c.ends {
		c.cells = append(c.cells, s[prev:end])
		prev = end
	}
	return c.cells
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tooLarge is the huge-cell guard's error. A line too long for the reader
// has no column yet, so inCell tells which message to give.
func tooLarge(name string, row, col int, inCell bool) error {
	where := ""
	if inCell {
		where = " column " + ColumnName(col)
	}
	return budget.Errorf(budget.EINVALID, "%s row %d%s: cell too large (more than 1 MiB): the file is damaged or has a quote (\") that is never closed; check that row in a text editor, fix it and import again", name, row, where)
}
