package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

func TestDemo_WritesWorkbook(t *testing.T) {
	dir := t.TempDir()
	out, stdout := copyDemo(t, dir)
	book := filepath.Join(out, "helsebudsjett-2027.xlsx")
	if !strings.Contains(stdout, "helsebudsjett-2027.xlsx") {
		t.Errorf("the demo does not name the workbook:\n%s", stdout)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != strings.Join(workbook.Sheets, ",") {
		t.Errorf("sheets %s", got)
	}
	f.Close()

	// The same workspace gives the same bytes.
	again := filepath.Join(dir, "again.xlsx")
	db := filepath.Join(out, "helsebudsjett.db")
	code, stdout, stderr := cli(t, dir, "export", "budget", "--db", db, "--year", "2027", "-o", again)
	if code != exitOK || !strings.Contains(stdout, "140 900 928,02 kr linked") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	a, _ := os.ReadFile(book)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Errorf("the export differs from the demo's workbook of the same workspace")
	}
}

func TestExportBudget_Errors(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	plan := filepath.Join(dir, "sample", "okonomiplan-2027-2030.xlsx")
	before, _ := os.ReadFile(plan)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no year", []string{"export", "budget", "--db", dbFile}, exitUsage, "--year"},
		{"not xlsx", []string{"export", "budget", "--db", dbFile, "--year", "2027", "-o", filepath.Join(dir, "x.csv")}, exitUsage, ".xlsx"},
		{"no budget", []string{"export", "budget", "--db", dbFile, "--year", "2031", "-o", filepath.Join(dir, "x.xlsx")}, exitRejected, "no budget for 2031"},
		{"over an input", []string{"export", "budget", "--db", dbFile, "--year", "2027", "-o", plan}, exitRejected, "same contents as"},
		{"over the workbook of the demo without --force", []string{"export", "budget", "--db", dbFile, "--year", "2027"}, exitRejected, "give --force"},
		{"bad lang", []string{"export", "budget", "--db", dbFile, "--year", "2027", "--lang", "sv"}, exitUsage, "nb"},
		{"bad gross base", []string{"export", "budget", "--db", dbFile, "--year", "2027", "--gross-base", "010-480 minus 400"}, exitUsage, "both included and deducted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := cli(t, dir, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d; stderr %s", code, c.code, stderr)
			}
		})
	}
	if after, _ := os.ReadFile(plan); !bytes.Equal(before, after) {
		t.Errorf("the input file was changed")
	}
	code, _, stderr := cli(t, dir, "export", "budget", "--db", dbFile, "--year", "2027", "--lang", "nn", "--force")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "helsebudsjett-2027.xlsx")); err != nil {
		t.Errorf("default name: %v", err)
	}

	// A municipality's own base is used and named.
	own := filepath.Join(dir, "own.xlsx")
	code, _, stderr = cli(t, dir, "export", "budget", "--db", dbFile, "--year", "2027", "--gross-base", "010-599", "-o", own)
	if code != exitOK {
		t.Fatalf("--gross-base: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(own)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(workbook.SheetSummary)
	found := false
	for _, r := range rows {
		found = found || len(r) > 0 && r[0] == "Brutto driftsutgifter etter kommunens avgrensing (art 010–599)"
	}
	if !found {
		t.Errorf("the workbook does not name the base given with --gross-base")
	}
}

func TestIndicatorsTrajectory(t *testing.T) {
	dir, dbFile := demoWorkspace(t)
	code, stdout, stderr := cli(t, dir, "indicators", "trajectory", "frafall-vgs", "--db", dbFile, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out model.TrajectoryView
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(out.Trajectories) != 1 {
		t.Fatalf("trajectories %+v", out.Trajectories)
	}
	tr := out.Trajectories[0]
	// Measure 4 (-1 by 2030, whole municipality) and 9 (-0.5 in two bydeler,
	// weighted by their population) are summed; none reaches the target.
	if len(tr.Numeric) != 2 || tr.Numeric[0].Nr != "4" || tr.Numeric[1].Nr != "9" || tr.Reached || !tr.Gap.IsPositive() {
		t.Errorf("numeric %+v gap %s", tr.Numeric, tr.Gap)
	}
	if len(tr.Points) != 8 || !tr.Points[0].Measures.Equal(tr.Baseline.Value) {
		t.Errorf("points %+v", tr.Points)
	}
	code, stdout, _ = cli(t, dir, "indicators", "trajectory", "frafall-vgs", "--db", dbFile)
	if code != exitOK || !strings.Contains(stdout, "Gap i 2030") || !strings.Contains(stdout, "4 Tidlig innsats i PP-tjenesten") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	// frafall-vgs is a percentage: its differences are in prosentpoeng.
	for _, want := range []string{"Avvik (prosentpoeng)", "prosentpoeng – de vedtatte tiltakene", "-1 prosentpoeng innen 2030"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("indicators trajectory lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, _ := cli(t, dir, "indicators", "trajectory", "finnes-ikke", "--db", dbFile); code != exitRejected {
		t.Errorf("unknown indicator: exit %d", code)
	}
}

func TestExportBudgetAction(t *testing.T) {
	_, dbFile := demoWorkspace(t)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := t.TempDir()
	act := documents.ExportBudgetAction(db, documents.OpenFunc(db), out)
	task := &wheel.Task{ID: "budsjettforslag", Action: wheel.ExportBudget}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2027, 9, 1, 8, 0, 0, 0, wheel.Oslo()), filepath.Join(out, "2027", "helsebudsjett-2028-vedtatt.xlsx")},
		{time.Date(2027, 6, 1, 8, 0, 0, 0, wheel.Oslo()), filepath.Join(out, "2027", "helsebudsjett-2027-vedtatt.xlsx")},
	} {
		files, err := act(ctx, wheel.Occurrence{Task: task, At: c.at})
		if err != nil || len(files) != 1 || files[0] != c.want {
			t.Fatalf("%s: %v %v, want %s", c.at, files, err, c.want)
		}
		if _, err := excelize.OpenFile(files[0]); err != nil {
			t.Errorf("%s: %v", files[0], err)
		}
	}
	if _, err := act(ctx, wheel.Occurrence{Task: task, At: time.Date(2030, 9, 1, 8, 0, 0, 0, wheel.Oslo())}); err == nil ||
		!strings.Contains(err.Error(), "no budget for 2031") {
		t.Errorf("no budget: %v", err)
	}
}
