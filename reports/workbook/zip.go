package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// bufferLimit is how large a part may grow before zipOut stops holding it
// in memory and streams it: the small sheets stay far below it; the
// Budsjettlinjer sheet, streamed by excelize from its temporary file, goes
// past it at once.
const bufferLimit = 8 << 20

// zipOut is the zip writer excelize writes the workbook through. It writes
// straight to the output instead of into excelize's in-memory buffer, so a
// workbook of a million lines is never held whole in memory, and the
// entries carry no time stamps, so the same workbook gives the same bytes.
//
// It also repairs one thing in the worksheets excelize writes cell by cell:
// excelize marks a formula cell's cached value as a string (t="str") even
// when it is a number. Every formula this package writes gives a number,
// so in the parts it holds (every worksheet but the streamed one, which
// excelize writes right) zipOut drops that mark, and readers that do not
// recalculate see the cached amounts as numbers.
type zipOut struct {
	zw      *zip.Writer
	pending *pendingPart
}

type pendingPart struct {
	z     *zipOut
	name  string
	buf   bytes.Buffer
	large io.Writer // set once the part outgrew bufferLimit
}

func newZipOut(w io.Writer) *zipOut { return &zipOut{zw: zip.NewWriter(w)} }

// Create starts a part.
func (z *zipOut) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if name == contentTypes || strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") {
		z.pending = &pendingPart{z: z, name: name}
		return z.pending, nil
	}
	return z.zw.Create(name)
}

// AddFS is not used by excelize's writer; it is here for the interface.
func (z *zipOut) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close writes the last part and the zip's directory.
func (z *zipOut) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *zipOut) flush() error {
	p := z.pending
	z.pending = nil
	if p == nil || p.large != nil {
		return nil
	}
	w, err := z.zw.Create(p.name)
	if err != nil {
		return err
	}
	body := p.buf.Bytes()
	if p.name == contentTypes {
		body = sortDefaults(body)
	} else {
		body = numericFormulas(body)
	}
	_, err = w.Write(body)
	return err
}

func (p *pendingPart) Write(b []byte) (int, error) {
	if p.large != nil {
		return p.large.Write(b)
	}
	if p.buf.Len()+len(b) <= bufferLimit {
		return p.buf.Write(b)
	}
	w, err := p.z.zw.Create(p.name)
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(p.buf.Bytes()); err != nil {
		return 0, err
	}
	p.buf = bytes.Buffer{}
	p.large = w
	return w.Write(b)
}

// contentTypes is the package part that lists the content types.
const contentTypes = "[Content_Types].xml"

// defaultType is one <Default> element of the content types.
var defaultType = regexp.MustCompile(`<Default [^>]*>(</Default>)?`)

// sortDefaults puts the <Default> elements of [Content_Types].xml in
// order: excelize adds the image types from a map, in a different order
// each run, and the same workbook must give the same bytes.
func sortDefaults(b []byte) []byte {
	found := defaultType.FindAll(b, -1)
	sorted := make([][]byte, len(found))
	copy(sorted, found)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i], sorted[j]) < 0 })
	i := 0
	return defaultType.ReplaceAllFunc(b, func([]byte) []byte {
		r := sorted[i]
		i++
		return r
	})
}

// numericFormulas drops the string mark from formula cells.
func numericFormulas(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte(` t="str"><f>`), []byte(`><f>`))
}

// zipWriter is the excelize hook for zipOut: excelize hands it its own
// buffer, which stays empty.
func zipWriter(z *zipOut) func(io.Writer) excelize.ZipWriter {
	return func(io.Writer) excelize.ZipWriter { return z }
}
