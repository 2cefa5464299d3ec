package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// TestMain lets a test run the real command in a child process: the child
// is this test binary with HELSEBUDSJETT_RUN_MAIN set.
func TestMain(m *testing.M) {
	if os.Getenv("HELSEBUDSJETT_RUN_MAIN") == "1" {
		main()
		return
	}
	code := m.Run()
	if sharedDemo.root != "" {
		os.RemoveAll(sharedDemo.root)
	}
	os.Exit(code)
}

// TestImport_Interrupted stops an import midway, by Ctrl-C and by kill -9,
// and checks that the workspace is as it was and nothing is left behind.
func TestImport_Interrupted(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	writeBig(t, big, 400_000)
	seed := write(t, dir, "seed.csv", sampleCSV)
	db := filepath.Join(dir, "ws.db")
	if code, _, stderr := cli(t, dir, "import", "budget", seed, "--db", db, "--part", "drift"); code != exitOK {
		t.Fatalf("seed import: %s", stderr)
	}
	_, before, _ := cli(t, dir, "budget", "datasets", "--db", db, "--json")

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "import", "budget", big, "--year", "2027", "--db", db, "--part", "drift")
			cmd.Env = append(os.Environ(), "HELSEBUDSJETT_RUN_MAIN=1")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitForWrites(t, db+"-wal")
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if err == nil {
				t.Fatalf("import finished before the %s arrived; make the file larger", sig)
			}
			if sig == syscall.SIGINT && !strings.Contains(stderr.String(), "nothing was changed") {
				t.Errorf("Ctrl-C message: %q", stderr.String())
			}
			_, after, _ := cli(t, dir, "budget", "datasets", "--db", db, "--json")
			if after != before {
				t.Errorf("workspace changed by an interrupted import:\nbefore %s\nafter %s", before, after)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), "tmp") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

func writeBig(t *testing.T, path string, lines int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := sample.WriteCSV(w, sample.Spec{Lines: lines, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// waitForWrites returns once the import has written a megabyte to the
// workspace's write-ahead log, so the signal lands mid-import.
func waitForWrites(t *testing.T, wal string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(wal); err == nil && fi.Size() > 1<<20 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the import never started writing")
}
