package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnlyWorkspace: the list and show commands read a workspace whose
// file, or whose folder, the user may not write. The commands run in a
// child process; as root, which may write anything, the child runs as
// nobody so the permissions hold.
func TestReadOnlyWorkspace(t *testing.T) {
	root := t.TempDir()
	bin := filepath.Join(root, "helsebudsjett.test")
	if err := copyOne(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name             string
		fileMode, dirMod os.FileMode
	}{
		{"read-only file", 0o444, 0o777},
		{"read-only folder", 0o444, 0o555},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			ws := filepath.Join(dir, "ws", "helsebudsjett.db")
			os.Mkdir(filepath.Dir(ws), 0o755)
			f := write(t, dir, "b.csv", sampleCSV)
			if code, _, stderr := cli(t, dir, "import", "budget", f, "--db", ws, "--part", "drift"); code != exitOK {
				t.Fatalf("import: exit %d: %s", code, stderr)
			}
			for _, p := range []string{filepath.Dir(root), root, bin, filepath.Dir(dir), dir} {
				mode := os.FileMode(0o755)
				if err := os.Chmod(p, mode); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Chmod(ws, c.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(filepath.Dir(ws), c.dirMod); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(filepath.Dir(ws), 0o755) })
			before := readAll(t, ws)
			for _, args := range [][]string{
				{"budget", "datasets"},
				{"budget", "summary", "--year", "2027", "--by", "funksjon"},
				{"budget", "lines", "--year", "2027", "--csv"},
				{"indicators", "list"},
				{"measures", "list"},
				{"wheel", "list", "--year", "2027"},
			} {
				cmd := exec.Command(bin, append(args, "--db", ws)...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "HELSEBUDSJETT_RUN_MAIN=1")
				if os.Geteuid() == 0 {
					cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
				}
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
			if after := readAll(t, ws); string(before) != string(after) {
				t.Errorf("reading changed the workspace")
			}
		})
	}
}
