package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/opendata"
)

// checkOpenData reads the package in out back by its own schema and checks
// it against the workspace: the lines per part sum to the store's totals,
// the linked amounts per measure to the workbook model's, the measures'
// rows to model.MeasureMoney.
func checkOpenData(t *testing.T, dbFile string, key budget.Key, out string) (suppressed int) {
	t.Helper()
	ctx := context.Background()
	p, err := opendata.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	parts, err := ws.Summary(ctx, key, "part")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	lines := 0
	for _, r := range p.Tables["budsjettlinjer"].Rows {
		got[r["part"]] += kroner(t, r["amount"])
		lines++
		if r["year"] != itoa(key.Year) {
			t.Errorf("line of year %s", r["year"])
		}
	}
	wantLines := 0
	for _, r := range parts {
		wantLines += r.Lines
		if got[r.Value] != r.Ore {
			t.Errorf("part %s: the package's lines sum to %d øre, the store's to %d", r.Value, got[r.Value], r.Ore)
		}
	}
	if lines != wantLines || len(got) != len(parts) {
		t.Errorf("%d lines in %d parts, the store has %d in %d", lines, len(got), wantLines, len(parts))
	}
	cat, err := indicatorimport.Catalogue(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Load(ctx, ws, cat, key)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]int64{}
	var sum int64
	for _, r := range p.Tables["koblede-belop"].Rows {
		o := kroner(t, r["amount"])
		linked[r["measure"]] += o
		sum += o
	}
	if sum != b.Years[0].Linked {
		t.Errorf("linked amounts sum to %d øre, the workbook model's to %d", sum, b.Years[0].Linked)
	}
	for _, m := range b.Measures {
		if linked[m.Nr] != m.Ore[0] {
			t.Errorf("measure %s: linked %d øre, the model %d", m.Nr, linked[m.Nr], m.Ore[0])
		}
	}
	money, err := model.MeasureMoney(ctx, ws, key.Year)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, m := range money.Measures {
		for _, a := range m.Amounts {
			want[m.Nr+"/"+itoa(a.Year)] = a.Ore
		}
	}
	rows := p.Tables["tiltak"].Rows
	if len(rows) != len(want) {
		t.Errorf("%d measure rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		if w, ok := want[r["measure"]+"/"+r["year"]]; !ok || kroner(t, r["amount"]) != w || r["status"] == "" {
			t.Errorf("measure row %v: want %d øre and a status", r, w)
		}
	}
	return checkOpenIndicators(t, ws, cat, p.Tables["indikatorverdier"].Rows)
}

