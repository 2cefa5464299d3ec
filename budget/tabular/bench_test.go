package tabular_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

// benchLines is the size of the benchmark file: 200k lines of about 80
// bytes, a fifth of the 1M-line file the reader must stream in well under
// 3 s.
const benchLines = 200_000

func BenchmarkCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.csv")
	size := writeBenchCSV(b, path, benchLines)
	b.SetBytes(size)
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		tab, err := tabular.Open(context.Background(), path, tabular.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := tab.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		tab.Close()
		if n != benchLines+1 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.N)*float64(benchLines)/time.Since(start).Seconds(), "lines/s")
}

// writeBenchCSV writes a budget-like semicolon file with a header, quoted
// texts and decimal commas, and returns its size.
func writeBenchCSV(b *testing.B, path string, lines int) int64 {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Ansvar;Funksjon;Art;Prosjekt;Tekst;Beløp 2025;Beløp 2026")
	for i := range lines {
		fmt.Fprintf(w, "%d;%03d;%d;P%04d;\"Tjeneste nr %d, æøå\";%d,%02d;-%d,50\n",
			1000+i%9000, 100+i%300, 10100+i%500, i%1000, i%777, i*37%100000, i%100, i%5000)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	f.Close()
	return st.Size()
}
