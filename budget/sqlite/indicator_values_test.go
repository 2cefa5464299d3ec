package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/shopspring/decimal"
)

func openIndicatorDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func vintage(t *testing.T, db *sqlite.DB, sha string, at time.Time, vals ...indicators.Value) {
	t.Helper()
	im, err := db.BeginIndicatorImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	if _, err := im.BeginVintage(sqlite.Vintage{Indicator: "trangboddhet", Source: sha + ".csv", SHA256: sha, ImportedAt: at}); err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if err := im.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestDB_IndicatorValues_AsOf(t *testing.T) {
	db := openIndicatorDB(t)
	ctx := context.Background()
	p := indicators.Period{Label: "2024", Start: 2024, End: 2024}
	jan := time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)
	mar := time.Date(2025, 3, 10, 12, 0, 0, 500, time.UTC) // a fraction: text order must still be time order
	vintage(t, db, "aaa", jan,
		indicators.Value{Area: "469901", Period: p, Value: dec("10.5")},
		indicators.Value{Area: "469902", Period: p, Marker: ":"})
	vintage(t, db, "bbb", mar,
		indicators.Value{Area: "469902", Period: p, Value: dec("21.0"), Count: new(int)})

	for _, c := range []struct {
		asOf time.Time
		want map[string]string
	}{
		{time.Time{}, map[string]string{"469901": "10.5", "469902": "21"}},
		{jan, map[string]string{"469901": "10.5", "469902": ":"}},
		{mar.Add(-time.Nanosecond), map[string]string{"469901": "10.5", "469902": ":"}},
		{mar, map[string]string{"469901": "10.5", "469902": "21"}},
		{jan.Add(-time.Hour), map[string]string{}},
	} {
		vs, err := db.IndicatorValues(ctx, "trangboddhet", c.asOf)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, v := range vs {
			if v.Value != nil {
				got[v.Area] = v.Value.String()
			} else {
				got[v.Area] = v.Marker
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("as of %v: %v, want %v", c.asOf, got, c.want)
		}
		for k, w := range c.want {
			if got[k] != w {
				t.Errorf("as of %v: %s = %q, want %q", c.asOf, k, got[k], w)
			}
		}
	}
}

func TestIndicatorImport_RefusesDuplicatesAndRollsBack(t *testing.T) {
	db := openIndicatorDB(t)
	ctx := context.Background()
	p := indicators.Period{Label: "2024", Start: 2024, End: 2024}
	im, err := db.BeginIndicatorImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.BeginVintage(sqlite.Vintage{Indicator: "trangboddhet", Source: "a.csv", SHA256: "x"}); err != nil {
		t.Fatal(err)
	}
	v := indicators.Value{Area: "469901", Period: p, Value: dec("1")}
	if err := im.Add(v); err != nil {
		t.Fatal(err)
	}
	if err := im.Add(v); budget.ErrorCode(err) != budget.EINVALID {
		t.Fatalf("second Add of the same key: %v, want EINVALID", err)
	}
	if _, err := im.Commit(); err == nil {
		t.Fatal("Commit after a failed Add succeeded")
	}
	if vs, _ := db.Vintages(ctx, ""); len(vs) != 0 {
		t.Errorf("vintages after rollback: %+v", vs)
	}
	vintage(t, db, "x", time.Now())
	im, _ = db.BeginIndicatorImport(ctx)
	defer im.Rollback()
	if _, err := im.BeginVintage(sqlite.Vintage{Indicator: "trangboddhet", Source: "a.csv", SHA256: "x"}); budget.ErrorCode(err) != budget.ECONFLICT {
		t.Errorf("same sha256 again: %v, want ECONFLICT", err)
	}
}

func TestDB_ImportAreas(t *testing.T) {
	db := openIndicatorDB(t)
	ctx := context.Background()
	geos := []indicators.Geo{
		{Code: "0301", Name: "Oslo", Level: indicators.Kommune, Population: map[int]int{2024: 717710}},
		{Code: "030104", Name: "St. Hanshaugen", Level: indicators.Bydel, Parent: "0301", Population: map[int]int{2024: 40000}},
	}
	if err := db.ImportAreas(ctx, "a.csv", geos, map[string]string{"St Hanshaugen bydel": "030104"}); err != nil {
		t.Fatal(err)
	}
	// A second file updates one year and adds another; the first stays.
	geos[1].Population = map[int]int{2025: 40500}
	if err := db.ImportAreas(ctx, "b.csv", geos[1:], nil); err != nil {
		t.Fatal(err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(areas) != 2 || areas[0].Code != "0301" || areas[1].Population[2024] != 40000 || areas[1].Population[2025] != 40500 {
		t.Errorf("areas = %+v", areas)
	}
	for _, q := range []string{"St.Hanshaugen", "st hanshaugen", "30104", "St Hanshaugen bydel"} {
		if a, err := db.Area(ctx, q); err != nil || a.Code != "030104" {
			t.Errorf("Area(%q) = %+v, %v", q, a, err)
		}
	}
	if _, err := db.Area(ctx, "Frogner"); budget.ErrorCode(err) != budget.ENOTFOUND {
		t.Errorf("Area(Frogner): %v, want ENOTFOUND", err)
	}
	// Bad input stores nothing.
	err = db.ImportAreas(ctx, "c.csv", []indicators.Geo{{Code: "5001", Name: "Trondheim", Level: "by"}}, nil)
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("unknown level: %v", err)
	}
	err = db.ImportAreas(ctx, "d.csv", []indicators.Geo{{Code: "5001", Name: "Trondheim", Level: indicators.Kommune}}, map[string]string{"Nidaros": "9999"})
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("alias to no area: %v", err)
	}
	if areas, _ := db.Areas(ctx); len(areas) != 2 {
		t.Errorf("a rejected import stored areas: %+v", areas)
	}
}
