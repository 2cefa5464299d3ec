// Package atomicfile writes output files so that a reader never sees half
// of one and a failure leaves the file that was there before: the data goes
// to a temporary file beside the target, is synced, and is renamed into
// place. No temporary file is left behind, whatever happens.
package atomicfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
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
