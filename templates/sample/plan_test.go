package sample

import (
	"reflect"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// TestBudgetBalances checks the contract every file relies on: each (year,
// version) sums to exactly zero, in øre.
func TestBudgetBalances(t *testing.T) {
	lines := Budget()
	sums := map[budget.Key]*budget.BigSum{}
	for _, l := range lines {
		if len(l.Amounts) != len(keys) {
			t.Fatalf("line %s/%s/%s has %d amounts", l.Ansvar, l.Tjeneste, l.Konto, len(l.Amounts))
		}
		for i, a := range l.Amounts {
			if a.Key != keys[i] {
				t.Fatalf("amount %d has key %v, want %v", i, a.Key, keys[i])
			}
			if sums[a.Key] == nil {
				sums[a.Key] = new(budget.BigSum)
			}
			sums[a.Key].Add(a.Ore)
		}
	}
	for _, k := range Keys() {
		if s, ok := sums[k].Ore(); !ok || s != 0 {
			t.Errorf("%v sums to %d øre, want 0", k, s)
		}
	}
}

func TestBudgetLines(t *testing.T) {
	lines := Budget()
	if n := len(lines); n < 1000 || n > 3000 {
		t.Errorf("%d lines, want a thousand or two", n)
	}
	seen := map[string]bool{}
	var withOre, regnskapOre int
	for _, l := range lines {
		k := l.Ansvar + "|" + l.Tjeneste + "|" + l.Konto + "|" + l.Prosjekt
		if seen[k] {
			t.Errorf("duplicate line %s", k)
		}
		seen[k] = true
		if _, ok := tjenester[l.Tjeneste]; !ok || l.Funksjon != l.Tjeneste[:3] {
			t.Errorf("line %s: tjeneste %q funksjon %q", k, l.Tjeneste, l.Funksjon)
		}
		if _, ok := kontoer[l.Konto]; !ok || l.Art != l.Konto[:3] {
			t.Errorf("line %s: konto %q art %q", k, l.Konto, l.Art)
		}
		zero := true
		for i, a := range l.Amounts {
			zero = zero && a.Ore == 0
			if a.Ore%100 != 0 {
				if i == kA26 {
					regnskapOre++
				} else {
					withOre++
				}
			}
		}
		if zero {
			t.Errorf("line %s holds nothing", k)
		}
	}
	if withOre < 20 || regnskapOre < len(lines)/2 {
		t.Errorf("%d budget amounts and %d accounts with øre: too few to test øre handling", withOre, regnskapOre)
	}
}

func TestBudgetDeterministic(t *testing.T) {
	a, b := generate(), generate()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations differ")
	}
	l := Budget()
	l[0].Amounts[0].Ore++
	if Budget()[0].Amounts[0].Ore == l[0].Amounts[0].Ore {
		t.Error("Budget shares its lines")
	}
}

// TestProfileKontos guards the chart: every konto a profile names exists.
func TestProfileKontos(t *testing.T) {
	for _, u := range units {
		for _, a := range u.acts {
			if _, ok := tjenester[a.tjeneste]; !ok {
				t.Errorf("unit %s: unknown tjeneste %s", u.Code, a.tjeneste)
			}
			for _, it := range a.prof {
				if _, ok := kontoer[it.konto]; !ok {
					t.Errorf("unit %s: unknown konto %s", u.Code, it.konto)
				}
			}
		}
	}
}

func TestFormatNOK(t *testing.T) {
	for _, c := range []struct {
		ore  int64
		dec  bool
		want string
	}{
		{0, true, "0,00"}, {0, false, "0"}, {5, true, "0,05"}, {-50, false, "-0,50"},
		{136225000, false, "1 362 250"}, {-136225000, true, "-1 362 250,00"},
		{123456789, false, "1 234 567,89"}, {100000, true, "1 000,00"},
		{-9223372036854775808, true, "-92 233 720 368 547 758,08"},
	} {
		if got := formatNOK(c.ore, " ", c.dec); got != c.want {
			t.Errorf("formatNOK(%d, %v) = %q, want %q", c.ore, c.dec, got, c.want)
		}
	}
}

func TestWindows1252(t *testing.T) {
	b, err := windows1252("Økonomi – æøå")
	if err != nil || string(b) != "\xd8konomi \x96 \xe6\xf8\xe5" {
		t.Errorf("got %q, %v", b, err)
	}
	if _, err := windows1252("€ ok, ł not"); err == nil {
		t.Error("encoded ł")
	}
}
