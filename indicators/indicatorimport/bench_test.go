package indicatorimport_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/indicatorimport"
)

// The benchmark's size: 10 years × 500 areas × 50 indicators, 250 000
// values, as a large municipality with levekårssoner might hold.
const (
	benchYears      = 10
	benchAreas      = 500
	benchIndicators = 50
)

// benchData writes one long csv per indicator and returns their paths, the
// areas and a catalogue lookup for the synthetic indicators.
func benchData(b *testing.B) ([]string, []indicators.Geo, func(string) (indicators.Indicator, bool)) {
	b.Helper()
	dir := b.TempDir()
	geos := []indicators.Geo{{Code: "4699", Name: "Storby", Level: indicators.Kommune}}
	for a := 1; a < benchAreas; a++ {
		geos = append(geos, indicators.Geo{Code: fmt.Sprintf("4699%04d", a), Name: fmt.Sprintf("Sone %d", a), Level: indicators.Sone, Parent: "4699"})
	}
	var paths []string
	for i := 0; i < benchIndicators; i++ {
		var sb strings.Builder
		sb.WriteString("Kommunenummer;Geografi;År;Andel;Antall\n")
		for _, g := range geos {
			for y := 2015; y < 2015+benchYears; y++ {
				fmt.Fprintf(&sb, "%s;%s;%d;%d,%d;%d\n", g.Code, g.Name, y, (i+y+len(g.Code))%90, y%10, 100+y%50)
			}
		}
		p := filepath.Join(dir, fmt.Sprintf("bench-%02d.csv", i))
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	lookup := func(id string) (indicators.Indicator, bool) {
		return indicators.Indicator{ID: id, Unit: indicators.Percent}, strings.HasPrefix(id, "bench-")
	}
	return paths, geos, lookup
}

// BenchmarkImportAndQuery imports every file into a fresh workspace and
// then asks for every indicator's values. It reports values/s for each
// phase.
func BenchmarkImportAndQuery(b *testing.B) {
	paths, geos, lookup := benchData(b)
	ctx := context.Background()
	var importTime, queryTime time.Duration
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "ws.db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := db.ImportAreas(ctx, "areas", geos, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		for i, p := range paths {
			var o indicatorimport.Options
			o.Indicator, o.Lookup = fmt.Sprintf("bench-%02d", i), lookup
			rep, err := indicatorimport.Run(ctx, db, p, o)
			if err != nil || rep.Status != indicatorimport.Imported {
				b.Fatalf("%s: %v %v", p, rep, err)
			}
		}
		t1 := time.Now()
		total := 0
		for i := range paths {
			vs, err := db.IndicatorValues(ctx, fmt.Sprintf("bench-%02d", i), time.Time{})
			if err != nil {
				b.Fatal(err)
			}
			total += len(vs)
		}
		t2 := time.Now()
		if total != benchYears*benchAreas*benchIndicators {
			b.Fatalf("queried %d values", total)
		}
		importTime += t1.Sub(t0)
		queryTime += t2.Sub(t1)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	values := float64(benchYears * benchAreas * benchIndicators * b.N)
	b.ReportMetric(values/importTime.Seconds(), "import-values/s")
	b.ReportMetric(values/queryTime.Seconds(), "query-values/s")
	b.ReportMetric(importTime.Seconds()/float64(b.N), "import-s/op")
	b.ReportMetric(queryTime.Seconds()/float64(b.N), "query-s/op")
}
