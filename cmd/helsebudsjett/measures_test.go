package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/imports"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

func TestDemoMeasures_ListMatchesIndependentSum(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	code, stdout, stderr := cli(t, dir, "measures", "list", "--db", dbFile, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got model.MeasurePlan
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(got.Keys) != 4 || got.Keys[0].Year != 2027 {
		t.Fatalf("keys %v, want 2027-2030", got.Keys)
	}
	ms := sample.Measures()
	if len(got.Measures) != len(ms) {
		t.Fatalf("%d measures listed, want %d", len(got.Measures), len(ms))
	}
	lines := sample.Budget()
	for ki, key := range got.Keys {
		// Independently: every sample line each selector picks, times the share.
		want := map[string]int64{}
		var total int64
		for _, m := range ms {
			if !m.ActiveIn(key.Year) {
				continue
			}
			for i := range lines {
				if m.Selector.Match(&lines[i]) {
					ore := budget.Counted(lines[i].OreFor(key), m.Share)
					want[m.Nr] += ore
					total += ore
				}
			}
		}
		for _, m := range got.Measures {
			if g := m.Amounts[ki]; g.Amount != budget.FormatOre(want[m.Nr]) {
				t.Errorf("%s measure %s: listed %s, want %s", key, m.Nr, g.Amount, budget.FormatOre(want[m.Nr]))
			}
		}
		if got.Totals[ki].Amount != budget.FormatOre(total) {
			t.Errorf("%s total %s, want %s", key, got.Totals[ki].Amount, budget.FormatOre(total))
		}
		if total == 0 {
			t.Errorf("%s: no money linked", key)
		}
	}
	code, stdout, _ = cli(t, dir, "measures", "list", "--db", dbFile)
	if code != exitOK || !strings.Contains(stdout, "Fritidskortet") || !strings.Contains(stdout, "Sum") {
		t.Errorf("text list: exit %d\n%s", code, stdout)
	}
}

func TestTemplateMeasures_RoundTrip(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	before, err := db.Measures(ctx)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tiltak.xlsx")
	if code, _, stderr := cli(t, dir, "template", "measures", out, "--from-workspace", "--db", dbFile); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, dir, "import", "measures", out, "--db", dbFile, "--json")
	if code != exitOK {
		t.Fatalf("import: exit %d: %s\n%s", code, stderr, stdout)
	}
	var res imports.Outcome
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Status != "imported" || len(res.Warnings) > 0 {
		t.Fatalf("import: %v %+v", err, res)
	}
	db, err = sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after, err := db.Measures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(before)
	b, _ := json.Marshal(after)
	if !bytes.Equal(a, b) {
		t.Errorf("round trip changed the measures:\n%s\n%s", a, b)
	}
	// The empty template is a measures file with no rows: importing it
	// would delete every measure, so it needs --replace-all.
	empty := filepath.Join(dir, "tom.xlsx")
	if code, _, stderr := cli(t, dir, "template", "measures", empty, "--db", dbFile); code != exitOK {
		t.Fatalf("empty template: exit %d: %s", code, stderr)
	}
	if code, _, stderr := cli(t, dir, "import", "measures", empty, "--db", dbFile, "--dry-run"); code != exitRejected || !strings.Contains(stderr, "--replace-all") {
		t.Errorf("empty template dry run: exit %d, want %d naming --replace-all: %s", code, exitRejected, stderr)
	}
	if code, _, stderr := cli(t, dir, "import", "measures", empty, "--db", dbFile, "--dry-run", "--replace-all"); code != exitOK {
		t.Errorf("empty template dry run with --replace-all: exit %d: %s", code, stderr)
	}
}

