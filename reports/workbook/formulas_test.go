package workbook_test

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// hostileNames are unit names that a formula keyed on names gets wrong:
// SUMIF criteria read ">0" and "=x" as conditions, "*" and "?" as
// wildcards, and ignore case; quotes end a string literal.
var hostileNames = []string{">0", "Skole", "skole", `Skolen "Øst"`, "=1+1", "*", "Sk?le", "<>", "Skole"}

// TestWrite_FormulasRecalculate exports the workbook of a workspace whose
// units have hostile names, has LibreOffice recalculate every formula, and
// compares each recalculated value with the value the workbook stores.
func TestWrite_FormulasRecalculate(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	}
	units := sample.Units()
	for i := range units {
		units[i].Name = hostileNames[i%len(hostileNames)]
	}
	db := fixture(t)
	if err := db.ImportUnits(context.Background(), "enheter.csv", units); err != nil {
		t.Fatal(err)
	}
	data, b := export(t, db, workbook.Options{})
	names := map[string]bool{}
	for _, uf := range b.Financing {
		names[uf.Unit.Name] = true
	}
	if len(names) < 5 {
		t.Fatalf("only %d hostile names have money: the test checks too little", len(names))
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "hb.xlsx")
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	recalculated := recalc(t, soffice, dir, book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	formulas := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		lo := recalculated(sheet)
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil || formula == "" {
					continue
				}
				formulas++
				stored := row[c]
				got := ""
				if r < len(lo) && c < len(lo[r]) {
					got = lo[r][c]
				}
				if !sameNumber(stored, got) {
					t.Errorf("%s!%s =%s: stored %q, LibreOffice computes %q", sheet, cell, formula, stored, got)
				}
			}
		}
	}
	if formulas < 50 {
		t.Errorf("only %d formulas checked", formulas)
	}
}

// recalc converts book to one csv per sheet with LibreOffice, every formula
// recalculated, and returns a reader of a sheet's rows.
func recalc(t *testing.T, soffice, dir, book string) func(sheet string) [][]string {
	t.Helper()
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to",
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	base := strings.TrimSuffix(filepath.Base(book), ".xlsx")
	return func(sheet string) [][]string {
		t.Helper()
		fh, err := os.Open(filepath.Join(dir, base+"-"+sheet+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
}

// sameNumber compares a stored and a recalculated value: equal text, or
// numbers equal to the øre (ratios to a millionth).
func sameNumber(stored, got string) bool {
	if stored == got {
		return true
	}
	a, err1 := strconv.ParseFloat(strings.TrimSpace(stored), 64)
	got = strings.TrimSpace(got)
	scale := 1.0
	if p, ok := strings.CutSuffix(got, "%"); ok { // a percentage cell, written as shown
		got, scale = p, 100
	}
	b, err2 := strconv.ParseFloat(got, 64)
	b /= scale
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(a))
}
