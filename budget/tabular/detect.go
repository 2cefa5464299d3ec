package tabular

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// oleMagic starts every OLE2 compound file: old binary Excel files (.xls)
// and, since Office wraps them the same way, password-protected xlsx files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// detect decides from the first bytes, then the extension, whether the file
// is read as xlsx or csv, and refuses the files it can name but not read.
// The magic bytes win over the extension because users rename files.
func detect(r io.ReaderAt, name string, head []byte, size int64, format string) (string, error) {
	switch format {
	case "", "xlsx", "csv":
	default:
		return "", budget.Errorf(budget.EINVALID, "unknown format %q for %s: use xlsx or csv, or leave it empty to detect it", format, name)
	}
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "", oleError(r, name, size)
	case isZip(head) && format == "csv":
		return "", budget.Errorf(budget.EINVALID, "%s is a zip archive such as an xlsx file, not a text file: import it as xlsx", name)
	case isZip(head):
		return "xlsx", nil
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "", budget.Errorf(budget.EINVALID, "%s is a PDF document, which holds no table to import: export the budget from the ERP as Excel (.xlsx) or CSV instead", name)
	case looksMarkup(head):
		return "", budget.Errorf(budget.EINVALID, "%s is a web page or XML file with a spreadsheet name, not a real spreadsheet: open it in Excel, save it as .xlsx (Excel Workbook) and import again", name)
	case format == "xlsx" || isXLSXName(name):
		return "", notReadable(name, "it is not a zip archive, as xlsx files are")
	}
	return "csv", nil
}

// isZip matches the signatures of a zip's first local header, of an empty
// zip and of a spanned one.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) ||
		bytes.HasPrefix(head, []byte("PK\x05\x06")) ||
		bytes.HasPrefix(head, []byte("PK\x07\x08"))
}

func isXLSXName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xltx", ".xltm":
		return true
	}
	return false
}

// looksMarkup recognises HTML and XML, which some ERPs export under an .xls
// name (HTML tables, or Excel 2003 XML) and which Excel opens with a warning.
func looksMarkup(head []byte) bool {
	h := bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	h = bytes.TrimLeft(h[:min(len(h), 1024)], " \t\r\n")
	if !bytes.HasPrefix(h, []byte("<")) {
		return false
	}
	h = bytes.ToLower(h)
	for _, tag := range []string{"<?xml", "<!doctype html", "<html", "<table"} {
		if bytes.Contains(h, []byte(tag)) {
			return true
		}
	}
	return false
}

// oleError names what kind of OLE2 file this is. Rather than parse the
// compound file (a hostile one can hold cyclic sector chains), it scans for
// the UTF-16LE stream names in its directory: "EncryptedPackage" and
// "EncryptionInfo" in an encrypted xlsx, "Workbook" (or "Book" in Excel 95)
// in an .xls, upper case from some other writers. Stream data could in theory hold those names too; the worst
// that does is pick the wrong one of two refusals.
func oleError(r io.ReaderAt, name string, size int64) error {
	found := scanUTF16(r, size, "EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "BOOK")
	switch {
	case found["EncryptedPackage"] || found["EncryptionInfo"]:
		return budget.Errorf(budget.EINVALID, "%s is password-protected: remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import again", name)
	case found["Workbook"] || found["Book"] || found["BOOK"]:
		return budget.Errorf(budget.EINVALID, "%s is an old binary Excel file (.xls): open it in Excel and save it as .xlsx (Excel Workbook), then import again", name)
	}
	return budget.Errorf(budget.EINVALID, "%s is an old Microsoft Office file but not an Excel workbook: export the budget as .xlsx or CSV and import again", name)
}

// scanUTF16 reports which of the names occur, in UTF-16LE, anywhere in the
// first size bytes of r. It reads 1 MiB at a time, so it costs a fraction
// of a second even at the size limit.
func scanUTF16(r io.ReaderAt, size int64, names ...string) map[string]bool {
	pats := make([][]byte, len(names))
	longest := 0
	for i, n := range names {
		for _, c := range []byte(n) {
			pats[i] = append(pats[i], c, 0)
		}
		longest = max(longest, len(pats[i]))
	}
	found := map[string]bool{}
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size; off += int64(len(buf) - longest) {
		n, _ := r.ReadAt(buf, off)
		for i, p := range pats {
			if bytes.Contains(buf[:n], p) {
				found[names[i]] = true
			}
		}
		if n < len(buf) {
			break
		}
	}
	return found
}

// notReadable is the message for an xlsx file that cannot be read.
func notReadable(name, why string) error {
	return budget.Errorf(budget.EINVALID, "%s is not a readable xlsx file: %s (is it damaged or truncated? open it in Excel, save it again and import the new file)", name, why)
}
