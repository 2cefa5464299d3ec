package areafile_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
)

func read(t *testing.T, name, data string) *areafile.Result {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := areafile.Read(context.Background(), p, areafile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func byCode(res *areafile.Result) map[string]indicators.Geo {
	m := map[string]indicators.Geo{}
	for _, a := range res.Areas {
		m[a.Code] = a
	}
	return m
}

func TestRead_Sample(t *testing.T) {
	res, err := areafile.Read(context.Background(), "../../templates/sample/omrader.csv", areafile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.Areas) != 9 {
		t.Fatalf("%d areas, errors %+v", len(res.Areas), res.Errors)
	}
	m := byCode(res)
	if g := m["469902"]; g.Name != "Nordbyen" || g.Level != indicators.Bydel || g.Parent != "4699" || g.Population[2027] == 0 {
		t.Errorf("Nordbyen = %+v", g)
	}
	if m["0"].Level != indicators.Land || m["46"].Level != indicators.Fylke || m["4699"].Level != indicators.Kommune {
		t.Errorf("levels: %v %v %v", m["0"].Level, m["46"].Level, m["4699"].Level)
	}
	if res.Aliases["Fjordvik"] != "4699" {
		t.Errorf("aliases = %v", res.Aliases)
	}
}

func TestRead_SSBKlass(t *testing.T) {
	p := filepath.Join("../../../shared/fixtures", "ssb-bydeler-kodeliste", "ssb_bydels02.csv")
	if _, err := os.Stat(p); err != nil {
		t.Skip("fixture not available")
	}
	res, err := areafile.Read(context.Background(), p, areafile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Shape != "ssb-klass" || len(res.Errors) > 0 {
		t.Fatalf("shape %s, errors %+v", res.Shape, res.Errors)
	}
	// 42 rows: 38 bydeler and 4 "Uoppgitt".
	if len(res.Areas) != 38 || res.Skipped["unknown_area"] != 4 {
		t.Errorf("%d areas, skipped %v; want 38 and 4 unknown", len(res.Areas), res.Skipped)
	}
	m := byCode(res)
	if g := m["030104"]; g.Name != "St. Hanshaugen" || g.Parent != "0301" || g.Level != indicators.Bydel {
		t.Errorf("030104 = %+v (the code list writes 30104 and 301: the zero must come back)", g)
	}
	gz := indicators.NewGazetteer(res.Areas, res.Aliases)
	for _, q := range []string{"St.Hanshaugen", "st hanshaugen", "Bydel St. Hanshaugen", "30104", "030104", "ST. HANSHAUGEN "} {
		if g, ok := gz.Lookup(q); !ok || g.Code != "030104" {
			t.Errorf("Lookup(%q) = %+v, %v", q, g, ok)
		}
	}
	if got := gz.Closest("Grunerløkka", 1); len(got) != 1 || got[0] != "Grünerløkka" {
		t.Errorf("Closest = %v", got)
	}
}

func TestRead_ReferenceGeographies(t *testing.T) {
	res := read(t, "a.csv", "navn;kode;nivå\nHele landet;;\nVestland;;kommune\nTelemark fylke;40;\nSkien;4003;\nOslo;0301;\n")
	if len(res.Errors) > 0 {
		t.Fatalf("errors %+v", res.Errors)
	}
	m := byCode(res)
	if m["0"].Level != indicators.Land {
		t.Errorf("Hele landet = %+v", m["0"])
	}
	// "Vestland" said to be a kommune is still a county: never a kommune.
	if m["46"].Level != indicators.Fylke || m["40"].Level != indicators.Fylke || len(res.Warnings) == 0 {
		t.Errorf("Vestland = %+v, Telemark = %+v, warnings %v", m["46"], m["40"], res.Warnings)
	}
	if m["4003"].Level != indicators.Kommune || m["0301"].Level != indicators.Kommune {
		t.Errorf("Skien %+v, Oslo %+v", m["4003"], m["0301"])
	}
}

func TestRead_Errors(t *testing.T) {
	res := read(t, "a.csv", "kode;navn;nivå;folketall 2024\n4699;Fjordvik;kommune;62 000\n469901;Sentrum;bydel;mange\n469901;Sentrum igjen;bydel;1\nx1;Sone 1;;\n469902;;bydel;1\n")
	got := ""
	for _, e := range res.Errors {
		got += e.Column + " " + e.Value + ": " + e.Message + "\n"
	}
	for _, want := range []string{"D mange", "given twice", "A x1: the level cannot be told", "has no name"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors do not say %q:\n%s", want, got)
		}
	}
	if byCode(res)["4699"].Population[2024] != 62000 {
		t.Errorf("population 62 000 not read: %+v", res.Areas)
	}
}