// checkOpenIndicators checks the package's indicator values against the
// workspace read as the internal report reads it: every value of the
// workspace's areas is there once, a figure the small-number rule keeps
// internal (Confidential) is empty with ":", every other equals the store's.
func checkOpenIndicators(t *testing.T, ws *sqlite.DB, cat *indicators.Catalogue, rows []map[string]string) int {
	t.Helper()
	ctx := context.Background()
	geos, err := ws.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, g := range geos {
		known[g.Code] = true
	}
	got := map[string]map[string]string{}
	for _, r := range rows {
		got[r["indicator"]+"|"+r["area"]+"|"+r["period"]+"|"+r["dims"]] = r
	}
	n, hidden := 0, 0
	for _, ind := range cat.All() {
		raw, err := ws.IndicatorValues(ctx, ind.ID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var mine []indicators.Value
		for _, v := range raw {
			if known[v.Area] {
				mine = append(mine, v)
			}
		}
		for _, s := range indicators.Suppress(mine, ind, geos, false) {
			var dims []string
			for _, d := range s.Dims {
				dims = append(dims, d.Name+"="+d.Value)
			}
			k := ind.ID + "|" + s.Area + "|" + s.Period.Label + "|" + strings.Join(dims, ";")
			r, ok := got[k]
			n++
			switch {
			case !ok:
				t.Errorf("indicator value %s is not in the package", k)
			case s.Confidential:
				hidden++
				if r["value"] != "" || r["marker"] != indicators.SuppressedMarker {
					t.Errorf("%s: the internal figure %v is published: %v", k, s.Value.Value, r)
				}
			case s.Value.Value == nil:
				if r["value"] != "" {
					t.Errorf("%s: missing in the store, %q in the package", k, r["value"])
				}
			default:
				if v, err := decimal.NewFromString(r["value"]); err != nil || !v.Equal(*s.Value.Value) {
					t.Errorf("%s: %q in the package, %s in the store", k, r["value"], s.Value.Value)
				}
			}
		}
	}
	if len(rows) != n {
		t.Errorf("%d indicator rows, the workspace has %d values in its areas", len(rows), n)
	}
	return hidden
}

func kroner(t *testing.T, s string) int64 {
	t.Helper()
	v, err := opendata.ParseKroner(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestExportOpenData(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		dir, dbFile := demoWorkspace(t)
		ws, err := sqlite.Open(context.Background(), dbFile)
		if err != nil {
			t.Fatal(err)
		}
		keys, err := ws.Keys(context.Background())
		ws.Close()
		if err != nil {
			t.Fatal(err)
		}
		var key budget.Key
		for _, k := range keys {
			if k.Version == budget.Vedtatt {
				key = k
				break
			}
		}
		if key.Year == 0 {
			t.Fatalf("the demo has no vedtatt budget: %v", keys)
		}
		out := filepath.Join(dir, "opendata")
		code, stdout, stderr := cli(t, dir, "export", "open-data", "--db", dbFile, "--year", itoa(key.Year), "-o", out)
		if code != exitOK {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		if checkOpenData(t, dbFile, key, out) == 0 {
			t.Error("the demo's package suppresses no indicator value: the small-number rule is not exercised")
		}
		// Never over a folder, nor over the workspace.
		for _, o := range []string{out, dbFile} {
			if code, _, stderr := cli(t, dir, "export", "open-data", "--db", dbFile, "--year", itoa(key.Year), "-o", o); code != exitRejected || !strings.Contains(stderr, "exists") {
				t.Errorf("-o %s: exit %d, %s; want %d", o, code, stderr, exitRejected)
			}
		}
	})
	t.Run("one part, no measures", func(t *testing.T) {
		dir := t.TempDir()
		f := write(t, dir, "budsjett.csv", sampleCSV)
		dbFile := filepath.Join(dir, "helsebudsjett.db")
		if code, _, stderr := cli(t, dir, "import", "budget", f, "--part", "drift", "--version", "forslag"); code != exitOK {
			t.Fatalf("import: %d %s", code, stderr)
		}
		out := filepath.Join(dir, "od")
		code, _, stderr := cli(t, dir, "export", "open-data", "--year", "2027", "-o", out)
		if code != exitRejected || !strings.Contains(stderr, "no vedtatt budget for 2027") || !strings.Contains(stderr, "2027 forslag") {
			t.Fatalf("without a vedtatt budget: exit %d, %s", code, stderr)
		}
		if code, _, stderr := cli(t, dir, "import", "budget", f, "--part", "drift", "--version", "vedtatt"); code != exitOK {
			t.Fatalf("import: %d %s", code, stderr)
		}
		if code, stdout, stderr := cli(t, dir, "export", "open-data", "--year", "2027", "-o", out); code != exitOK {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		checkOpenData(t, dbFile, budget.Key{Year: 2027, Version: budget.Vedtatt}, out)
		p, err := opendata.Read(out)
		if err != nil {
			t.Fatal(err)
		}
		if rows := p.Tables["budsjettlinjer"].Rows; len(rows) != 3 || rows[0]["art"] != "010" {
			t.Errorf("lines %v: want the file's 3, art 010 with its zero", rows)
		}
	})
}
