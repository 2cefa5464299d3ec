package annual_test

import (
	"context"
	"os"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/reports/annual"
)

// large is the benchmark's size: 50 indicators × 15 areas × 10 years and
// 200 measures.
var large = spec{indicators: 50, areas: 15, years: 10, measures: 200, year: 2026}

// BenchmarkReport loads and renders the public report of the large
// workspace: go test -bench Report -benchtime 1x ./reports/annual/
func BenchmarkReport(b *testing.B) {
	db := build(b, tempDB(b), large)
	cat := catalogue(b, db)
	ctx := context.Background()
	size := 0
	for b.Loop() {
		r, err := annual.Load(ctx, db, cat, annual.Options{Year: large.year, Public: true})
		if err != nil {
			b.Fatal(err)
		}
		data, err := annual.Render(r)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/report")
}

// TestBenchWorkspace writes the large workspace to
// $HELSEBUDSJETT_BENCH_DB, for timing the command itself with
// /usr/bin/time -v helsebudsjett report --db … (peak memory); skipped
// when the variable is not set.
func TestBenchWorkspace(t *testing.T) {
	p := os.Getenv("HELSEBUDSJETT_BENCH_DB")
	if p == "" {
		t.Skip("set HELSEBUDSJETT_BENCH_DB=FILE to write the benchmark workspace")
	}
	os.Remove(p)
	build(t, p, large)
}
