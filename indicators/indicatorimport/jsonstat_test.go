package indicatorimport_test

import (
	"context"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestRun_JSONStat(t *testing.T) {
	db := openDB(t)
	importAreas(t, db, "../../templates/sample/omrader.csv")
	rep := run(t, db, "testdata/ssb-jsonstat.json", options(t, "barn-lavinntekt"))
	if rep.Result.Format != "json-stat" || rep.Result.Count() != 12 {
		t.Errorf("format %s, %d values; want json-stat, 12", rep.Result.Format, rep.Result.Count())
	}
	vs, err := db.IndicatorValues(context.Background(), "barn-lavinntekt", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	menn := indicators.Dim{Name: "kjønn", Value: "Menn"}
	if got := valueOf(t, find(t, vs, "4699", "2024")); got != "12.3" {
		t.Errorf("4699 2024 begge kjønn = %s, want 12.3", got)
	}
	if got := valueOf(t, find(t, vs, "469902", "2024", menn)); got != "23.1" {
		t.Errorf("Nordbyen 2024 menn = %s, want 23.1", got)
	}
	for _, c := range []struct{ area, period, marker string }{{"469902", "2024", ".."}, {"469903", "2024", ":"}} {
		var v indicators.Value
		if c.marker == ":" {
			v = find(t, vs, c.area, c.period, menn)
		} else {
			v = find(t, vs, c.area, c.period)
		}
		if v.Value != nil || v.Marker != c.marker {
			t.Errorf("%s %s = %v %q, want missing with %q", c.area, c.period, v.Value, v.Marker, c.marker)
		}
	}
}
