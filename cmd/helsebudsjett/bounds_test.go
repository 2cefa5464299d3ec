package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TestTimeFlags_Bounded: `wheel run-due --now 9999-12-31T23:59:59Z` stored a
// year-10000 time after which every wheel command failed, and --now
// 0001-01-01 made a later run catch up 22,295 occurrences. Every time flag
// takes the years 1900-2200 only.
func TestTimeFlags_Bounded(t *testing.T) {
	dir := t.TempDir()
	cases := [][]string{
		{"wheel", "run-due", "--now", "9999-12-31T23:59:59Z"},
		{"wheel", "run-due", "--now", "0001-01-01T00:00:00Z"},
		{"wheel", "run-due", "--now", "1899-12-31"},
		{"wheel", "import", "--active-from", "2201-01-01", filepath.Join("..", "..", "templates", "arshjul.yaml")},
		{"wheel", "list", "--year", "10000"},
		{"wheel", "ics", "-o", filepath.Join(dir, "a.ics"), "--year", "0"},
		{"letters", "--year", "2027", "--date", "9999-01-04"},
		{"indicators", "show", "lavinntekt", "--as-of", "0001-01-01"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ws.db")
			code, _, stderr := cli(t, dir, append(args, "--db", db)...)
			if code != exitUsage || !strings.Contains(stderr, "1900") || !strings.Contains(stderr, "2200") {
				t.Errorf("exit %d, want %d naming the years 1900-2200; stderr:\n%s", code, exitUsage, stderr)
			}
		})
	}
	t.Run("the bounds themselves are accepted", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ws.db")
		if code, _, stderr := cli(t, dir, "wheel", "list", "--year", "2200", "--db", db); code != exitOK {
			t.Errorf("wheel list --year 2200: exit %d: %s", code, stderr)
		}
	})
}

// TestWheelImport_MoreThanDaily: a task every minute made `wheel ics` and
// GET /arshjul.ics take 3.7 GB. Such a wheel is refused at import.
func TestWheelImport_MoreThanDaily(t *testing.T) {
	dir := t.TempDir()
	yaml := write(t, dir, "ofte.yaml", `name: {nb: Ofte}
tasks:
  - id: hvert-minutt
    title: {nb: Hvert minutt}
    schedule: "* * * * *"
    action: none
`)
	db := filepath.Join(dir, "ws.db")
	code, _, stderr := cli(t, dir, "wheel", "import", yaml, "--db", db)
	if code != exitRejected || !strings.Contains(stderr, "at most once a day") {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitRejected, stderr)
	}
}

// TestRunDue_CatchUpAndStale: run-due after years of downtime ran every
// occurrence since the wheel was imported; it catches up the current and
// the previous year and says what it skipped. A run left started by a
// crash is reported by run-due and wheel list and rerun with --retry-stale.
func TestRunDue_CatchUpAndStale(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	yaml := write(t, dir, "hjul.yaml", `name: {nb: Hjul}
tasks:
  - id: maaned
    title: {nb: Månedlig}
    schedule: "0 9 1 * *"
    action: none
`)
	if code, _, stderr := cli(t, dir, "wheel", "import", yaml, "--active-from", "2020-01-01", "--db", db); code != exitOK {
		t.Fatalf("wheel import: %s", stderr)
	}
	code, out, stderr := cli(t, dir, "wheel", "run-due", "--now", "2026-06-15T12:00", "--db", db, "--json")
	var runs []wheel.Run
	if err := json.Unmarshal([]byte(out), &runs); err != nil || code != exitOK {
		t.Fatalf("exit %d %v: %s %s", code, err, out, stderr)
	}
	if len(runs) != 18 || !strings.Contains(stderr, "skipped 60 occurrence(s)") || !strings.Contains(stderr, "2025-01-01") {
		t.Errorf("%d runs; stderr:\n%s", len(runs), stderr)
	}

	// A crash mid-run leaves a run started.
	ws, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 7, 1, 9, 0, 0, 0, wheel.Oslo())
	if _, ok, err := ws.ClaimRun(context.Background(), wheel.Run{TaskID: "maaned", Occurrence: at, Started: at, Status: wheel.RunStarted}); err != nil || !ok {
		t.Fatal(err)
	}
	ws.Close()
	code, out, _ = cli(t, dir, "wheel", "run-due", "--now", "2026-07-01T12:00", "--db", db)
	if code != exitOK || !strings.Contains(out, "never finished") || !strings.Contains(out, "--retry-stale") {
		t.Errorf("run-due does not report the stale run (exit %d):\n%s", code, out)
	}
	code, out, _ = cli(t, dir, "wheel", "list", "--year", "2026", "--db", db)
	if code != exitOK || !strings.Contains(out, "stale") || !strings.Contains(out, "--retry-stale") {
		t.Errorf("wheel list does not mark the stale run (exit %d):\n%s", code, out)
	}
	code, out, _ = cli(t, dir, "wheel", "run-due", "--now", "2026-07-01T12:00", "--retry-stale", "--db", db)
	if code != exitOK || !strings.Contains(out, "2026-07-01 09:00") || !strings.Contains(out, "done") || strings.Contains(out, "never finished") {
		t.Errorf("--retry-stale (exit %d):\n%s", code, out)
	}
}

// TestImportAreas_BadParents: areas whose parents form a cycle, name
// themselves or name no known area were stored, and a hierarchy walk over
// them never ends or loses areas. They are refused, and nothing is stored.
func TestImportAreas_BadParents(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, rows, want string }{
		{"cycle", "469901;Sentrum;bydel;469902\n469902;Nord;bydel;469901\n", "469901 → 469902 → 469901"},
		{"self-parent", "469901;Sentrum;bydel;469901\n", "area 469901 is its own parent"},
		{"unknown parent", "469901;Sentrum;bydel;4698\n", "parent 4698, which is neither in the file nor in the workspace"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ws.db")
			good := write(t, dir, "kommune.csv", "kode;navn;nivå;overordnet\n4699;Fjordvik;kommune;\n")
			if code, _, stderr := cli(t, dir, "import", "areas", good, "--db", db); code != exitOK {
				t.Fatalf("import areas: %s", stderr)
			}
			bad := write(t, dir, "omraader.csv", "kode;navn;nivå;overordnet\n"+c.rows)
			code, _, stderr := cli(t, dir, "import", "areas", bad, "--db", db)
			if code != exitRejected || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d saying %q:\n%s", code, exitRejected, c.want, stderr)
			}
			ws, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			if areas, err := ws.Areas(context.Background()); err != nil || len(areas) != 1 {
				t.Errorf("%d areas stored, want only the kommune: %v", len(areas), err)
			}
		})
	}
	t.Run("a parent imported before is known", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "ws.db")
		good := write(t, dir, "kommune.csv", "kode;navn;nivå;overordnet\n4699;Fjordvik;kommune;\n")
		bydel := write(t, dir, "bydel.csv", "kode;navn;nivå;overordnet\n469901;Sentrum;bydel;4699\n")
		for _, f := range []string{good, bydel} {
			if code, _, stderr := cli(t, dir, "import", "areas", f, "--db", db); code != exitOK {
				t.Fatalf("import areas %s: %s", f, stderr)
			}
		}
	})
}
