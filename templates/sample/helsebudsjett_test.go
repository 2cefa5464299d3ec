package sample_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/measurefile"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/templates"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

var updateHB = flag.Bool("update-helsebudsjett", false, "rewrite the helsebudsjett files in templates/sample")

// committedDir is where the module keeps the generated files: here.
var committedDir = "."

// TestHelsebudsjettUpToDate fails when the committed units, measures and
// ratings differ from what the generator writes; -update-helsebudsjett (or
// -update, which the budget files' test also takes) rewrites them.
func TestHelsebudsjettUpToDate(t *testing.T) {
	if *updateHB || flag.Lookup("update") != nil && flag.Lookup("update").Value.String() == "true" {
		if err := sample.WriteHelsebudsjett(committedDir); err != nil {
			t.Fatal(err)
		}
	}
	fresh := t.TempDir()
	if err := sample.WriteHelsebudsjett(fresh); err != nil {
		t.Fatal(err)
	}
	for _, name := range sample.HelsebudsjettFiles() {
		want, err := os.ReadFile(filepath.Join(fresh, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(committedDir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("templates/sample/%s is stale or missing: run go test ./templates/sample -run TestHelsebudsjettUpToDate -update-helsebudsjett", name)
		}
	}
}

// TestMeasures_LinkSampleBudget checks the sample measures against the
// sample budget: every measure picks lines in 2027, no line is counted
// more than 100 %, every indicator is in the catalogue, every unit exists.
func TestMeasures_LinkSampleBudget(t *testing.T) {
	ms := sample.Measures()
	if n := len(ms); n < 15 || n > 25 {
		t.Errorf("%d sample measures; want 15-25", n)
	}
	efforts := map[budget.Effort]int{}
	numbers, levels := 0, 0
	for _, m := range ms {
		efforts[m.Effort]++
		if m.Effect.IsNumber() {
			numbers++
		}
		if m.Effect.IsLevel() {
			levels++
		}
	}
	if len(efforts) != 3 || numbers == 0 || levels == 0 {
		t.Errorf("efforts %v, %d number effects, %d ordinal: want all three efforts and both kinds", efforts, numbers, levels)
	}
	cat, err := indicators.LoadCatalogue(templates.Indicators)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]bool{}
	bydeler := map[string]bool{}
	for _, u := range sample.Units() {
		units[u.Code] = true
		if u.Bydel != "" {
			bydeler[u.Bydel] = true
		}
	}
	refs := budget.MeasureRefs{Units: units, Indicator: func(id string) bool { _, ok := cat.Get(id); return ok },
		Area: func(c string) bool { return bydeler[c] }, Fields: map[string]bool{"ansvar": true, "funksjon": true, "art": true,
			"prosjekt": true, "tjeneste": true, "konto": true, "bydel": true}}
	for _, p := range budget.ValidateMeasures(ms, refs) {
		t.Errorf("measure %s: %s %q: %s", p.Nr, p.Field, p.Value, p.Message)
	}
	lines := sample.Budget()
	for _, key := range sample.Keys() {
		links, over := budget.Links(key, lines, ms)
		for _, o := range over {
			t.Errorf("%s", o.Error())
		}
		if key.Year != 2027 {
			continue
		}
		picked := map[string]int{}
		for _, l := range links {
			picked[l.Measure]++
		}
		for _, m := range ms {
			if picked[m.Nr] == 0 {
				t.Errorf("measure %s %s picks no line of the 2027 budget (%s)", m.Nr, m.Name, m.Selector)
			}
		}
	}
}

// TestRatings_EveryFunksjon checks that the sample rates every funksjon of
// its 2027 budget, each with a reason.
func TestRatings_EveryFunksjon(t *testing.T) {
	rs := sample.Ratings()
	if errs := budget.ValidateRatings(rs); len(errs) > 0 {
		t.Fatal(errs)
	}
	rater := budget.NewRater(rs)
	key := budget.Key{Year: 2027, Version: budget.Vedtatt}
	for _, l := range sample.Budget() {
		if l.OreFor(key) != 0 && rater.Rate(&l) == nil {
			t.Errorf("funksjon %s (line %s) is unrated", l.Funksjon, budget.DescribeLine(&l))
		}
	}
}

// TestHelsebudsjettFiles_Read reads the written files back with
// measurefile and compares them with the Go data.
func TestHelsebudsjettFiles_Read(t *testing.T) {
	dir := t.TempDir()
	if err := sample.WriteHelsebudsjett(dir); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	us, err := measurefile.ReadUnits(ctx, filepath.Join(dir, sample.UnitsFile), measurefile.Options{})
	if err != nil || len(us.Errors) > 0 {
		t.Fatalf("units: %v %v", err, us.Errors)
	}
	if got, want := len(us.Units), len(sample.Units()); got != want {
		t.Errorf("%d units read, want %d", got, want)
	}
	ms, err := measurefile.ReadMeasures(ctx, filepath.Join(dir, sample.MeasuresFile), measurefile.Options{})
	if err != nil || len(ms.Errors) > 0 {
		t.Fatalf("measures: %v %v", err, ms.Errors)
	}
	want := sample.Measures()
	for i := range want {
		if got, w := mustJSON(t, ms.Measures[i]), mustJSON(t, want[i]); got != w {
			t.Errorf("measure %s read back as\n%s\nwant\n%s", want[i].Nr, got, w)
		}
	}
	rs, err := measurefile.ReadRatings(ctx, filepath.Join(dir, sample.RatingsFile), measurefile.Options{})
	if err != nil || len(rs.Errors) > 0 {
		t.Fatalf("ratings: %v %v", err, rs.Errors)
	}
	if got, want := len(rs.Ratings), len(sample.Ratings()); got != want {
		t.Errorf("%d ratings read, want %d", got, want)
	}
}

// TestMeasures_LinkAccountsFile reads the committed accounts file as
// `import budget` does and checks that every measure running in 2026 picks
// a line of it for each 2026 version: the measures select by tjeneste, so
// the file must carry the tjeneste beside the funksjon, and the importer
// must keep both.
func TestMeasures_LinkAccountsFile(t *testing.T) {
	var lines []budget.Line
	res, err := budgetfile.Import(context.Background(), filepath.Join(committedDir, sample.AccountsFile), budgetfile.Options{},
		func(l *budget.Line) error { lines = append(lines, *l); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if res.ErrorCount > 0 {
		t.Fatalf("%d row errors: %v", res.ErrorCount, res.Errors)
	}
	for _, l := range lines {
		if len(l.Funksjon) != 3 || len(l.Tjeneste) != 5 || l.Tjeneste[:3] != l.Funksjon {
			t.Fatalf("line %s: funksjon %q tjeneste %q", budget.DescribeLine(&l), l.Funksjon, l.Tjeneste)
		}
	}
	ms := sample.Measures()
	for _, key := range sample.Keys() {
		if key.Year != 2026 {
			continue
		}
		links, over := budget.Links(key, lines, ms)
		for _, o := range over {
			t.Errorf("%s", o.Error())
		}
		picked := map[string]int64{}
		for _, l := range links {
			picked[l.Measure] += l.CountedOre
		}
		active := 0
		for _, m := range ms {
			if !m.ActiveIn(2026) {
				continue
			}
			active++
			if picked[m.Nr] == 0 {
				t.Errorf("%v: measure %s %s has no money in %s (%s)", key, m.Nr, m.Name, sample.AccountsFile, m.Selector)
			}
		}
		if active == 0 {
			t.Errorf("%v: no sample measure runs in 2026", key)
		}
	}
}
