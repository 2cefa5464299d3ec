package budgetfile_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
)

func TestKostra(t *testing.T) {
	records := []string{
		"0A20194040200                  1120 010    36328",
		"0A20194040200                  0232 010   -29143",
		"",
		"0A20194040200                  21.1 100      500", // balance: kapittel and sektor
		"0A20194040200                  1120 010    3x328",
		"0A20194040200                  1120 010",
		"0A20194040200                  1244 1A0        1",
	}
	path := filepath.Join(t.TempDir(), "0A_V2019_K4_R040200.dat")
	if err := os.WriteFile(path, []byte(strings.Join(records, "\r\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	var lines []*budget.Line
	res, err := budgetfile.Import(context.Background(), path, budgetfile.Options{}, func(l *budget.Line) error {
		lines = append(lines, l)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkAccounted(t, res)
	if res.Format != "kostra" || len(lines) != 2 || res.Skipped["balance"] != 1 || res.Skipped["blank"] != 1 || res.Skipped["error"] != 3 {
		t.Fatalf("result %+v", res)
	}
	l := lines[1]
	k := key(2019, budget.Regnskap)
	if l.Row != 2 || l.Funksjon != "232" || l.Art != "010" || l.Amounts[0].Key != k || l.Amounts[0].Ore != kr(-29_143_000) {
		t.Errorf("line %+v", l)
	}
	if v, _ := l.Attr("kontoklasse"); v != "0" {
		t.Errorf("kontoklasse %q", v)
	}
	if v, _ := l.Attr("region"); v != "040200" {
		t.Errorf("region %q", v)
	}
	if v, _ := l.Attr("kvartal"); v != "4" {
		t.Errorf("kvartal %q", v)
	}
	wantTotals(t, res, map[budget.Key]int64{k: kr((36328 - 29143) * 1000)})
	want := []budgetfile.RowError{
		{Row: 5, Column: "40-48", Field: "beløp", Value: "3x328"},
		{Row: 6, Column: "1-48", Field: "record"},
		{Row: 7, Column: "37-39", Field: "art", Value: "1A0"},
	}
	if res.ErrorCount != 3 {
		t.Fatalf("errors %+v", res.Errors)
	}
	for i, w := range want {
		e := res.Errors[i]
		if e.Row != w.Row || e.Column != w.Column || e.Field != w.Field || (w.Value != "" && e.Value != w.Value) || e.Message == "" {
			t.Errorf("error %d = %+v, want %+v", i, e, w)
		}
	}
	// A mapping saying kostra reads any file name.
	other := filepath.Join(t.TempDir(), "regnskap.fil")
	if err := os.WriteFile(other, []byte(records[0]+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err = budgetfile.Import(context.Background(), other, budgetfile.Options{Mapping: &budgetfile.Mapping{Format: "kostra"}}, func(*budget.Line) error { return nil })
	if err != nil || res.Lines != 1 {
		t.Errorf("format kostra: %v %+v", err, res)
	}
}

// TestKostra_LoneCR: a KOSTRA file with old Mac line ends was one long
// record, refused as not ASCII. A lone CR ends a record.
func TestKostra_LoneCR(t *testing.T) {
	records := "0A20194040200                  1120 010    36328\r0A20194040200                  0232 010   -29143\r"
	path := filepath.Join(t.TempDir(), "0A_V2019_K4_R040200.dat")
	if err := os.WriteFile(path, []byte(records), 0o600); err != nil {
		t.Fatal(err)
	}
	n := 0
	res, err := budgetfile.Import(context.Background(), path, budgetfile.Options{}, func(*budget.Line) error { n++; return nil })
	if err != nil || res.ErrorCount != 0 || n != 2 {
		t.Fatalf("%d lines, %v, %+v", n, err, res)
	}
}
