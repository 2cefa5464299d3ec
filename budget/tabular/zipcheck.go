package tabular

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// Zip-bomb limits, checked against the central directory before anything
// is unpacked, so a bomb is refused in milliseconds whatever it holds.
const (
	// maxUnzip caps the unpacked size of a workbook. Sheet XML unpacks to
	// 5-20 times its compressed size in real workbooks, so 16 times the file
	// size limit lets every honest file through; the cap keeps the time
	// a hostile file can make the reader spend unpacking within reason.
	maxUnzip    = 4 << 30
	unzipFactor = 16
	// maxRatio and ratioFloor: no honest part of at least 100 MB compresses
	// better than 200:1; a run of zeros compresses 1000:1.
	maxRatio   = 200
	ratioFloor = 100 << 20
	// maxInMemory caps the parts read into memory whole: all but sheets,
	// which are streamed, and the shared strings, whose decoded size
	// readShared bounds (maxShared) while it streams them.
	maxInMemory = 256 << 20
)

// unzipLimit is the most a workbook may unpack to, given the file size
// limit.
func unzipLimit(maxSize int64) int64 {
	return min(unzipFactor*maxSize, maxUnzip)
}

// checkZip refuses zip bombs, parts the reader could not unpack, and zip files
// that are some other kind of document.
func checkZip(zr *zip.Reader, name string, limit int64) error {
	if err := zipKind(zr, name); err != nil {
		return err
	}
	var total uint64
	for _, zf := range zr.File {
		if err := checkPart(zf, name, limit); err != nil {
			return err
		}
		if total += zf.UncompressedSize64; total > uint64(limit) {
			return zipBomb(name, fmt.Sprintf("it unpacks to more than %s", humanSize(limit)))
		}
	}
	return nil
}

// checkPart checks one part's method and declared sizes. The declared size
// binds: archive/zip fails a part that unpacks to more than it declares.
func checkPart(zf *zip.File, name string, limit int64) error {
	u, c := zf.UncompressedSize64, zf.CompressedSize64
	switch {
	case zf.Method != zip.Store && zf.Method != zip.Deflate:
		return notReadable(name, fmt.Sprintf("its part %s is packed with a method (%d) Excel does not use", zf.Name, zf.Method))
	case zf.Flags&1 != 0:
		return notReadable(name, fmt.Sprintf("its part %s is encrypted as a zip entry", zf.Name))
	case u > uint64(limit):
		return zipBomb(name, fmt.Sprintf("its part %s unpacks to more than %s", zf.Name, humanSize(limit)))
	case u > ratioFloor && u/maxRatio > c:
		return zipBomb(name, fmt.Sprintf("its part %s unpacks to %s from %s", zf.Name, humanSize(int64(u)), humanSize(int64(c))))
	case u > maxInMemory && !streamedPart(zf.Name):
		return zipBomb(name, fmt.Sprintf("its part %s unpacks to %s", zf.Name, humanSize(int64(u))))
	}
	return nil
}

// streamedPart reports the parts that are streamed rather than read into
// memory whole, so that maxInMemory does not bind them.
func streamedPart(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, `\`, "/"))
	return strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml"
}

// ErrZipBomb is in the chain of every refusal of a workbook whose zip would
// unpack past the limits (errors.Is), for callers that word it themselves.
var ErrZipBomb = errors.New("workbook refused as damaged or a zip bomb")

// zipBombError is the refusal: the user's message, and ErrZipBomb.
type zipBombError struct{ user *budget.Error }

func (e zipBombError) Error() string   { return e.user.Message }
func (e zipBombError) Unwrap() []error { return []error{e.user, ErrZipBomb} }

func zipBomb(name, why string) error {
	return zipBombError{budget.Errorf(budget.EINVALID, "%s is refused: %s, so it is damaged or a zip bomb; if it is a genuine workbook, open it in Excel, save it again and import the new file, or raise the limit with --max-size", name, why)}
}

// zipKind names the zip-based documents that are not xlsx workbooks.
func zipKind(zr *zip.Reader, name string) error {
	has := map[string]bool{}
	for _, zf := range zr.File {
		has[strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))] = true
	}
	var what string
	switch {
	case has["mimetype"] && strings.Contains(readSmall(zr, "mimetype"), "opendocument.spreadsheet"):
		what = "an OpenDocument spreadsheet (.ods): open it in LibreOffice Calc or Excel, save it as .xlsx (Excel Workbook) and import again"
	case has["mimetype"]:
		what = "an OpenDocument file, not a spreadsheet: export the budget as .xlsx or CSV"
	case has["index/document.iwa"] || has["index.zip"]:
		what = "an Apple Numbers file: in Numbers choose File > Export To > Excel, and import the .xlsx file"
	case has["xl/workbook.bin"]:
		what = "a binary Excel workbook (.xlsb): open it in Excel, save it as .xlsx (Excel Workbook) and import again"
	case has["word/document.xml"]:
		what = "a Word document, not a spreadsheet: export the budget as .xlsx or CSV"
	case has["ppt/presentation.xml"]:
		what = "a PowerPoint presentation, not a spreadsheet: export the budget as .xlsx or CSV"
	case !has["[content_types].xml"]:
		what = "a zip archive, not an Excel workbook: unpack it and import the spreadsheet inside"
	default:
		return nil
	}
	return budget.Errorf(budget.EINVALID, "%s is %s", name, what)
}

// readSmall returns the start of a small part, such as an ODF mimetype.
func readSmall(zr *zip.Reader, name string) string {
	rc, err := zr.Open(name)
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 256))
	return string(b)
}
