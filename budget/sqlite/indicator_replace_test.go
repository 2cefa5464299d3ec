package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func keyedVintage(t *testing.T, db *sqlite.DB, key string, at time.Time, vals ...indicators.Value) sqlite.Vintage {
	t.Helper()
	im, err := db.BeginIndicatorImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	if _, err := im.BeginVintage(sqlite.Vintage{Indicator: "trangboddhet", Source: "f.csv", SHA256: "same", OptionsKey: key, ImportedAt: at}); err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if err := im.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := im.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return vs[0]
}

// The same file imported again with other options replaces the earlier
// vintage whole: a value only the earlier one had (stored under a dim that
// the corrected import no longer makes) is no longer current, but is still
// known as of before the correction.
func TestIndicatorImport_SameFileOtherOptionsReplaces(t *testing.T) {
	db := openIndicatorDB(t)
	ctx := context.Background()
	p := indicators.Period{Label: "2024", Start: 2024, End: 2024}
	jan := time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)
	feb := time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC)
	first := keyedVintage(t, db, "scale=percent", jan,
		indicators.Value{Area: "469901", Period: p, Value: dec("0.105"), Dims: []indicators.Dim{{Name: "sortering år", Value: "2024"}}})
	second := keyedVintage(t, db, "scale=fraction", feb, indicators.Value{Area: "469901", Period: p, Value: dec("10.5")})
	if second.Replaces != first.ID {
		t.Errorf("second vintage replaces %d, want %d", second.Replaces, first.ID)
	}
	if first.Replaces != 0 {
		t.Errorf("first vintage replaces %d, want 0", first.Replaces)
	}
	vs, err := db.IndicatorValues(ctx, "trangboddhet", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Value.String() != "10.5" || len(vs[0].Dims) != 0 {
		t.Errorf("current values %+v, want only 10.5 without dims", vs)
	}
	vs, _ = db.IndicatorValues(ctx, "trangboddhet", jan)
	if len(vs) != 1 || vs[0].Value.String() != "0.105" {
		t.Errorf("values as of January %+v, want the first vintage's", vs)
	}
	got, err := db.VintageBySHA256(ctx, "trangboddhet", "same")
	if err != nil || got == nil || got.ID != second.ID || got.OptionsKey != "scale=fraction" {
		t.Errorf("VintageBySHA256 = %+v, %v; want the latest, %d", got, err, second.ID)
	}

	t.Run("same options again is a conflict", func(t *testing.T) {
		im, _ := db.BeginIndicatorImport(ctx)
		defer im.Rollback()
		_, err := im.BeginVintage(sqlite.Vintage{Indicator: "trangboddhet", Source: "f.csv", SHA256: "same", OptionsKey: "scale=fraction"})
		if budget.ErrorCode(err) != budget.ECONFLICT {
			t.Errorf("same file and options: %v, want ECONFLICT", err)
		}
	})
	t.Run("the first options again replace the second", func(t *testing.T) {
		third := keyedVintage(t, db, "scale=percent", feb.Add(time.Hour), indicators.Value{Area: "469901", Period: p, Value: dec("0.105")})
		if third.Replaces != second.ID {
			t.Errorf("third replaces %d, want %d", third.Replaces, second.ID)
		}
	})
}
