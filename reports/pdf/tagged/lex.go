package tagged

import (
	"bytes"
	"fmt"
	"strconv"
)

// This file reads just enough of a PDF to update it: the classic
// cross-reference table and trailer fpdf writes, and dictionary objects
// split into their entries (keys with the raw bytes of their values), so a
// dictionary can be written again with entries replaced or added.

// entry is one key of a dictionary with its value as written.
type entry struct {
	key string // without the slash
	val []byte
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skip returns the first position at or after i that is not white space
// or a comment.
func skip(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// token returns the end of the regular token starting at i.
func token(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// value returns the end of the PDF value starting at i (after white space).
func value(b []byte, i int) (int, error) {
	i = skip(b, i)
	if i >= len(b) {
		return 0, fmt.Errorf("value expected at offset %d", i)
	}
	switch c := b[i]; {
	case c == '/':
		return token(b, i+1), nil
	case c == '(':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, fmt.Errorf("unterminated string at offset %d", i)
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		_, end, err := dict(b, i)
		return end, err
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return 0, fmt.Errorf("unterminated hex string at offset %d", i)
		}
		return i + j + 1, nil
	case c == '[':
		j := skip(b, i+1)
		for j < len(b) && b[j] != ']' {
			end, err := value(b, j)
			if err != nil {
				return 0, err
			}
			j = skip(b, end)
		}
		if j >= len(b) {
			return 0, fmt.Errorf("unterminated array at offset %d", i)
		}
		return j + 1, nil
	case isDelim(c):
		return 0, fmt.Errorf("unexpected %q at offset %d", c, i)
	}
	end := token(b, i)
	// An integer may start a reference "12 0 R".
	if _, err := strconv.Atoi(string(b[i:end])); err == nil {
		j := skip(b, end)
		if k := token(b, j); k > j {
			if _, err := strconv.Atoi(string(b[j:k])); err == nil {
				r := skip(b, k)
				if r < len(b) && b[r] == 'R' && token(b, r) == r+1 {
					return r + 1, nil
				}
			}
		}
	}
	return end, nil
}

// dict reads the dictionary starting at i ("<<") and returns its entries
// and the position after its closing ">>".
func dict(b []byte, i int) ([]entry, int, error) {
	i = skip(b, i)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, fmt.Errorf("dictionary expected at offset %d", i)
	}
	var es []entry
	j := skip(b, i+2)
	for {
		if j >= len(b) {
			return nil, 0, fmt.Errorf("unterminated dictionary at offset %d", i)
		}
		if bytes.HasPrefix(b[j:], []byte(">>")) {
			return es, j + 2, nil
		}
		if b[j] != '/' {
			return nil, 0, fmt.Errorf("name expected at offset %d", j)
		}
		kend := token(b, j+1)
		vstart := skip(b, kend)
		vend, err := value(b, vstart)
		if err != nil {
			return nil, 0, err
		}
		es = append(es, entry{key: string(b[j+1 : kend]), val: b[vstart:vend]})
		j = skip(b, vend)
	}
}

// get returns the value of key, or nil.
func get(es []entry, key string) []byte {
	for _, e := range es {
		if e.key == key {
			return e.val
		}
	}
	return nil
}

// ref reads an indirect reference "n g R" and returns n.
func ref(v []byte) (int, error) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return 0, fmt.Errorf("reference expected, got %q", v)
	}
	return strconv.Atoi(string(f[0]))
}

// refs reads an array of indirect references.
func refs(v []byte) ([]int, error) {
	v = bytes.TrimSpace(v)
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, fmt.Errorf("array expected, got %q", v)
	}
	f := bytes.Fields(v[1 : len(v)-1])
	if len(f)%3 != 0 {
		return nil, fmt.Errorf("array of references expected, got %q", v)
	}
	var ns []int
	for i := 0; i < len(f); i += 3 {
		n, err := ref(bytes.Join(f[i:i+3], []byte(" ")))
		if err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// file is a parsed PDF: where each object is, and the last trailer.
type file struct {
	b       []byte
	offsets map[int]int
	trailer []entry
	xref    int // offset of the last cross-reference section
	size    int
}

// parse reads the last cross-reference section of b (a classic table, as
// fpdf writes) and those it points back to.
func parse(b []byte) (*file, error) {
	k := bytes.LastIndex(b, []byte("startxref"))
	if k < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	i := skip(b, k+len("startxref"))
	x, err := strconv.Atoi(string(b[i:token(b, i)]))
	if err != nil || x < 0 || x >= len(b) {
		return nil, fmt.Errorf("bad startxref offset")
	}
	f := &file{b: b, offsets: map[int]int{}, xref: x}
	seen := map[int]bool{}
	for first := true; ; first = false {
		if seen[x] {
			return nil, fmt.Errorf("cross-reference sections form a loop at offset %d", x)
		}
		seen[x] = true
		tr, err := f.readXref(x)
		if err != nil {
			return nil, err
		}
		if first {
			f.trailer = tr
			if f.size, err = strconv.Atoi(string(get(tr, "Size"))); err != nil {
				return nil, fmt.Errorf("trailer /Size: %v", err)
			}
		}
		prev := get(tr, "Prev")
		if prev == nil {
			return f, nil
		}
		if x, err = strconv.Atoi(string(prev)); err != nil || x < 0 || x >= len(b) {
			return nil, fmt.Errorf("bad /Prev %q", prev)
		}
	}
}

// readXref reads the classic cross-reference table at x, adding the
// entries not already known (later sections win), and returns its trailer.
func (f *file) readXref(x int) ([]entry, error) {
	b := f.b
	if !bytes.HasPrefix(b[x:], []byte("xref")) {
		return nil, fmt.Errorf("cross-reference stream at offset %d: not supported (only classic tables)", x)
	}
	i := skip(b, x+4)
	for !bytes.HasPrefix(b[i:], []byte("trailer")) {
		j := token(b, i)
		first, err1 := strconv.Atoi(string(b[i:j]))
		i = skip(b, j)
		j = token(b, i)
		count, err2 := strconv.Atoi(string(b[i:j]))
		if err1 != nil || err2 != nil || count < 0 {
			return nil, fmt.Errorf("bad cross-reference subsection at offset %d", i)
		}
		i = skip(b, j)
		for n := first; n < first+count; n++ {
			if i+18 > len(b) {
				return nil, fmt.Errorf("cross-reference table cut short")
			}
			off, err := strconv.Atoi(string(b[i : i+10]))
			if err != nil {
				return nil, fmt.Errorf("bad cross-reference entry at offset %d", i)
			}
			if _, known := f.offsets[n]; !known && b[i+17] == 'n' {
				f.offsets[n] = off
			}
			i = skip(b, i+18)
		}
	}
	tr, _, err := dict(b, i+len("trailer"))
	return tr, err
}

// object returns the entries of dictionary object n.
func (f *file) object(n int) ([]entry, error) {
	off, ok := f.offsets[n]
	if !ok || off >= len(f.b) {
		return nil, fmt.Errorf("object %d not in the cross-reference table", n)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(f.b[off:], []byte(head)) {
		return nil, fmt.Errorf("object %d: no %q at offset %d", n, head, off)
	}
	es, _, err := dict(f.b, off+len(head))
	if err != nil {
		return nil, fmt.Errorf("object %d: %v", n, err)
	}
	return es, nil
}
