package letters_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/reports/letters"
)

// BenchmarkLetters500 writes the letters of 500 units with 3 measures
// each, from a temporary workspace, and reports letters per second. For
// peak RSS, run the CLI on the same workspace under /usr/bin/time -v (see
// TestWriteBenchWorkspace).
func BenchmarkLetters500(b *testing.B) {
	f := newFixture(b, 500, 3, nil)
	ctx := context.Background()
	dir := b.TempDir()
	n := 0
	start := time.Now()
	for b.Loop() {
		s := f.source(b)
		res, err := s.Generate(ctx, letters.GenerateOptions{Dir: dir, Force: true, Options: letters.Options{Config: sampleConfig(b)}})
		if err != nil {
			b.Fatal(err)
		}
		n += len(res.Letters)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "letters/s")
}

// TestWriteBenchWorkspace writes the benchmark's workspace (500 units, 3
// measures each) to $LETTERS_BENCH_DB, for timing the CLI:
//
//	LETTERS_BENCH_DB=/tmp/b500.db go test ./reports/letters -run WriteBench
//	/usr/bin/time -v helsebudsjett letters --db /tmp/b500.db --year 2027 -o /tmp/b500 --force
func TestWriteBenchWorkspace(t *testing.T) {
	dst := os.Getenv("LETTERS_BENCH_DB")
	if dst == "" {
		t.Skip("set LETTERS_BENCH_DB to write the benchmark workspace")
	}
	f := newFixtureAt(t, dst, 500, 3, nil)
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", filepath.Clean(dst))
}
