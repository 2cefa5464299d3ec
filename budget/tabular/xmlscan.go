package tabular

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// xmlScanner is a strict, streaming tokenizer for the XML parts of a
// workbook. It is much faster than encoding/xml because it does not build a
// token per element: it hands out slices of its buffer, valid until the
// next call to next, and leaves entity decoding to the caller, which does
// it only for the text it keeps.
//
// It checks that the document is well formed: tag and attribute syntax,
// names, that every element is closed by its own end tag, entities, one
// root element, nothing but white space, comments and processing
// instructions outside it, and no end of file inside it. Callers may rely
// on the nesting: an end token always closes the innermost open element.
// The text of the values a caller keeps is further checked for invalid
// UTF-8 and characters XML forbids (appendText).
type xmlScanner struct {
	ctx  context.Context
	r    io.Reader
	buf  []byte
	pos  int  // start of the next token in buf
	end  int  // end of the data in buf
	eof  bool // r is exhausted
	base int64
	// lines counts the line feeds in the data before buf[0], for messages.
	lines int
	// read is how many bytes have been read from r, for progress.
	read atomic.Int64

	// The current token. name, local, text and attrs are slices of buf,
	// valid until the next call to next.
	kind  int
	name  []byte // qualified name of a start or end tag
	local []byte // the name without its namespace prefix
	empty bool   // a start tag that closes itself: <c r="A1"/>
	text  []byte // tokText: raw character data; tokCDATA: literal text
	attrs []xmlAttr

	// The names of the open elements, end to end, and where each starts.
	stack    []byte
	marks    []int
	rootDone bool
	started  bool
	scratch  []byte
}

// xmlAttr is one attribute of a start tag; value is raw, entities and all.
type xmlAttr struct{ name, value []byte }

// Token kinds. Comments, processing instructions and a document type
// declaration are skipped: callers never see them.
const (
	tokStart = iota + 1
	tokEnd
	tokText
	tokCDATA
	tokEOF
)

const (
	// scanBuf is the read size: big enough that refills cost nothing,
	// small enough to stay in cache.
	scanBuf = 64 << 10
	// maxToken bounds a single tag or run of text: a cell is at most
	// maxCell, and no honest element comes near this.
	maxToken = 16 << 20
	// maxDepth bounds the nesting of elements; SpreadsheetML needs about 8.
	maxDepth = 256
)

func newXMLScanner(ctx context.Context, r io.Reader) *xmlScanner {
	if ctx == nil {
		ctx = context.Background()
	}
	return &xmlScanner{ctx: ctx, r: r, buf: make([]byte, scanBuf), attrs: make([]xmlAttr, 0, 8)}
}

// xmlSyntaxError is a well-formedness error of an XML part.
type xmlSyntaxError struct {
	line int
	msg  string
}

