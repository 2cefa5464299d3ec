package sample

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestLargeFiles writes million-line benchmark files and reports time,
// size and heap. It is slow, so it runs only with HELSEBUDSJETT_LARGE=1.
func TestLargeFiles(t *testing.T) {
	if os.Getenv("HELSEBUDSJETT_LARGE") == "" {
		t.Skip("set HELSEBUDSJETT_LARGE=1 to write 1M-line files")
	}
	const n = 1_000_000
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		write func(*os.File) error
	}{
		{"bench.csv", func(f *os.File) error { return WriteCSV(f, Spec{Lines: n}) }},
		{"bench.xlsx", func(f *os.File) error { return WriteXLSX(f, Spec{Lines: n}) }},
	} {
		path := filepath.Join(dir, c.name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		start := time.Now()
		if err := c.write(f); err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		st, _ := os.Stat(path)
		t.Logf("%s: %d lines in %v, %d bytes, heap in use %d MB, total allocated %d MB",
			c.name, n, elapsed.Round(time.Millisecond), st.Size(), m.HeapInuse>>20, m.TotalAlloc>>20)
		lines := countLines(t, path)
		if c.name == "bench.xlsx" {
			lines = countRows(t, path)
		}
		if lines != n+1 {
			t.Errorf("%s has %d lines, want %d", c.name, lines, n+1)
		}
	}
}

// countRows counts the rows of the only sheet, streaming.
func countRows(t *testing.T, path string) int {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Budsjett")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Error(); err != nil {
		t.Fatal(err)
	}
	return n
}

func countLines(t *testing.T, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			return n
		}
	}
}
