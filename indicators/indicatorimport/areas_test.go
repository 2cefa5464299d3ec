package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/areafile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// Part A of issue 12: real files load in a fresh workspace, on the
// built-in reference geography, and geographies match only when code and
// name agree.

// writeFile writes data to name in a temporary folder.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeAreas writes an areas file and imports it.
func writeAreas(t *testing.T, db *sqlite.DB, data string) {
	t.Helper()
	importAreas(t, db, writeFile(t, "omrader.csv", data))
}

func values(t *testing.T, db *sqlite.DB, id string) []indicators.Value {
	t.Helper()
	vs, err := db.IndicatorValues(context.Background(), id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

// flat renders values without dims as "AREA PERIOD VALUE".
func flat(vs []indicators.Value) []string {
	var out []string
	for _, v := range vs {
		s := v.Area + " " + v.Period.Label + " "
		if v.Value != nil {
			s += v.Value.String()
		}
		out = append(out, s)
	}
	return out
}

func areaLevels(t *testing.T, db *sqlite.DB) map[string]indicators.Level {
	t.Helper()
	as, err := db.Areas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]indicators.Level{}
	for _, a := range as {
		m[a.Code] = a.Level
	}
	return m
}

// rejected imports and expects a rejection whose errors say every want.
func rejected(t *testing.T, db *sqlite.DB, path string, opts indicatorimport.Options, want ...string) {
	t.Helper()
	rep, err := indicatorimport.Run(context.Background(), db, path, opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if rep.Status != indicatorimport.Rejected {
		t.Fatalf("status %s, want rejected; values %v", rep.Status, flat(values(t, db, opts.Indicator)))
	}
	var msgs []string
	for _, e := range rep.Result.Errors {
		msgs = append(msgs, e.Column+" "+e.Value+": "+e.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("errors do not say %q:\n%s", w, all)
		}
	}
}

func TestRun_FreshWorkspaceFixtureTrangboddhet(t *testing.T) {
	path := fixture(t, "fhi-trangboddhet", "trangboddhet.csv")
	db := openDB(t)
	opts := options(t, "trangboddhet")
	opts.Scale = indicatorfile.ScaleFraction
	rep := run(t, db, path, opts)
	if got := rep.Result.Count(); got != 380 {
		t.Errorf("values = %d, want 380", got)
	}
	vs := values(t, db, "trangboddhet")
	// SOURCE.txt: 0.103350755704193 = 10.3 % (Hele landet, code "00", is area 0).
	if got := valueOf(t, find(t, vs, "0", "2015")); got != "10.3350755704193" {
		t.Errorf("Hele landet 2015 = %s", got)
	}
	if got := valueOf(t, find(t, vs, "4001", "2024", indicators.Dim{Name: "innvandringsbakgrunn", Value: "innvandrere"})); got == "" {
		t.Errorf("Porsgrunn 2024 innvandrere missing")
	}
	lv := areaLevels(t, db)
	if lv["0"] != indicators.Land || lv["40"] != indicators.Fylke || lv["4001"] != indicators.Kommune || lv["4036"] != indicators.Kommune || len(lv) != 19 {
		t.Errorf("areas stored = %v, want the 19 of the file: land, Telemark and 17 kommuner", lv)
	}
}

func TestRun_FreshWorkspaceFixtureLavinntekt(t *testing.T) {
	db := openDB(t)
	rep := run(t, db, fixture(t, "fhi-lavinntekt-innvandrere", "andel_innvandrere_i_lavinntekt_fhi.csv"), options(t, "lavinntekt"))
	if got := rep.Result.Count(); got != 684 {
		t.Errorf("values = %d, want 684 (19 areas × 18 periods × 2 groups)", got)
	}
	inv := indicators.Dim{Name: "innvandringskategori", Value: "Innvandrere"}
	if got := valueOf(t, find(t, values(t, db, "lavinntekt"), "0", "2004-2006", inv)); got != "21.3217349172738" {
		t.Errorf("Hele landet 2004-2006 innvandrere = %s", got)
	}
	run(t, db, fixture(t, "fhi-lavinntekt-innvandrere", "vedvarende_lavinntekt_0-17_telemark.csv"), options(t, "barn-lavinntekt"))
	vs := values(t, db, "barn-lavinntekt")
	// SOURCE.txt: Telemark 12 and Hele landet 10 are ordinary rows, kept
	// as the county and the country, never as kommuner.
	for area, want := range map[string]string{"40": "12", "0": "10", "4016": "15"} {
		if got := valueOf(t, find(t, vs, area, "2021-2023")); got != want {
			t.Errorf("%s 2021-2023 = %s, want %s", area, got, want)
		}
	}
	if lv := areaLevels(t, db); lv["40"] != indicators.Fylke || lv["0"] != indicators.Land {
		t.Errorf("levels %v", lv)
	}
}

// Old and new codes of one area land on it; codes of an area whose borders
// changed land on that old area, not on today's.
func TestRun_CodesOfEveryReform(t *testing.T) {
	db := openDB(t)
	data := "Kommunenummer;Kommune;År;Andel\n" +
		"0805;Porsgrunn;2019;10,1\n" + // before 2020
		"3806;Porsgrunn;2021;10,2\n" + // Vestfold og Telemark
		"4001;Porsgrunn;2024;10,3\n" +
		"0715;Holmestrand;2019;9,0\n" + // before Sande joined in 2020
		"3802;Holmestrand;2021;9,1\n" +
		"38;Vestfold og Telemark;2021;11,0\n" +
		"00;Hele landet;2024;12,0\n"
	run(t, db, writeFile(t, "t.csv", data), options(t, "trangboddhet"))
	got := strings.Join(flat(values(t, db, "trangboddhet")), " ")
	for _, w := range []string{"4001 2019 10.1", "4001 2021 10.2", "4001 2024 10.3", "0715 2019 9", "3903 2021 9.1", "38 2021 11", "0 2024 12"} {
		if !strings.Contains(got, w) {
			t.Errorf("values %s: want %s", got, w)
		}
	}
}

// "11 Kiellandmyrå" is a levekårssone, not 11 Rogaland: the number is no
// sone code, so it is part of the name. The old code stored it under 11.
func TestRun_LeadingNumberIsPartOfTheName(t *testing.T) {
	db := openDB(t)
	writeAreas(t, db, "kode;navn;nivå;overordnet\n11;Rogaland;fylke;\n1103;Stavanger;kommune;11\nS11;Kiellandmyrå;sone;1103\nS12;Våland;sone;1103\n")
	run(t, db, writeFile(t, "s.csv", "Levekårssone;År;Andel\n11 Kiellandmyrå;2024;7,5\n12 Våland;2024;6,5\n"), options(t, "trangboddhet"))
	got := strings.Join(flat(values(t, db, "trangboddhet")), " ")
	if !strings.Contains(got, "S11 2024 7.5") {
		t.Errorf("values %s: want Kiellandmyrå (S11), never 11 Rogaland", got)
	}
	if strings.Contains(" "+got, " 11 ") {
		t.Errorf("a value was stored under 11 Rogaland: %s", got)
	}
}

// A code and a name of different areas are an error showing both, in one
// cell or in two columns. The old code stored them under the code.
func TestRun_CodeAndNameMustAgree(t *testing.T) {
	for name, data := range map[string]string{
		"one cell":    "Kommune;År;Andel\n4001 Skien;2024;10\n",
		"two columns": "Kommunenummer;Kommune;År;Andel\n4001;Skien;2024;10\n",
	} {
		t.Run(name, func(t *testing.T) {
			db := openDB(t)
			rejected(t, db, writeFile(t, "k.csv", data), options(t, "trangboddhet"), "code 4001 is Porsgrunn (kommune 4001)", "Skien (kommune 4003)")
		})
	}
	t.Run("agreeing, with a Sami name", func(t *testing.T) {
		db := openDB(t)
		run(t, db, writeFile(t, "k.csv", "Kommune;År;Andel\n5001 Tråante;2024;10\n030101 Gamle Oslo;2024;11\n"), options(t, "trangboddhet"))
		if got := strings.Join(flat(values(t, db, "trangboddhet")), " "); !strings.Contains(got, "5001 2024 10") || !strings.Contains(got, "030101 2024 11") {
			t.Errorf("values %s", got)
		}
	})
}

// "Frogner" is a bydel of Oslo (built in) and a delbydel the municipality
// imported: the column header chooses, else the error lists both. The old
// code stored a bydel file's Frogner under the delbydel.
func TestRun_NameOfTwoLevels(t *testing.T) {
	areas := "kode;navn;nivå;overordnet\n0301;Oslo;kommune;\n0301050101;Frogner;delbydel;030105\n0301050102;Uranienborg;delbydel;030105\n"
	for _, c := range []struct {
		header, want string
	}{{"Bydel", "030105"}, {"Delbydel", "0301050101"}} {
		t.Run(c.header, func(t *testing.T) {
			db := openDB(t)
			writeAreas(t, db, areas)
			run(t, db, writeFile(t, "f.csv", c.header+";År;Andel\nFrogner;2024;10\n"), options(t, "trangboddhet"))
			if got := flat(values(t, db, "trangboddhet")); len(got) != 1 || !strings.HasPrefix(got[0], c.want+" ") {
				t.Errorf("values %v, want under %s", got, c.want)
			}
		})
	}
	t.Run("Geografi", func(t *testing.T) {
		db := openDB(t)
		writeAreas(t, db, areas)
		rejected(t, db, writeFile(t, "f.csv", "Geografi;År;Andel\nFrogner;2024;10\n"), options(t, "trangboddhet"),
			"Frogner (delbydel 0301050101)", "Frogner (bydel 030105)", "column header")
	})
}

// Rows that are no area are skipped and counted; --exclude drops others;
// --area-alias maps an aggregate to an area.
func TestRun_RowsThatAreNoArea(t *testing.T) {
	data := "Geografi;Kjønn;År;Andel\nI alt;Begge;2024;10\nPorsgrunn;Begge;2024;30\nSkien;Begge;2024;40\n" +
		"Uoppgitt;Begge;2024;5\nUtlandet;Begge;2024;7\n9999 Ukjent kommune;Begge;2024;2\nSum fylke;Begge;2024;35\nPorsgrunn;Menn;2024;15\n"
	t.Run("skipped", func(t *testing.T) {
		db := openDB(t)
		opts := options(t, "trangboddhet")
		opts.Exclude = []indicatorfile.Where{{Column: "Kjønn", Value: "Menn"}}
		rep := run(t, db, writeFile(t, "n.csv", data), opts)
		if s := rep.Result.Skipped; s["not_area"] != 3 || s["aggregate"] != 2 || s["excluded"] != 1 {
			t.Errorf("skipped %v, want 3 not_area, 2 aggregate, 1 excluded", s)
		}
		if got := flat(values(t, db, "trangboddhet")); len(got) != 2 {
			t.Errorf("values %v, want Porsgrunn and Skien", got)
		}
	})
	t.Run("alias", func(t *testing.T) {
		db := openDB(t)
		opts := options(t, "trangboddhet")
		opts.AreaAliases = map[string]string{"I alt": "0"}
		opts.Exclude = []indicatorfile.Where{{Column: "Kjønn", Value: "Menn"}}
		rep := run(t, db, writeFile(t, "n.csv", data), opts)
		got := strings.Join(flat(values(t, db, "trangboddhet")), " ")
		if !strings.Contains(got, "0 2024 10") {
			t.Errorf("values %s: want I alt as Hele landet (0)", got)
		}
		if rep.Result.Mapping.AreaAliases["I alt"] != "0" || len(rep.Result.Mapping.Exclude["Kjønn"]) != 1 {
			t.Errorf("mapping %+v does not keep the alias and the exclude", rep.Result.Mapping)
		}
	})
	t.Run("code column", func(t *testing.T) {
		db := openDB(t)
		rep := run(t, db, writeFile(t, "c.csv", "Kommunenummer;År;Andel\n4001;2024;10\n9999;2024;3\n"), options(t, "trangboddhet"))
		if rep.Result.Skipped["not_area"] != 1 || len(flat(values(t, db, "trangboddhet"))) != 1 {
			t.Errorf("skipped %v", rep.Result.Skipped)
		}
	})
	t.Run("exclude of an unknown column", func(t *testing.T) {
		db := openDB(t)
		opts := options(t, "trangboddhet")
		opts.Exclude = []indicatorfile.Where{{Column: "Alder", Value: "x"}}
		_, err := indicatorimport.Run(context.Background(), db, writeFile(t, "n.csv", data), opts)
		if err == nil || !strings.Contains(err.Error(), "--exclude Alder=x: no column") {
			t.Errorf("err = %v", err)
		}
	})
}

// Areas stored by an indicator import come with their county and the
// country, so an areas file of the municipality's own sub-areas imported
// later finds a whole tree of parents.
func TestRun_AreasFileAfterIndicators(t *testing.T) {
	db := openDB(t)
	run(t, db, writeFile(t, "k.csv", "Kommune;År;Andel\n4001 Porsgrunn;2024;10\n"), options(t, "trangboddhet"))
	if lv := areaLevels(t, db); lv["4001"] != indicators.Kommune || lv["40"] != indicators.Fylke || lv["0"] != indicators.Land {
		t.Fatalf("areas %v, want Porsgrunn with Telemark and the country", lv)
	}
	writeAreas(t, db, "kode;navn;nivå;overordnet\nP1;Brattås;sone;4001\nP2;Stridsklev;sone;4001\n")
	if lv := areaLevels(t, db); lv["P1"] != indicators.Sone || len(lv) != 5 {
		t.Errorf("areas %v", lv)
	}
}

// A levekårssone named like another city's bydel is not that bydel: under
// a Levekårssone header the name must be a zone the municipality imported.
func TestRun_ZoneNamedLikeAnotherCitysBydel(t *testing.T) {
	db := openDB(t)
	rejected(t, db, writeFile(t, "z.csv", "Levekårssone;År;Andel\nHundvåg;2024;10\n"), options(t, "trangboddhet"),
		`"Hundvåg" is no sone known to the workspace`, "Hundvåg (bydel 110301)")
	writeAreas(t, db, "kode;navn;nivå\nZ1;Hundvåg;sone\n")
	run(t, db, writeFile(t, "z.csv", "Levekårssone;År;Andel\nHundvåg;2024;10\n"), options(t, "trangboddhet"))
	if got := flat(values(t, db, "trangboddhet")); len(got) != 1 || got[0] != "Z1 2024 10" {
		t.Errorf("values %v", got)
	}
}

// A name alone for a period before the area's present borders is taken as
// today's area, and the import says so.
func TestRun_NameBeforeBordersWarns(t *testing.T) {
	db := openDB(t)
	rep := run(t, db, writeFile(t, "h.csv", "Kommune;År;Andel\nHolmestrand;2019;9\nHolmestrand;2024;10\nPorsgrunn;2019;8\n"), options(t, "trangboddhet"))
	w := strings.Join(rep.Result.Warnings, "\n")
	if !strings.Contains(w, `"Holmestrand" is taken as today's Holmestrand (3903) also for 2019 and other years before its present borders of 2020`) || strings.Contains(w, "Porsgrunn") {
		t.Errorf("warnings:\n%s", w)
	}
}

// A local zone code that is an SSB code of another level (40 is
// Telemark) is refused: a file's 40 would otherwise land on the zone.
func TestImportAreas_zoneCodeClashesWithSSB(t *testing.T) {
	db := openDB(t)
	res, err := areafile.Read(context.Background(), writeFile(t, "a.csv", "kode;navn;nivå\n40;Elvebakken;sone\n"), areafile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = indicatorimport.ImportAreas(context.Background(), db, res)
	if err == nil || !strings.Contains(err.Error(), "code 40 is Telemark (fylke 40)") {
		t.Fatalf("err = %v", err)
	}
	if lv := areaLevels(t, db); len(lv) != 0 {
		t.Errorf("areas stored: %v", lv)
	}
	writeAreas(t, db, "kode;navn;nivå\nS40;Elvebakken;sone\n")
	run(t, db, writeFile(t, "z.csv", "Kommunenummer;År;Andel\n40;2024;10\n"), options(t, "trangboddhet"))
	if got := flat(values(t, db, "trangboddhet")); len(got) != 1 || got[0] != "40 2024 10" || areaLevels(t, db)["40"] != indicators.Fylke {
		t.Errorf("values %v", got)
	}
}

// --exclude and --area-alias shape the values: the same file again with
// other ones is a new vintage, never "unchanged".
func TestRun_ExcludeAndAliasKeyTheImport(t *testing.T) {
	db := openDB(t)
	p := writeFile(t, "n.csv", "Geografi;År;Andel\nI alt;2024;10\nPorsgrunn;2024;30\nSkien;2024;40\n")
	run(t, db, p, options(t, "trangboddhet"))
	opts := options(t, "trangboddhet")
	opts.AreaAliases = map[string]string{"I alt": "0"}
	rep := run(t, db, p, opts)
	if rep.Status != indicatorimport.Imported || len(rep.Replaced) != 1 {
		t.Errorf("with --area-alias: %s, replaced %d", rep.Status, len(rep.Replaced))
	}
	opts.Exclude = []indicatorfile.Where{{Column: "Geografi", Value: "Skien"}}
	run(t, db, p, opts)
	if got := strings.Join(flat(values(t, db, "trangboddhet")), " "); got != "0 2024 10 4001 2024 30" {
		t.Errorf("current values %q", got)
	}
}
