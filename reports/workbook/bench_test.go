package workbook_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/reports/model"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// BenchmarkWrite_Million exports the workbook of a budget of a million
// lines (HBJ_BENCH_LINES to change it), made as 'helsebudsjett generate
// budget --lines 1000000 -o big.csv' makes it, with 200 measures that
// between them pick every line. It reports the export's time and
// its peak RSS (VmHWM, reset before the export). The target: at most 60 s
// and 400 MB. Run with:
//
//	go test ./reports/workbook -run '^$' -bench Million -benchtime 1x
func BenchmarkWrite_Million(b *testing.B) {
	lines := 1_000_000
	if s := os.Getenv("HBJ_BENCH_LINES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		lines = n
	}
	ctx := context.Background()
	dir := b.TempDir()
	db, key := benchWorkspace(b, dir, lines, 200)
	cat := catalogue(b)
	out := filepath.Join(dir, "helsebudsjett.xlsx")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resetPeakRSS()
		start := time.Now()
		bm, err := model.Load(ctx, db, cat, key)
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		links := func(fn func(budget.Link) error) error { return db.EachLink(ctx, key, fn) }
		if err := workbook.Write(w, bm, links, workbook.Options{}); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		fi, _ := os.Stat(out)
		b.ReportMetric(elapsed.Seconds(), "s/export")
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		b.Logf("%d lines, %d measures, %s kr linked: export %.1f s, peak RSS %d MB, %d MB file",
			lines, len(bm.Measures), budget.FormatOre(bm.Years[0].Linked), elapsed.Seconds(), peakRSS()>>20, fi.Size()>>20)
	}
}

// benchWorkspace imports a generated budget of n lines for 2027 vedtatt,
// ten units and m measures, each picking a run of the budget's ansvar
// codes (between them every line) with a share of 100, 75 or 50 %.
func benchWorkspace(b *testing.B, dir string, n, m int) (*sqlite.DB, budget.Key) {
	b.Helper()
	ctx := context.Background()
	key := budget.Key{Year: 2027, Version: budget.Vedtatt}
	csvPath := filepath.Join(dir, "big.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := sample.WriteCSV(f, sample.Spec{Lines: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "ws.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	rep, err := importer.Run(ctx, db, csvPath, importer.Options{Part: budget.Drift, Options: budgetfile.Options{Year: key.Year}})
	if err != nil || rep.Status != importer.Imported {
		b.Fatalf("import: %v %+v", err, rep)
	}
	var units []budget.Unit
	for i := 0; i < 10; i++ {
		units = append(units, budget.Unit{Code: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("Virksomhet %d", i), Kind: budget.Virksomhet,
			Ansvar: []budget.CodeRange{{From: fmt.Sprintf("%d000", i), To: fmt.Sprintf("%d999", i)}}})
	}
	if err := db.ImportUnits(ctx, "units", units); err != nil {
		b.Fatal(err)
	}
	rows, err := db.Summary(ctx, key, "ansvar")
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, r := range rows {
		if r.Value != "" {
			codes = append(codes, r.Value)
		}
	}
	if len(codes) < m {
		b.Fatalf("%d ansvar codes for %d measures: use more lines", len(codes), m)
	}
	shares := []string{"100", "75", "50"}
	var ms []budget.Measure
	for i := 0; i < m; i++ {
		from, to := codes[i*len(codes)/m], codes[(i+1)*len(codes)/m-1]
		sel, err := budget.ParseSelector("ansvar=" + from + "-" + to)
		if err != nil {
			b.Fatal(err)
		}
		ms = append(ms, budget.Measure{Nr: strconv.Itoa(i + 1), Name: "Tiltak " + strconv.Itoa(i+1),
			Responsible: []string{units[i%10].Code, units[(i+1)%10].Code}, Reporting: units[i%10].Code,
			Effort: budget.Efforts[i%3], Determinant: "oppvekst", Selector: sel,
			Share: decimal.RequireFromString(shares[i%3]), Status: budget.StatusVedtatt})
	}
	if err := db.ReplaceMeasures(ctx, "tiltak", ms); err != nil {
		b.Fatal(err)
	}
	return db, key
}

// resetPeakRSS resets the process's peak RSS (Linux: VmHWM), so the next
// reading is the peak of what follows.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns VmHWM in bytes, 0 where /proc is not there.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			kb, _ := strconv.ParseInt(strings.Fields(l)[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
