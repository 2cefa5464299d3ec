package workbook_test

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

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
			if got := amount(r[2+j]); got != ex.linked[j] {
				t.Errorf("%d: LibreOffice computes %d, want %d", ex.plan[j].Year, got, ex.linked[j])
			}
		}
	})
	t.Run("Sammendrag", func(t *testing.T) {
		rows := read(workbook.SheetSummary)
		r := row(rows, "Netto, hele budsjettet")
		if got := amount(r[1]); got != ex.net {
			t.Errorf("net %d, want %d", got, ex.net)
		}
		r = row(rows, "Andel av brutto driftsutgifter")
		// LibreOffice writes a percentage cell as "5.99…%" even as a raw value.
		if got, want := strings.TrimSuffix(r[1], "%"), 100*float64(ex.linkedGr)/float64(ex.expenses); !closeTo(got, want) {
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