func (e *xmlSyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// unzipError is an error reading the part from the zip: a checksum error,
// a part longer or shorter than it declares, damaged deflate data.
type unzipError struct{ err error }

func (e *unzipError) Error() string { return e.err.Error() }

// syntax returns a syntax error at the current position.
func (s *xmlScanner) syntax(format string, args ...any) error {
	line := s.lines + bytes.Count(s.buf[:min(s.pos, s.end)], []byte{'\n'}) + 1
	return &xmlSyntaxError{line: line, msg: fmt.Sprintf(format, args...)}
}

// depth is the number of open elements.
func (s *xmlScanner) depth() int { return len(s.marks) }

// next reads the next token into s.kind and the fields that go with it.
func (s *xmlScanner) next() error {
	for {
		if !s.started {
			if s.end < 3 && !s.eof {
				if err := s.fill(); err != nil {
					return err
				}
				continue
			}
			s.started = true
			if bytes.HasPrefix(s.buf[:s.end], []byte("\xEF\xBB\xBF")) {
				s.pos = 3
			}
		}
		if s.pos < s.end {
			n, err := s.parse()
			if err != nil {
				return err
			}
			if n > 0 {
				s.pos += n
				if s.kind == 0 {
					continue // a comment or processing instruction
				}
				return s.track()
			}
		}
		if s.eof {
			if s.pos < s.end {
				return s.syntax("unexpected end of file")
			}
			if len(s.marks) > 0 {
				return s.syntax("unexpected end of file inside <%s>", s.top())
			}
			if !s.rootDone {
				return s.syntax("no XML element")
			}
			s.kind = tokEOF
			return nil
		}
		if err := s.fill(); err != nil {
			return err
		}
	}
}

func (s *xmlScanner) top() []byte { return s.stack[s.marks[len(s.marks)-1]:] }

// track keeps the stack of open elements and checks the rules of the
// document as a whole.
func (s *xmlScanner) track() error {
	switch s.kind {
	case tokStart:
		if len(s.marks) == 0 {
			if s.rootDone {
				return s.syntax("a second root element <%s>", s.name)
			}
			if s.empty {
				s.rootDone = true
			}
		}
		if !s.empty {
			if len(s.marks) >= maxDepth {
				return s.syntax("elements nested more than %d deep", maxDepth)
			}
			s.marks = append(s.marks, len(s.stack))
			s.stack = append(s.stack, s.name...)
		}
	case tokEnd:
		if len(s.marks) == 0 {
			return s.syntax("end tag </%s> without a start tag", s.name)
		}
		if top := s.top(); !bytes.Equal(top, s.name) {
			return s.syntax("element <%s> closed by </%s>", top, s.name)
		}
		m := s.marks[len(s.marks)-1]
		s.stack, s.marks = s.stack[:m], s.marks[:len(s.marks)-1]
		if len(s.marks) == 0 {
			s.rootDone = true
		}
	case tokText:
		if len(s.marks) == 0 && len(bytes.TrimLeft(s.text, " \t\r\n")) > 0 {
			return s.syntax("text outside the root element")
		}
		if bytes.IndexByte(s.text, '&') >= 0 {
			return s.checkEntities(s.text)
		}
	case tokCDATA:
		if len(s.marks) == 0 {
			return s.syntax("CDATA outside the root element")
		}
	}
	return nil
}

// fill reads more data, keeping the unfinished token at s.pos, and checks
// the context once per read.
func (s *xmlScanner) fill() error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.base += int64(s.pos)
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			return s.syntax("an element or text larger than %d MiB", maxToken>>20)
		}
		nb := make([]byte, min(2*len(s.buf), maxToken))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read.Store(s.base + int64(s.end))
		if err == io.EOF {
			s.eof = true
			return nil
		}
		if err != nil {
			return &unzipError{err}
		}
		if n > 0 {
			return nil
		}
	}
	return &unzipError{io.ErrNoProgress}
}

// nameByte marks the bytes a name may hold; nameStart those it may start
// with. Bytes of multi-byte UTF-8 characters are allowed in both.
var nameByte, nameStart, textPlain [256]bool

func init() {
	for c := 0; c < 256; c++ {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
		nameStart[c] = letter
		nameByte[c] = letter || c >= '0' && c <= '9' || c == '-' || c == '.'
		textPlain[c] = c >= 0x20 && c < 0x80 && c != '&'
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// parse reads one token at s.pos. It returns the bytes the token takes, or
// 0 when the buffer does not hold all of it yet. Skipped tokens set kind 0.
func (s *xmlScanner) parse() (int, error) {
	b := s.buf[s.pos:s.end]
	s.kind = 0
	if b[0] != '<' {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			if !s.eof {
				return 0, nil
			}
			i = len(b)
		}
		s.kind, s.text = tokText, b[:i]
		return i, nil
	}
	if len(b) < 2 {
		return 0, nil
	}
	switch b[1] {
	case '/':
		return s.endTag(b)
	case '?':
		i := bytes.Index(b[2:], []byte("?>"))
		if i < 0 {
			return 0, nil
		}
		if err := s.instruction(b[2 : 2+i]); err != nil {
			return 0, err
		}
		return i + 4, nil
	case '!':
		return s.bang(b)
	}
	return s.startTag(b)
}

// instruction checks a processing instruction; the XML declaration must
// not name an encoding other than UTF-8.
func (s *xmlScanner) instruction(pi []byte) error {
	target, rest, _ := bytes.Cut(pi, []byte(" "))
	if len(target) == 0 || !nameStart[target[0]] {
		return s.syntax("invalid processing instruction")
	}
	if !strings.EqualFold(string(target), "xml") {
		return nil
	}
	if s.base+int64(s.pos) > 3 {
		return s.syntax("XML declaration not at the start of the part")
	}
	_, enc, found := bytes.Cut(rest, []byte("encoding="))
	if !found || len(enc) < 2 {
		return nil
	}
	q := enc[0]
	end := bytes.IndexByte(enc[1:], q)
	if (q != '"' && q != '\'') || end < 0 {
		return s.syntax("invalid XML declaration")
	}
	switch strings.ToLower(string(enc[1 : 1+end])) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return nil
	}
	return s.syntax("text encoding %q, which only UTF-8 workbooks use", enc[1:1+end])
}

