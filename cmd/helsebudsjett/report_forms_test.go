package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// snapshotsOf lists the workspace's report snapshots, for comparing before
// and after a rejected import.
func snapshotsOf(t *testing.T, dbFile string) []budget.ReportSnapshot {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ss, err := db.ReportSnapshots(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func fill(t *testing.T, p string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for c, v := range cells {
		if err := f.SetCellValue(tertial.SheetForm, c, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestImportReport_CLI(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	form := filepath.Join(dir, "nav.xlsx")
	code, stdout, stderr := cli(t, dir, "template", "report", "--period", "2026-T1", "--unit", "nav", "-o", form, "--db", dbFile)
	if code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1 measure(s)") {
		t.Errorf("template said %q", stdout)
	}
	good := filepath.Join(dir, "good.xlsx")
	copyFile(t, form, good)
	fill(t, good, map[string]any{"D7": "i rute", "E7": 1500000.5, "F7": "Går som planlagt."})

	bad := []struct {
		name  string
		cells map[string]any
		args  []string
		want  string
	}{
		{"status outside the list", map[string]any{"D7": "bra"}, nil, `row 7, column D (Status) "bra"`},
		{"missing deviation note", map[string]any{"D7": "forsinket"}, nil, "column G (Avviksforklaring)"},
		{"unknown measure", map[string]any{"D7": "i rute", "A8": "999", "D8": "i rute"}, nil, `row 8, column A (Nr) "999": unknown measure 999`},
		{"another unit's measure", map[string]any{"A7": "1", "D7": "i rute"}, nil, "is reported by unit oppvekst-felles"},
		{"unparseable amount", map[string]any{"D7": "i rute", "E7": "en million"}, nil, `column E (Brukt hittil i år (kr)) "en million"`},
		{"another period than expected", map[string]any{"D7": "i rute"}, []string{"--period", "2026-T2"}, "not 2026-T2 as expected"},
		{"another unit than expected", map[string]any{"D7": "i rute"}, []string{"--unit", "tildeling"}, "not tildeling as expected"},
	}
	for i, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, "bad"+string(rune('a'+i))+".xlsx")
			copyFile(t, form, p)
			fill(t, p, c.cells)
			before := snapshotsOf(t, dbFile)
			args := append([]string{"import", "report", p, "--db", dbFile}, c.args...)
			code, _, stderr := cli(t, dir, args...)
			if code != exitRejected || !strings.Contains(stderr, filepath.Base(p)+", sheet Tertialrapport: ") || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 3 naming file, sheet and %q", code, stderr, c.want)
			}
			if after := snapshotsOf(t, dbFile); !reflect.DeepEqual(before, after) {
				t.Error("a rejected form changed the workspace")
			}
		})
	}

	// The demo workspace holds the sample's own tertial reports; count
	// from what is there.
	seeded := len(snapshotsOf(t, dbFile))
	t.Run("json, per file all or nothing", func(t *testing.T) {
		rejected := filepath.Join(dir, "rejected.xlsx")
		copyFile(t, form, rejected)
		fill(t, rejected, map[string]any{"D7": "avbrutt"})
		code, stdout, stderr := cli(t, dir, "import", "report", good, rejected, "--json", "--db", dbFile)
		if code != exitRejected {
			t.Fatalf("exit %d, want 3: %s", code, stderr)
		}
		var got reportImports
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		if got.Status != "rejected" || len(got.Files) != 2 || got.Files[0].Status != "imported" || got.Files[1].Status != "rejected" ||
			got.Files[0].Unit != "nav" || got.Files[0].Period != "2026-T1" || got.Files[0].Reports != 1 || len(got.Files[1].Errors) != 1 {
			t.Errorf("got %+v", got)
		}
		ss := snapshotsOf(t, dbFile)
		if len(ss) != seeded+1 {
			t.Fatalf("%d snapshots, want %d", len(ss), seeded+1)
		}
		if last := ss[len(ss)-1]; last.Source != filepath.Base(good) || last.Reports[0].SpentOre != 1_500_000_50 || last.Reports[0].Status != budget.IRute {
			t.Errorf("stored %+v", last)
		}
	})
	t.Run("the same file again is unchanged", func(t *testing.T) {
		code, stdout, stderr := cli(t, dir, "import", "report", good, "--db", dbFile)
		if code != exitOK || !strings.Contains(stdout, "unchanged") {
			t.Errorf("exit %d\n%s%s", code, stdout, stderr)
		}
		if n := len(snapshotsOf(t, dbFile)); n != seeded+1 {
			t.Errorf("%d snapshots, want %d", n, seeded+1)
		}
	})
	// What shapes a stored form is its bytes only (unit and period are in
	// the form); --unit and --period check it, so they must hold for a form
	// imported before too, never "unchanged" past them.
	t.Run("the same file again with checks it fails is rejected", func(t *testing.T) {
		for _, args := range [][]string{{"--unit", "tildeling"}, {"--period", "2026-T2"}} {
			code, stdout, stderr := cli(t, dir, append([]string{"import", "report", good, "--db", dbFile}, args...)...)
			if code != exitRejected || strings.Contains(stdout, "unchanged") {
				t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
			}
		}
		code, stdout, stderr := cli(t, dir, "import", "report", good, "--db", dbFile, "--unit", "nav", "--period", "2026-T1")
		if code != exitOK || !strings.Contains(stdout, "unchanged") {
			t.Errorf("with checks it passes: exit %d\n%s%s", code, stdout, stderr)
		}
		if n := len(snapshotsOf(t, dbFile)); n != seeded+1 {
			t.Errorf("%d snapshots, want %d", n, seeded+1)
		}
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"template", "report", "--unit", "nav", "-o", form},
			{"template", "report", "--period", "2026-T1", "-o", form},
			{"template", "report", "--period", "2026-T1", "--unit", "nav", "--all", "-o", dir},
			{"template", "report", "--period", "2026-T9", "--unit", "nav", "-o", form},
			{"import", "report"},
		} {
			if code, _, _ := cli(t, dir, append(args, "--db", dbFile)...); code != exitUsage {
				t.Errorf("%v: exit %d, want 2", args, code)
			}
		}
		if code, _, stderr := cli(t, dir, "template", "report", "--period", "2026-T1", "--unit", "navv", "-o", form, "--db", dbFile); code != exitRejected || !strings.Contains(stderr, "did you mean nav") {
			t.Errorf("unknown unit: exit %d %s", code, stderr)
		}
	})
	t.Run("all units", func(t *testing.T) {
		out := filepath.Join(dir, "forms")
		code, stdout, stderr := cli(t, dir, "template", "report", "--period", "2026-year", "--all", "-o", out, "--db", dbFile)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		files, _ := filepath.Glob(filepath.Join(out, "tertialrapport-2026-year-*.xlsx"))
		if len(files) == 0 || !strings.Contains(stdout, strconv.Itoa(len(files))+" form(s)") {
			t.Errorf("%d files; said %s", len(files), stdout)
		}
	})
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
