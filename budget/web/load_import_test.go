package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sample"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// readers is how many signed-in users browse while the budget imports.
const readers = 50

// BenchmarkReadersDuringImport has 50 signed-in readers (each its own
// session and connections, as 50 browsers) browse the pages without pause
// while a generated budget of 1 000 000 lines (budget/sample, what
// `helsebudsjett generate budget` writes) imports into the same workspace;
// HELSEBUDSJETT_LOAD_LINES sets another size. Halfway the clock moves two
// minutes, so every reader's session is due its once-a-minute touch (a
// write) while the import holds the workspace's write lock.
//
// It fails when any page request during the import fails (nothing lost),
// or when the import's dataset differs from the one the CLI (`helsebudsjett
// import budget FILE --year 2027 --part drift`, built and run here on a
// fresh workspace) stores from the same file: lines, rows, totals, and the
// summary by funksjon to the øre. It reports the page latency (p50, p99,
// max) during the import, pages per second, the import's time and the
// process's peak RSS during the run (VmHWM, reset before it; the readers'
// clients run in the same process):
//
//	go test -run '^$' -bench ReadersDuringImport -benchtime 1x -timeout 30m ./budget/web/
//
// The import runs in-process through importer.Import, the function the
// CLI's import and the API's upload call.
func BenchmarkReadersDuringImport(b *testing.B) {
	lines := 1_000_000
	if s := os.Getenv("HELSEBUDSJETT_LOAD_LINES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("HELSEBUDSJETT_LOAD_LINES=%q: want a positive number", s)
		}
		lines = n
	}
	dir := b.TempDir()
	file := filepath.Join(dir, "budsjett.csv")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := sample.WriteCSV(f, sample.Spec{Lines: lines, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	want := cliImport(b, dir, file)
	ctx := context.Background()

	for range b.N {
		env := webtest.New(b)
		paths := readerPaths(b, env)
		clients := make([]*http.Client, readers)
		for i := range clients {
			clients[i] = env.Client(b, string(access.Lesetilgang))
			clients[i].Transport = &http.Transport{MaxIdleConnsPerHost: 2}
		}
		resetPeakRSS(b)

		var (
			wg      sync.WaitGroup
			stop    = make(chan struct{})
			mu      sync.Mutex
			lat     []time.Duration
			failed  []string
			started = time.Now()
		)
		for i, c := range clients {
			wg.Go(func() {
				var mine []time.Duration
				var bad []string
				for n := i; ; n++ {
					select {
					case <-stop:
						mu.Lock()
						lat, failed = append(lat, mine...), append(failed, bad...)
						mu.Unlock()
						return
					default:
					}
					p := paths[n%len(paths)]
					t0 := time.Now()
					status, err := fetch(c, env.URL+p)
					mine = append(mine, time.Since(t0))
					if err != nil || status != http.StatusOK {
						bad = append(bad, fmt.Sprintf("%s: %d %v", p, status, err))
					}
				}
			})
		}
		importDone := make(chan struct{})
		go func() {
			// Halfway through a 1M-line import (about 4 s on an idle
			// machine) every session becomes due its touch.
			select {
			case <-time.After(2 * time.Second):
				env.Advance(2 * time.Minute)
			case <-importDone:
			}
		}()
		t0 := time.Now()
		rep, err := importer.Import(ctx, env.DB, file, importer.FileOptions{Options: importer.Options{
			Part: budget.Drift, Options: budgetfile.Options{Year: 2027, Version: budget.Vedtatt, MaxSize: 256 << 20}}})
		importTime := time.Since(t0)
		close(importDone)
		close(stop)
		wg.Wait()
		elapsed := time.Since(started)
		peak := peakRSS(b)
		if err != nil {
			b.Fatalf("import: %v", err)
		}
		if rep.Status != importer.Imported {
			b.Fatalf("import: %s", rep.Status)
		}
		if len(failed) > 0 {
			b.Errorf("%d of %d page requests failed during the import, first: %s", len(failed), len(lat), failed[0])
		}
		got := storedImport(b, env.DB)
		if d := got.diff(want); d != "" {
			b.Errorf("the import under load differs from the CLI's: %s", d)
		}
		if got.Lines != lines {
			b.Errorf("%d lines stored, the file has %d", got.Lines, lines)
		}

		slices.Sort(lat)
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "pages/s")
		b.ReportMetric(ms(quantile(lat, 0.50)), "p50-ms")
		b.ReportMetric(ms(quantile(lat, 0.99)), "p99-ms")
		b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
		b.ReportMetric(importTime.Seconds(), "import-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
		b.Logf("%d readers, %d page requests over %s (%v), import of %d lines in %v",
			readers, len(lat), strings.Join(paths, " "), elapsed.Round(time.Millisecond), lines, importTime.Round(time.Millisecond))
	}
}

// readerPaths are the pages a reader browses: the home page, the wheel,
// and every other page of the route table without wildcards that a
// lesetilgang user may open and that answers 200 in this workspace (so
// pages the other areas add are browsed too).
func readerPaths(b *testing.B, env *webtest.Env) []string {
	c := env.Client(b, string(access.Lesetilgang))
	paths := []string{"/", "/arshjul"}
	for _, rt := range env.App.Routes() {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.TrimSuffix(path, "{$}")
		if method != http.MethodGet || rt.Public || isAPIPath(path) || strings.Contains(path, "{") ||
			!slices.Contains(rt.Roles, access.Lesetilgang) || slices.Contains(paths, path) {
			continue
		}
		if status, err := fetch(c, env.URL+path); err == nil && status == http.StatusOK {
			paths = append(paths, path)
		}
	}
	return paths
}

func isAPIPath(p string) bool { return strings.HasPrefix(p, "/api/") }

// fetch gets url and reads the whole body, as a browser loads a page.
func fetch(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// resetPeakRSS starts a new peak (Linux: writing 5 to clear_refs resets
// VmHWM).
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not reset (%v): it covers the whole process", err)
	}
}

