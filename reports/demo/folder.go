package demo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/atomicfile"
	"github.com/helsebudsjett/helsebudsjett/templates/sample"
)

// Marker marks a folder as the demo's own: the demo replaces what is in
// such a folder, and writes into no other folder that holds files.
const Marker = ".helsebudsjett-demo"

// claimDir makes dir the demo's folder, or refuses (EINVALID) when it
// holds files and is not one already: the demo replaces its workspace and
// documents whole, so it must never run in a folder with the user's own
// workspace or files. A folder an earlier demo made before the marker
// existed (with helsebudsjett.db and sample/) counts as the demo's.
func claimDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return budget.Errorf(budget.EINVALID, "demo folder %s: %v", dir, err)
	case len(entries) > 0 && !exists(filepath.Join(dir, Marker)) &&
		!(exists(filepath.Join(dir, WorkspaceFile)) && exists(filepath.Join(dir, SampleDir))):
		return budget.Errorf(budget.EINVALID, "%s holds files and is not a demo folder: the demo replaces everything it writes, so give -o a new or empty folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("make demo folder: %w", err)
	}
	return atomicfile.WriteBytes(filepath.Join(dir, Marker), []byte("This folder was made by 'helsebudsjett demo', which replaces its contents when run again.\n"))
}

// copyBudgetFiles writes the sample's budget files into DIR/sample so the
// user can open them and import them by hand, and returns their paths in
// name order, the order the demo imports them in.
func copyBudgetFiles(dir string) ([]string, error) {
	sampleDir := filepath.Join(dir, SampleDir)
	if err := os.MkdirAll(sampleDir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, name := range []string{sample.ProposalFile, sample.PlanFile, sample.AccountsFile} {
		data, err := fs.ReadFile(sample.Files, name)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(sampleDir, name)
		if err := atomicfile.WriteBytes(dst, data); err != nil {
			return nil, fmt.Errorf("write sample file: %w", err)
		}
		paths = append(paths, dst)
	}
	sort.Strings(paths)
	return paths, nil
}

// extract writes the sample file name (a path in sample.Files) into dir,
// made when missing, and returns its path.
func extract(dir, name string) (string, error) {
	data, err := fs.ReadFile(sample.Files, name)
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	p := filepath.Join(dir, path.Base(name))
	if err := atomicfile.WriteBytes(p, data); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	return p, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}
