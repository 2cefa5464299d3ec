package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
)

// cli runs the command with args in dir and returns its exit code and output.
func cli(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: dir}
	code := run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

const sampleCSV = "Fjordvik kommune (fiktiv)\nBudsjett 2027\n\nAnsvar;Funksjon;Art;Bydel;Budsjett 2027\n" +
	"3100;202;010;Sentrum;1 000 000,50\n" +
	"3100;202;700;Sentrum;-200 000,25\n" +
	"3200;232;010;Nord;300 000\n" +
	"Sum;;;;1 100 000,25\n"

func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportBudget_JSON(t *testing.T) {
	dir := t.TempDir()
	f := write(t, dir, "budsjett.csv", sampleCSV)
	// Nothing in the file tells whether it is the driftsdel or the
	// investeringsdel: a usage error naming the flag.
	code, _, stderr := cli(t, dir, "import", "budget", f)
	if code != exitUsage || !strings.Contains(stderr, "--part drift") {
		t.Fatalf("import without --part: exit %d, stderr %s; want %d naming --part", code, stderr, exitUsage)
	}
	code, out, stderr := cli(t, dir, "import", "budget", f, "--json", "--part", "drift")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var got importer.Outcome
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if got.Status != "imported" || got.Lines != 3 || got.Skipped["sum_rows"] != 1 || got.Part != "drift" || got.PartReason != "given with --part" {
		t.Errorf("got %+v", got)
	}
	if len(got.Totals) != 1 || got.Totals[0].Amount != "1100000.25" || got.Totals[0].Year != 2027 {
		t.Errorf("totals = %+v, want 2027 vedtatt 1100000.25", got.Totals)
	}
	if _, err := os.Stat(filepath.Join(dir, "helsebudsjett.db")); err != nil {
		t.Errorf("default workspace ./helsebudsjett.db not created: %v", err)
	}

	code, out, _ = cli(t, dir, "import", "budget", "--json", f, "--part", "drift")
	if code != exitOK || !strings.Contains(out, `"status": "unchanged"`) {
		t.Errorf("second import: exit %d, %s", code, out)
	}

	code, out, _ = cli(t, dir, "budget", "lines", "--year", "2027", "--csv")
	wantLines := "row,ansvar,funksjon,tjeneste,art,konto,prosjekt,year,version,amount,part,Bydel\n" +
		"5,3100,202,,010,,,2027,vedtatt,1000000.50,drift,Sentrum\n"
	if code != exitOK || !strings.HasPrefix(out, wantLines) || strings.Count(out, "\n") != 4 {
		t.Errorf("budget lines: exit %d\n%s\nwant it to start\n%s", code, out, wantLines)
	}

	code, out, _ = cli(t, dir, "budget", "summary", "--year", "2027", "--by", "bydel", "--json")
	if code != exitOK {
		t.Fatalf("summary exit %d", code)
	}
	var sum model.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Total != "1100000.25" || len(sum.Rows) != 2 || sum.Rows[0].Value != "Nord" || sum.Rows[1].Amount != "800000.25" {
		t.Errorf("summary = %+v", sum)
	}
}

func TestImportBudget_RejectsBadAmount(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	good := write(t, dir, "good.csv", sampleCSV)
	if code, _, stderr := cli(t, dir, "--db", db, "import", "budget", good, "--part", "drift"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, before, _ := cli(t, dir, "budget", "datasets", "--db", db, "--json")

	bad := write(t, dir, "bad.csv", strings.Replace(sampleCSV, "300 000", "3OO 000", 1))
	code, _, stderr := cli(t, dir, "import", "budget", bad, "--db", db)
	if code != exitRejected {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitRejected, stderr)
	}
	for _, want := range []string{"bad.csv", "row 7", "column E", "3OO 000"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not name %q:\n%s", want, stderr)
		}
	}
	_, after, _ := cli(t, dir, "budget", "datasets", "--db", db, "--json")
	if before != after {
		t.Errorf("workspace changed by a rejected import:\n%s\n%s", before, after)
	}

	code, out, _ := cli(t, dir, "import", "budget", bad, "--db", db, "--json")
	var got importer.Outcome
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitRejected {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	if got.Status != "rejected" || len(got.Errors) != 1 || got.Errors[0].Row != 7 || got.Errors[0].Column != "E" {
		t.Errorf("json = %+v", got)
	}
}

func TestRun_Usage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"import"},
		{"import", "budget"},
		{"import", "budget", "a.csv", "--no-such-flag"},
		{"import", "budget", "a.csv", "--version", "maybe"},
		{"budget", "summary", "--by", "funksjon"},
	} {
		if code, _, _ := cli(t, dir, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestRun_HelpFlag(t *testing.T) {
	code, out, _ := cli(t, t.TempDir(), "import", "budget", "--help")
	if code != exitOK || !strings.Contains(out, "-save-mapping") {
		t.Errorf("import budget --help: exit %d, stdout:\n%s", code, out)
	}
}

func TestRun_RefusesForeignWorkspace(t *testing.T) {
	dir := t.TempDir()
	notes := write(t, dir, "notes.txt", "my notes, not a workspace\n")
	f := write(t, dir, "budsjett.csv", sampleCSV)
	code, _, stderr := cli(t, dir, "import", "budget", f, "--db", notes)
	if code == exitOK {
		t.Fatal("imported into a text file")
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes, not a workspace\n" {
		t.Errorf("the foreign file was changed: %q", b)
	}
	if !strings.Contains(stderr, "notes.txt") {
		t.Errorf("error does not name the file: %s", stderr)
	}
}

func TestDemo(t *testing.T) {
	t.Parallel() // its own copy of the demo; the longest of cmd's tests
	// A second run replaces the first (the shared run's folder, copied
	// here), with the same documents.
	dir := t.TempDir()
	copyDemo(t, dir)
	first := documentHashes(t, filepath.Join(dir, "helsebudsjett-demo"))
	code, out, stderr := cli(t, dir, "demo")
	if code != exitOK {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(out, "fiktiv") {
		t.Errorf("demo output does not say the municipality is fictional:\n%s", out)
	}
	docs := documentHashes(t, filepath.Join(dir, "helsebudsjett-demo"))
	if len(docs) < 20 || len(docs) != len(first) {
		t.Errorf("the demo wrote %d documents, the first run %d", len(docs), len(first))
	}
	for name, sum := range docs {
		if first[name] != sum {
			t.Errorf("%s differs between two demo runs: outputs must be reproducible", name)
		}
	}
	db := filepath.Join(dir, "helsebudsjett-demo", "helsebudsjett.db")
	code, out, _ = cli(t, dir, "budget", "summary", "--db", db, "--year", "2027", "--by", "funksjon", "--json")
	if code != exitOK {
		t.Fatalf("summary exit %d", code)
	}
	var sum model.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Rows) < 20 {
		t.Errorf("demo 2027 budget has %d funksjoner, want a realistic spread", len(sum.Rows))
	}
	if sum.Total != "0.00" {
		t.Errorf("demo operating budget 2027 sums to %s, want 0.00", sum.Total)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "helsebudsjett-demo"))
	for _, e := range entries {
		if strings.Contains(e.Name(), "building") || strings.Contains(e.Name(), ".tmp") {
			t.Errorf("demo left %s behind", e.Name())
		}
	}
}

// documentHashes returns the sha256 of every file the demo wrote under dir
// except the workspace itself, whose internal timestamps may differ.
func documentHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), "helsebudsjett.db") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
