package sample

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// formatNOK writes øre the Norwegian way: digits grouped by sep, a decimal
// comma, a leading minus: "-1 362 250,50". With decimals false, whole
// kroner lose ",00" ("-1 362 250") and other amounts keep two decimals.
func formatNOK(ore int64, sep string, decimals bool) string {
	neg := ore < 0
	u := uint64(ore) // two's complement: negate below without overflow
	if neg {
		u = -u
	}
	kr := strconv.FormatUint(u/krone, 10)
	var b []byte
	if neg {
		b = append(b, '-')
	}
	for i := range len(kr) {
		if i > 0 && (len(kr)-i)%3 == 0 {
			b = append(b, sep...)
		}
		b = append(b, kr[i])
	}
	if o := u % krone; decimals || o != 0 {
		b = append(b, ',', byte('0'+o/10), byte('0'+o%10))
	}
	return string(b)
}

// windows1252 encodes s in Windows-1252, the code page Norwegian ERPs still
// export in. It fails on a rune the code page lacks, rather than writing a
// '?' that would corrupt a name silently.
func windows1252(s string) ([]byte, error) {
	b := make([]byte, 0, len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return nil, fmt.Errorf("windows-1252: invalid UTF-8 at byte %d of %q", i, s)
		case r < 0x80 || (r >= 0xA0 && r <= 0xFF): // same as Latin-1 there
			b = append(b, byte(r))
		default:
			c, ok := cp1252High[r]
			if !ok {
				return nil, fmt.Errorf("windows-1252: cannot encode %q in %q", r, s)
			}
			b = append(b, c)
		}
	}
	return b, nil
}

// cp1252High holds the characters of Windows-1252's 0x80-0x9F block that
// the sample uses or that Norwegian text commonly holds.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92,
	'“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99,
}
