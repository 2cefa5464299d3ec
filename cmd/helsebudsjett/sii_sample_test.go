package main

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
)

// TestSII_SampleBydeler checks the SII and RII that indicators show gives
// for the sample municipality's six bydeler against a calculation done here
// from the stored values, with nothing shared but the data: bydeler ranked
// from the highest persistent low income (lavinntekt) to the lowest, each
// placed at the midpoint of its cumulative population share, and child
// poverty regressed on that rank by population-weighted least squares.
func TestSII_SampleBydeler(t *testing.T) {
	dir := t.TempDir()
	demo, _ := copyDemo(t, dir)
	dbPath := filepath.Join(demo, "helsebudsjett.db")
	code, out, stderr := cli(t, dir, "indicators", "show", "barn-lavinntekt", "--db", dbPath, "--json")
	if code != exitOK {
		t.Fatalf("show: %s", stderr)
	}
	var shown struct {
		Inequality []struct {
			Period string   `json:"period"`
			SII    *float64 `json:"sii"`
			RII    *float64 `json:"rii"`
		} `json:"inequality"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Inequality) == 0 {
		t.Fatal("no inequality measures shown")
	}
	last := shown.Inequality[len(shown.Inequality)-1]
	if last.SII == nil || last.RII == nil {
		t.Fatalf("latest period %s has no SII/RII", last.Period)
	}

	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	period, err := indicators.ParsePeriod(last.Period)
	if err != nil {
		t.Fatal(err)
	}
	child := headline(t, db, "barn-lavinntekt", period.Label)
	socio := headline(t, db, "lavinntekt", period.Label)
	areas, err := db.Areas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type area struct{ y, socio, w float64 }
	var bydeler []area
	for _, g := range areas {
		if g.Level != indicators.Bydel {
			continue
		}
		bydeler = append(bydeler, area{child[g.Code], socio[g.Code], float64(g.Population[period.End])})
	}
	if len(bydeler) != 6 {
		t.Fatalf("%d bydeler, want the sample's 6", len(bydeler))
	}
	sort.Slice(bydeler, func(i, j int) bool { return bydeler[i].socio > bydeler[j].socio })
	var total, cum float64
	for _, a := range bydeler {
		total += a.w
	}
	x := make([]float64, len(bydeler))
	for i, a := range bydeler {
		x[i] = (cum + a.w/2) / total
		cum += a.w
	}
	var mx, my float64
	for i, a := range bydeler {
		mx += a.w * x[i] / total
		my += a.w * a.y / total
	}
	var sxy, sxx float64
	for i, a := range bydeler {
		sxy += a.w * (x[i] - mx) * (a.y - my)
		sxx += a.w * (x[i] - mx) * (x[i] - mx)
	}
	slope := sxy / sxx
	intercept := my - slope*mx
	if math.Abs(*last.SII-slope) > 1e-4 {
		t.Errorf("SII %s = %.6f, want %.6f", last.Period, *last.SII, slope)
	}
	if rii := (intercept + slope) / intercept; math.Abs(*last.RII-rii) > 1e-4 {
		t.Errorf("RII %s = %.6f, want %.6f", last.Period, *last.RII, rii)
	}
	if slope >= 0 {
		t.Errorf("SII %.3f: child poverty should fall up the social scale in the sample", slope)
	}
}

// headline returns the indicator's values without dimensions for the
// period, by area.
func headline(t *testing.T, db *sqlite.DB, id, period string) map[string]float64 {
	t.Helper()
	vals, err := db.IndicatorValues(context.Background(), id, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, v := range vals {
		if v.Period.Label == period && len(v.Dims) == 0 && v.Value != nil {
			out[v.Area] = v.Value.InexactFloat64()
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s values for %s", id, period)
	}
	return out
}
