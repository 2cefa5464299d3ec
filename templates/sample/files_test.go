package sample

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// readXLSX returns the raw cell values of the workbook's only sheet, as an
// importer sees them.
func readXLSX(t *testing.T, data []byte) (string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return sheets[0], rows
}

// oreOf parses an amount as an importer would: a raw xlsx number
// ("1234.5") or a Norwegian one ("-1 234,50", with spaces or NBSP).
func oreOf(t *testing.T, s string) int64 {
	t.Helper()
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(s)
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	ore, err := budget.ToOre(d)
	if err != nil || !budget.FromOre(ore).Equal(d) {
		t.Fatalf("amount %q is not whole øre", s)
	}
	return ore
}

func TestPlanXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, Spec{}); err != nil {
		t.Fatal(err)
	}
	sheet, rows := readXLSX(t, buf.Bytes())
	if sheet != "Budsjett" || !strings.Contains(rows[0][0], "(fiktiv)") || !strings.Contains(rows[1][0], "FIKTIVE DATA") || len(rows[2]) != 0 {
		t.Errorf("sheet %q, title rows %q", sheet, rows[:3])
	}
	if !slices.Equal(rows[planAt-1], planHeader) {
		t.Errorf("header %q", rows[planAt-1])
	}
	var want []row
	for _, r := range sampleRows() {
		if !r.zero(kB27, nKeys) {
			want = append(want, r)
		}
	}
	data, total := rows[planAt:len(rows)-1], rows[len(rows)-1]
	if len(data) != len(want) || len(data) != stats().planLines {
		t.Fatalf("%d data rows, want %d", len(data), len(want))
	}
	var sum [nKeys]int64
	for i, cells := range data {
		w := want[i]
		cells = append(cells, make([]string, len(planHeader)-len(cells))...)
		if cells[0] != w.ansvar || cells[2] != w.tjeneste || cells[4] != w.konto || cells[6] != w.prosjekt || cells[7] != w.bydel {
			t.Fatalf("row %d: %q, want %+v", planAt+1+i, cells, w)
		}
		for k := kB27; k < nKeys; k++ {
			ore := oreOf(t, cells[8+k-kB27])
			if ore != w.amt[k] {
				t.Fatalf("row %d %v: %d øre, want %d", planAt+1+i, keys[k], ore, w.amt[k])
			}
			sum[k] += ore
		}
	}
	if total[0] != "Sum" || slices.ContainsFunc(total[1:8], func(s string) bool { return s != "" }) {
		t.Errorf("sum row %q", total)
	}
	for k := kB27; k < nKeys; k++ {
		if sum[k] != 0 || oreOf(t, total[8+k-kB27]) != 0 {
			t.Errorf("%v: lines sum to %d øre, sum row says %s", keys[k], sum[k], total[8+k-kB27])
		}
	}
}

// decode1252 is the inverse of windows1252, for the test's eyes only.
func decode1252(b []byte) string {
	high := map[byte]rune{}
	for r, c := range cp1252High {
		high[c] = r
	}
	var s strings.Builder
	for _, c := range b {
		if r, ok := high[c]; ok {
			s.WriteRune(r)
		} else {
			s.WriteRune(rune(c))
		}
	}
	return s.String()
}

func TestAccountsCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Spec{}); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if bytes.Count(raw, []byte("\r\n")) != bytes.Count(raw, []byte("\n")) || !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Error("not CRLF throughout")
	}
	if !bytes.Contains(raw, []byte{0x96}) || !bytes.Contains(raw, []byte{0xd8}) {
		t.Error("no Windows-1252 en dash or Ø")
	}
	c := csv.NewReader(strings.NewReader(decode1252(raw)))
	c.Comma = ';'
	recs, err := c.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], accountsHeader) {
		t.Errorf("header %q", recs[0])
	}
	data, total := recs[1:len(recs)-1], recs[len(recs)-1]
	if len(data) != stats().accountLines {
		t.Errorf("%d lines, want %d", len(data), stats().accountLines)
	}
	// ansvar;ansvarsnavn;funksjon;tjeneste;art;prosjekt;bydel, then the amounts.
	const nCodes = 7
	var sum [3]int64
	seen := map[string]bool{}
	for _, r := range data {
		k := strings.Join(r[:nCodes], "|")
		_, known := tjenester[r[3]]
		if seen[k] || len(r[2]) != 3 || len(r[3]) != 5 || !known || r[3][:3] != r[2] || len(r[4]) != 3 {
			t.Errorf("line %q duplicate or bad codes", r)
		}
		seen[k] = true
		for i := range sum {
			sum[i] += oreOf(t, r[nCodes+i])
		}
	}
	if total[0] != "Sum" || strings.Join(total[1:nCodes], "") != "" {
		t.Errorf("sum line %q", total)
	}
	for i := range sum {
		if sum[i] != 0 || total[nCodes+i] != "0,00" {
			t.Errorf("%s: lines sum to %d øre, sum line says %s", accountsHeader[nCodes+i], sum[i], total[nCodes+i])
		}
	}
	// Summed per (ansvar, tjeneste, art, prosjekt, bydel), every line of
	// the finest grain with money in 2026 lands in exactly one csv line.
	want := map[string][3]int64{}
	for _, r := range sampleRows() {
		if r.zero(kV26, kA26+1) {
			continue
		}
		k := strings.Join([]string{r.ansvar, r.tjeneste, artOf(r.konto), r.prosjekt, r.bydel}, "|")
		a := want[k]
		for i := range a {
			a[i] += r.amt[kV26+i]
		}
		want[k] = a
	}
	for _, r := range data {
		k := strings.Join([]string{r[0], r[3], r[4], r[5], r[6]}, "|")
		w, ok := want[k]
		if !ok {
			t.Errorf("line %q: no sample lines", r)
			continue
		}
		for i := range w {
			if got := oreOf(t, r[nCodes+i]); got != w[i] {
				t.Errorf("line %q %s: %d øre, want %d", r, accountsHeader[nCodes+i], got, w[i])
			}
		}
	}
}

// TestFilesDeterministic generates every file twice.
func TestFilesDeterministic(t *testing.T) {
	for _, spec := range []Spec{{}, {Lines: 5000, Seed: 7}} {
		for name, write := range map[string]func(*bytes.Buffer, Spec) error{
			"csv":  func(b *bytes.Buffer, s Spec) error { return WriteCSV(b, s) },
			"xlsx": func(b *bytes.Buffer, s Spec) error { return WriteXLSX(b, s) },
		} {
			var a, b bytes.Buffer
			if err := write(&a, spec); err != nil {
				t.Fatal(err)
			}
			if err := write(&b, spec); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %+v: two generations differ", name, spec)
			}
		}
	}
}

// decimalFromFloatString reads a float the way excelize writes it.
func decimalFromFloatString(f float64) decimal.Decimal {
	return decimal.RequireFromString(strconv.FormatFloat(f, 'f', -1, 64))
}
