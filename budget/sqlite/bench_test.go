package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
)

// synthetic makes n lines shaped like a large municipality's accounts:
// ansvar, funksjon, art and prosjekt codes, two text attributes and one
// amount, drawn from realistic numbers of distinct values. The strings are
// built once per line, as a parser would.
func synthetic(i int, key budget.Key) budget.Line {
	ansvar := 1000 + i%700
	art := 10 + i%250
	return budget.Line{
		Row:      i + 2,
		Ansvar:   strconv.Itoa(ansvar),
		Funksjon: fmt.Sprintf("%03d", 100+i%120),
		Art:      fmt.Sprintf("%03d", art),
		Prosjekt: strconv.Itoa(i % 40 * 1000),
		Attributes: []budget.Attribute{
			{Name: "Ansvar tekst", Value: "Enhet for helse og omsorg " + strconv.Itoa(ansvar)},
			{Name: "Art tekst", Value: "Kjøp av tjenester " + strconv.Itoa(art)},
		},
		Amounts: []budget.Amount{{Key: key, Ore: int64(i%100000)*1234 - 5_000_000}},
	}
}

func importN(tb testing.TB, db *sqlite.DB, sha string, n int) (add, commit time.Duration) {
	ctx := context.Background()
	key := budget.Key{Year: 2025, Version: budget.Vedtatt}
	im, err := db.BeginImport(ctx, budget.Dataset{Source: "bench.csv", SHA256: sha, Format: "csv"})
	if err != nil {
		tb.Fatal(err)
	}
	defer im.Rollback()
	start := time.Now()
	for i := 0; i < n; i++ {
		l := synthetic(i, key)
		if err := im.Add(&l); err != nil {
			tb.Fatal(err)
		}
	}
	add = time.Since(start)
	start = time.Now()
	if _, err := im.Commit(budget.Dataset{RowsRead: n, Lines: n}); err != nil {
		tb.Fatal(err)
	}
	return add, time.Since(start)
}

// BenchmarkImport imports b.N lines in one dataset: run it with
// -benchtime=1000000x for the one-million-line target.
func BenchmarkImport(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "ws.hbj"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	add, commit := importN(b, db, "bench", b.N)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/add.Seconds(), "lines/s")
	b.ReportMetric(commit.Seconds(), "commit-s")
}

// TestImportMillion is the manual check of the performance target: set
// HBJ_IMPORT_MILLION=1 to import 1,000,000 lines and print the timings and
// peak RSS, then query them.
func TestImportMillion(t *testing.T) {
	if os.Getenv("HBJ_IMPORT_MILLION") == "" {
		t.Skip("set HBJ_IMPORT_MILLION=1 to run")
	}
	const n = 1_000_000
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.hbj")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	add, commit := importN(t, db, "million", n)
	t.Logf("Add %d lines: %v (%.0f lines/s); Commit: %v", n, add, n/add.Seconds(), commit)
	key := budget.Key{Year: 2025, Version: budget.Vedtatt}
	for _, by := range []string{"funksjon", "ansvar tekst"} {
		start := time.Now()
		rows, err := db.Summary(ctx, key, by)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Summary by %s: %d groups in %v", by, len(rows), time.Since(start))
	}
	start := time.Now()
	count := 0
	if err := db.Lines(ctx, key, func(*budget.Line) error { count++; return nil }); err != nil {
		t.Fatal(err)
	}
	t.Logf("Lines: %d in %v", count, time.Since(start))
	if fi, err := os.Stat(path); err == nil {
		t.Logf("file: %d MB", fi.Size()>>20)
	}
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM") {
				t.Log("peak RSS " + strings.Join(strings.Fields(l)[1:], " "))
			}
		}
	}
}

// BenchmarkLines reads back b.N lines of a dataset.
func BenchmarkLines(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "ws.hbj"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	importN(b, db, "bench", b.N)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	if err := db.Lines(ctx, budget.Key{Year: 2025, Version: budget.Vedtatt}, func(*budget.Line) error { n++; return nil }); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lines/s")
}
