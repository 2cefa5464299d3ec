package tabular

import (
	"bytes"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The encodings Sniff reports, as Table.Encoding returns them.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encCP1252  = "windows-1252"
)

// sniffLines is how many records the separator vote looks at: enough to
// outvote a title line or two, few enough to stay inside the head.
const sniffLines = 50

// separators are the candidates in order of preference. Semicolon comes
// first because Norwegian Excel writes it and uses the comma as decimal
// mark, so a semicolon file is often also "consistent" when split on commas.
var separators = []byte{';', '\t', ',', '|'}

// errBinary is the message Sniff gives for bytes that are no text it knows.
const errBinary = "unknown or binary encoding"

// Sniff decides, from the first bytes of a text file, its encoding, its
// separator and whether the first line is an Excel "sep=" line that is not
// data. enc is one of "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or
// "windows-1252"; sep is one of ';', '\t', ',' or '|'. head may end in the
// middle of a line or a character; a short head is the whole file.
//
// The error, when the bytes are binary or in an encoding it cannot decode,
// is a *budget.Error with code EINVALID whose message starts with
// "unknown or binary encoding"; it does not name a file, which Open adds.
func Sniff(head []byte) (enc string, sep rune, skipFirstLine bool, err error) {
	enc, body := sniffEncoding(head)
	if enc == "" {
		return "", 0, false, budget.Errorf(budget.EINVALID, "%s: the bytes are not UTF-8, UTF-16 or Windows-1252 text", errBinary)
	}
	text := decodeHead(enc, body)
	if bytes.IndexByte(text, '\r') >= 0 {
		// Lone CRs end lines as the reader reads them (crReader).
		text = append([]byte(nil), text...)
		loneCRToLF(text, true)
	}
	if binaryText(text) {
		return "", 0, false, budget.Errorf(budget.EINVALID, "%s: the file holds control characters that text files do not", errBinary)
	}
	if s, ok := sepLine(text); ok {
		return enc, rune(s), true, nil
	}
	return enc, rune(sniffSeparator(text)), false, nil
}

// sniffEncoding returns the encoding and the bytes after any byte-order
// mark, or "" when the bytes are binary.
func sniffEncoding(head []byte) (string, []byte) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8BOM, head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return "", nil // UTF-32LE, which no ERP we know writes
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return encUTF16LE, head[2:]
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return encUTF16BE, head[2:]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return utf16ByNULs(head), head
	}
	if utf8.Valid(trimPartialRune(head)) {
		return encUTF8, head
	}
	if hasUndefinedCP1252(head) {
		return "", nil // likely an old DOS code page; guessing would garble æøå
	}
	return encCP1252, head
}

// utf16ByNULs recognises UTF-16 without a byte-order mark: text that is
// mostly Latin has a NUL as the high byte of nearly every code unit, so NULs
// sit at odd offsets (little endian) or even ones (big endian). Any other
// pattern of NULs is binary.
func utf16ByNULs(head []byte) string {
	n := min(len(head), 4096) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case units == 0:
		return ""
	case odd*2 >= units && even*10 < units:
		return encUTF16LE
	case even*2 >= units && odd*10 < units:
		return encUTF16BE
	}
	return ""
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of b, so a head
// that ends mid-character still counts as valid UTF-8.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// hasUndefinedCP1252 reports bytes that Windows-1252 leaves undefined. They
// are common in DOS code pages (CP865 puts Å and Ø there), so their presence
// means the text is in some encoding we would decode wrongly.
func hasUndefinedCP1252(b []byte) bool {
	for _, c := range b {
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return true
		}
	}
	return false
}

// decodeHead turns the head into UTF-8 for the checks that follow. Windows-
// 1252 needs no decoding there, since only ASCII bytes matter to them.
func decodeHead(enc string, body []byte) []byte {
	var e unicode.Endianness
	switch enc {
	case encUTF16LE:
		e = unicode.LittleEndian
	case encUTF16BE:
		e = unicode.BigEndian
	default:
		return body
	}
	out, _, err := transform.Bytes(unicode.UTF16(e, unicode.IgnoreBOM).NewDecoder(), body[:len(body)&^1])
	if err != nil {
		return []byte{0}
	}
	return out
}

