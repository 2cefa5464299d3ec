package documents_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
	"github.com/helsebudsjett/helsebudsjett/reports/annual"
	"github.com/helsebudsjett/helsebudsjett/reports/documents"
)

// importBudget stores a small budget (funksjon 232 and 202, financing on
// 880) for the years of its amount columns as version v.
func importBudget(t *testing.T, db *sqlite.DB, name, years string, v budget.Version) {
	t.Helper()
	head := "Ansvar;Funksjon;Art"
	var rows []string
	for _, y := range strings.Fields(years) {
		head += ";Budsjett " + y
	}
	for _, line := range []string{"110;232;010;1 000 000", "210;202;010;2 000 000", "900;880;870;-3 400 000"} {
		row := line
		for range strings.Fields(years)[1:] {
			row += ";" + line[strings.LastIndex(line, ";")+1:]
		}
		rows = append(rows, row)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(head+"\n"+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := importer.Run(context.Background(), db, file, importer.Options{Options: budgetfile.Options{Version: v}})
	if err != nil || rep.Status != importer.Imported {
		t.Fatalf("import %s: %v %+v", name, err, rep)
	}
}

// TestExportBudgetAction: the occurrence's month picks the budget year
// (the July cut-off) and the year's latest version picks the file.
func TestExportBudgetAction(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	importBudget(t, db, "vedtatt.csv", "2027 2028", budget.Vedtatt)
	importBudget(t, db, "forslag.csv", "2029", budget.Forslag)
	out := t.TempDir()
	act := documents.ExportBudgetAction(db, documents.OpenFunc(db), out)
	task := &wheel.Task{ID: "budsjett", Action: wheel.ExportBudget}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2027, 6, 1, 8, 0, 0, 0, wheel.Oslo()), filepath.Join(out, "2027", "helsebudsjett-2027-vedtatt.xlsx")},
		{time.Date(2027, 9, 1, 8, 0, 0, 0, wheel.Oslo()), filepath.Join(out, "2027", "helsebudsjett-2028-vedtatt.xlsx")},
		// 1 July at midnight in Oslo is 30 June in UTC: still next year's.
		{time.Date(2028, 6, 30, 22, 0, 0, 0, time.UTC), filepath.Join(out, "2028", "helsebudsjett-2029-forslag.xlsx")},
	} {
		t.Run(c.at.Format(time.RFC3339), func(t *testing.T) {
			files, err := act(ctx, wheel.Occurrence{Task: task, At: c.at})
			if err != nil || len(files) != 1 || files[0] != c.want {
				t.Fatalf("got %v %v, want %s", files, err, c.want)
			}
			f, err := excelize.OpenFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if len(f.GetSheetList()) == 0 {
				t.Error("the workbook has no sheets")
			}
		})
	}
	t.Run("no budget for the year", func(t *testing.T) {
		_, err := act(ctx, wheel.Occurrence{Task: task, At: time.Date(2029, 9, 1, 8, 0, 0, 0, wheel.Oslo())})
		if budget.ErrorCode(err) != budget.ENOTFOUND || !strings.Contains(err.Error(), "no budget for 2030") {
			t.Errorf("got %v, want ENOTFOUND for 2030", err)
		}
	})
	t.Run("never over the workspace", func(t *testing.T) {
		_, err := documents.WriteWorkbook(ctx, db, documents.OpenFunc(db), documents.WorkbookOptions{Key: budget.Key{Year: 2027, Version: budget.Vedtatt}, Path: db.Path(), Lang: "nb", Overwrite: true})
		if budget.ErrorCode(err) != budget.EINVALID {
			t.Errorf("got %v, want EINVALID", err)
		}
	})
}

func TestReportFileName(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2027, 3, 1, 8, 0, 0, 0, wheel.Oslo()), "arsrapport-2026-intern.pdf"},
		{time.Date(2027, 5, 1, 8, 0, 0, 0, wheel.Oslo()), "tertialrapport-2027-T1-intern.pdf"},
		{time.Date(2027, 9, 15, 8, 0, 0, 0, wheel.Oslo()), "tertialrapport-2027-T2-intern.pdf"},
	} {
		p := wheel.ReportPeriod(c.at)
		opt := annual.Options{Year: p.Year, Term: p.Term}
		if got := documents.ReportFileName(opt); got != c.want {
			t.Errorf("%s: got %s, want %s", c.at, got, c.want)
		}
		opt.Public = true
		if got, want := documents.ReportFileName(opt), strings.Replace(c.want, "intern", "offentlig", 1); got != want {
			t.Errorf("%s public: got %s, want %s", c.at, got, want)
		}
	}
}