// peakRSS is VmHWM of this process in bytes.
func peakRSS(b *testing.B) int64 {
	st, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Logf("no peak RSS: %v", err)
		return 0
	}
	for line := range strings.SplitSeq(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// imported is what a workspace holds of the one budget file imported.
type imported struct {
	SHA256   string
	RowsRead int
	Lines    int
	Totals   []budget.Total
	Summary  []sqlite.SummaryRow // by funksjon
}

func (a imported) diff(b imported) string {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) == string(jb) {
		return ""
	}
	return fmt.Sprintf("\n got %.600s\nwant %.600s", ja, jb)
}

// storedImport reads the single dataset of db and its summary by funksjon.
func storedImport(b *testing.B, db *sqlite.DB) imported {
	ctx := context.Background()
	ds, err := db.Datasets(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if len(ds) != 1 {
		b.Fatalf("%d datasets in the workspace, want 1", len(ds))
	}
	d := ds[0]
	sum, err := db.Summary(ctx, budget.Key{Year: 2027, Version: budget.Vedtatt}, "funksjon")
	if err != nil {
		b.Fatal(err)
	}
	return imported{SHA256: d.SHA256, RowsRead: d.RowsRead, Lines: d.Lines, Totals: d.Totals, Summary: sum}
}

// cliImport builds the CLI, imports file with it into a fresh workspace
// in dir and returns what it stored.
func cliImport(b *testing.B, dir, file string) imported {
	bin := filepath.Join(dir, "helsebudsjett")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/helsebudsjett").CombinedOutput(); err != nil {
		b.Fatalf("build the CLI: %v\n%s", err, out)
	}
	ws := filepath.Join(dir, "cli.db")
	cmd := exec.Command(bin, "import", "budget", file, "--year", "2027", "--part", "drift", "--db", ws)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("helsebudsjett import budget: %v\n%s", err, out)
	}
	db, err := sqlite.Open(context.Background(), ws)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	return storedImport(b, db)
}
