package outguard_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/outguard"
)

func writeFile(t *testing.T, p, data string) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func symlink(t *testing.T, target, link string) string {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	return link
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	ws := writeFile(t, filepath.Join(dir, "helsebudsjett.db"), "workspace")
	imported := writeFile(t, filepath.Join(dir, "budsjett.csv"), "Ansvar;Beløp\n1;2\n")
	in, err := outguard.Describe(imported)
	if err != nil {
		t.Fatal(err)
	}
	contentOnly := outguard.Input{SHA256: in.SHA256, Size: in.Size}
	guard := outguard.Static{File: ws, Files: []outguard.Input{in}}
	other := writeFile(t, filepath.Join(dir, "other.csv"), "something else")
	copyOf := writeFile(t, filepath.Join(dir, "kopi.csv"), "Ansvar;Beløp\n1;2\n")
	linkWS := symlink(t, "helsebudsjett.db", filepath.Join(dir, "link.db"))
	linkIn := symlink(t, imported, filepath.Join(dir, "link.csv"))
	linkLink := symlink(t, linkIn, filepath.Join(dir, "link2.csv"))
	dangling := symlink(t, filepath.Join(dir, "gone", "..", "budsjett.csv"), filepath.Join(dir, "dangling.csv"))
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(ws, hard); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	cases := []struct {
		name      string
		path      string
		ws        outguard.Workspace
		overwrite bool
		refuse    string // "" when allowed
	}{
		{"new file", filepath.Join(dir, "new.csv"), guard, false, ""},
		{"workspace", ws, guard, true, "is the workspace"},
		{"workspace by another spelling", filepath.Join(sub, "..", "helsebudsjett.db"), guard, true, "is the workspace"},
		{"workspace WAL", ws + "-wal", guard, true, "is the workspace"},
		{"link to the workspace", linkWS, guard, true, "is the workspace (through a link)"},
		{"hard link to the workspace", hard, guard, true, "is the workspace"},
		{"imported file", imported, guard, true, "a file imported into the workspace"},
		{"link to an imported file", linkIn, guard, true, "a file imported"},
		{"link to a link to an imported file", linkLink, guard, true, "a file imported"},
		{"dangling link to an imported file", dangling, guard, true, "a file imported"},
		{"copy of an imported file", copyOf, guard, true, "same contents as"},
		{"copy, known by contents only", copyOf, outguard.Static{Files: []outguard.Input{contentOnly}}, true, "same contents as an imported file"},
		{"other file without force", other, guard, false, "give --force"},
		{"other file with force", other, guard, true, ""},
		{"a folder", sub, guard, true, "is a folder"},
		{"no workspace", other, nil, true, ""},
		{"a device, even with force", "/dev/null", guard, true, "not a regular file"},
		{"a FIFO, even with force", fifo, guard, true, "not a regular file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := outguard.Check(context.Background(), c.ws, c.path, c.overwrite)
			if c.refuse == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("allowed, want refused: %s", c.refuse)
			}
			if budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("code %q, want EINVALID (exit 3)", budget.ErrorCode(err))
			}
			if !strings.Contains(err.Error(), c.refuse) {
				t.Errorf("error %q does not say %q", err, c.refuse)
			}
		})
	}
}
