package tabular

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// The encoding rule for text files without a UTF-16 byte-order mark. The
// sniffed head is not enough: a file that is ASCII for 64 KB and has its
// first æøå further down, or UTF-8 with one stray Windows-1252 byte, would
// be decided by whichever came first, and the rest of the file silently
// garbled. So the rule is about the whole file:
//
//   - every byte valid UTF-8: UTF-8;
//   - bytes that are not UTF-8, and not one valid multi-byte UTF-8
//     sequence anywhere: Windows-1252 (its æøå are single high bytes that
//     never form UTF-8 sequences);
//   - both valid multi-byte UTF-8 and bytes that are not UTF-8, or a UTF-8
//     byte-order mark and a byte that is not UTF-8: an error naming the row
//     and byte offset of the first bad byte. Such a file mixes encodings
//     (lines pasted from another export), and no one decoding reads it right.
//
// A UTF-8 file is not scanned ahead: the reader validates each record and
// scans the rest of the file only at the first byte that is not UTF-8
// (csvReader.checkText). A file sniffed as Windows-1252 is scanned whole
// when it is opened (decideEncoding).

// textScan is what a pass over the file found.
type textScan struct {
	multi   bool  // a valid multi-byte UTF-8 sequence
	bad     int64 // offset of the first byte that is not UTF-8, or -1
	badByte byte
}

// scanText scans the file from offset start to size. r's reads stop
// with the context's error when it is done (inputfile.File).
func scanText(r io.ReaderAt, start, size int64) (textScan, error) {
	ts := textScan{bad: -1}
	buf := make([]byte, 1<<20)
	base, carry := start, 0 // file offset of buf[0]; bytes kept from the last chunk
	for base+int64(carry) < size {
		n, err := r.ReadAt(buf[carry:min(int64(len(buf)), size-base)], base+int64(carry))
		if err != nil && err != io.EOF {
			return ts, err
		}
		data := buf[:carry+n]
		final := err == io.EOF || base+int64(len(data)) >= size
		i := 0
		if whole := completeRunes(data, final); utf8.Valid(whole) {
			// The common case, checked at the speed of utf8.Valid.
			ts.multi = ts.multi || !isASCII64(whole)
			i = len(whole)
		}
		for i < len(data) {
			if data[i] < utf8.RuneSelf {
				i++
				continue
			}
			if !final && !utf8.FullRune(data[i:]) {
				break // completed by the next chunk
			}
			r, w := utf8.DecodeRune(data[i:])
			switch {
			case r == utf8.RuneError && w == 1:
				if ts.bad < 0 {
					ts.bad, ts.badByte = base+int64(i), data[i]
				}
			default:
				ts.multi = true
			}
			if ts.multi && ts.bad >= 0 {
				return ts, nil // the answer cannot change
			}
			i += w
		}
		carry = copy(buf, data[i:])
		base += int64(i)
		if n == 0 {
			break
		}
	}
	return ts, nil
}

// completeRunes is data without a UTF-8 sequence cut off at its end,
// unless the data is final.
func completeRunes(data []byte, final bool) []byte {
	if final {
		return data
	}
	return trimPartialRune(data)
}

// isASCII64 is isASCII eight bytes at a time.
func isASCII64(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	return isASCII(b)
}

// decideEncoding applies the rule above to a file sniffed as Windows-1252:
// its head is not UTF-8, so the whole file is scanned for UTF-8.
func decideEncoding(r io.ReaderAt, name, enc string, size int64) (string, error) {
	if enc != encCP1252 {
		return enc, nil // UTF-8 is checked as it is read; UTF-16's decoder replaces what it cannot read
	}
	ts, err := scanText(r, 0, size)
	if err != nil || !ts.multi {
		return enc, err
	}
	line, err := lineAt(r, ts.bad)
	if err != nil {
		return "", err
	}
	return "", mixedEncodings(name, line, ts)
}

// mixedEncodings is the error for a file that has both valid multi-byte
// UTF-8 and bytes that are not UTF-8.
func mixedEncodings(name string, row int, ts textScan) error {
	return budget.Errorf(budget.EINVALID, "%s row %d: byte 0x%02X at byte offset %d is not valid UTF-8, although the file is UTF-8 elsewhere: the file mixes encodings, and reading it either way would garble some text; save it again from Excel as \"CSV UTF-8\", or fix that row in a text editor, and import again", name, row, ts.badByte, ts.bad)
}

// lineAt returns the 1-based line that holds the byte at offset off,
// counting LF, CRLF and a lone CR as one line end each.
func lineAt(r io.ReaderAt, off int64) (int, error) {
	line := 1
	buf := make([]byte, 1<<20)
	prevCR := false
	for pos := int64(0); pos < off; {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), off-pos)], pos)
		if err != nil && err != io.EOF {
			return 0, err
		}
		for _, b := range buf[:n] {
			switch {
			case b == '\n' && prevCR: // the LF of a CRLF, counted at its CR
			case b == '\n' || b == '\r':
				line++
			}
			prevCR = b == '\r'
		}
		if n == 0 {
			break
		}
		pos += int64(n)
	}
	return line, nil
}

// crReader turns a lone CR (old Mac line ends) into LF, so that such a
// file is read as lines rather than as one huge line; CRLF passes as it
// is. It peeks past a CR that ends a read to know whether an LF follows.
type crReader struct {
	br *bufio.Reader
}

// LoneCR returns a reader of r in which each lone CR (old Mac line ends)
// reads as LF and CRLF stays, for line readers outside this package (the
// KOSTRA reader).
func LoneCR(r io.Reader) io.Reader { return newCRReader(r) }

func newCRReader(r io.Reader) *crReader { return &crReader{br: bufio.NewReaderSize(r, 64<<10)} }

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	atEnd := false
	if n > 0 && p[n-1] == '\r' {
		next, _ := c.br.Peek(1)
		atEnd = len(next) == 0 || next[0] != '\n'
	}
	loneCRToLF(p[:n], atEnd)
	return n, err
}

// loneCRToLF rewrites in place each CR of b not followed by LF; a CR at
// the very end counts as lone only when atEnd (no LF follows it).
func loneCRToLF(b []byte, atEnd bool) {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && atEnd {
			b[i] = '\n'
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
}
