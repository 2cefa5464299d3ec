package tabular_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/xuri/excelize/v2"
)

// TestCSV_UnterminatedQuote: a quote that opens a cell and never closes
// swallowed the rows after it into one cell, and the import said nothing
// (four lines in, one imported). It is an error naming the row where the
// quote opened.
func TestCSV_UnterminatedQuote(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"the issue's file", "ansvar;funksjon;art;tekst;2027\n1000;232;100;a;5\n1001;232;100;\"b;6\n1002;232;100;c;7\n1003;232;100;d;8\n", "row 3 column D"},
		{"after a multi-line cell", "a;b\n\"two\nlines\";1\nx;\"open\ny;2\n", "row 4 column B"},
		{"first cell", "a;b\n\"open;1\n2;3\n", "row 2 column A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := openErr(writeFile(t, "q.csv", []byte(c.data)), tabular.Options{})
			wantInvalid(t, err, "q.csv "+c.want, "never closed")
		})
	}
	t.Run("multi-line cells that close still read", func(t *testing.T) {
		_, rows := readAll(t, writeFile(t, "ok.csv", []byte("a;\"b\nc\";d\ne;f\n")), tabular.Options{})
		checkRows(t, rows, want{1, []string{"a", "b\nc", "d"}}, want{3, []string{"e", "f"}})
	})
}

// TestCSV_LoneCR: old Mac line ends (a lone CR) were not line ends, so the
// whole file was one row.
func TestCSV_LoneCR(t *testing.T) {
	cases := []struct{ name, data string }{
		{"lone CR", "Konto;Beløp\r1000;12,50\r\r1001;3,00\r"},
		{"lone CR without a final one", "Konto;Beløp\r1000;12,50\r\r1001;3,00"},
		{"mixed with CRLF and LF", "Konto;Beløp\r\n1000;12,50\r\r\n1001;3,00\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, rows := readAll(t, writeFile(t, "cr.csv", []byte(c.data)), tabular.Options{})
			if tab.Separator() != ';' {
				t.Errorf("separator %q", tab.Separator())
			}
			checkRows(t, rows, want{1, []string{"Konto", "Beløp"}}, want{2, []string{"1000", "12,50"}}, want{4, []string{"1001", "3,00"}})
		})
	}
	t.Run("one lone CR after a megabyte of CRLF", func(t *testing.T) {
		var b bytes.Buffer
		for b.Len() < 3<<19 {
			b.WriteString("1000;Skole\r\n")
		}
		n := strings.Count(b.String(), "\n")
		b.WriteString("1001;A\r1002;B\r\n")
		_, rows := readAll(t, writeFile(t, "late.csv", b.Bytes()), tabular.Options{})
		if len(rows) != n+2 || rows[n].Cells[1] != "A" || rows[n+1].Cells[0] != "1002" {
			t.Fatalf("%d rows, want %d; last %q", len(rows), n+2, rows[len(rows)-1].Cells)
		}
	})
	t.Run("CR at every read boundary", func(t *testing.T) {
		// Lines of 64 KiB put a CR at the end of reads of the bufio buffer.
		var b bytes.Buffer
		for i := 0; i < 20; i++ {
			fmt.Fprintf(&b, "%d;%s\r", i, strings.Repeat("x", 64<<10-len(fmt.Sprint(i))-2))
		}
		_, rows := readAll(t, writeFile(t, "big.csv", b.Bytes()), tabular.Options{})
		if len(rows) != 20 || rows[19].Number != 20 || rows[19].Cells[0] != "19" {
			t.Fatalf("%d rows", len(rows))
		}
	})
}

