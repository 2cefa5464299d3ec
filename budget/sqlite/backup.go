package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// BackupMode is the permission of a backup: it holds password hashes and
// unpublished figures, so only its owner reads it.
const BackupMode = 0o600

// Backup writes a consistent copy of the workspace to path while others
// may go on reading and writing it: VACUUM INTO reads one snapshot (WAL
// lets writers carry on) into a temporary file beside path, which is synced
// and renamed into place, so path is either the old file or a whole copy.
// The copy is a workspace Open accepts. Whether path may be written (not
// the workspace, not an input) is the caller's check (budget/outguard).
func (db *DB) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-"+hex.EncodeToString(rnd[:]))
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("back up the workspace to %s: %w", path, err)
	}
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Chmod(BackupMode); err != nil {
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
	return os.Rename(tmp, abs)
}
