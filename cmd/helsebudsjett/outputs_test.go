package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// outputCommand is a command that writes a file: args gives its arguments
// for the workspace db and the file it is to write, file the name the
// output must have ("" for any name with ext).
type outputCommand struct {
	name, ext, file string
	args            func(db, target string) []string
}

func outputCommands(newCSV string) []outputCommand {
	return []outputCommand{
		{"budget lines", ".csv", "", func(db, o string) []string {
			return []string{"budget", "lines", "--db", db, "--year", "2027", "--csv", "-o", o, "--force"}
		}},
		{"wheel ics", ".ics", "", func(db, o string) []string {
			return []string{"wheel", "ics", "--db", db, "--year", "2027", "-o", o, "--force"}
		}},
		{"report", ".pdf", "", func(db, o string) []string {
			return []string{"report", "--db", db, "--year", "2026", "-o", o, "--force"}
		}},
		{"generate budget", ".csv", "", func(db, o string) []string {
			return []string{"generate", "budget", "--db", db, "--lines", "10", "-o", o, "--force"}
		}},
		{"template measures", ".xlsx", "", func(db, o string) []string {
			return []string{"template", "measures", "--db", db, o, "--force"}
		}},
		{"template ratings", ".xlsx", "", func(db, o string) []string {
			return []string{"template", "ratings", "--db", db, "--year", "2027", o, "--force"}
		}},
		{"template report", ".xlsx", "", func(db, o string) []string {
			return []string{"template", "report", "--db", db, "--period", "2026-T2", "--unit", "bydel-sentrum", "-o", o, "--force"}
		}},
		{"export budget", ".xlsx", "", func(db, o string) []string {
			return []string{"export", "budget", "--db", db, "--year", "2027", "-o", o, "--force"}
		}},
		{"import budget --save-mapping", ".yaml", "", func(db, o string) []string {
			return []string{"import", "budget", newCSV, "--db", db, "--year", "2031", "--save-mapping", o, "--force"}
		}},
		{"import indicators --save-mapping", ".yaml", "", func(db, o string) []string {
			return []string{"import", "indicators", newCSV, "--db", db, "--indicator", "lavinntekt", "--save-mapping", o, "--force"}
		}},
		{"letters", ".csv", "manifest.csv", func(db, o string) []string {
			return []string{"letters", "--db", db, "--year", "2027", "--combined", "-o", filepath.Dir(o), "--force", "--draft"}
		}},
	}
}

// TestOutputs_neverOverInputs runs every command that writes a file against
// the workspace, a file that was imported, links to them and a copy of an
// imported file, even with --force: each must exit 3, say why, and leave
// the file as it was.
func TestOutputs_neverOverInputs(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	plan := filepath.Join(dir, "sample", "okonomiplan-2027-2030.xlsx")
	accounts := filepath.Join(dir, "sample", "regnskap-2026.csv")
	newCSV := write(t, dir, "ny.csv", sampleCSV)
	for _, c := range outputCommands(newCSV) {
		imported := accounts
		if c.ext == ".xlsx" {
			imported = plan
		}
		name := c.file
		if name == "" {
			name = "ut" + c.ext
		}
		targets := []struct {
			name  string
			setup func(t *testing.T, caseDir string) (db, target string)
		}{
			{"the workspace", func(t *testing.T, caseDir string) (string, string) {
				db := filepath.Join(caseDir, name)
				copyFile(t, dbFile, db)
				return db, db
			}},
			{"a link to the workspace", func(t *testing.T, caseDir string) (string, string) {
				db := filepath.Join(caseDir, "ws.db")
				copyFile(t, dbFile, db)
				return db, link(t, db, filepath.Join(caseDir, name))
			}},
			{"an imported file", func(t *testing.T, caseDir string) (string, string) {
				db := filepath.Join(caseDir, "ws.db")
				copyFile(t, dbFile, db)
				p := filepath.Join(caseDir, name)
				copyFile(t, imported, p)
				args := []string{"import", "budget", p, "--db", db}
				if c.ext == ".xlsx" {
					args = append(args, "--version", "forslag")
				}
				if code, _, stderr := cli(t, caseDir, args...); code != exitOK {
					t.Fatalf("import %s: exit %d: %s", p, code, stderr)
				}
				return db, p
			}},
			{"a link to an imported file", func(t *testing.T, caseDir string) (string, string) {
				db := filepath.Join(caseDir, "ws.db")
				copyFile(t, dbFile, db)
				return db, link(t, imported, filepath.Join(caseDir, name))
			}},
			{"a copy of an imported file", func(t *testing.T, caseDir string) (string, string) {
				db := filepath.Join(caseDir, "ws.db")
				copyFile(t, dbFile, db)
				p := filepath.Join(caseDir, name)
				copyFile(t, imported, p)
				return db, p
			}},
		}
		for _, tg := range targets {
			t.Run(c.name+"/"+tg.name, func(t *testing.T) {
				caseDir := t.TempDir()
				db, target := tg.setup(t, caseDir)
				before := readAll(t, target)
				fi, _ := os.Lstat(target)
				code, _, stderr := cli(t, caseDir, c.args(db, target)...)
				if code != exitRejected || !strings.Contains(stderr, "refusing to write") {
					t.Errorf("exit %d, want %d and a refusal; stderr %s", code, exitRejected, stderr)
				}
				if after := readAll(t, target); !bytes.Equal(before, after) {
					t.Errorf("%s was changed", target)
				}
				if fa, err := os.Lstat(target); err != nil || fa.Mode().Type() != fi.Mode().Type() {
					t.Errorf("%s was replaced: %v", target, err)
				}
			})
		}
	}
}

