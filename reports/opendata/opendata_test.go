package opendata_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// readPackage reads dir with opendata.Read and fails the test on any
// problem it finds.
func readPackage(t *testing.T, dir string) (string, map[string]opendata.Table) {
	t.Helper()
	p, err := opendata.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p.Profile, p.Tables
}

func ore(t *testing.T, s string) int64 {
	t.Helper()
	v, err := opendata.ParseKroner(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func samplePackages() map[string]opendata.Package {
	return map[string]opendata.Package{
		"small": {Municipality: "Nordby kommune", Year: 2026, Version: "vedtatt",
			Lines: []opendata.Line{
				{Part: "drift", Row: 5, Ansvar: "2100", Funksjon: "232", Art: "10100", Ore: 1234567},
				{Part: "drift", Row: 6, Ansvar: "2100", Funksjon: "232", Art: "16200", Konto: "16200", Ore: -50005},
				{Part: "investering", Row: 5, Ansvar: "0500", Funksjon: "221", Art: "02000", Prosjekt: "P-01, «nytt»", Ore: 99},
			},
			Linked:   []opendata.Linked{{Nr: "1", Part: "drift", Row: 5, Ansvar: "2100", Funksjon: "232", Art: "10100", Ore: 600000}},
			Measures: []opendata.Measure{{Nr: "1", Name: "Helsesykepleier, «alle skoler»", Status: "vedtatt", Year: 2026, Ore: 600000}},
		},
		// Differently shaped: leading-zero codes only, many lines, several
		// measures and years, negative amounts under a krone.
		"shaped": func() opendata.Package {
			p := opendata.Package{Municipality: "Sørvik, Øvre og Ås", Year: 2031}
			for i := 0; i < 40; i++ {
				part := "drift"
				if i%3 == 0 {
					part = "investering"
				}
				p.Lines = append(p.Lines, opendata.Line{Part: part, Ansvar: "00" + strconv.Itoa(i), Funksjon: "0" + strconv.Itoa(10+i), Art: "010", Tjeneste: "Linje \"" + strconv.Itoa(i) + "\"\nto", Row: i + 7, Ore: int64(i*i*1001 - 77)})
			}
			for n := 1; n <= 3; n++ {
				for y := 2031; y <= 2034; y++ {
					p.Measures = append(p.Measures, opendata.Measure{Nr: strconv.Itoa(n), Name: "Tiltak, " + strconv.Itoa(n), Status: "planlagt", Year: y, Ore: int64(n*y) - 1})
				}
				p.Linked = append(p.Linked, opendata.Linked{Nr: strconv.Itoa(n), Part: "drift", Row: 7 + n, Ansvar: "001", Funksjon: "011", Art: "010", Ore: -int64(n)})
			}
			return p
		}(),
	}
}

func TestWriteRoundTrip(t *testing.T) {
	for name, p := range samplePackages() {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pakke")
			if err := opendata.Write(dir, p); err != nil {
				t.Fatal(err)
			}
			profile, tables := readPackage(t, dir)
			if profile != "fiscal-data-package" {
				t.Errorf("profile %q", profile)
			}
			for _, tb := range tables {
				for _, f := range tb.Fields {
					if (f.Name == "ansvar" || f.Name == "funksjon" || f.Name == "art" || f.Name == "measure" || f.Name == "amount") && f.Type != "string" {
						t.Errorf("field %s is %s, want string", f.Name, f.Type)
					}
				}
			}
			want, got := map[string]int64{}, map[string]int64{}
			codes := map[string]bool{}
			for _, l := range p.Lines {
				want[l.Part] += l.Ore
				codes[l.Ansvar+"/"+l.Funksjon+"/"+l.Art] = true
			}
			lines := tables["budsjettlinjer"]
			if len(lines.Rows) != len(p.Lines) {
				t.Fatalf("%d lines, want %d", len(lines.Rows), len(p.Lines))
			}
			for _, r := range lines.Rows {
				got[r["part"]] += ore(t, r["amount"])
				if !codes[r["ansvar"]+"/"+r["funksjon"]+"/"+r["art"]] {
					t.Errorf("codes %s/%s/%s not in the input (leading zeros lost?)", r["ansvar"], r["funksjon"], r["art"])
				}
			}
			for part := range want {
				if got[part] != want[part] {
					t.Errorf("%s: lines sum to %d øre, want %d", part, got[part], want[part])
				}
			}
			linkedWant, linkedGot := map[string]int64{}, map[string]int64{}
			for _, l := range p.Linked {
				linkedWant[l.Nr] += l.Ore
			}
			for _, r := range tables["koblede-belop"].Rows {
				linkedGot[r["measure"]] += ore(t, r["amount"])
			}
			if len(linkedGot) != len(linkedWant) {
				t.Errorf("linked measures %v, want %v", linkedGot, linkedWant)
			}
			for k, v := range linkedWant {
				if linkedGot[k] != v {
					t.Errorf("measure %s linked %d, want %d", k, linkedGot[k], v)
				}
			}
			measures := tables["tiltak"]
			if len(measures.Rows) != len(p.Measures) {
				t.Errorf("%d measure rows, want %d", len(measures.Rows), len(p.Measures))
			}
			for _, m := range p.Measures {
				found := false
				for _, r := range measures.Rows {
					if r["measure"] == m.Nr && r["year"] == strconv.Itoa(m.Year) {
						found = r["status"] == m.Status && r["name"] == m.Name && ore(t, r["amount"]) == m.Ore
					}
				}
				if !found {
					t.Errorf("measure %s %d not read back as written", m.Nr, m.Year)
				}
			}
			// Same input, same bytes.
			dir2 := filepath.Join(t.TempDir(), "pakke")
			if err := opendata.Write(dir2, p); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"datapackage.json", "README.md", "data/budsjettlinjer.csv", "data/koblede-belop.csv", "data/tiltak.csv"} {
				a, _ := os.ReadFile(filepath.Join(dir, f))
				b, _ := os.ReadFile(filepath.Join(dir2, f))
				if string(a) != string(b) || len(a) == 0 {
					t.Errorf("%s: not the same bytes twice", f)
				}
			}
			// Never over an existing folder.
			if err := opendata.Write(dir, p); err == nil {
				t.Error("Write over an existing folder succeeded")
			}
		})
	}
}

func TestKroner(t *testing.T) {
	for ore, want := range map[int64]string{0: "0.00", 1: "0.01", -1: "-0.01", -50005: "-500.05", 1234567: "12345.67", 100: "1.00"} {
		if got := opendata.Kroner(ore); got != want {
			t.Errorf("Kroner(%d) = %q, want %q", ore, got, want)
		}
	}
}

// TestMadridFixture reads a real Fiscal Data Package with the same reader.
// Its quirk: the schema types CENTRO and SECCION "integer", but the data
// are zero-padded codes ("001"): valid integers that lose their zeros when
// read as numbers, the reason this package types codes as strings.
func TestMadridFixture(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "madrid-fiscal-data-package")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/fixtures absent")
	}
	_, tables := readPackage(t, dir)
	tb, ok := tables["gastos_v40_2012-2015"]
	if !ok {
		t.Fatal("no resource gastos_v40_2012-2015")
	}
	if len(tb.Rows) != 20217 {
		t.Errorf("%d rows, want 20217 (SOURCE.txt)", len(tb.Rows))
	}
	padded := 0
	for _, r := range tb.Rows {
		if strings.HasPrefix(r["CENTRO"], "0") {
			padded++
		}
	}
	if padded == 0 {
		t.Error("no zero-padded CENTRO: the quirk SOURCE.txt names is gone")
	}
}
