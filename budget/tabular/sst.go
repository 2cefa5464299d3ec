package tabular

import (
	"bytes"
	"context"
	"errors"
	"io"
)

// maxShared bounds the memory the shared strings take, counting each
// string's header: the part is read into memory, unlike the sheet.
const maxShared = maxInMemory

// stringHeader is what a string costs beyond its bytes.
const stringHeader = 16

var errSharedTooLarge = errors.New("shared strings too large")

// readShared reads the shared strings part: the text of each <si>, made of
// its <t> and the <t> of its rich text runs <r> (phonetic runs <rPh> are
// left out), with _xHHHH_ escapes decoded, as excelize gives them. It
// returns errSharedTooLarge when they would take more than maxShared.
func readShared(ctx context.Context, r io.Reader) ([]string, error) {
	x := newXMLScanner(ctx, r)
	var (
		list      []string
		text, tmp []byte
		used      int
		siDepth   = -1 // depth of the open <si>, or -1
		inSST     bool
	)
	for {
		if err := x.next(); err != nil {
			return nil, err
		}
		switch x.kind {
		case tokEOF:
			return list, nil
		case tokEnd:
			if siDepth >= 0 && x.depth() < siDepth {
				s := string(text)
				if bytes.Contains(text, []byte("_x")) {
					tmp = appendBstr(tmp[:0], text)
					s = string(tmp)
				}
				if used += len(s) + stringHeader; used > maxShared {
					return nil, errSharedTooLarge
				}
				list = append(list, s)
				siDepth = -1
			}
		case tokStart:
			d := x.depth()
			if x.empty {
				d++ // the depth it would have had
			}
			switch {
			case d == 1:
				inSST = true
			case siDepth < 0 && d == 2 && inSST && string(x.local) == "si":
				if x.empty {
					if used += stringHeader; used > maxShared {
						return nil, errSharedTooLarge
					}
					list = append(list, "")
					continue
				}
				siDepth, text = d, text[:0]
			case siDepth >= 0 && string(x.local) == "t" && (d == siDepth+1 || d == siDepth+2):
				var err error
				if text, err = x.readText(text, maxCell); err == errTooLarge {
					return nil, x.syntax("a shared string larger than 1 MiB")
				} else if err != nil {
					return nil, err
				}
			case siDepth >= 0 && string(x.local) == "r" && d == siDepth+1:
				// a rich text run: descend, so that its <t> is read
			default:
				if err := x.skip(); err != nil {
					return nil, err
				}
			}
		}
	}
}