// bang reads a comment, a CDATA section or a document type declaration.
func (s *xmlScanner) bang(b []byte) (int, error) {
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		i := bytes.Index(b[4:], []byte("-->"))
		if i < 0 {
			return 0, nil
		}
		return i + 7, nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		i := bytes.Index(b[9:], []byte("]]>"))
		if i < 0 {
			return 0, nil
		}
		s.kind, s.text = tokCDATA, b[9:9+i]
		return i + 12, nil
	case bytes.HasPrefix(b, []byte("<!DOCTYPE")):
		if len(s.marks) > 0 || s.rootDone {
			return 0, s.syntax("DOCTYPE inside the document")
		}
		// Skip it, internal subset and all; entities it declares are
		// not expanded (an unknown entity is an error later).
		i, depth := 9, 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					return i + 1, nil
				}
			}
		}
		return 0, nil
	case len(b) < 9 && !s.eof:
		return 0, nil
	}
	return 0, s.syntax("invalid markup after <!")
}

func (s *xmlScanner) endTag(b []byte) (int, error) {
	i := 2
	for i < len(b) && nameByte[b[i]] {
		i++
	}
	if i == len(b) {
		return 0, nil
	}
	if i == 2 || !nameStart[b[2]] {
		return 0, s.syntax("invalid end tag")
	}
	s.setName(b[2:i])
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return 0, nil
	}
	if b[i] != '>' {
		return 0, s.syntax("invalid character %q in end tag </%s>", b[i], s.name)
	}
	s.kind = tokEnd
	return i + 1, nil
}

func (s *xmlScanner) setName(name []byte) {
	s.name, s.local = name, name
	for i, c := range name {
		if c == ':' {
			s.local = name[i+1:]
			break
		}
	}
}

func (s *xmlScanner) startTag(b []byte) (int, error) {
	i := 1
	for i < len(b) && nameByte[b[i]] {
		i++
	}
	if i == len(b) {
		return 0, nil
	}
	if i == 1 || !nameStart[b[1]] {
		return 0, s.syntax("expected an element name after <")
	}
	s.setName(b[1:i])
	s.attrs = s.attrs[:0]
	for {
		j := i
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j == len(b) {
			return 0, nil
		}
		switch b[j] {
		case '>':
			s.kind, s.empty = tokStart, false
			return j + 1, nil
		case '/':
			if j+1 == len(b) {
				return 0, nil
			}
			if b[j+1] != '>' {
				return 0, s.syntax("invalid character after / in <%s>", s.name)
			}
			s.kind, s.empty = tokStart, true
			return j + 2, nil
		}
		if j == i || !nameStart[b[j]] {
			return 0, s.syntax("invalid attribute in <%s>", s.name)
		}
		k := j
		for k < len(b) && nameByte[b[k]] {
			k++
		}
		name := b[j:k]
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k == len(b) {
			return 0, nil
		}
		if b[k] != '=' {
			return 0, s.syntax("attribute %s of <%s> has no value", name, s.name)
		}
		for k++; k < len(b) && isSpace(b[k]); k++ {
		}
		if k == len(b) {
			return 0, nil
		}
		q := b[k]
		if q != '"' && q != '\'' {
			return 0, s.syntax("attribute %s of <%s> is not quoted", name, s.name)
		}
		// Values are short: one loop finds the closing quote and
		// notes the characters that need a closer look.
		e, amp := k+1, false
		for ; e < len(b) && b[e] != q; e++ {
			switch b[e] {
			case '<':
				return 0, s.syntax("attribute %s of <%s> holds <", name, s.name)
			case '&':
				amp = true
			}
		}
		if e == len(b) {
			return 0, nil
		}
		value := b[k+1 : e]
		if amp {
			if err := s.checkEntities(value); err != nil {
				return 0, err
			}
		}
		s.attrs = append(s.attrs, xmlAttr{name, value})
		i = e + 1
	}
}

