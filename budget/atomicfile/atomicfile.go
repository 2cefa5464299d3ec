// Package atomicfile writes output files so that a reader never sees half
// of one and a failure leaves the file that was there before: the data goes
// to a temporary file beside the target, is synced, and is renamed into
// place. No temporary file is left behind, whatever happens.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Mode is the permission of the files written: outputs are ordinary
// documents that colleagues on a shared drive must be able to read
// (os.CreateTemp alone would make them private).
const Mode = 0o644

// Write writes path with what write writes to the buffered writer it is
// given. If write fails, path is left as it was and its error returned.
func Write(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op after the rename
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), Mode); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// WriteBytes writes data to path atomically.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteDir writes files (by slash path, relative to dir) as the new folder
// dir: they are written into a temporary folder beside dir, which is then
// renamed into place, so a reader never sees half a folder. WriteDir
// refuses, writing nothing, when dir exists: a folder of outputs is never
// written over or mixed with what was there.
func WriteDir(dir string, files map[string][]byte) error {
	if _, err := os.Lstat(dir); err == nil {
		return &os.PathError{Op: "write folder", Path: dir, Err: os.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op after the rename
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !fs.ValidPath(n) {
			return fmt.Errorf("write folder %s: %q is not a relative slash path", dir, n)
		}
		path := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[n], Mode); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// ReplaceDir is WriteDir that may also replace an existing folder dir, but
// only one that holds nothing except files named in files (an earlier
// output of the same kind): anything else in it, which a user may have put
// there, makes ReplaceDir refuse and change nothing. The new folder is
// complete before the old one is moved aside.
func ReplaceDir(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return WriteDir(dir, files)
	} else if err != nil {
		return err
	}
	for _, e := range entries {
		if _, ours := files[e.Name()]; !ours || !e.Type().IsRegular() {
			return fmt.Errorf("%s holds %s, which this output does not write: name a new folder, or move it away first", dir, e.Name())
		}
	}
	next := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".new")
	old := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".old")
	os.RemoveAll(next)
	os.RemoveAll(old)
	if err := WriteDir(next, files); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil {
		os.RemoveAll(next)
		return err
	}
	if err := os.Rename(next, dir); err != nil {
		os.Rename(old, dir) // put the old folder back
		return err
	}
	return os.RemoveAll(old)
}
