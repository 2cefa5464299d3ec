package refgeo_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/refgeo"
	"github.com/helsebudsjett/helsebudsjett/templates"
)

const fixtures = "../../../shared/fixtures"

var oldName = regexp.MustCompile(`\((\d{4})?-\d{4}\)$`)

func rows(t *testing.T, path string) [][]string {
	t.Helper()
	tb, err := tabular.Open(context.Background(), path, tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	var out [][]string
	for {
		r, err := tb.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, append([]string(nil), r.Cells...))
	}
}

// The shipped table is what the generator derives from SSB's files.
func TestEmbeddedTableIsDerivedFromSSB(t *testing.T) {
	k := filepath.Join(fixtures, refgeo.KommuneFile)
	if _, err := os.Stat(k); err != nil {
		t.Skip("shared fixtures not available")
	}
	got, err := refgeo.Derive(rows(t, k)[1:], rows(t, filepath.Join(fixtures, refgeo.BydelFile))[1:], refgeo.DefaultSource("2026-12-05"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, templates.Geography) {
		t.Errorf("templates/geografi.csv differs from what 'go run ./indicators/refgeo/gen' derives: run it")
	}
}

func gazetteer(t *testing.T) *indicators.Gazetteer {
	t.Helper()
	ref, err := refgeo.Load()
	if err != nil {
		t.Fatal(err)
	}
	return indicators.NewGazetteerWithReference(nil, nil, ref)
}

func TestLoad_counts(t *testing.T) {
	ref, err := refgeo.Load()
	if err != nil {
		t.Fatal(err)
	}
	n := map[indicators.Level]int{}
	for _, g := range ref.Geos {
		if !oldName.MatchString(g.Name) {
			n[g.Level]++
		}
	}
	// 2024: 15 fylker, 357 kommuner (SSB's 2024 list), 38 bydeler in four cities.
	if n[indicators.Land] != 1 || n[indicators.Fylke] != 15 || n[indicators.Bydel] != 38 || n[indicators.Kommune] != 357 {
		t.Errorf("areas of today by level = %v", n)
	}
}

// Codes of every reform find the area valid then: today's when its
// borders did not change, an old area of its own when they did.
func TestFind_codesOfEveryReform(t *testing.T) {
	g := gazetteer(t)
	for _, c := range []struct{ code, want, name string }{
		{"0805", "4001", "Porsgrunn"}, // 2019 code
		{"3806", "4001", "Porsgrunn"}, // 2020-2023 code
		{"4001", "4001", "Porsgrunn"}, // 2024 code
		{"3801", "3901", "Horten"},
		{"0701", "3901", "Horten"},
		{"0101", "3101", "Halden"},
		{"1601", "1601", "Trondheim (-2017)"},       // before Klæbu joined: smaller than today's
		{"5030", "5030", "Klæbu (2018-2019)"},       // a part of today's Trondheim, not all of it
		{"0715", "0715", "Holmestrand (2018-2019)"}, // before Sande joined
		{"1507", "1507", "Ålesund (2020-2023)"},     // held Haram: not today's Ålesund
		{"1534", "1580", "Haram"},                   // the same borders as today's Haram
		{"00", "0", "Hele landet"},
		{"0", "0", "Hele landet"},
		{"38", "38", "Vestfold og Telemark (2020-2023)"},
		{"08", "40", "Telemark"},
		{"301", "0301", "Oslo"},
		{"30101", "030101", "Gamle Oslo"},
		{"K-3806", "4001", "Porsgrunn"}, // SSB statbank's prefixed codes
		{"F-40", "40", "Telemark"},
	} {
		a, err := g.Find(c.code, "", "")
		if err != nil || a.Code != c.want || a.Name != c.name {
			t.Errorf("Find(%s) = %s %s, %v; want %s %s", c.code, a.Code, a.Name, err, c.want, c.name)
		}
	}
}

func TestFind_names(t *testing.T) {
	g := gazetteer(t)
	for _, c := range []struct{ name, want string }{
		{"Trondheim", "5001"}, {"Tråante", "5001"}, {"Trondheim - Tråante", "5001"},
		{"Kautokeino", "5612"}, {"Guovdageaidnu", "5612"}, {"Våler (Østfold)", "3114"},
		{"Porsgrunn kommune", "4001"}, {"Telemark fylke", "40"}, {"Telemark", "40"},
		{"Oslo", "0301"}, {"Hele landet", "0"}, {"Landet", "0"}, {"Hof", "0714"},
		{"St.Hanshaugen", "030104"}, {"Bydel Gamle Oslo", "030101"},
		{"4001 Porsgrunn", "4001"}, {"030101 Gamle Oslo", "030101"}, {"0805 Porsgrunn", "4001"},
	} {
		a, err := g.Find("", c.name, "")
		if err != nil || a.Code != c.want {
			t.Errorf("Find(%q) = %s %s, %v; want %s", c.name, a.Code, a.Name, err, c.want)
		}
	}
}

func TestFind_refuses(t *testing.T) {
	g := gazetteer(t)
	for _, c := range []struct {
		code, name string
		want       []string
	}{
		{"", "Våler", []string{"Våler (Østfold) (kommune 3114)", "Våler (Innlandet) (kommune 3419)"}},
		{"", "4001 Skien", []string{"code 4001 is Porsgrunn (kommune 4001)", "Skien (kommune 4003)"}},
		{"4001", "Skien", []string{"code 4001 is Porsgrunn", "Skien"}},
		// 11 is Rogaland, and Kiellandmyrå (a levekårssone) no name of it.
		{"", "11 Kiellandmyrå", []string{"code 11 is Rogaland (fylke 11)", "not one of its names"}},
		{"", "Fjordvik", []string{"no known area"}},
	} {
		_, err := g.Find(c.code, c.name, "")
		if err == nil {
			t.Errorf("Find(%q, %q) matched", c.code, c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Find(%q, %q): %v; want it to say %q", c.code, c.name, err, w)
			}
		}
	}
}

// Every area's parent is an area of the table: stored together they form
// a tree.
func TestLoad_parentsClosed(t *testing.T) {
	ref, err := refgeo.Load()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, g := range ref.Geos {
		codes[g.Code] = true
	}
	for _, g := range ref.Geos {
		if g.Parent != "" && !codes[g.Parent] {
			t.Errorf("%s %s has parent %s, which is not in the table", g.Code, g.Name, g.Parent)
		}
	}
}