// attr returns the raw value of the attribute named name, which has no
// namespace prefix, as SpreadsheetML's own attributes have none.
func (s *xmlScanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// attrValue decodes an attribute value that holds entities, into scratch.
func (s *xmlScanner) attrValue(raw []byte) []byte {
	if bytes.IndexByte(raw, '&') < 0 {
		return raw
	}
	s.scratch, _ = appendText(s.scratch[:0], raw)
	return s.scratch
}

// checkEntities checks every entity of raw text.
func (s *xmlScanner) checkEntities(raw []byte) error {
	for i := bytes.IndexByte(raw, '&'); i >= 0; {
		_, n, err := entity(raw[i:])
		if err != nil {
			return s.syntax("%v", err)
		}
		raw = raw[i+n:]
		i = bytes.IndexByte(raw, '&')
	}
	return nil
}

var errEntity = errors.New("invalid entity: & must start &amp;, &lt;, &gt;, &quot;, &apos; or a character reference")

// entity decodes the entity at the start of b, which starts with &, and
// returns the character and the bytes it takes.
func entity(b []byte) (rune, int, error) {
	semi := bytes.IndexByte(b[:min(len(b), 16)], ';')
	if semi < 2 {
		return 0, 0, errEntity
	}
	name := b[1:semi]
	switch string(name) {
	case "amp":
		return '&', semi + 1, nil
	case "lt":
		return '<', semi + 1, nil
	case "gt":
		return '>', semi + 1, nil
	case "quot":
		return '"', semi + 1, nil
	case "apos":
		return '\'', semi + 1, nil
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, errEntity
	}
	var v uint64
	var err error
	if name[1] == 'x' {
		v, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || !xmlChar(rune(v)) {
		return 0, 0, fmt.Errorf("invalid character reference &%s;", name)
	}
	return rune(v), semi + 1, nil
}

// xmlChar reports whether XML 1.0 allows the character.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

var errChar = errors.New("a character XML does not allow")

// appendText appends raw character data to dst as an XML parser reports
// it: entities decoded, line ends made \n. It checks that the text is UTF-8
// of characters XML allows.
func appendText(dst, raw []byte) ([]byte, error) {
	i := 0
	for i < len(raw) && textPlain[raw[i]] {
		i++
	}
	dst = append(dst, raw[:i]...)
	for i < len(raw) {
		c := raw[i]
		switch {
		case textPlain[c]:
			dst = append(dst, c)
			i++
		case c == '&':
			r, n, err := entity(raw[i:])
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i += n
		case c == '\r':
			dst = append(dst, '\n')
			if i++; i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c == '\n' || c == '\t':
			dst = append(dst, c)
			i++
		case c < 0x80:
			return dst, errChar
		default:
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n <= 1 {
				return dst, errors.New("invalid UTF-8")
			}
			if !xmlChar(r) {
				return dst, errChar
			}
			dst = append(dst, raw[i:i+n]...)
			i += n
		}
	}
	return dst, nil
}

// skip skips the element whose start tag is the current token, and all it
// holds.
func (s *xmlScanner) skip() error {
	if s.empty {
		return nil
	}
	d := s.depth()
	for s.depth() >= d {
		if err := s.next(); err != nil {
			return err
		}
	}
	return nil
}

// readText appends the text of the element whose start tag is the current
// token to dst, up to its end tag, and refuses text over limit bytes with
// errTooLarge. Child elements are skipped.
func (s *xmlScanner) readText(dst []byte, limit int) ([]byte, error) {
	if s.empty {
		return dst, nil
	}
	for {
		if err := s.next(); err != nil {
			return dst, err
		}
		var err error
		switch s.kind {
		case tokText:
			if dst, err = appendText(dst, s.text); err != nil {
				return dst, s.syntax("%v", err)
			}
		case tokCDATA:
			if !utf8.Valid(s.text) {
				return dst, s.syntax("invalid UTF-8")
			}
			dst = append(dst, s.text...)
		case tokStart:
			err = s.skip()
		case tokEnd:
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
		if len(dst) > limit {
			return dst, errTooLarge
		}
	}
}

var errTooLarge = errors.New("text too large")

// appendBstr decodes the _xHHHH_ escapes with which Excel stores
// characters XML cannot hold (_x000D_ for a carriage return, _x005F_ for a
// literal underscore), as excelize does for shared and inline strings.
// Escapes of surrogates are dropped, as excelize drops them.
func appendBstr(dst, b []byte) []byte {
	for {
		i := bytes.Index(b, []byte("_x"))
		if i < 0 || len(b)-i < 7 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if err != nil || b[i+6] != '_' || b[i+2] == '+' || b[i+2] == '-' {
			dst = append(dst, '_')
			b = b[i+1:]
			continue
		}
		if r := rune(v); utf8.ValidRune(r) {
			dst = utf8.AppendRune(dst, r)
		}
		b = b[i+7:]
	}
}
