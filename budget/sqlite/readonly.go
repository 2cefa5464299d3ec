package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

// ErrNeedsWrite is in the chain of OpenReadOnly's error when the workspace
// cannot be read without writing to it first: it is empty, or its schema
// is older than this binary's. Open (read-write) handles both.
var ErrNeedsWrite = errors.New("the workspace must be written before it can be read")

// OpenReadOnly opens an existing workspace for reading only: it writes
// nothing, not even the WAL switch or a migration, so a workspace on a
// read-only file or folder (a copy on a shared drive, an archived year)
// can still be listed and shown. A missing file is ENOTFOUND; an empty one,
// or one whose schema is older than this binary's, is an EINVALID error
// wrapping ErrNeedsWrite.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, budget.Errorf(budget.EINVALID, "no workspace file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "workspace %s: %v", path, err)
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return nil, budget.Errorf(budget.ENOTFOUND, "no workspace at %s", path)
	}
	if err := inspect(path, abs); err != nil {
		return nil, err
	}
	// mode=ro reads a WAL workspace when SQLite may make its -shm file;
	// in a read-only folder it may not, and immutable=1 (no locking, which
	// is safe only because nothing can write there) is the way in.
	var lastErr error
	for _, extra := range [][]string{{"mode", "ro"}, {"immutable", "1"}} {
		sdb, err := sql.Open("sqlite", dsn(abs, extra...))
		if err != nil {
			return nil, fmt.Errorf("open workspace %s: %w", path, err)
		}
		db := &DB{sql: sdb, path: abs}
		if lastErr = db.checkReadOnly(ctx, path); lastErr == nil {
			return db, nil
		}
		sdb.Close()
		if budget.ErrorCode(lastErr) == budget.EINVALID {
			return nil, lastErr
		}
	}
	return nil, fmt.Errorf("open workspace %s read-only: %w", path, lastErr)
}

// checkReadOnly checks, without writing, that the file is a workspace of
// this binary's schema.
func (db *DB) checkReadOnly(ctx context.Context, name string) error {
	var app, ver, tables int64
	err := db.sql.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&app, &ver, &tables)
	if err != nil {
		return err
	}
	switch {
	case app == 0 && tables == 0:
		return needsWrite(fmt.Sprintf("workspace %s is empty: import something into it first", name))
	case app != ApplicationID:
		return foreignError(name)
	case ver > int64(len(migrations)):
		return newerError(name, ver, len(migrations))
	case ver < int64(len(migrations)):
		return needsWrite(fmt.Sprintf("workspace %s was written by an older helsebudsjett (schema %d, this binary knows %d) and must be upgraded, which needs write access: make it writable, or open a writable copy", name, ver, len(migrations)))
	}
	return nil
}

// needsWrite is an EINVALID error with msg that wraps ErrNeedsWrite.
func needsWrite(msg string) error {
	return &needsWriteError{budget.Errorf(budget.EINVALID, "%s", msg)}
}

type needsWriteError struct{ err *budget.Error }

func (e *needsWriteError) Error() string   { return e.err.Message }
func (e *needsWriteError) Unwrap() []error { return []error{e.err, ErrNeedsWrite} }
