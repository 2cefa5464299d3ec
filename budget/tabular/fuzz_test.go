package tabular_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// seeds are the shapes of text the reader meets, for both fuzzers.
var seeds = []string{
	"",
	norsk,
	"\xEF\xBB\xBFsep=;\r\na;b\r\n",
	"\xFF\xFEa\x00;\x00b\x00\n\x00",
	"\xFE\xFF\x00a\x00;\x00b\x00\n",
	"a\x00;\x00b\x00\n\x00",
	"\x00a\x00;\x00b\x00\n",
	"Konto;Tekst\n1000;\xE6\xF8\xE5\n",
	"Konto;Tekst\n1000;\x8F\x9D\n",
	"sep=,\na;b,c\n",
	"sep=\\t\na\tb\n",
	"a\tb\n1\t2\n",
	"a,b,c\n1,2,3\n",
	"\"a;b\";\"c\"\"d\";\"e\nf\"\n",
	"\"open\n",
	"a;\"b\"c;d\n\"",
	"\r\r\r\n\n",
	"\x01\x02\x03binary\x04",
	"\xFF\xFE\x00\x00",
	"1001;232;100;\"b;6\n1002;232;100;c;7\n",
	"a;b\r1;2\r\r3;4",
	"a;b\n1;\xE6\n2;\xC3\xB8\n",
}

var (
	encodings  = map[string]bool{"utf-8": true, "utf-8-bom": true, "utf-16le": true, "utf-16be": true, "windows-1252": true}
	separators = map[rune]bool{';': true, ',': true, '\t': true, '|': true}
)

func FuzzSniff(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, head []byte) {
		enc, sep, skip, err := tabular.Sniff(head)
		if err != nil {
			var e *budget.Error
			if !errors.As(err, &e) || e.Code != budget.EINVALID {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if !encodings[enc] || !separators[sep] {
			t.Fatalf("Sniff gave %q %q %v", enc, sep, skip)
		}
	})
}

// FuzzCSV reads whole files: no input may panic, hang or fail with anything
// but a user error.
func FuzzCSV(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := tabular.Open(context.Background(), path, tabular.Options{Format: "csv"})
		if err != nil {
			checkUserErr(t, err)
			return
		}
		defer tab.Close()
		last := 0
		for n := 0; n <= len(data)+1; n++ {
			row, err := tab.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkUserErr(t, err)
				return
			}
			if row.Number <= last || len(row.Cells) == 0 {
				t.Fatalf("row %d after %d with %d cells", row.Number, last, len(row.Cells))
			}
			last = row.Number
		}
		t.Fatalf("more rows than bytes")
	})
}

func checkUserErr(t *testing.T, err error) {
	t.Helper()
	var e *budget.Error
	if !errors.As(err, &e) || e.Code != budget.EINVALID {
		t.Fatalf("error %T %v", err, err)
	}
}

// FuzzSheetXML feeds arbitrary bytes to the sheet scanner as the XML of a
// worksheet: no input may panic or hang, and the rows it returns must keep
// the Row contract.
func FuzzSheetXML(f *testing.F) {
	for _, s := range []string{
		sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5</v></c></row><row><c t="inlineStr"><is><r><t>a&amp;b</t></r><rPh><t>x</t></rPh></is></c></row>`),
		sheetXML(`<row r="3"/><row r="4"><c r="B4" t="str"><f>1</f><v><![CDATA[x]]></v></c><c/></row>`),
		`<x:worksheet xmlns:x="u"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w [<!ENTITY e "x">]><worksheet><!-- c --><sheetData><row r='2'><c r='A2' t='b'><v>&#x31;</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="XFD1"><v>_x0041_</v></c></row>`,
		"\xEF\xBB\xBF<worksheet/>",
		`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="3"><mergeCell ref="A1:A2"/><mergeCell ref="B1:Z9"></mergeCell><mergeCell ref="bad"/><mergeCell ref="XFD1048576:A1"/></mergeCells></worksheet>`,
		`this is <<< not xml`,
		sheetXML(`<row r="1"><c r="C1" t="e"><v>#I/T</v></c><c r="A1" t="e"><v>#REF!</v></c><c t="e"/><c r="B1" t="e"><v></v></c></row>`),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := tabular.ScanSheet(data, []string{"a", "b"})
		if err != nil {
			return
		}
		for _, r := range rows {
			n := len(r.Cells)
			if r.Number < 1 || r.Number > 1<<20 || n == 0 || n > 1<<14 || r.Cells[n-1] == "" {
				t.Fatalf("row %d with %d cells %q", r.Number, n, r.Cells)
			}
			// Error columns ascend, and each is a non-empty cell of the row.
			for i, c := range r.Errors {
				if c < 0 || c >= n || r.Cells[c] == "" || (i > 0 && r.Errors[i-1] >= c) {
					t.Fatalf("row %d: error columns %v over cells %q", r.Number, r.Errors, r.Cells)
				}
			}
		}
	})
}
