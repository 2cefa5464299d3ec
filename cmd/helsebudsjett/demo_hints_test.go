package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemo_sampleFolderHoldsEveryImportedFile checks that the demo leaves
// every file it imports in sample/, so the user can open and re-import it.
func TestDemo_sampleFolderHoldsEveryImportedFile(t *testing.T) {
	demo, _ := copyDemo(t, t.TempDir())
	for _, name := range []string{"okonomiplan-2027-2030.xlsx", "regnskap-2026.csv", "omrader.csv", "targets.csv",
		"enheter.csv", "tiltak.csv", "vurdering.csv", "indikatorer/trangboddhet.csv", "indikatorer/sysselsetting.xlsx"} {
		if fi, err := os.Stat(filepath.Join(demo, "sample", name)); err != nil || fi.Size() == 0 {
			t.Errorf("sample/%s: %v", name, err)
		}
	}
}

// TestDemo_hintsWorkAsPrinted runs every command the demo suggests, as
// printed (with the demo's folder moved to the test's copy), and expects
// each to succeed.
func TestDemo_hintsWorkAsPrinted(t *testing.T) {
	demo, stdout := copyDemo(t, t.TempDir())
	var hints []string
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "try:"))
		if strings.HasPrefix(line, "helsebudsjett ") {
			hints = append(hints, line)
		}
	}
	if len(hints) < 5 {
		t.Fatalf("the demo printed %d hints:\n%s", len(hints), stdout)
	}
	for _, h := range hints {
		t.Run(h, func(t *testing.T) {
			h = strings.ReplaceAll(h, sharedDemo.dir, demo)
			args := strings.Fields(strings.TrimPrefix(h, "helsebudsjett "))
			if args[0] == "serve" {
				checkServeHint(t, args)
				return
			}
			var out, errOut bytes.Buffer
			e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: t.TempDir()}
			if code := run(context.Background(), args, e); code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
			}
			if out.Len() == 0 {
				t.Errorf("printed nothing")
			}
		})
	}
}

// checkServeHint starts the printed serve command on a free port, expects
// it to answer /healthz, and stops it as Ctrl-C would.
func checkServeHint(t *testing.T, args []string) {
	t.Helper()
	base, stop := startServe(t, args...)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: %s", resp.Status)
	}
	stop()
}

// startServe runs the serve command with args on a free loopback port and
// returns its URL once it says where it serves, and a stop that cancels
// it as Ctrl-C would and expects a clean exit.
func startServe(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	args = append(args, "--addr", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: t.TempDir()}
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, e) }()
	urlRE := regexp.MustCompile(`Serving helsebudsjett at (http://\S+)/ `)
	for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited %d before serving\n%s%s", code, out.String(), errOut.String())
		default:
		}
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not say where it serves\n%s%s", out.String(), errOut.String())
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve stopped with exit %d\n%s", code, errOut.String())
		}
	}
	t.Cleanup(stop)
	return base, stop
}
