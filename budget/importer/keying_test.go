package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/xuri/excelize/v2"
)

// oneColumnCSV has one amount column, so --year and --version shape it.
const oneColumnCSV = "Ansvar;Funksjon;Art;Beløp\n3100;232;010;1 000\n9000;800;800;-1 000\n"

func TestRun_keyedOnOptions(t *testing.T) {
	ctx := context.Background()
	t.Run("forslag then vedtatt makes both", func(t *testing.T) {
		db := openDB(t)
		p := writeFile(t, "budsjett.csv", []byte(oneColumnCSV))
		forslag, err := importer.Run(ctx, db, p, importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Forslag}})
		if err != nil || forslag.Status != importer.Imported {
			t.Fatalf("forslag: %v %+v", err, forslag)
		}
		vedtatt, err := importer.Run(ctx, db, p, importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Vedtatt}})
		if err != nil || vedtatt.Status != importer.Imported {
			t.Fatalf("vedtatt: %v %+v", err, vedtatt)
		}
		if len(vedtatt.SameContent) != 1 || vedtatt.SameContent[0].ID != forslag.Dataset.ID {
			t.Errorf("vedtatt: same content as %+v, want dataset %d", vedtatt.SameContent, forslag.Dataset.ID)
		}
		ks, err := db.Keys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ks) != 2 || ks[0] != (budget.Key{Year: 2027, Version: budget.Forslag}) || ks[1] != (budget.Key{Year: 2027, Version: budget.Vedtatt}) {
			t.Errorf("keys = %v, want 2027 forslag and 2027 vedtatt", ks)
		}
		again, err := importer.Run(ctx, db, p, importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Forslag}})
		if err != nil || again.Status != importer.Unchanged || again.Dataset.ID != forslag.Dataset.ID {
			t.Errorf("forslag again: %v, status %s; want unchanged dataset %d", err, again.Status, forslag.Dataset.ID)
		}
	})
	t.Run("every shaping option makes a new dataset", func(t *testing.T) {
		base := importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Vedtatt}}
		mapping := &budgetfile.Mapping{Columns: budgetfile.Columns{Ansvar: "Ansvar", Funksjon: "Funksjon", Art: "Art"},
			Amounts: []budgetfile.AmountColumn{{Column: "Beløp", Year: 2027, Version: budget.Vedtatt}}}
		for _, tc := range []struct {
			name string
			opts importer.Options
		}{
			{"year", importer.Options{Options: budgetfile.Options{Year: 2028, Version: budget.Vedtatt}}},
			{"version", importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Revidert}}},
			{"part", importer.Options{Part: budget.Begge, Options: base.Options}},
			{"mapping", importer.Options{Options: budgetfile.Options{Year: 2027, Version: budget.Vedtatt, Mapping: mapping}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				db := openDB(t)
				p := writeFile(t, "budsjett.csv", []byte(oneColumnCSV))
				first, err := importer.Run(ctx, db, p, base)
				if err != nil || first.Status != importer.Imported {
					t.Fatalf("first: %v %+v", err, first)
				}
				second, err := importer.Run(ctx, db, p, tc.opts)
				if err != nil || second.Status != importer.Imported || second.Dataset.ID == first.Dataset.ID {
					t.Fatalf("with another %s: %v, %+v; want a new dataset", tc.name, err, second)
				}
				third, err := importer.Run(ctx, db, p, tc.opts)
				if err != nil || third.Status != importer.Unchanged || third.Dataset.ID != second.Dataset.ID {
					t.Errorf("with the same %s again: %v, %+v; want unchanged", tc.name, err, third)
				}
			})
		}
	})
	t.Run("sheet", func(t *testing.T) {
		db := openDB(t)
		p := writeFile(t, "budsjett.xlsx", twoSheets(t))
		for i, sheet := range []string{"Drift", "Investering", "Drift"} {
			rep, err := importer.Run(ctx, db, p, importer.Options{Options: budgetfile.Options{Year: 2027, Sheet: sheet}})
			if err != nil {
				t.Fatal(err)
			}
			want := importer.Imported
			if i == 2 {
				want = importer.Unchanged
			}
			if rep.Status != want {
				t.Errorf("sheet %s (import %d): %s, want %s", sheet, i+1, rep.Status, want)
			}
		}
		sets, err := db.Datasets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(sets) != 2 || sets[0].Part != budget.Drift || sets[1].Part != budget.Investering || len(sets[0].Current) != 1 || len(sets[1].Current) != 1 {
			t.Errorf("datasets %+v; want the drift and the investering sheet, both current", sets)
		}
	})
}

func TestRun_part(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, csv string
		given     budget.Part
		want      budget.Part
		why       string
	}{
		{"given", goodCSV, budget.Investering, budget.Investering, "given with --part"},
		{"kontoklasse", "Kontoklasse;Funksjon;Art;2027\n1;232;010;5\n1;232;700;-5\n", "", budget.Drift, "Kontoklasse says drift"},
		{"drift/investering column", "Drift/investering;Funksjon;Art;2027\nInvestering;232;020;5\n", "", budget.Investering, "says investering"},
		{"arts", "Funksjon;Art;2027\n232;010;5\n800;800;-5\n", "", budget.Drift, "800 skatt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openDB(t)
			p := writeFile(t, "b.csv", []byte(tc.csv))
			rep, err := importer.Run(ctx, db, p, importer.Options{Part: tc.given})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Part != tc.want || !strings.Contains(rep.PartReason, tc.why) || rep.Dataset.Part != tc.want || rep.Dataset.PartReason != rep.PartReason {
				t.Errorf("part %s (%q), stored %s; want %s with %q", rep.Part, rep.PartReason, rep.Dataset.Part, tc.want, tc.why)
			}
		})
	}
	t.Run("not shown and not given", func(t *testing.T) {
		db := openDB(t)
		p := writeFile(t, "b.csv", []byte(goodCSV))
		for _, dry := range []bool{true, false} {
			_, err := importer.Run(ctx, db, p, importer.Options{DryRun: dry})
			if budget.ErrorCode(err) != budget.EMISSING || !strings.Contains(err.Error(), "--part") {
				t.Errorf("dry run %v: %v; want EMISSING naming --part", dry, err)
			}
		}
		if s := state(t, db); s != "" {
			t.Errorf("stored %q", s)
		}
	})
}

// twoSheets is a workbook with the driftsdel and the investeringsdel on
// sheets of their own, as an ERP may export them.
func twoSheets(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := map[string][][]any{
		"Drift":       {{"Ansvar", "Funksjon", "Art", "Beløp"}, {"3100", "232", "010", 1000}, {"9000", "800", "800", -1000}},
		"Investering": {{"Ansvar", "Funksjon", "Art", "Prosjekt", "Beløp"}, {"3100", "232", "020", "P1", 500}, {"9000", "870", "910", "P1", -500}},
	}
	if err := f.SetSheetName("Sheet1", "Drift"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Investering"); err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []string{"Drift", "Investering"} {
		for i, r := range rows[sheet] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
