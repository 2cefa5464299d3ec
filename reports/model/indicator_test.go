package model_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

func TestComparisonLevel(t *testing.T) {
	areas := []indicators.Geo{
		{Code: "4699", Level: indicators.Kommune},
		{Code: "469903", Level: indicators.Bydel},
		{Code: "469901", Level: indicators.Bydel},
		{Code: "469902", Level: indicators.Bydel},
		{Code: "46990101", Level: indicators.Delbydel},
		{Code: "46990102", Level: indicators.Delbydel},
	}
	shown := func(codes ...string) []indicators.Shown {
		var out []indicators.Shown
		for _, c := range codes {
			out = append(out, indicators.Shown{Value: indicators.Value{Area: c}})
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		shown []indicators.Shown
		level indicators.Level
		codes []string
	}{
		{"most areas wins, all its areas in code order", shown("4699", "469902", "46990101", "46990102", "46990101"),
			indicators.Delbydel, []string{"46990101", "46990102"}},
		{"tie: the higher level", shown("469903", "46990102"), indicators.Bydel, []string{"469901", "469902", "469903"}},
		{"only the kommune: none", shown("4699", "0"), "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			level, members := model.ComparisonLevel(tc.shown, areas)
			var codes []string
			for _, g := range members {
				codes = append(codes, g.Code)
			}
			if level != tc.level || len(codes) != len(tc.codes) {
				t.Fatalf("got %q %v, want %q %v", level, codes, tc.level, tc.codes)
			}
			for i := range codes {
				if codes[i] != tc.codes[i] {
					t.Errorf("got %v, want %v", codes, tc.codes)
				}
			}
		})
	}
}

func TestOptionError_Unwrap(t *testing.T) {
	err := error(&model.OptionError{Msg: "--by: unknown indicator"})
	if got, want := budget.ErrorCode(err), budget.EINVALID; got != want {
		t.Errorf("code %q, want %q", got, want)
	}
	if got, want := err.Error(), "--by: unknown indicator"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// Another city's bydeler, stored because an indicator file held them, are
// never compared with the municipality's own (the first kommune listed).
func TestComparisonLevel_otherCitysBydeler(t *testing.T) {
	areas := []indicators.Geo{
		{Code: "4699", Level: indicators.Kommune},
		{Code: "0301", Level: indicators.Kommune, Parent: "03"},
		{Code: "469901", Level: indicators.Bydel, Parent: "4699"},
		{Code: "469902", Level: indicators.Bydel, Parent: "4699"},
		{Code: "030101", Level: indicators.Bydel, Parent: "0301"},
		{Code: "030102", Level: indicators.Bydel, Parent: "0301"},
		{Code: "030103", Level: indicators.Bydel, Parent: "0301"},
		{Code: "S1", Level: indicators.Sone}, // no parent: the municipality's
	}
	var shown []indicators.Shown
	for _, c := range []string{"469901", "469902", "030101", "030102", "030103"} {
		shown = append(shown, indicators.Shown{Value: indicators.Value{Area: c}})
	}
	level, members := model.ComparisonLevel(shown, areas)
	if level != indicators.Bydel || len(members) != 2 || members[0].Code != "469901" || members[1].Code != "469902" {
		t.Errorf("got %s %v, want Fjordvik's two bydeler only", level, members)
	}
}
