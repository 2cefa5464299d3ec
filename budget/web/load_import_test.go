package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
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
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
	"github.com/helsebudsjett/helsebudsjett/budget/sqlite"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// readers is how many signed-in users browse while the budget imports.
const readers = 50

// BenchmarkReadersDuringImport has 50 signed-in readers (each its own
// session and connections, as 50 browsers) browse the pages without pause
// while a generated budget of 1 000 000 lines (templates/sample, what
// `helsebudsjett generate budget` writes: a 94 MiB csv) is uploaded to POST
// /api/v1/import/budget and imported into the same workspace, as a nightly
// ERP script would; HELSEBUDSJETT_LOAD_LINES sets another size. Two
// seconds in, the clock moves two minutes, so every reader's session is due
// its once-a-minute touch (a write) while the import holds the workspace's
// write lock.
//
// It fails when any page request during the import fails (nothing lost),
// or when the dataset the API stored differs from the one the CLI
// (`helsebudsjett import budget FILE --year 2027 --part drift`, built and
// run here on a fresh workspace) stores from the same file: rows, lines,
// totals, and the summary by funksjon to the øre. It reports the page
// latency (p50, p99, max) during the import, pages per second, the
// import's time (upload included) and the process's peak RSS during the
// run (VmHWM, reset before it; the server, the import and the readers'
// clients run in one process):
//
//	go test -run '^$' -bench ReadersDuringImport -benchtime 1x -timeout 30m ./budget/web/
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
	for range b.N {
		env := webtest.NewWith(b, func(a *web.App) { a.Imports = workspaceImports{a.Store.(*sqlite.DB)} })
		token := env.Token(b, string(access.Okonomi))
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
		status, out, err := uploadBudget(env.URL, token, file)
		importTime := time.Since(t0)
		close(importDone)
		close(stop)
		wg.Wait()
		elapsed := time.Since(started)
		peak := peakRSS(b)
		if err != nil {
			b.Fatalf("upload: %v", err)
		}
		var res importer.Outcome
		if err := json.Unmarshal(out, &res); err != nil || status != http.StatusOK || res.Status != importer.Imported {
			b.Fatalf("POST /api/v1/import/budget: %d %.500s", status, out)
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

// uploadBudget posts file to the API's budget import as a script would,
// streaming it (never whole in memory), and returns the answer.
func uploadBudget(base, token, file string) (int, []byte, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := func() error {
			for k, v := range map[string]string{"year": "2027", "part": "drift", "version": "vedtatt"} {
				if err := mw.WriteField(k, v); err != nil {
					return err
				}
			}
			fw, err := mw.CreateFormFile("file", filepath.Base(file))
			if err != nil {
				return err
			}
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(fw, f); err != nil {
				return err
			}
			return mw.Close()
		}()
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/import/budget", pr)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
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
