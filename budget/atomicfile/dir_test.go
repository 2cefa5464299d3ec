package atomicfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
)

func TestWriteDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "rapport")
	files := map[string][]byte{"index.html": []byte("<p>1</p>"), "a/b.css": []byte("p{}")}
	if err := atomicfile.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	for n, want := range files {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n))); err != nil || string(got) != string(want) {
			t.Errorf("%s: %q %v", n, got, err)
		}
	}
	if err := atomicfile.WriteDir(dir, files); !errors.Is(err, os.ErrExist) {
		t.Errorf("over an existing folder: %v, want ErrExist", err)
	}
	if err := atomicfile.WriteDir(filepath.Join(base, "x"), map[string][]byte{"../ut.txt": nil}); err == nil {
		t.Error("a path out of the folder was written")
	}
	if _, err := os.Stat(filepath.Join(base, "ut.txt")); err == nil {
		t.Error("../ut.txt exists")
	}
	if es, _ := os.ReadDir(base); len(es) != 1 {
		t.Errorf("left behind: %v", es)
	}
}

func TestReplaceDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rapport")
	v1 := map[string][]byte{"index.html": []byte("v1"), "rapport.css": []byte("c1")}
	v2 := map[string][]byte{"index.html": []byte("v2"), "rapport.css": []byte("c2")}
	if err := atomicfile.ReplaceDir(dir, v1); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.ReplaceDir(dir, v2); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "v2" {
		t.Errorf("index.html %q after the replace", got)
	}
	// A file of the user's in the folder: refused, nothing changed.
	if err := os.WriteFile(filepath.Join(dir, "notat.docx"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := atomicfile.ReplaceDir(dir, v1)
	if err == nil || !strings.Contains(err.Error(), "notat.docx") {
		t.Fatalf("with a user's file inside: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "v2" {
		t.Errorf("index.html %q after a refused replace", got)
	}
	if es, _ := os.ReadDir(filepath.Dir(dir)); len(es) != 1 {
		t.Errorf("left behind: %v", es)
	}
}