// binaryText reports text with NULs, or with more than 1% of control
// characters that text files do not hold. Tab, line breaks, form feed,
// vertical tab (some tools write it for a line break inside a cell) and
// Ctrl-Z (DOS end of file) are allowed.
func binaryText(text []byte) bool {
	bad := 0
	for _, c := range text {
		switch {
		case c == 0:
			return true
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1A:
		case c < 0x20 || c == 0x7F:
			bad++
		}
	}
	return bad*100 > len(text)
}

// sepLine recognises the "sep=;" first line Excel writes and reads. Both a
// real tab and the two characters `\t` after "sep=" mean tab.
func sepLine(text []byte) (byte, bool) {
	line := text
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if len(line) < 5 || !bytes.EqualFold(line[:4], []byte("sep=")) {
		return 0, false
	}
	rest := line[4:]
	if string(rest) == `\t` {
		return '\t', true
	}
	if len(rest) == 1 && bytes.IndexByte(separators, rest[0]) >= 0 {
		return rest[0], true
	}
	return 0, false
}

// sniffSeparator picks the first candidate that splits at least 80% of the
// records into the same number (two or more) of fields. Failing that, it
// picks the one that splits the most records at all, and failing that ';',
// since a single-column file needs some separator.
func sniffSeparator(text []byte) byte {
	best, bestSplit := byte(';'), 0
	for _, sep := range separators {
		counts := fieldCounts(text, sep, sniffLines)
		mode, freq, split := countStats(counts)
		if mode >= 2 && freq*10 >= len(counts)*8 {
			return sep
		}
		if split > bestSplit {
			best, bestSplit = sep, split
		}
	}
	return best
}

// countStats returns the most common field count, how many records have it
// and how many records have more than one field.
func countStats(counts []int) (mode, freq, split int) {
	seen := map[int]int{}
	for _, c := range counts {
		seen[c]++
		if c > 1 {
			split++
		}
	}
	for c, n := range seen {
		if n > freq || (n == freq && c > mode) {
			mode, freq = c, n
		}
	}
	return mode, freq, split
}

// fieldCounts splits text into at most max records the way the CSV reader
// does (quotes may hold separators and line breaks) and returns the number of
// fields of each non-blank record. A last record without a line break may be
// cut off by the end of the head, so it counts only when it is the only one.
func fieldCounts(text []byte, sep byte, max int) []int {
	var counts []int
	fields, inQuote, fieldStart, blank := 1, false, true, true
	for i := 0; i < len(text) && len(counts) < max; i++ {
		c := text[i]
		if inQuote {
			if c == '"' {
				inQuote = !closesQuote(text[i+1:], sep)
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				}
			}
			continue
		}
		switch {
		case c == '\n':
			if !blank {
				counts = append(counts, fields)
			}
			fields, fieldStart, blank = 1, true, true
		case c == sep:
			fields, fieldStart, blank = fields+1, true, false
		case c == '"' && fieldStart:
			inQuote, fieldStart, blank = true, false, false
		case c != '\r':
			fieldStart, blank = false, false
		}
	}
	if !blank && len(counts) == 0 {
		counts = append(counts, fields)
	}
	return counts
}

// closesQuote reports whether a quote followed by rest ends a quoted field:
// it does when a separator, a line break or the end follows. A quote followed
// by anything else, including a second quote, leaves the field open.
func closesQuote(rest []byte, sep byte) bool {
	return len(rest) == 0 || rest[0] == sep || rest[0] == '\n' || rest[0] == '\r'
}

// cp1252 maps each byte of Windows-1252 to its UTF-8 encoding.
var cp1252 = func() (t [256]string) {
	for i := range t {
		t[i] = string(charmap.Windows1252.DecodeByte(byte(i)))
	}
	return t
}()

// appendCP1252 appends src, in Windows-1252, to dst as UTF-8.
func appendCP1252(dst, src []byte) []byte {
	for len(src) > 0 {
		i := 0
		for i < len(src) && src[i] < utf8.RuneSelf {
			i++
		}
		dst = append(dst, src[:i]...)
		if i == len(src) {
			break
		}
		dst = append(dst, cp1252[src[i]]...)
		src = src[i+1:]
	}
	return dst
}