func TestImportMeasures_Rejected(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	head := "Nr;Tiltak;Ansvarlig;Innsatstype;Indikatorer;Budsjettkobling;Andel;Område\n"
	cases := []struct {
		name, rows, want string
		code             int
	}{
		{"unknown unit", "1;A;ukjent-enhet;universell;;funksjon=232;;\n", "unknown unit ukjent-enhet", exitRejected},
		{"unknown indicator", "1;A;nav;universell;barn-lavinntek;funksjon=232;;\n", "did you mean barn-lavinntekt", exitRejected},
		{"unknown field", "1;A;nav;universell;;kommune=232;;\n", "unknown field kommune", exitRejected},
		{"unknown area", "1;A;nav;universell;;funksjon=232;;999999\n", "unknown area 999999", exitRejected},
		{"double count", "1;A;nav;universell;;funksjon=232;60;\n2;B;nav;målrettet;;\"funksjon=232;ansvar=52*\";50;\n", "measures 1, 2 together count more than 100 %", exitRejected},
		{"bad selector", "1;A;nav;universell;;funksjon=2*3;;\n", "'*' may only end a pattern", exitRejected},
		{"two marks", "1;A;nav*, kultur*;universell;;;;\n", "two units are marked", exitRejected},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := write(t, dir, "tiltak.csv", head+c.rows)
			code, stdout, stderr := cli(t, dir, "import", "measures", f, "--db", dbFile)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d; stderr does not say %q:\n%s\n%s", code, c.code, c.want, stderr, stdout)
			}
		})
	}
	// Nothing changed: the sample's measures are still there.
	code, stdout, _ := cli(t, dir, "measures", "list", "--db", dbFile, "--json")
	if code != exitOK || !strings.Contains(stdout, "Fritidskortet") {
		t.Errorf("measures changed by a rejected import:\n%s", stdout)
	}
}

func TestImportMeasures_NoMatchWarns(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	f := write(t, dir, "tiltak.csv", "Nr;Tiltak;Ansvarlig;Innsatstype;Budsjettkobling\n1;A;nav;universell;prosjekt=ingen\n")
	code, stdout, stderr := cli(t, dir, "import", "measures", f, "--db", dbFile)
	if code != exitOK || !strings.Contains(stdout, "picks no line of the current budget") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestImportMeasures_GoalMetAtBaselineWarns: a måltall that the baseline of
// the target path already meets (trivsel-skole starts at 88,8 in 2023) asks
// for nothing; the import says so and still imports.
func TestImportMeasures_GoalMetAtBaselineWarns(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	f := write(t, dir, "tiltak.csv", "Nr;Tiltak;Ansvarlig;Innsatstype;Indikatorer;Måltall\n1;A;nav;universell;trivsel-skole;trivsel-skole=88@2030\n2;B;nav;universell;frafall-vgs;frafall-vgs=12@2030\n")
	code, stdout, stderr := cli(t, dir, "import", "measures", f, "--db", dbFile, "--json")
	var res imports.Outcome
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != exitOK {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, stdout, stderr)
	}
	var hits []string
	for _, w := range res.Warnings {
		if strings.Contains(w, "already met at the baseline") {
			hits = append(hits, w)
		}
	}
	if len(hits) != 1 || !strings.Contains(hits[0], "measure 1:") || !strings.Contains(hits[0], "trivsel-skole=88@2030") {
		t.Errorf("warnings %q, want one for measure 1", res.Warnings)
	}
}

func TestRatings_TemplateAndImport(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	out := filepath.Join(dir, "vurdering.xlsx")
	if code, _, stderr := cli(t, dir, "template", "ratings", out, "--year", "2027", "--db", dbFile); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, dir, "import", "ratings", out, "--db", dbFile, "--json")
	if code != exitOK {
		t.Fatalf("import: exit %d: %s %s", code, stderr, stdout)
	}
	var res imports.Outcome
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Count != len(sample.Ratings()) {
		t.Errorf("re-imported %d ratings, want %d: %v", res.Count, len(sample.Ratings()), err)
	}
	bad := write(t, dir, "v.csv", "Funksjon;Vurdering;Begrunnelse\n232;positiv;\n233;;\n")
	code, _, stderr = cli(t, dir, "import", "ratings", bad, "--db", dbFile)
	if code != exitRejected || !strings.Contains(stderr, "without a reason") {
		t.Errorf("rating without reason: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}
