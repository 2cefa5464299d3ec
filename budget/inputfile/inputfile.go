// Package inputfile is the one way the program opens a file a user gives it
// to read: budgets, indicator tables, areas, units, measures, report forms,
// mappings, catalogues, the wheel, mail and letter configuration, templates.
//
// Open refuses what is not a regular file (a folder, /dev/zero, a FIFO, a
// socket) before reading a byte, without blocking on a FIFO that has no
// writer; refuses files above a size limit; and returns a File whose reads
// fail with the context's error once the context is done, so Ctrl-C and
// SIGTERM stop any reader within one read call. It also stops at the size
// limit when a file grows while it is read.
package inputfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// DefaultMaxSize is the limit when a caller passes 0: large enough for any
// honest budget export, small enough to stop a database dump picked by
// mistake.
const DefaultMaxSize = 256 << 20

// SmallMaxSize is the limit for configuration and mapping files (YAML),
// which are a few KB. Refusals of files read with ReadAll do not point to
// --max-size, which only the data importers have.
const SmallMaxSize = 4 << 20

// File is an open input file. Its Read and ReadAt check the context before
// each call and refuse to read past the size limit.
type File struct {
	ctx   context.Context
	f     *os.File
	name  string
	size  int64
	limit int64
	read  atomic.Int64
}

// Open opens path for reading. name is what messages call the file (its base
// name when ""); maxSize is the size limit (DefaultMaxSize when 0 or less).
// Every refusal is a *budget.Error of code EINVALID that names the file and
// says what to do.
func Open(ctx context.Context, path, name string, maxSize int64) (*File, error) {
	return open(ctx, path, name, maxSize, true)
}

func open(ctx context.Context, path, name string, maxSize int64, flagHint bool) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if name == "" {
		name = filepath.Base(path)
	}
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	// Stat first: opening a FIFO for reading blocks until a writer comes.
	fi, err := os.Stat(path)
	if err != nil {
		return nil, openError(err, name)
	}
	if err := checkMode(fi, name); err != nil {
		return nil, err
	}
	// O_NONBLOCK keeps the open from blocking should the path have been
	// replaced by a FIFO since the Stat; on a regular file it changes nothing.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(err, name)
	}
	fi2, err := f.Stat()
	if err == nil {
		err = checkMode(fi2, name)
	}
	if err == nil && fi2.Size() > maxSize {
		err = tooLarge(name, fi2.Size(), maxSize, flagHint)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{ctx: ctx, f: f, name: name, size: fi2.Size(), limit: maxSize}, nil
}

// ErrTooLarge is in the chain of every refusal of a file for its size
// (errors.Is), so a caller that words it for its own users (a web page
// with no --max-size to raise) can tell.
var ErrTooLarge = errors.New("file larger than the limit")

func tooLarge(name string, size, maxSize int64, flagHint bool) error {
	hint := ""
	if flagHint {
		hint = "; if it is, raise the limit with --max-size"
	}
	return userError{budget.Errorf(budget.EINVALID, "%s is %s, larger than the limit of %s: check that it is the right file%s", name, HumanSize(size), HumanSize(maxSize), hint), ErrTooLarge}
}

// openError words the errors of opening a file for the user. The result
// still matches fs.ErrNotExist and fs.ErrPermission with errors.Is, so a
// caller for whom a missing file is no error can tell.
func openError(err error, name string) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return userError{budget.Errorf(budget.EINVALID, "%s does not exist: check the file name and folder", name), err}
	case errors.Is(err, fs.ErrPermission):
		return userError{budget.Errorf(budget.EINVALID, "%s cannot be read: permission denied; close it in other programs or copy it somewhere you can read it", name), err}
	}
	return fmt.Errorf("open %s: %w", name, err)
}

// userError is a *budget.Error that also wraps the system's error.
type userError struct {
	user  *budget.Error
	cause error
}

func (e userError) Error() string   { return e.user.Message }
func (e userError) Unwrap() []error { return []error{e.user, e.cause} }

// checkMode refuses folders and everything else that is not a regular file:
// devices never end (/dev/zero) and FIFOs block or change under the reader.
func checkMode(fi fs.FileInfo, name string) error {
	switch {
	case fi.IsDir():
		return budget.Errorf(budget.EINVALID, "%s is a folder, not a file: give the path of the file itself", name)
	case !fi.Mode().IsRegular():
		return budget.Errorf(budget.EINVALID, "%s is not a regular file (it is a device, pipe or socket): save the data to a file and give that", name)
	}
	return nil
}

// Name returns the name messages use for the file.
func (f *File) Name() string { return f.name }

// Size returns the file's size when it was opened.
func (f *File) Size() int64 { return f.size }

// Read reads from the file's current offset.
func (f *File) Read(p []byte) (int, error) {
	if err := f.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := f.f.Read(p)
	if f.read.Add(int64(n)) > f.limit {
		return 0, f.grew()
	}
	return n, err
}

// ReadAt reads at offset off, which must lie within the limit.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if err := f.ctx.Err(); err != nil {
		return 0, err
	}
	if off+int64(len(p)) > f.limit {
		return 0, f.grew()
	}
	return f.f.ReadAt(p, off)
}

func (f *File) grew() error {
	return userError{budget.Errorf(budget.EINVALID, "%s grew while it was read, past the limit of %s: wait until it has been written completely and try again", f.name, HumanSize(f.limit)), ErrTooLarge}
}

// Consumed returns how many bytes Read has returned, for a progress bar.
// It is safe to call from another goroutine.
func (f *File) Consumed() int64 { return f.read.Load() }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// ReadAll returns the whole file at path, within maxSize (see Open). It is
// for configuration files, whose limit the user cannot raise, so its refusal
// of a large file does not point to --max-size.
func ReadAll(ctx context.Context, path, name string, maxSize int64) ([]byte, error) {
	f, err := open(ctx, path, name, maxSize, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 0, f.size+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, wrap(err, f.name)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// Sum returns the SHA-256 of data in hex, as Hash gives it for a file
// holding data: for a caller that has read the file already.
func Sum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Hash returns the SHA-256 of the file at path, in hex, and its size:
// the one file hasher of the importers, so every stored sha256 means the
// same thing.
func Hash(ctx context.Context, path, name string, maxSize int64) (string, int64, error) {
	f, err := Open(ctx, path, name, maxSize)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, wrap(err, f.name)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// wrap adds the file name to an I/O error; the context's errors and the
// user's errors pass unchanged, so callers can tell them apart.
func wrap(err error, name string) error {
	var be *budget.Error
	if errors.As(err, &be) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// HumanSize formats a byte count for messages.
func HumanSize(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
