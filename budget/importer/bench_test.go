package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// BenchmarkImport imports generated budgets of 100k and 1M lines, as csv and
// as xlsx, each into a fresh workspace, and reports lines per second. The
// files are generated once into the system temp folder and reused, since
// writing a 1M-line xlsx takes longer than reading it.
//
//	go test -run '^$' -bench 'Import/csv-1M' -benchtime 1x ./budget/importer/
func BenchmarkImport(b *testing.B) {
	for _, format := range []string{"csv", "xlsx"} {
		for _, n := range []int{100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s-%s", format, size(n)), func(b *testing.B) {
				path := benchFile(b, format, n)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					importOnce(b, path, n)
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
			})
		}
	}
}

func importOnce(b *testing.B, path string, n int) {
	b.StopTimer()
	dir := b.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	opts := importer.Options{Part: budget.Begge}
	opts.Year = 2027
	opts.MaxSize = 1 << 30
	b.StartTimer()
	rep, err := importer.Run(context.Background(), db, path, opts)
	if err != nil {
		b.Fatal(err)
	}
	if rep.Status != importer.Imported || rep.Result.Lines != n {
		b.Fatalf("status %s, %d lines, want %d; first errors %+v", rep.Status, rep.Result.Lines, n, rep.Result.Errors)
	}
}

func size(n int) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

func benchFile(b *testing.B, format string, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("helsebudsjett-bench-%s.%s", size(n), format))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	write := sample.WriteCSV
	if format == "xlsx" {
		write = sample.WriteXLSX
	}
	if err := write(w, sample.Spec{Lines: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := flushClose(w, f); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

func flushClose(w *bufio.Writer, c io.Closer) error {
	if err := w.Flush(); err != nil {
		c.Close()
		return err
	}
	return c.Close()
}
