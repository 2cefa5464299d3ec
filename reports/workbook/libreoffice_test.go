package workbook_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

// recalcProfile is a LibreOffice user profile that recalculates every
// formula of an xlsx file on load instead of trusting the cached values,
// so the csv holds what LibreOffice computes.
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// TestWrite_LibreOffice converts the workbook to csv with LibreOffice
// (Debian: libreoffice-calc-nogui), every formula recalculated, and checks
// the computed sums and every counted amount against the workspace to the
// øre. It skips where LibreOffice is not installed.
func TestWrite_LibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	}
	db := fixture(t)
	ex := independent(t, db)
	data, _ := export(t, db, workbook.Options{})
	dir := t.TempDir()
	book := filepath.Join(dir, "hb.xlsx")
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Filter options: comma, double quote, UTF-8, from line 1, raw values
	// (not as shown), every sheet to its own file (the last -1).
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to",
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	read := func(sheet string) [][]string {
		t.Helper()
		f, err := os.Open(filepath.Join(dir, "hb-"+sheet+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	amount := func(s string) int64 {
		t.Helper()
		d, err := decimal.NewFromString(strings.TrimSpace(s))
		if err != nil {
			t.Fatalf("%q is not a number", s)
		}
		o, err := budget.ToOre(d)
		if err != nil || !budget.FromOre(o).Equal(d) {
			t.Fatalf("%q is not an amount in øre", s)
		}
		return o
	}
	row := func(rows [][]string, first string) []string {
		t.Helper()
		for _, r := range rows {
			if len(r) > 0 && r[0] == first {
				return r
			}
		}
		t.Fatalf("no row %q", first)
		return nil
	}

	t.Run("Tiltak", func(t *testing.T) {
		// Each measure's first-year amount is a formula over Budsjettlinjer.
		seen := 0
		for _, r := range read(workbook.SheetMeasures) {
			want, ok := ex.measure[0][firstOr(r)]
			if !ok || len(r) < 9 {
				continue
			}
			seen++
			if got := amount(r[8]); got != want {
				t.Errorf("measure %s: LibreOffice computes %d from Budsjettlinjer, want %d", r[0], got, want)
			}
		}
		if seen != len(ex.measure[0]) {
			t.Errorf("%d measure rows, want %d", seen, len(ex.measure[0]))
		}
		r := row(read(workbook.SheetMeasures), "Sum alle tiltak")
		for j := range ex.plan {
			if got := amount(r[8+j]); got != ex.linked[j] {
				t.Errorf("%d: LibreOffice computes %d, want %d", ex.plan[j].Year, got, ex.linked[j])
			}
		}
	})
	t.Run("Finansiering", func(t *testing.T) {
		r := row(read(workbook.SheetFinancing), "Sum alle virksomheter")
		for j := range ex.plan {
			if got := amount(r[2+2*j]) + amount(r[3+2*j]); got != ex.linked[j] {
				t.Errorf("%d: LibreOffice computes %d, want %d", ex.plan[j].Year, got, ex.linked[j])
			}
		}
	})
	t.Run("Sammendrag", func(t *testing.T) {
		rows := read(workbook.SheetSummary)
		r := row(rows, "Netto, driftsdelen")
		if got := amount(r[1]); got != ex.net {
			t.Errorf("net %d, want %d", got, ex.net)
		}
		r = row(rows, "Andel av brutto driftsutgifter")
		// LibreOffice writes a percentage cell as "5.99…%" even as a raw value.
		if got, want := strings.TrimSuffix(r[1], "%"), 100*float64(ex.driftLinkedGr)/float64(ex.driftGross); !closeTo(got, want) { // the driftsdel's share
			t.Errorf("share: LibreOffice computes %s, want %g", got, want)
		}
	})
	t.Run("Vurdering", func(t *testing.T) {
		rows := read(workbook.SheetRatings)
		r := rows[len(rows)-1]
		if got := amount(r[6]); got != ex.expenses {
			t.Errorf("expenses %d, want %d", got, ex.expenses)
		}
	})
	t.Run("Budsjettlinjer: ROUND gives Counted on every line", func(t *testing.T) {
		rows := read(workbook.SheetLines)
		counted := len(rows[0]) - 1
		if len(rows)-2 != len(ex.links) {
			t.Fatalf("%d rows, want %d", len(rows)-2, len(ex.links))
		}
		for i, l := range ex.links {
			if got := amount(rows[i+1][counted]); got != l.CountedOre {
				t.Errorf("line %d (measure %s): LibreOffice computes %d, want %d", i+2, l.Measure, got, l.CountedOre)
			}
		}
		if got := amount(rows[len(rows)-1][counted]); got != ex.linked[0] {
			t.Errorf("sum %d, want %d", got, ex.linked[0])
		}
	})
}

func firstOr(r []string) string {
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// TestWrite_AndelFlowsThrough changes one line's Andel in Budsjettlinjer,
// as finance staff would, has LibreOffice recalculate, and checks that the
// measure's amount in Tiltak and the sum of all measures move by exactly
// what the line now counts.
func TestWrite_AndelFlowsThrough(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	}
	db := fixture(t)
	ex := independent(t, db)
	data, _ := export(t, db, workbook.Options{})
	dir := t.TempDir()
	book := filepath.Join(dir, "hb.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.GetRows(workbook.SheetLines)
	if err != nil {
		t.Fatal(err)
	}
	shareCol := -1
	for i, h := range head[0] {
		if h == "Andel (%)" {
			shareCol = i + 1
		}
	}
	// The first link with a non-zero amount: its Andel becomes 37,5 %.
	var l budget.Link
	at := 0
	for i, x := range ex.links {
		if x.LineOre != 0 {
			l, at = x, i+2
			break
		}
	}
	if shareCol < 0 || at == 0 {
		t.Fatalf("no Andel column or no link with money: %v", head[0])
	}
	share := decimal.RequireFromString("37.5")
	if err := f.SetCellFloat(workbook.SheetLines, cellName(shareCol, at), 37.5, -1, 64); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	delta := budget.Counted(l.LineOre, share) - l.CountedOre
	rows := recalc(t, soffice, dir, book)(workbook.SheetMeasures)
	amountOf := func(s string) int64 {
		t.Helper()
		d, err := decimal.NewFromString(strings.TrimSpace(s))
		if err != nil {
			t.Fatalf("%q is not a number", s)
		}
		o, _ := budget.ToOre(d)
		return o
	}
	found := false
	for _, r := range rows {
		switch {
		case len(r) > 8 && r[0] == l.Measure:
			found = true
			if got, want := amountOf(r[8]), ex.measure[0][l.Measure]+delta; got != want {
				t.Errorf("measure %s after Andel 37,5 %% on row %d: %d, want %d", l.Measure, at, got, want)
			}
		case len(r) > 8 && r[0] == "Sum alle tiltak":
			if got, want := amountOf(r[8]), ex.linked[0]+delta; got != want {
				t.Errorf("all measures: %d, want %d", got, want)
			}
		}
	}
	if !found || delta == 0 {
		t.Errorf("measure %s not found (or no change: %d)", l.Measure, delta)
	}
}
