package indicatorfile_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
)

// rowsOf splits text into rows: lines, and cells at ';'.
func rowsOf(s string) []tabular.Row {
	var rows []tabular.Row
	for i, line := range strings.Split(s, "\n") {
		rows = append(rows, tabular.Row{Number: i + 1, Cells: strings.Split(line, ";")})
	}
	return rows
}

func TestDetectLayout(t *testing.T) {
	for _, c := range []struct {
		in      string
		kind    string
		headers int
	}{
		{"Geografi;År;Andel\nSentrum;2024;10", "long", 1},
		{"Tittel\n\nKommunenummer;Geografi;År;Alder;Andel;Antall\n0301;Oslo;2024;alle;1;2", "long", 1},
		{"Sted;Alder;2013-2015;2014-2016\nHorten;0-17 år;10;11", "wide", 1},
		{"Kommune;Andel (2021-2023);Label\nBamble;10;Bamble", "wide", 1},
		{"Bydel;Kjønn;2019;;2020;\n;;Andel;Antall;Andel;Antall\nSentrum;Alle;1;2;3;4", "wide", 2},
		{";;2019;;2020;\nBydel;Kjønn;Andel;Antall;Andel;Antall\nSentrum;Alle;1;2;3;4", "wide", 2},
	} {
		kind, n, err := indicatorfile.DetectLayout(rowsOf(c.in))
		if err != nil || kind != c.kind || n != c.headers {
			t.Errorf("%q: %s with %d header rows, %v; want %s with %d", c.in, kind, n, err, c.kind, c.headers)
		}
	}
	if _, _, err := indicatorfile.DetectLayout(rowsOf("a;b\n1;2")); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("no header: %v", err)
	}
}

// FuzzDetectLayout checks that header and layout detection never panics,
// and that whatever it finds is a layout it knows with one or two header
// rows, or an EINVALID error.
func FuzzDetectLayout(f *testing.F) {
	for _, s := range []string{
		"Geografi;År;Andel\nSentrum;2024;10",
		"Bydel;Kjønn;2019;;2020;\n;;Andel;Antall;Andel;Antall\nSentrum;Alle;1;2;3;4",
		";;2019;;2020;\nBydel;Kjønn;Andel;Antall;Andel;Antall",
		"Sted;Alder;2013-2015;2018-2020   \n;Gjennomsnitt;1;2",
		"Kommune;Andel (2021-2023);Label",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		kind, n, err := indicatorfile.DetectLayout(rowsOf(s))
		if err != nil {
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Fatalf("error of code %s: %v", budget.ErrorCode(err), err)
			}
			return
		}
		if (kind != "long" && kind != "wide") || n < 1 || n > 2 {
			t.Fatalf("layout %q with %d header rows", kind, n)
		}
	})
}
