package web_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkServer_load drives the server from a second process
// (testdata/loadgen, built here) on loopback for 2 seconds per path set with
// 16 connections, at most 300 000 requests, over the page, the calendar and
// the health check, and reports requests per second and latency as
// benchmark metrics. It is a benchmark, not a test, so the default run never
// depends on the machine's speed:
//
//	go test -run '^$' -bench ServerLoad -benchtime 1x ./budget/web/
func BenchmarkServerLoad(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "loadgen")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/loadgen").CombinedOutput(); err != nil {
		b.Fatalf("build loadgen: %v\n%s", err, out)
	}
	s := startServer(b)
	for _, tc := range []struct{ name, paths string }{
		{"healthz", "/healthz"},
		{"page", "/"},
		{"calendar", "/arshjul.ics"},
		{"mixed", "/,/arshjul.ics,/healthz"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for range b.N {
				out, err := exec.Command(bin, "-url", s.URL(), "-paths", tc.paths, "-c", "16", "-d", "2s", "-n", "300000").Output()
				if err != nil {
					b.Fatalf("loadgen: %v", err)
				}
				var raw map[string]float64
				if err := json.Unmarshal(out, &raw); err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				if raw["errors"] > 0 || raw["requests"] == 0 {
					b.Errorf("%v errors of %v requests", raw["errors"], raw["requests"])
				}
				b.ReportMetric(raw["rps"], "req/s")
				b.ReportMetric(raw["p50_ms"], "p50-ms")
				b.ReportMetric(raw["p99_ms"], "p99-ms")
				b.ReportMetric(raw["max_ms"], "max-ms")
			}
		})
	}
}
