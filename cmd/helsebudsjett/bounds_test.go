package main

import (
	"path/filepath"
	"strings"
	"testing"
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
