// Package outguard decides whether a command may write an output file. Every
// writer asks Check before it writes: no output ever lands on the workspace,
// on a file that was imported into it (known by its path and by its
// contents), or on a path that leads to one of them through links; and an
// output lands on any other existing file only when the user said so.
package outguard

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// Input is a file the workspace was built from.
type Input struct {
	Path   string // absolute, links resolved; "" when only the contents are known
	SHA256 string // lower-case hex
	Size   int64  // bytes; negative when unknown
}

// Workspace is what Check needs of the store: where its file is and which
// files were imported into it.
type Workspace interface {
	Path() string
	Inputs(ctx context.Context) ([]Input, error)
}

// Static is a Workspace given by value, for commands that have no workspace
// open: File is the workspace file (it may not exist), Files the inputs
// known.
type Static struct {
	File  string
	Files []Input
}

// Path returns s.File.
func (s Static) Path() string { return s.File }

// Inputs returns s.Files.
func (s Static) Inputs(context.Context) ([]Input, error) { return s.Files, nil }

// Check returns nil when path may be written, and otherwise an EINVALID
// *budget.Error saying why:
//   - path is the workspace file or one of its -wal, -shm or -journal files;
//   - path is a file that was imported, or leads to one (or to the
//     workspace) through symbolic or hard links;
//   - path exists with the same contents as an imported file (a copy of
//     the ERP export is as much the user's input as the export itself);
//   - path is a folder;
//   - path exists and overwrite is false: the caller passes the user's
//     --force, or true where the command's contract is to replace its own
//     earlier output.
//
// A path that does not exist may always be written, unless a dangling link
// there points at the workspace or an input.
func Check(ctx context.Context, ws Workspace, path string, overwrite bool) error {
	target, err := resolve(path)
	if err != nil {
		return budget.Errorf(budget.EINVALID, "cannot write %s: %v", path, err)
	}
	tfi, statErr := os.Stat(path)
	if statErr == nil && tfi.IsDir() {
		return budget.Errorf(budget.EINVALID, "cannot write %s: it is a folder; give a file name", path)
	}
	if statErr == nil && !tfi.Mode().IsRegular() {
		// The atomic write renames over the path: over /dev/null it would
		// replace the device, and reading a FIFO first would hang.
		return budget.Errorf(budget.EINVALID, "cannot write %s: it is not a regular file (a device, pipe or socket); give a file name", path)
	}
	same := func(other string) bool {
		if other == "" {
			return false
		}
		o, err := resolve(other)
		if err != nil {
			return false
		}
		if o == target {
			return true
		}
		ofi, err := os.Stat(other)
		return err == nil && statErr == nil && os.SameFile(ofi, tfi)
	}
	if ws != nil && ws.Path() != "" {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if same(ws.Path() + suffix) {
				return budget.Errorf(budget.EINVALID, "refusing to write %s: it is the workspace%s; write the output to another file",
					path, linkNote(path))
			}
		}
	}
	var inputs []Input
	if ws != nil {
		if inputs, err = ws.Inputs(ctx); err != nil {
			return fmt.Errorf("check %s against the imported files: %w", path, err)
		}
	}
	for _, in := range inputs {
		if same(in.Path) {
			return budget.Errorf(budget.EINVALID, "refusing to write %s: it is %s, a file imported into the workspace%s; write the output to another file",
				path, in.Path, linkNote(path))
		}
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		return nil
	}
	if statErr != nil {
		return budget.Errorf(budget.EINVALID, "cannot write %s: %v", path, statErr)
	}
	if tfi.Mode().IsRegular() {
		var sum string
		for _, in := range inputs {
			if in.SHA256 == "" || in.Size >= 0 && in.Size != tfi.Size() {
				continue
			}
			if sum == "" {
				if sum, err = fileSHA256(ctx, path); err != nil {
					return budget.Errorf(budget.EINVALID, "cannot write %s: %v", path, err)
				}
			}
			if strings.EqualFold(sum, in.SHA256) {
				from := "an imported file"
				if in.Path != "" {
					from = in.Path + ", a file imported into the workspace"
				}
				return budget.Errorf(budget.EINVALID, "refusing to write %s: it has the same contents as %s; write the output to another file", path, from)
			}
		}
	}
	if !overwrite {
		return budget.Errorf(budget.EINVALID, "%s exists: give --force to overwrite it, or write to another file", path)
	}
	return nil
}

// Describe returns the Input for the file at path: its absolute path with
// links resolved, its sha256 and its size.
func Describe(path string) (Input, error) {
	p, err := resolve(path)
	if err != nil {
		return Input{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Input{}, err
	}
	sum, err := fileSHA256(context.Background(), path)
	if err != nil {
		return Input{}, err
	}
	return Input{Path: p, SHA256: sum, Size: fi.Size()}, nil
}

// linkNote tells the user when the path they gave is a link, since the
// name alone does not show why it is refused.
func linkNote(path string) string {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return " (through a link)"
	}
	return ""
}

// maxLinks bounds how many links resolve follows, as the kernel does.
const maxLinks = 40

// resolve returns path made absolute with every link resolved, also the
// last one when it dangles and also when the file does not exist yet (then
// its folder is resolved).
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for i := 0; i < maxLinks; i++ {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r, nil
		}
		dir, base := filepath.Split(abs)
		if rd, err := filepath.EvalSymlinks(dir); err == nil {
			dir = rd
		}
		abs = filepath.Join(dir, base)
		fi, err := os.Lstat(abs)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return abs, nil // a file yet to be made
		}
		dest, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(dir, dest)
		}
		abs = filepath.Clean(dest)
	}
	return "", errors.New("too many levels of links")
}

// fileSHA256 hashes through inputfile, which refuses what is not a
// regular file; outputs may be larger than any input, so the limit is
// only a sanity bound.
func fileSHA256(ctx context.Context, path string) (string, error) {
	sum, _, err := inputfile.Hash(ctx, path, "", 1<<40)
	return sum, err
}
