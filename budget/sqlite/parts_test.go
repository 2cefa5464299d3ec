package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

var v2027 = budget.Key{Year: 2027, Version: budget.Vedtatt}

// importPart imports lines of key as a dataset of part.
func importPart(t *testing.T, db *sqlite.DB, sha string, part budget.Part, lines ...budget.Line) (budget.Dataset, []budget.Replacement) {
	t.Helper()
	im, err := db.BeginImport(context.Background(), budget.Dataset{Source: sha + ".csv", SHA256: sha, Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	for i := range lines {
		if err := im.Add(&lines[i]); err != nil {
			t.Fatal(err)
		}
	}
	d, err := im.Commit(budget.Dataset{Part: part, PartReason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return d, im.Replaced()
}

var (
	driftLines = []budget.Line{
		line(2, "3100", "232", "010", nil, amt(v2027, 1_200_000_00)),
		line(3, "9000", "800", "870", nil, amt(v2027, -900_000_00)),
	}
	investLines = []budget.Line{
		line(2, "3100", "232", "020", nil, amt(v2027, 500_000_00)),
		line(3, "9000", "870", "910", nil, amt(v2027, -500_000_00)),
		line(4, "3100", "232", "429", nil, amt(v2027, 125_000_50)),
	}
)

// view is what a user sees of a key: its lines per part and its summary
// by part and by side.
func view(t *testing.T, db *sqlite.DB, key budget.Key) (perPart map[budget.Part]int64, lines int, total int64) {
	t.Helper()
	ctx := context.Background()
	perPart = map[budget.Part]int64{}
	err := db.Lines(ctx, key, func(l *budget.Line) error {
		perPart[l.Part] += l.Amounts[0].Ore
		lines++
		total += l.Amounts[0].Ore
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, by := range []string{"part", "side", "art-group", "funksjon", "ansvar"} {
		rows, err := db.Summary(ctx, key, by)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		n := 0
		for _, r := range rows {
			sum += r.Ore
			n += r.Lines
			if by == "part" && r.Ore != perPart[budget.Part(r.Value)] {
				t.Errorf("summary by part: %s is %d, its lines sum to %d", r.Value, r.Ore, perPart[budget.Part(r.Value)])
			}
		}
		if sum != total || n != lines {
			t.Errorf("summary by %s sums to %d over %d lines, the lines to %d over %d", by, sum, n, total, lines)
		}
	}
	return perPart, lines, total
}

func TestImport_parts(t *testing.T) {
	for _, order := range [][]budget.Part{{budget.Drift, budget.Investering}, {budget.Investering, budget.Drift}} {
		t.Run(fmt.Sprintf("%s then %s", order[0], order[1]), func(t *testing.T) {
			db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
			ids := map[budget.Part]int64{}
			for _, p := range order {
				ls := driftLines
				if p == budget.Investering {
					ls = investLines
				}
				d, replaced := importPart(t, db, string(p), p, ls...)
				if len(replaced) != 0 {
					t.Errorf("importing %s replaced %+v", p, replaced)
				}
				ids[p] = d.ID
			}
			perPart, lines, total := view(t, db, v2027)
			if lines != 5 || perPart[budget.Drift] != 300_000_00 || perPart[budget.Investering] != 125_000_50 || total != 425_000_50 {
				t.Errorf("lines %d, per part %v, total %d", lines, perPart, total)
			}
			sets, err := db.Datasets(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range sets {
				if len(d.Current) != 1 || d.Current[0] != v2027 {
					t.Errorf("dataset %d (%s) current for %v, want %s", d.ID, d.Part, d.Current, v2027)
				}
			}
		})
	}
	t.Run("a begge file replaces both, and a drift file the whole begge file", func(t *testing.T) {
		db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
		d1, _ := importPart(t, db, "d", budget.Drift, driftLines...)
		i1, _ := importPart(t, db, "i", budget.Investering, investLines...)
		b, replaced := importPart(t, db, "b", budget.Begge, append(append([]budget.Line{}, driftLines...), investLines...)...)
		if len(replaced) != 2 || replaced[0].Dataset != d1.ID || replaced[0].Part != budget.Drift ||
			replaced[1].Dataset != i1.ID || replaced[1].Part != budget.Investering {
			t.Errorf("begge replaced %+v", replaced)
		}
		perPart, lines, _ := view(t, db, v2027)
		if lines != 5 || perPart[budget.Begge] != 425_000_50 {
			t.Errorf("after begge: %d lines, %v", lines, perPart)
		}
		_, replaced = importPart(t, db, "d2", budget.Drift, driftLines[:1]...)
		if len(replaced) != 2 || replaced[0].Dataset != b.ID || replaced[1].Dataset != b.ID || !replaced[1].Whole ||
			replaced[1].Part != budget.Investering {
			t.Errorf("drift over begge replaced %+v", replaced)
		}
		perPart, lines, _ = view(t, db, v2027)
		if lines != 1 || perPart[budget.Drift] != 1_200_000_00 {
			t.Errorf("after drift over begge: %d lines, %v: the begge file's money must not be counted twice", lines, perPart)
		}
	})
	t.Run("replacing within a part keeps history", func(t *testing.T) {
		db := openWS(t, filepath.Join(t.TempDir(), "ws.hbj"))
		d1, _ := importPart(t, db, "d1", budget.Drift, driftLines...)
		importPart(t, db, "i1", budget.Investering, investLines...)
		_, replaced := importPart(t, db, "d2", budget.Drift, driftLines[:1]...)
		if len(replaced) != 1 || replaced[0].Dataset != d1.ID || replaced[0].Whole {
			t.Errorf("replaced %+v", replaced)
		}
		perPart, _, _ := view(t, db, v2027)
		if perPart[budget.Drift] != 1_200_000_00 || perPart[budget.Investering] != 125_000_50 {
			t.Errorf("per part %v", perPart)
		}
	})
}

// TestOpen_migratesParts opens a workspace written at schema 6, before
// parts existed (testdata/v6/SOURCE.txt says how it was made).
func TestOpen_migratesParts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "v6", "v6.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v6.db")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db := openWS(t, path)
	ctx := context.Background()
	notes := strings.Join(db.MigrationNotes(), "\n")
	for _, want := range []string{
		"dataset 1 (drift-2027.csv) holds drift",
		"dataset 2 (investering-2027.csv) holds investering",
		"dataset 3 (begge-2026.csv) is marked begge",
		"dataset 1 (drift-2027.csv) is current again for the drift part of 2027 vedtatt",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("migration notes lack %q:\n%s", want, notes)
		}
	}
	sets, err := db.Datasets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		part            budget.Part
		current         int
		utgift, inntekt int64
	}{
		{budget.Drift, 1, 1_280_000_00, -1_280_000_00},
		{budget.Investering, 1, 625_000_00, -625_000_00},
		{budget.Begge, 1, 1_150_000_00, -150_000_00},
	}
	if len(sets) != len(want) {
		t.Fatalf("%d datasets after migration, want %d", len(sets), len(want))
	}
	for i, w := range want {
		d := sets[i]
		if d.Part != w.part || len(d.Current) != w.current || len(d.Totals) != 1 ||
			d.Totals[0].Utgift != w.utgift || d.Totals[0].Inntekt != w.inntekt || d.Totals[0].Utgift+d.Totals[0].Inntekt != d.Totals[0].Ore {
			t.Errorf("dataset %d: part %s, current %v, totals %+v; want %+v", d.ID, d.Part, d.Current, d.Totals, w)
		}
		if !strings.Contains(d.PartReason, "upgraded") {
			t.Errorf("dataset %d: part reason %q", d.ID, d.PartReason)
		}
	}
	perPart, lines, _ := view(t, db, v2027)
	if lines != 7 || perPart[budget.Drift] != 0 || perPart[budget.Investering] != 0 {
		t.Errorf("2027 after migration: %d lines, %v", lines, perPart)
	}
	// Opened again, nothing is migrated and nothing is said.
	db.Close()
	db = openWS(t, path)
	if n := db.MigrationNotes(); len(n) != 0 {
		t.Errorf("second open: notes %q", n)
	}
}
