package inputfile_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// within runs f and fails the test when it takes longer than d: a reader
// that blocks on a FIFO or loops on /dev/zero must not hang the suite.
func within(t *testing.T, d time.Duration, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("still running after %s", d)
		return nil
	}
}

func fifo(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	return p
}

func TestOpen_RefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	pipe := fifo(t)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(pipe, link); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, path, want string }{
		{"folder", dir, "is a folder"},
		{"dev zero", "/dev/zero", "not a regular file"},
		{"FIFO without writer", pipe, "not a regular file"},
		{"link to a FIFO", link, "not a regular file"},
		{"missing", filepath.Join(dir, "nope.csv"), "does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, read := range []struct {
				name string
				f    func() error
			}{
				{"Open", func() error { _, err := inputfile.Open(context.Background(), c.path, "", 0); return err }},
				{"ReadAll", func() error { _, err := inputfile.ReadAll(context.Background(), c.path, "", 0); return err }},
				{"Hash", func() error { _, _, err := inputfile.Hash(context.Background(), c.path, "", 0); return err }},
			} {
				err := within(t, 2*time.Second, read.f)
				if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: got %v, want an EINVALID error saying %q", read.name, err, c.want)
				}
			}
		})
	}
	t.Run("missing still matches fs.ErrNotExist", func(t *testing.T) {
		_, err := inputfile.ReadAll(context.Background(), filepath.Join(dir, "nope"), "", 0)
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("got %v", err)
		}
	})
}

func TestOpen_SizeLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := inputfile.Open(context.Background(), p, "", 99)
	if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), "larger than the limit") || !strings.Contains(err.Error(), "--max-size") {
		t.Errorf("Open: %v", err)
	}
	_, err = inputfile.ReadAll(context.Background(), p, "", 99)
	if budget.ErrorCode(err) != budget.EINVALID || strings.Contains(err.Error(), "--max-size") {
		t.Errorf("ReadAll: %v: a configuration file's limit cannot be raised", err)
	}
	b, err := inputfile.ReadAll(context.Background(), p, "", 100)
	if err != nil || len(b) != 100 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
}

// TestHash_Cancel cancels the reading of a large file and wants it to stop
// within a second, as Ctrl-C must.
func TestHash_Cancel(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	const size = 8 << 30 // sparse: costs no disk, takes many seconds to hash
	if err := f.Truncate(size); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	f.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, _, err = inputfile.Hash(ctx, p, "", size)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("stopped after %s, want within a second of the cancel", d)
	}
}
