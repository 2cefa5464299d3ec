package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "brev.pdf")
	if err := atomicfile.WriteBytes(p, []byte("first")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != atomicfile.Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), os.FileMode(atomicfile.Mode))
	}

	boom := errors.New("boom")
	err = atomicfile.Write(p, func(w io.Writer) error {
		w.Write([]byte("half a sec"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
