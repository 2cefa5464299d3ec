package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

// TestReimport_otherImports: the imports that keep no sha256 replace their
// set every time, so the same bytes with other options that shape the
// result (the wheel's --extend) are carried out, never skipped as
// unchanged; and units imported twice are imported twice.
func TestReimport_otherImports(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	night := write(t, dir, "night.yaml", `tasks: [{id: natt, title: {nb: N}, schedule: "0 9 * * 1", action: none}]`)
	good := write(t, dir, "good.yaml", testWheel)
	tasks := func() map[string]bool {
		t.Helper()
		_, out, _ := cli(t, dir, "--db", db, "wheel", "list", "--year", "2026", "--json")
		var items []wheel.ListItem
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, it := range items {
			m[it.Task] = true
		}
		return m
	}
	for _, step := range []struct {
		args []string
		natt bool
	}{
		{[]string{"wheel", "import", good}, false},
		{[]string{"wheel", "import", night, "--extend"}, true},
		{[]string{"wheel", "import", good}, false}, // the same bytes as the first, again: replaces
		{[]string{"wheel", "import", good, "--extend"}, false},
		{[]string{"wheel", "import", night, "--extend"}, true},
	} {
		if code, out, stderr := cli(t, dir, append([]string{"--db", db}, step.args...)...); code != exitOK || strings.Contains(out, "unchanged") {
			t.Fatalf("%v: exit %d %s%s", step.args, code, out, stderr)
		}
		if got := tasks(); got["natt"] != step.natt || !got["daglig"] {
			t.Errorf("after %v the wheel has %v", step.args, got)
		}
	}
	units := write(t, dir, "enheter.csv", "Kode;Navn;Type;Ansvar\nhelse;Helse;virksomhet;3100-3199\n")
	for i := 0; i < 2; i++ {
		if code, out, stderr := cli(t, dir, "--db", db, "import", "units", units); code != exitOK || strings.Contains(out, "unchanged") {
			t.Errorf("units import %d: exit %d %s%s", i+1, code, out, stderr)
		}
	}
}

// TestOpen_saysWhatTheUpgradeInferred opens a workspace of schema 6 (before
// budget parts) with a command that reads it.
func TestOpen_saysWhatTheUpgradeInferred(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "budget", "sqlite", "testdata", "v6", "v6.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "v6.db")
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, dir, "budget", "datasets", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"the workspace was upgraded", "dataset 1 (drift-2027.csv) holds drift", "dataset 3 (begge-2026.csv) is marked begge",
		"is current again for the drift part of 2027 vedtatt"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "investering") || strings.Contains(out, "(replaced)") {
		t.Errorf("datasets after the upgrade:\n%s", out)
	}
	if _, _, stderr := cli(t, dir, "budget", "datasets", "--db", db); stderr != "" {
		t.Errorf("the second command says %q: the upgrade is told once", stderr)
	}
}
