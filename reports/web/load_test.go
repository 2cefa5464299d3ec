package web_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestServer_load drives the server from a second process (testdata/loadgen,
// built here) on loopback for 3 seconds with 16 connections, at most 300 000
// requests, over the page, the calendar and the health check, and logs
// requests per second and latency. Run with -v to see the figures.
func TestServer_load(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "loadgen")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/loadgen").CombinedOutput(); err != nil {
		t.Fatalf("build loadgen: %v\n%s", err, out)
	}
	s := startServer(t)
	for _, tc := range []struct{ name, paths string }{
		{"healthz", "/healthz"},
		{"page", "/"},
		{"calendar", "/arshjul.ics"},
		{"mixed", "/,/arshjul.ics,/healthz"},
	} {
		out, err := exec.Command(bin, "-url", s.URL(), "-paths", tc.paths, "-c", "16", "-d", "2s", "-n", "300000").Output()
		if err != nil {
			t.Fatalf("%s: loadgen: %v", tc.name, err)
		}
		var r struct {
			Requests, Errors   int
			RPS                float64
			P50, P90, P99, Max float64
		}
		var raw map[string]float64
		if err := json.Unmarshal(out, &raw); err != nil {
			t.Fatalf("%s: %v: %s", tc.name, err, out)
		}
		r.Requests, r.Errors, r.RPS = int(raw["requests"]), int(raw["errors"]), raw["rps"]
		r.P50, r.P90, r.P99, r.Max = raw["p50_ms"], raw["p90_ms"], raw["p99_ms"], raw["max_ms"]
		t.Logf("%-8s %7d requests, %d errors, %8.0f req/s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
			tc.name, r.Requests, r.Errors, r.RPS, r.P50, r.P90, r.P99, r.Max)
		if r.Errors > 0 || r.Requests == 0 {
			t.Errorf("%s: %d errors of %d requests", tc.name, r.Errors, r.Requests)
		}
	}
}
