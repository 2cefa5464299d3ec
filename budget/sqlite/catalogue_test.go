package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestDB_SaveIndicatorOverrides(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	if got, err := db.IndicatorOverrides(ctx); err != nil || len(got) != 0 {
		t.Fatalf("new workspace: %v %v", got, err)
	}
	eget := indicators.Indicator{ID: "eget", Name: "Eget", Unit: indicators.Percent, Levels: []indicators.Level{indicators.Bydel},
		Trend: indicators.TrendRule{Periods: 3, Threshold: decimal.RequireFromString("0.5"), Text: "regel"}}
	patch := indicators.Indicator{ID: "trangboddhet", MinCount: 10}
	if err := db.SaveIndicatorOverrides(ctx, "a.yaml", []indicators.Indicator{patch, eget}); err != nil {
		t.Fatal(err)
	}
	patch.MinCount = 8
	if err := db.SaveIndicatorOverrides(ctx, "b.yaml", []indicators.Indicator{patch}); err != nil {
		t.Fatal(err)
	}
	got, err := db.IndicatorOverrides(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "eget" || got[1].MinCount != 8 {
		t.Fatalf("got %+v", got)
	}
	if !got[0].Trend.Threshold.Equal(eget.Trend.Threshold) || got[0].Levels[0] != indicators.Bydel || got[0].Name != "Eget" {
		t.Errorf("eget came back as %+v", got[0])
	}
	err = db.SaveIndicatorOverrides(ctx, "c.yaml", []indicators.Indicator{{ID: "x"}, {ID: "x"}})
	if budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("duplicate ids: %v", err)
	}
}

func TestDB_SaveTargets(t *testing.T) {
	ctx := context.Background()
	db := openWS(t, filepath.Join(t.TempDir(), "ws.db"))
	d := decimal.RequireFromString
	a := indicators.Target{Indicator: "barn-lavinntekt", Area: "4699", BaselineYear: 2024, BaselineValue: d("12.10"), TargetYear: 2030, TargetValue: d("9")}
	b := indicators.Target{Indicator: "trangboddhet", Area: "469901", BaselineYear: 2024, BaselineValue: d("18.5"), TargetYear: 2030, TargetValue: d("15")}
	if err := db.SaveTargets(ctx, []indicators.Target{b, a}); err != nil {
		t.Fatal(err)
	}
	a.TargetValue = d("8.5")
	if err := db.SaveTargets(ctx, []indicators.Target{a}); err != nil {
		t.Fatal(err)
	}
	all, err := db.Targets(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Indicator != "barn-lavinntekt" || !all[0].TargetValue.Equal(d("8.5")) || all[0].BaselineValue.String() != "12.1" {
		t.Fatalf("all = %+v", all)
	}
	if all[0].BaselinePeriod.Label != "2024" {
		t.Errorf("baseline period %+v", all[0].BaselinePeriod)
	}
	one, err := db.Targets(ctx, "trangboddhet")
	if err != nil || len(one) != 1 || one[0].Area != "469901" {
		t.Errorf("trangboddhet: %+v %v", one, err)
	}
	if err := db.SaveTargets(ctx, []indicators.Target{b, b}); budget.ErrorCode(err) != budget.EINVALID {
		t.Errorf("duplicate: %v", err)
	}
}