// TestCSV_Encoding: the encoding is decided from the whole file, so an
// invalid byte in a UTF-8 file is an error naming its row and offset (it
// used to switch the rest of the file to Windows-1252 when the first
// non-ASCII byte came after the sniffed head), while a true Windows-1252
// file, with many high bytes that never form UTF-8, still reads.
func TestCSV_Encoding(t *testing.T) {
	asciiHead := func() *bytes.Buffer {
		var b bytes.Buffer
		b.WriteString("Konto;Tekst\n")
		for b.Len() < 100<<10 {
			b.WriteString("1000;Skole\n")
		}
		return &b
	}
	t.Run("stray byte after the head, UTF-8 after it", func(t *testing.T) {
		b := asciiHead()
		lines := strings.Count(b.String(), "\n")
		off := b.Len() + len("1001;Barneh")
		b.WriteString("1001;Barneh\xE6ge\n1002;Barnehøge\n")
		err := openErr(writeFile(t, "u.csv", b.Bytes()), tabular.Options{})
		wantInvalid(t, err, fmt.Sprintf("u.csv row %d", lines+1), fmt.Sprintf("byte 0xE6 at byte offset %d", off), "not valid UTF-8")
	})
	t.Run("stray byte before UTF-8 in the head", func(t *testing.T) {
		err := openErr(writeFile(t, "u.csv", []byte("a;b\r\n1;\xF8\r2;ø\n")), tabular.Options{})
		wantInvalid(t, err, "u.csv row 2", "byte 0xF8 at byte offset 7")
	})
	t.Run("BOM and a stray byte", func(t *testing.T) {
		err := openErr(writeFile(t, "u.csv", []byte("\xEF\xBB\xBFa;b\n1;\xE6\n")), tabular.Options{})
		wantInvalid(t, err, "u.csv row 2", "byte 0xE6 at byte offset 9")
	})
	t.Run("true Windows-1252", func(t *testing.T) {
		b := asciiHead()
		b.WriteString("1001;Bjørnåsen \xE6\xF8\xE5 \xC6\xD8\xC5 \xAB\xBB \x80\n")
		tab, rows := readAll(t, writeFile(t, "w.csv", []byte(strings.ReplaceAll(b.String(), "Bjørnåsen", "Bj\xF8rn\xE5sen"))), tabular.Options{})
		if got := rows[len(rows)-1].Cells[1]; got != "Bjørnåsen æøå ÆØÅ «» €" || tab.Encoding() != "windows-1252" {
			t.Errorf("got %q in %s", got, tab.Encoding())
		}
	})
	t.Run("UTF-8 only after the head", func(t *testing.T) {
		b := asciiHead()
		b.WriteString("1001;Barnehøge\n")
		tab, rows := readAll(t, writeFile(t, "u8.csv", b.Bytes()), tabular.Options{})
		if got := rows[len(rows)-1].Cells[1]; got != "Barnehøge" || tab.Encoding() != "utf-8" {
			t.Errorf("got %q in %s", got, tab.Encoding())
		}
	})
}

// TestXLSX_FormulaWithoutValue: a formula cell whose value was never
// calculated (a workbook written by a script) was read as empty and its
// row skipped as having no amount. It is an error that says what to do.
func TestXLSX_FormulaWithoutValue(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"ansvar", "funksjon", "art", "2027"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"1000", "232", "010", 100})
	f.SetSheetRow("Sheet1", "A3", &[]any{"1000", "232", "011"})
	if err := f.SetCellFormula("Sheet1", "D3", "D2*2"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	err := openErr(writeFile(t, "f.xlsx", b.Bytes()), tabular.Options{})
	wantInvalid(t, err, `f.xlsx sheet "Sheet1" row 3 column D`, "formula", "open the file in Excel or LibreOffice, save it")

	t.Run("a formula with its value reads", func(t *testing.T) {
		rows, err := tabular.ScanSheet([]byte(`<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>""</f><v></v></c></row></sheetData></worksheet>`), nil)
		if err != nil || len(rows) != 1 || rows[0].Cells[0] != "2" {
			t.Errorf("rows %+v, %v", rows, err)
		}
	})
}
