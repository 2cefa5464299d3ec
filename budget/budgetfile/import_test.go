package budgetfile_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// rows is a table in memory. It reuses its Cells slice between calls, as
// tabular may.
type rows struct {
	rs  [][]string
	i   int
	buf []string
}

func (r *rows) Next() (tabular.Row, error) {
	if r.i >= len(r.rs) {
		return tabular.Row{}, io.EOF
	}
	r.buf = append(r.buf[:0], r.rs[r.i]...)
	r.i++
	return tabular.Row{Number: r.i, Cells: r.buf}, nil
}

// table splits lines on ';' into rows numbered from 1.
func table(lines ...string) *rows {
	r := &rows{}
	for _, l := range lines {
		if l == "" {
			r.rs = append(r.rs, nil)
			continue
		}
		r.rs = append(r.rs, strings.Split(l, ";"))
	}
	return r
}

// run imports rows in memory and returns the result and lines.
func run(t *testing.T, src *rows, opts budgetfile.Options) (*budgetfile.Result, []*budget.Line) {
	t.Helper()
	res, lines, err := runErr(src, "csv", opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	checkAccounted(t, res)
	return res, lines
}

func runErr(src interface{ Next() (tabular.Row, error) }, format string, opts budgetfile.Options) (*budgetfile.Result, []*budget.Line, error) {
	if opts.Name == "" {
		opts.Name = "test.csv"
	}
	var lines []*budget.Line
	res, err := budgetfile.ImportRows(context.Background(), src, format, opts, func(l *budget.Line) error {
		lines = append(lines, l)
		return nil
	})
	return res, lines, err
}

func TestHeaderBelowTitleRows(t *testing.T) {
	res, lines := run(t, table(
		"Budsjett 2027 for Eksempel kommune",
		"Utskrift 01.12.2026;;;",
		"",
		"Ansvar;Tjeneste;Art;Beløp",
		"1100;20210;10100;1 000",
		"1100;232;010;-250,50",
	), budgetfile.Options{Year: 2027})
	if res.ErrorCount > 0 {
		t.Fatalf("errors %+v", res.Errors)
	}
	if res.Skipped["title"] != 2 || res.Skipped["blank"] != 1 || res.Skipped["header"] != 1 || res.Lines != 2 {
		t.Errorf("skipped %v lines %d", res.Skipped, res.Lines)
	}
	l := lines[0]
	if l.Row != 5 || l.Ansvar != "1100" || l.Funksjon != "202" || l.Tjeneste != "20210" || l.Art != "101" || l.Konto != "10100" {
		t.Errorf("line %+v", l)
	}
	if lines[1].Funksjon != "232" || lines[1].Tjeneste != "" || lines[1].Art != "010" || lines[1].Konto != "" {
		t.Errorf("line %+v", lines[1])
	}
	wantTotals(t, res, map[budget.Key]int64{key(2027, budget.Vedtatt): 100000 - 25050})
}

func TestMapHeader(t *testing.T) {
	v := budget.Vedtatt
	tests := []struct {
		name    string
		cells   []string
		ok      bool
		columns budgetfile.Columns
		amounts []budgetfile.AmountColumn
		version budget.Version
	}{
		{"nynorsk", []string{"prosjekt", "prosjekt_tekst", "teneste", "teneste_tekst", "konto", "konto_tekst", "rekneskap_2011", "budsjett_2012", "Vedteke budsjett 2013"}, true,
			budgetfile.Columns{Funksjon: "teneste", Art: "konto", Prosjekt: "prosjekt"},
			[]budgetfile.AmountColumn{{"rekneskap_2011", 2011, budget.Regnskap}, {"budsjett_2012", 2012, v}, {"Vedteke budsjett 2013", 2013, v}}, ""},
		{"ae oe aa spelled out", []string{"ANSVARSSTED", "Funksjonsomraade", "Artskonto", "Beloep"}, true,
			budgetfile.Columns{Ansvar: "ANSVARSSTED", Funksjon: "Funksjonsomraade", Art: "Artskonto", Amount: "Beloep"}, nil, v},
		{"å as a", []string{"funksjonsomrade", "funksjonaomrade_tekst", "nok"}, true,
			budgetfile.Columns{Funksjon: "funksjonsomrade", Amount: "nok"}, nil, v},
		{"year columns", []string{"Ansvar", "Tjeneste-tekst", "Tjeneste", "Budsjett 2027", "Vedtatt budsjett 2026", "Regnskap 2025", "Revidert budsjett 2025", "Forslag 2027 ", "Økonomiplan 2028", "ØP 2029", "2030"}, true,
			budgetfile.Columns{Ansvar: "Ansvar", Funksjon: "Tjeneste"},
			[]budgetfile.AmountColumn{{"Budsjett 2027", 2027, v}, {"Vedtatt budsjett 2026", 2026, v}, {"Regnskap 2025", 2025, budget.Regnskap},
				{"Revidert budsjett 2025", 2025, budget.Revidert}, {"Forslag 2027", 2027, budget.Forslag}, {"Økonomiplan 2028", 2028, v}, {"ØP 2029", 2029, v}, {"2030", 2030, v}}, ""},
		{"per-row year", []string{"År", "Funksjon", "Art", "Beløp i kr"}, true,
			budgetfile.Columns{Funksjon: "Funksjon", Art: "Art", Amount: "Beløp i kr", Year: "År"}, nil, v},
		{"regnskap column without year", []string{"Funksjon", "Art", "Regnskap"}, true,
			budgetfile.Columns{Funksjon: "Funksjon", Art: "Art", Amount: "Regnskap"}, nil, budget.Regnskap},
		{"funksjon and tjeneste", []string{"funksjon", "tjeneste", "art", "konto", "beløp"}, true,
			budgetfile.Columns{Funksjon: "funksjon", Tjeneste: "tjeneste", Art: "art", Konto: "konto", Amount: "beløp"}, nil, v},
		{"title row", []string{"Budsjett 2027 for Bø kommune"}, false, budgetfile.Columns{}, nil, ""},
		{"no amount", []string{"Ansvar", "Tjeneste", "Tekst"}, false, budgetfile.Columns{Ansvar: "Ansvar", Funksjon: "Tjeneste"}, nil, ""},
		{"no code", []string{"Tekst", "2013"}, false, budgetfile.Columns{}, []budgetfile.AmountColumn{{"2013", 2013, v}}, ""},
		{"codes are not years", []string{"Art", "1234", "21000"}, false, budgetfile.Columns{Art: "Art"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := budgetfile.MapHeader(tt.cells, "")
			if ok != tt.ok || m.Columns != tt.columns || !reflect.DeepEqual(m.Amounts, tt.amounts) || m.Version != tt.version {
				t.Errorf("MapHeader(%q) = %+v, %v\nwant columns %+v amounts %+v version %q, %v", tt.cells, m, ok, tt.columns, tt.amounts, tt.version, tt.ok)
			}
		})
	}
	// The version given applies where a header names none.
	m, _ := budgetfile.MapHeader([]string{"Tjeneste", "2027", "Regnskap 2025"}, budget.Forslag)
	if m.Amounts[0].Version != budget.Forslag || m.Amounts[1].Version != budget.Regnskap {
		t.Errorf("version: %+v", m.Amounts)
	}
}

func FuzzMapHeader(f *testing.F) {
	f.Add("Ansvar;Tjeneste;Art;Beløp")
	f.Add("prosjekt;teneste;konto;rekneskap_2011;budsjett_2012")
	f.Add("ØP 2029;Regnskap;år;tekst;tekst;;2030")
	f.Fuzz(func(t *testing.T, header string) {
		cells := strings.Split(header, ";")
		m, ok := budgetfile.MapHeader(cells, "")
		if ok && len(m.Amounts) == 0 && m.Columns.Amount == "" {
			t.Fatalf("MapHeader(%q) ok without an amount column: %+v", header, m)
		}
		// A detected mapping is a valid mapping.
		if ok {
			if _, err := m.YAML(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestPerRowYear(t *testing.T) {
	res, lines := run(t, table(
		"år;funksjon;art;beløp",
		"2025;232;010;100",
		"2026;232;010;200",
		"2026;244;010;5",
	), budgetfile.Options{Version: budget.Revidert})
	if len(lines) != 3 || lines[0].Amounts[0].Key != key(2025, budget.Revidert) {
		t.Fatalf("lines %+v", lines)
	}
	wantTotals(t, res, map[budget.Key]int64{key(2025, budget.Revidert): kr(100), key(2026, budget.Revidert): kr(205)})
}

func TestDuplicateHeaders(t *testing.T) {
	res, lines := run(t, table(
		"funksjon;tekst;tekst;2027",
		"232;a;b;1",
	), budgetfile.Options{})
	if res.ErrorCount > 0 {
		t.Fatal(res.Errors)
	}
	want := []budget.Attribute{{Name: "tekst", Value: "a"}, {Name: "tekst (2)", Value: "b"}}
	if !reflect.DeepEqual(lines[0].Attributes, want) {
		t.Errorf("attributes %+v", lines[0].Attributes)
	}
}

func TestMissingColumns(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  *rows
		opts budgetfile.Options
		want string
	}{
		{"no amount", table("Ansvar;Tjeneste;Tekst", "1;232;x"), budgetfile.Options{}, "row 1 has no amount column"},
		{"no code", table("Tekst;2027", "x;1"), budgetfile.Options{}, "row 1 has no code column"},
		{"nothing", table("a;b", "c;d"), budgetfile.Options{}, "no header row found"},
		{"empty", table(), budgetfile.Options{}, "has no rows"},
		{"no year", table("funksjon;beløp", "232;1"), budgetfile.Options{}, "one amount column (beløp) and no year: give --year"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runErr(tt.src, "csv", tt.opts)
			var be *budget.Error
			if !errors.As(err, &be) || be.Code != budget.EINVALID || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "test.csv") {
				t.Errorf("err = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}

func TestSumRows(t *testing.T) {
	res, lines := run(t, table(
		"Ansvar;Funksjon;Tekst;Budsjett 2027",
		"1;201;Barnehage;100",
		"1;202;Skole;200",
		";;Sum oppvekst;300",
		"2;232;Helsestasjon;50",
		";;Sum helse;51",
		";;Totalt;350",
		";;I alt;999",
		"Sum;;;",
	), budgetfile.Options{})
	if len(lines) != 3 || res.Skipped["sum_rows"] != 5 {
		t.Fatalf("lines %d skipped %v", len(lines), res.Skipped)
	}
	k := key(2027, budget.Vedtatt)
	want := []budgetfile.Control{
		{Row: 4, Label: "Sum oppvekst", Key: k, Stated: kr(300), Section: kr(300), Total: kr(300), Difference: 0, OK: true},
		{Row: 6, Label: "Sum helse", Key: k, Stated: kr(51), Section: kr(50), Total: kr(350), Difference: kr(1), OK: false},
		{Row: 7, Label: "Totalt", Key: k, Stated: kr(350), Section: 0, Total: kr(350), Difference: kr(350), OK: true},
		{Row: 8, Label: "I alt", Key: k, Stated: kr(999), Section: 0, Total: kr(350), Difference: kr(999), OK: false},
	}
	if !reflect.DeepEqual(res.Controls, want) {
		t.Errorf("controls\n%+v\nwant\n%+v", res.Controls, want)
	}
	if res.WarningCount != 2 || !strings.Contains(res.Warnings[0], "test.csv row 6") || !strings.Contains(res.Warnings[0], "Sum helse") {
		t.Errorf("warnings %q", res.Warnings)
	}
	// A row labelled Sum that has codes is data (Stavanger).
	res, lines = run(t, table("virksomhetsomraade;art;tjeneste;beloep", "Sum felles;39201;28300;-5"), budgetfile.Options{Year: 2016})
	if len(lines) != 1 || res.Skipped["sum_rows"] != 0 {
		t.Errorf("Sum with codes: lines %d skipped %v", len(lines), res.Skipped)
	}
}

func TestRaggedRows(t *testing.T) {
	res, lines := run(t, table(
		"funksjon;art;2027",
		"232;010;5;extra;",
		"232;010",
		"232;011;1;;",
	), budgetfile.Options{EmptyAmount: budgetfile.EmptySkip})
	if res.ErrorCount > 0 || len(lines) != 2 {
		t.Fatalf("errors %+v lines %d", res.Errors, len(lines))
	}
	if res.WarningCount != 1 || !strings.Contains(res.Warnings[0], "row 2") || !strings.Contains(res.Warnings[0], "(D)") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if res.Skipped["no_amount"] != 1 {
		t.Errorf("skipped %v: an empty amount is not zero", res.Skipped)
	}
}

// TestEmptyAmount: a row with codes and an empty amount was skipped
// without a word, so the total was wrong. It is an error now, unless
// another amount column of the row has a value or the user chose a rule.
func TestEmptyAmount(t *testing.T) {
	oneYear := []string{"ansvar;funksjon;art;Budsjett 2027", "1;232;010;100", "1;232;011;", "2;241;010;50"}
	twoYears := []string{"ansvar;funksjon;art;Budsjett 2027;Budsjett 2028", "1;232;010;100;", "1;232;011;;7", "2;241;010;;"}
	total := func(res *budgetfile.Result, year int) int64 {
		for _, tot := range res.Totals {
			if tot.Key.Year == year {
				return tot.Ore
			}
		}
		return -1
	}
	t.Run("error by default", func(t *testing.T) {
		res, lines := run(t, table(oneYear...), budgetfile.Options{})
		if res.ErrorCount != 1 || res.Errors[0].Row != 3 || res.Errors[0].Column != "D" || !strings.Contains(res.Errors[0].Message, "--empty-amount") {
			t.Fatalf("errors %+v (lines %d), want one naming row 3 column D", res.Errors, len(lines))
		}
	})
	t.Run("zero", func(t *testing.T) {
		res, lines := run(t, table(oneYear...), budgetfile.Options{EmptyAmount: budgetfile.EmptyZero})
		if res.ErrorCount != 0 || len(lines) != 3 || lines[1].Amounts[0].Ore != 0 || res.EmptyAmounts != (budgetfile.EmptyAmounts{Zero: 1}) {
			t.Fatalf("errors %+v lines %d empty %+v", res.Errors, len(lines), res.EmptyAmounts)
		}
		if got := total(res, 2027); got != 150_00 {
			t.Errorf("total %d, want 15000", got)
		}
	})
	t.Run("skip", func(t *testing.T) {
		res, lines := run(t, table(oneYear...), budgetfile.Options{EmptyAmount: budgetfile.EmptySkip})
		if res.ErrorCount != 0 || len(lines) != 2 || res.Skipped["no_amount"] != 1 || res.EmptyAmounts != (budgetfile.EmptyAmounts{Skipped: 1}) {
			t.Fatalf("errors %+v lines %d skipped %v empty %+v", res.Errors, len(lines), res.Skipped, res.EmptyAmounts)
		}
	})
	t.Run("multi-year: one year blank is fine, all blank is not", func(t *testing.T) {
		res, _ := run(t, table(twoYears...), budgetfile.Options{})
		if res.ErrorCount != 1 || res.Errors[0].Row != 4 || res.EmptyAmounts.Partial != 2 {
			t.Fatalf("errors %+v empty %+v, want row 4 only and two partial rows", res.Errors, res.EmptyAmounts)
		}
		res, lines := run(t, table(twoYears...), budgetfile.Options{EmptyAmount: budgetfile.EmptyZero})
		if res.ErrorCount != 0 || len(lines) != 3 || len(lines[2].Amounts) != 2 || total(res, 2027) != 100_00 || total(res, 2028) != 7_00 ||
			res.EmptyAmounts != (budgetfile.EmptyAmounts{Partial: 2, Zero: 1}) {
			t.Fatalf("errors %+v lines %d totals %+v empty %+v", res.Errors, len(lines), res.Totals, res.EmptyAmounts)
		}
	})
	t.Run("unknown rule", func(t *testing.T) {
		_, _, err := runErr(table(oneYear...), "csv", budgetfile.Options{EmptyAmount: "blank"})
		if budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("got %v", err)
		}
	})
}

func TestRequiredCodes(t *testing.T) {
	res, lines := run(t, table(
		"ansvar;funksjon;art;2027;tekst",
		"1;;010;5",
		"1;232;;5",
		";;;7",
		"1;23;010;5",
		"1;232;abc;5",
		"1;232;010;5",
		";;;;Overskrift",
	), budgetfile.Options{})
	if len(lines) != 1 {
		t.Errorf("lines %d", len(lines))
	}
	want := []budgetfile.RowError{
		{Row: 2, Column: "B", Field: "funksjon", Value: "", Message: "is missing"},
		{Row: 3, Column: "C", Field: "art", Value: "", Message: "is missing"},
	}
	if res.ErrorCount != 6 || !reflect.DeepEqual(res.Errors[:2], want) {
		t.Errorf("errors %d %+v", res.ErrorCount, res.Errors)
	}
	if res.Errors[4].Row != 5 || res.Errors[4].Field != "funksjon" || res.Errors[4].Value != "23" {
		t.Errorf("short code: %+v", res.Errors[4])
	}
	if res.Skipped["error"] != 5 || res.Skipped["text"] != 1 {
		t.Errorf("skipped %v", res.Skipped)
	}
	// An explicit rule.
	m := &budgetfile.Mapping{Columns: budgetfile.Columns{Ansvar: "ansvar", Funksjon: "funksjon", Art: "art"},
		Amounts: []budgetfile.AmountColumn{{Column: "2027", Year: 2027, Version: budget.Vedtatt}}, Required: []string{"ansvar"}}
	res, lines = run(t, table("ansvar;funksjon;art;2027", "1;;;5", ";232;010;5"), budgetfile.Options{Mapping: m})
	if len(lines) != 1 || res.ErrorCount != 1 || res.Errors[0].Field != "ansvar" || res.Errors[0].Column != "A" {
		t.Errorf("explicit required: %d lines, %+v", len(lines), res.Errors)
	}
}

func TestDecimalStyle(t *testing.T) {
	head := "funksjon;art;2027"
	tests := []struct {
		name   string
		format string
		rows   []string
		errs   int
		total  int64
	}{
		{"comma file", "csv", []string{"232;010;1,5", "232;010;1.234.567", "232;010;1 000"}, 0, 123456700 + 150 + 100000},
		{"ambiguous before comma evidence", "csv", []string{"232;010;12.345", "232;010;1,5"}, 1, 0},
		{"ambiguous after comma evidence", "csv", []string{"232;010;1,5", "232;010;12.345"}, 1, 0},
		{"ambiguous before dot evidence", "csv", []string{"232;010;12.345", "232;010;1.5"}, 0, 1235 + 150},
		{"ambiguous comma in dot file", "csv", []string{"232;010;1.5", "232;010;1,234"}, 1, 0},
		{"ambiguous with no evidence", "csv", []string{"232;010;12.345", "232;010;7"}, 1, 0},
		{"contradiction", "csv", []string{"232;010;1,5", "232;010;2.25"}, 1, 0},
		{"xlsx raw and typed text", "xlsx", []string{"232;010;1234.5", "232;010;12.345", "232;010;1 234,50", "232;010;-1.2E-3"}, 0, 123450 + 1235 + 123450},
		{"xlsx ambiguous text", "xlsx", []string{"232;010;1,234"}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _, err := runErr(table(append([]string{head}, tt.rows...)...), tt.format, budgetfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.ErrorCount != tt.errs {
				t.Fatalf("errors %d %+v, want %d", res.ErrorCount, res.Errors, tt.errs)
			}
			if tt.errs == 0 {
				wantTotals(t, res, map[budget.Key]int64{key(2027, budget.Vedtatt): tt.total})
			} else if e := res.Errors[0]; e.Field != "beløp" || e.Column != "C" || e.Value == "" || e.Message == "" {
				t.Errorf("error %+v", e)
			}
		})
	}
	// Mapping.Decimal settles a file with nothing but ambiguous numbers.
	m := &budgetfile.Mapping{Columns: budgetfile.Columns{Funksjon: "funksjon", Art: "art"},
		Amounts: []budgetfile.AmountColumn{{Column: "2027", Year: 2027, Version: budget.Vedtatt}}, Decimal: "comma"}
	res, _, err := runErr(table(head, "232;010;1,234"), "csv", budgetfile.Options{Mapping: m})
	if err != nil || res.ErrorCount != 0 || res.Totals[0].Ore != 123 {
		t.Errorf("decimal: comma: %v %+v", err, res)
	}
}

func TestErrorCap(t *testing.T) {
	src := table("funksjon;art;2027")
	for i := 0; i < 1500; i++ {
		src.rs = append(src.rs, []string{"232", "010", "x"})
	}
	res, _, err := runErr(src, "csv", budgetfile.Options{})
	if err != nil || res.ErrorCount != 1500 || len(res.Errors) != 1000 {
		t.Errorf("err %v count %d kept %d", err, res.ErrorCount, len(res.Errors))
	}
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := budgetfile.ImportRows(ctx, table("funksjon;2027", "232;1"), "csv", budgetfile.Options{}, func(*budget.Line) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestAddError(t *testing.T) {
	boom := errors.New("boom")
	_, err := budgetfile.ImportRows(context.Background(), table("funksjon;2027", "232;1"), "csv", budgetfile.Options{Name: "f.csv"}, func(*budget.Line) error { return boom })
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "f.csv row 2") {
		t.Errorf("err = %v", err)
	}
}

// TestMappingRoundTrip saves a detected mapping, loads it, and imports
// again: the lines and the result must be the same.
func TestMappingRoundTrip(t *testing.T) {
	lines := []string{
		"Rapport",
		"Ansvar;Ansvar-tekst;Tjeneste;Konto;Tekst;Tekst;Regnskap 2025;Budsjett 2027;ØP 2028",
		"100;Rådmann;12000;10100;a;b;1 000,50;2 000;3 000",
		"100;Rådmann;23200;01000;;;-5;;7",
		";;;;Sum;;995,50;2 000;3 007",
	}
	first, firstLines := run(t, table(lines...), budgetfile.Options{Version: budget.Forslag})
	y, err := first.Mapping.YAML()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mapping.yaml")
	if err := os.WriteFile(path, y, 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := budgetfile.LoadMapping(context.Background(), path)
	if err != nil {
		t.Fatalf("LoadMapping:\n%s\n%v", y, err)
	}
	if !reflect.DeepEqual(*m, first.Mapping) {
		t.Errorf("loaded %+v\nsaved %+v", *m, first.Mapping)
	}
	// The loaded mapping wins over the version given.
	second, secondLines := run(t, table(lines...), budgetfile.Options{Mapping: m})
	if !reflect.DeepEqual(first, second) {
		t.Errorf("first  %+v\nsecond %+v", first, second)
	}
	if !reflect.DeepEqual(firstLines, secondLines) {
		t.Errorf("lines differ")
	}
	if first.ErrorCount != 0 || len(firstLines) != 2 || len(first.Controls) != 3 || first.WarningCount != 0 {
		t.Errorf("result %+v", first)
	}
}

func TestLoadMappingStrict(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"unknown key":    "columns: {funksjon: F}\namounts: [{column: B, year: 2027, version: vedtatt}]\ncolums: {}\n",
		"bad version":    "columns: {funksjon: F}\namounts: [{column: B, year: 2027, version: final}]\n",
		"no amount":      "columns: {funksjon: F}\n",
		"no code":        "columns: {amount: B}\n",
		"bad format":     "format: ods\ncolumns: {funksjon: F, amount: B}\n",
		"bad required":   "columns: {funksjon: F, amount: B}\nrequired: [bydel]\n",
		"year no amount": "columns: {funksjon: F, year: År}\namounts: [{column: B, year: 2027, version: vedtatt}]\n",
		"empty":          "",
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := budgetfile.LoadMapping(context.Background(), p); budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestExplicitMappingHeaderRow(t *testing.T) {
	m := &budgetfile.Mapping{HeaderRow: 2, Columns: budgetfile.Columns{Funksjon: "F", Amount: "B"}, Version: budget.Regnskap}
	res, lines := run(t, table("F;B", "F;B", "232;1"), budgetfile.Options{Mapping: m, Year: 2025})
	if len(lines) != 1 || lines[0].Row != 3 || res.Skipped["title"] != 1 || lines[0].Amounts[0].Key != key(2025, budget.Regnskap) {
		t.Errorf("lines %+v skipped %v", lines, res.Skipped)
	}
	_, _, err := runErr(table("title", "F;X", "232;1"), "csv", budgetfile.Options{Mapping: m, Year: 2025})
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), `lacks "B"`) {
		t.Errorf("err = %v", err)
	}
}
