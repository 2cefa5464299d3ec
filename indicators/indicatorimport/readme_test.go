package indicatorimport_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorfile"
)

// The README's mapping examples import the files they are written for.
func TestReadme_mappingExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "#### Mapping files")
	if i < 0 {
		t.Fatal("README has no Mapping files section")
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(text[i:], -1)
	if len(blocks) < 2 {
		t.Fatalf("%d yaml examples", len(blocks))
	}
	files := []struct {
		name, data, id string
		want           []string
	}{
		{"long.csv", "Kommunenummer;Geografi;År;Innvandringsbakgrunn;Andel\n4001;Porsgrunn;2024;totalt;0,1\n4001;Porsgrunn;2024;innvandrere;0,2\n;I alt;2024;totalt;0,09\n",
			"trangboddhet", []string{"4001 2024 10", "0 2024 9"}},
		{"wide.csv", "Barn i lavinntekt\nKommune;Andel 2019-2021;Andel 2020-2022;Antall 2020-2022\nSkien;12;13;900\nSiljan;9;8;40\n",
			"barn-lavinntekt", []string{"4003 2019-2021 12", "4003 2020-2022 13"}},
	}
	for k, f := range files {
		t.Run(f.name, func(t *testing.T) {
			db := openDB(t)
			mp := filepath.Join(t.TempDir(), "m.yaml")
			if err := os.WriteFile(mp, []byte(blocks[k][1]), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := indicatorfile.LoadMapping(context.Background(), mp)
			if err != nil {
				t.Fatalf("example %d: %v", k+1, err)
			}
			opts := options(t, "")
			opts.Mapping = m
			run(t, db, writeFile(t, f.name, f.data), opts)
			got := strings.Join(flat(values(t, db, f.id)), " ")
			for _, w := range f.want {
				if !strings.Contains(got, w) {
					t.Errorf("values %s, want %s", got, w)
				}
			}
			if strings.Contains(got, "Siljan") || len(flat(values(t, db, f.id))) != len(f.want) {
				t.Errorf("values %s", got)
			}
		})
	}
}

// The README's areas file example imports, its parents completed from the
// built-in geography, its home area set.
func TestReadme_areasExample(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "#### Areas")
	m := regexp.MustCompile("(?s)```csv\n(.*?)```").FindStringSubmatch(text[i:])
	if i < 0 || m == nil {
		t.Fatal("README has no areas file example")
	}
	db := openDB(t)
	writeAreas(t, db, m[1])
	lv := areaLevels(t, db)
	if lv["S11"] != "sone" || lv["110301"] != "bydel" || lv["1103"] != "kommune" || lv["11"] != "fylke" || lv["0"] != "land" {
		t.Errorf("areas %v", lv)
	}
	home, ok, err := db.Home(context.Background())
	if err != nil || !ok || home.Code != "1103" {
		t.Errorf("home = %+v %v %v", home, ok, err)
	}
}
