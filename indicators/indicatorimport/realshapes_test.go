package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// stored returns show() of the values of id.
func stored(t *testing.T, db *sqlite.DB, id string) []string {
	t.Helper()
	vs, err := db.IndicatorValues(context.Background(), id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return show(vs)
}

// importShape imports path (without a mapping) into a new workspace with
// the sample areas, requires it stored, and returns the workspace and the
// report.
func importShape(t *testing.T, path, id string, opt func(*indicatorimport.Options)) (*sqlite.DB, *indicatorimport.Report) {
	t.Helper()
	db := openDB(t)
	importAreas(t, db, "../../templates/sample/omrader.csv")
	o := options(t, id)
	if opt != nil {
		opt(&o)
	}
	rep, err := indicatorimport.Run(context.Background(), db, path, o)
	if err != nil {
		t.Fatalf("import %s: %v", filepath.Base(path), err)
	}
	if rep.Status != indicatorimport.Imported {
		t.Fatalf("import %s: %s, %d errors: %+v", filepath.Base(path), rep.Status, rep.Result.ErrorCount, rep.Result.Errors[:min(5, len(rep.Result.Errors))])
	}
	return db, rep
}

// resaved imports path again into a new workspace with the mapping the
// first import saved (--save-mapping, --mapping), which must give the same
// values.
func resaved(t *testing.T, path, id string, rep *indicatorimport.Report, want []string) {
	t.Helper()
	y, err := rep.Result.Mapping.YAML()
	if err != nil {
		t.Fatal(err)
	}
	mp := filepath.Join(t.TempDir(), "mapping.yaml")
	if err := os.WriteFile(mp, y, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := indicatorfile.LoadMapping(context.Background(), mp)
	if err != nil {
		t.Fatalf("the saved mapping does not load: %v\n%s", err, y)
	}
	db, _ := importShape(t, path, id, func(o *indicatorimport.Options) { o.Mapping = m })
	if got := stored(t, db, id); !reflect.DeepEqual(got, want) {
		t.Errorf("with the saved mapping\n%s\nstored\n%s\nwithout it\n%s", y, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func writeText(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// FHI statistikkbank's CSV export: quoted, semicolons, a unit column of
// text (Måltall), the value in a column headed by the measure, "-" and ":"
// for missing figures, and education groups as FHI spells them. The group
// gap between universitet/høgskole and grunnskole computes on the stored
// values with the catalogue's pair.
func TestRun_ShapeFHIStatistikkbank(t *testing.T) {
	data := `"Geografi";"År";"Kjønn";"Utdanning";"Måltall";"Forventet levealder"
"Fjordvik";"2010-2024";"Menn";"grunnskole";"leveår";"76,2"
"Fjordvik";"2010-2024";"Menn";"universitet/ høgskole";"leveår";"82,9"
"Fjordvik";"2010-2024";"Menn";"videregående skole";"leveår";"-"
"Fjordvik";"2010-2024";"Kvinner";"grunnskole";"leveår";"80,1"
"Fjordvik";"2010-2024";"Kvinner";"universitet/ høgskole";"leveår";"85,6"
"Fjordvik";"2010-2024";"Kvinner";"videregående skole";"leveår";":"
`
	p := writeText(t, "fhi.csv", []byte(data))
	db, rep := importShape(t, p, "levealder-utdanning", nil)
	got := stored(t, db, "levealder-utdanning")
	want := []string{
		"4699 2010-2024 kjønn=Kvinner;utdanning=grunnskole; = 80.1",
		"4699 2010-2024 kjønn=Kvinner;utdanning=universitet/ høgskole; = 85.6",
		"4699 2010-2024 kjønn=Kvinner;utdanning=videregående skole; = missing :",
		"4699 2010-2024 kjønn=Menn;utdanning=grunnskole; = 76.2",
		"4699 2010-2024 kjønn=Menn;utdanning=universitet/ høgskole; = 82.9",
		"4699 2010-2024 kjønn=Menn;utdanning=videregående skole; = missing -",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	vs, _ := db.IndicatorValues(context.Background(), "levealder-utdanning", time.Time{})
	shown := make([]indicators.Shown, len(vs))
	for i, v := range vs {
		shown[i] = indicators.Shown{Value: v}
	}
	ind, _ := catalogue(t).Get("levealder-utdanning")
	gaps := indicators.CompareGroups(ind.Groups, shown)
	if len(gaps) != 2 {
		t.Fatalf("group gaps %+v, want one per sex", gaps)
	}
	for _, g := range gaps {
		if g.Gap == nil {
			t.Errorf("no gap: %+v", g)
		}
	}
	if d := *gaps[0].Gap - (85.6 - 80.1); d > 1e-9 || d < -1e-9 {
		t.Errorf("gap for %v = %v, want %v", gaps[0].Dims, *gaps[0].Gap, 85.6-80.1)
	}
	resaved(t, p, "levealder-utdanning", rep, got)

	// Kommunehelsa's variant: the unit in "Enhet", the value in "Andel".
	kh := writeText(t, "kh.csv", []byte("Geografi;År;Utdanning;Enhet;Andel\nFjordvik;2024;grunnskole;prosent;12,5\nFjordvik;2024;universitet/ høgskole;prosent;4,5\n"))
	db, _ = importShape(t, kh, "barn-lavinntekt", nil)
	if got := stored(t, db, "barn-lavinntekt"); !reflect.DeepEqual(got, []string{"4699 2024 utdanning=grunnskole; = 12.5", "4699 2024 utdanning=universitet/ høgskole; = 4.5"}) {
		t.Errorf("Kommunehelsa csv stored %q", got)
	}
}

// The same Kommunehelsa table copied into Excel in four shapes gives the
// same values for the same key.
func TestRun_ShapeKommunehelsaInExcel(t *testing.T) {
	nb := "\u00a0"
	dir := t.TempDir()
	long := filepath.Join(dir, "long.xlsx")
	writeSheet(t, long, [][]any{
		{"Geografi", "Periode", "Kjønn", "Andel"},
		{"Sentrum", "2019-2021", "Gutter", 11.5},
		{"Sentrum", "2019-2021", "Jenter", 9},
		{"Sentrum", "2020-2022", "Gutter", ":"},
		{"Sentrum", "2020-2022", "Jenter", 9.5},
		{"Nordbyen", "2019-2021", "Gutter", 21},
		{"Nordbyen", "2019-2021", "Jenter", 20.5},
		{"Nordbyen", "2020-2022", "Gutter", 22},
		{"Nordbyen", "2020-2022", "Jenter", 19},
	})
	wide := filepath.Join(dir, "wide.xlsx")
	writeSheet(t, wide, [][]any{
		{"Geografi", "Kjønn", "2019-2021", "2020-2022"},
		{"Sentrum", "Gutter", 11.5, ":"},
		{"Sentrum", "Jenter", 9, 9.5},
		{"Nordbyen", "Gutter", 21, 22},
		{"Nordbyen", "Jenter", 20.5, 19},
	})
	split := filepath.Join(dir, "split.xlsx")
	writeSheet(t, split, [][]any{
		{"Barn i lavinntekt, andel (prosent)"},
		{},
		{"Geografi", "2019-2021", nil, "2020-2022", nil},
		{nil, "Gutter", "Jenter", "Gutter", "Jenter"},
		{"Sentrum", 11.5, 9, ":", 9.5},
		{"Nordbyen", 21, 20.5, 22, 19},
	}, [2]string{"B3", "C3"}, [2]string{"D3", "E3"}, [2]string{"A3", "A4"})
	merged := filepath.Join(dir, "merged.xlsx")
	writeSheet(t, merged, [][]any{
		{"Geografi" + nb, "Alder", "Kjønn", "2019-2021" + nb, "2020-2022"},
		{"Sentrum" + nb, "0-17 år", "Gutter" + nb, 11.5, ":"},
		{nil, nil, "Jenter", 9, 9.5},
		{nb + "Nordbyen", "0-17" + nb + "år", "Gutter", 21, 22},
		{nil, nil, "Jenter", 20.5, 19},
	}, [2]string{"A2", "A3"}, [2]string{"B2", "B3"}, [2]string{"A4", "A5"}, [2]string{"B4", "B5"})

	var first []string
	for _, p := range []string{long, wide, split, merged} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			db, rep := importShape(t, p, "barn-lavinntekt", nil)
			got := stored(t, db, "barn-lavinntekt")
			if len(got) != 8 {
				t.Errorf("%d values, want 8: %q", len(got), got)
			}
			if first == nil {
				first = got
			} else if !reflect.DeepEqual(got, first) {
				t.Errorf("%s stored\n%s\nlong.xlsx stored\n%s", filepath.Base(p), strings.Join(got, "\n"), strings.Join(first, "\n"))
			}
			resaved(t, p, "barn-lavinntekt", rep, got)
		})
	}
	if len(first) > 0 && first[0] != "469901 2019-2021 kjønn=Gutter; = 11.5" {
		t.Errorf("first value %q", first[0])
	}
}

// kommuneAreas is an areas file of two fylker and three kommuner.
const kommuneAreas = "kode;navn;nivå;overordnet;andre navn\n0;Hele landet;land;;Norge\n46;Vestland;fylke;0;\n4601;Bergen;kommune;46;\n4699;Fjordvik;kommune;46;\n11;Rogaland;fylke;0;\n1103;Stavanger;kommune;11;\n"

func importKommuneShape(t *testing.T, path, id string) (*sqlite.DB, *indicatorimport.Report) {
	t.Helper()
	db := openDB(t)
	importAreas(t, db, writeText(t, "omrader.csv", []byte(kommuneAreas)))
	rep, err := indicatorimport.Run(context.Background(), db, path, options(t, id))
	if err != nil {
		t.Fatalf("import %s: %v", filepath.Base(path), err)
	}
	if rep.Status != indicatorimport.Imported {
		t.Fatalf("import %s: %s, %d errors: %+v", filepath.Base(path), rep.Status, rep.Result.ErrorCount, rep.Result.Errors[:min(5, len(rep.Result.Errors))])
	}
	return db, rep
}

// NAV's monthly report (HL060 Helt ledige): title rows, a first column
// without header, months headed "januar 2022" under a year merged over
// them, a header block repeated for each fylke, "I alt" rows and "*" for
// suppressed small numbers.
func TestRun_ShapeNAVMonthly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "hl060.xlsx")
	writeSheet(t, p, [][]any{
		{"HL060 Helt ledige. Antall personer. Fylke og kommune. Månedlig"},
		{"Kilde: NAV"},
		{},
		{"Vestland"},
		{nil, "2022"},
		{nil, "januar 2022", "februar 2022", "mars 2022"},
		{"Bergen", 5120, 4980, 4875},
		{"Fjordvik", 212, 205, "*"},
		{"I alt", 5332, 5185, 5080},
		{},
		{"Rogaland"},
		{nil, "2022"},
		{nil, "januar 2022", "februar 2022", "mars 2022"},
		{"Stavanger", 2310, 2255, 2190},
		{"I alt", 2310, 2255, 2190},
	}, [2]string{"B5", "D5"}, [2]string{"B12", "D12"})
	db, rep := importKommuneShape(t, p, "helt-ledige")
	want := []string{
		"1103 2022-01  = 2310", "1103 2022-02  = 2255", "1103 2022-03  = 2190",
		"4601 2022-01  = 5120", "4601 2022-02  = 4980", "4601 2022-03  = 4875",
		"4699 2022-01  = 212", "4699 2022-02  = 205", "4699 2022-03  = missing *",
	}
	if got := stored(t, db, "helt-ledige"); !reflect.DeepEqual(got, want) {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Result.Skipped["aggregate"] != 2 {
		t.Errorf("skipped %v, want the two I alt rows as aggregates", rep.Result.Skipped)
	}
}

// utf16LE encodes s as UTF-16 little endian without a byte-order mark.
func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// Udir's statistics export: UTF-16 LE without BOM, a "sep=" first line,
// TAB separated, decimal comma, school years as "2011-12", and a level
// column (EnhetNivaa) separating nation, fylke, kommune and school rows.
func TestRun_ShapeUdir(t *testing.T) {
	data := "sep=\t\r\n" +
		"EnhetNivaa\tEnhetNavn\tSkoleår\tKjønn\tGrunnskolepoeng\r\n" +
		"Nasjonalt\tNorge\t2011-12\tAlle\t39,9\r\n" +
		"Nasjonalt\tNorge\t2012-13\tAlle\t40\r\n" +
		"Fylke\tVestland\t2011-12\tAlle\t40,1\r\n" +
		"Kommune\tFjordvik\t2011-12\tAlle\t41,2\r\n" +
		"Kommune\tFjordvik\t2012-13\tAlle\t41,5\r\n" +
		"Skole\tFjordvik skole\t2011-12\tAlle\t42,0\r\n" +
		"Skole\tHaugen skole\t2012-13\tAlle\t38,5\r\n"
	p := writeText(t, "udir.csv", utf16LE(data))
	db, rep := importKommuneShape(t, p, "grunnskolepoeng")
	want := []string{"0 2011-2012  = 39.9", "0 2012-2013  = 40", "46 2011-2012  = 40.1", "4699 2011-2012  = 41.2", "4699 2012-2013  = 41.5"}
	if got := stored(t, db, "grunnskolepoeng"); !reflect.DeepEqual(got, want) {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Result.Encoding != "utf-16le" || rep.Result.Skipped["other_level"] != 2 {
		t.Errorf("encoding %q, skipped %v; want utf-16le and the 2 school rows", rep.Result.Encoding, rep.Result.Skipped)
	}
	if w := strings.Join(rep.Result.Warnings, "\n"); strings.Contains(w, "period") {
		t.Errorf("warnings about the school years: %s", w)
	}
}
