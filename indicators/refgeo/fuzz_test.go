package refgeo_test

import (
	"errors"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
)

// FuzzFind: any code and name give an area or an *AreaError, never a
// panic, and a found area fits what was asked (its code, or a name).
func FuzzFind(f *testing.F) {
	for _, s := range [][2]string{{"4001", "Porsgrunn"}, {"", "11 Kiellandmyrå"}, {"00", ""}, {"", "Våler"}, {"0805", "Skien"},
		{"", "9999 Uoppgitt"}, {"30101", "Gamle Oslo"}, {"", " \u00a0"}, {"0", "0"}, {"", "Telemark fylke"}} {
		f.Add(s[0], s[1], "")
	}
	f.Add("", "Frogner", "delbydel")
	ref, err := refgeo.Load()
	if err != nil {
		f.Fatal(err)
	}
	g := indicators.NewGazetteerWithReference([]indicators.Geo{{Code: "S11", Name: "Kiellandmyrå", Level: indicators.Sone}}, nil, ref)
	f.Fuzz(func(t *testing.T, code, name, level string) {
		a, err := g.Find(code, name, indicators.Level(level))
		var ae *indicators.AreaError
		switch {
		case err != nil && !errors.As(err, &ae):
			t.Fatalf("Find(%q, %q): %T %v", code, name, err, err)
		case err == nil && a.Code == "":
			t.Fatalf("Find(%q, %q) = an area without code", code, name)
		}
	})
}

// FuzzParse: a damaged table is an error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("code;name;level;parent;valid_from;valid_to;same_as;aliases;borders_since\n0;Hele landet;land;;;;;Norge;\n"))
	f.Add([]byte("# x\ncode\n1;2;3\n0805;Porsgrunn;kommune;08;;2019;4001;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ref, err := refgeo.Parse(data)
		if err == nil && ref == nil {
			t.Fatal("nil reference without error")
		}
	})
}
