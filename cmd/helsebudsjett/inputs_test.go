package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/importer"

	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
)

// TestInputs_NonRegular gives every file-reading command and flag /dev/zero
// and a FIFO without a writer: each must be refused (exit 3) at once,
// never hang at 100 % CPU or block in open.
func TestInputs_NonRegular(t *testing.T) {
	dir := t.TempDir()
	pipes := filepath.Join(dir, "pipes")
	if err := os.Mkdir(pipes, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := func(name string) string {
		p := filepath.Join(pipes, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
		return p
	}
	good := write(t, dir, "budget.csv", sampleCSV)
	tmpl := filepath.Join(dir, "tmpl")
	if err := os.MkdirAll(filepath.Join(tmpl, "nb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(tmpl, "nb", "innledning.tmpl"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each command has %s where the input goes and the extension a user's
	// file would have.
	cmds := []struct {
		args []string
		ext  string
	}{
		{[]string{"import", "budget", "%s", "--year", "2027"}, ".csv"},
		{[]string{"import", "budget", "%s", "--year", "2027"}, ".txt"},
		{[]string{"import", "budget", good, "--mapping", "%s"}, ".yaml"},
		{[]string{"import", "indicators", "%s", "--indicator", "lavinntekt"}, ".csv"},
		{[]string{"import", "indicators", "%s", "--indicator", "lavinntekt"}, ".json"},
		{[]string{"import", "indicators", good, "--indicator", "lavinntekt", "--mapping", "%s"}, ".yaml"},
		{[]string{"import", "areas", "%s"}, ".csv"},
		{[]string{"import", "catalogue", "%s"}, ".yaml"},
		{[]string{"import", "catalogue", "%s"}, ".xlsx"},
		{[]string{"import", "targets", "%s"}, ".csv"},
		{[]string{"import", "units", "%s"}, ".csv"},
		{[]string{"import", "measures", "%s"}, ".xlsx"},
		{[]string{"import", "ratings", "%s"}, ".xlsx"},
		{[]string{"import", "report", "%s"}, ".xlsx"},
		{[]string{"wheel", "import", "%s"}, ".yaml"},
		{[]string{"wheel", "run-due", "--mail", "%s"}, ".yaml"},
		{[]string{"letters", "--year", "2027", "--config", "%s"}, ".yaml"},
	}
	for _, c := range cmds {
		for _, in := range []string{"/dev/zero", "fifo"} {
			name := strings.Join(c.args, " ") + " " + c.ext + " " + in
			t.Run(name, func(t *testing.T) {
				path := in
				if in == "fifo" {
					path = fifo("input" + c.ext)
				}
				args := make([]string, len(c.args))
				for i, a := range c.args {
					args[i] = strings.ReplaceAll(a, "%s", path)
				}
				args = append(args, "--db", filepath.Join(t.TempDir(), "ws.db"))
				code, stderr := cliWithin(t, dir, 5*time.Second, args...)
				if code != exitRejected || !strings.Contains(stderr, "not a regular file") {
					t.Errorf("exit %d, want %d saying the input is not a regular file; stderr:\n%s", code, exitRejected, stderr)
				}
			})
		}
	}
	t.Run("letters --templates with a FIFO", func(t *testing.T) {
		code, stderr := cliWithin(t, dir, 5*time.Second, "letters", "--year", "2027", "--templates", tmpl, "--db", filepath.Join(t.TempDir(), "ws.db"))
		if code != exitRejected || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("exit %d; stderr:\n%s", code, stderr)
		}
	})
}

// cliWithin is cli that fails the test when the command runs longer than d.
func cliWithin(t *testing.T, dir string, d time.Duration, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := cli(t, dir, args...)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(d):
		t.Fatalf("%v still running after %s", args, d)
		return 0, ""
	}
}

// TestImportBudget_EmptyAmount: a row with codes and an empty amount cell
// was skipped silently (exit 0, a wrong total). It is an error unless
// --empty-amount says what it means, and the summary counts each rule.
func TestImportBudget_EmptyAmount(t *testing.T) {
	dir := t.TempDir()
	csv := write(t, dir, "tom.csv", "Ansvar;Funksjon;Art;Budsjett 2027\n3100;202;010;1 000\n3100;202;700;\n3200;232;010;500\n")
	db := filepath.Join(dir, "ws.db")
	code, _, stderr := cli(t, dir, "import", "budget", csv, "--db", db)
	if code != exitRejected || !strings.Contains(stderr, "row 3, column D") || !strings.Contains(stderr, "--empty-amount") {
		t.Fatalf("exit %d, want %d naming row 3 column D:\n%s", code, exitRejected, stderr)
	}
	for _, c := range []struct {
		rule        string
		lines       int
		want        budgetfile.EmptyAmounts
		wantSummary string
	}{
		{"zero", 3, budgetfile.EmptyAmounts{Zero: 1}, "1 read as 0"},
		{"skip", 2, budgetfile.EmptyAmounts{Skipped: 1}, "1 left out"},
	} {
		t.Run(c.rule, func(t *testing.T) {
			code, out, stderr := cli(t, dir, "import", "budget", csv, "--db", filepath.Join(t.TempDir(), "ws.db"), "--empty-amount", c.rule, "--json", "--part", "drift")
			var got importer.Outcome
			if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK {
				t.Fatalf("exit %d, %v: %s %s", code, err, out, stderr)
			}
			if got.Lines != c.lines || got.EmptyAmounts != c.want {
				t.Errorf("lines %d, empty amounts %+v; want %d, %+v", got.Lines, got.EmptyAmounts, c.lines, c.want)
			}
			code, out, _ = cli(t, dir, "import", "budget", csv, "--db", filepath.Join(t.TempDir(), "ws.db"), "--empty-amount", c.rule, "--part", "drift")
			if code != exitOK || !strings.Contains(out, c.wantSummary) {
				t.Errorf("exit %d; summary lacks %q:\n%s", code, c.wantSummary, out)
			}
		})
	}
	if code, _, _ := cli(t, dir, "import", "budget", csv, "--db", db, "--empty-amount", "blank"); code != exitUsage {
		t.Errorf("--empty-amount blank: exit %d, want %d", code, exitUsage)
	}
}

// TestImports_UnterminatedQuote: the readers of areas, units, measures,
// indicators and targets share the budget reader, so a quote that never
// closes is an error there too, never rows swallowed into one cell.
func TestImports_UnterminatedQuote(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		data string
	}{
		{[]string{"import", "areas"}, "kode;navn;nivå\n4699;Fjordvik;kommune\n469901;\"Sentrum;bydel\n469902;Nord;bydel\n"},
		{[]string{"import", "units"}, "kode;navn;type;ansvar\nu1;\"Enhet én;virksomhet;1000\nu2;Enhet to;virksomhet;2000\n"},
		{[]string{"import", "indicators", "--indicator", "lavinntekt"}, "område;år;verdi\nFjordvik;2024;\"10,5\nFjordvik;2025;11\n"},
		{[]string{"import", "targets"}, "indikator;område;basisår;basisverdi;målår;målverdi\nlavinntekt;\"4699;2024;10;2030;8\n"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			f := write(t, dir, "fil.csv", c.data)
			args := append(append([]string{}, c.args...), f, "--db", filepath.Join(t.TempDir(), "ws.db"))
			code, _, stderr := cli(t, dir, args...)
			if code != exitRejected || !strings.Contains(stderr, "never closed") {
				t.Errorf("exit %d, want %d saying the quote is never closed:\n%s", code, exitRejected, stderr)
			}
		})
	}
}
