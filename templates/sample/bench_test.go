package sample

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

func TestSyntheticCSV(t *testing.T) {
	big := len(combos())*10*2 + 3 // reaches prosjekt "00002"
	for _, n := range []int{1, 2, 17, big} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, Spec{Lines: n, Seed: 42}); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) || bytes.Contains(buf.Bytes(), []byte("\r")) {
			t.Errorf("%d lines: not UTF-8 with LF", n)
		}
		c := csv.NewReader(&buf)
		c.Comma = ';'
		recs, err := c.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(recs[0], benchHeader) || len(recs)-1 != n {
			t.Fatalf("header %q and %d lines, want %d", recs[0], len(recs)-1, n)
		}
		var sum int64
		seen := map[string]bool{}
		for _, r := range recs[1:] {
			k := r[0] + "|" + r[2] + "|" + r[3] + "|" + r[4]
			if seen[k] {
				t.Fatalf("duplicate key %s", k)
			}
			seen[k] = true
			sum += oreOf(t, r[6])
		}
		if sum != 0 {
			t.Errorf("%d lines sum to %d øre", n, sum)
		}
		if n == big && !seen["9050|880|540|"] && !seen["9050|880|940|"] {
			t.Error("no balancing line")
		}
		if n == big && recs[n-1][4] != "00002" { // the line before the balancing one
			t.Errorf("line %d has prosjekt %q, want 00002", n-1, recs[n-1][4])
		}
	}
}

func TestSyntheticXLSXMatchesCSV(t *testing.T) {
	const n = 3000
	var x, c bytes.Buffer
	if err := WriteXLSX(&x, Spec{Lines: n, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&c, Spec{Lines: n, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	_, rows := readXLSX(t, x.Bytes())
	cr := csv.NewReader(&c)
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 || len(recs) != n+1 {
		t.Fatalf("%d xlsx rows, %d csv records, want %d", len(rows), len(recs), n+1)
	}
	for i := range rows {
		row := append(rows[i], make([]string, 7-len(rows[i]))...)
		if i == 0 {
			if !slices.Equal(row, benchHeader) {
				t.Errorf("header %q", row)
			}
			continue
		}
		if !slices.Equal(row[:6], recs[i][:6]) || oreOf(t, row[6]) != oreOf(t, recs[i][6]) {
			t.Fatalf("line %d: xlsx %q, csv %q", i, row, recs[i])
		}
	}
}

func TestSyntheticSeed(t *testing.T) {
	var a, b bytes.Buffer
	_ = WriteCSV(&a, Spec{Lines: 100, Seed: 1})
	_ = WriteCSV(&b, Spec{Lines: 100, Seed: 2})
	if bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("seeds 1 and 2 give the same file")
	}
}

func TestSpecInvalid(t *testing.T) {
	for _, n := range []int{-1, maxLines() + 1} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, Spec{Lines: n}); budget.ErrorCode(err) != budget.EINVALID || buf.Len() != 0 {
			t.Errorf("WriteCSV(%d lines): %v, %d bytes", n, err, buf.Len())
		}
		if err := WriteXLSX(&buf, Spec{Lines: n}); budget.ErrorCode(err) != budget.EINVALID || buf.Len() != 0 {
			t.Errorf("WriteXLSX(%d lines): %v, %d bytes", n, err, buf.Len())
		}
	}
}

// kroner must turn øre into the float whose shortest form is the exact
// decimal, or amounts with øre would not survive a numeric xlsx cell.
func TestKronerRoundTrip(t *testing.T) {
	g := rng{s: 1}
	for i := range 100_000 {
		ore := g.between(-1e15, 1e15) // ±10^13 kr
		if i%2 == 0 {
			ore /= 1000
		}
		f := kroner(ore)
		got, err := budget.ToOre(decimalFromFloatString(f))
		if err != nil || got != ore {
			t.Fatalf("%d øre became %v", ore, f)
		}
	}
}

func BenchmarkWriteCSV100k(b *testing.B) {
	for b.Loop() {
		if err := WriteCSV(io.Discard, Spec{Lines: 100_000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX100k(b *testing.B) {
	for b.Loop() {
		if err := WriteXLSX(io.Discard, Spec{Lines: 100_000}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSyntheticCSV_NumbersStayNumbers: the generated CSV goes through
// csvsafe, which must leave its amounts, negative ones too, as numbers.
func TestSyntheticCSV_NumbersStayNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Spec{Lines: 2000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	negative := 0
	for _, row := range rows[1:] {
		amount := row[len(row)-1]
		if amount == "" || amount[0] == '\'' {
			t.Fatalf("amount cell %q was escaped", amount)
		}
		if amount[0] == '-' {
			negative++
		}
		for _, c := range row {
			if c != "" && c[0] == '\'' {
				t.Errorf("cell %q escaped, but the generator writes no formula-like text", c)
			}
		}
	}
	if negative == 0 {
		t.Errorf("no negative amount among %d lines: the test checks nothing", len(rows)-1)
	}
}
