package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// TestBudgetCompare reads what the council changed in the sample's 2027
// proposal, by the CLI, and checks it against the lines in the workspace.
func TestBudgetCompare(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	code, out, stderr := cli(t, dir, "budget", "compare", "--db", dbFile, "--year", "2027", "--by", "funksjon", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got model.Comparison
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The workspace's own sums per funksjon, read line by line.
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sums := map[budget.Version]map[string]int64{}
	for _, v := range []budget.Version{budget.Forslag, budget.Vedtatt} {
		k := budget.Key{Year: 2027, Version: v}
		sums[v] = map[string]int64{}
		if err := db.Lines(ctx, k, func(l *budget.Line) error { sums[v][l.Funksjon] += l.OreFor(k); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	changed := 0
	for _, r := range got.Rows {
		from, to := sums[budget.Forslag][r.Group], sums[budget.Vedtatt][r.Group]
		if r.From != budget.FormatOre(from) || r.To != budget.FormatOre(to) || r.Change != budget.FormatOre(to-from) {
			t.Errorf("funksjon %s: %+v, want %d → %d", r.Group, r, from, to)
		}
		if r.Change != "0.00" {
			changed++
		}
	}
	if got.Total.Change != "0.00" || got.Total.Added != 1 || got.Total.Removed != 1 || changed < 3 {
		t.Errorf("total %+v, %d funksjoner changed; want a balanced change, one line added and one removed", got.Total, changed)
	}
	code, out, _ = cli(t, dir, "budget", "compare", "--db", dbFile, "--year", "2027")
	if code != exitOK || !strings.Contains(out, "kjøp av varer og tjenester") || !strings.Contains(out, "-650 000,00") {
		t.Errorf("by art group: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"--year", "2027", "--from", "utkast"}, {"--from", "forslag"}} {
		if code, _, _ := cli(t, dir, append([]string{"budget", "compare", "--db", dbFile}, args...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := cli(t, dir, "budget", "compare", "--db", dbFile, "--year", "2027", "--by", "kommune"); code != exitRejected {
		t.Errorf("--by kommune: exit %d, want %d", code, exitRejected)
	}
}
