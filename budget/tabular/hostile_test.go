package tabular_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/xuri/excelize/v2"
)

const sheetPart = "xl/worksheets/sheet1.xml"

// rewriteZip copies the zip at path to a new file, letting edit replace the
// data of any part (nil keeps it), and returns the new file's path.
func rewriteZip(t *testing.T, path string, edit func(name string, data []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		if d := edit(zf.Name, data); d != nil {
			data = d
		}
		w, err := zw.Create(zf.Name)
		must(t, err)
		_, err = w.Write(data)
		must(t, err)
	}
	must(t, zw.Close())
	return writeFile(t, "edited.xlsx", out.Bytes())
}

// bigWorkbook has a sheet of n rows, so damage in the middle of it is not
// seen by reading the first rows.
func bigWorkbook(t *testing.T, n int) string {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(t, err)
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		must(t, sw.SetRow(cell, []any{"1000", i, "tekst"}))
	}
	must(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "big.xlsx")
	must(t, f.SaveAs(path))
	return path
}

func TestHostileXLSX(t *testing.T) {
	valid := workbook(t, sheetData{name: "S", cells: [][2]any{{"A1", "a"}, {"B2", 2.5}}})
	data, err := os.ReadFile(valid)
	must(t, err)

	t.Run("text named xlsx", func(t *testing.T) {
		err := openErr(writeFile(t, "b.xlsx", []byte("Konto;Beløp\n1000;1\n")), tabular.Options{})
		wantInvalid(t, err, "b.xlsx is not a readable xlsx file", "damaged or truncated")
	})
	t.Run("truncated", func(t *testing.T) {
		err := openErr(writeFile(t, "half.xlsx", data[:len(data)/2]), tabular.Options{})
		wantInvalid(t, err, "half.xlsx is not a readable xlsx file", "damaged or truncated")
	})
	t.Run("garbage sheet XML", func(t *testing.T) {
		path := rewriteZip(t, valid, func(name string, _ []byte) []byte {
			if name == sheetPart {
				return []byte("this is <<< not xml")
			}
			return nil
		})
		wantInvalid(t, openErr(path, tabular.Options{}), "edited.xlsx is not a readable xlsx file", sheetPart)
	})
	t.Run("sheet XML cut in the middle", func(t *testing.T) {
		path := rewriteZip(t, bigWorkbook(t, 5000), func(name string, d []byte) []byte {
			if name == sheetPart {
				return d[:len(d)/2]
			}
			return nil
		})
		tab, err := tabularOpen(path)
		must(t, err)
		defer tab.Close()
		rows, err := drain(tab)
		wantInvalid(t, err, "edited.xlsx is not a readable xlsx file", "damaged near line")
		if len(rows) == 0 || len(rows) >= 5000 {
			t.Errorf("%d rows before the error", len(rows))
		}
	})
	t.Run("sizes that lie", func(t *testing.T) {
		path := lyingZip(t, bigWorkbook(t, 5000))
		wantInvalid(t, openErr(path, tabular.Options{}), "lying.xlsx is not a readable xlsx file")
	})
	t.Run("encrypted", func(t *testing.T) {
		f := excelize.NewFile()
		must(t, f.SetCellValue("Sheet1", "A1", 1))
		path := filepath.Join(t.TempDir(), "hemmelig.xlsx")
		must(t, f.SaveAs(path, excelize.Options{Password: "passord"}))
		wantInvalid(t, openErr(path, tabular.Options{}), "hemmelig.xlsx is password-protected", "Encrypt with Password")
	})
	t.Run("encrypted, crafted", func(t *testing.T) {
		path := writeFile(t, "e.xlsx", oleFile("EncryptionInfo", "EncryptedPackage"))
		wantInvalid(t, openErr(path, tabular.Options{}), "e.xlsx is password-protected")
	})
	t.Run("xls", func(t *testing.T) {
		path := writeFile(t, "gammel.xls", oleFile("Workbook"))
		wantInvalid(t, openErr(path, tabular.Options{}), "gammel.xls is an old binary Excel file (.xls)", "save it as .xlsx")
	})
	t.Run("other OLE file", func(t *testing.T) {
		path := writeFile(t, "notat.doc", oleFile("WordDocument"))
		wantInvalid(t, openErr(path, tabular.Options{}), "notat.doc is an old Microsoft Office file but not an Excel workbook")
	})
}

func tabularOpen(path string) (*tabular.Table, error) {
	return tabular.Open(context.Background(), path, tabular.Options{})
}

// oleFile crafts the start of an OLE2 compound file whose directory names
// the streams given. It is no valid compound file, which the detection by
// scanning does not need.
func oleFile(streams ...string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		entry := make([]byte, 128)
		for i, c := range []byte(s) {
			entry[2*i] = c
		}
		b = append(b, entry...)
	}
	return b
}

// lyingZip rewrites the sheet of path with a declared size of a tenth of
// its real one: archive/zip and the checks must not trust the declaration.
func lyingZip(t *testing.T, path string) string {
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		h := zf.FileHeader
		if zf.Name == sheetPart {
			h.UncompressedSize64 /= 10
		}
		raw, err := zf.OpenRaw()
		must(t, err)
		w, err := zw.CreateRaw(&h)
		must(t, err)
		_, err = io.Copy(w, raw)
		must(t, err)
	}
	must(t, zw.Close())
	return writeFile(t, "lying.xlsx", out.Bytes())
}