// TestOutputs_force checks that an existing file that is not an input is
// overwritten only with --force.
func TestOutputs_force(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	newCSV := write(t, dir, "ny.csv", sampleCSV)
	for _, c := range outputCommands(newCSV) {
		if c.file != "" {
			continue // the letters keep their own rule
		}
		t.Run(c.name, func(t *testing.T) {
			caseDir := t.TempDir()
			target := write(t, caseDir, "ut"+c.ext, "mine")
			args := c.args(dbFile, target)
			args = args[:len(args)-1] // drop --force
			code, _, stderr := cli(t, caseDir, args...)
			if code != exitRejected || !strings.Contains(stderr, "give --force") {
				t.Errorf("exit %d, want %d asking for --force; stderr %s", code, exitRejected, stderr)
			}
			if got := string(readAll(t, target)); got != "mine" {
				t.Errorf("the file was changed without --force")
			}
		})
	}
}

func link(t *testing.T, target, name string) string {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
	return name
}

func readAll(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOutputs_runDue checks the wheel's outputs: a letters run and a
// reminder whose files would land on an imported file fail, say why, and
// leave the file as it was.
func TestOutputs_runDue(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	accounts := filepath.Join(dir, "sample", "regnskap-2026.csv")
	before := readAll(t, accounts)
	out := filepath.Join(dir, "ut")
	letters := filepath.Join(out, "2027", "oppdragsbrev")
	reminders := filepath.Join(out, "2027", "paminnelser")
	for _, d := range []string{letters, reminders} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	wheelFile := filepath.Join(dir, "arshjul.yaml")
	copyFile(t, filepath.Join("..", "..", "templates", "arshjul.yaml"), wheelFile)
	if code, _, stderr := cli(t, dir, "wheel", "import", wheelFile, "--db", dbFile, "--active-from", "2027-01-01T00:00:00+01:00"); code != exitOK {
		t.Fatalf("wheel import: exit %d: %s", code, stderr)
	}
	link(t, accounts, filepath.Join(letters, "manifest.csv"))
	link(t, accounts, filepath.Join(reminders, "virksomhetsplaner-20270115-0800-virksomhetsledere.txt"))
	code, stdout, stderr := cli(t, dir, "wheel", "run-due", "--db", dbFile, "--now", "2027-01-16T12:00:00+01:00", "--out", out)
	if code == exitOK {
		t.Fatalf("exit 0, want the runs to fail: %s", stdout)
	}
	for _, task := range []string{"oppdragsbrev", "virksomhetsplaner"} {
		if !strings.Contains(stdout, task) || !strings.Contains(stdout, "refusing to write") {
			t.Errorf("the %s run does not say it refused: %s%s", task, stdout, stderr)
		}
	}
	if after := readAll(t, accounts); !bytes.Equal(before, after) {
		t.Errorf("the imported file was changed")
	}
}

// TestDemo_ownFolder checks that the demo never writes into a folder that
// holds other files, such as the user's own workspace, and does run again
// in its own folder.
func TestDemo_ownFolder(t *testing.T) {
	dir := t.TempDir()
	ws := write(t, dir, "helsebudsjett.db", "my workspace")
	code, _, stderr := cli(t, dir, "demo", "-o", dir)
	if code != exitRejected || !strings.Contains(stderr, "not a demo folder") {
		t.Errorf("exit %d, want %d; stderr %s", code, exitRejected, stderr)
	}
	if got := string(readAll(t, ws)); got != "my workspace" {
		t.Errorf("the demo changed the user's workspace")
	}
}

// TestLines_CSVSafe: text cells from the input that Excel would run as
// formulas are escaped in budget lines' CSV; amounts, negative ones too,
// stay numbers.
func TestLines_CSVSafe(t *testing.T) {
	dir := t.TempDir()
	f := write(t, dir, "b.csv", "Ansvar;Funksjon;Art;Tekst;Budsjett 2027\n"+
		"3100;202;010;=HYPERLINK(\"http://x\");1 000,50\n"+
		"3100;202;700;-2+3;-200,25\n"+
		"3200;232;010;@SUM(A1);300\n")
	if code, _, stderr := cli(t, dir, "import", "budget", f, "--part", "drift"); code != exitOK {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := cli(t, dir, "budget", "lines", "--year", "2027", "--csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := map[string][2]string{
		"010/3100": {`'=HYPERLINK("http://x")`, "1000.50"},
		"700/3100": {"'-2+3", "-200.25"},
		"010/3200": {"'@SUM(A1)", "300.00"},
	}
	for _, r := range rows[1:] {
		k := r[col["art"]] + "/" + r[col["ansvar"]]
		if got := [2]string{r[col["Tekst"]], r[col["amount"]]}; got != want[k] {
			t.Errorf("line %s: text and amount %q, want %q", k, got, want[k])
		}
	}
	if len(rows) != 4 {
		t.Errorf("%d rows, want a header and 3 lines", len(rows))
	}
}
