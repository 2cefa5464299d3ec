package tabular_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const norsk = "Ansvar;Tekst;Beløp\n1000;Æøå skole;12,50\n"

func utf16(t *testing.T, s string, e unicode.Endianness, bom bool) []byte {
	t.Helper()
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	b, err := unicode.UTF16(e, policy).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSVEncodings(t *testing.T) {
	cp, err := charmap.Windows1252.NewEncoder().Bytes([]byte(norsk))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", []byte(norsk)},
		{"utf-8 bom", "utf-8-bom", append([]byte("\xEF\xBB\xBF"), norsk...)},
		{"utf-16le bom", "utf-16le", utf16(t, norsk, unicode.LittleEndian, true)},
		{"utf-16le", "utf-16le", utf16(t, norsk, unicode.LittleEndian, false)},
		{"utf-16be bom", "utf-16be", utf16(t, norsk, unicode.BigEndian, true)},
		{"utf-16be", "utf-16be", utf16(t, norsk, unicode.BigEndian, false)},
		{"windows-1252", "windows-1252", cp},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, rows := readAll(t, writeFile(t, "b.csv", c.data), tabular.Options{})
			if tab.Encoding() != c.enc || tab.Separator() != ';' || tab.Format() != "csv" || tab.Sheet() != "" {
				t.Errorf("got %s %q %s %q", tab.Encoding(), tab.Separator(), tab.Format(), tab.Sheet())
			}
			checkRows(t, rows,
				want{1, []string{"Ansvar", "Tekst", "Beløp"}},
				want{2, []string{"1000", "Æøå skole", "12,50"}})
		})
	}
}

// An ERP export is often ASCII for thousands of lines before the first æ.
func TestCSVLateWindows1252(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Konto;Tekst\n")
	for b.Len() < 100<<10 {
		b.WriteString("1000;Skole\n")
	}
	b.WriteString("1001;Barneh\xE6ge\n")
	tab, rows := readAll(t, writeFile(t, "b.csv", b.Bytes()), tabular.Options{})
	last := rows[len(rows)-1]
	if last.Cells[1] != "Barnehæge" || tab.Encoding() != "windows-1252" {
		t.Errorf("got %q in %s", last.Cells, tab.Encoding())
	}
}

func TestCSVMixedEncodings(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Konto;Tekst\n1000;Barnehøge\n")
	for b.Len() < 100<<10 {
		b.WriteString("1000;Skole\n")
	}
	b.WriteString("1001;Barneh\xE6ge\n")
	err := openErr(writeFile(t, "b.csv", b.Bytes()), tabular.Options{})
	wantInvalid(t, err, "b.csv row", "not valid UTF-8")
}

func TestCSVSeparators(t *testing.T) {
	cases := []struct {
		name, data string
		sep        rune
		rows       []want
	}{
		{"semicolon with decimal commas", "Konto;Beløp\n1000;12,50\n1001;3,00\n", ';',
			[]want{{1, []string{"Konto", "Beløp"}}, {2, []string{"1000", "12,50"}}, {3, []string{"1001", "3,00"}}}},
		{"comma", "a,b,c\n1,2,3\n", ',', []want{{1, []string{"a", "b", "c"}}, {2, []string{"1", "2", "3"}}}},
		{"tab", "a\tb,c\n1\t2,5\n", '\t', []want{{1, []string{"a", "b,c"}}, {2, []string{"1", "2,5"}}}},
		{"single column", "Konto\n1000\n", ';', []want{{1, []string{"Konto"}}, {2, []string{"1000"}}}},
		{"title line then data", "Budsjett 2025\na,b\n1,2\n3,4\n", ',',
			[]want{{1, []string{"Budsjett 2025"}}, {2, []string{"a", "b"}}, {3, []string{"1", "2"}}, {4, []string{"3", "4"}}}},
		{"sep= line", "sep=,\na;b,c\n", ',', []want{{2, []string{"a;b", "c"}}}},
		{"sep= tab", "sep=\t\na;b\tc\n", '\t', []want{{2, []string{"a;b", "c"}}}},
		{"sep= backslash t", "SEP=\\t\r\na;b\tc\r\n", '\t', []want{{2, []string{"a;b", "c"}}}},
		{"quoted separators count as one field", "\"a;b\",c\n\"1;2\",3\n", ',',
			[]want{{1, []string{"a;b", "c"}}, {2, []string{"1;2", "3"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, rows := readAll(t, writeFile(t, "s.txt", []byte(c.data)), tabular.Options{})
			if tab.Separator() != c.sep {
				t.Errorf("separator %q, want %q", tab.Separator(), c.sep)
			}
			checkRows(t, rows, c.rows...)
		})
	}
}

func TestCSVParsing(t *testing.T) {
	cases := []struct {
		name, data string
		rows       []want
	}{
		{"quotes", "\"a;b\";\"say \"\"hi\"\"\";\"\"\n",
			[]want{{1, []string{"a;b", `say "hi"`, ""}}}},
		{"newline in quotes", "\"two\r\nlines\";x\nnext;y\n",
			[]want{{1, []string{"two\nlines", "x"}}, {3, []string{"next", "y"}}}},
		{"mixed line endings", "a;b\r\nc;d\ne;f\r\n",
			[]want{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}, {3, []string{"e", "f"}}}},
		{"no final newline", "a;b\nc;d",
			[]want{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}},
		{"ragged rows", "a;b;c\n1\n1;2;3;4\n;\n",
			[]want{{1, []string{"a", "b", "c"}}, {2, []string{"1"}}, {3, []string{"1", "2", "3", "4"}}, {4, []string{"", ""}}}},
		{"blank lines skipped, numbers kept", "a;b\n\n\r\nc;d\n\n",
			[]want{{1, []string{"a", "b"}}, {4, []string{"c", "d"}}}},
		{"stray quotes kept", "\"Tekst med \"sitat\" inni\";100\nab\"c;d\n",
			[]want{{1, []string{`Tekst med "sitat" inni`, "100"}}, {2, []string{`ab"c`, "d"}}}},
		{"trailing separator", "a;b;\n", []want{{1, []string{"a", "b", ""}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rows := readAll(t, writeFile(t, "p.csv", []byte("sep=;\n"+c.data)), tabular.Options{})
			for i := range c.rows {
				c.rows[i].num++ // the sep= line
			}
			checkRows(t, rows, c.rows...)
		})
	}
}

func TestCSVProgressAndFormat(t *testing.T) {
	data := []byte(strings.Repeat("1000;2000\n", 1000))
	path := writeFile(t, "data.dat", data)
	tab, rows := readAll(t, path, tabular.Options{Format: "csv"})
	done, total := tab.Progress()
	if len(rows) != 1000 || done != total || total != int64(len(data)) {
		t.Errorf("rows %d, progress %d/%d", len(rows), done, total)
	}
	_, err := tabular.Open(context.Background(), path, tabular.Options{Format: "ods"})
	wantInvalid(t, err, "unknown format", "data.dat")
}

func TestCSVContext(t *testing.T) {
	path := writeFile(t, "c.csv", []byte(strings.Repeat("1;2\n", 5000)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tabular.Open(ctx, path, tabular.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Open on a done context: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	tab, err := tabular.Open(ctx, path, tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if _, err := tab.Next(); err != nil {
		t.Fatal(err)
	}
	cancel()
	n := 0
	for ; err == nil; n++ {
		_, err = tab.Next()
	}
	if !errors.Is(err, context.Canceled) || n > 1001 {
		t.Errorf("after %d rows: %v", n, err)
	}
	if _, again := tab.Next(); again != err {
		t.Errorf("error not sticky: %v", again)
	}
}