// bombZip is an xlsx-looking zip whose sheet declares it unpacks to size
// bytes of zeros; its data is real deflate of a few MB of zeros.
func bombZip(t *testing.T, size uint64) []byte {
	var zeros bytes.Buffer
	fw, err := flate.NewWriter(&zeros, flate.BestCompression)
	must(t, err)
	_, err = fw.Write(make([]byte, 8<<20))
	must(t, err)
	must(t, fw.Close())
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, err := zw.Create("[Content_Types].xml")
	must(t, err)
	_, err = w.Write([]byte("<Types/>"))
	must(t, err)
	w, err = zw.CreateRaw(&zip.FileHeader{Name: sheetPart, Method: zip.Deflate,
		CompressedSize64: uint64(zeros.Len()), UncompressedSize64: size})
	must(t, err)
	_, err = w.Write(zeros.Bytes())
	must(t, err)
	must(t, zw.Close())
	return out.Bytes()
}

func TestZipBomb(t *testing.T) {
	for _, size := range []uint64{1 << 30, 16 << 30} {
		t.Run(fmt.Sprint(size>>30, " GiB"), func(t *testing.T) {
			path := writeFile(t, "bomb.xlsx", bombZip(t, size))
			start := time.Now()
			err := openErr(path, tabular.Options{})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			wantInvalid(t, err, "bomb.xlsx is refused", "zip bomb", "--max-size")
		})
	}
	t.Run("honest zeros", func(t *testing.T) {
		// A real deflate bomb, sizes and all, of 300 MB of zeros: it
		// takes a moment to build, but checks what a real one does.
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		w, err := zw.Create("[Content_Types].xml")
		must(t, err)
		w.Write([]byte("<Types/>"))
		w, err = zw.Create(sheetPart)
		must(t, err)
		zero := make([]byte, 1<<20)
		for range 300 {
			_, err = w.Write(zero)
			must(t, err)
		}
		must(t, zw.Close())
		path := writeFile(t, "bomb.xlsx", out.Bytes())
		start := time.Now()
		err = openErr(path, tabular.Options{})
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
		wantInvalid(t, err, "bomb.xlsx is refused", "zip bomb")
	})
}

func TestHostileFiles(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	odsZip := func() []byte {
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		w, _ := zw.Create("mimetype")
		w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
		zw.Close()
		return out.Bytes()
	}
	hugeCell := "a;\"" + strings.Repeat("x", 2<<20) + "\"\n"
	cases := []struct {
		name  string
		data  []byte
		opts  tabular.Options
		parts []string
	}{
		{"empty.csv", nil, tabular.Options{}, []string{"empty.csv is empty"}},
		{"empty.xlsx", nil, tabular.Options{}, []string{"empty.xlsx is empty"}},
		{"binary.csv", random, tabular.Options{}, []string{"binary.csv: unknown or binary encoding"}},
		{"ctrl.csv", bytes.Repeat([]byte("a\x01\x02;b\x03\n"), 50), tabular.Options{}, []string{"unknown or binary encoding"}},
		{"dos.csv", []byte("Konto;Tekst\n1000;\x8Fsane \x9Dst\n"), tabular.Options{}, []string{"unknown or binary encoding"}},
		{"huge.csv", []byte(hugeCell), tabular.Options{}, []string{"huge.csv row 1 column B: cell too large"}},
		{"hugeline.csv", []byte("a;b\n" + strings.Repeat("y", 2<<20) + "\n"), tabular.Options{}, []string{"hugeline.csv row 2", "cell too large"}},
		{"unclosed.csv", []byte("a;\"b\n" + strings.Repeat("1000;2000;3000\n", 100000)), tabular.Options{}, []string{"unclosed.csv row 1 column B: cell too large"}},
		{"big.csv", []byte("a;b\n1;2\n"), tabular.Options{MaxSize: 4}, []string{"big.csv is 8 bytes, larger than the limit of 4 bytes", "--max-size"}},
		{"r.pdf", []byte("%PDF-1.7\n..."), tabular.Options{}, []string{"r.pdf is a PDF"}},
		{"r.xls", []byte("<html><table><tr><td>1</td></tr></table></html>"), tabular.Options{}, []string{"r.xls is a web page or XML file"}},
		{"r.ods", odsZip(), tabular.Options{}, []string{"r.ods is an OpenDocument spreadsheet (.ods)"}},
		{"zip.csv", odsZip(), tabular.Options{Format: "csv"}, []string{"zip.csv is a zip archive"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantInvalid(t, openErr(writeFile(t, c.name, c.data), c.opts), c.parts...)
		})
	}
	t.Run("missing", func(t *testing.T) {
		wantInvalid(t, openErr(filepath.Join(t.TempDir(), "nope.csv"), tabular.Options{}), "nope.csv does not exist")
	})
	t.Run("folder", func(t *testing.T) {
		wantInvalid(t, openErr(t.TempDir(), tabular.Options{}), "is a folder")
	})
}
