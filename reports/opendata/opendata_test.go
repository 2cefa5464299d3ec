package opendata_test

import (
	"encoding/csv"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// dpField and dpPackage are what the reader takes from datapackage.json:
// nothing else tells it how to read the CSV files.
type dpField struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Constraints struct {
		Required bool     `json:"required"`
		Pattern  string   `json:"pattern"`
		Enum     []string `json:"enum"`
	} `json:"constraints"`
}

type dpPackage struct {
	Profile   string `json:"profile"`
	Resources []struct {
		Name   string `json:"name"`
		Path   string `json:"path"`
		Schema struct {
			Fields     []dpField `json:"fields"`
			PrimaryKey any       `json:"primaryKey"`
		} `json:"schema"`
	} `json:"resources"`
}

// table is one resource read back: rows as field name to value.
type table struct {
	fields []dpField
	rows   []map[string]string
}

// readPackage reads the package in dir using only its datapackage.json,
// and validates every cell against its field's type and constraints and
// the primary key's uniqueness.
func readPackage(t *testing.T, dir string) (dpPackage, map[string]table) {
	t.Helper()
	js, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dp dpPackage
	if err := json.Unmarshal(js, &dp); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	tables := map[string]table{}
	for _, r := range dp.Resources {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(r.Path)))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", r.Path, err)
		}
		if len(recs) == 0 {
			t.Fatalf("%s: no header", r.Path)
		}
		for i, fl := range r.Schema.Fields {
			if i >= len(recs[0]) || recs[0][i] != fl.Name {
				t.Fatalf("%s: header %v does not match the schema's fields", r.Path, recs[0])
			}
		}
		var pk []string
		switch k := r.Schema.PrimaryKey.(type) {
		case string:
			pk = []string{k}
		case []any:
			for _, s := range k {
				pk = append(pk, s.(string))
			}
		}
		seen := map[string]int{}
		tb := table{fields: r.Schema.Fields}
		for n, rec := range recs[1:] {
			row := map[string]string{}
			for i, fl := range r.Schema.Fields {
				v := rec[i]
				checkCell(t, r.Path, n+2, fl, v)
				row[fl.Name] = v
			}
			if len(pk) > 0 {
				var key []string
				for _, k := range pk {
					key = append(key, row[k])
				}
				ks := strings.Join(key, "\x00")
				if prev, ok := seen[ks]; ok {
					t.Errorf("%s: rows %d and %d share the primary key %v", r.Path, prev, n+2, key)
				}
				seen[ks] = n + 2
			}
			tb.rows = append(tb.rows, row)
		}
		tables[r.Name] = tb
	}
	return dp, tables
}

func checkCell(t *testing.T, path string, row int, fl dpField, v string) {
	t.Helper()
	if v == "" {
		if fl.Constraints.Required {
			t.Errorf("%s row %d %s: required, empty", path, row, fl.Name)
		}
		return
	}
	switch fl.Type {
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			t.Errorf("%s row %d %s: %q is not an integer", path, row, fl.Name, v)
		}
	case "number":
		if _, ok := new(big.Rat).SetString(v); !ok {
			t.Errorf("%s row %d %s: %q is not a number", path, row, fl.Name, v)
		}
	}
	if p := fl.Constraints.Pattern; p != "" && !regexp.MustCompile(p).MatchString(v) {
		t.Errorf("%s row %d %s: %q does not match %s", path, row, fl.Name, v, p)
	}
	if e := fl.Constraints.Enum; len(e) > 0 {
		ok := false
		for _, s := range e {
			ok = ok || s == v
		}
		if !ok {
			t.Errorf("%s row %d %s: %q not in %v", path, row, fl.Name, v, e)
		}
	}
}

// ore reads an amount cell back exactly.
func ore(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	kr, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 2 {
		t.Fatalf("amount %q: not two decimals", s)
	}
	k, err1 := strconv.ParseInt(kr, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("amount %q", s)
	}
	v := k*100 + f
	if neg {
		v = -v
	}
	return v
}

func samplePackages() map[string]opendata.Package {
	return map[string]opendata.Package{
		"small": {Municipality: "Nordby kommune", Year: 2026, Version: "vedtatt",
			Lines: []opendata.Line{
				{Part: "drift", Ansvar: "2100", Funksjon: "232", Art: "10100", Tekst: "Fastlønn", Ore: 1234567},
				{Part: "drift", Ansvar: "2100", Funksjon: "232", Art: "16200", Tekst: "Refusjon", Ore: -50005},
				{Part: "investering", Ansvar: "0500", Funksjon: "221", Art: "02000", Tekst: "Utstyr", Ore: 99},
			},
			Linked:   []opendata.Linked{{Nr: "1", Part: "drift", Ansvar: "2100", Funksjon: "232", Art: "10100", Ore: 600000}},
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
				p.Lines = append(p.Lines, opendata.Line{Part: part, Ansvar: "00" + strconv.Itoa(i), Funksjon: "0" + strconv.Itoa(10+i), Art: "010", Tekst: "Linje \"" + strconv.Itoa(i) + "\"\nto", Ore: int64(i*i*1001 - 77)})
			}
			for n := 1; n <= 3; n++ {
				for y := 2031; y <= 2034; y++ {
					p.Measures = append(p.Measures, opendata.Measure{Nr: strconv.Itoa(n), Name: "Tiltak, " + strconv.Itoa(n), Status: "planlagt", Year: y, Ore: int64(n*y) - 1})
				}
				p.Linked = append(p.Linked, opendata.Linked{Nr: strconv.Itoa(n), Part: "drift", Ansvar: "001", Funksjon: "011", Art: "010", Ore: -int64(n)})
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
			dp, tables := readPackage(t, dir)
			if dp.Profile != "fiscal-data-package" {
				t.Errorf("profile %q", dp.Profile)
			}
			for _, tb := range tables {
				for _, f := range tb.fields {
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
			if len(lines.rows) != len(p.Lines) {
				t.Fatalf("%d lines, want %d", len(lines.rows), len(p.Lines))
			}
			for _, r := range lines.rows {
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
			for _, r := range tables["koblede-belop"].rows {
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
			if len(measures.rows) != len(p.Measures) {
				t.Errorf("%d measure rows, want %d", len(measures.rows), len(p.Measures))
			}
			for _, m := range p.Measures {
				found := false
				for _, r := range measures.rows {
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
	if len(tb.rows) != 20217 {
		t.Errorf("%d rows, want 20217 (SOURCE.txt)", len(tb.rows))
	}
	padded := 0
	for _, r := range tb.rows {
		if strings.HasPrefix(r["CENTRO"], "0") {
			padded++
		}
	}
	if padded == 0 {
		t.Error("no zero-padded CENTRO: the quirk SOURCE.txt names is gone")
	}
}
