package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInputs_NonRegular gives every file-reading command and flag /dev/zero
// and a FIFO without a writer: each must be refused (exit 3) at once,
// never hang at 100 % CPU or block in open.
func TestInputs_NonRegular(t *testing.T) {
	dir := t.TempDir()
	pipes := filepath.Join(dir, "pipes")
	if err := os.Mkdir(pipes, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := func(name string) string {
		p := filepath.Join(pipes, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
		return p
	}
	good := write(t, dir, "budget.csv", sampleCSV)
	tmpl := filepath.Join(dir, "tmpl")
	if err := os.MkdirAll(filepath.Join(tmpl, "nb"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(tmpl, "nb", "innledning.tmpl"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each command has %s where the input goes and the extension a user's
	// file would have.
	cmds := []struct {
		args []string
		ext  string
	}{
		{[]string{"import", "budget", "%s", "--year", "2027"}, ".csv"},
		{[]string{"import", "budget", "%s", "--year", "2027"}, ".txt"},
		{[]string{"import", "budget", good, "--mapping", "%s"}, ".yaml"},
		{[]string{"import", "indicators", "%s", "--indicator", "lavinntekt"}, ".csv"},
		{[]string{"import", "indicators", "%s", "--indicator", "lavinntekt"}, ".json"},
		{[]string{"import", "indicators", good, "--indicator", "lavinntekt", "--mapping", "%s"}, ".yaml"},
		{[]string{"import", "areas", "%s"}, ".csv"},
		{[]string{"import", "catalogue", "%s"}, ".yaml"},
		{[]string{"import", "catalogue", "%s"}, ".xlsx"},
		{[]string{"import", "targets", "%s"}, ".csv"},
		{[]string{"import", "units", "%s"}, ".csv"},
		{[]string{"import", "measures", "%s"}, ".xlsx"},
		{[]string{"import", "ratings", "%s"}, ".xlsx"},
		{[]string{"import", "report", "%s"}, ".xlsx"},
		{[]string{"wheel", "import", "%s"}, ".yaml"},
		{[]string{"wheel", "run-due", "--mail", "%s"}, ".yaml"},
		{[]string{"letters", "--year", "2027", "--config", "%s"}, ".yaml"},
	}
	for _, c := range cmds {
		for _, in := range []string{"/dev/zero", "fifo"} {
			name := strings.Join(c.args, " ") + " " + c.ext + " " + in
			t.Run(name, func(t *testing.T) {
				path := in
				if in == "fifo" {
					path = fifo("input" + c.ext)
				}
				args := make([]string, len(c.args))
				for i, a := range c.args {
					args[i] = strings.ReplaceAll(a, "%s", path)
				}
				args = append(args, "--db", filepath.Join(t.TempDir(), "ws.db"))
				code, stderr := cliWithin(t, dir, 5*time.Second, args...)
				if code != exitRejected || !strings.Contains(stderr, "not a regular file") {
					t.Errorf("exit %d, want %d saying the input is not a regular file; stderr:\n%s", code, exitRejected, stderr)
				}
			})
		}
	}
	t.Run("letters --templates with a FIFO", func(t *testing.T) {
		code, stderr := cliWithin(t, dir, 5*time.Second, "letters", "--year", "2027", "--templates", tmpl, "--db", filepath.Join(t.TempDir(), "ws.db"))
		if code != exitRejected || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("exit %d; stderr:\n%s", code, stderr)
		}
	})
}

// cliWithin is cli that fails the test when the command runs longer than d.
func cliWithin(t *testing.T, dir string, d time.Duration, args ...string) (int, string) {
	t.Helper()
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := cli(t, dir, args...)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(d):
		t.Fatalf("%v still running after %s", args, d)
		return 0, ""
	}
}
