package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// demoAnnualYear is the year of the demo's annual report.
const demoAnnualYear = sample.ReportYear

// The full demo (imports, letters, workbook, annual reports) takes a while,
// and much longer under the race detector, so it runs once per test binary;
// tests take their own copy of its folder and may change it freely.
var sharedDemo struct {
	once   sync.Once
	root   string // the temp folder the demo ran in
	dir    string // root/helsebudsjett-demo
	stdout string
	err    error
}

func runSharedDemo() {
	root, err := os.MkdirTemp("", "helsebudsjett-shared-demo-*")
	if err != nil {
		sharedDemo.err = err
		return
	}
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, workdir: root}
	if code := run(context.Background(), []string{"demo"}, e); code != exitOK {
		sharedDemo.err = &usageError{msg: "demo exit " + errOut.String()}
	}
	sharedDemo.root, sharedDemo.dir, sharedDemo.stdout = root, filepath.Join(root, "helsebudsjett-demo"), out.String()
}

// copyDemo copies the demo's folder to dir/helsebudsjett-demo and returns
// that path and what the demo printed.
func copyDemo(t *testing.T, dir string) (demo, stdout string) {
	t.Helper()
	sharedDemo.once.Do(runSharedDemo)
	if sharedDemo.err != nil {
		t.Fatalf("demo: %v", sharedDemo.err)
	}
	demo = filepath.Join(dir, "helsebudsjett-demo")
	if err := copyTree(sharedDemo.dir, demo); err != nil {
		t.Fatal(err)
	}
	return demo, sharedDemo.stdout
}

// demoWorkspace gives a test its own copy of the demo: the folder with the
// sample files, and the workspace as dir/ws.db.
func demoWorkspace(t *testing.T) (dir, dbFile string) {
	t.Helper()
	demo, _ := copyDemo(t, t.TempDir())
	dbFile = filepath.Join(demo, "ws.db")
	if err := os.Rename(filepath.Join(demo, "helsebudsjett.db"), dbFile); err != nil {
		t.Fatal(err)
	}
	return demo, dbFile
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyOne(p, target)
	})
}

func copyOne(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
