package indicators_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestIsTotal(t *testing.T) {
	for _, s := range []string{"totalt", "Kjønn samlet", "kjønn  samlet", "alle utdanningsnivåer", "Alle aldre", "begge kjønn", "I alt", "samlet"} {
		if !indicators.IsTotal(s) {
			t.Errorf("%q is a total", s)
		}
	}
	for _, s := range []string{"Menn", "grunnskole", "innvandrere", "0-17 år", "universitet/høyskole", "alleg"} {
		if indicators.IsTotal(s) {
			t.Errorf("%q is not a total", s)
		}
	}
}

func TestHeadline(t *testing.T) {
	d := func(n, v string) indicators.Dim { return indicators.Dim{Name: n, Value: v} }
	for _, tc := range []struct {
		dims, where []indicators.Dim
		want        bool
	}{
		{nil, nil, true},
		{[]indicators.Dim{d("Kjønn", "Kjønn samlet")}, nil, true},
		{[]indicators.Dim{d("Kjønn", "Menn")}, nil, false},
		{[]indicators.Dim{d("Kjønn", "Menn")}, []indicators.Dim{d("kjønn", "menn")}, true},
		{[]indicators.Dim{d("Kjønn", "Menn"), d("alder", "alle aldre")}, []indicators.Dim{d("kjønn", "menn")}, true},
		{[]indicators.Dim{d("Kjønn", "Menn"), d("alder", "0-17 år")}, []indicators.Dim{d("kjønn", "menn")}, false},
	} {
		if got := indicators.Headline(tc.dims, tc.where); got != tc.want {
			t.Errorf("Headline(%v, %v) = %v, want %v", tc.dims, tc.where, got, tc.want)
		}
	}
}
